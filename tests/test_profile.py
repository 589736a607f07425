import pytest
from nicegui.testing import User

from models.org import User as Person
from services import accounts
from services.errors import Invalid
from services.passwords import verify_password
from tests import factories
from tests.factories_org import choose
from tests.helpers import by_testid, sign_in


async def fill_password_form(user: User, current: str, new: str, repeat: str) -> None:
    await user.open('/profile')
    by_testid(user, 'profile-password-current').type(current)
    by_testid(user, 'profile-password-new').type(new)
    by_testid(user, 'profile-password-repeat').type(repeat)
    by_testid(user, 'profile-password-save').click()


async def test_person_changes_their_own_password(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await fill_password_form(user, factories.PASSWORD, 'a brand new passphrase', 'a brand new passphrase')

    await user.should_see('Password changed.', retries=30)
    matches, _ = await verify_password('a brand new passphrase', (await Person.get(id=ben.id)).password_hash)
    assert matches


@pytest.mark.parametrize(('current', 'new', 'repeat', 'message'), [
    ('wrong password', 'a brand new passphrase', 'a brand new passphrase', 'The current password is wrong.'),
    (factories.PASSWORD, 'short', 'short', 'Use at least 8 characters.'),
    (factories.PASSWORD, 'password1', 'password1', 'This password is too common; choose another.'),
    (factories.PASSWORD, 'a brand new passphrase', 'a different passphrase', 'The two passwords differ.'),
])
async def test_bad_password_change_says_so_and_keeps_the_old_password(user: User, current: str, new: str,
                                                                      repeat: str, message: str) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    before = (await Person.get(id=ben.id)).password_hash

    await fill_password_form(user, current, new, repeat)

    await user.should_see(message, retries=30)
    assert (await Person.get(id=ben.id)).password_hash == before


async def test_choosing_chinese_reloads_the_page_in_chinese(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    await user.open('/profile')

    choose(user, 'profile-language', '简体中文')
    by_testid(user, 'profile-language-save').click()

    await user.should_see('修改密码', retries=30)
    assert (await Person.get(id=ben.id)).locale == 'zh_CN'


async def test_browser_default_forgets_the_chosen_language(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    await accounts.set_locale(ben, 'zh_CN')
    await user.open('/profile')
    await user.should_see('修改密码')

    choose(user, 'profile-language', '浏览器默认')
    by_testid(user, 'profile-language-save').click()

    await user.should_see('Change password', retries=30)
    assert (await Person.get(id=ben.id)).locale is None


async def test_unknown_language_is_refused(database) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)

    with pytest.raises(Invalid, match='Unknown language.'):
        await accounts.set_locale(ben, 'klingon')
    assert (await Person.get(id=ben.id)).locale is None

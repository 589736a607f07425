import ast
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from locales import catalog
from models.checkin import CheckIn
from models.integrations import DataLink, LinkCredential
from services import checkins
from services.errors import Forbidden, Invalid, NotFound
from services.integrations import links
from tests import factories
from tests import factories_integrations as fakes
from tests.factories_okrs import Org, org

pytestmark = pytest.mark.usefixtures('database')

JIRA = {'provider': 'jira', 'base_url': 'https://jira.acme.test', 'jql': 'project = OKR', 'measure': 'done_count',
        'user': fakes.JIRA_USER, 'token': fakes.JIRA_TOKEN}
TRELLO = {'provider': 'trello', 'base_url': '', 'board_id': fakes.BOARD, 'done_list_id': fakes.DONE_LIST,
          'measure': 'done_share', 'key': fakes.TRELLO_KEY, 'token': fakes.TRELLO_TOKEN}


@pytest.fixture
async def acme() -> Org:
    return await org()


async def link(acme: Org, kr_id: int, **given: Any) -> links.LinkView:
    return await links.link_key_result(acme.ben, key_result_id=kr_id, **given)


async def test_link_view_tells_everything_but_the_credential(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)

    view = await link(acme, kr.id, **JIRA)

    assert (view.provider, view.base_url, view.jql, view.points_field, view.set_up_by) \
        == ('jira', 'https://jira.acme.test', 'project = OKR', 'customfield_10016', 'Ben')
    shown = repr(dataclasses.asdict(view))
    assert fakes.JIRA_TOKEN not in shown and fakes.JIRA_USER not in shown
    stored = await LinkCredential.get(link__key_result_id=kr.id)
    assert (stored.user, stored.token) == (fakes.JIRA_USER, fakes.JIRA_TOKEN)
    assert fakes.JIRA_TOKEN not in repr(stored)


async def test_trello_link_defaults_to_trellos_own_address_and_reads_a_pasted_board_address(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)

    view = await link(acme, kr.id, **TRELLO | {'board_id': f'https://trello.com/b/{fakes.BOARD}/roadmap'})

    assert (view.base_url, view.board_id) == ('https://api.trello.com', fakes.BOARD)


async def test_blank_credential_fields_keep_the_stored_ones_when_editing(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)
    await link(acme, kr.id, **JIRA)

    await link(acme, kr.id, **JIRA | {'jql': 'project = WEB', 'user': '', 'token': ''})

    stored = await LinkCredential.get(link__key_result_id=kr.id)
    assert (stored.user, stored.token) == (fakes.JIRA_USER, fakes.JIRA_TOKEN)
    assert (await DataLink.get(key_result_id=kr.id)).jql == 'project = WEB'
    assert await DataLink.all().count() == 1


async def test_a_new_user_needs_the_token_again(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)
    await link(acme, kr.id, **JIRA)

    with pytest.raises(Invalid) as error:
        await link(acme, kr.id, **JIRA | {'user': 'other@acme.test', 'token': ''})

    assert error.value.field == 'token'
    assert (await LinkCredential.get(link__key_result_id=kr.id)).user == fakes.JIRA_USER


async def test_switching_provider_asks_for_the_new_credential(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme, kind='percent', target=100)
    await link(acme, kr.id, **TRELLO)

    with pytest.raises(Invalid) as error:
        await link(acme, kr.id, **JIRA | {'measure': 'done_share', 'token': ''})

    assert error.value.field == 'token'
    assert (await DataLink.get(key_result_id=kr.id)).provider == 'trello'


BAD_INPUT = [
    ({'provider': 'github'}, 'provider', 'Choose Jira or Trello.'),
    ({'base_url': ''}, 'base_url', 'Enter the server address.'),
    ({'base_url': 'ftp://jira.acme.test'}, 'base_url', 'Enter an address such as https://jira.example.com.'),
    ({'base_url': 'https://'}, 'base_url', 'Enter an address such as https://jira.example.com.'),
    ({'base_url': 'jira.acme.test'}, 'base_url', 'Enter an address such as https://jira.example.com.'),
    ({'base_url': 'https://jira.acme.test:99999'}, 'base_url', 'Enter an address such as https://jira.example.com.'),
    ({'base_url': 'https://bob:pw@jira.acme.test'}, 'base_url',
     'Put the user and token in their own fields, not in the address.'),
    ({'base_url': 'https://jira.acme.test/?x=1'}, 'base_url', 'Enter the server address without a query (? or #).'),
    ({'base_url': 'https://jira.acme.test/' + 'a' * 500}, 'base_url', 'Use at most {n} characters.'),
    ({'base_url': 'http://169.254.169.254'}, 'base_url', 'This address is not allowed.'),
    ({'base_url': 'http://[fe80::1]'}, 'base_url', 'This address is not allowed.'),
    ({'jql': '   '}, 'jql', 'Enter a JQL query.'),
    ({'jql': 'x' * 2001}, 'jql', 'Use at most {n} characters.'),
    ({'measure': 'velocity'}, 'measure', 'Choose what to count.'),
    ({'points_field': 'story points'}, 'points_field', 'Enter a Jira field id such as customfield_10016.'),
    ({'token': ''}, 'token', 'This field is required.'),
    ({'token': 'two words'}, 'token', 'Remove the spaces from this field.'),
    ({'user': 'u' * 201}, 'user', 'Use at most {n} characters.'),
]


@pytest.mark.parametrize(('change', 'field', 'message'), BAD_INPUT, ids=[f'{c}' for c, _, _ in BAD_INPUT])
async def test_bad_jira_input_names_the_field_and_writes_nothing(acme: Org, change: dict, field: str,
                                                                 message: str) -> None:
    kr = await fakes.bens_key_result(acme)

    with pytest.raises(Invalid) as error:
        await link(acme, kr.id, **JIRA | change)

    assert (error.value.field, error.value.message) == (field, message)
    assert await DataLink.all().count() == 0 and await LinkCredential.all().count() == 0


TRELLO_BAD = [
    ({'board_id': 'abc'}, 'board_id', 'Enter the board id: the 8 characters after /b/ in the board address.'),
    ({'done_list_id': 'not-a-list'}, 'done_list_id', 'Enter the list id: 24 characters, digits and a to f.'),
    ({'measure': 'story_points'}, 'measure', 'Choose what to count.'),
    ({'key': ''}, 'key', 'This field is required.'),
]


@pytest.mark.parametrize(('change', 'field', 'message'), TRELLO_BAD, ids=[f'{c}' for c, _, _ in TRELLO_BAD])
async def test_bad_trello_input_names_the_field_and_writes_nothing(acme: Org, change: dict, field: str,
                                                                   message: str) -> None:
    kr = await fakes.bens_key_result(acme, kind='percent', target=100)

    with pytest.raises(Invalid) as error:
        await link(acme, kr.id, **TRELLO | change)

    assert (error.value.field, error.value.message) == (field, message)
    assert await DataLink.all().count() == 0


async def test_percent_key_result_takes_only_the_share_done(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme, kind='percent', target=100)

    with pytest.raises(Invalid) as error:
        await link(acme, kr.id, **JIRA)

    assert error.value.field == 'measure'
    assert await DataLink.all().count() == 0


async def test_milestone_key_result_cannot_be_linked(acme: Org) -> None:
    objective = await factories.objective(acme.cycle, owner=acme.ben)
    kr = await factories.key_result(objective, owner=acme.ben, kind='milestone', steps=['a', 'b'])

    with pytest.raises(Invalid):
        await link(acme, kr.id, **JIRA)

    assert await DataLink.all().count() == 0


async def test_someone_who_may_not_check_in_can_neither_link_nor_unlink(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)
    await link(acme, kr.id, **JIRA)

    with pytest.raises(Forbidden):
        await links.link_key_result(acme.cara, key_result_id=kr.id, **JIRA | {'jql': 'project = X'})
    with pytest.raises(Forbidden):
        await links.unlink_key_result(acme.cara, kr.id)

    assert (await DataLink.get(key_result_id=kr.id)).jql == 'project = OKR'


async def test_a_viewer_sees_the_link_but_may_not_change_it(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)
    await link(acme, kr.id, **JIRA)

    assert (await links.link_view(acme.cara, kr.id)).can_change is False  # type: ignore[union-attr]
    assert (await links.link_view(acme.lena, kr.id)).can_change is True  # type: ignore[union-attr]


async def test_unlinking_drops_link_and_credential_but_keeps_checkins(acme: Org) -> None:
    kr = await fakes.bens_key_result(acme)
    await link(acme, kr.id, **JIRA)
    await checkins.record_checkin(acme.ben, key_result_id=kr.id, value=3, confidence=7, source='jira')

    await links.unlink_key_result(acme.ben, kr.id)

    assert await links.link_view(acme.ben, kr.id) is None
    assert await LinkCredential.all().count() == 0
    assert await CheckIn.filter(key_result_id=kr.id).count() == 1
    with pytest.raises(NotFound):
        await links.unlink_key_result(acme.ben, kr.id)


def test_every_stored_failure_reason_has_a_chinese_translation() -> None:
    folder = Path(__file__).parent.parent / 'services' / 'integrations'
    reasons = set()
    for path in folder.glob('*.py'):
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if isinstance(node, ast.Call) and getattr(node.func, 'id', '') in ('RemoteError', '_failed'):
                texts = [arg for arg in node.args if isinstance(arg, (ast.Constant, ast.JoinedStr))]
                reasons.update(ast.literal_eval(text) for text in texts if isinstance(text, ast.Constant)
                               and isinstance(text.value, str))
            if isinstance(node, ast.keyword) and node.arg == 'not_found':
                reasons.add(ast.literal_eval(node.value))

    assert len(reasons) > 15
    assert not reasons - set(catalog('zh_CN'))

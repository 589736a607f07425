"""The single sign-on settings: what a bad combination says, and how the domain list is read."""
import pytest
from pydantic import ValidationError

from config import Settings


def test_admins_only_local_login_needs_single_sign_on() -> None:
    with pytest.raises(ValidationError, match='OKRBOARD_OIDC_ISSUER'):
        Settings(local_login='admins_only')


def test_an_issuer_needs_a_client_id() -> None:
    with pytest.raises(ValidationError, match='OKRBOARD_OIDC_CLIENT_ID'):
        Settings(oidc_issuer='https://sso.acme.test')


def test_scopes_must_ask_for_openid() -> None:
    with pytest.raises(ValidationError, match='openid'):
        Settings(oidc_scopes='email profile')


def test_local_login_knows_only_its_two_modes() -> None:
    with pytest.raises(ValidationError):
        Settings(local_login='nobody')


def test_allowed_domains_are_read_loosely() -> None:
    read = Settings(oidc_issuer='https://sso.acme.test', oidc_client_id='okrboard',
                    oidc_domains=' Acme.test, @beta.TEST,,')

    assert read.sso and read.sso_domains == {'acme.test', 'beta.test'}
    assert read.oidc_name == 'Company SSO' and read.oidc_scopes == 'openid email profile'
    assert read.local_login == 'all' and not read.oidc_auto_create

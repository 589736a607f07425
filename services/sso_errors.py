"""Why a single sign-on was refused: one error class per case, each with a stable reason code."""
from services.errors import ServiceError


def N_(text: str) -> str:  # noqa: N802 (the marker pages use; the catalog test finds these texts by this name)
    return text


MESSAGES: dict[str, str] = {
    'unreachable': N_('The sign-in service cannot be reached. Try again in a moment.'),
    'state': N_('This sign-in link has expired or was already used. Please start again.'),
    'token': N_('The sign-in service sent an answer okrboard cannot trust. Please start again.'),
    'denied': N_('The sign-in service did not sign you in.'),
    'email': N_('Your sign-in account has no verified e-mail address.'),
    'person': N_('No one in okrboard has this e-mail address. Ask an admin to add you.'),
    'domain': N_('People with this e-mail domain cannot join okrboard by themselves. Ask an admin to add you.'),
    'inactive': N_('Your okrboard account is deactivated.'),
    'local': N_('Please sign in with {name}.'),
}


class SsoRefused(ServiceError):
    """A refused sign-in; `reason` survives a redirect to the login page, which shows its message."""
    reason = 'denied'

    def __init__(self, *, field: str = 'sso', **params: str) -> None:
        super().__init__(MESSAGES[self.reason], field=field, **params)


class ProviderUnreachable(SsoRefused):
    reason = 'unreachable'


class StateMismatch(SsoRefused):
    reason = 'state'


class InvalidToken(SsoRefused):
    reason = 'token'


class ProviderDenied(SsoRefused):
    reason = 'denied'


class EmailNotVerified(SsoRefused):
    reason = 'email'


class NoSuchPerson(SsoRefused):
    reason = 'person'


class DomainNotAllowed(SsoRefused):
    reason = 'domain'


class PersonInactive(SsoRefused):
    reason = 'inactive'


class LocalLoginOff(SsoRefused):
    """A member's correct password when only admins may sign in locally."""
    reason = 'local'


def message_for(reason: str) -> str | None:
    """The English message behind a reason code from the login page's URL; None for unknown codes."""
    return MESSAGES.get(reason) if reason != 'local' else None

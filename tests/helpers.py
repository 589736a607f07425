"""Finding elements by their data-testid in NiceGUI's simulated user, as browser tests do."""
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction


def find_testid(user: User, name: str, **data: object) -> list[ui.element]:
    assert user.client is not None
    wanted = {f'data-{key.replace("_", "-")}': str(value) for key, value in data.items()}
    return [element for element in user.client.layout.descendants()
            if element.props.get('data-testid') == name
            and all(str(element.props.get(key)) == value for key, value in wanted.items())]


def by_testid(user: User, name: str, **data: object) -> UserInteraction:
    """The elements carrying data-testid=`name` (and data-* attributes from `data`); at least one."""
    elements = find_testid(user, name, **data)
    assert elements, f'no element with data-testid={name} {data or ""}'
    return UserInteraction(user, set(elements), None)


async def sign_in(user: User, email: str, password: str | None = None) -> None:
    """Sign in through the login page and wait for the home page."""
    from tests import factories
    await user.open('/login')
    by_testid(user, 'login-email').type(email)
    by_testid(user, 'login-password').type(password or factories.PASSWORD)
    by_testid(user, 'login-submit').click()
    await user.should_see('My key results', retries=30)


class QueryCount:
    """Counts the SQL statements sent through the default connection inside a `with` block."""

    def __init__(self) -> None:
        self.count = 0

    def __enter__(self) -> 'QueryCount':
        from tortoise import connections
        self.connection = connections.get('default')
        for name in ('execute_query', 'execute_query_dict'):
            setattr(self.connection, name, self._counted(getattr(self.connection, name)))
        return self

    def __exit__(self, *_: object) -> None:
        del self.connection.execute_query, self.connection.execute_query_dict

    def _counted(self, method):
        async def call(*args: object, **kwargs: object) -> object:
            self.count += 1
            return await method(*args, **kwargs)
        return call

"""Helpers for the org, cycle, people and profile page tests."""
import asyncio

from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from tests.helpers import find_testid


def choose_input(user: User, name: str, text: str) -> None:
    UserInteraction(user, set(find_testid(user, name)), None).type(text)


def choose(user: User, name: str, label: str, **data: object) -> None:
    """Open the select with data-testid=`name` and pick the option shown as `label`."""
    elements = find_testid(user, name, **data)
    assert elements, f'no select with data-testid={name}'
    UserInteraction(user, set(elements), label).click().click()


async def wait_for(user: User, name: str, retries: int = 30, **data: object) -> UserInteraction:
    """The elements with data-testid=`name`, once an async handler has built them."""
    for _ in range(retries):
        if elements := find_testid(user, name, **data):
            return UserInteraction(user, set(elements), None)
        await asyncio.sleep(0.05)
    raise AssertionError(f'no element with data-testid={name} {data or ""}')


async def wait_gone(user: User, name: str, retries: int = 40, **data: object) -> None:
    """Wait until no element carries data-testid=`name` (a dialog closed after a save)."""
    for _ in range(retries):
        if not find_testid(user, name, **data):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'data-testid={name} is still shown')

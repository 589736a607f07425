"""Refreshing a section when the event bus says something changed."""
from nicegui import Client, ui


async def refresh(section: ui.refreshable, client: Client) -> None:
    """Refresh a section; a client that went away while it was being rebuilt is no error."""
    if client.is_deleted:
        return
    try:
        await section.refresh()
    except RuntimeError:
        if not client.is_deleted:
            raise

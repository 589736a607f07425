"""NiceGUI pages. They read and write through services only."""
import importlib

from fastapi import APIRouter

AREAS = ('auth', 'home', 'objectives', 'tree', 'teams', 'cycles', 'people', 'profile', 'imports', 'board',
         'notifications', 'channels', 'dashboard', 'reports', 'feedback', 'sso', 'webhooks', 'reviews',
         'calendar', 'audit', 'stars', 'retrospectives', 'knowledge', 'reports_weekly')


def routers() -> list[APIRouter]:
    """Every page area's router; main.py includes them (again for every simulated test app)."""
    return [importlib.import_module(f'pages.{area}').router for area in AREAS]

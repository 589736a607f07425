"""The REST API under /api/v1, its OpenAPI schema at /api/openapi.json and its docs at /api/docs."""
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from swagger_ui_bundle import swagger_ui_path

from api.v1 import reads, writes
from api.v1.errors import error_response

PREFIX = '/api/v1'
SCHEMA_PATH = '/api/openapi.json'
DOCS_PATH = '/api/docs'
VERSION = '1.0.0'
ASSETS_PATH = '/api/docs/assets'
ASSETS = ('swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png')  # served here: no CDN, works offline

api = APIRouter(prefix=PREFIX)
api.include_router(reads.router)
api.include_router(writes.router)
docs = APIRouter()
_schema: dict[str, Any] = {}


def openapi_schema() -> dict[str, Any]:
    """The schema of /api/v1 alone: NiceGUI's own routes stay out of it."""
    if not _schema:
        _schema.update(get_openapi(
            title='okrboard API', version=VERSION, routes=api.routes, servers=[{'url': '/'}],
            description='Objectives, key results and check-ins of okrboard. Authenticate with a personal access '
                        'token from your profile page: `Authorization: Bearer <token>`.'))
    return _schema


@docs.get(SCHEMA_PATH, include_in_schema=False)
async def served_schema() -> JSONResponse:
    return JSONResponse(openapi_schema())


@docs.get(DOCS_PATH, include_in_schema=False)
async def served_docs() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=SCHEMA_PATH, title='okrboard API',
                               swagger_js_url=f'{ASSETS_PATH}/{ASSETS[0]}',
                               swagger_css_url=f'{ASSETS_PATH}/{ASSETS[1]}',
                               swagger_favicon_url=f'{ASSETS_PATH}/{ASSETS[2]}')


@docs.get(ASSETS_PATH + '/{name}', include_in_schema=False)
async def docs_asset(name: str) -> Response:
    if name not in ASSETS:
        return error_response(404, 'There is no such file.')
    return FileResponse(Path(swagger_ui_path) / name, headers={'Cache-Control': 'public, max-age=86400'})


@docs.api_route(PREFIX + '/{rest:path}', methods=['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], include_in_schema=False)
async def unknown_path(request: Request, rest: str) -> JSONResponse:
    return error_response(404, 'There is no such API path.')


routers = [api, docs]

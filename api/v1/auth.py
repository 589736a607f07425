"""Bearer-token authentication, scopes and the per-token rate limit, as FastAPI dependencies."""
from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.v1.errors import ApiProblem
from models.org import User
from services import tokens

bearer = HTTPBearer(auto_error=False, description='A personal access token, created on your profile page')
CHALLENGE = {'WWW-Authenticate': 'Bearer'}


async def token_use(credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> tokens.TokenUse:
    if credentials is None or credentials.scheme.lower() != 'bearer':
        raise ApiProblem(401, 'Send a personal access token as "Authorization: Bearer <token>".', CHALLENGE)
    use = await tokens.authenticate(credentials.credentials)
    if use is None:
        raise ApiProblem(401, 'This token is unknown, revoked, or its owner is no longer active.', CHALLENGE)
    tokens.limiter.check(use.key)
    return use


async def reader(use: Annotated[tokens.TokenUse, Depends(token_use)]) -> User:
    return use.owner


async def writer(use: Annotated[tokens.TokenUse, Depends(token_use)]) -> User:
    if not use.can_write:
        raise ApiProblem(403, 'This token may only read; create a read-write token to make changes.')
    return use.owner


Reader = Annotated[User, Depends(reader)]
Writer = Annotated[User, Depends(writer)]

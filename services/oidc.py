"""Talking OpenID Connect to the configured provider: discovery, keys, code exchange, ID token checks."""
import logging
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from config import settings
from services import clock
from services.sso_errors import InvalidToken, ProviderUnreachable

log = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(5.0)
METADATA_TTL = timedelta(hours=1)
CLOCK_LEEWAY_SECONDS = 60
REQUIRED_ENDPOINTS = ('authorization_endpoint', 'token_endpoint', 'jwks_uri')

_metadata: dict[str, tuple[datetime, dict[str, Any]]] = {}
_keys: dict[str, dict[str, Any]] = {}


def forget() -> None:
    """Drop the cached discovery documents and keys (after a settings change, and between tests)."""
    _metadata.clear()
    _keys.clear()


async def _get_json(url: str) -> dict[str, Any]:
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
            response = await client.get(url)
        response.raise_for_status()
        found = response.json()
    except (httpx.HTTPError, ValueError) as error:
        log.warning('single sign-on provider unreachable: %s', type(error).__name__)
        raise ProviderUnreachable() from error
    if not isinstance(found, dict):
        raise ProviderUnreachable()
    return found


async def metadata() -> dict[str, Any]:
    """The provider's discovery document, fetched at most once an hour."""
    issuer = settings().oidc_issuer.rstrip('/')
    cached = _metadata.get(issuer)
    if cached is not None and cached[0] > clock.now():
        return cached[1]
    found = await _get_json(f'{issuer}/.well-known/openid-configuration')
    if found.get('issuer', '').rstrip('/') != issuer or not all(found.get(key) for key in REQUIRED_ENDPOINTS):
        log.warning('single sign-on discovery document does not match the configured issuer')
        raise ProviderUnreachable()
    _metadata[issuer] = (clock.now() + METADATA_TTL, found)
    return found


async def _key_set(refresh: bool = False) -> KeySet:
    uri = (await metadata())['jwks_uri']
    if refresh or uri not in _keys:
        _keys[uri] = await _get_json(uri)
    try:
        return KeySet.import_key_set(_keys[uri])  # type: ignore[arg-type] (a JWKS document is a dict)
    except (JoseError, ValueError, KeyError, TypeError) as error:
        raise ProviderUnreachable() from error


async def authorization_url(*, redirect_uri: str, state: str, nonce: str, code_verifier: str) -> str:
    """Where to send the browser: the provider's sign-in page, with state, nonce and a PKCE challenge."""
    endpoint = (await metadata())['authorization_endpoint']
    return prepare_grant_uri(endpoint, client_id=settings().oidc_client_id, response_type='code',
                             redirect_uri=redirect_uri, scope=settings().oidc_scopes, state=state, nonce=nonce,
                             code_challenge=create_s256_code_challenge(code_verifier), code_challenge_method='S256')


def _client_credentials(found: dict[str, Any]) -> tuple[dict[str, str], httpx.BasicAuth | None]:
    """HTTP Basic by default; in the form body when the provider only takes that, or with no secret at all."""
    client_id, secret = settings().oidc_client_id, settings().oidc_client_secret
    methods = found.get('token_endpoint_auth_methods_supported') or ['client_secret_basic']
    if not secret:
        return {'client_id': client_id}, None
    if 'client_secret_basic' not in methods and 'client_secret_post' in methods:
        return {'client_id': client_id, 'client_secret': secret}, None
    return {}, httpx.BasicAuth(quote(client_id, safe=''), quote(secret, safe=''))  # RFC 6749 2.3.1 encodes both


async def exchange_code(*, code: str, code_verifier: str, redirect_uri: str) -> dict[str, Any]:
    """The provider's token response for an authorization code (sent with the PKCE verifier)."""
    found = await metadata()
    credentials, auth = _client_credentials(found)
    form = {'grant_type': 'authorization_code', 'code': code, 'redirect_uri': redirect_uri,
            'code_verifier': code_verifier, **credentials}
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
            response = await client.post(found['token_endpoint'], data=form, auth=auth,
                                         headers={'Accept': 'application/json'})
    except httpx.HTTPError as error:
        log.warning('single sign-on token request failed: %s', type(error).__name__)
        raise ProviderUnreachable() from error
    try:
        token = response.json()
    except ValueError:
        token = None
    if response.status_code != 200 or not isinstance(token, dict) or not isinstance(token.get('id_token'), str):
        log.warning('single sign-on code exchange refused with status %s', response.status_code)
        raise InvalidToken()
    return token


async def id_token_claims(token: dict[str, Any], *, nonce: str) -> dict[str, Any]:
    """The claims of the ID token once its signature, issuer, audience, expiry and nonce are checked."""
    found = await metadata()
    algorithms = found.get('id_token_signing_alg_values_supported') or ['RS256']
    registry = JWSRegistry(algorithms=[name for name in algorithms if name != 'none'], strict_check_header=False)
    try:
        try:
            decoded = jwt.decode(token['id_token'], await _key_set(), registry=registry)
        except InvalidKeyIdError:  # the provider rotated its keys since we cached them
            decoded = jwt.decode(token['id_token'], await _key_set(refresh=True), registry=registry)
        client_id = settings().oidc_client_id
        claims = CodeIDToken(decoded.claims, decoded.header, {
            'iss': {'essential': True, 'value': found['issuer']},
            'aud': {'essential': True, 'value': client_id},
            'nonce': {'essential': True, 'value': nonce},
        }, {'nonce': nonce, 'client_id': client_id, 'access_token': token.get('access_token')})
        claims.validate(now=int(clock.now().timestamp()), leeway=CLOCK_LEEWAY_SECONDS)
    except (JoseError, ValueError) as error:
        log.warning('single sign-on ID token refused: %s', type(error).__name__)
        raise InvalidToken() from error
    return dict(claims)

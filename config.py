"""The one settings object, read from OKRBOARD_* environment variables."""
import secrets
import sys
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCALES = ('zh_CN', 'en')


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix='OKRBOARD_', extra='ignore')

    host: str = '0.0.0.0'
    port: int = Field(8080, ge=1, le=65535)
    data_dir: Path = Path('data')
    database_url: str = ''
    storage_secret: str = ''
    default_locale: str = 'zh_CN'
    timezone: str = 'Asia/Shanghai'
    base_url: str = ''
    session_hours: int = Field(72, ge=1, le=24 * 30)
    smtp_url: str = ''  # smtp://user:password@host:port[?starttls=1] or smtps://...: an e-mail channel
    oidc_issuer: str = ''  # single sign-on: the provider's issuer URL (discovery under /.well-known/...)
    oidc_client_id: str = ''
    oidc_client_secret: str = ''
    oidc_name: str = 'Company SSO'  # shown on the login button
    oidc_scopes: str = 'openid email profile'
    oidc_auto_create: bool = False  # a first SSO sign-in creates the person when the domain is allowed
    oidc_domains: str = ''  # comma-separated e-mail domains auto-creation accepts; empty: none
    oidc_allow_unverified_email: bool = False  # for providers that never send email_verified (Azure AD)
    local_login: Literal['all', 'admins_only'] = 'all'  # admins_only: members sign in through SSO
    pdf_font: str = ''  # a .ttf with Chinese glyphs for PDF exports; empty: known system paths are tried

    @field_validator('default_locale')
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f'must be one of {", ".join(LOCALES)}')
        return value

    @field_validator('timezone')
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError('is not a known IANA time zone such as Asia/Shanghai') from error
        return value

    @field_validator('oidc_scopes')
    @classmethod
    def _asks_for_openid(cls, value: str) -> str:
        if 'openid' not in value.split():
            raise ValueError('must include openid')
        return value

    @model_validator(mode='after')
    def _sso_complete(self) -> 'Settings':
        if self.oidc_issuer and not self.oidc_client_id:
            raise ValueError('OKRBOARD_OIDC_CLIENT_ID is needed with OKRBOARD_OIDC_ISSUER')
        if self.local_login == 'admins_only' and not self.oidc_issuer:
            raise ValueError('OKRBOARD_LOCAL_LOGIN=admins_only needs single sign-on (OKRBOARD_OIDC_ISSUER)')
        return self

    @property
    def sso(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def sso_domains(self) -> frozenset[str]:
        return frozenset(part.strip().lstrip('@').lower() for part in self.oidc_domains.split(',') if part.strip())

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def https(self) -> bool:
        return self.base_url.startswith('https://')

    def resolved_database_url(self) -> str:
        return self.database_url or f'sqlite://{(self.data_dir / "okrboard.sqlite3").as_posix()}'

    def resolved_storage_secret(self) -> str:
        """The configured secret, else one generated once and kept in the data directory."""
        if self.storage_secret:
            return self.storage_secret
        path = self.data_dir / 'storage_secret'
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache(maxsize=1)
def settings() -> Settings:
    """Read the settings once; a bad value stops the process with one line naming the setting."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = 'OKRBOARD_' + str(first['loc'][0]).upper() if first['loc'] else 'OKRBOARD_*'
        sys.exit(f'okrboard: bad setting {name}: {first["msg"]}')

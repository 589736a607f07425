"""Password hashing with argon2id, off the event loop."""
import asyncio
import threading

from passlib.context import CryptContext

from services.errors import Invalid

# OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (about 20 ms here).
_context = CryptContext(schemes=['argon2'], argon2__type='ID', argon2__memory_cost=19456,
                        argon2__time_cost=2, argon2__parallelism=1)
_hashing_slots = threading.BoundedSemaphore(4)  # a login storm must not allocate 19 MiB per attempt at once
MIN_LENGTH = 8
MAX_LENGTH = 1024
COMMON = frozenset({
    '12345678', '123456789', '1234567890', 'password', 'password1', 'qwertyui', 'qwerty123', '11111111',
    '88888888', '00000000', 'iloveyou', 'abc12345', 'abcd1234', 'a1234567', '1qaz2wsx', 'admin123',
    'welcome1', 'sunshine', 'football', 'baseball', 'princess', 'passw0rd', 'qwertyuiop', 'woaini1314',
    '5201314520', 'zxcvbnm1', 'aa123456', 'asdfghjk', 'changeme', 'letmein1', 'p@ssw0rd', 'okrboard',
})


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid('Use at least {n} characters.', field='password', n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise Invalid('Use at most {n} characters.', field='password', n=MAX_LENGTH)
    if password.lower() in COMMON:
        raise Invalid('This password is too common; choose another.', field='password')


def _hash(password: str) -> str:
    with _hashing_slots:
        return _context.hash(password)


def _verify(password: str, hashed: str) -> tuple[bool, bool]:
    with _hashing_slots:
        ok = _context.verify(password, hashed)
        return ok, ok and _context.needs_update(hashed)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hash, password)


async def verify_password(password: str, hashed: str | None) -> tuple[bool, bool]:
    """(matches, needs rehash). Without a hash it still spends the time of a real check."""
    return await asyncio.to_thread(_verify, password, hashed or _DUMMY)


_DUMMY = _context.hash('okrboard timing equaliser')

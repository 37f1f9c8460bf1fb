"""Secret access tokens: only their hash is stored, so a database leak reveals no links."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG


def new_token() -> tuple[str, str]:
    """Return a fresh URL-safe token and the hash to store for it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()

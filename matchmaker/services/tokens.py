"""Secret access tokens and codes.

Personal links carry a random token of which only the hash is stored, so a database leak
reveals no links. Codes that only open one narrow thing (a check-in at the desk, a read-only
calendar feed) are derived from the app's secret key instead, so they need no column.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app

TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG
CODE_HEX_DIGITS = 32  # derived codes: 128 bits of an HMAC-SHA256


def new_token() -> tuple[str, str]:
    """Return a fresh URL-safe token and the hash to store for it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def keyed_code(purpose: str, *parts: object) -> str:
    """Return a code for ``purpose`` and ``parts``: stable, unguessable without the secret key."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    message = ":".join([purpose, *map(str, parts)]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:CODE_HEX_DIGITS]


def code_matches(expected: str, given: str) -> bool:
    """Compare a code in constant time, ignoring case and surrounding space."""
    return hmac.compare_digest(expected, given.strip().lower()[: 2 * CODE_HEX_DIGITS])

"""Configuration from environment variables, with safe defaults for development.

``MATCHMAKER_ENV`` selects the mode: ``development`` (default), ``demo``, ``testing`` or
``production``. Production refuses to start without a real ``SECRET_KEY``; development and demo
generate one and keep it in the instance folder so sessions survive restarts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENVIRONMENTS = ("development", "demo", "testing", "production")
LANGUAGES = ("en", "de")
# Values that must never serve as a production secret.
WEAK_SECRETS = {"", "dev", "secret", "changeme", "change-me", "development"}


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


def _instance_secret(instance_path: Path) -> str:
    """Return the secret key stored in the instance folder, creating it on first use."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def _normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres URLs (SQLAlchemy defaults to psycopg2)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def build_config(
    instance_path: Path, environ: dict[str, str] | None = None, overrides: dict | None = None
) -> dict[str, Any]:
    """Return the Flask configuration for this environment, or raise ConfigError."""
    env = dict(os.environ if environ is None else environ)
    overrides = dict(overrides or {})
    mode = overrides.get("ENV_NAME") or env.get("MATCHMAKER_ENV", "development")
    if mode not in ENVIRONMENTS:
        raise ConfigError(f"MATCHMAKER_ENV must be one of {', '.join(ENVIRONMENTS)}, not {mode!r}")

    secret = overrides.get("SECRET_KEY") or env.get("SECRET_KEY", "")
    if mode == "production":
        if secret.strip().lower() in WEAK_SECRETS or len(secret) < 32:
            raise ConfigError(
                "SECRET_KEY must be set to a random value of at least 32 characters in "
                "production (e.g. python -c 'import secrets; print(secrets.token_hex(32))')"
            )
    elif not secret:
        secret = "testing-secret-key-not-for-production" if mode == "testing" else ""
        secret = secret or _instance_secret(instance_path)

    timezone = env.get("MATCHMAKER_TIMEZONE", "Europe/Berlin")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a name too long
        raise ConfigError(f"MATCHMAKER_TIMEZONE {timezone!r} is not an IANA time zone") from exc

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'matchmaker.db'}"
    config: dict[str, Any] = {
        "ENV_NAME": mode,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _normalise_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": env.get("REDIS_URL") or None,
        "RQ_QUEUE": env.get("RQ_QUEUE", "matchmaker"),
        "DEFAULT_TIMEZONE": timezone,
        "LANGUAGES": LANGUAGES,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "TESTING": mode == "testing",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": mode == "production",
        "REMEMBER_COOKIE_SECURE": mode == "production",
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # outgoing mail; without MAIL_SERVER, mail stays in the organiser's outbox unsent
        # where the app is reached from outside, for links in files made outside a request
        "PUBLIC_URL": env.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/"),
        "MAIL_SERVER": env.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(env.get("MAIL_PORT", "587")),
        "MAIL_USE_TLS": env.get("MAIL_USE_TLS", "true").lower() in ("1", "true", "yes"),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_SENDER": env.get("MAIL_SENDER", "matchmaker@localhost"),
    }
    config.update(overrides)
    if "SQLALCHEMY_DATABASE_URI" in overrides:
        config["SQLALCHEMY_DATABASE_URI"] = _normalise_database_url(
            overrides["SQLALCHEMY_DATABASE_URI"]
        )
    return config

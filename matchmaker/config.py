"""Configuration from environment variables, with safe defaults for development.

``MATCHMAKER_ENV`` selects the mode: ``development`` (default), ``demo``, ``testing`` or
``production``. Production refuses to start without a real ``SECRET_KEY``; development and demo
generate one and keep it in the instance folder so sessions survive restarts.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENVIRONMENTS = ("development", "demo", "testing", "production")
LANGUAGES = ("en", "de")
# Values that must never serve as a production secret.
WEAK_SECRETS = {"", "dev", "secret", "changeme", "change-me", "development"}
# the rate limits MATCHMAKER_RATE_LIMITS can tune (defaults in services.throttle.LIMITS)
RATE_LIMIT_NAMES = ("register", "request", "link", "link_email")


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


def _proxy_count(value: str) -> int:
    """Read MATCHMAKER_PROXY_FIX: how many proxies (0 = none) stand in front of the app."""
    try:
        count = int(value.strip() or "0")
    except ValueError:
        count = -1
    if not 0 <= count <= 5:
        raise ConfigError(
            f"MATCHMAKER_PROXY_FIX must be the number of reverse proxies (0 to 5), not {value!r}"
        )
    return count


def _rate_limits(value: str) -> tuple[bool, dict[str, tuple[int, int]]]:
    """Read MATCHMAKER_RATE_LIMITS: ``on``, ``off`` or ``name=COUNT/SECONDS,...`` overrides."""
    value = value.strip().lower()
    if value in ("", "on", "1", "true", "yes"):
        return True, {}
    if value in ("off", "0", "false", "no"):
        return False, {}
    limits: dict[str, tuple[int, int]] = {}
    for part in value.split(","):
        name, _, spec = part.strip().partition("=")
        count, _, seconds = spec.partition("/")
        if name not in RATE_LIMIT_NAMES or not count.isdigit() or not seconds.isdigit():
            raise ConfigError(
                "MATCHMAKER_RATE_LIMITS must be on, off or NAME=COUNT/SECONDS pairs separated "
                f"by commas, with NAME one of {', '.join(RATE_LIMIT_NAMES)}; not {part!r}"
            )
        limits[name] = (int(count), int(seconds))
    return True, limits


def _seconds(env: dict[str, str], name: str, default: str) -> float:
    try:
        value = float(env.get(name, default))
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ConfigError(f"{name} must be a positive number of seconds, not {env[name]!r}")
    return value


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

    rate_limits_on, rate_limits = _rate_limits(env.get("MATCHMAKER_RATE_LIMITS", "on"))
    heartbeat = _seconds(env, "RUN_HEARTBEAT_SECONDS", "10")
    stale = _seconds(env, "RUN_STALE_SECONDS", "60")

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'matchmaker.db'}"
    config: dict[str, Any] = {
        "ENV_NAME": mode,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _normalise_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": env.get("REDIS_URL") or None,
        "RQ_QUEUE": env.get("RQ_QUEUE", "matchmaker"),
        # a running schedule run records a sign of life this often; one silent for longer than
        # RUN_STALE_SECONDS (and three heartbeats) has lost its worker and is marked failed
        "RUN_HEARTBEAT_SECONDS": heartbeat,
        "RUN_STALE_SECONDS": stale,
        "DEFAULT_TIMEZONE": timezone,
        "LANGUAGES": LANGUAGES,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "TESTING": mode == "testing",
        # cookies: never readable by scripts, not sent on cross-site subrequests, and in
        # production only over HTTPS (development and the demo run on plain http)
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": mode == "production",
        "REMEMBER_COOKIE_SECURE": mode == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",  # Flask-Login sets no SameSite unless told
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),  # Flask-Login's default is a year
        # reverse proxies in front of the app whose X-Forwarded-* headers are trusted
        "PROXY_FIX": _proxy_count(env.get("MATCHMAKER_PROXY_FIX", "0")),
        # rate limits on registration, meeting requests and link e-mails (not on login)
        "RATE_LIMITS_ENABLED": rate_limits_on,
        "RATE_LIMITS": rate_limits,
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

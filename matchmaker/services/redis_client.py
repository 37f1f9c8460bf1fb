"""The app's one Redis client: throttle counts, the run queue and job states share its pool."""

from __future__ import annotations

from flask import current_app
from redis import Redis


def redis_client() -> Redis | None:
    """Return the app's Redis client for ``REDIS_URL``, or None when Redis is not configured.

    One client (and connection pool) per app and address, instead of a new connection for each
    login attempt, registration or run page; short timeouts, so a Redis that is away costs a
    request at most a few seconds before the caller falls back.
    """
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    clients = current_app.extensions.setdefault("matchmaker.redis", {})
    if url not in clients:
        clients[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=3)
    return clients[url]

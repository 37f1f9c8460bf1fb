"""A small sliding-window limiter for login attempts, in Redis when configured.

With Redis every worker process shares the counts; without it (development, one process) they
are kept in memory. If Redis cannot be reached, the counts fall back to memory too (per process,
so an attacker gets at most the limit per process), with a warning in the log: logging in must
not fail because Redis is down.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError

_lock = threading.Lock()


def _memory() -> dict[str, deque[float]]:
    """The app's own counts: kept per app, so two apps (or tests) never share them."""
    return current_app.extensions.setdefault("matchmaker.throttle", defaultdict(deque))


def _redis() -> Redis | None:
    url = current_app.config.get("REDIS_URL")
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2) if url else None


def _unreachable(error: RedisError) -> None:
    current_app.logger.warning("Redis unreachable; login attempts counted in memory: %s", error)


def _name(key: str) -> str:
    return current_app.config.get("THROTTLE_PREFIX", "matchmaker:throttle:") + key


def too_many(key: str, limit: int, window: float) -> bool:
    """Tell whether ``key`` has used up its ``limit`` attempts in the last ``window`` seconds."""
    redis = _redis()
    if redis is not None:
        now = time.time()
        name = _name(key)
        try:
            redis.zremrangebyscore(name, 0, now - window)
            return redis.zcard(name) >= limit
        except RedisError as exc:
            _unreachable(exc)
    with _lock:
        hits = _memory()[key]
        while hits and hits[0] < time.monotonic() - window:
            hits.popleft()
        return len(hits) >= limit


def hit(key: str, window: float) -> None:
    """Record one attempt for ``key``."""
    redis = _redis()
    if redis is not None:
        now = time.time()
        name = _name(key)
        try:
            redis.zadd(name, {f"{now}:{id(object())}": now})
            redis.expire(name, int(window) + 1)
            return
        except RedisError as exc:
            _unreachable(exc)
    with _lock:
        _memory()[key].append(time.monotonic())


def reset(key: str) -> None:
    """Forget the attempts of ``key`` (after a successful login)."""
    redis = _redis()
    if redis is not None:
        try:
            redis.delete(_name(key))
        except RedisError as exc:
            _unreachable(exc)
    with _lock:
        _memory().pop(key, None)

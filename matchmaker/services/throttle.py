"""A small sliding-window limiter for login attempts, in Redis when configured.

With Redis every worker process shares the counts; without it (development, one process) they
are kept in memory.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from flask import current_app
from redis import Redis

_lock = threading.Lock()


def _memory() -> dict[str, deque[float]]:
    """The app's own counts: kept per app, so two apps (or tests) never share them."""
    return current_app.extensions.setdefault("matchmaker.throttle", defaultdict(deque))


def _redis() -> Redis | None:
    url = current_app.config.get("REDIS_URL")
    return Redis.from_url(url, socket_timeout=2) if url else None


def _name(key: str) -> str:
    return current_app.config.get("THROTTLE_PREFIX", "matchmaker:throttle:") + key


def too_many(key: str, limit: int, window: float) -> bool:
    """Tell whether ``key`` has used up its ``limit`` attempts in the last ``window`` seconds."""
    redis = _redis()
    if redis is not None:
        now = time.time()
        name = _name(key)
        redis.zremrangebyscore(name, 0, now - window)
        return redis.zcard(name) >= limit
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
        redis.zadd(name, {f"{now}:{id(object())}": now})
        redis.expire(name, int(window) + 1)
        return
    with _lock:
        _memory()[key].append(time.monotonic())


def reset(key: str) -> None:
    """Forget the attempts of ``key`` (after a successful login)."""
    redis = _redis()
    if redis is not None:
        redis.delete(_name(key))
        return
    with _lock:
        _memory().pop(key, None)

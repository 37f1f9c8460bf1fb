"""A small sliding-window limiter for logins, registrations, requests and link e-mails.

With Redis every worker process shares the counts; without it (development, one process) they
are kept in memory. Failed logins are always limited; the other limits can be tuned or switched
off (``RATE_LIMITS_ENABLED``, ``RATE_LIMITS``; the load test, say, comes from one address).
If Redis cannot be reached, the counts fall back to memory too (per process, so an attacker gets
at most the limit per process), with a warning in the log: logging in must not fail because
Redis is down.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
from collections import defaultdict, deque

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError

from matchmaker.services.redis_client import redis_client

_lock = threading.Lock()


def _memory() -> dict[str, deque[float]]:
    """The app's own counts: kept per app, so two apps (or tests) never share them."""
    return current_app.extensions.setdefault("matchmaker.throttle", defaultdict(deque))


def _redis() -> Redis | None:
    return redis_client()


def _unreachable(error: RedisError) -> None:
    current_app.logger.warning("Redis unreachable; attempts counted in memory: %s", error)


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
            redis.zadd(name, {f"{now}:{uuid.uuid4().hex}": now})
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


# (count, seconds) by name; the app's RATE_LIMITS config overrides single entries
LIMITS: dict[str, tuple[int, int]] = {
    "register": (10, 600),  # registrations per client address and event
    "request": (30, 600),  # meeting requests sent per participant
    "link": (10, 600),  # "send me my link" per client address and event
    "link_email": (3, 600),  # ... and per e-mail address, so nobody's inbox is flooded
}


class RateLimited(Exception):
    """A limit is used up; ``retry_after`` says in how many seconds a new attempt counts."""

    def __init__(self, name: str, retry_after: int) -> None:
        super().__init__(f"rate limit {name} reached; retry after {retry_after} s")
        self.name = name
        self.retry_after = retry_after


def limit(name: str, key: str) -> None:
    """Count one use of the limit ``name`` by ``key``; raise RateLimited when it is used up."""
    config = current_app.config
    if not config.get("RATE_LIMITS_ENABLED", True):
        return
    count, window = {**LIMITS, **config.get("RATE_LIMITS", {})}[name]
    wait = take(f"{name}:{key}", count, window)
    if wait:
        raise RateLimited(name, wait)


def take(key: str, limit: int, window: float) -> int:
    """Record an attempt for ``key`` if it is within ``limit`` per ``window`` seconds and return
    0; else record nothing and return the whole seconds until the oldest attempt lapses."""
    redis = _redis()
    if redis is not None:
        now = time.time()
        name = _name(key)
        member = f"{now}:{uuid.uuid4().hex}"
        # one transaction: concurrent workers cannot both slip in under the limit
        pipe = redis.pipeline(transaction=True)
        pipe.zremrangebyscore(name, 0, now - window)
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.zrange(name, 0, 0, withscores=True)
        pipe.expire(name, math.ceil(window) + 1)
        try:
            _, _, used, oldest, _ = pipe.execute()
            if used <= limit:
                return 0
            redis.zrem(name, member)  # refused attempts do not prolong the wait
            return max(1, math.ceil(oldest[0][1] + window - now))
        except RedisError as exc:
            _unreachable(exc)
    with _lock:
        now = time.monotonic()
        hits = _memory()[key]
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= limit:
            return max(1, math.ceil(hits[0] + window - now))
        hits.append(now)
        return 0

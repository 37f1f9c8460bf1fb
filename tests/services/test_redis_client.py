"""One Redis client per app and address, so requests reuse its connection pool."""

from matchmaker.services.redis_client import redis_client


def test_no_client_without_redis(app):
    app.config["REDIS_URL"] = None
    assert redis_client() is None


def test_one_client_per_address(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    first = redis_client()
    assert redis_client() is first  # no new connection pool per call
    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/1"
    assert redis_client() is not first

"""Security headers on every response: every GET route of the URL map, errors and 429s too."""

from __future__ import annotations

import pytest
from flask import request

from matchmaker import create_app
from matchmaker.security import CONTENT_SECURITY_POLICY
from tests.security.conftest import get_rules

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_secure_headers(headers: dict[str, str], where: str) -> None:
    assert policy(headers["Content-Security-Policy"]) == CSP, where
    assert headers["X-Frame-Options"] == "DENY", where
    assert headers["X-Content-Type-Options"] == "nosniff", where
    assert headers["Referrer-Policy"] == "same-origin", where
    assert "camera=()" in headers["Permissions-Policy"], where
    assert "geolocation=()" in headers["Permissions-Policy"], where


def test_policy_never_allows_inline_code():
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert policy(CONTENT_SECURITY_POLICY) == CSP


def test_every_get_route_renders_with_security_headers(world_app, crawl):
    answered = {page.rule.rule for page in crawl if page.status == 200}
    missing = [r.rule for r in get_rules(world_app) if r.rule not in answered]
    assert missing == [], "routes that rendered for neither event"
    for page in crawl:
        assert page.status < 500, page.url
        assert_secure_headers(page.headers, page.url)
        assert "Strict-Transport-Security" not in page.headers, page.url  # plain http here


def test_personal_and_organiser_pages_are_not_stored(crawl):
    private = [p for p in crawl if p.url.startswith(("/p/", "/organiser", "/calendar/"))]
    assert len(private) > 30
    for page in private:
        if page.url.endswith(".ics") and page.status == 200:
            # the feed keeps its own rule: out of shared caches, revalidated by its ETag
            assert page.headers["Cache-Control"] == "private, no-cache", page.url
        else:
            assert page.headers["Cache-Control"] == "no-store", page.url


def test_public_pages_may_be_cached(crawl):
    public = [p for p in crawl if p.url.startswith(("/e/", "/static/")) and p.status == 200]
    assert public and all("no-store" not in p.headers.get("Cache-Control", "") for p in public)


def test_error_pages_carry_security_headers(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert_secure_headers(dict(response.headers), "404")
    assert client.get("/p/unknown-token").headers["Cache-Control"] == "no-store"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def _request_seen_by(database_url: str, proxies: int, headers: dict[str, str]):  # noqa: ANN202
    app = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url, "PROXY_FIX": proxies}
    )
    seen = {}

    @app.get("/whoami")
    def whoami():  # noqa: ANN202
        seen.update(secure=request.is_secure, addr=request.remote_addr)
        return "ok"

    return app.test_client().get("/whoami", headers=headers), seen


def test_forwarded_https_counts_only_behind_a_configured_proxy(database_url):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    direct, seen = _request_seen_by(database_url, 0, forwarded)
    assert seen == {"secure": False, "addr": "127.0.0.1"}
    assert "Strict-Transport-Security" not in direct.headers
    proxied, seen = _request_seen_by(database_url, 1, forwarded)
    assert seen == {"secure": True, "addr": "203.0.113.7"}
    assert proxied.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize("value", ["two", "-1", "9"])
def test_proxy_fix_setting_must_be_a_small_number(tmp_path, value):
    from matchmaker.config import ConfigError, build_config

    with pytest.raises(ConfigError, match="MATCHMAKER_PROXY_FIX"):
        build_config(tmp_path, {"MATCHMAKER_PROXY_FIX": value})

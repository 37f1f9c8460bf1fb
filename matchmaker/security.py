"""Security headers on every response, and the proxy setting that makes HTTPS visible to Flask.

Pages carry no inline scripts or styles (a test scans the templates), so the Content Security
Policy can forbid them outright: an injected ``<script>`` or ``onerror=`` never runs even if
escaping were ever missed.
"""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Personal links carry their secret token in the path (/p/<token>/...). "same-origin" sends a
# referrer only to this site itself, never to another one (a participant's website linked from
# a profile, say), so no token can end up in someone else's server log. Browsers' default,
# strict-origin-when-cross-origin, would send only the origin, but older ones send the full URL.
REFERRER_POLICY = "same-origin"
# the pages use no device APIs; deny them so an injected frame or script could not either
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000"  # a year; no includeSubDomains, other hosts of the domain are not ours

# pages with personal data or the organiser console: never kept in shared or browser caches
PRIVATE_PREFIXES = ("/p/", "/organiser", "/calendar/")


def secure_headers(response: Response) -> Response:
    """Add the security headers to a response."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:  # HSTS over plain HTTP is ignored by browsers and misleading
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.path.startswith(PRIVATE_PREFIXES) and "Cache-Control" not in headers:
        # a view's own rule stays: the calendar feed's "private, no-cache" keeps it out of
        # shared caches while calendar clients may still revalidate it with its ETag
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Trust the configured number of reverse proxies and add the headers to every response."""
    proxies = app.config.get("PROXY_FIX", 0)
    if proxies:
        # X-Forwarded-For/-Proto/-Host/-Port from exactly this many proxies: the client's own
        # address for rate limits and request.is_secure for HSTS and Secure cookies
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    app.after_request(secure_headers)

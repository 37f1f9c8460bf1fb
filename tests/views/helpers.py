"""Helpers for driving the organiser pages through HTTP with CSRF on."""

import re

PASSWORD = "correct horse battery"


def csrf(client, path: str = "/organiser/login") -> str:
    """Return the CSRF token of the first form on a page."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)[1]


def login(client, email: str, password: str = PASSWORD, headers: dict | None = None):
    """Log an organiser in through the login form and return the response."""
    data = {"csrf_token": csrf(client), "email": email, "password": password}
    return client.post("/organiser/login", data=data, headers=headers or {"Accept-Language": "en"})

"""Helpers for driving the organiser pages through HTTP with CSRF on."""

import re
import time

PASSWORD = "correct horse battery"


def csrf_from(html: str) -> str:
    """Return the CSRF token of the first form in a page's HTML."""
    return re.search(r'name="csrf_token"[^>]* value="([^"]+)"', html)[1]


def csrf(client, path: str = "/organiser/login") -> str:
    """Return the CSRF token of the first form on a page."""
    return csrf_from(client.get(path).get_data(as_text=True))


def login(client, email: str, password: str = PASSWORD, headers: dict | None = None):
    """Log an organiser in through the login form and return the response."""
    data = {"csrf_token": csrf(client), "email": email, "password": password}
    return client.post("/organiser/login", data=data, headers=headers or {"Accept-Language": "en"})


def wait_for_run(client, url: str, seconds: float = 90) -> dict:
    """Poll a run's progress URL until it has finished; return its last state."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(url).get_json()
        if state["status"] not in ("queued", "running"):
            return state
        time.sleep(0.3)
    raise AssertionError("the run did not finish")


def organise(client, event, email: str = "org@cluster.example"):
    """Make a new organiser of ``event``, commit, and log them in on ``client``."""
    from matchmaker.extensions import db
    from matchmaker.services.organisers import create_organiser

    event.organisers.append(create_organiser(email=email, name="Org", password=PASSWORD))
    db.session.commit()
    login(client, email)
    return event


def post_form(client, page: str, path: str, **data):
    """POST ``data`` to ``path`` with the CSRF token of ``page``, in English."""
    data["csrf_token"] = csrf(client, page)
    return client.post(path, data=data, headers={"Accept-Language": "en"})

"""CSRF on every state-changing route of the URL map, with CSRF on as in production.

As a role the route allows, a POST without a token and a POST with the token of another
session are refused with 400, on the site's own error page that says what happened, and the
database stays as it was. The same POST with the session's own token passes the CSRF check
(a control: the refusals came from CSRF, not from the body or the access rules).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from matchmaker.extensions import csrf
from tests.security.test_authz_matrix import (
    LOGGED_IN,
    ORGANISER,
    POLICY,
    PUBLIC,
    routes,
    urls,
)
from tests.security.world import ORGANISERS, PASSWORD, app_on, fingerprint, reset_world
from tests.views.helpers import csrf as csrf_token_of
from tests.views.helpers import login

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that change state without a CSRF token, each with the reason. None so far: the app
# has no JSON API, and every form, button and the language switch carries the token.
EXEMPT: dict[str, str] = {}
CSRF_MESSAGE = "This form has expired or was not sent from this site"


def role_for(endpoint: str) -> str:
    """Return the role the policy allows on a route: who would really send its form."""
    policy = POLICY[endpoint]
    if policy == PUBLIC:
        return "anonymous"
    if policy in (ORGANISER, LOGGED_IN):
        return "org_a"
    return "p1"


@pytest.fixture
def csrf_app(database_url: str) -> Iterator[Flask]:
    with app_on(database_url) as app:
        assert app.config.get("WTF_CSRF_ENABLED", True), "CSRF must be on, as in production"
        yield app


def session_client(app: Flask, role: str, world):  # noqa: ANN001, ANN201
    """Return a client of the role with its session and a CSRF token of that session."""
    client = app.test_client()
    if role == "org_a":
        assert login(client, ORGANISERS["org_a"], PASSWORD).status_code == 302
        return client, csrf_token_of(client, "/organiser/")
    if role == "p1":
        return client, csrf_token_of(client, f"/p/{world.token('p1')}/edit")
    return client, csrf_token_of(client, "/organiser/login")


def test_exemptions_are_the_declared_ones(csrf_app):
    exempt = {
        endpoint
        for endpoint, view in csrf_app.view_functions.items()
        if f"{view.__module__}.{view.__name__}" in csrf._exempt_views
        or csrf_app.blueprints.get(endpoint.rpartition(".")[0]) in csrf._exempt_blueprints
    }
    assert exempt == set(EXEMPT)


def test_every_state_changing_route_refuses_a_missing_or_foreign_token(csrf_app):
    world = reset_world()
    clients = {}
    for role in ("anonymous", "p1", "org_a"):
        own = session_client(csrf_app, role, world)
        other = session_client(csrf_app, role, world)
        clients[role] = (own, other[1])  # the other session's token, used in this one

    failures: list[str] = []
    checked = 0
    for rule, method in routes(csrf_app):
        if method not in STATE_CHANGING or rule.endpoint in EXEMPT:
            continue
        role = role_for(rule.endpoint)
        (client, own_token), foreign_token = clients[role]
        for url in urls(world, rule, role):
            before = fingerprint()
            for what, token in (("no token", None), ("another session's token", foreign_token)):
                data = {} if token is None else {"csrf_token": token}
                response = client.open(url, method=method, data=data)
                html = response.get_data(as_text=True)
                label = f"{method} {url} as {role} with {what}: {response.status_code}"
                if response.status_code != 400 or CSRF_MESSAGE not in html:
                    failures.append(f"{label}, expected the CSRF refusal")
                elif 'class="site-header"' not in html:
                    failures.append(f"{label}, the error page lacks the site's layout")
                if fingerprint() != before:
                    failures.append(f"{label}, and the database changed")
            checked += 1
            # the control: with this session's own token the CSRF check lets the POST through
            response = client.open(url, method=method, data={"csrf_token": own_token})
            if CSRF_MESSAGE in response.get_data(as_text=True) or response.status_code >= 500:
                failures.append(f"{method} {url} as {role}: refused with its own token")
            if fingerprint() != before:
                world = reset_world()
            if role == "org_a" and rule.endpoint == "organiser.logout":
                assert login(client, ORGANISERS["org_a"], PASSWORD).status_code == 302
                clients[role] = ((client, csrf_token_of(client, "/organiser/")), foreign_token)
                (client, own_token), _ = clients[role]
    assert failures == [], "\n".join(failures)
    assert checked > 50  # every state-changing route: a shrinking count means routes went missing

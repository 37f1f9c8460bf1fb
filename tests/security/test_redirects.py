"""Redirect targets taken from the request (the login's ?next=, the language switch's next)
stay on this site: no open redirect for phishing links."""

from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services.organisers import create_organiser
from matchmaker.views.access import local_path
from tests.views.helpers import PASSWORD, csrf

ELSEWHERE = [
    "//evil.example/",
    "/\\evil.example/",  # a browser reads the backslash as a slash
    "/\t/evil.example/",  # and drops the tab
    "/\n/evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
]
HERE = ["/organiser/events/demo/grid", "/e/demo?x=1", "/p/abc/agenda#day-2"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_foreign_targets_fall_back(target):
    assert local_path(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", HERE)
def test_local_paths_are_kept(target):
    assert local_path(target, "/fallback") == target


@pytest.mark.parametrize("target", ELSEWHERE[:4])
def test_login_never_redirects_away(app, client, target):
    create_organiser(email="eva@cluster.example", name="Eva", password=PASSWORD)
    db.session.commit()
    data = {"csrf_token": csrf(client), "email": "eva@cluster.example", "password": PASSWORD}
    response = client.post("/organiser/login", query_string={"next": target}, data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/organiser/"


@pytest.mark.parametrize("target", ELSEWHERE[:4])
def test_language_switch_never_redirects_away(client, target):
    data = {"csrf_token": csrf(client), "next": target}
    response = client.post("/lang/de", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"

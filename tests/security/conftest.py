"""One seeded world per test session and database (building it runs the optimiser twice), and a
crawler that fetches every GET route of the URL map with values from that world."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, Rule

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import (
    BACKENDS,
    FreshContextClient,
    empty_database,
)
from tests.security.xss_world import ORGANISER, PASSWORD, World, build_world
from tests.views.helpers import login


@dataclass
class Page:
    rule: Rule
    url: str
    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@pytest.fixture(scope="session", params=BACKENDS)
def world_app(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Flask]:
    url = empty_database(request.param, tmp_path_factory.mktemp("world"))
    # a prefix of its own: throttle counts in a shared Redis must not outlive this app
    prefix = f"test:{uuid.uuid4().hex}:"
    app = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "THROTTLE_PREFIX": prefix}
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        db.create_all()
        app.extensions["security.world"] = build_world()
        db.session.remove()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(scope="session")
def world(world_app: Flask) -> World:
    return world_app.extensions["security.world"]


def _urls(app: Flask, rule: Rule, context: dict[str, object]) -> list[str]:
    choices = []
    for name in sorted(rule.arguments):
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            choices.append([(name, item) for item in converter.items])
        elif name in context:
            values = context[name]
            choices.append([(name, v) for v in (values if isinstance(values, list) else [values])])
        else:
            raise AssertionError(f"no value for <{name}> of {rule.rule}: add it to _contexts")
    adapter = app.url_map.bind("localhost")
    return [adapter.build(rule.endpoint, dict(combo)) for combo in itertools.product(*choices)]


def get_rules(app: Flask) -> list[Rule]:
    """Return every rule of the URL map that answers GET."""
    return sorted((r for r in app.url_map.iter_rules() if "GET" in r.methods), key=str)


@pytest.fixture(scope="session")
def crawl(world_app: Flask, world: World) -> list[Page]:
    """Fetch every GET route for both events as a logged-in organiser, in English."""
    client, anonymous = world_app.test_client(), world_app.test_client()
    assert login(client, ORGANISER, PASSWORD).status_code == 302
    pages = []
    contexts = world.contexts
    for rule in get_rules(world_app):
        seen = set()
        for context in contexts:
            for url in _urls(world_app, rule, context):
                if url in seen:
                    continue
                seen.add(url)
                response = client.get(url, headers={"Accept-Language": "en"})
                answers = [response]
                if response.status_code == 302:  # the login form, say, seen logged out
                    answers.append(anonymous.get(url, headers={"Accept-Language": "en"}))
                pages += [
                    Page(rule, url, r.status_code, r.content_type, dict(r.headers), r.get_data())
                    for r in answers
                ]
    return pages

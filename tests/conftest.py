"""Shared fixtures: an app per test on a fresh database, on SQLite and (when configured)
PostgreSQL, plus factories that build domain objects with sensible defaults."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Event, EventSession, Participant, ParticipantLanguage
from matchmaker.models.enums import ActorType, EventStatus, ParticipantStatus
from matchmaker.services.events import create_event
from matchmaker.services.tokens import new_token

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
SKIP_POSTGRES = "PostgreSQL tests skipped: set TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
SKIP_REDIS = "Redis tests skipped: set REDIS_URL (e.g. redis://127.0.0.1:6379/0)"
CHROMIUM = "/usr/bin/chromium"
SKIP_CHROMIUM = (
    f"browser tests skipped: {CHROMIUM} is missing "
    "(Debian package chromium; `make system-deps` installs it when run as root)"
)


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [
        f"PostgreSQL: {'TEST_DATABASE_URL set' if POSTGRES_URL else SKIP_POSTGRES}",
        f"Redis: {'REDIS_URL set' if REDIS_URL else SKIP_REDIS}",
        f"Chromium: {'found' if os.access(CHROMIUM, os.X_OK) else SKIP_CHROMIUM}",
    ]


def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema (tables and Alembic's version)."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# the databases a test runs on, each as a fixture parameter
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def empty_postgres() -> str:
    """Return the URL of the emptied PostgreSQL test database, or skip without one."""
    if not POSTGRES_URL:
        pytest.skip(SKIP_POSTGRES)
    reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


def empty_database(backend: str, directory) -> str:  # noqa: ANN001  (a pathlib.Path)
    """Return the URL of an empty database of ``backend``: a new SQLite file in ``directory``
    or the emptied PostgreSQL test database (skipping without TEST_DATABASE_URL)."""
    if backend == "postgresql":
        return empty_postgres()
    return f"sqlite:///{directory / 'test.db'}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    return empty_database(request.param, tmp_path)


@pytest.fixture
def redis_url() -> str:
    if not REDIS_URL:
        pytest.skip(SKIP_REDIS)
    return REDIS_URL


class FreshContextClient(FlaskClient):
    """Run each request in its own app context, as in production: the test's own context (and
    its database session, its cached locale) does not leak into the request."""

    def open(self, *args: Any, **kwargs: Any):  # noqa: ANN201
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            # counters in a shared Redis must not leak from one test into the next
            "THROTTLE_PREFIX": f"test:{uuid.uuid4().hex}:",
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def make_event(app: Flask) -> Callable[..., Event]:
    counter = iter(range(1, 10_000))

    def make(**overrides: Any) -> Event:
        n = next(counter)
        sessions = overrides.pop("sessions", None)
        fields: dict[str, Any] = {
            "slug": f"event-{n}",
            "title": f"Kooperationsbörse {n}",
            "status": EventStatus.REGISTRATION,
            "venue": "Messe Hamburg, Halle B6",
        }
        fields.update(overrides)
        event = create_event(**fields)
        if sessions is None:
            sessions = [("Vormittag", date(2026, 6, 10), time(9, 0), time(12, 0))]
        event.sessions = [
            EventSession(name=name, day=day, start_time=start, end_time=end)
            for name, day, start, end in sessions
        ]
        db.session.flush()
        return event

    return make


@pytest.fixture
def make_participant(app: Flask, make_event) -> Callable[..., Participant]:
    counter = iter(range(1, 100_000))

    def make(event: Event | None = None, **overrides: Any) -> Participant:
        n = next(counter)
        languages = overrides.pop("languages", ["de", "en"])
        fields: dict[str, Any] = {
            "first_name": "Anna",
            "last_name": f"Beispiel{n}",
            "email": f"person{n}@example.org",
            "organisation": f"Organisation {n} GmbH",
            "actor_type": ActorType.SME,
            "country": "DE",
            "status": ParticipantStatus.CONFIRMED,
            "gdpr_consent_at": datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
            "token_hash": new_token()[1],
        }
        fields.update(overrides)
        participant = Participant(event=event or make_event(), **fields)
        participant.languages = [ParticipantLanguage(code=code) for code in languages]
        db.session.add(participant)
        db.session.flush()
        return participant

    return make

"""Fault tests run against real services: PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL).

The app reaches PostgreSQL through a proxy the tests can cut, so a database restart can be
played without touching the machine's server, which other tests share.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
from flask import Flask
from sqlalchemy.engine import make_url

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import EventSession, Participant, ParticipantLanguage
from matchmaker.models.enums import ActorType, EventStatus, ParticipantStatus
from matchmaker.services.events import create_event
from matchmaker.services.organisers import create_organiser
from matchmaker.services.tokens import new_token
from tests.conftest import empty_postgres
from tests.faults.proxy import RestartableProxy
from tests.views.helpers import PASSWORD

# the app's connections carry this name, so a test terminates only its own backends
APPLICATION_NAME = "matchmaker-faults"


@pytest.fixture
def pg_url() -> str:
    return empty_postgres()


@pytest.fixture
def proxy(pg_url: str) -> Iterator[RestartableProxy]:
    url = make_url(pg_url)
    proxy = RestartableProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def proxied_app(pg_url: str, proxy: RestartableProxy) -> Iterator[Flask]:
    """The app with its database behind the proxy, and a small site: an event open for
    registration, a participant with a known link and an organiser."""
    url = make_url(pg_url).set(
        drivername="postgresql+psycopg", host="127.0.0.1", port=proxy.port,
        query={"application_name": APPLICATION_NAME, "sslmode": "disable"},
    )  # fmt: skip
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": url.render_as_string(hide_password=False),
            "THROTTLE_PREFIX": f"test:{uuid.uuid4().hex}:",
            # the load comes from one address: the outage, not the rate limits, is under test
            "RATE_LIMITS_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        _seed(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _seed(app: Flask) -> None:
    event = create_event(
        slug="boerse", title="Kooperationsbörse", status=EventStatus.REGISTRATION,
        venue="Messe Hamburg",
    )  # fmt: skip
    event.sessions = [EventSession(name="Vormittag", day=date(2026, 6, 10),
                                   start_time=time(9, 0), end_time=time(12, 0))]  # fmt: skip
    token, token_hash = new_token()
    person = Participant(
        event=event, first_name="Anna", last_name="Beispiel", email="anna@example.org",
        organisation="Beispiel GmbH", actor_type=ActorType.SME, country="DE",
        status=ParticipantStatus.CONFIRMED, token_hash=token_hash,
        gdpr_consent_at=datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
    )  # fmt: skip
    person.languages = [ParticipantLanguage(code="de")]
    db.session.add(person)
    event.organisers.append(create_organiser(email="org@cluster.example", name="Org",
                                             password=PASSWORD))  # fmt: skip
    db.session.commit()
    app.config["TEST_SITE"] = {"token": token, "session_id": event.sessions[0].id}


def registration(csrf_token: str, session_id: int, email: str) -> dict:
    """The registration form filled in for ``email``."""
    return {
        "csrf_token": csrf_token, "first_name": "Jörg", "last_name": "Köhler", "email": email,
        "organisation": "Lumencycle GmbH", "actor_type": "sme", "country": "DE",
        "city": "Regensburg", "languages": ["de", "en"], "sessions": [str(session_id)],
        "offers-0-category": "circular", "offers-0-title": "Batterierecycling",
        "offers-0-description": "", "needs-0-category": "funding",
        "needs-0-title": "Horizon Europe", "needs-0-description": "", "consent": "y",
        "save": "Register",
    }  # fmt: skip

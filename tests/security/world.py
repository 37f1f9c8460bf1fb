"""A seeded world for the security tests: two events with their organisers and participants,
and an object of every kind a URL can name, so every route can be called with real ids.

Event A (b2b, published agenda) is organised by ``org_a``: participants P1, P2 and P4 (P1's
partner: P4 asked P1 for a meeting, they meet at table 1 and met at an earlier edition, a
standby offer pairs them), tables,
a zone, a booth, a session, a schedule run, an outbox message and stored actor-type mixes.
Event B (registration open) is organised by ``org_b`` with participant P3. ``a-rounds`` is a
speed-dating event of ``org_a`` for the rounds pages. ``admin`` manages everything.

Tokens are fixed strings so a rebuilt world has the same links; ids are the same on SQLite and
on a freshly created PostgreSQL schema.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import select, text
from werkzeug.security import generate_password_hash

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import (
    EventSession,
    Item,
    Location,
    Meeting,
    MeetingRequest,
    Organiser,
    OutboxMessage,
    Participant,
    ParticipantLanguage,
    ScheduleRun,
    StandbyOffer,
    Zone,
)
from matchmaker.models.enums import (
    ActorType,
    EventFormat,
    EventStatus,
    ItemKind,
    OrganiserRole,
    ParticipantStatus,
    RunStatus,
)
from matchmaker.services.attendance import checkin_code
from matchmaker.services.events import create_event
from matchmaker.services.participants import feed_code
from matchmaker.services.tokens import hash_token
from tests.conftest import FreshContextClient

PASSWORD = "correct horse battery"
BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2027, 3, 17)
ORGANISERS = {
    "org_a": "org-a@cluster.example",
    "org_b": "org-b@cluster.example",
    "admin": "admin@cluster.example",
}


def token_of(name: str) -> str:
    """Return the fixed secret link token of a participant of the world."""
    return f"{name}-secret-link-token-for-the-security-tests"


@dataclass
class World:
    slug_a: str = "event-a"
    slug_b: str = "event-b"
    slug_rounds: str = "a-rounds"
    ids: dict[str, int] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)

    def token(self, name: str) -> str:
        return token_of(name)


@cache
def _password_hash() -> str:
    """Hash the password once, cheaply: the tests log in hundreds of times."""
    return generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def slot_start(index: int) -> datetime:
    return datetime.combine(DAY, time(9), tzinfo=BERLIN).astimezone(UTC) + timedelta(
        minutes=25 * index
    )


def _person(event, name: str, actor_type: ActorType, area) -> Participant:  # noqa: ANN001
    person = Participant(
        event=event, first_name=name, last_name="Muster", email=f"{name.lower()}@example.org",
        organisation=f"{name} GmbH", actor_type=actor_type, country="DE",
        status=ParticipantStatus.CONFIRMED, gdpr_consent_at=datetime(2027, 1, 5, tzinfo=UTC),
        token_hash=hash_token(token_of(name.lower())),
    )  # fmt: skip
    person.languages = [ParticipantLanguage(code="de"), ParticipantLanguage(code="en")]
    person.items = [
        Item(kind=ItemKind.OFFER, title="Wasserstoffspeicher", category=area),
        Item(kind=ItemKind.NEED, title="Pilotkunden im Hafen", category=area),
    ]
    person.sessions = list(event.sessions)
    db.session.add(person)
    return person


def _event(slug: str, status: EventStatus, event_format: EventFormat = EventFormat.B2B):  # noqa: ANN202
    event = create_event(
        slug=slug, title=f"Kooperationsbörse {slug}", timezone="Europe/Berlin",
        event_format=event_format, status=status, meeting_minutes=20, pause_minutes=5,
    )  # fmt: skip
    event.sessions = [EventSession(name="Vormittag", day=DAY, start_time=time(9),
                                   end_time=time(12))]  # fmt: skip
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in (1, 2, 3)]
    db.session.flush()
    return event


def seed_world() -> World:
    """Create the world in the current database and commit it."""
    world = World()
    org_a, org_b, admin = (
        Organiser(email=email, name=role, password_hash=_password_hash(),
                  role=OrganiserRole.ADMIN if role == "admin" else OrganiserRole.ORGANISER)
        for role, email in ORGANISERS.items()
    )  # fmt: skip
    db.session.add_all([org_a, org_b, admin])

    a = _event(world.slug_a, EventStatus.PUBLISHED)
    a.published_at = datetime(2027, 3, 1, tzinfo=UTC)
    a.matching = {"actor_mix_bonus": {"research_institute|sme": 5}}
    a.organisers.append(org_a)
    area = a.categories[0]
    p1 = _person(a, "P1", ActorType.SME, area)
    p2 = _person(a, "P2", ActorType.RESEARCH_INSTITUTE, area)
    p4 = _person(a, "P4", ActorType.UNIVERSITY, area)
    zone = Zone(event=a, name="Halle 1")
    db.session.add(zone)
    db.session.flush()
    a.locations[0].zone_id = zone.id
    booth = Location(event=a, number=10, name="Stand 10", owner=p2)
    db.session.add(booth)
    db.session.flush()
    request = MeetingRequest(event_id=a.id, sender_id=p4.id, receiver_id=p1.id)
    meeting = Meeting(
        event_id=a.id, participant_a_id=p1.id, participant_b_id=p4.id, starts_at=slot_start(1),
        ends_at=slot_start(1) + timedelta(minutes=20), location_id=a.locations[0].id,
    )  # fmt: skip
    # a meeting of an earlier edition, so feedback (both rounds) is open on it
    past = Meeting(
        event_id=a.id, participant_a_id=p1.id, participant_b_id=p4.id,
        starts_at=datetime(2026, 3, 17, 9, tzinfo=UTC),
        ends_at=datetime(2026, 3, 17, 9, 20, tzinfo=UTC),
    )  # fmt: skip
    a.feedback_round_two_at = datetime(2026, 4, 1, tzinfo=UTC)
    offer = StandbyOffer(
        event_id=a.id, participant_a_id=p1.id, participant_b_id=p4.id, starts_at=slot_start(3),
        ends_at=slot_start(3) + timedelta(minutes=20), location_id=a.locations[1].id,
    )  # fmt: skip
    # a run still queued: a POST to the runs page is refused instead of starting the solver
    run = ScheduleRun(event_id=a.id, status=RunStatus.QUEUED, parameters={"time_limit": 5})
    outbox = OutboxMessage(event_id=a.id, participant_id=p1.id, recipient=p1.email,
                           subject="Your link", body="…")  # fmt: skip
    db.session.add_all([request, meeting, past, offer, run, outbox])

    rounds = _event(world.slug_rounds, EventStatus.PUBLISHED, EventFormat.ROUNDS)
    rounds.organisers.append(org_a)
    for name in ("R1", "R2"):
        _person(rounds, name, ActorType.STARTUP, rounds.categories[0])

    b = _event(world.slug_b, EventStatus.REGISTRATION)
    b.organisers.append(org_b)
    p3 = _person(b, "P3", ActorType.SME, b.categories[0])
    db.session.flush()

    world.ids = {
        "p1": p1.id, "p2": p2.id, "p3": p3.id, "p4": p4.id, "request": request.id,
        "meeting": meeting.id, "past_meeting": past.id, "offer": offer.id, "run": run.id,
        "zone": zone.id,
        "table": a.locations[0].id, "booth": booth.id, "session": a.sessions[0].id,
        "category": area.id, "event_a": a.id, "org_a": org_a.id, "org_b": org_b.id,
        "admin": admin.id,
        "b_table": b.locations[0].id, "b_category": b.categories[0].id,
        "b_session": b.sessions[0].id, "category2": a.categories[1].id,
    }  # fmt: skip
    world.codes = {"p1": checkin_code(p1)}
    # the read-only calendar feeds: participant id and code in the URL, no secret link
    world.codes |= {f"feed_{p.first_name.lower()}": feed_code(p) for p in (p1, p2, p3)}
    db.session.commit()
    return world


def fingerprint() -> str:
    """Return a digest of every row of every table (login times aside)."""
    digest = hashlib.sha256()
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name != "last_login_at"]
            rows = connection.execute(select(*columns)).all()
            digest.update(repr((table.name, sorted(map(repr, rows)))).encode())
    return digest.hexdigest()


def reset_world() -> World:
    """Empty every table (ids start again at 1) and seed the world anew."""
    db.session.remove()
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(table.delete())
    return seed_world()


@contextmanager
def app_on(database_url: str, **config: object) -> Iterator[Flask]:
    """Yield an app in testing mode on a fresh schema of ``database_url``, inside its context."""
    settings = {
        "ENV_NAME": "testing",
        "SQLALCHEMY_DATABASE_URI": database_url,
        # counts in a shared Redis must not carry over from one app (or CI run) to the next,
        # and the matrix and fuzzing send far more than a visitor may: limits have own tests
        "THROTTLE_PREFIX": f"test:{uuid.uuid4().hex}:",
        "RATE_LIMITS_ENABLED": False,
    }
    app = create_app({**settings, **config})
    app.test_client_class = FreshContextClient
    with app.app_context():
        db.create_all()
        try:
            yield app
        finally:
            db.session.remove()
            db.drop_all()
            db.engine.dispose()

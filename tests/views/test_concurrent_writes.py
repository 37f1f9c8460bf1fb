"""Two people (or two clicks) writing the same thing at once, on PostgreSQL.

Each test opens a second transaction that does the same write through the service and keeps
it uncommitted; meanwhile the HTTP request runs in a thread, passes its checks (the other
write is not visible yet) and waits on the database. The other transaction then commits, and
the request has to answer the way a sequential duplicate is answered: no 500, nothing lost,
nothing stored twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select, text

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest, Participant
from matchmaker.models.enums import EventStatus, RequestPriority, RequestStatus
from matchmaker.services.participants import ItemData, ProfileData, register_participant
from matchmaker.services.requests import send_request
from matchmaker.services.tokens import new_token
from tests.conftest import empty_postgres
from tests.views.helpers import csrf_from

pytestmark = pytest.mark.postgres
EN = {"Accept-Language": "en"}


@pytest.fixture
def database_url() -> str:
    """Only PostgreSQL: SQLite lets one writer in at a time, so these races cannot happen."""
    return empty_postgres()


@contextmanager
def other_transaction(app) -> Iterator[None]:  # noqa: ANN001
    """Run the body in its own database session and commit it only when the block ends."""
    with app.app_context():
        yield
        db.session.commit()


def in_thread(call: Callable) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["response"] = call()
        except Exception as exc:  # noqa: BLE001  (re-raised in the test's thread)
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def wait_until_waiting_or_done(thread: threading.Thread, seconds: float = 20) -> None:
    """Return once the request waits on a lock held by the other transaction (or finished)."""
    deadline = time.monotonic() + seconds
    with db.engine.connect() as conn:
        while thread.is_alive() and time.monotonic() < deadline:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
            # PostgreSQL keeps one snapshot of pg_stat_activity per transaction: end it, or a
            # first look before the request reached the lock would be all this loop ever sees
            conn.rollback()
            if waiting:
                return
            time.sleep(0.05)
    assert time.monotonic() < deadline, "the request neither finished nor waited on a lock"


def result(thread: threading.Thread, outcome: dict):  # noqa: ANN201
    thread.join(30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["response"]


def profile(event, email: str) -> ProfileData:  # noqa: ANN001
    return ProfileData(
        first_name="Jörg", last_name="Köhler", email=email, organisation="Lumencycle GmbH",
        actor_type="sme", country="DE", languages=("de",),
        session_ids=(event.sessions[0].id,),
        offers=(ItemData(category="circular", title="Batterierecycling"),),
    )  # fmt: skip


def test_same_email_registered_twice_at_once_is_refused_once(app, client, make_event):
    event = make_event(slug="boerse")
    db.session.commit()
    page = client.get("/e/boerse/register", headers=EN).get_data(as_text=True)
    data = {
        "csrf_token": csrf_from(page), "first_name": "Jörg", "last_name": "Köhler",
        "email": "joerg@lumen.example", "organisation": "Lumencycle GmbH", "actor_type": "sme",
        "country": "DE", "languages": ["de"], "sessions": [str(event.sessions[0].id)],
        "offers-0-category": "circular", "offers-0-title": "Batterierecycling",
        "consent": "y", "save": "Register",
    }  # fmt: skip

    event_id = event.id
    with other_transaction(app):
        first = db.session.get(type(event), event_id)
        register_participant(first, profile(first, "joerg@lumen.example"), consent=True)
        thread, outcome = in_thread(
            lambda: client.post("/e/boerse/register", data=data, headers=EN)
        )
        wait_until_waiting_or_done(thread)
    response = result(thread, outcome)

    assert response.status_code == 409
    assert "registered for this event already" in response.get_data(as_text=True)
    emails = db.session.scalars(select(Participant.email)).all()
    assert emails == ["joerg@lumen.example"]


def test_edit_to_an_email_registered_at_the_same_moment_is_refused(
    app, client, make_event, make_participant
):
    event = make_event(slug="boerse")
    token, token_hash = new_token()
    make_participant(event, token_hash=token_hash)
    db.session.commit()
    event_id, path = event.id, f"/p/{token}/edit"
    page = client.get(path, headers=EN).get_data(as_text=True)
    data = {
        "csrf_token": csrf_from(page), "first_name": "Anna", "last_name": "Beispiel",
        "email": "joerg@lumen.example", "organisation": "Organisation GmbH", "actor_type": "sme",
        "country": "DE", "languages": ["de"], "sessions": [str(event.sessions[0].id)],
        "offers-0-category": "circular", "offers-0-title": "Batterierecycling", "save": "Save",
    }  # fmt: skip

    with other_transaction(app):
        first = db.session.get(type(event), event_id)
        register_participant(first, profile(first, "joerg@lumen.example"), consent=True)
        thread, outcome = in_thread(lambda: client.post(path, data=data, headers=EN))
        wait_until_waiting_or_done(thread)
    response = result(thread, outcome)

    assert response.status_code == 422
    assert "this e-mail address is registered already" in response.get_data(as_text=True)
    emails = db.session.scalars(select(Participant.email).order_by(Participant.id)).all()
    assert emails[1] == "joerg@lumen.example" and emails[0] != emails[1]


@pytest.fixture
def pair(make_event, make_participant):
    event = make_event(slug="boerse", status=EventStatus.REQUESTS)
    tokens = [new_token() for _ in range(2)]
    people = [make_participant(event, token_hash=h) for _, h in tokens]
    db.session.commit()
    return event, people, [t for t, _ in tokens]


def test_same_request_sent_twice_at_once_is_stored_once(app, client, pair):
    _, (anna, ben), (anna_token, _) = pair
    anna_id, ben_id = anna.id, ben.id
    path = f"/p/{anna_token}/people/{ben_id}"
    data = {"csrf_token": csrf_from(client.get(path, headers=EN).get_data(as_text=True))}
    data["priority"] = "would_like"

    with other_transaction(app):
        sender, receiver = (db.session.get(Participant, i) for i in (anna_id, ben_id))
        send_request(sender, receiver, priority=RequestPriority.WOULD_LIKE)
        thread, outcome = in_thread(lambda: client.post(f"{path}/request", data=data, headers=EN))
        wait_until_waiting_or_done(thread)
    response = result(thread, outcome)

    assert response.status_code == 302 and response.headers["Location"] == path
    page = client.get(path, headers=EN).get_data(as_text=True)
    assert "you have sent this participant a request already" in page
    assert db.session.scalar(select(func.count()).select_from(MeetingRequest)) == 1


def test_two_people_requesting_each_other_at_once_are_both_accepted(app, client, pair):
    _, (anna, ben), (anna_token, _) = pair
    anna_id, ben_id = anna.id, ben.id
    path = f"/p/{anna_token}/people/{ben_id}"
    data = {"csrf_token": csrf_from(client.get(path, headers=EN).get_data(as_text=True))}
    data["priority"] = "must"

    with other_transaction(app):  # Ben asks Anna while Anna asks Ben
        sender, receiver = (db.session.get(Participant, i) for i in (ben_id, anna_id))
        send_request(sender, receiver, priority=RequestPriority.WOULD_LIKE)
        thread, outcome = in_thread(lambda: client.post(f"{path}/request", data=data, headers=EN))
        wait_until_waiting_or_done(thread)
    response = result(thread, outcome)

    assert response.headers["Location"] == f"/p/{anna_token}/requests"
    rows = db.session.execute(
        select(MeetingRequest.sender_id, MeetingRequest.status).order_by(MeetingRequest.id)
    ).all()
    assert rows == [(ben_id, RequestStatus.ACCEPTED), (anna_id, RequestStatus.ACCEPTED)]

"""The database goes away while people use the site: a restart (played by a proxy that cuts
every connection and refuses new ones) or backends terminated on the server. Pages answer 503
with the site's own page, registrations are stored whole or not at all, and the same app serves
again once the database is back."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import sqlalchemy
from flask import Flask
from sqlalchemy import event as sa_event
from sqlalchemy import func, select, text

from matchmaker.extensions import db
from matchmaker.models import Item, OutboxMessage, Participant, ParticipantLanguage
from tests.faults.conftest import APPLICATION_NAME, registration
from tests.faults.proxy import RestartableProxy
from tests.faults.server import Browser, Reply, serving
from tests.views.helpers import PASSWORD

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

UNAVAILABLE_EN = "The database cannot be reached right now."
UNAVAILABLE_DE = "Die Datenbank ist gerade nicht erreichbar."


@dataclass
class Outcome:
    kind: str
    email: str | None
    reply: Reply
    epochs: tuple[int, int]  # the database's state when the request started and ended


SWITCHING = -1  # Load.epoch while the database is being cut off or brought back


class Load:
    """Visitors hitting the event page, the registration form, a personal page and the
    organiser's dashboard from a thread pool, until stopped; every answer is kept."""

    def __init__(self, app: Flask, base: str) -> None:
        site = app.config["TEST_SITE"]
        self.epoch = 0
        self.outcomes: list[Outcome] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._numbers = itertools.count()
        self.base, self.token, self.session_id = base, site["token"], site["session_id"]
        registrant = Browser(base)
        self.csrf = registrant.csrf("/e/boerse/register")
        self.registrant_cookies = dict(registrant.cookies)
        organiser = Browser(base)
        login = organiser.post(
            "/organiser/login",
            {"csrf_token": organiser.csrf("/organiser/login"), "email": "org@cluster.example",
             "password": PASSWORD},
        )  # fmt: skip
        assert login.status == 302, login.body[:300]
        self.organiser_cookies = dict(organiser.cookies)

    def one(self, kind: str) -> Outcome:
        start = self.epoch
        email = None
        if kind == "event":
            reply = Browser(self.base).get("/e/boerse")
        elif kind == "personal":
            reply = Browser(self.base).get(f"/p/{self.token}")
        elif kind == "organiser":
            reply = Browser(self.base, cookies=dict(self.organiser_cookies)).get("/organiser/")
        else:
            email = f"visitor{next(self._numbers)}@lumen.example"
            visitor = Browser(self.base, cookies=dict(self.registrant_cookies))
            data = registration(self.csrf, self.session_id, email)
            reply = visitor.post("/e/boerse/register", data)
        outcome = Outcome(kind, email, reply, (start, self.epoch))
        with self._lock:
            self.outcomes.append(outcome)
        return outcome

    def run(self, workers: int = 4) -> ThreadPoolExecutor:
        kinds = ("event", "register", "personal", "organiser")

        def loop(offset: int) -> None:
            for kind in itertools.islice(itertools.cycle(kinds), offset, None):
                if self._stop.is_set():
                    return
                self.one(kind)

        pool = ThreadPoolExecutor(workers)
        self._futures = [pool.submit(loop, i) for i in range(workers)]
        return pool

    def stop(self) -> None:
        self._stop.set()
        for future in self._futures:
            future.result(timeout=120)  # a worker's own exception fails the test here

    def within(self, epoch: int) -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if o.epochs == (epoch, epoch)]

    def wait_for(self, epoch: int, each: int, seconds: float = 120) -> None:
        """Wait until every kind of request has ``each`` answers wholly within ``epoch``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            counts = {k: 0 for k in ("event", "register", "personal", "organiser")}
            for outcome in self.within(epoch):
                counts[outcome.kind] += 1
            if min(counts.values()) >= each:
                return
            time.sleep(0.05)
        raise AssertionError(f"too few answers in state {epoch}: {counts}")


def succeeded(outcome: Outcome) -> bool:
    expected = 302 if outcome.kind == "register" else 200
    return outcome.reply.status == expected


def assert_unavailable_page(reply: Reply, sentence: str = UNAVAILABLE_EN) -> None:
    assert reply.status == 503, (reply.status, reply.body[:800])
    assert sentence in reply.body
    assert 'class="site-header"' in reply.body  # the site's layout, not a bare error
    assert reply.headers.get("retry-after") == "30"
    assert "Traceback" not in reply.body


def assert_registrations_whole(app: Flask, outcomes: list[Outcome]) -> None:
    """Every stored registration has all its parts; every 302 was stored."""
    with app.app_context():
        people = {p.email: p for p in db.session.scalars(select(Participant))}
        for outcome in outcomes:
            if outcome.kind == "register" and outcome.reply.status == 302:
                assert outcome.email in people
        for person in people.values():
            if person.email == "anna@example.org":
                continue
            parts = (
                db.session.scalar(select(func.count()).where(Item.participant_id == person.id)),
                db.session.scalar(
                    select(func.count()).where(ParticipantLanguage.participant_id == person.id)
                ),
                db.session.scalar(
                    select(func.count()).where(OutboxMessage.participant_id == person.id)
                ),
            )
            assert parts == (2, 2, 1), person.email


def server_errors(caplog: pytest.LogCaptureFixture, app: Flask) -> list[str]:
    """Errors the app or the server logged (a traceback of an unhandled exception)."""
    return [r.getMessage() for r in caplog.records
            if r.name in (app.logger.name, "werkzeug") and r.levelno >= logging.ERROR]  # fmt: skip


def test_database_restart_under_load_answers_503_then_recovers(
    proxied_app: Flask, proxy: RestartableProxy, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING)
    with serving(proxied_app) as base:
        load = Load(proxied_app, base)
        pool = load.run()
        try:
            load.wait_for(0, each=2)
            # an answer that spans a switch belongs to no state: it may go either way
            load.epoch = SWITCHING
            proxy.stop()  # the database restarts: connections cut, new ones refused
            load.epoch = 1
            load.wait_for(1, each=3)
            load.epoch = SWITCHING
            proxy.start()  # and is back; the app is not restarted
            load.epoch = 2
            load.wait_for(2, each=3)
        finally:
            load.stop()
            pool.shutdown()
    outcomes = load.outcomes
    assert {o.reply.status for o in outcomes} <= {200, 302, 503}
    assert all(succeeded(o) for o in load.within(0))
    for outcome in load.within(1):
        assert_unavailable_page(outcome.reply)
    assert all(succeeded(o) for o in load.within(2)), [
        (o.kind, o.reply.status) for o in load.within(2) if not succeeded(o)
    ]
    assert all("Traceback" not in o.reply.body for o in outcomes)
    assert_registrations_whole(proxied_app, outcomes)
    assert server_errors(caplog, proxied_app) == []


def test_backends_terminated_on_the_server_under_load_never_give_500(
    proxied_app: Flask, pg_url: str, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING)
    admin = sqlalchemy.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    terminate = text(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE datname = current_database() AND application_name = :name"
    )
    with serving(proxied_app) as base:
        load = Load(proxied_app, base)
        pool = load.run()
        try:
            load.wait_for(0, each=2)
            killed = 0
            load.epoch = 1
            for _ in range(5):  # terminate the app's backends again and again under load
                with admin.begin() as connection:
                    killed += connection.execute(terminate, {"name": APPLICATION_NAME}).scalar()
                time.sleep(0.3)
            load.epoch = 2
            load.wait_for(2, each=3)
        finally:
            load.stop()
            pool.shutdown()
            admin.dispose()
    assert killed > 0
    outcomes = load.outcomes
    assert {o.reply.status for o in outcomes} <= {200, 302, 503}
    for outcome in outcomes:
        if outcome.reply.status == 503:
            assert_unavailable_page(outcome.reply)
    assert all(succeeded(o) for o in load.within(2))
    assert_registrations_whole(proxied_app, outcomes)
    assert server_errors(caplog, proxied_app) == []


def on_first_commit(app: Flask, action: Callable[[], None]) -> None:
    """Run ``action`` once, just before the app's next transaction commit reaches the server."""
    done = []

    def before_commit(connection) -> None:  # noqa: ANN001
        if not done:
            done.append(True)
            action()

    with app.app_context():
        sa_event.listen(db.engine, "commit", before_commit)


def participants(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Participant))


def test_registration_cut_off_at_commit_is_not_stored_and_succeeds_later(
    proxied_app: Flask, proxy: RestartableProxy
):
    site = proxied_app.config["TEST_SITE"]
    with serving(proxied_app) as base:
        visitor = Browser(base, language="de")
        data = registration(visitor.csrf("/e/boerse/register"), site["session_id"],
                            "joerg@lumen.example")  # fmt: skip
        on_first_commit(proxied_app, proxy.stop)  # the database goes away at COMMIT
        cut = visitor.post("/e/boerse/register", data)
        assert_unavailable_page(cut, UNAVAILABLE_DE)
        proxy.start()
        assert participants(proxied_app) == 1  # only the seeded one: nothing half-stored
        again = visitor.post("/e/boerse/register", data)
        assert again.status == 302 and again.location.startswith("/p/")
        assert visitor.get(again.location).status == 200
    assert participants(proxied_app) == 2


def test_registration_backend_terminated_at_commit_is_not_stored(proxied_app: Flask, pg_url: str):
    site = proxied_app.config["TEST_SITE"]
    admin = sqlalchemy.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))

    def terminate() -> None:
        with admin.begin() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = current_database() AND application_name = :name"),
                {"name": APPLICATION_NAME},
            )  # fmt: skip

    with serving(proxied_app) as base:
        visitor = Browser(base)
        data = registration(visitor.csrf("/e/boerse/register"), site["session_id"],
                            "joerg@lumen.example")  # fmt: skip
        on_first_commit(proxied_app, terminate)
        assert_unavailable_page(visitor.post("/e/boerse/register", data))
        assert participants(proxied_app) == 1
        assert visitor.post("/e/boerse/register", data).status == 302
    admin.dispose()
    assert participants(proxied_app) == 2


def test_database_lost_after_the_registration_commit_still_gives_the_link(
    proxied_app: Flask, proxy: RestartableProxy
):
    from sqlalchemy.orm import Session

    from tests.faults.proxy import closed_port

    # with a mail server configured the link is mailed after the commit, which writes again
    proxied_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port())
    site = proxied_app.config["TEST_SITE"]
    done = []

    def after_commit(session) -> None:  # noqa: ANN001
        # a savepoint's release (the unique e-mail check) is not the registration's commit
        if not done and not session.in_nested_transaction():
            done.append(True)
            proxy.stop()

    with serving(proxied_app) as base:
        visitor = Browser(base)
        data = registration(visitor.csrf("/e/boerse/register"), site["session_id"],
                            "joerg@lumen.example")  # fmt: skip
        sa_event.listen(Session, "after_commit", after_commit)
        try:
            reply = visitor.post("/e/boerse/register", data)
        finally:
            sa_event.remove(Session, "after_commit", after_commit)
        assert reply.status == 302 and reply.location.startswith("/p/"), reply.body[:500]
        proxy.start()
        page = visitor.get(reply.location)
        assert page.status == 200 and "Jörg" in page.body
    assert participants(proxied_app) == 2


def test_unavailable_page_is_translated_and_says_when_to_retry(
    proxied_app: Flask, proxy: RestartableProxy
):
    with serving(proxied_app) as base:
        proxy.stop()
        german = Browser(base, language="de")
        for path in ("/e/boerse", "/e/boerse/register", "/"):
            reply = german.get(path)
            assert_unavailable_page(reply, UNAVAILABLE_DE)
            assert '<html lang="de">' in reply.body
        proxy.start()
        assert german.get("/e/boerse").status == 200

"""The load test's own parts: the exactly-once check against real rows, cookies, figures."""

import httpx
import pytest

from bench.load import database_urls, percentile, summarise
from bench.load_check import check
from bench.load_clients import Browser, Call, Journal, Write
from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from matchmaker.models.enums import EventStatus, RequestPriority, RequestStatus
from matchmaker.services.tokens import new_token
from tests.conftest import POSTGRES_URL, empty_postgres


@pytest.fixture
def database_url() -> str:
    """The check reads PostgreSQL with plain psycopg, as after a load run."""
    return empty_postgres()


@pytest.mark.postgres
def test_check_finds_lost_duplicate_unacknowledged_and_one_sided_mutual_writes(
    make_event, make_participant
):
    event = make_event(slug="load", status=EventStatus.REQUESTS)
    tokens = [new_token() for _ in range(3)]
    emails = ["a-r1-1@example.org", "b-r1-2@example.org", "c-r1-3@example.org"]
    a, b, c = (
        make_participant(event, email=e, token_hash=h)
        for e, (_, h) in zip(emails, tokens, strict=True)
    )
    for sender, receiver, status in ((a, b, "pending"), (b, a, "pending"), (a, c, "accepted")):
        db.session.add(
            MeetingRequest(event_id=event.id, sender_id=sender.id, receiver_id=receiver.id,
                           priority=RequestPriority.MUST, status=RequestStatus(status))
        )  # fmt: skip
    make_participant(event, email="e-r1-5@example.org")  # nobody registered this one
    db.session.commit()
    (ta, _), (tb, _), (tc, _) = tokens
    writes = [
        Write("registration", emails[0], False, "ack", ta),  # stored once: fine
        Write("registration", emails[1], True, "ack", tb),  # raced, one refused: fine
        Write("registration", emails[1], True, "duplicate", detail="409"),
        Write("registration", "d-r1-4@example.org", False, "ack", "lost-token"),  # lost
        Write("registration", emails[2], False, "rejected", detail="422"),  # refused, stored
        Write("request", str(b.id), False, "ack", ta),  # a->b and b->a: both still pending
        Write("request", str(a.id), False, "ack", tb),
        Write("request", str(c.id), False, "error", ta, "500"),  # failed, yet stored
        Write("request", str(c.id), False, "ack", tb),  # acknowledged, never stored
    ]

    result = check(POSTGRES_URL, "load", writes, "-r1-")

    assert result.acknowledged_registrations == 3 and result.acknowledged_requests == 3
    assert result.lost == [
        "registration d-r1-4@example.org: acknowledged, 0 rows",
        f"request {b.id}->{c.id}: acknowledged, 0 rows",
    ]
    assert result.stored_unacknowledged == [
        "registration c-r1-3@example.org: refused (422), stored",
        "registration e-r1-5@example.org: never sent, yet stored",
    ]
    assert result.unacknowledged == [f"request {a.id}->{c.id}: 500; stored 1 time(s)"]
    assert result.mutual_not_accepted == [f"{a.id}<->{b.id}: ('pending', 'pending')"]
    assert result.duplicates == [] and result.double_acks == [] and not result.ok


def test_browser_keeps_its_own_cookies_and_drops_deleted_ones():
    browser = Browser()
    browser.remember(httpx.Response(200, headers=[
        ("set-cookie", "session=abc.def; Secure; HttpOnly; Path=/"),
        ("set-cookie", "lang=de; Path=/"),
    ]))  # fmt: skip
    assert browser.headers() == {"Cookie": "session=abc.def; lang=de"}
    browser.remember(httpx.Response(200, headers={"set-cookie": "lang=; Max-Age=0; Path=/"}))
    twin = Browser()
    twin.copy_from(browser)
    browser.clear()
    assert twin.headers() == {"Cookie": "session=abc.def"} and browser.headers() == {}


def test_summary_counts_errors_refusals_and_percentiles():
    calls = [Call("register", 302, float(ms)) for ms in range(1, 101)]
    calls += [Call("register", 409, 5.0), Call("send_request", 500, 7.0)]
    calls.append(Call("send_request", None, 60000.0, "ReadTimeout"))
    journal = Journal(calls=calls, writes=[Write("registration", "x", True, "duplicate")])
    journal.started, journal.finished = 0.0, 10.0

    report = summarise(journal)

    assert report["throughput_rps"] == 10.3
    assert report["errors_by_status"] == {"500": 1, "connection": 1}
    assert report["actions"]["register"]["4xx"] == 1
    assert report["rejected_duplicates"] == {"registration": 1}
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([3.0], 0.99) == 3.0


def test_database_urls_refuse_the_maintenance_database():
    assert database_urls("postgresql://postgres@127.0.0.1:5432/") == (
        "postgresql://postgres@127.0.0.1:5432/matchmaker_load",
        "postgresql://postgres@127.0.0.1:5432/postgres",
        "matchmaker_load",
    )
    with pytest.raises(SystemExit, match="refusing"):
        database_urls("postgresql://postgres@127.0.0.1:5432/postgres")

"""Meeting requests through HTTP: send, mutual, answer, no thanks, expiry, limits, phases."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Exclusion, MeetingRequest
from matchmaker.models.enums import EventStatus, ParticipantStatus, RequestStatus
from matchmaker.services.participants import reissue_link


@pytest.fixture
def world(make_event, make_participant):
    event = make_event(slug="b", status=EventStatus.REQUESTS, request_expiry_hours=72)
    anna, ben, cleo = (make_participant(event, first_name=n) for n in ("Anna", "Ben", "Cleo"))
    tokens = {p.first_name: reissue_link(p) for p in (anna, ben, cleo)}
    db.session.commit()
    return event, {"Anna": anna, "Ben": ben, "Cleo": cleo}, tokens


def csrf(client, token) -> str:
    html = client.get(f"/p/{token}/requests").get_data(as_text=True)
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    if found is None:  # no buttons on an empty list page: take it from the header form
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return found.group(1)


def send(client, tokens, who, to, priority="must", message="Hallo!", with_csrf=True):
    data = {"priority": priority, "message": message}
    if with_csrf:
        data["csrf_token"] = csrf(client, tokens[who])
    return client.post(
        f"/p/{tokens[who]}/people/{to.id}/request", data=data, headers={"Accept-Language": "en"}
    )


def requests_count() -> int:
    return db.session.scalar(select(func.count()).select_from(MeetingRequest))


def flashes(client, token) -> str:
    return client.get(f"/p/{token}/requests", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_send_request_is_pending_with_expiry_and_listed_on_both_sides(client, world):
    _event, people, tokens = world
    before = datetime.now(UTC)
    response = send(client, tokens, "Anna", people["Ben"], message="<b>Hi</b>")
    assert response.status_code == 302 and response.headers["Location"].endswith("/requests")
    request = db.session.scalar(select(MeetingRequest))
    assert (request.sender_id, request.receiver_id) == (people["Anna"].id, people["Ben"].id)
    assert request.status == RequestStatus.PENDING and request.priority == "must"
    assert timedelta(hours=71) < request.expires_at - before <= timedelta(hours=72, minutes=1)
    ben_page = flashes(client, tokens["Ben"])
    assert (
        "Anna" in ben_page and "&lt;b&gt;Hi&lt;/b&gt;" in ben_page and "<b>Hi</b>" not in ben_page
    )
    assert "/accept" in ben_page
    assert "Ben" in flashes(client, tokens["Anna"])


def test_request_both_ways_becomes_mutual_and_accepted(client, world):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"])
    send(client, tokens, "Ben", people["Anna"], priority="would_like")
    statuses = db.session.scalars(select(MeetingRequest.status)).all()
    assert statuses == [RequestStatus.ACCEPTED, RequestStatus.ACCEPTED]


def test_duplicate_request_is_refused(client, world):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"])
    send(client, tokens, "Anna", people["Ben"])
    assert requests_count() == 1
    assert "you have sent this participant a request already" in flashes(client, tokens["Anna"])


def test_request_without_csrf_is_rejected(client, world):
    _event, people, tokens = world
    response = send(client, tokens, "Anna", people["Ben"], with_csrf=False)
    assert response.status_code == 400
    assert requests_count() == 0


def test_request_message_too_long_is_refused(client, world):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"], message="x" * 501)
    assert requests_count() == 0


@pytest.mark.parametrize(
    "status", [EventStatus.REGISTRATION, EventStatus.SCHEDULED, EventStatus.PUBLISHED]
)
def test_request_outside_request_phase_is_refused(client, world, status):
    event, people, tokens = world
    event.status = status
    db.session.commit()
    send(client, tokens, "Anna", people["Ben"])
    assert requests_count() == 0
    assert "meeting requests are not open for this event" in flashes(client, tokens["Anna"])


def test_request_after_deadline_is_refused(client, world):
    event, people, tokens = world
    event.request_deadline = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    send(client, tokens, "Anna", people["Ben"])
    assert requests_count() == 0


def test_request_by_unconfirmed_participant_is_refused(client, world):
    _event, people, tokens = world
    people["Anna"].status = ParticipantStatus.REGISTERED
    db.session.commit()
    send(client, tokens, "Anna", people["Ben"])
    assert requests_count() == 0


def test_request_limit_per_participant(client, world):
    event, people, tokens = world
    event.max_requests_per_participant = 1
    db.session.commit()
    send(client, tokens, "Anna", people["Ben"])
    send(client, tokens, "Anna", people["Cleo"])
    assert requests_count() == 1
    assert "at most 1 open or accepted requests" in flashes(client, tokens["Anna"])


def answer(client, tokens, who, request_id, verb, with_csrf=True):
    data = {"csrf_token": csrf(client, tokens[who])} if with_csrf else {}
    return client.post(f"/p/{tokens[who]}/requests/{request_id}/{verb}", data=data)


@pytest.mark.parametrize(("verb", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_receiver_answers_request(client, world, verb, status):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"])
    request = db.session.scalar(select(MeetingRequest))
    assert answer(client, tokens, "Ben", request.id, verb).status_code == 302
    db.session.expire_all()
    assert request.status == status and request.responded_at is not None


def test_only_the_receiver_can_answer(client, world):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"])
    request = db.session.scalar(select(MeetingRequest))
    assert answer(client, tokens, "Anna", request.id, "accept").status_code == 404
    assert answer(client, tokens, "Cleo", request.id, "accept").status_code == 404
    assert answer(client, tokens, "Ben", request.id, "accept", with_csrf=False).status_code == 400
    db.session.expire_all()
    assert request.status == RequestStatus.PENDING


def test_expired_request_cannot_be_accepted_and_is_marked_expired(client, world):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"])
    request = db.session.scalar(select(MeetingRequest))
    request.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    page = flashes(client, tokens["Ben"])
    assert "Expired" in page and "/accept" not in page
    answer(client, tokens, "Ben", request.id, "accept")
    db.session.expire_all()
    assert request.status == RequestStatus.EXPIRED


def test_no_thanks_declines_and_blocks_future_requests_both_ways(client, world):
    _event, people, tokens = world
    send(client, tokens, "Anna", people["Ben"])
    data = {"csrf_token": csrf(client, tokens["Ben"])}
    response = client.post(f"/p/{tokens['Ben']}/people/{people['Anna'].id}/no-thanks", data=data)
    assert response.status_code == 302
    assert db.session.scalar(select(MeetingRequest.status)) == RequestStatus.DECLINED
    exclusion = db.session.scalar(select(Exclusion))
    assert (exclusion.participant_id, exclusion.other_id) == (people["Ben"].id, people["Anna"].id)
    send(client, tokens, "Ben", people["Anna"])
    assert requests_count() == 1
    assert "a meeting with this participant is not possible" in flashes(client, tokens["Ben"])


def test_request_to_unknown_or_other_event_participant_is_404(client, world, make_participant):
    _event, _people, tokens = world
    stranger = make_participant()
    db.session.commit()
    assert send(client, tokens, "Anna", stranger).status_code == 404

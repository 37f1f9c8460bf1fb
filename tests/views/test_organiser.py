"""Organiser login, the events they manage and the outbox."""

import re

import pytest
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Organiser, OutboxMessage
from matchmaker.services.organisers import create_organiser
from matchmaker.services.throttle import too_many
from tests.views.helpers import PASSWORD, csrf, login, wait_for_run


@pytest.fixture
def setup(make_event, make_participant):
    mine, other = make_event(slug="mine", title="Meine Börse"), make_event(slug="other")
    eva = create_organiser(email="eva@cluster.example", name="Eva", password=PASSWORD)
    otto = create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    mine.organisers.append(eva)
    other.organisers.append(otto)
    person = make_participant(mine)
    db.session.add(
        OutboxMessage(
            event_id=mine.id,
            participant_id=person.id,
            recipient=person.email,
            subject="Your personal link",
            body="http://localhost/p/secret",
        )  # fmt: skip
    )
    db.session.commit()
    return mine, other


def test_login_then_dashboard_lists_own_events_only(client, setup):
    response = login(client, "Eva@Cluster.example")
    assert response.status_code == 302 and response.headers["Location"] == "/organiser/"
    html = client.get("/organiser/").get_data(as_text=True)
    assert "Meine Börse" in html and "/organiser/events/mine/outbox" in html
    assert "/organiser/events/other/outbox" not in html
    assert db.session.scalar(select(Organiser.last_login_at).where(Organiser.name == "Eva"))


def test_login_with_wrong_password_is_refused_with_message(client, setup):
    response = login(client, "eva@cluster.example", "wrong password")
    assert response.status_code == 401
    assert "E-mail or password is wrong." in response.get_data(as_text=True)
    assert client.get("/organiser/").status_code == 302


def test_login_is_rate_limited_after_five_failures(client, setup):
    for _ in range(5):
        assert login(client, "eva@cluster.example", "wrong").status_code == 401
    throttled = login(client, "eva@cluster.example")  # even the right password now waits
    assert throttled.status_code == 429
    assert "Too many failed attempts" in throttled.get_data(as_text=True)


@pytest.mark.redis
def test_login_rate_limit_is_shared_through_redis(app, client, setup, redis_url):
    from redis import Redis

    app.config["REDIS_URL"] = redis_url
    for _ in range(5):
        login(client, "eva@cluster.example", "wrong")
    assert login(client, "eva@cluster.example").status_code == 429
    key = "login:127.0.0.1:eva@cluster.example"
    assert Redis.from_url(redis_url).zcard(app.config["THROTTLE_PREFIX"] + key) == 5
    # another worker process (another app) sees the same counts through Redis
    other = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "REDIS_URL": redis_url,
            "THROTTLE_PREFIX": app.config["THROTTLE_PREFIX"],
        }
    )
    with other.test_request_context():
        assert too_many(key, 5, 900)


def test_login_without_csrf_is_rejected(client, setup):
    data = {"email": "eva@cluster.example", "password": PASSWORD}
    assert client.post("/organiser/login", data=data).status_code == 400


def test_anonymous_is_sent_to_login(client, setup):
    response = client.get("/organiser/events/mine/outbox")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/organiser/login?next=")


def test_outbox_shows_messages_of_managed_event(client, setup):
    login(client, "eva@cluster.example")
    html = client.get("/organiser/events/mine/outbox", headers={"Accept-Language": "en"})
    text = html.get_data(as_text=True)
    assert "Your personal link" in text and "http://localhost/p/secret" in text
    assert "not sent" in text


def test_outbox_of_another_organisers_event_is_404(client, setup):
    login(client, "otto@cluster.example")
    assert client.get("/organiser/events/mine/outbox").status_code == 404
    assert client.get("/organiser/events/nope/outbox").status_code == 404


def test_admin_manages_every_event(client, setup):
    create_organiser(email="admin@cluster.example", name="A", password=PASSWORD, admin=True)
    db.session.commit()
    login(client, "admin@cluster.example")
    assert client.get("/organiser/events/mine/outbox").status_code == 200


def test_logout_ends_the_session(client, setup):
    login(client, "eva@cluster.example")
    token = csrf(client, "/organiser/")
    assert client.post("/organiser/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/organiser/").status_code == 302


def test_login_redirect_refuses_foreign_next(client, setup):
    data = {"csrf_token": csrf(client), "email": "eva@cluster.example", "password": PASSWORD}
    response = client.post("/organiser/login?next=//evil.example/", data=data)
    assert response.headers["Location"] == "/organiser/"


def test_print_all_agendas_one_section_per_participant_with_meetings(
    app, client, setup, make_participant
):
    from datetime import UTC, datetime, timedelta

    from matchmaker.models import Location, Meeting, Participant

    mine, _other = setup
    first = db.session.scalar(select(Participant).where(Participant.event_id == mine.id))
    zoe = make_participant(mine, first_name="Zoe", organisation="Zeta")
    table = Location(event_id=mine.id, number=7, name="Tisch 7")
    db.session.add(table)
    db.session.flush()
    start = datetime(2026, 6, 10, 7, 0, tzinfo=UTC)
    meeting = Meeting(event_id=mine.id, participant_a_id=first.id, participant_b_id=zoe.id)
    meeting.starts_at, meeting.ends_at = start, start + timedelta(minutes=20)
    meeting.location_id = table.id
    db.session.add(meeting)
    db.session.commit()
    login(client, "eva@cluster.example")
    html = client.get("/organiser/events/mine/agendas", headers={"Accept-Language": "en"})
    text = html.get_data(as_text=True)
    assert text.count('<section class="print-page">') == 2
    assert "Zeta" in text and "Tisch 7" in text and "9:00" in text  # 09:00 in Berlin
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/mine/agendas").status_code == 404


def roster_csrf(client) -> str:
    html = client.get("/organiser/events/mine/participants").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)[1]


def test_participants_list_counts_and_filters(client, setup, make_participant):
    from matchmaker.models.enums import ParticipantStatus

    mine, _other = setup
    make_participant(mine, first_name="Neu", status=ParticipantStatus.REGISTERED)
    db.session.commit()
    login(client, "eva@cluster.example")
    html = client.get("/organiser/events/mine/participants", headers={"Accept-Language": "en"})
    text = html.get_data(as_text=True)
    assert "all (2)" in text and "Registered, awaiting confirmation (1)" in text
    assert "Confirmed (1)" in text
    pending = client.get("/organiser/events/mine/participants?status=registered").get_data(
        as_text=True
    )
    assert "Neu" in pending and text.count("<tr>") == 3  # header and two participants
    assert client.get("/organiser/events/mine/participants?status=bogus").status_code == 200


def test_confirming_a_registration_puts_it_in_the_catalogue(client, setup, make_participant):
    from matchmaker.models.enums import ParticipantStatus
    from matchmaker.services.participants import reissue_link

    mine, _other = setup
    new = make_participant(mine, organisation="Frisch GmbH", status=ParticipantStatus.REGISTERED)
    viewer = make_participant(mine)
    token = reissue_link(viewer)
    db.session.commit()
    assert "Frisch GmbH" not in client.get(f"/p/{token}/catalogue").get_data(as_text=True)
    login(client, "eva@cluster.example")
    url = f"/organiser/events/mine/participants/{new.id}/confirm"
    assert client.post(url, data={"csrf_token": roster_csrf(client)}).status_code == 302
    assert "Frisch GmbH" in client.get(f"/p/{token}/catalogue").get_data(as_text=True)


def test_cancelling_a_participant_cancels_their_meetings(client, setup, make_participant):
    from datetime import UTC, datetime, timedelta

    from matchmaker.models import Meeting, Participant

    mine, _other = setup
    a = db.session.scalar(select(Participant).where(Participant.event_id == mine.id))
    b = make_participant(mine)
    start = datetime(2026, 6, 10, 7, 0, tzinfo=UTC)
    meeting = Meeting(event_id=mine.id, participant_a_id=a.id, participant_b_id=b.id)
    meeting.starts_at, meeting.ends_at = start, start + timedelta(minutes=20)
    db.session.add(meeting)
    db.session.commit()
    login(client, "eva@cluster.example")
    url = f"/organiser/events/mine/participants/{b.id}/cancel"
    client.post(url, data={"csrf_token": roster_csrf(client)})
    db.session.expire_all()
    assert (b.status, meeting.status, meeting.revision) == ("cancelled", "cancelled", 1)


def test_participant_changes_refused_for_other_organisers_and_without_csrf(
    app, client, setup, make_participant
):
    mine, _other = setup
    person = make_participant(mine, status="registered")
    db.session.commit()
    login(client, "eva@cluster.example")
    url = f"/organiser/events/mine/participants/{person.id}/confirm"
    assert client.post(url, data={}).status_code == 400
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/mine/participants").status_code == 404
    assert other.post(url, data={"csrf_token": csrf(other, "/organiser/")}).status_code == 404
    db.session.expire_all()
    assert person.status == "registered"


def test_generate_follow_and_accept_an_agenda(app, client, setup):
    from matchmaker.models import Event, Meeting
    from matchmaker.services.demo import seed_demo

    app.config["REDIS_URL"] = None
    seed_demo(slug="gross", participants=40, seed=5)
    event = db.session.scalar(select(Event).where(Event.slug == "gross"))
    eva = db.session.scalar(select(Organiser).where(Organiser.email == "eva@cluster.example"))
    event.organisers.append(eva)
    db.session.commit()
    login(client, "eva@cluster.example")
    token = csrf(client, "/organiser/events/gross/runs")
    started = client.post(
        "/organiser/events/gross/runs", data={"csrf_token": token, "time_limit": "5"}
    )
    assert started.status_code == 302
    run_url = started.headers["Location"]
    state = wait_for_run(client, run_url + ".json")
    assert state["status"] == "succeeded" and state["progress"] == 1.0
    page = client.get(run_url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Accept this agenda" in page and "Meetings placed" in page
    assert db.session.scalar(select(Meeting.id)) is None  # nothing written yet
    accepted = client.post(run_url + "/accept", data={"csrf_token": csrf(client, run_url)})
    assert accepted.status_code == 302
    after = client.get(run_url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Agenda written:" in after
    assert len(db.session.scalars(select(Meeting)).all()) == state["scheduled"] > 0


def test_runs_are_refused_to_other_organisers_and_bad_time_limits(app, client, setup):
    login(client, "eva@cluster.example")
    token = csrf(client, "/organiser/events/mine/runs")
    bad = client.post("/organiser/events/mine/runs", data={"csrf_token": token, "time_limit": "1"},
                      headers={"Accept-Language": "en"})  # fmt: skip
    assert "Number must be between 5 and 900" in bad.get_data(as_text=True)
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/mine/runs").status_code == 404
    assert other.get("/organiser/events/mine/runs/1.json").status_code == 404
    assert app.test_client().get("/organiser/events/mine/runs").status_code == 302


def test_organiser_switches_the_phase_and_publishing_is_stamped(client, setup):
    from matchmaker.models import Event

    mine, _other = setup
    login(client, "eva@cluster.example")
    token = csrf(client, "/organiser/")
    field = f"e{mine.id}-status"
    response = client.post(
        "/organiser/events/mine/phase", data={"csrf_token": token, field: "published"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    event = db.session.get(Event, mine.id)
    assert event.status == "published" and event.published_at is not None
    bad = client.post("/organiser/events/mine/phase", data={"csrf_token": token, field: "party"})
    assert bad.status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, mine.id).status == "published"

"""Event set-up by organisers: create, details and rules, sessions with their slots, tables."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Location
from matchmaker.services.organisers import create_organiser
from tests.views.helpers import PASSWORD, csrf, login


@pytest.fixture
def organiser(app, client):
    create_organiser(email="org@cluster.example", name="Org", password=PASSWORD)
    db.session.commit()
    login(client, "org@cluster.example")
    return client


def new_event(client, **overrides):
    data = {
        "csrf_token": csrf(client, "/organiser/events/new"),
        "title": "Wasserstoff-Börse",
        "slug": "h2",
        "timezone": "Europe/Berlin",
        "format": "b2b",
    }
    data.update(overrides)
    return client.post("/organiser/events/new", data=data, headers={"Accept-Language": "en"})


def test_create_event_as_draft_with_taxonomy_and_membership(organiser):
    response = new_event(organiser)
    assert (
        response.status_code == 302 and response.headers["Location"] == "/organiser/events/h2/setup"
    )
    event = db.session.scalar(select(Event))
    assert (event.status, len(event.categories)) == ("draft", 12)
    assert [o.email for o in event.organisers] == ["org@cluster.example"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": "Bad Slug"}, "Lowercase letters, digits and single hyphens."),
        ({"timezone": "Mars/Base"}, "Enter an IANA time zone such as Europe/Berlin."),
    ],
)
def test_create_event_bad_input_is_explained(organiser, overrides, message):
    response = new_event(organiser, **overrides)
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Event.id)) is None


def test_create_event_with_taken_slug_is_explained(organiser):
    new_event(organiser)
    response = new_event(organiser)
    assert "an event with the slug &#39;h2&#39; exists already" in response.get_data(as_text=True)


def post(client, path, **data):
    data["csrf_token"] = csrf(client, "/organiser/events/h2/setup")
    return client.post(path, data=data, headers={"Accept-Language": "en"})


def test_details_limits_deadlines_and_weights_are_saved(organiser):
    new_event(organiser)
    response = post(
        organiser,
        "/organiser/events/h2/setup",
        title="H2-Börse 2027",
        timezone="Europe/Vienna",
        meeting_minutes="30",
        pause_minutes="10",
        max_meetings_per_participant="8",
        request_expiry_hours="48",
        request_deadline="2027-03-10T18:00",
        cross_border_bonus="12",
        interpreters_allowed="y",
        description="",
        venue="",
        contact_email="",
    )
    assert response.status_code == 302
    event = db.session.scalar(select(Event))
    db.session.refresh(event)
    assert (event.title, event.timezone, event.meeting_minutes, event.pause_minutes) == (
        "H2-Börse 2027",
        "Europe/Vienna",
        30,
        10,
    )
    assert (event.max_meetings_per_participant, event.request_expiry_hours) == (8, 48)
    assert event.request_deadline.isoformat() == "2027-03-10T18:00:00+00:00"
    assert event.matching == {"cross_border_bonus": 12, "interpreters_allowed": True}


def test_details_out_of_range_are_refused(organiser):
    new_event(organiser)
    response = post(
        organiser,
        "/organiser/events/h2/setup",
        title="x",
        timezone="Europe/Berlin",
        meeting_minutes="2",
        pause_minutes="0",
    )
    assert response.status_code == 422
    assert "Number must be between 5 and 240." in response.get_data(as_text=True)


def test_sessions_show_their_slots_and_overlaps_are_refused(organiser):
    new_event(organiser)
    ok = post(
        organiser,
        "/organiser/events/h2/sessions",
        name="Vormittag",
        day="2027-03-17",
        start_time="09:00",
        end_time="10:00",
    )
    assert ok.status_code == 302
    page = organiser.get("/organiser/events/h2/setup", headers={"Accept-Language": "en"})
    assert "9:00" in page.get_data(as_text=True) and "9:25" in page.get_data(as_text=True)
    clash = post(
        organiser,
        "/organiser/events/h2/sessions",
        name="Doppelt",
        day="2027-03-17",
        start_time="09:30",
        end_time="11:00",
    )
    assert clash.status_code == 422 and "it overlaps the session Vormittag" in clash.get_data(
        as_text=True
    )
    backwards = post(
        organiser,
        "/organiser/events/h2/sessions",
        name="X",
        day="2027-03-18",
        start_time="11:00",
        end_time="10:00",
    )
    assert "The session must end after it starts." in backwards.get_data(as_text=True)
    assert len(db.session.scalar(select(Event)).sessions) == 1


def test_tables_are_created_in_bulk_and_clashes_refused(organiser):
    new_event(organiser)
    response = post(
        organiser,
        "/organiser/events/h2/tables",
        prefix="Tisch",
        first="1",
        last="40",
        zone="Halle B6",
    )
    assert response.status_code == 302
    names = db.session.scalars(select(Location.name).order_by(Location.number)).all()
    assert len(names) == 40 and names[0] == "Tisch 1" and names[-1] == "Tisch 40"
    clash = post(
        organiser, "/organiser/events/h2/tables", prefix="Tisch", first="40", last="41", zone=""
    )
    assert clash.status_code == 422 and "numbers in use already: 40" in clash.get_data(as_text=True)


def test_set_up_refused_to_other_organisers(app, organiser):
    new_event(organiser)
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/h2/setup").status_code == 404


def test_a_session_with_planned_meetings_cannot_be_removed(organiser, make_participant):
    from datetime import UTC, datetime, timedelta

    from matchmaker.models import EventSession, Meeting

    new_event(organiser)
    for day in ("2027-03-17", "2027-03-18"):
        post(
            organiser,
            "/organiser/events/h2/sessions",
            name=f"Tag {day}",
            day=day,
            start_time="09:00",
            end_time="10:00",
        )
    event = db.session.scalar(select(Event))
    busy, free = sorted(event.sessions, key=lambda s: s.day)
    a, b = make_participant(event), make_participant(event)
    start = datetime(2027, 3, 17, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, in the first session
    db.session.add(
        Meeting(
            event_id=event.id,
            participant_a_id=a.id,
            participant_b_id=b.id,
            starts_at=start,
            ends_at=start + timedelta(minutes=20),
        )
    )
    db.session.commit()
    post(organiser, f"/organiser/events/h2/sessions/{busy.id}/delete")
    page = organiser.get("/organiser/events/h2/setup", headers={"Accept-Language": "en"})
    assert "the session has planned meetings" in page.get_data(as_text=True)
    assert post(organiser, f"/organiser/events/h2/sessions/{free.id}/delete").status_code == 302
    assert [s.id for s in db.session.scalars(select(EventSession))] == [busy.id]

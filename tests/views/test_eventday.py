"""The event day through HTTP: check-in by QR code and by search, "I'm here", absences with
standby offers accepted on both links, and feedback on meetings."""

from datetime import date, datetime, time

import icalendar
import pytest
from sqlalchemy import select

from matchmaker.exports.qr import qr_svg
from matchmaker.extensions import db
from matchmaker.models import Feedback, Meeting, OutboxMessage, Participant, StandbyOffer
from matchmaker.models.enums import MeetingOrigin, MeetingStatus
from matchmaker.services.attendance import checkin_code
from matchmaker.services.organisers import create_organiser
from tests.eventday import BERLIN, build_day, meet
from tests.views.helpers import PASSWORD, csrf, login

EN = {"Accept-Language": "en"}


@pytest.fixture
def world(app, make_event, make_participant):
    def build(day: date = date(2027, 3, 17)):
        d = build_day(make_event, make_participant, day=day)
        anna = d.person("Anna", organisation="Lumen GmbH", checked_in=False)
        ben = d.person("Ben", organisation="Förderbank Nord")
        carla = d.person("Carla", organisation="Hafenlabor")
        organiser = create_organiser(email="org@cluster.example", name="Org", password=PASSWORD)
        d.event.organisers.append(organiser)
        meeting = meet(d, anna, ben, slot=1, table=1)
        db.session.commit()
        return d, anna, ben, carla, meeting

    return build


def post(client, path, **data):
    data.setdefault("csrf_token", csrf(client, "/organiser/"))
    response = client.post(path, data=data, headers=EN)
    db.session.expire_all()  # the request committed in its own session
    return response


def participant_post(client, token, path, **data):
    data["csrf_token"] = csrf(client, f"/p/{token}/edit")
    response = client.post(path, data=data, headers=EN)
    db.session.expire_all()
    return response


def page(client, path) -> str:
    response = client.get(path, headers=EN)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def calendar(client, token) -> dict[str, tuple[str, int]]:
    body = client.get(f"/p/{token}/agenda.ics").data
    return {
        str(e["uid"]).split("@")[0]: (str(e["status"]), int(e["sequence"]))
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }


def test_qr_code_carries_a_checkin_link_that_only_an_organiser_can_use(client, world):
    d, anna, *_ = world()
    scan = f"/organiser/events/{d.event.slug}/scan/{anna.id}/{checkin_code(anna)}"
    html = page(client, f"/p/{d.token(anna)}/agenda")
    # the agenda shows the QR code of the scan URL, which holds no part of the personal link
    assert str(qr_svg("http://localhost" + scan, title=anna.name)) in html
    assert d.token(anna) not in scan
    assert client.get(scan).status_code == 302  # to the login page
    login(client, "org@cluster.example")
    confirm = page(client, scan)
    assert "Check in Anna" in confirm
    assert db.session.get(Participant, anna.id).checked_in_at is None  # GET changes nothing
    assert client.get(scan[:-1] + ("0" if scan[-1] != "0" else "1")).status_code == 404
    response = post(client, scan)
    assert response.status_code == 302
    assert db.session.get(Participant, anna.id).checked_in_at is not None
    assert "Anna Beispiel" in page(client, f"/organiser/events/{d.event.slug}/checkin")


def test_checkin_desk_finds_people_by_name_organisation_and_email(client, world):
    d, anna, ben, carla, _ = world()
    login(client, "org@cluster.example")
    desk = f"/organiser/events/{d.event.slug}/checkin"
    assert "<strong>2</strong> / 3" in page(client, desk)  # Ben and Carla arrived already
    for query in ("lumen", "Anna", anna.email):
        html = page(client, f"{desk}?q={query}")
        assert anna.email in html and carla.email not in html
    response = post(client, f"{desk}/{anna.id}/checkin?q=lumen")
    assert response.status_code == 302 and response.location.endswith("checkin?q=lumen")
    assert "<strong>3</strong> / 3" in page(client, desk)
    assert post(client, f"{desk}/{anna.id}/checkin", csrf_token="x").status_code == 400


def test_im_here_works_on_the_event_day_only(client, world):
    d, anna, *_ = world(day=datetime.now(BERLIN).date())
    token = d.token(anna)
    assert "I'm here</button>" in page(client, f"/p/{token}/agenda")
    participant_post(client, token, f"/p/{token}/here")
    assert db.session.get(Participant, anna.id).checked_in_at is not None
    assert "You are checked in." in page(client, f"/p/{token}/agenda")


def test_im_here_before_the_event_day_is_refused(client, world):
    d, anna, *_ = world()
    token = d.token(anna)
    html = page(client, f"/p/{token}/agenda")
    assert "I'm here</button>" not in html and "appears on the day of the event" in html
    participant_post(client, token, f"/p/{token}/here")
    assert db.session.get(Participant, anna.id).checked_in_at is None
    assert "You can check in here on the day of the event." in page(client, f"/p/{token}/agenda")


def test_absence_standby_accepted_on_both_links_updates_both_calendars(client, world):
    d, anna, ben, carla, meeting = world()
    login(client, "org@cluster.example")
    post(client, f"/organiser/events/{d.event.slug}/checkin/{anna.id}/absent")
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.CANCELLED
    assert calendar(client, d.token(ben))[meeting.uid] == ("CANCELLED", 1)
    offer = db.session.scalars(select(StandbyOffer)).one()
    assert (offer.participant_a_id, offer.participant_b_id) == (ben.id, carla.id)
    assert db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.recipient == carla.email))
    ben_page = page(client, f"/p/{d.token(ben)}/agenda")
    assert "Standby meetings offered to you" in ben_page and "Carla Beispiel" in ben_page
    # somebody else's link cannot answer the offer
    accept = f"/standby/{offer.id}/accept"
    assert participant_post(client, d.token(anna), f"/p/{d.token(anna)}{accept}").status_code == 404
    participant_post(client, d.token(ben), f"/p/{d.token(ben)}{accept}")
    assert db.session.get(StandbyOffer, offer.id).status == "open"
    participant_post(client, d.token(carla), f"/p/{d.token(carla)}{accept}")
    standby = db.session.scalars(
        select(Meeting).where(Meeting.origin == MeetingOrigin.STANDBY)
    ).one()
    assert (standby.starts_at, standby.location_id) == (meeting.starts_at, meeting.location_id)
    for person in (ben, carla):
        assert calendar(client, d.token(person))[standby.uid] == ("CONFIRMED", 0)
    assert "Carla Beispiel" in page(client, f"/organiser/events/{d.event.slug}/standby")


def test_no_show_sweep_saves_the_cut_off_and_refuses_bad_input(client, world):
    d, *_ = world()
    login(client, "org@cluster.example")
    path = f"/organiser/events/{d.event.slug}/no-shows"
    post(client, path, minutes="999")
    assert "Enter between 0 and 240 minutes." in page(
        client, f"/organiser/events/{d.event.slug}/checkin"
    )
    post(client, path, minutes="25")
    assert d.event.no_show_minutes == 25  # the meeting is months away, so nobody is overdue
    assert "Marked absent: 0" in page(client, f"/organiser/events/{d.event.slug}/checkin")


@pytest.fixture
def past(world):
    """Anna and Ben met in the past; Carla has a meeting with Ben in 2030."""
    d, anna, ben, carla, meeting = world(day=date(2026, 6, 10))
    future = Meeting(event_id=d.event.id, participant_a_id=ben.id, participant_b_id=carla.id,
                     starts_at=datetime(2030, 1, 1, 9, tzinfo=BERLIN),
                     ends_at=datetime(2030, 1, 1, 9, 20, tzinfo=BERLIN))  # fmt: skip
    db.session.add(future)
    db.session.commit()
    return d, anna, ben, carla, meeting, future


def test_feedback_after_the_meeting_by_its_participants_only(client, past):
    d, anna, ben, carla, meeting, future = past
    path = f"/p/{d.token(anna)}/meetings/{meeting.id}/feedback/1"
    assert "Rate this meeting" in page(client, f"/p/{d.token(anna)}/agenda")
    response = participant_post(client, d.token(anna), path, rating="3", follow_up="yes",
                                comment="Good talk")  # fmt: skip
    assert response.status_code == 302
    participant_post(client, d.token(anna), path, rating="4", follow_up="no", comment="Better")
    (given,) = db.session.scalars(select(Feedback)).all()  # changed, not added
    assert (given.participant_id, given.rating, given.follow_up_planned, given.comment) == (
        anna.id, 4, False, "Better",
    )  # fmt: skip
    # Carla was not in that meeting: for her it does not exist
    other = f"/p/{d.token(carla)}/meetings/{meeting.id}/feedback/1"
    assert client.get(other).status_code == 404
    assert (
        participant_post(client, d.token(carla), other, rating="1", follow_up="no").status_code
        == 404
    )
    # a meeting that has not begun takes no feedback yet
    early = f"/p/{d.token(carla)}/meetings/{future.id}/feedback/1"
    assert (
        participant_post(client, d.token(carla), early, rating="2", follow_up="no").status_code
        == 302
    )
    assert "Feedback opens when the meeting begins." in page(client, f"/p/{d.token(carla)}/agenda")
    assert db.session.scalars(select(Feedback)).all() == [given]


def test_feedback_with_bad_input_is_explained_and_keeps_the_comment(client, past):
    d, anna, _ben, _carla, meeting, _ = past
    path = f"/p/{d.token(anna)}/meetings/{meeting.id}/feedback/1"
    response = participant_post(client, d.token(anna), path, follow_up="yes", comment="Keep me")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Choose a rating." in html and "Keep me" in html
    response = participant_post(client, d.token(anna), path, rating="5", follow_up="yes")
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)
    response = participant_post(client, d.token(anna), path, rating="4", follow_up="yes",
                                comment="x" * 1001)  # fmt: skip
    assert response.status_code == 422
    assert db.session.scalars(select(Feedback)).all() == []


def test_second_round_opened_by_the_organiser_asks_about_cooperation(client, past):
    d, anna, ben, carla, meeting, _ = past
    path = f"/p/{d.token(ben)}/meetings/{meeting.id}/feedback/2"
    assert client.get(path).status_code == 302  # not open yet
    login(client, "org@cluster.example")
    post(client, f"/organiser/events/{d.event.slug}/feedback/round-two")
    recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert sorted(recipients) == sorted([anna.email, ben.email])  # Carla's meeting is to come
    assert d.event.feedback_round_two_at is not None
    assert "Did a cooperation come out of it?" in page(client, f"/p/{d.token(ben)}/agenda")
    participant_post(client, d.token(ben), path, cooperation="yes", comment="Joint project")
    given = db.session.scalars(select(Feedback)).one()
    assert (given.round, given.cooperation_started, given.rating) == (2, True, None)


def test_settling_marks_past_meetings_held_when_both_were_checked_in(client, past):
    d, anna, ben, _carla, meeting, future = past
    login(client, "org@cluster.example")
    path = f"/organiser/events/{d.event.slug}/meetings/settle"
    post(client, path)  # Anna never checked in
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.PLANNED
    post(client, path, assume_present="y")
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.HELD
    assert db.session.get(Meeting, future.id).status == MeetingStatus.PLANNED


def test_organiser_assigns_a_standby_offer(client, world):
    d, anna, ben, carla, meeting = world()
    login(client, "org@cluster.example")
    post(client, f"/organiser/events/{d.event.slug}/checkin/{anna.id}/absent")
    offer = db.session.scalars(select(StandbyOffer)).one()
    post(client, f"/organiser/events/{d.event.slug}/standby/{offer.id}/assign")
    assert db.session.get(StandbyOffer, offer.id).status == "accepted"
    assert "meeting created" in page(client, f"/organiser/events/{d.event.slug}/standby")
    assert (
        time(9, 25) == db.session.get(Meeting, offer.meeting_id).starts_at.astimezone(BERLIN).time()
    )

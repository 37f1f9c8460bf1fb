"""The organiser's agenda grid and manual changes, with conflicts refused and explained."""

import re
from datetime import date, time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Location, Meeting, Zone
from matchmaker.models.enums import MeetingStatus
from matchmaker.services.organisers import create_organiser
from matchmaker.services.slots import event_slots
from tests.views.helpers import PASSWORD, csrf, login


@pytest.fixture
def board(app, client, make_event, make_participant):
    event = make_event(slug="g", sessions=[("Vormittag", date(2027, 3, 17), time(9), time(10))],
                       pause_minutes=0)  # fmt: skip
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in (1, 2)]
    people = [make_participant(event, last_name=n) for n in ("Ahn", "Berg", "Cruz", "Diaz")]
    for p in people:
        p.sessions = list(event.sessions)
    organiser = create_organiser(email="org@cluster.example", name="Org", password=PASSWORD)
    event.organisers.append(organiser)
    db.session.flush()
    slots = event_slots(event)
    t1, t2 = event.locations
    meeting = Meeting(event_id=event.id, participant_a_id=people[0].id,
                      participant_b_id=people[1].id, starts_at=slots[0].starts_at,
                      ends_at=slots[0].ends_at, location_id=t1.id)  # fmt: skip
    other = Meeting(event_id=event.id, participant_a_id=people[2].id,
                    participant_b_id=people[3].id, starts_at=slots[1].starts_at,
                    ends_at=slots[1].ends_at, location_id=t2.id)  # fmt: skip
    db.session.add_all([meeting, other])
    db.session.commit()
    login(client, "org@cluster.example")
    return event, people, slots, (t1, t2), meeting, other


def post(client, path, **data):
    data["csrf_token"] = csrf(client, "/organiser/events/g/grid")
    return client.post(path, data=data, headers={"Accept-Language": "en"})


def flashed(client) -> str:
    return client.get("/organiser/events/g/grid", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_grid_shows_meetings_by_slot_and_table(client, board):
    html = flashed(client)
    assert html.count('<td class="cell origin-manual') == 2
    assert "Ahn · Berg" in html and "Cruz · Diaz" in html


def test_move_to_a_free_place_raises_revision(client, board):
    _event, _people, slots, (t1, t2), meeting, _other = board
    url = f"/organiser/events/g/meetings/{meeting.id}/move"
    response = post(client, url, slot=slots[2].starts_at.isoformat(), table=t2.id)
    assert response.status_code == 302
    db.session.expire_all()
    assert (meeting.starts_at, meeting.location_id, meeting.revision) == (
        slots[2].starts_at, t2.id, 1,
    )  # fmt: skip


def test_move_into_a_conflict_is_refused_and_explained(client, board):
    _event, people, slots, (t1, t2), meeting, other = board
    url = f"/organiser/events/g/meetings/{meeting.id}/move"
    post(client, url, slot=slots[1].starts_at.isoformat(), table=t2.id)  # table 2 is taken then
    html = client.get(f"/organiser/events/g/meetings/{meeting.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)  # fmt: skip
    assert "Not possible: Tisch 2 is taken then" in html
    db.session.expire_all()
    assert (meeting.starts_at, meeting.revision) == (slots[0].starts_at, 0)


def test_move_when_a_participant_is_busy_or_unavailable(client, board):
    _event, people, slots, (t1, t2), meeting, other = board
    other.participant_b_id = people[1].id  # Berg now also meets Cruz in slot 1
    db.session.commit()
    url = f"/organiser/events/g/meetings/{meeting.id}/move"
    post(client, url, slot=slots[1].starts_at.isoformat(), table=t1.id)
    page = client.get(f"/organiser/events/g/meetings/{meeting.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)  # fmt: skip
    assert f"{people[1].name} has another meeting then" in page


def test_add_by_hand_is_locked_and_duplicates_refused(client, board):
    _event, people, slots, (t1, t2), _meeting, _other = board
    response = post(client, "/organiser/events/g/meetings", a=people[0].id, b=people[2].id,
                    slot=slots[2].starts_at.isoformat(), table=t1.id)  # fmt: skip
    assert response.status_code == 302
    added = db.session.scalar(select(Meeting).where(Meeting.participant_b_id == people[2].id))
    assert added.locked and added.origin == "manual"
    post(client, "/organiser/events/g/meetings", a=people[2].id, b=people[0].id,
         slot=slots[1].starts_at.isoformat(), table=t1.id)  # fmt: skip
    assert "already have a meeting" in flashed(client)


def test_lock_and_cancel(client, board):
    _event, _people, _slots, _tables, meeting, _other = board
    post(client, f"/organiser/events/g/meetings/{meeting.id}/lock")
    db.session.expire_all()
    assert meeting.locked is True
    post(client, f"/organiser/events/g/meetings/{meeting.id}/cancel")
    db.session.expire_all()
    assert (meeting.status, meeting.locked, meeting.revision) == (MeetingStatus.CANCELLED, False, 1)


def test_grid_refused_to_other_organisers(app, client, board):
    _event, _people, _slots, _tables, meeting, _other = board
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/g/grid").status_code == 404
    assert other.get(f"/organiser/events/g/meetings/{meeting.id}").status_code == 404


def test_table_plans_one_page_per_used_table(client, board):
    html = client.get("/organiser/events/g/tables/print", headers={"Accept-Language": "en"})
    text = html.get_data(as_text=True)
    assert text.count('<section class="print-page">') == 2
    assert "Tisch 1" in text and "Tisch 2" in text and "9:00" in text and "9:20" in text


def test_add_without_participants_is_explained(client, board):
    _event, _people, slots, (t1, _t2), _meeting, _other = board
    post(client, "/organiser/events/g/meetings", slot=slots[2].starts_at.isoformat(), table=t1.id)
    assert "Choose two participants, a time and a table." in flashed(client)


def test_meeting_of_another_event_is_404(client, board, make_event, make_participant):
    from datetime import timedelta

    _event, _people, slots, _tables, _meeting, _other = board
    elsewhere = make_event(slug="anders")
    a, b = make_participant(elsewhere), make_participant(elsewhere)
    foreign = Meeting(event_id=elsewhere.id, participant_a_id=a.id, participant_b_id=b.id,
                      starts_at=slots[0].starts_at,
                      ends_at=slots[0].starts_at + timedelta(minutes=20))  # fmt: skip
    db.session.add(foreign)
    db.session.commit()
    assert client.get(f"/organiser/events/g/meetings/{foreign.id}").status_code == 404
    assert post(client, f"/organiser/events/g/meetings/{foreign.id}/cancel").status_code == 404


def test_print_overview_lists_every_meeting_by_slot_with_table_and_organisations(
    client, board, make_participant
):
    event, people, slots, (t1, t2), _meeting, _other = board
    t2.zone = Zone(event=event, name="Halle Süd")
    # a second meeting in the first slot at table 2, and a cancelled one that must not show
    db.session.add_all([
        Meeting(event_id=event.id, participant_a_id=people[2].id, participant_b_id=people[3].id,
                starts_at=slots[0].starts_at, ends_at=slots[0].ends_at, location_id=t2.id),
        Meeting(event_id=event.id, participant_a_id=people[0].id, participant_b_id=people[3].id,
                starts_at=slots[2].starts_at, ends_at=slots[2].ends_at, location_id=t1.id,
                status=MeetingStatus.CANCELLED),
    ])  # fmt: skip
    db.session.commit()
    grid = client.get("/organiser/events/g/grid").get_data(as_text=True)
    assert 'href="/organiser/events/g/agenda/print"' in grid
    html = client.get("/organiser/events/g/agenda/print", headers={"Accept-Language": "en"})
    text = html.get_data(as_text=True)
    assert html.status_code == 200 and "3 meetings" in text
    assert text.count('class="table agenda-table overview-slot"') == 2  # two slots in use
    rows = re.findall(r"<tr><td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td><strong>([^<]+)</strong>, "
                      r"([^<]+)</td>\s*<td><strong>([^<]+)</strong>", text)  # fmt: skip
    a, b, c, d = people
    assert rows == [
        ("9:00\u202fAM", "Tisch 1", a.name, a.organisation, b.name),
        ("9:00\u202fAM", "Tisch 2 · Halle Süd", c.name, c.organisation, d.name),
        ("9:20\u202fAM", "Tisch 2 · Halle Süd", c.name, c.organisation, d.name),
    ]
    assert "@media print" in client.get("/static/css/app.css").get_data(as_text=True)


def test_print_overview_refused_to_other_organisers_and_anonymous(app, client, board):
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/g/agenda/print").status_code == 404
    anonymous = app.test_client().get("/organiser/events/g/agenda/print")
    assert anonymous.status_code == 302 and "/organiser/login" in anonymous.headers["Location"]

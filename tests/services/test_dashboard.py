"""The organiser's figures equal what an independent count of the database rows gives."""

import csv
import io
import random
from collections import Counter
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Feedback, Location, Meeting, MeetingRequest, Participant
from matchmaker.models.enums import (
    ActorType,
    MeetingOrigin,
    MeetingStatus,
    ParticipantStatus,
    RequestStatus,
)
from matchmaker.services.dashboard import event_figures, figures_rows
from matchmaker.services.organisers import create_organiser
from matchmaker.services.slots import event_slots
from tests.views.helpers import PASSWORD, login

SESSIONS = [
    ("Vormittag", date(2027, 3, 17), time(9), time(10, 40)),  # 4 slots of 20 + 5
    ("Nachmittag", date(2027, 3, 17), time(14), time(15, 15)),  # 3 slots
]
COUNTRIES = ["DE", "PL", "CZ", "FR"]
MANUAL_OR_STANDBY = {False: MeetingOrigin.MANUAL, True: MeetingOrigin.STANDBY}


@pytest.fixture
def held_event(make_event, make_participant):
    """An event after its day: registrations, requests, meetings in all states, feedback."""
    rng = random.Random(7)
    event = make_event(slug="fig", sessions=SESSIONS, pause_minutes=5)
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in range(1, 5)]
    types = list(ActorType)
    people = []
    for n in range(16):
        person = make_participant(
            event,
            actor_type=types[n % 4],
            country=COUNTRIES[n % 3 if n < 12 else 3],
            status=ParticipantStatus.CANCELLED if n == 15 else ParticipantStatus.CONFIRMED,
            created_at=datetime(2027, 2, 1 + n % 5, 10, tzinfo=UTC),
            checked_in_at=datetime(2027, 3, 17, 8, 30, tzinfo=UTC) if n % 3 else None,
            absent=n == 3,
        )
        people.append(person)
    db.session.flush()
    statuses = list(RequestStatus)
    for n in range(20):
        a, b = rng.sample(people[:15], 2)
        db.session.add(MeetingRequest(event_id=event.id, sender_id=a.id, receiver_id=b.id,
                                      status=statuses[n % 4]))  # fmt: skip
    slots = event_slots(event)
    tables = event.locations
    used: set[tuple[int, int]] = set()
    busy: set[tuple[int, int]] = set()
    meeting_states = list(MeetingStatus)
    meetings = []
    for n in range(30):
        a, b = rng.sample(people[:15], 2)
        s, t = rng.randrange(len(slots)), rng.randrange(len(tables))
        if (s, t) in used or (s, a.id) in busy or (s, b.id) in busy:
            continue
        used.add((s, t))
        busy |= {(s, a.id), (s, b.id)}
        m = Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id,
                    starts_at=slots[s].starts_at, ends_at=slots[s].ends_at,
                    location_id=tables[t].id, status=meeting_states[n % 4],
                    origin=MANUAL_OR_STANDBY[n % 5 == 0])  # fmt: skip
        meetings.append(m)
    db.session.add_all(meetings)
    db.session.flush()
    cancelled = next(m for m in meetings if m.status == MeetingStatus.CANCELLED)
    cancelled.participant_a.absent = True  # their meetings were released
    for m in meetings:
        if m.status == MeetingStatus.HELD:
            for who, rating in ((m.participant_a_id, rng.randint(1, 4)), (m.participant_b_id, 4)):
                db.session.add(Feedback(meeting_id=m.id, participant_id=who, rating=rating,
                                        follow_up_planned=rating >= 3))  # fmt: skip
            db.session.add(Feedback(meeting_id=m.id, participant_id=m.participant_a_id, round=2,
                                    cooperation_started=True))  # fmt: skip
    db.session.flush()
    return event


def test_figures_equal_an_independent_count(held_event):
    event = held_event
    f = event_figures(event)
    people = db.session.scalars(select(Participant).where(Participant.event_id == event.id)).all()
    active = [p for p in people if p.status != ParticipantStatus.CANCELLED]
    assert f.participants == len(active) == 15
    assert f.checked_in == sum(1 for p in active if p.checked_in_at is not None)
    assert f.absent == sum(1 for p in active if p.absent) >= 1
    assert dict(f.by_actor_type) == dict(Counter(p.actor_type.value for p in active))
    assert dict(f.by_country) == dict(Counter(p.country for p in active))
    assert f.countries == len({p.country for p in active}) == 4
    assert [c for _, _, c in f.registrations_by_day][-1] == len(active)

    requests = db.session.scalars(select(MeetingRequest)).all()
    assert f.requests["sent"] == len(requests) == 20
    for status in RequestStatus:
        assert f.requests[status.value] == sum(1 for r in requests if r.status == status)

    meetings = db.session.scalars(select(Meeting)).all()
    for status in MeetingStatus:
        assert f.meetings[status.value] == sum(1 for m in meetings if m.status == status)
    kept = [m for m in meetings if m.status in (MeetingStatus.PLANNED, MeetingStatus.HELD)]
    country = {p.id: p.country for p in people}
    cross = [m for m in kept if country[m.participant_a_id] != country[m.participant_b_id]]
    assert f.cross_border_meetings == len(cross)
    absent = {p.id for p in people if p.absent}
    lost = [m for m in meetings if m.status in (MeetingStatus.CANCELLED, MeetingStatus.NO_SHOW)
            and (m.participant_a_id in absent or m.participant_b_id in absent)]  # fmt: skip
    assert f.lost_to_absence == len(lost) > 0
    assert f.standby_meetings == sum(1 for m in kept if m.origin == MeetingOrigin.STANDBY) > 0
    assert f.cross_border_share == pytest.approx(len(cross) / len(kept), abs=1e-4)
    slots = event_slots(event)
    assert [n for _, n, _ in f.per_slot] == [
        sum(1 for m in kept if m.starts_at == s.starts_at) for s in slots
    ]
    assert sum(n for _, n, _ in f.per_table) == len(kept)
    assert {cap for _, _, cap in f.per_slot} == {4} and {cap for _, _, cap in f.per_table} == {7}

    feedback = db.session.scalars(select(Feedback)).all()
    first = [x for x in feedback if x.round == 1]
    assert f.feedback_given == len(feedback)
    assert f.ratings == {r: sum(1 for x in first if x.rating == r) for r in (1, 2, 3, 4)}
    assert f.average_rating == pytest.approx(sum(x.rating for x in first) / len(first), abs=0.01)
    assert f.follow_ups_planned == sum(1 for x in first if x.follow_up_planned)
    assert f.cooperations_started == sum(1 for x in feedback if x.round == 2) > 0
    held = {frozenset((m.participant_a_id, m.participant_b_id))
            for m in meetings if m.status == MeetingStatus.HELD}  # fmt: skip
    assert f.new_contacts == len(held) > 0


def test_average_breaks_counts_idle_runs_within_a_session(make_event, make_participant):
    event = make_event(slug="brk", sessions=SESSIONS, pause_minutes=5)
    event.locations = [Location(number=1, name="Tisch 1"), Location(number=2, name="Tisch 2")]
    a, b, c = (make_participant(event) for _ in range(3))
    slots = event_slots(event)
    table = event.locations[0].id
    # a: slots 0, 2 (one break) and 4 (next session: no break across the lunch); b: 0 and 3
    # (one break); c: 2 and 3 (none). 2 breaks / 3 people. The cancelled meeting of a and c
    # in slot 1 would close a's break if it counted.
    for s, (p, q) in ((0, (a, b)), (2, (a, c)), (4, (a, b)), (3, (b, c))):
        db.session.add(Meeting(event_id=event.id, participant_a_id=p.id, participant_b_id=q.id,
                               starts_at=slots[s].starts_at, ends_at=slots[s].ends_at,
                               location_id=table))  # fmt: skip
    db.session.add(Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=c.id,
                           starts_at=slots[1].starts_at, ends_at=slots[1].ends_at,
                           location_id=table, status=MeetingStatus.CANCELLED))  # fmt: skip
    db.session.flush()
    assert event_figures(event).average_breaks == round(2 / 3, 2)


def test_dashboard_page_csv_and_report(app, client, held_event):
    event = held_event
    organiser = create_organiser(email="fig@org.example", name="Fig", password=PASSWORD)
    event.organisers.append(organiser)
    db.session.commit()
    assert client.get("/organiser/events/fig/figures").status_code == 302  # login first
    login(client, "fig@org.example")
    html = client.get("/organiser/events/fig/figures", headers={"Accept-Language": "en"})
    page = html.get_data(as_text=True)
    assert html.status_code == 200 and page.count("<svg") == 8
    assert "Participants by country" in page and "Poland" in page
    german = client.get("/organiser/events/fig/figures", headers={"Accept-Language": "de"})
    assert "Polen" in german.get_data(as_text=True)
    exported = client.get("/organiser/events/fig/figures.csv")
    assert exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True))))
    assert rows[0] == ["section", "key", "value"]
    assert [tuple(r) for r in rows[1:]] == figures_rows(event_figures(event))
    report = client.get("/organiser/events/fig/figures/report").get_data(as_text=True)
    assert "organiser-nav" not in report and report.count("<svg") == 8
    other = app.test_client()
    create_organiser(email="x@org.example", name="X", password=PASSWORD)
    db.session.commit()
    login(other, "x@org.example")
    assert other.get("/organiser/events/fig/figures").status_code == 404
    assert other.get("/organiser/events/fig/figures.csv").status_code == 404


def test_figures_of_an_empty_event(app, client, make_event):
    event = make_event(slug="leer", sessions=[])
    event.organisers.append(create_organiser(email="l@org.example", name="L", password=PASSWORD))
    db.session.commit()
    f = event_figures(event)
    assert (f.participants, f.meetings["total"], f.average_rating, f.average_breaks) == (
        0, 0, None, 0.0
    )  # fmt: skip
    login(client, "l@org.example")
    page = client.get("/organiser/events/leer/figures", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and page.get_data(as_text=True).count("<svg") == 8
    exported = client.get("/organiser/events/leer/figures.csv").get_data(as_text=True)
    assert "feedback,average_rating,\r\n" in exported

"""The bridge between an event in the database and the solver."""

from datetime import date, time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import (
    BlockedSlot,
    Exclusion,
    Item,
    Location,
    Meeting,
    MeetingRequest,
)
from matchmaker.models.enums import (
    ItemKind,
    MeetingOrigin,
    MeetingStatus,
    ParticipantStatus,
    RequestPriority,
    RequestStatus,
)
from matchmaker.services.scheduling import apply_solution, build_instance
from solver.large import solve_large
from solver.schema import Assignment, Config, Solution, Status
from solver.validate import validate

SESSIONS = [
    ("Vormittag", date(2027, 3, 17), time(9), time(10)),  # slots 0-2 (20 min, no pause)
    ("Nachmittag", date(2027, 3, 17), time(14), time(15)),  # slots 3-5
]


@pytest.fixture
def event(make_event, make_participant):
    event = make_event(slug="s", sessions=SESSIONS, pause_minutes=0)
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in (1, 2)]
    people = [make_participant(event, first_name=n) for n in ("A", "B", "C", "D")]
    for p in people:
        p.sessions = list(event.sessions)
        p.items = [
            Item(kind=kind, title="Wasserstoffspeicher", category=event.categories[0])
            for kind in (ItemKind.OFFER, ItemKind.NEED)
        ]
    db.session.flush()
    return event, people


def accept(event, sender, receiver, priority=RequestPriority.WOULD_LIKE):
    db.session.add(
        MeetingRequest(
            event_id=event.id,
            sender_id=sender.id,
            receiver_id=receiver.id,
            priority=priority,
            status=RequestStatus.ACCEPTED,
        )  # fmt: skip
    )
    db.session.flush()


def test_build_instance_takes_accepted_requests_with_weights(event):
    ev, (a, b, c, d) = event
    accept(ev, a, b, RequestPriority.MUST)
    accept(ev, b, a)  # the other way too: mutual
    accept(ev, c, d)
    db.session.add(
        MeetingRequest(
            event_id=ev.id, sender_id=a.id, receiver_id=c.id, status=RequestStatus.PENDING
        )  # fmt: skip
    )
    instance, mapping = build_instance(ev)
    assert (instance.participants, instance.slots, instance.tables) == (4, 6, 2)
    assert [(s.start, s.end) for s in instance.sessions] == [(0, 3), (3, 6)]
    assert [(m.a, m.b, m.weight) for m in instance.meetings] == [(0, 1, 5), (2, 3, 1)]
    assert mapping.origins == (MeetingOrigin.MUTUAL, MeetingOrigin.REQUEST)
    assert instance.select is True


def test_build_instance_leaves_out_excluded_unconfirmed_and_absent(event):
    ev, (a, b, c, d) = event
    accept(ev, a, b)
    accept(ev, a, c)
    accept(ev, a, d)
    db.session.add(Exclusion(event_id=ev.id, participant_id=b.id, other_id=a.id))
    c.status = ParticipantStatus.REGISTERED
    d.absent = True
    instance, mapping = build_instance(ev)
    assert mapping.participant_ids == (a.id, b.id)
    assert instance.meetings == ()


def test_build_instance_availability_booths_and_limits(event):
    ev, (a, b, c, _d) = event
    ev.max_meetings_per_participant = 4
    a.sessions = [ev.sessions[0]]  # morning only
    b.blocked_slots = [BlockedSlot(starts_at=_slot_start(ev, 4))]
    b.max_meetings = 2
    ev.locations[1].owner_id = c.id
    db.session.flush()
    instance, _mapping = build_instance(ev)
    assert instance.forbidden == {0: frozenset({3, 4, 5}), 1: frozenset({4})}
    assert instance.booths == {2: 1}
    assert instance.max_meetings == {0: 4, 1: 2, 2: 4, 3: 4}


def _slot_start(ev, index):
    from matchmaker.services.slots import event_slots

    return event_slots(ev)[index].starts_at


def solution(*rows) -> Solution:
    return Solution(Status.FEASIBLE, tuple(Assignment(*r) for r in rows))


def test_apply_solution_creates_meetings_with_score_and_explanation(event):
    ev, (a, b, c, d) = event
    accept(ev, a, b)
    accept(ev, c, d)
    instance, mapping = build_instance(ev)
    result = apply_solution(ev, instance, mapping, solution((0, 0, 0), (1, 0, 1)))
    assert (result.created, result.moved, result.cancelled) == (2, 0, 0)
    meetings = db.session.scalars(select(Meeting).order_by(Meeting.id)).all()
    assert [(m.participant_a_id, m.location.name) for m in meetings] == [
        (a.id, "Tisch 1"), (c.id, "Tisch 2"),
    ]  # fmt: skip
    assert meetings[0].starts_at == _slot_start(ev, 0)
    assert meetings[0].score > 0 and meetings[0].explanation["a"] == a.id
    assert meetings[0].revision == 0 and meetings[0].request_id is not None


def test_apply_solution_again_keeps_identity_moves_raise_revision_drops_cancel(event):
    ev, (a, b, c, d) = event
    accept(ev, a, b)
    accept(ev, c, d)
    instance, mapping = build_instance(ev)
    apply_solution(ev, instance, mapping, solution((0, 0, 0), (1, 0, 1)))
    first = {m.participant_a_id: m.uid for m in db.session.scalars(select(Meeting))}
    instance, mapping = build_instance(ev)
    assert instance.previous == {0: (0, 0), 1: (0, 1)}
    result = apply_solution(ev, instance, mapping, solution((0, 2, 0)))
    assert (result.created, result.moved, result.unchanged, result.cancelled) == (0, 1, 0, 1)
    meetings = {m.participant_a_id: m for m in db.session.scalars(select(Meeting))}
    assert meetings[a.id].uid == first[a.id] and meetings[a.id].revision == 1
    assert meetings[a.id].starts_at == _slot_start(ev, 2)
    assert (meetings[c.id].status, meetings[c.id].revision) == (MeetingStatus.CANCELLED, 1)


def test_locked_meeting_is_passed_as_locked_and_never_cancelled(event):
    ev, (a, b, _c, _d) = event
    accept(ev, a, b)
    instance, mapping = build_instance(ev)
    apply_solution(ev, instance, mapping, solution((0, 1, 1)))
    meeting = db.session.scalar(select(Meeting))
    meeting.locked = True
    instance, mapping = build_instance(ev)
    assert instance.locked == {0: (1, 1)}
    apply_solution(ev, instance, mapping, solution())
    assert meeting.status == MeetingStatus.PLANNED


def test_demo_event_end_to_end_schedule_is_valid(app):
    from matchmaker.models import Event
    from matchmaker.services.demo import seed_demo

    seed_demo(participants=60, seed=3)
    ev = db.session.scalar(select(Event))
    instance, mapping = build_instance(ev)
    result = solve_large(instance, Config(time_limit=5, workers=1))
    report = validate(instance, result.assignments)
    assert report.feasible and report.scheduled == result.scheduled > 0
    applied = apply_solution(ev, instance, mapping, result)
    assert applied.created == result.scheduled


def test_cli_schedule_writes_agenda_and_records_the_run(runner):
    from matchmaker.models import ScheduleRun
    from matchmaker.services.demo import seed_demo

    seed_demo(participants=40, seed=5)
    db.session.commit()
    dry = runner.invoke(args=["schedule", "demo", "--time-limit", "3", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run: the agenda was not changed." in dry.output
    assert db.session.scalar(select(Meeting.id)) is None
    real = runner.invoke(args=["schedule", "demo", "--time-limit", "3"])
    assert real.exit_code == 0, real.output
    placed = db.session.scalars(select(Meeting)).all()
    assert f"Agenda written: {len(placed)} new" in real.output
    runs = db.session.scalars(select(ScheduleRun).order_by(ScheduleRun.id)).all()
    assert [r.status for r in runs] == ["succeeded", "accepted"]
    assert runs[1].statistics["placed"] == runs[1].scheduled == len(placed)
    assert {m.schedule_run_id for m in placed} == {runs[1].id}


def test_cli_schedule_unknown_event_is_a_clear_error(runner):
    result = runner.invoke(args=["schedule", "nope"])
    assert result.exit_code == 1 and "no event with the slug 'nope'" in result.output


def test_cli_schedule_event_without_requests_writes_an_empty_agenda(runner, make_event):
    make_event(slug="leer")
    db.session.commit()
    result = runner.invoke(args=["schedule", "leer", "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    assert "0 of 0 requested meetings placed" in result.output

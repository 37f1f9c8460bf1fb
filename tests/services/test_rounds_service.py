"""Speed-dating rounds in the web app: the event mapped onto the rounds solver and back."""

from collections import Counter
from datetime import date, time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Exclusion, Item, Location, Meeting
from matchmaker.models.enums import (
    ActorType,
    EventFormat,
    ExclusionReason,
    ItemKind,
    MeetingStatus,
    RunStatus,
)
from matchmaker.services.rounds import (
    RoundsError,
    board,
    build_rounds_instance,
    rounds_days,
    set_two_sided,
    solve_event_rounds,
)
from matchmaker.services.runs import RunError, accept_run, create_run, execute_run
from matchmaker.services.scheduling import apply_proposal
from matchmaker.services.slots import event_slots

# 20-minute rounds with 5 minutes to change tables: 9:00, 9:25, 9:50, 10:15
SESSION = [("Speed-Dating", date(2027, 3, 17), time(9), time(10, 40))]
TOPICS = ["Wasserstoffspeicher", "Batterierecycling", "Leichtbau", "Sensorik", "Robotik"]


@pytest.fixture
def rounds_event(make_event, make_participant):
    event = make_event(slug="r", event_format=EventFormat.ROUNDS, sessions=SESSION, pause_minutes=5)
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in range(1, 6)]
    people = []
    for n in range(9):  # odd: someone sits out every round
        person = make_participant(
            event,
            first_name=f"P{n}",
            actor_type=ActorType.SME if n % 2 else ActorType.RESEARCH_INSTITUTE,
            organisation="Gleiche GmbH" if n in (0, 1) else f"Organisation {n}",
        )
        person.items = [
            Item(kind=ItemKind.OFFER, title=TOPICS[n % 5], category=event.categories[0]),
            Item(kind=ItemKind.NEED, title=TOPICS[(n + 1) % 5], category=event.categories[0]),
        ]
        people.append(person)
    db.session.add(
        Exclusion(
            event_id=event.id,
            participant_id=people[2].id,
            other_id=people[3].id,
            reason=ExclusionReason.NO_THANKS,
        )  # fmt: skip
    )
    db.session.flush()
    return event, people


def generate(event, from_round=1):
    outcome = solve_event_rounds(event, from_round=from_round, time_limit=5)
    assert outcome.errors == []
    apply_proposal(event, outcome.rows)
    db.session.flush()
    return outcome


def planned(event) -> list[Meeting]:
    return list(
        db.session.scalars(
            select(Meeting).where(
                Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED
            )
        )
    )


def pair(m: Meeting) -> frozenset[int]:
    return frozenset((m.participant_a_id, m.participant_b_id))


def test_rounds_pair_everyone_once_per_round_never_twice(rounds_event):
    event, people = rounds_event
    outcome = generate(event)
    meetings = planned(event)
    slots = event_slots(event)
    assert len(slots) == 4 and len(meetings) == 4 * 4  # 9 people: 4 pairs a round
    assert len({pair(m) for m in meetings}) == len(meetings)  # no pair twice
    for number in range(1, 5):
        seated = [p for m in meetings if m.round_number == number for p in pair(m)]
        assert len(seated) == len(set(seated)) == 8
        slot = slots[number - 1]
        assert {(m.starts_at, m.ends_at) for m in meetings if m.round_number == number} == {
            (slot.starts_at, slot.ends_at)
        }
    tables = Counter((m.round_number, m.location_id) for m in meetings)
    assert max(tables.values()) == 1  # one pair per table per round
    # same organisation and "no thanks" never sit together
    assert frozenset((people[0].id, people[1].id)) not in {pair(m) for m in meetings}
    assert frozenset((people[2].id, people[3].id)) not in {pair(m) for m in meetings}
    # four different people sit out, one per round
    out = [r.sitting_out for r in board(event)]
    assert [len(o) for o in out] == [1, 1, 1, 1]
    assert len({o[0].id for o in out}) == 4
    stats = outcome.statistics
    assert stats["placed"] == 16 and stats["total"] <= stats["bound"]
    assert stats["total"] >= stats["circle_total"]


def test_regenerating_from_round_three_keeps_rounds_one_and_two(rounds_event, make_participant):
    event, people = rounds_event
    generate(event)
    before = {m.id: (m.uid, m.round_number, m.location_id, m.revision) for m in planned(event)}
    early = {i for i, v in before.items() if v[1] <= 2}
    leaver = people[4]
    leaver.absent = True
    newcomer = make_participant(event, first_name="Neu", organisation="Neu AG")
    newcomer.items = [
        Item(kind=ItemKind.NEED, title=TOPICS[0], category=event.categories[0]),
        Item(kind=ItemKind.OFFER, title=TOPICS[2], category=event.categories[0]),
    ]
    db.session.flush()
    generate(event, from_round=3)
    after = planned(event)
    kept = {m.id: (m.uid, m.round_number, m.location_id, m.revision)
            for m in after if m.id in early}  # fmt: skip
    assert kept == {i: before[i] for i in early}  # rounds 1-2 untouched, calendars too
    late = [m for m in after if m.round_number >= 3]
    assert all(leaver.id not in pair(m) for m in late)
    assert any(newcomer.id in pair(m) for m in late)
    assert len({pair(m) for m in after}) == len(after)  # still nobody meets twice
    for number in (3, 4):
        seated = [p for m in after if m.round_number == number for p in pair(m)]
        assert len(seated) == len(set(seated)) == 8  # 9 present again (one left, one came)


def test_two_sided_rounds_only_pair_across_sides(rounds_event):
    event, people = rounds_event
    set_two_sided(event, [ActorType.RESEARCH_INSTITUTE.value])
    generate(event)
    kind = {p.id: p.actor_type for p in people}
    meetings = planned(event)
    assert meetings
    for m in meetings:
        assert kind[m.participant_a_id] != kind[m.participant_b_id]


def test_two_sided_refuses_unknown_or_all_types(rounds_event):
    event, _people = rounds_event
    with pytest.raises(RoundsError, match="unknown actor type"):
        set_two_sided(event, ["dragon"])
    with pytest.raises(RoundsError, match="side B would be empty"):
        set_two_sided(event, [t.value for t in ActorType])
    set_two_sided(event, [])
    assert "rounds_side_a" not in event.matching


def test_impossible_rounds_are_refused_with_a_reason(rounds_event, make_event):
    event, people = rounds_event
    with pytest.raises(RoundsError, match="between 1 and 4"):
        build_rounds_instance(event, 5)
    generate(event)
    locked = next(m for m in planned(event) if m.round_number == 3)
    locked.locked = True
    with pytest.raises(RoundsError, match="round 3 has locked meetings"):
        build_rounds_instance(event, 2)
    build_rounds_instance(event, 4)  # regenerating after the locked round is fine
    b2b = make_event(slug="b2b")
    with pytest.raises(RoundsError, match="does not use the rounds format"):
        build_rounds_instance(b2b, 1)
    empty = make_event(slug="nt", event_format=EventFormat.ROUNDS, sessions=SESSION)
    with pytest.raises(RunError, match="create tables first"):
        create_run(empty, time_limit=5, organiser_id=None)


def test_a_rounds_run_proposes_then_accept_writes_rounds(rounds_event):
    event, _people = rounds_event
    db.session.commit()
    run = create_run(event, time_limit=5, organiser_id=None, from_round=1)
    db.session.commit()
    execute_run(run.id)
    db.session.expire_all()
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert planned(event) == []  # nothing changes before the organiser accepts
    assert run.statistics["format"] == "rounds" and run.statistics["placed"] == 16
    accept_run(run)
    db.session.commit()
    assert sorted(Counter(m.round_number for m in planned(event)).items()) == [
        (1, 4), (2, 4), (3, 4), (4, 4)
    ]  # fmt: skip


def test_participant_rounds_show_partner_or_sit_out(rounds_event):
    event, people = rounds_event
    generate(event)
    for person in people:
        days = rounds_days(event, person, [m for m in planned(event) if person.id in pair(m)])
        entries = [e for d in days for e in d.entries]
        assert [e.round_number for e in entries] == [1, 2, 3, 4]
    sat = [
        p for p in people
        if any(getattr(e, "sit_out", False)
               for d in rounds_days(event, p, [m for m in planned(event) if p.id in pair(m)])
               for e in d.entries)
    ]  # fmt: skip
    assert len(sat) == 4

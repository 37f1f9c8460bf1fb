"""repair: keep what still fits of the previous agenda and add meetings without moving anyone."""

from dataclasses import replace

from solver.auto import solve_auto
from solver.generate import generate
from solver.repair import repair
from solver.schema import Config, Instance, Meeting, Status
from solver.validate import validate

FAST = Config(time_limit=5, workers=1)


def test_repair_keeps_previous_meetings_where_they_are():
    instance = Instance("r", 4, 3, 1, (Meeting(0, 1), Meeting(2, 3)), select=True,
                        previous={0: (2, 0), 1: (0, 0)})  # fmt: skip
    result = repair(instance)
    assert sorted((a.meeting, a.slot, a.table) for a in result.assignments) == [
        (0, 2, 0),
        (1, 0, 0),
    ]
    assert validate(instance, result.assignments).changes == 0


def test_repair_moves_only_what_no_longer_fits():
    # participant 1 became unavailable in slot 2: only their meeting moves
    instance = Instance("r", 4, 3, 1, (Meeting(0, 1), Meeting(2, 3)), select=True,
                        previous={0: (2, 0), 1: (0, 0)},
                        forbidden={1: frozenset({2})})  # fmt: skip
    result = repair(instance)
    report = validate(instance, result.assignments)
    assert report.feasible and report.changes == 1
    assert {a.meeting: a.slot for a in result.assignments} == {0: 1, 1: 0}


def test_repair_adds_heaviest_meetings_next_to_existing_ones():
    meetings = (Meeting(0, 1), Meeting(0, 2, weight=1), Meeting(0, 3, weight=3))
    instance = Instance("r", 4, 4, 1, meetings, select=True, previous={0: (1, 0)},
                        max_meetings={0: 2})  # fmt: skip
    result = repair(instance)
    slots = {a.meeting: a.slot for a in result.assignments}
    assert slots[0] == 1 and 2 in slots and 1 not in slots  # weight 3 wins the last place
    assert slots[2] in (0, 2)  # adjacent to slot 1: no new wait for participant 0
    assert validate(instance, result.assignments).breaks == 0


def test_stability_first_after_a_cancellation_moves_nobody():
    instance = generate(participants=40, slots=8, seed=4)
    first = solve_auto(instance, FAST)
    gone = first.assignments[0].meeting
    previous = {a.meeting: (a.slot, a.table) for a in first.assignments if a.meeting != gone}
    meetings = tuple(
        replace(m, weight=0) if i == gone else m for i, m in enumerate(instance.meetings)
    )
    later = replace(instance, meetings=meetings, previous=previous)
    result = solve_auto(later, replace(FAST, prefer_stability=True))
    report = validate(later, result.assignments)
    assert result.status == Status.FEASIBLE and report.feasible
    if result.statistics.get("solver") == "repair":
        assert report.changes == 0  # the old agenda stays; freed places are filled around it
    else:
        assert report.weight > repair(later).weight  # only more weight may move meetings

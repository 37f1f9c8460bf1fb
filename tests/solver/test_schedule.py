from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from solver.explain import explain_infeasible
from solver.model import ScheduleModel
from solver.schedule import solve
from solver.schema import Config, Instance, Meeting, Progress, Session, Status, load_instance
from solver.tables import assign_tables
from solver.validate import validate

B2B = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "b2b"
FAST = Config(time_limit=5, workers=2)


def make(meetings, participants=4, slots=3, tables=2, **kwargs) -> Instance:
    pairs = tuple(m if isinstance(m, Meeting) else Meeting(*m) for m in meetings)
    return Instance("t", participants, slots, tables, pairs, **kwargs)


def slots_of(solution) -> dict[int, int]:
    return {a.meeting: a.slot for a in solution.assignments}


def model_status(instance: Instance, pins: dict[int, int]) -> int:
    """Solve the bare model (no explanation checks) with some meetings pinned to slots."""
    sm = ScheduleModel(instance)
    for meeting, slot in pins.items():
        sm.model.add(sm.x[meeting, slot] == 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    return solver.solve(sm.model)


def test_model_participant_once_per_slot_when_pinned_together_is_infeasible():
    instance = make([(0, 1), (0, 2)], slots=2)
    assert model_status(instance, {0: 0}) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert model_status(instance, {0: 0, 1: 0}) == cp_model.INFEASIBLE


def test_model_table_capacity_when_pinned_beyond_tables_is_infeasible():
    instance = make([(0, 1), (2, 3)], slots=2, tables=1)
    assert model_status(instance, {0: 0, 1: 0}) == cp_model.INFEASIBLE
    solution = solve(instance, FAST)
    assert sorted(slots_of(solution).values()) == [0, 1]


def test_solve_forbidden_slot_moves_meeting():
    solution = solve(make([(0, 1)], slots=2, forbidden={1: frozenset({0})}), FAST)
    assert slots_of(solution) == {0: 1}


def test_solve_session_restriction_keeps_meeting_in_session():
    instance = make([(0, 1, 1)], slots=4, sessions=(Session(0, 2), Session(2, 4)))
    assert slots_of(solve(instance, FAST))[0] in (2, 3)


def test_solve_fixed_meeting_takes_its_slot():
    assert slots_of(solve(make([(0, 1)], slots=3, fixed={0: 2}), FAST)) == {0: 2}


def test_solve_locked_meeting_keeps_slot_and_table():
    instance = make([(0, 1), (2, 3)], slots=3, tables=3, locked={1: (2, 1)})
    solution = solve(instance, FAST)
    assert {(a.meeting, a.slot, a.table) for a in solution.assignments} >= {(1, 2, 1)}
    assert validate(instance, solution.assignments).feasible


def test_solve_precedence_orders_meetings():
    instance = make([(0, 1), (2, 3)], slots=2, tables=2, precedences={0: (1,)})
    assert slots_of(solve(instance, FAST)) == {0: 1, 1: 0}


def test_solve_precedence_against_fixed_slot_is_infeasible_with_generic_explanation():
    instance = make([(0, 1), (2, 3)], slots=2, precedences={1: (0,)}, fixed={1: 0})
    solution = solve(instance, FAST)
    assert solution.status == Status.INFEASIBLE
    assert solution.assignments == ()
    assert "no schedule satisfies all rules together" in solution.explanation[0]


def test_solve_booth_owner_meets_at_booth_and_nobody_else_uses_it():
    instance = make([(0, 1), (2, 3), (0, 2)], slots=2, tables=2, booths={0: 1})
    solution = solve(instance, FAST)
    tables = {a.meeting: a.table for a in solution.assignments}
    assert tables == {0: 1, 1: 0, 2: 1}
    assert validate(instance, solution.assignments).feasible


def test_solve_optional_meetings_whose_fixed_slots_break_a_precedence_are_left_out():
    # Select mode: meeting 1 must come before 0, but their fixed slots say otherwise; both are
    # optional, so the schedule keeps the heavier one instead of calling the event infeasible.
    meetings = [Meeting(0, 1, weight=1), Meeting(2, 3, weight=2)]
    instance = make(meetings, slots=2, select=True, precedences={0: (1,)}, fixed={0: 0, 1: 1})
    solution = solve(instance, FAST)
    assert solution.status == Status.OPTIMAL
    assert slots_of(solution) == {1: 1}


def test_solve_booth_of_two_owners_is_infeasible_with_explanation():
    instance = make([(0, 1), (2, 3)], slots=2, tables=2, booths={0: 1, 2: 1})
    solution = solve(instance, FAST)
    assert solution.status == Status.INFEASIBLE
    assert solution.explanation == ("participants 0, 2 all have booth 1; a booth has one owner",)


def test_solve_booths_leave_fewer_shared_tables():
    # Table 1 is 4's booth, so 0-1 and 2-3 cannot share a slot.
    instance = make([(0, 1), (2, 3)], participants=5, slots=2, tables=2, booths={4: 1})
    assert model_status(instance, {0: 0, 1: 0}) == cp_model.INFEASIBLE


def test_solve_max_meetings_keeps_heaviest_in_select_mode():
    instance = make(
        [Meeting(0, 1, weight=1), Meeting(0, 2, weight=5)], select=True, max_meetings={0: 1}
    )
    solution = solve(instance, FAST)
    assert slots_of(solution).keys() == {1}
    assert solution.weight == 5


def test_solve_select_mode_spreads_meetings_among_equal_weights():
    # Two of three meetings fit; 0-1 with 2-3 gives everybody a meeting, 0-1 with 0-2 does not.
    instance = make([(0, 1), (0, 2), (2, 3)], slots=2, tables=1, select=True)
    assert slots_of(solve(instance, FAST)).keys() == {0, 2}


def test_solve_select_mode_weight_beats_spreading():
    # One slot: 0-1 with 2-3 would give all four a meeting, but 0-2 alone weighs more.
    meetings = [Meeting(0, 1), Meeting(0, 2, weight=3), Meeting(2, 3)]
    instance = make(meetings, slots=1, tables=2, select=True)
    assert slots_of(solve(instance, FAST)).keys() == {1}


def test_solve_mandatory_meeting_beats_heavier_optional_one():
    meetings = [Meeting(0, 1, weight=1, mandatory=True), Meeting(0, 2, weight=5)]
    solution = solve(make(meetings, select=True, max_meetings={0: 1}), FAST)
    assert slots_of(solution).keys() == {0}


def test_solve_duplicate_pair_is_scheduled_once_in_select_mode():
    solution = solve(make([Meeting(0, 1, weight=2), Meeting(1, 0, weight=3)], select=True), FAST)
    assert slots_of(solution).keys() == {1}


def test_solve_non_select_schedules_every_meeting():
    instance = make([(0, 1), (0, 2), (1, 2), (2, 3)], slots=4, tables=1)
    solution = solve(instance, FAST)
    assert solution.scheduled == 4
    assert validate(instance, solution.assignments).feasible


def test_explain_too_many_mandatory_meetings_for_available_slots():
    instance = make([(0, 1), (0, 2), (0, 3)], slots=3, forbidden={0: frozenset({1})})
    solution = solve(instance, FAST)
    assert solution.status == Status.INFEASIBLE
    assert solution.explanation == (
        "participant 0 has 3 mandatory meetings but only 2 available slots",
    )


def test_explain_fixed_meeting_in_unavailable_slot():
    instance = make([(0, 1)], fixed={0: 2}, forbidden={1: frozenset({2})})
    assert explain_infeasible(instance) == [
        "meeting 0 is fixed to slot 2 but participant 1 is unavailable then"
    ]


def test_explain_slot_with_more_pinned_meetings_than_tables():
    instance = make([(0, 1), (2, 3), (4, 5)], participants=6, tables=2, fixed={0: 1, 1: 1, 2: 1})
    assert explain_infeasible(instance) == ["slot 1 has 3 locked/fixed meetings for 2 tables"]


def test_solve_pair_listed_twice_as_required_meets_twice():
    # two benchmark instances list a pair twice; both meetings must take place
    solution = solve(make([(0, 1), (1, 0)], slots=2), FAST)
    assert solution.scheduled == 2
    assert sorted(a.slot for a in solution.assignments) == [0, 1]


def test_solve_pair_among_chosen_meetings_meets_once():
    solution = solve(make([(0, 1), (1, 0)], slots=2, select=True), FAST)
    assert solution.scheduled == 1


def test_solve_weight_comes_before_breaks():
    # Meeting both 1 and 2 forces participant 0 into slots 0 and 2, a break.
    instance = make([(0, 1), (0, 2)], slots=3, select=True, forbidden={0: frozenset({1})})
    solution = solve(instance, FAST)
    assert solution.scheduled == 2
    assert solution.breaks == 1


def test_solve_breaks_come_before_changes():
    meetings = [(0, 1), (0, 2)]
    instance = make(meetings, slots=3, tables=1, previous={0: (0, 0), 1: (2, 0)})
    solution = solve(instance, FAST)
    report = validate(instance, solution.assignments)
    assert (report.breaks, report.changes) == (0, 1)


def test_solve_with_previous_schedule_and_one_meeting_removed_changes_nothing_else():
    meetings = [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)]
    first = make(meetings, slots=5, tables=2)
    old = solve(first, FAST)
    assert old.breaks == 0
    # A meeting of the last used slot: dropping it opens no gap, so nothing else need move.
    removed = max(old.assignments, key=lambda a: a.slot).meeting
    previous = {
        (a.meeting if a.meeting < removed else a.meeting - 1): (a.slot, a.table)
        for a in old.assignments
        if a.meeting != removed
    }
    kept = tuple(m for i, m in enumerate(first.meetings) if i != removed)
    second = replace(first, meetings=kept, previous=previous)
    again = solve(second, FAST)
    report = validate(second, again.assignments)
    assert report.feasible
    assert report.changes == 0


def test_assign_tables_keeps_participant_at_one_table_and_stays_valid():
    instance = make([(0, 1), (0, 2), (0, 3), (2, 3)], slots=3, tables=3)
    slots = {0: 0, 1: 1, 2: 2, 3: 0}
    assignments = assign_tables(instance, slots)
    report = validate(instance, assignments)
    assert report.feasible
    tables_of_0 = {a.table for a in assignments if a.meeting in (0, 1, 2)}
    assert len(tables_of_0) == 1


def test_assign_tables_respects_locked_tables_and_booths():
    instance = make(
        [(0, 1), (2, 3), (4, 5)],
        participants=6,
        slots=1,
        tables=3,
        locked={0: (0, 2)},
        booths={4: 0},
    )
    assignments = assign_tables(instance, {0: 0, 1: 0, 2: 0})
    assert {a.meeting: a.table for a in assignments} == {0: 2, 1: 1, 2: 0}


def test_solve_reports_progress_on_improving_solutions():
    reports: list[Progress] = []
    instance = make([(0, 1), (0, 2), (1, 2), (2, 3)], slots=5, tables=1)
    solution = solve(instance, replace(FAST, progress=reports.append))
    assert reports
    assert reports[-1].scheduled == 4
    assert solution.statistics["stages"][0]["name"].startswith("breaks")


def test_solve_statistics_name_each_stage_with_status_and_time():
    instance = make([(0, 1), (0, 2)], slots=3, previous={0: (0, 0)})
    stages = solve(instance, FAST).statistics["stages"]
    # Every meeting must take place: the window model finds a schedule without breaks first.
    assert [s["name"] for s in stages] == ["breaks-zero", "changes"]
    assert all(s["status"] == "optimal" and s["seconds"] >= 0 for s in stages)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "workers"),
    [
        ("tic-12", 2),
        # With one worker CP-SAT runs its LP worker unless told otherwise; on ticf-14crafa that
        # found no schedule at all within 10 s (six of the 20 real instances ended without one).
        ("ticf-14crafa", 1),
    ],
)
def test_solve_real_instance_reaches_published_optimum(name, workers):
    instance = load_instance(B2B / f"{name}.original.json")
    solution = solve(instance, Config(time_limit=10, workers=workers))
    report = validate(instance, solution.assignments)
    assert report.feasible
    assert report.scheduled == len(instance.meetings)
    assert report.breaks == instance.published_optimum_breaks == 0


def brute_force_breaks(instance: Instance) -> int | None:
    """Return the fewest breaks over all slot choices, or None when nothing is feasible."""
    best = None
    for _, report in feasible_schedules(instance):
        if best is None or report.breaks < best:
            best = report.breaks
    return best


def feasible_schedules(instance: Instance):
    """Yield (meeting -> slot, report) for every feasible schedule (brute force)."""
    from itertools import product

    choices = [instance.allowed_slots(i) for i in range(len(instance.meetings))]
    for slots in product(*choices):
        rows = assign_or_none(instance, dict(enumerate(slots)))
        if rows is None:
            continue
        report = validate(instance, rows)
        if report.feasible:
            yield dict(enumerate(slots)), report


def assign_or_none(instance: Instance, slots: dict[int, int]):
    try:
        return assign_tables(instance, slots)
    except ValueError:
        return None


@st.composite
def small_instances(draw, max_meetings: int = 6) -> Instance:
    participants = draw(st.integers(2, 5))
    slots = draw(st.integers(2, 4))
    pairs = [(a, b) for a in range(participants) for b in range(a + 1, participants)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=max_meetings, unique=True))
    forbidden = draw(
        st.dictionaries(
            st.integers(0, participants - 1),
            st.frozensets(st.integers(0, slots - 1), max_size=1),
            max_size=2,
        )
    )
    return make(
        [Meeting(a, b, weight=draw(st.integers(1, 3))) for a, b in chosen],
        participants=participants,
        slots=slots,
        tables=draw(st.integers(1, 3)),
        forbidden=forbidden,
        select=draw(st.booleans()),
        fairness=draw(st.sampled_from([None, 0, 1])),
    )


@settings(max_examples=40, deadline=None)
@given(small_instances())
def test_solve_random_small_instances_give_valid_schedules(instance):
    solution = solve(instance, FAST)
    assert solution.status in (Status.OPTIMAL, Status.INFEASIBLE)
    if solution.status == Status.OPTIMAL:
        assert validate(instance, solution.assignments).violations == ()


@settings(max_examples=30, deadline=None)
@given(small_instances(max_meetings=5))
def test_solve_tiny_instances_reach_brute_force_minimum_breaks(instance):
    instance = replace(instance, select=False)
    solution = solve(instance, FAST)
    expected = brute_force_breaks(instance)
    if expected is None:
        assert solution.status == Status.INFEASIBLE
    else:
        assert solution.status == Status.OPTIMAL
        assert solution.breaks == expected

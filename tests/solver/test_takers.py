from dataclasses import replace
from itertools import permutations, product

from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from solver.model import ScheduleModel
from solver.schema import Instance, Meeting, Session
from solver.takers import WindowRelaxation, applies, fits, restricted
from solver.validate import participant_breaks, validate
from tests.solver.test_schedule import assign_or_none, make, small_instances


def window_relaxation(instance: Instance) -> WindowRelaxation:
    return WindowRelaxation(ScheduleModel(instance, strong=False, breaks=False))


def relax(instance: Instance, seconds: float = 5.0):
    return window_relaxation(instance).solve(seconds, workers=2)


def with_breaks(instance: Instance, slots: dict[int, int]) -> set[int]:
    """Participants with a gap between two of their meetings."""
    taken: dict[int, list[int]] = {}
    for i, t in slots.items():
        m = instance.meetings[i]
        taken.setdefault(m.a, []).append(t)
        taken.setdefault(m.b, []).append(t)
    return {p for p, ts in taken.items() if max(ts) - min(ts) + 1 > len(ts)}


def fewest_takers(instance: Instance) -> int | None:
    """Brute force: the fewest participants with a break over all feasible schedules."""
    best = None
    choices = [instance.allowed_slots(i) for i in range(len(instance.meetings))]
    for chosen in product(*choices):
        slots = dict(enumerate(chosen))
        rows = assign_or_none(instance, slots)
        if rows is None or not validate(instance, rows).feasible:
            continue
        takers = len(with_breaks(instance, slots))
        best = takers if best is None else min(best, takers)
    return best


def two_sessions(meetings, **kwargs) -> Instance:
    # Five slots: morning 0-1, afternoon 2-4; participant 0 meets 1..4.
    return make(
        meetings,
        participants=5,
        slots=5,
        tables=2,
        sessions=(Session(0, 2), Session(2, 5)),
        **kwargs,
    )


def test_window_fits_only_where_the_meetings_can_be_matched_to_its_slots():
    # Two morning and two afternoon meetings: the window 0-3 holds them, 1-4 has one morning slot.
    meetings = [Meeting(0, 1, 0), Meeting(0, 2, 0), Meeting(0, 3, 1), Meeting(0, 4, 1)]
    instance = two_sessions(meetings)
    sm = ScheduleModel(instance, strong=False, breaks=False)
    assert fits(sm, 0, 0)
    assert not fits(sm, 0, 1)
    relaxation = WindowRelaxation(sm)
    assert relaxation.forced == frozenset()
    zero = relaxation.zero(5, workers=2)
    assert zero.bound == 0
    assert with_breaks(instance, zero.slots) == set()


def test_participant_without_a_fitting_window_is_a_forced_taker():
    # Both afternoon partners of 0 are away in slot 3: window 0-3 gives them slot 2 only, and
    # window 1-4 has a single morning slot for two morning meetings. Every slot is allowed to
    # some meeting, so only the matching shows it; 0 must take a break (0, 1 | 2 | 4).
    instance = two_sessions(
        [Meeting(0, 1, 0), Meeting(0, 2, 0), Meeting(0, 3, 1), Meeting(0, 4, 1)],
        forbidden={3: frozenset({3}), 4: frozenset({3})},
    )
    sm = ScheduleModel(instance, strong=False, breaks=False)
    assert not fits(sm, 0, 0) and not fits(sm, 0, 1)
    relaxation = WindowRelaxation(sm)
    assert relaxation.forced == frozenset({0})
    zero = relaxation.zero(5, workers=2)
    assert (zero.bound, zero.slots) == (1, None)
    takers = relaxation.solve(5, workers=2)
    assert (takers.optimal, takers.bound, takers.candidates) == (True, 1, frozenset({0}))


def test_zero_proves_a_break_is_needed_when_no_schedule_keeps_everyone_in_one_window():
    # A triangle in two slots cannot be scheduled at all; with three slots and one table,
    # somebody waits: 0-1, 1-2, 0-2 in slots 0, 1, 2 gives 0 a break, and so does every order.
    instance = make([(0, 1), (1, 2), (0, 2)], participants=3, slots=3, tables=1)
    relaxation = window_relaxation(instance)
    assert relaxation.forced == frozenset()
    zero = relaxation.zero(5, workers=2)
    assert (zero.bound, zero.slots) == (1, None)


@settings(max_examples=40, deadline=None)
@given(small_instances(max_meetings=6), st.data())
def test_fits_agrees_with_trying_every_order_of_the_meetings(instance, data):
    sm = ScheduleModel(instance, strong=False, breaks=False)
    p = data.draw(st.sampled_from(sorted(sm.of)))
    deg = len(sm.of[p])
    for first in range(instance.slots - deg + 1):
        window = range(first, first + deg)
        expected = any(
            all((i, t) in sm.x for i, t in zip(sm.of[p], order, strict=True))
            for order in permutations(window)
        )
        assert fits(sm, p, first) == expected


@settings(max_examples=30, deadline=None)
@given(small_instances(max_meetings=5))
def test_zero_finds_a_schedule_without_breaks_exactly_when_one_exists(instance):
    instance = replace(instance, select=False, fairness=None)
    zero = window_relaxation(instance).zero(5, 2)
    expected = fewest_takers(instance)
    if expected == 0:
        rows = assign_or_none(instance, zero.slots)
        assert rows is not None and validate(instance, rows).feasible
        assert with_breaks(instance, zero.slots) == set()
    else:
        # No schedule at all, or none without breaks: either way no breaks-free one.
        assert zero.slots is None
        assert zero.bound >= 1


def test_participant_forbidden_between_meetings_is_the_only_taker():
    # Participant 0 meets 1 and 2 in three slots but cannot meet in the middle one.
    instance = make([(0, 1), (0, 2)], slots=3, forbidden={0: frozenset({1})})
    takers = relax(instance)
    assert takers.optimal
    assert takers.bound == 1
    assert takers.candidates == frozenset({0})
    assert sorted(takers.slots.values()) == [0, 2]


def solve_restricted(instance: Instance, candidates, one_break=frozenset()):
    light = ScheduleModel(instance, strong=False)
    model = restricted(light, frozenset(candidates), frozenset(one_break))
    model.minimize(light.breaks_objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    code = solver.solve(model)
    return code, (light.read_slots(solver) if code == cp_model.OPTIMAL else None)


def test_one_break_taker_is_never_given_two_breaks():
    # Participant 0 can meet only in slots 0, 2 and 4: two breaks, which "exactly one" rules out.
    instance = make(
        [(0, 1), (0, 2), (0, 3)], participants=4, slots=5, forbidden={0: frozenset({1, 3})}
    )
    code, slots = solve_restricted(instance, {0})
    assert code == cp_model.OPTIMAL
    assert breaks_of(instance, slots, 0) == 2
    assert solve_restricted(instance, {0}, {0})[0] == cp_model.INFEASIBLE


def test_one_break_taker_takes_exactly_one_even_when_none_is_possible():
    # Participant 0 could meet 1, 2, 3 in a row; as a one-break taker he has a gap, once.
    instance = make([(0, 1), (0, 2), (0, 3)], participants=4, slots=5)
    assert solve_restricted(instance, {0})[1] is not None
    code, slots = solve_restricted(instance, {0}, {0})
    assert code == cp_model.OPTIMAL
    assert breaks_of(instance, slots, 0) == 1
    # With fewer than two meetings nobody can take a break.
    assert solve_restricted(instance, {1}, {1})[0] == cp_model.INFEASIBLE


def test_schedule_without_breaks_has_no_takers():
    instance = make([(0, 1), (1, 2), (2, 3)], slots=3)
    takers = relax(instance)
    assert (takers.optimal, takers.bound, takers.candidates) == (True, 0, frozenset())
    assert with_breaks(instance, takers.slots) == set()


def test_applies_only_when_every_meeting_is_scheduled():
    instance = make([(0, 1), (1, 2)])
    assert applies(ScheduleModel(instance, breaks=False))
    assert not applies(ScheduleModel(replace(instance, select=True), breaks=False))
    mandatory = replace(
        instance,
        select=True,
        meetings=tuple(Meeting(m.a, m.b, mandatory=True) for m in instance.meetings),
    )
    assert applies(ScheduleModel(mandatory, breaks=False))


@settings(max_examples=30, deadline=None)
@given(small_instances(max_meetings=5))
def test_relaxation_minimum_is_the_fewest_break_takers(instance):
    # Without fairness every hard rule is in the relaxation, so its optimum is exact; its
    # schedule keeps every rule and only candidates have breaks.
    instance = replace(instance, select=False, fairness=None)
    takers = relax(instance)
    expected = fewest_takers(instance)
    if expected is None:
        assert takers.candidates is None
        return
    assert takers.optimal
    assert takers.bound == expected == len(takers.candidates)
    rows = assign_or_none(instance, takers.slots)
    assert rows is not None
    assert validate(instance, rows).violations == ()
    assert with_breaks(instance, takers.slots) <= takers.candidates


def breaks_of(instance: Instance, slots: dict[int, int], p: int) -> int:
    meetings = instance.meetings
    return participant_breaks(t for i, t in slots.items() if p in (meetings[i].a, meetings[i].b))


def fewest_breaks_among(
    instance: Instance, candidates: frozenset[int], one_break: frozenset[int] = frozenset()
) -> int | None:
    """Brute force: the fewest breaks over feasible schedules where only candidates have any and
    those in ``one_break`` exactly one."""
    best = None
    choices = [instance.allowed_slots(i) for i in range(len(instance.meetings))]
    for chosen in product(*choices):
        slots = dict(enumerate(chosen))
        rows = assign_or_none(instance, slots)
        if rows is None or not with_breaks(instance, slots) <= candidates:
            continue
        if any(breaks_of(instance, slots, p) != 1 for p in one_break):
            continue
        report = validate(instance, rows)
        if report.feasible:
            best = report.breaks if best is None else min(best, report.breaks)
    return best


@settings(max_examples=30, deadline=None)
@given(small_instances(max_meetings=5), st.data())
def test_restricted_model_is_exact_among_its_candidates(instance, data):
    # Fairness included: the restricted model keeps every rule of the light one.
    instance = replace(instance, select=False)
    candidates = frozenset(
        data.draw(st.sets(st.integers(0, instance.participants - 1), max_size=2))
    )
    # Some candidates take exactly one break: the two-block encoding of the one-taker search.
    one_break = frozenset()
    if candidates:
        one_break = frozenset(data.draw(st.sets(st.sampled_from(sorted(candidates)), max_size=1)))
    light = ScheduleModel(instance, strong=False)
    model = restricted(light, candidates, one_break)
    model.minimize(light.breaks_objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 2
    code = solver.solve(model)
    expected = fewest_breaks_among(instance, candidates, one_break)
    if expected is None:
        assert code == cp_model.INFEASIBLE
        return
    assert code == cp_model.OPTIMAL
    assert round(solver.objective_value) == expected
    slots = light.read_slots(solver)
    assert with_breaks(instance, slots) <= candidates
    assert all(breaks_of(instance, slots, p) == 1 for p in one_break)
    assert validate(instance, assign_or_none(instance, slots)).breaks == expected

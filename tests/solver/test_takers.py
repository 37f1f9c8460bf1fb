from dataclasses import replace
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from solver.schedule import ScheduleModel
from solver.schema import Instance, Meeting
from solver.takers import WindowRelaxation, applies, restricted
from solver.validate import validate
from tests.solver.test_schedule import assign_or_none, make, small_instances


def relax(instance: Instance, seconds: float = 5.0):
    base = ScheduleModel(instance, strong=False, breaks=False)
    return WindowRelaxation(base).solve(seconds, workers=2)


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


def test_participant_forbidden_between_meetings_is_the_only_taker():
    # Participant 0 meets 1 and 2 in three slots but cannot meet in the middle one.
    instance = make([(0, 1), (0, 2)], slots=3, forbidden={0: frozenset({1})})
    takers = relax(instance)
    assert takers.optimal
    assert takers.bound == 1
    assert takers.candidates == frozenset({0})
    assert sorted(takers.slots.values()) == [0, 2]


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


def fewest_breaks_among(instance: Instance, candidates: frozenset[int]) -> int | None:
    """Brute force: the fewest breaks over feasible schedules where only candidates have any."""
    best = None
    choices = [instance.allowed_slots(i) for i in range(len(instance.meetings))]
    for chosen in product(*choices):
        slots = dict(enumerate(chosen))
        rows = assign_or_none(instance, slots)
        if rows is None or not with_breaks(instance, slots) <= candidates:
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
    light = ScheduleModel(instance, strong=False)
    model = restricted(light, candidates)
    model.minimize(light.breaks_objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 2
    code = solver.solve(model)
    expected = fewest_breaks_among(instance, candidates)
    if expected is None:
        assert code == cp_model.INFEASIBLE
        return
    assert code == cp_model.OPTIMAL
    assert round(solver.objective_value) == expected
    slots = light.read_slots(solver)
    assert with_breaks(instance, slots) <= candidates
    assert validate(instance, assign_or_none(instance, slots)).breaks == expected

import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, event, given, settings

from solver.cores import count_cut, family, fewest_meeting_all
from solver.model import ScheduleModel
from solver.schema import Config, Instance, Meeting, Session, Status
from solver.search import Runner
from solver.validate import participant_breaks
from tests.solver.test_schedule import brute_force_breaks, feasible_schedules
from tests.solver.test_search import assert_steps_found, crowded_instances
from tests.solver.test_takers import window_relaxation


def takers_of(instance: Instance, slots: dict[int, int]) -> set[int]:
    """Participants with a break in ``slots``."""
    met: dict[int, list[int]] = {}
    for i, m in enumerate(instance.meetings):
        met.setdefault(m.a, []).append(slots[i])
        met.setdefault(m.b, []).append(slots[i])
    return {p for p, taken in met.items() if participant_breaks(taken)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(crowded_instances())
def test_every_core_holds_a_break_taker_and_the_count_holds_in_every_schedule(instance):
    instance = replace(instance, select=False, fairness=None)
    relaxation = window_relaxation(instance)
    cores = family(relaxation)
    # Two at once find the same cores in the same order (each under a deterministic limit).
    assert family(relaxation, workers=2) == cores
    cut = count_cut(cores)
    event(f"cores: {len(cores)}, count: {None if cut is None else cut[1]}")
    for slots, _ in feasible_schedules(instance):
        takers = takers_of(instance, slots)
        assert all(core & takers for core in cores)
        if cut is not None:
            assert len(cut[0] & takers) >= cut[1]


def test_count_of_break_takers_on_the_smallest_group_that_keeps_it():
    # As on ticf-13crafb: a first core of nine, a core of six inside it, and every eight of the
    # nine but one (47) less one of them is a core: two of those eight take breaks.
    group = frozenset({17, 18, 19, 21, 22, 24, 35, 36})
    cores = [group | {47}, frozenset({18, 19, 22, 24, 35, 36})]
    cores += [group - {p} for p in sorted(group)]
    assert fewest_meeting_all(cores) == 2
    assert count_cut(cores) == (group, 2)
    # The first core alone says one of them, which the single step covers.
    assert count_cut(cores[:1]) is None


def boundary() -> Instance:
    # Participants 0-3 each meet one person in the morning (slots 0, 1) and one in the
    # afternoon (slots 2, 3); without a break they meet in slots 1 and 2, and two tables fit two
    # of them: two of the four take a break.
    meetings = tuple(Meeting(i, 4 + i, 0) for i in range(4))
    meetings += tuple(Meeting(i, 8 + i, 1) for i in range(4))
    return Instance("boundary", 12, 4, 2, meetings, sessions=(Session(0, 2), Session(2, 4)))


@pytest.mark.parametrize("workers", [1, 2])
def test_cores_step_finds_the_optimum_with_the_count_of_break_takers(monkeypatch, workers):
    # Two workers race two seeds; one worker runs the one seed alone.
    instance = boundary()
    four = frozenset(range(4))
    # Every three of the four are a core (CP-SAT names one of them first, and no core inside
    # it, so the family is given here; the property test above checks real families).
    cores = [four] + [four - {p} for p in range(4)]
    for slots, _ in feasible_schedules(instance):
        assert all(core & takers_of(instance, slots) for core in cores)
    assert brute_force_breaks(instance) == 2
    monkeypatch.setattr("solver.cores.family", lambda relaxation, workers: cores)
    config = Config(time_limit=5, workers=workers)
    runner = Runner(ScheduleModel(instance), config, time.monotonic())
    light = ScheduleModel(instance, strong=False)
    result = runner.minimise_breaks(4.0, light, window_relaxation(instance))
    assert (result.status, result.bound) == (Status.OPTIMAL, 2)
    assert_steps_found(instance, result, ["breaks-zero", "cores", "cores<=2"], breaks=2)

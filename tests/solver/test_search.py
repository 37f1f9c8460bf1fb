import time
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from solver.improve import TARGET_SUBSOLVERS
from solver.model import ScheduleModel
from solver.schema import Config, Instance, Meeting, Status
from solver.search import Runner, StageResult
from solver.solving import race
from solver.tables import assign_tables
from solver.takers import Takers, applies
from solver.validate import validate
from tests.solver.test_schedule import brute_force_breaks
from tests.solver.test_takers import window_relaxation


def chain() -> Instance:
    meetings = tuple(Meeting(a, a + 1) for a in range(4))
    return Instance("chain", 5, 4, 2, meetings, fairness=2)


def runner_for(instance: Instance, sm: ScheduleModel | None = None) -> Runner:
    return Runner(sm or ScheduleModel(instance), Config(time_limit=5, workers=2), time.monotonic())


def assert_valid_with_breaks(instance: Instance, slots: dict[int, int], breaks: int) -> None:
    report = validate(instance, assign_tables(instance, slots))
    assert report.feasible
    assert report.breaks == breaks


def assert_steps_found(instance: Instance, best: StageResult, names: list[str], breaks: int):
    """The steps logged are ``names`` and their best schedule is valid with ``breaks`` breaks."""
    assert best.value == breaks
    assert [entry["name"] for entry in best.log] == names
    assert_valid_with_breaks(instance, best.slots, breaks)


def test_fallback_with_little_time_left_uses_light_model_only():
    instance = chain()
    runner = runner_for(instance)
    best = StageResult(Status.UNKNOWN)
    runner._fallback(best, ScheduleModel(instance, strong=False), time.monotonic() + 1.0)
    assert {entry["name"] for entry in best.log} == {"breaks-light"}
    assert best.value == 0
    assert_valid_with_breaks(instance, best.slots, 0)


def test_target_run_with_target_subsolvers_finds_schedule_at_target():
    # The subsolver names are CP-SAT's; a renamed one would make every target run invalid.
    instance = chain()
    sm = ScheduleModel(instance)
    runner = runner_for(instance, sm)
    model = sm.model.clone()
    model.add(sm.breaks_objective <= 0)
    status, solver = runner._solve(model, 5.0, None, 0, subsolvers=TARGET_SUBSOLVERS)
    assert status == Status.OPTIMAL
    assert_valid_with_breaks(instance, sm.read_slots(solver), 0)


def test_takers_bound_and_restricted_search_find_the_forced_break():
    # Participant 0 cannot meet in slot 1 between its two meetings: one break, taken by 0.
    meetings = (Meeting(0, 1), Meeting(0, 2), Meeting(3, 4))
    instance = Instance("gap", 5, 3, 2, meetings, forbidden={0: frozenset({1})}, fairness=2)
    sm = ScheduleModel(instance)
    assert applies(sm)
    runner = runner_for(instance, sm)
    best = StageResult(Status.UNKNOWN)
    relaxation = window_relaxation(instance)
    light = ScheduleModel(instance, strong=False)
    proven = runner._takers(best, 0, relaxation, light, time.monotonic() + 4.0)
    assert proven == 1
    assert_steps_found(
        instance, best, ["break-takers", "breaks-repair", "breaks-restricted"], breaks=1
    )


def test_moving_breaks_removes_a_break_nobody_needs():
    # Participant 1 meets 0 in slot 0 and 2 in slot 2: a break that moving one meeting removes.
    instance = chain()
    sm = ScheduleModel(instance)
    runner = runner_for(instance, sm)
    best = StageResult(Status.FEASIBLE, slots={0: 0, 1: 2, 2: 3, 3: 2}, value=1)
    assert validate(instance, assign_tables(instance, best.slots)).breaks == 1
    runner._move_breaks(best, 0, ScheduleModel(instance, strong=False), time.monotonic() + 4.0)
    assert_steps_found(instance, best, ["move-breaks"], breaks=0)


def test_moving_breaks_stops_at_the_proven_bound_and_keeps_the_schedule():
    instance = chain()
    runner = runner_for(instance)
    slots = {0: 0, 1: 2, 2: 3, 3: 2}
    best = StageResult(Status.FEASIBLE, slots=dict(slots), value=1)
    runner._move_breaks(best, 1, ScheduleModel(instance, strong=False), time.monotonic() + 4.0)
    assert (best.slots, best.value, best.log) == (slots, 1, [])


def test_repair_makes_a_relaxed_schedule_fair_moving_only_its_break_takers():
    # With fairness 0, participant 1's break makes the relaxed schedule unfair; moving 1's
    # meetings (the others stay where they are) gives a fair schedule without breaks.
    instance = replace(chain(), fairness=0)
    relaxed = {0: 0, 1: 2, 2: 3, 3: 2}
    assert not validate(instance, assign_tables(instance, relaxed)).feasible
    runner = runner_for(instance)
    best = StageResult(Status.UNKNOWN)
    runner._repair(best, relaxed, ScheduleModel(instance, strong=False), time.monotonic() + 4.0)
    assert_steps_found(instance, best, ["breaks-repair"], breaks=0)
    assert {i: best.slots[i] for i in (2, 3)} == {2: 3, 3: 2}


def test_forced_step_keeps_everyone_else_in_one_window():
    # 0 cannot meet in slot 1 between its meetings with 1 and 2, so 0 is a forced break-taker;
    # 1 and 2 meet each other too, and only 0 may take a break: one break in total.
    meetings = (Meeting(0, 1), Meeting(0, 2), Meeting(1, 2))
    instance = Instance("forced", 3, 3, 2, meetings, forbidden={0: frozenset({1})}, fairness=2)
    relaxation = window_relaxation(instance)
    assert relaxation.forced == frozenset({0})
    runner = runner_for(instance)
    best = StageResult(Status.UNKNOWN)
    light = ScheduleModel(instance, strong=False)
    assert runner._forced(best, 1, relaxation.forced, light, time.monotonic() + 4.0) == 1
    assert_steps_found(instance, best, ["forced<=1"], breaks=1)


def test_breaks_stage_without_breaks_ends_after_the_window_model():
    instance = chain()
    runner = runner_for(instance)
    relaxation = window_relaxation(instance)
    result = runner.minimise_breaks(4.0, ScheduleModel(instance, strong=False), relaxation)
    assert (result.status, result.bound) == (Status.OPTIMAL, 0)
    assert_steps_found(instance, result, ["breaks-zero"], breaks=0)


def test_breaks_stage_finds_a_schedule_first_when_the_window_model_runs_out_of_time(monkeypatch):
    # The window model's time ran out (as on ticf-14crafa with some seeds): no probe or target
    # runs, the light model's first schedule comes before the relaxation's steps.
    instance = chain()
    runner = runner_for(instance)
    relaxation = window_relaxation(instance)
    monkeypatch.setattr(relaxation, "zero", lambda *args: Takers(0))
    result = runner.minimise_breaks(4.0, ScheduleModel(instance, strong=False), relaxation)
    names = [entry["name"] for entry in result.log]
    assert names[:2] == ["breaks-zero", "breaks-light"]
    assert "breaks-probe" not in names
    assert result.value == 0
    assert_valid_with_breaks(instance, result.slots, 0)


def triangle() -> Instance:
    # Three people meet each other in three slots: whoever meets in the first and the last slot
    # has a break, anyone can be that one, and nobody is forced to be.
    meetings = (Meeting(0, 1), Meeting(1, 2), Meeting(0, 2))
    return Instance("triangle", 3, 3, 2, meetings, fairness=2)


def test_breaks_stage_finds_the_one_break_taker_before_the_strong_model():
    instance = triangle()
    relaxation = window_relaxation(instance)
    assert relaxation.forced == frozenset()
    result = runner_for(instance).minimise_breaks(
        4.0, ScheduleModel(instance, strong=False), relaxation
    )
    assert (result.status, result.bound) == (Status.OPTIMAL, 1)
    # The window model's cores say one break-taker (no count of two or more): the single step.
    assert_steps_found(instance, result, ["breaks-zero", "cores", "single<=1"], breaks=1)


@st.composite
def crowded_instances(draw) -> Instance:
    """Small instances with more meetings per person than usual, so breaks are common."""
    participants = draw(st.integers(3, 4))
    slots = draw(st.integers(3, 4))
    pairs = [(a, b) for a in range(participants) for b in range(a + 1, participants)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=3, max_size=6, unique=True))
    forbidden = draw(
        st.dictionaries(
            st.integers(0, participants - 1),
            st.frozensets(st.integers(0, slots - 1), max_size=1),
            max_size=3,
        )
    )
    meetings = tuple(Meeting(a, b) for a, b in chosen)
    tables = draw(st.integers(1, 2))
    return Instance("crowded", participants, slots, tables, meetings, forbidden=forbidden)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(crowded_instances())
def test_single_step_finds_a_schedule_at_the_bound_exactly_when_one_exists(instance):
    # The bound is one above the forced break-takers; without a schedule at the bound every
    # candidate is proven impossible and the bound goes up by one, never above the optimum.
    instance = replace(instance, select=False, fairness=None)
    optimum = brute_force_breaks(instance)
    forced = window_relaxation(instance).forced
    bound = len(forced) + 1
    # As in the breaks stage: the bound is proven (no schedule with fewer breaks).
    assume(optimum is not None and optimum >= bound)
    best = StageResult(Status.UNKNOWN)
    light = ScheduleModel(instance, strong=False)
    proven = runner_for(instance)._single(best, bound, forced, light, 4.0)
    event("schedule at the bound" if optimum == bound else "bound goes up")
    if optimum == bound:
        assert proven == bound
        assert best.value is not None and best.value <= bound
        assert_valid_with_breaks(instance, best.slots, best.value)
    else:
        assert best.value is None
        assert proven == bound + 1 <= optimum


def test_single_step_raises_the_bound_when_nobody_can_be_the_one():
    instance = triangles(3)
    assert brute_force_breaks(instance) == 2
    relaxation = window_relaxation(instance)
    assert relaxation.forced == frozenset()
    best = StageResult(Status.UNKNOWN)
    light = ScheduleModel(instance, strong=False)
    assert runner_for(instance)._single(best, 1, frozenset(), light, 4.0) == 2
    assert best.value is None
    [entry] = best.log
    assert (entry["name"], entry["status"], entry["decided"]) == ("single<=1", "infeasible", 6)


def test_forced_takers_not_enough_then_one_more_takes_a_break():
    # 0 cannot meet in slot 1 between its meetings with 1 and 2 (forced), and 3, 4, 5 meet each
    # other in three slots: one of them has a break too. Forced alone is proven impossible, the
    # search for one more break-taker finds the optimum of 2.
    triangle_meetings = tuple(Meeting(m.a + 3, m.b + 3) for m in triangle().meetings)
    meetings = (Meeting(0, 1), Meeting(0, 2), *triangle_meetings)
    instance = Instance("late", 6, 3, 2, meetings, forbidden={0: frozenset({1})}, fairness=2)
    assert brute_force_breaks(instance) == 2
    forced = window_relaxation(instance).forced
    assert forced == frozenset({0})
    runner = runner_for(instance)
    best = StageResult(Status.UNKNOWN)
    light = ScheduleModel(instance, strong=False)
    assert runner._forced(best, 1, forced, light, time.monotonic() + 4.0) == 2
    assert runner._single(best, 2, forced, light, 4.0) == 2
    assert_steps_found(instance, best, ["forced<=1", "single<=2"], breaks=2)


def test_single_step_with_one_worker_tries_candidates_one_after_another():
    instance = triangle()
    runner = Runner(ScheduleModel(instance), Config(time_limit=5, workers=1), time.monotonic())
    best = StageResult(Status.UNKNOWN)
    light = ScheduleModel(instance, strong=False)
    assert runner._single(best, 1, frozenset(), light, 4.0) == 1
    assert_steps_found(instance, best, ["single<=1"], breaks=1)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_target_proven_impossible_gives_the_next_target_time_of_its_own(monkeypatch, workers):
    # forumt-14crafe: "<= 4" proven impossible in 0.9 s left two runs of 0.85 s for "<= 5",
    # which needs 1 s. A fake clock lets the proof use up almost all the target time.
    instance = triangle()
    runner = Runner(ScheduleModel(instance), Config(time_limit=5, workers=workers), 0.0)
    clock = [100.0]
    monkeypatch.setattr("solver.search.time", SimpleNamespace(monotonic=lambda: clock[0]))
    probe = StageResult(Status.UNKNOWN, bound=0, log=[{"name": "breaks-probe"}])
    monkeypatch.setattr(runner, "run", lambda *args: probe)
    targets = []

    def timed_race(model, seconds, seeds):
        code, solver = race(model, seconds, seeds)
        targets.append((code, seconds, len(seeds)))
        if code == cp_model.INFEASIBLE:
            clock[0] += 5.9  # of the 6 s the targets have (share 0.6 of 10 s)
        return code, solver

    monkeypatch.setattr("solver.search.race", timed_race)
    result = runner.minimise_breaks(10.0, ScheduleModel(instance, strong=False))
    assert [code for code, _, _ in targets] == [cp_model.INFEASIBLE, cp_model.OPTIMAL]
    # The target share of the 4.1 s left, not the 0.1 s left of the first target's time; seeds
    # race over all of it, one per worker, and one worker has half of it for its first seed.
    share = 4.1 * 0.6 / (2 if workers == 1 else 1)
    assert targets[1][1:] == (pytest.approx(share), workers)
    assert (result.status, result.bound) == (Status.OPTIMAL, 1)
    assert_steps_found(instance, result, ["breaks-probe", "breaks<=0", "breaks<=1"], breaks=1)


def triangles(slots: int) -> Instance:
    # Two triangles side by side: each has a break of its own, so no single break-taker will do.
    meetings = triangle().meetings + tuple(Meeting(m.a + 3, m.b + 3) for m in triangle().meetings)
    return Instance("triangles", 6, slots, 2, meetings, fairness=2)


@pytest.mark.parametrize("workers", [1, 2])
def test_descent_reaches_the_optimum_and_proves_it(workers):
    # Four slots: each triangle meets in slots 0, 1 and 3, so two of its people have a break.
    # Two workers race two seeds; one worker runs the one seed alone.
    instance = triangles(4)
    assert brute_force_breaks(instance) == 2
    slots = {0: 0, 1: 3, 2: 1, 3: 0, 4: 3, 5: 1}
    assert_valid_with_breaks(instance, slots, 4)
    config = Config(time_limit=5, workers=workers)
    runner = Runner(ScheduleModel(instance), config, time.monotonic())
    best = StageResult(Status.FEASIBLE, slots=slots, value=4)
    assert runner._descend(best, 0, time.monotonic() + 4.0) == 2
    assert best.value == 2
    assert_valid_with_breaks(instance, best.slots, 2)
    steps = [(entry["name"], entry["status"]) for entry in best.log]
    # Each run asks for one break fewer than the schedule it starts from; "<= 1" is impossible.
    assert steps[-1] == ("descend<=1", "infeasible")
    assert all(status in ("optimal", "feasible") for _, status in steps[:-1])


def test_descent_stops_at_the_proven_bound_or_without_a_schedule():
    instance = triangles(4)
    runner = runner_for(instance)
    best = StageResult(Status.FEASIBLE, slots={0: 0, 1: 3, 2: 1, 3: 0, 4: 3, 5: 1}, value=4)
    assert runner._descend(best, 4, time.monotonic() + 4.0) == 4
    empty = StageResult(Status.UNKNOWN)
    assert runner._descend(empty, 1, time.monotonic() + 4.0) == 1
    assert best.log == empty.log == []


def test_breaks_stage_after_the_single_step_proves_two_goes_to_the_window_relaxation():
    # Nobody is forced and the single step proves that one break-taker will not do: the strong
    # model's probe and targets are skipped; the relaxation's takers give the optimum of 2.
    instance = triangles(3)
    relaxation = window_relaxation(instance)
    assert relaxation.forced == frozenset()
    light = ScheduleModel(instance, strong=False)
    result = runner_for(instance).minimise_breaks(4.0, light, relaxation)
    names = [entry["name"] for entry in result.log]
    assert names[:4] == ["breaks-zero", "cores", "single<=1", "break-takers"]
    assert "breaks-probe" not in names
    assert (result.status, result.value, result.bound) == (Status.OPTIMAL, 2, 2)
    assert_valid_with_breaks(instance, result.slots, 2)


def test_breaks_stage_proves_there_is_no_schedule_when_fairness_allows_no_break():
    # Someone in the triangle has a break and fairness 0 allows none. The single step proves
    # that one break-taker will not do, which skips the strong model's probe (whose proof this
    # was before); the light model's first schedule proves it instead.
    instance = replace(triangle(), tables=1, fairness=0)
    assert brute_force_breaks(instance) is None
    light = ScheduleModel(instance, strong=False)
    result = runner_for(instance).minimise_breaks(4.0, light, window_relaxation(instance))
    names = [entry["name"] for entry in result.log]
    assert names[:3] == ["breaks-zero", "cores", "single<=1"]
    assert "breaks-probe" not in names
    assert (result.status, result.slots) == (Status.INFEASIBLE, None)


def test_schedules_found_by_racing_seeds_are_reported_as_progress(monkeypatch):
    # Racing solves run in threads without CP-SAT's solution callback: the organiser's progress
    # display hears of the target's schedule and of each step of the descent all the same.
    instance = triangle()
    seen = []
    config = Config(time_limit=5, workers=2, progress=seen.append)
    runner = Runner(ScheduleModel(instance), config, time.monotonic())
    probe = StageResult(Status.UNKNOWN, bound=1, log=[{"name": "breaks-probe"}])
    monkeypatch.setattr(runner, "run", lambda *args: probe)
    result = runner.minimise_breaks(4.0, ScheduleModel(instance, strong=False))
    assert result.value == 1
    assert [(p.objective, p.bound, p.scheduled) for p in seen] == [(1.0, 1.0, 3)]
    seen.clear()
    slots = {0: 0, 1: 3, 2: 1, 3: 0, 4: 3, 5: 1}
    runner = Runner(ScheduleModel(triangles(4)), config, time.monotonic())
    best = StageResult(Status.FEASIBLE, slots=slots, value=4)
    runner._descend(best, 0, time.monotonic() + 4.0)
    objectives = [p.objective for p in seen]
    assert objectives == sorted(set(objectives), reverse=True)
    assert objectives[-1] == 2.0 and objectives[0] < 4.0

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from solver.compact import _exchange, compact
from solver.generate import generate
from solver.large import solve_large
from solver.placement import Placement
from solver.scale import run
from solver.schema import Config, Instance, Meeting, Progress, Status
from solver.validate import validate
from tests.solver.reference import exact_weight
from tests.solver.test_every_rule import brute_force_best, rule_instances


def test_solve_large_returns_valid_schedule_on_generated_instance():
    instance = generate(150, 12, seed=11)
    solution = solve_large(instance, Config(time_limit=2, workers=2, seed=1))
    report = validate(instance, solution.assignments)
    assert solution.status == Status.FEASIBLE
    assert report.violations == ()
    assert (solution.weight, solution.breaks) == (report.weight, report.breaks)
    assert solution.weight <= solution.bound
    assert solution.statistics["valid"] is True


def test_solve_large_reaches_exact_optimum_weight_on_small_instance():
    instance = generate(16, 6, requests=4, seed=3)
    solution = solve_large(instance, Config(time_limit=3, workers=2, seed=0))
    assert validate(instance, solution.assignments).feasible
    assert solution.weight == exact_weight(instance)


def test_solve_large_stops_at_time_limit_when_gain_is_left():
    instance = generate(300, 16, seed=12)
    solution = solve_large(instance, Config(time_limit=1, workers=2))
    assert solution.statistics["stopped_by"] == "time_limit"
    assert solution.status == Status.FEASIBLE
    assert validate(instance, solution.assignments).feasible


def test_solve_large_stops_early_when_both_objectives_are_optimal():
    meetings = (Meeting(0, 1, weight=2), Meeting(2, 3))
    instance = Instance("t", 4, 2, 2, meetings, select=True)
    solution = solve_large(instance, Config(time_limit=60))
    assert solution.statistics["stopped_by"] == "optimal"
    assert (solution.weight, solution.breaks) == (3, 0)


def test_solve_large_keeps_locked_and_mandatory_meetings_that_cost_weight():
    meetings = (
        Meeting(0, 1, weight=5),
        Meeting(0, 2, weight=1, mandatory=True),
        Meeting(2, 3, weight=1),
        Meeting(1, 2, weight=4),
    )
    instance = Instance("t", 4, 2, 2, meetings, select=True, locked={2: (0, 1)})
    solution = solve_large(instance, Config(time_limit=2))
    placed = {a.meeting: (a.slot, a.table) for a in solution.assignments}
    assert validate(instance, solution.assignments).feasible
    assert placed[2] == (0, 1)
    assert placed[1][0] == 1
    assert solution.weight == 7


def test_solve_large_never_loses_mandatory_or_locked_meetings_on_generated_instance():
    base = generate(80, 8, seed=21)
    first = solve_large(base, Config(time_limit=1, seed=1))
    chosen = first.assignments[::7]
    locked = {a.meeting: (a.slot, a.table) for a in chosen[:6]}
    mandatory = {a.meeting for a in chosen[6:]}
    meetings = tuple(
        replace(m, mandatory=i in mandatory, weight=1 if i in mandatory else m.weight)
        for i, m in enumerate(base.meetings)
    )
    instance = replace(base, meetings=meetings, locked=locked)
    solution = solve_large(instance, Config(time_limit=1.5, seed=2))
    placed = {a.meeting: (a.slot, a.table) for a in solution.assignments}
    assert validate(instance, solution.assignments).violations == ()
    assert mandatory <= placed.keys()
    assert {m: placed[m] for m in locked} == locked


def test_solve_large_reports_infeasible_mandatory_meeting():
    meetings = (Meeting(0, 1, mandatory=True),)
    instance = Instance("t", 2, 1, 1, meetings, select=True, forbidden={1: frozenset({0})})
    solution = solve_large(instance, Config(time_limit=1))
    assert solution.status == Status.INFEASIBLE
    assert solution.assignments == ()


def test_solve_large_explains_required_meetings_that_cannot_take_place():
    # Mandatory meetings in a precedence cycle: the same checks as the exact solver's.
    meetings = (Meeting(0, 1, mandatory=True), Meeting(2, 3, mandatory=True), Meeting(0, 2))
    instance = Instance("t", 4, 3, 2, meetings, select=True, precedences={0: (1,), 1: (0,)})
    solution = solve_large(instance, Config(time_limit=1))
    assert solution.status == Status.INFEASIBLE
    assert solution.explanation == ("the precedences between meetings form a cycle",)


def test_solve_large_schedules_every_required_meeting_of_a_pair():
    meetings = (Meeting(0, 1, mandatory=True), Meeting(0, 1, mandatory=True), Meeting(0, 1))
    instance = Instance("t", 2, 3, 1, meetings, select=True)
    solution = solve_large(instance, Config(time_limit=1))
    assert solution.status == Status.FEASIBLE
    assert sorted(a.meeting for a in solution.assignments) == [0, 1]
    assert validate(instance, solution.assignments).violations == ()


def test_solve_large_leaves_out_a_meeting_that_must_come_before_itself():
    meetings = (Meeting(0, 1, weight=3), Meeting(2, 3))
    instance = Instance("t", 4, 2, 2, meetings, select=True, precedences={0: (0,)})
    solution = solve_large(instance, Config(time_limit=1))
    assert solution.status == Status.FEASIBLE
    assert [a.meeting for a in solution.assignments] == [1]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_instances())
def test_solve_large_answers_honestly_with_every_rule(instance):
    # The heuristic need not find the optimum, but what it says holds: a schedule it returns
    # keeps every rule, "infeasible" only when brute force finds no valid schedule, and "unknown"
    # (with the validator's reasons) only when required meetings are involved.
    instance = replace(instance, select=True)
    solution = solve_large(instance, Config(time_limit=0.5, workers=2))
    if solution.status == Status.INFEASIBLE:
        assert solution.explanation
        assert brute_force_best(instance) is None
    elif solution.status == Status.UNKNOWN:
        assert solution.explanation
        assert instance.locked or any(m.mandatory for m in instance.meetings)
    else:
        assert solution.status == Status.FEASIBLE
        assert validate(instance, solution.assignments).violations == ()


def test_solve_large_respects_booths_fixed_slots_and_precedences():
    meetings = tuple(Meeting(a, b) for a in range(6) for b in range(a + 1, 6))
    instance = Instance(
        "t",
        6,
        4,
        2,
        meetings,
        select=True,
        booths={0: 1},
        fixed={3: 2},
        precedences={5: (6, 7), 9: (0,)},
    )
    solution = solve_large(instance, Config(time_limit=1.5))
    report = validate(instance, solution.assignments)
    assert report.violations == ()
    # One ordinary table and participant 0's booth per slot: at most 4 + 4 meetings, and 8 fit.
    assert solution.weight == 8
    assert {a.table for a in solution.assignments if 0 in (meetings[a.meeting].a,)} == {1}
    assert {a.slot for a in solution.assignments if a.meeting == 3} <= {2}


def test_solve_large_progress_ends_at_returned_weight():
    seen: list[Progress] = []
    instance = generate(60, 8, seed=5)
    solution = solve_large(instance, Config(time_limit=1, progress=seen.append))
    assert seen[-1].objective == solution.weight
    assert seen[-1].scheduled == solution.scheduled
    assert {p.bound for p in seen} == {solution.bound}
    assert [p.objective for p in seen] == sorted(p.objective for p in seen)


def test_scale_run_reports_valid_figures_for_small_size():
    row = run(40, 1.0, seed=0, workers=2)
    assert row["valid"] is True
    assert row["meetings"] == len(generate(40, 16, seed=0).meetings)
    assert 0 < row["weight"] <= row["bound"]
    assert row["ratio"] == round(row["weight"] / row["bound"], 4)


def test_exchange_keeps_a_precedence_between_the_two_meetings():
    # Meeting 0 must come before meeting 1; each alone may take the other's slot.
    instance = Instance("t", 3, 3, 2, (Meeting(0, 1), Meeting(0, 2)), precedences={1: (0,)})
    pl = Placement(instance)
    pl.place(0, 0)
    pl.place(1, 2)
    assert not _exchange(pl, 0, 1)
    assert pl.slot == [0, 2]


def test_compact_closes_gap_without_changing_meetings():
    meetings = (Meeting(0, 1), Meeting(0, 2), Meeting(3, 4))
    instance = Instance("t", 5, 4, 2, meetings, select=True, forbidden={3: frozenset({1, 2})})
    pl = Placement(instance)
    for m, t in ((0, 0), (1, 3), (2, 0)):
        pl.place(m, t)
    gains = compact(pl, deadline=float("inf"))
    assert (pl.total_breaks(), pl.weight, sum(gains.values())) == (0, 3, 1)
    assert validate(instance, pl.assignments()).breaks == 0


def test_compact_exchanges_with_unrelated_meeting_when_tables_are_full():
    meetings = (Meeting(0, 1), Meeting(0, 2), Meeting(3, 4))
    # Participants 5 and 6 make every slot its own class, so no slot permutation helps.
    forbidden = {5: frozenset({1}), 6: frozenset({2})}
    instance = Instance("t", 7, 3, 1, meetings, select=True, forbidden=forbidden)
    pl = Placement(instance)
    for m, t in ((0, 0), (1, 2), (2, 1)):
        pl.place(m, t)
    gains = compact(pl, deadline=float("inf"))
    assert gains == {"permute": 0, "move": 0, "swap": 0, "exchange": 1}
    assert (sorted(pl.slot), pl.total_breaks(), pl.weight) == ([0, 1, 2], 0, 3)
    assert validate(instance, pl.assignments()).violations == ()

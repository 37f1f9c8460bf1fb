from dataclasses import replace

from hypothesis import given, settings

from solver.fairness import enforce_fairness
from solver.generate import generate
from solver.large import solve_large
from solver.placement import Placement
from solver.schema import Config, Instance, Meeting, Status
from solver.validate import validate
from tests.solver.test_schedule import small_instances


def test_move_lowers_breaks_without_dropping_a_meeting():
    # Participant 0 meets 1 in slot 0 and 2 in slot 2: a break that fairness 0 forbids while
    # 3 and 4 have none; slot 1 is free for both 0 and 2.
    meetings = (Meeting(0, 1), Meeting(0, 2), Meeting(3, 4))
    instance = Instance("t", 5, 3, 2, meetings, select=True, fairness=0)
    pl = Placement(instance)
    for m, t in ((0, 0), (1, 2), (2, 0)):
        pl.place(m, t)
    done = enforce_fairness(pl, 0, [1, 1, 1])
    assert done == {"fairness_moves": 1, "fairness_drops": 0}
    assert (pl.weight, pl.total_breaks()) == (3, 0)
    assert validate(instance, pl.assignments()).violations == ()


def test_drop_the_cheaper_meeting_when_no_move_removes_the_break():
    # 0 cannot meet in slot 1, so meeting 1 and 2 means a break; fairness 0 drops the cheaper one.
    meetings = (Meeting(0, 1, weight=3), Meeting(0, 2, weight=1), Meeting(3, 4))
    instance = Instance(
        "t", 5, 3, 2, meetings, select=True, fairness=0, forbidden={0: frozenset({1})}
    )
    pl = Placement(instance)
    for m, t in ((0, 0), (1, 2), (2, 0)):
        pl.place(m, t)
    done = enforce_fairness(pl, 0, [3, 1, 1])
    assert done == {"fairness_moves": 0, "fairness_drops": 1}
    assert pl.slot[1] == -1
    assert (pl.weight, pl.total_breaks()) == (4, 0)


def test_mandatory_meetings_are_never_dropped():
    meetings = (Meeting(0, 1, mandatory=True), Meeting(0, 2, mandatory=True))
    instance = Instance(
        "t", 3, 3, 2, meetings, select=True, fairness=0, forbidden={0: frozenset({1})}
    )
    pl = Placement(instance)
    pl.place(0, 0)
    pl.place(1, 2)
    assert enforce_fairness(pl, 0, [9, 9]) == {"fairness_moves": 0, "fairness_drops": 0}
    assert pl.scheduled == 2


def test_solve_large_keeps_the_fairness_bound_on_a_generated_instance():
    instance = replace(generate(150, 12, seed=11), fairness=0)
    solution = solve_large(instance, Config(time_limit=2, workers=2, seed=1))
    report = validate(instance, solution.assignments)
    assert solution.status == Status.FEASIBLE
    assert report.violations == ()
    assert max(report.breaks_per_participant) == 0
    unfair = solve_large(replace(instance, fairness=None), Config(time_limit=2, workers=2, seed=1))
    assert max(validate(instance, unfair.assignments).breaks_per_participant) > 0


@settings(max_examples=40, deadline=None)
@given(small_instances())
def test_solve_large_schedules_keep_every_rule_with_fairness(instance):
    instance = replace(instance, select=True, fairness=instance.fairness or 0)
    solution = solve_large(instance, Config(time_limit=0.5, workers=2))
    assert solution.status == Status.FEASIBLE
    assert validate(instance, solution.assignments).violations == ()

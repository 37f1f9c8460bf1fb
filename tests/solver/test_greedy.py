from pathlib import Path

from solver.greedy import schedule_greedy
from solver.schedule import solve
from solver.schema import Config, Instance, Meeting, Status, load_instance
from solver.validate import validate

B2B = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "b2b"


def make(meetings, participants=4, slots=3, tables=2, **kwargs) -> Instance:
    pairs = tuple(m if isinstance(m, Meeting) else Meeting(*m) for m in meetings)
    return Instance("g", participants, slots, tables, pairs, **kwargs)


def placement(solution) -> dict[int, tuple[int, int]]:
    return {a.meeting: (a.slot, a.table) for a in solution.assignments}


def test_greedy_places_in_list_order_at_earliest_slot_and_lowest_table():
    solution = schedule_greedy(make([(0, 1), (2, 3), (0, 2), (1, 3)]))
    assert placement(solution) == {0: (0, 0), 1: (0, 1), 2: (1, 0), 3: (1, 1)}
    assert solution.status == Status.FEASIBLE
    assert solution.statistics["unplaced"] == 0


def test_greedy_leaves_out_meeting_without_common_free_slot():
    instance = make([(0, 1), (0, 2), (1, 2)], slots=2, select=True)
    solution = schedule_greedy(instance)
    # 0-1 takes slot 0 and 0-2 slot 1, so 1 and 2 are never free at the same time.
    assert placement(solution) == {0: (0, 0), 1: (1, 0)}
    assert solution.statistics["unplaced_meetings"] == [2]
    assert solution.status == Status.FEASIBLE


def test_greedy_non_select_with_unplaced_meeting_is_not_feasible():
    solution = schedule_greedy(make([(0, 1), (0, 2), (1, 2)], slots=2))
    assert solution.status == Status.UNKNOWN
    assert solution.statistics["violations"] == ["meeting 2 (1-2) must be scheduled but is not"]


def test_greedy_respects_forbidden_fixed_locked_booths_and_max_meetings():
    instance = make(
        [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3)],
        slots=3,
        tables=2,
        select=True,
        forbidden={1: frozenset({0})},
        fixed={1: 2},
        locked={2: (0, 1)},
        booths={3: 0},
        max_meetings={0: 2},
    )
    solution = schedule_greedy(instance)
    assert placement(solution) == {2: (0, 1), 0: (1, 1), 1: (2, 0)}
    assert validate(instance, solution.assignments).feasible


def test_greedy_leaves_meetings_unplaced_where_cpsat_places_all():
    instance = load_instance(B2B / "tic-12.original.json")
    greedy = schedule_greedy(instance)
    assert greedy.scheduled == 114
    assert greedy.statistics["unplaced"] == 11
    best = solve(instance, Config(time_limit=10, workers=2))
    assert validate(instance, best.assignments).feasible
    assert best.scheduled == len(instance.meetings) == 125

"""solve() against brute force on tiny instances that use every rule at once.

The other property tests draw instances with forbidden slots, tables, select mode and fairness;
these add sessions, mandatory meetings, maximum meetings, fixed and locked meetings, precedences,
booths, repeated pairs and a previous schedule, and enumerate every (slot, table) choice of every
meeting, so table rules (booths, locks) are checked exactly rather than through assign_tables.
"""

from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.model import FAIR_SHARE
from solver.schedule import solve
from solver.schema import Config, Instance, Meeting, Session, Status
from solver.validate import validate

FAST = Config(time_limit=5, workers=2)


def fair_bonus(instance: Instance, placed: set[int]) -> int:
    """The select-mode bonus of the weight stage: FAIR_SHARE - j for a participant's j-th
    meeting (j < FAIR_SHARE), which ranks schedules of equal weight (solver.model)."""
    bonus = 0
    for p in range(instance.participants):
        count = sum(1 for i in placed if p in (instance.meetings[i].a, instance.meetings[i].b))
        bonus += sum(FAIR_SHARE - j for j in range(min(count, FAIR_SHARE)))
    return bonus


def slot_changes(instance: Instance, slots: dict[int, int]) -> int:
    """Meetings of the previous schedule that are not in their previous slot (the changes stage
    counts slots; tables come afterwards)."""
    return sum(1 for i, (slot, _) in instance.previous.items() if slots.get(i) != slot)


def rank(instance: Instance, rows, report=None) -> tuple[int, int, int, int]:
    """The lexicographic key solve() optimises, larger is better: weight, the fairness bonus
    (select mode), fewer breaks, fewer changed slots (``report``: the rows' validation)."""
    report = report or validate(instance, rows)
    placed = {i for i, _, _ in rows}
    slots = {i: t for i, t, _ in rows}
    bonus = fair_bonus(instance, placed) if instance.select else 0
    return report.weight, bonus, -report.breaks, -slot_changes(instance, slots)


def brute_force_best(instance: Instance) -> tuple[int, int, int, int] | None:
    """The best key over every valid schedule: each meeting unscheduled or at any slot and table
    (the validator decides what is valid); None when no schedule is valid."""
    options = [None] + [(t, k) for t in range(instance.slots) for k in range(instance.tables)]
    best = None
    for choice in product(options, repeat=len(instance.meetings)):
        rows = [(i, t, k) for i, c in enumerate(choice) if c is not None for t, k in [c]]
        report = validate(instance, rows)
        if report.violations:
            continue
        key = rank(instance, rows, report)
        if best is None or key > best:
            best = key
    return best


def _distinct_tables(booths: dict[int, int]) -> bool:
    return len(set(booths.values())) == len(booths)


@st.composite
def rule_instances(draw) -> Instance:
    participants = draw(st.integers(2, 4))
    slots = draw(st.integers(2, 3))
    tables = draw(st.integers(1, 2))
    split = draw(st.integers(0, slots - 1))
    sessions = (Session(0, slots),) if split == 0 else (Session(0, split), Session(split, slots))
    people = range(participants)
    # Pairs may repeat: a pair meets once unless more of its meetings are required.
    pair = st.sampled_from([(a, b) for a in people for b in people if a != b])
    meetings = tuple(
        Meeting(
            a,
            b,
            session=draw(st.sampled_from([None, *range(len(sessions))])),
            weight=draw(st.integers(1, 3)),
            mandatory=draw(st.booleans()),
        )
        for a, b in draw(st.lists(pair, min_size=1, max_size=4))
    )
    n = len(meetings)
    meeting = st.integers(0, n - 1)
    slot = st.integers(0, slots - 1)
    table = st.integers(0, tables - 1)
    person = st.integers(0, participants - 1)
    return Instance(
        "rules",
        participants,
        slots,
        tables,
        meetings,
        sessions=sessions,
        select=draw(st.booleans()),
        max_meetings=draw(st.dictionaries(person, st.integers(0, 2), max_size=2)),
        forbidden=draw(st.dictionaries(person, st.frozensets(slot, max_size=2), max_size=2)),
        fixed=draw(st.dictionaries(meeting, slot, max_size=2)),
        locked=draw(st.dictionaries(meeting, st.tuples(slot, table), max_size=2)),
        precedences=draw(
            st.dictionaries(
                meeting, st.lists(meeting, min_size=1, max_size=2).map(tuple), max_size=2
            )
        ),
        # One owner per booth: two owners are an input error, explained (test_schedule.py).
        booths=draw(st.dictionaries(person, table, max_size=2).filter(_distinct_tables)),
        fairness=draw(st.sampled_from([None, 0, 1])),
        previous=draw(st.dictionaries(meeting, st.tuples(slot, table), max_size=2)),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_instances())
def test_solve_reaches_the_brute_force_optimum_with_every_rule(instance):
    expected = brute_force_best(instance)
    solution = solve(instance, FAST)
    if expected is None:
        assert solution.status == Status.INFEASIBLE
        assert solution.explanation
        return
    assert solution.status == Status.OPTIMAL, solution.statistics
    rows = [(a.meeting, a.slot, a.table) for a in solution.assignments]
    assert validate(instance, rows).violations == ()
    assert rank(instance, rows) == expected

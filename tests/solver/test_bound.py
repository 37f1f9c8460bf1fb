import json
import math
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from solver.bound import lp_relaxation, main, slot_classes, weight_upper_bound
from solver.schema import Assignment, Instance, Meeting, Session
from solver.validate import validate
from tests.solver.reference import exact_weight


def time_indexed_lp(instance: Instance) -> float:
    """Return the optimum of the time-indexed LP, built directly from its definition."""
    cols = [(m, t) for m in range(len(instance.meetings)) for t in instance.allowed_slots(m)]
    if not cols:
        return 0.0
    rows, rhs = [], []
    for m in range(len(instance.meetings)):
        rows.append([j for j, (mm, _) in enumerate(cols) if mm == m])
        rhs.append(1)
    for t in range(instance.slots):
        rows.append([j for j, (_, tt) in enumerate(cols) if tt == t])
        rhs.append(instance.tables)
        for p in range(instance.participants):
            who = [j for j, (m, tt) in enumerate(cols) if tt == t and _has(instance, m, p)]
            rows.append(who)
            rhs.append(1)
    for p, limit in instance.max_meetings.items():
        rows.append([j for j, (m, _) in enumerate(cols) if _has(instance, m, p)])
        rhs.append(limit)
    matrix = np.zeros((len(rows), len(cols)))
    for i, row in enumerate(rows):
        matrix[i, row] = 1
    weights = [-instance.meetings[m].weight for m, _ in cols]
    return -linprog(weights, A_ub=matrix, b_ub=rhs, bounds=(0, 1), method="highs").fun


def _has(instance: Instance, m: int, p: int) -> bool:
    return p in (instance.meetings[m].a, instance.meetings[m].b)


@st.composite
def small_instances(draw):
    participants = draw(st.integers(3, 6))
    slots = draw(st.integers(1, 4))
    pairs = [(a, b) for a in range(participants) for b in range(a + 1, participants)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=10, unique=True))
    cut = draw(st.integers(0, slots))
    sessions = (Session(0, cut), Session(cut, slots)) if 0 < cut < slots else ()
    meetings = tuple(
        Meeting(
            a, b, draw(st.sampled_from([None, 0, 1])) if sessions else None, draw(st.integers(1, 5))
        )
        for a, b in chosen
    )
    forbidden = draw(
        st.dictionaries(
            st.integers(0, participants - 1),
            st.frozensets(st.integers(0, slots - 1), max_size=slots),
            max_size=3,
        )
    )
    max_meetings = draw(
        st.dictionaries(st.integers(0, participants - 1), st.integers(0, 3), max_size=3)
    )
    return Instance(
        name="h",
        participants=participants,
        slots=slots,
        tables=draw(st.integers(1, 3)),
        meetings=meetings,
        sessions=sessions,
        select=True,
        max_meetings=max_meetings,
        forbidden=forbidden,
    )


@settings(max_examples=40, deadline=None)
@given(small_instances())
def test_bound_at_least_exact_optimum_on_random_small_instances(instance):
    assert weight_upper_bound(instance) >= exact_weight(instance)


@settings(max_examples=40, deadline=None)
@given(small_instances(), st.randoms(use_true_random=False))
def test_bound_at_least_weight_of_any_random_valid_schedule(instance, rnd):
    schedule: list[Assignment] = []
    for m in rnd.sample(range(len(instance.meetings)), len(instance.meetings)):
        slot, table = rnd.randrange(instance.slots), rnd.randrange(instance.tables)
        if validate(instance, [*schedule, Assignment(m, slot, table)]).feasible:
            schedule.append(Assignment(m, slot, table))
    assert weight_upper_bound(instance) >= validate(instance, schedule).weight


@settings(max_examples=40, deadline=None)
@given(small_instances())
def test_slot_class_lp_equals_time_indexed_lp(instance):
    assert math.isclose(lp_relaxation(instance).value, time_indexed_lp(instance), abs_tol=1e-6)


def test_bound_triangle_is_floor_of_half_integral_lp():
    triangle = (Meeting(0, 1), Meeting(1, 2), Meeting(0, 2))
    instance = Instance("t", 3, 1, 5, triangle, select=True)
    assert lp_relaxation(instance).value == 1.5
    assert weight_upper_bound(instance) == 1.0


def test_bound_respects_tables():
    pairs = tuple(Meeting(2 * i, 2 * i + 1, weight=i + 1) for i in range(4))
    assert weight_upper_bound(Instance("t", 8, 1, 2, pairs, select=True)) == 7.0


def test_bound_respects_forbidden_slots_and_sessions():
    meetings = (Meeting(0, 1, weight=4), Meeting(2, 3, session=1, weight=2), Meeting(4, 5))
    sessions = (Session(0, 1), Session(1, 2))
    instance = Instance(
        "t", 6, 2, 9, meetings, sessions, select=True, forbidden={0: frozenset({0, 1}), 2: {1}}
    )
    assert weight_upper_bound(instance) == 1.0


def test_bound_respects_max_meetings():
    star = tuple(Meeting(0, b, weight=b) for b in range(1, 5))
    instance = Instance("t", 5, 4, 4, star, select=True, max_meetings={0: 2})
    assert weight_upper_bound(instance) == 7.0


def test_bound_keeps_mandatory_meeting_that_costs_weight():
    meetings = (Meeting(0, 1, weight=5), Meeting(0, 2, weight=1, mandatory=True))
    assert weight_upper_bound(Instance("t", 3, 1, 1, meetings, select=True)) == 1.0


def test_bound_keeps_locked_meeting():
    meetings = (Meeting(0, 1, weight=5), Meeting(0, 2, weight=1))
    instance = Instance("t", 3, 2, 1, meetings, select=True, locked={1: (0, 0)})
    assert weight_upper_bound(instance) == 6.0
    assert (
        weight_upper_bound(Instance("t", 3, 1, 1, meetings, select=True, locked={1: (0, 0)})) == 1.0
    )


def test_bound_is_minus_infinity_when_mandatory_meeting_cannot_happen():
    meetings = (Meeting(0, 1, mandatory=True),)
    instance = Instance("t", 2, 1, 1, meetings, select=True, forbidden={0: frozenset({0})})
    assert weight_upper_bound(instance) == -math.inf


def test_bound_counts_one_meeting_per_pair():
    meetings = (Meeting(0, 1, weight=3), Meeting(1, 0, weight=2))
    assert weight_upper_bound(Instance("t", 2, 3, 3, meetings, select=True)) == 3.0


def test_bound_counts_every_required_meeting_of_a_pair():
    # A pair meets once unless the instance requires more of its meetings (as the validator).
    meetings = (Meeting(0, 1, mandatory=True), Meeting(0, 1, mandatory=True), Meeting(0, 1))
    assert weight_upper_bound(Instance("t", 2, 3, 3, meetings, select=True)) == 2.0


def test_slot_classes_separate_sessions_availability_and_fixed_slots():
    meetings = (Meeting(0, 1), Meeting(1, 2))
    instance = Instance(
        "t",
        3,
        6,
        2,
        meetings,
        (Session(0, 3), Session(3, 6)),
        select=True,
        forbidden={2: frozenset({1})},
        fixed={0: 4},
    )
    assert sorted(slot_classes(instance)) == [[0, 2], [1], [3, 5], [4]]


def test_bound_cli_prints_bound(tmp_path, capsys):
    rng = random.Random(1)
    meetings = [[a, b, "any"] for a in range(6) for b in range(a + 1, 6) if rng.random() < 0.6]
    path = tmp_path / "i.json"
    path.write_text(
        json.dumps(
            {
                "name": "c",
                "participants": 6,
                "slots": 2,
                "tables": 1,
                "meetings": meetings,
                "select": True,
            }
        )
    )
    main([str(path)])
    assert json.loads(capsys.readouterr().out)["bound"] == 2.0

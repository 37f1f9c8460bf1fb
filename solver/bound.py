"""LP-relaxation upper bound on the total weight of any feasible schedule.

The time-indexed LP has x[m, t] in [0, 1] for every allowed slot t of meeting m, with: at most one
meeting per participant per slot, at most ``tables`` (minus booths) ordinary meetings per slot,
sum_t x[m, t] <= 1 (= 1 for mandatory and locked meetings, and for every meeting outside select
mode), max meetings per participant, and one meeting per pair of participants.

Slots with the same *signature* (session, the set of participants who cannot meet then, and
whether a fixed or locked meeting points at the slot) are interchangeable: permuting them maps
feasible LP solutions to feasible LP solutions of the same value. Averaging an optimal solution over
those permutations gives one that is constant inside each class, so the LP below, with one variable
y[m, c] = sum_{t in c} x[m, t] per meeting and slot class c, has exactly the same optimum as the
time-indexed LP while being 8-24 times smaller (5,000 participants x 24 slots: ~80,000 variables).
With arbitrary per-slot availability the classes become single slots and it *is* the time-indexed
LP. Precedences are dropped (a relaxation stays an upper bound).

Weights are integers, so the integral optimum is at most floor(LP value); that is what
``weight_upper_bound`` returns.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from solver.schema import Instance, load_instance
from solver.validate import pair_limit, required


@dataclass(frozen=True)
class LpRelaxation:
    """Optimum of the slot-class LP; ``meeting_values[m]`` is how much of meeting m it schedules."""

    feasible: bool
    value: float
    bound: float
    meeting_values: tuple[float, ...]
    classes: int
    variables: int
    seconds: float


def slot_classes(instance: Instance) -> list[list[int]]:
    """Group slots that every constraint of the LP treats alike."""
    blocked: dict[int, list[int]] = defaultdict(list)
    for p, slots in instance.forbidden.items():
        for t in slots:
            blocked[t].append(p)
    pinned = set(instance.fixed.values()) | {t for t, _ in instance.locked.values()}
    groups: dict[tuple, list[int]] = defaultdict(list)
    for t in range(instance.slots):
        key = (instance.session_of_slot(t), tuple(sorted(blocked[t])), t if t in pinned else -1)
        groups[key].append(t)
    return list(groups.values())


def lp_relaxation(instance: Instance, time_limit: float | None = None) -> LpRelaxation:
    """Solve the slot-class LP relaxation of ``instance`` with HiGHS."""
    start = time.perf_counter()
    classes = slot_classes(instance)
    class_of = {t: c for c, slots in enumerate(classes) for t in slots}
    booth_owners = set(instance.booths)
    general_tables = instance.tables - len(set(instance.booths.values()))

    # columns: (meeting, class); rows are appended as lists of (row, column) entries
    col_meeting: list[int] = []
    col_class: list[int] = []
    lower: list[float] = []
    for m in range(len(instance.meetings)):
        allowed = set(instance.allowed_slots(m))
        if m in instance.fixed:
            allowed &= {instance.fixed[m]}
        if m in instance.locked:
            allowed &= {instance.locked[m][0]}
        for c in sorted({class_of[t] for t in allowed}):
            col_meeting.append(m)
            col_class.append(c)
            lower.append(1.0 if m in instance.locked else 0.0)
    n_cols = len(col_meeting)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    rhs: list[float] = []

    def add_row(columns: list[int], limit: float, sign: float = 1.0) -> None:
        row = len(rhs)
        rows.extend([row] * len(columns))
        cols.extend(columns)
        vals.extend([sign] * len(columns))
        rhs.append(limit)

    by_meeting: dict[int, list[int]] = defaultdict(list)
    by_participant_class: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_participant: dict[int, list[int]] = defaultdict(list)
    by_class_general: dict[int, list[int]] = defaultdict(list)
    for j, (m, c) in enumerate(zip(col_meeting, col_class, strict=True)):
        meeting = instance.meetings[m]
        by_meeting[m].append(j)
        for p in (meeting.a, meeting.b):
            by_participant_class[(p, c)].append(j)
            by_participant[p].append(j)
        if meeting.a not in booth_owners and meeting.b not in booth_owners:
            by_class_general[c].append(j)
    must = [m for m in range(len(instance.meetings)) if required(instance, m)]
    if any(m not in by_meeting for m in must):
        return LpRelaxation(False, -math.inf, -math.inf, (), len(classes), n_cols, 0.0)
    for columns in by_meeting.values():
        add_row(columns, 1.0)
    for m in must:
        add_row(by_meeting[m], -1.0, sign=-1.0)
    for (_, c), columns in by_participant_class.items():
        add_row(columns, float(len(classes[c])))
    for p, limit in instance.max_meetings.items():
        if by_participant[p]:
            add_row(by_participant[p], float(limit))
    for c, columns in by_class_general.items():
        add_row(columns, float(general_tables * len(classes[c])))
    pairs: dict[frozenset[int], list[int]] = defaultdict(list)
    for m, meeting in enumerate(instance.meetings):
        pairs[frozenset((meeting.a, meeting.b))].append(m)
    for group in pairs.values():
        if len(group) > 1:
            limit = pair_limit(instance, group)
            add_row([j for m in group for j in by_meeting.get(m, [])], float(limit))

    weights = np.array([instance.meetings[m].weight for m in col_meeting], dtype=float)
    if n_cols == 0:
        return LpRelaxation(True, 0.0, 0.0, (0.0,) * len(instance.meetings), len(classes), 0, 0.0)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(rhs), n_cols))
    result = linprog(
        -weights,
        A_ub=matrix,
        b_ub=np.array(rhs),
        bounds=np.column_stack([np.array(lower), np.ones(n_cols)]),
        # Interior point: 2x faster than dual simplex at 12,000 participants, never slower here.
        method="highs-ipm",
        options={} if time_limit is None else {"time_limit": max(0.1, time_limit)},
    )
    seconds = time.perf_counter() - start
    if result.status == 2:
        return LpRelaxation(False, -math.inf, -math.inf, (), len(classes), n_cols, seconds)
    if result.status == 1:  # time limit: no bound known
        return LpRelaxation(True, math.inf, math.inf, (), len(classes), n_cols, seconds)
    if result.status != 0:
        raise RuntimeError(f"LP relaxation failed: {result.message}")
    value = -float(result.fun)
    totals = np.zeros(len(instance.meetings))
    np.add.at(totals, np.array(col_meeting), result.x)
    # Integer weights: the integral optimum cannot exceed the floor (tolerance for HiGHS rounding).
    bound = float(math.floor(value + 1e-6 * max(1.0, abs(value))))
    return LpRelaxation(True, value, bound, tuple(totals.tolist()), len(classes), n_cols, seconds)


def weight_upper_bound(instance: Instance) -> float:
    """Return an upper bound on the total weight of any feasible schedule (-inf if none exists)."""
    return lp_relaxation(instance).bound


def main(argv: list[str] | None = None) -> None:
    """Print the LP upper bound of an instance file as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance")
    args = parser.parse_args(argv)
    instance = load_instance(args.instance)
    lp = lp_relaxation(instance)
    print(
        json.dumps(
            {
                "name": instance.name,
                "meetings": len(instance.meetings),
                "feasible": lp.feasible,
                "lp_value": lp.value,
                "bound": lp.bound,
                "slot_classes": lp.classes,
                "variables": lp.variables,
                "seconds": round(lp.seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main()

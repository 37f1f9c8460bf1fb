"""Re-match one round at a time with CP-SAT while the other rounds stay as they are.

Colouring can leave a few people of a round without a partner they have not met. Re-solving the
round's matching over every pair still free for it (not met in another round) finds augmenting
exchanges: a seated pair splits up so that two people left alone can sit. The objective is the
one of ``rounds_cpsat`` restricted to the round, seats first; the result is kept only if it is
not worse. Rounds with people left alone go first, then the others while time remains.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.rounds_data import Prepared, allowed, key, weight

if TYPE_CHECKING:
    from solver.rounds import RoundsConfig, RoundsInstance
    from solver.rounds_plan import Plan

Pair = tuple[int, int]


def rematch_rounds(
    instance: RoundsInstance,
    prep: Prepared,
    plan: Plan,
    pairs: list[list[Pair]],
    candidates: Collection[Pair],
    targets: Mapping[int, float],
    config: RoundsConfig,
    deadline: float,
) -> list[list[Pair]]:
    """Return ``pairs`` (one list per free round) with rounds re-matched while time remains."""
    pairs = [list(r) for r in pairs]
    free = list(range(prep.first, instance.rounds))

    def alone(i: int) -> int:
        return len(plan.seated[free[i]]) - 2 * len(pairs[i])

    # passes over all rounds while one changes something, the rounds with people alone first
    changed = True
    while changed and time.perf_counter() < deadline - 0.05:
        changed = False
        order = sorted(range(len(free)), key=lambda i: -alone(i))
        for n, i in enumerate(order):
            budget = (deadline - time.perf_counter()) / (len(order) - n)
            if budget < 0.05:
                break
            better = _rematch(instance, prep, plan.seated[free[i]], pairs, i, candidates, targets)
            if better is not None:
                new = better(config, budget)
                changed |= new != sorted(key(*e) for e in pairs[i])
                pairs[i] = new
    return pairs


def _rematch(instance, prep, seated, pairs, i, candidates, targets):
    """Prepare round i's model; return a function that solves it (None: nothing to gain)."""
    elsewhere = set(prep.used)
    gained: dict[int, float] = {}
    for j, round_pairs in enumerate(pairs):
        if j != i:
            for p, q in round_pairs:
                elsewhere.add(key(p, q))
                value = weight(instance, p, q)
                gained[p] = gained.get(p, 0.0) + value
                gained[q] = gained.get(q, 0.0) + value
    current = [key(*e) for e in pairs[i]]
    matched = {p for e in current for p in e}
    lonely = [p for p in seated if p not in matched]
    edges = {e for e in candidates if e[0] in seated and e[1] in seated and e not in elsewhere}
    edges.update(current)
    for u in lonely:
        for q in seated:
            e = key(u, q)
            if u != q and e not in elsewhere and allowed(instance, prep, u, q):
                edges.add(e)
    if len(edges) <= len(current):
        return None

    def solve(config: RoundsConfig, budget: float) -> list[Pair]:
        model = cp_model.CpModel()
        x = {e: model.new_bool_var("") for e in sorted(edges)}
        tenths = {e: round(10 * weight(instance, *e)) for e in x}
        at: dict[int, list] = {}
        earned: dict[int, list] = {}
        for e, var in x.items():
            for p in e:
                at.setdefault(p, []).append(var)
                earned.setdefault(p, []).append(tenths[e] * var)
            model.add_hint(var, e in current)
        for vars_ in at.values():
            model.add_at_most_one(vars_)
        if instance.tables is not None:
            model.add(sum(x.values()) <= instance.tables)
        penalty = round(10 * config.fairness)
        shortfall, goals = 0, 0
        for p in at:
            goal = round(10 * (targets.get(p, 0.0) - gained.get(p, 0.0)))
            if goal > 0 and penalty:
                u = model.new_int_var(0, goal, "")
                model.add(u >= goal - sum(earned[p]))
                shortfall += u
                goals += goal
        top = max(tenths.values(), default=0)
        big = 10 * top * (len(seated) // 2) + penalty * goals + 1
        score = sum(tenths[e] * var for e, var in x.items())
        model.maximize(big * sum(x.values()) + 10 * score - penalty * shortfall)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = budget
        solver.parameters.num_workers = max(1, config.workers)
        solver.parameters.random_seed = config.seed
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return current
        if solver.objective_value < _value(current, tenths, big, penalty, at, targets, gained):
            return current
        return sorted(e for e, var in x.items() if solver.value(var))

    return solve


def _value(current, tenths, big, penalty, at, targets, gained) -> float:
    """Return the model's objective value of the round's current pairs."""
    got: dict[int, int] = {}
    for e in current:
        for p in e:
            got[p] = got.get(p, 0) + tenths[e]
    shortfall = 0
    for p in at:
        goal = round(10 * (targets.get(p, 0.0) - gained.get(p, 0.0)))
        if goal > 0 and penalty:
            shortfall += max(0, goal - got.get(p, 0))
    return big * len(current) + 10 * sum(tenths[e] for e in current) - penalty * shortfall

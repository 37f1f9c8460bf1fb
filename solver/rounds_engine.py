"""The stages of ``solve_rounds``: bound, sit-out plan, LP-guided pairs, CP-SAT, tables of three."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from solver.rounds_bound import bound_lp
from solver.rounds_circle import circle_rounds
from solver.rounds_cpsat import solve_pairs
from solver.rounds_data import Prepared, allowed, key, prepare, schedule_total, weight
from solver.rounds_fair import repair_rotation
from solver.rounds_groups import solve_groups
from solver.rounds_pairs import lp_pairs
from solver.rounds_plan import Plan, plan_sit_outs
from solver.rounds_rematch import rematch_rounds
from solver.rounds_validate import unfair_sit_outs

if TYPE_CHECKING:
    from solver.rounds import RoundsConfig, RoundsInstance, RoundsProgress

Pair = tuple[int, int]
Table = tuple[int, ...]

# up to this many people CP-SAT solves the whole event, sit-outs included (and can prove it)
EXACT_PEOPLE = 14
# candidate partners per person for CP-SAT, beyond the rounds they sit
EXTRA_CANDIDATES = 8


def run(
    instance: RoundsInstance,
    config: RoundsConfig,
    progress: Callable[[RoundsProgress], None] | None,
    start: float,
) -> tuple[list[list[Table]], dict, bool]:
    """Return the tables of every round, statistics and whether the result is proven optimal."""
    prep = prepare(instance)
    fixed = [list(tables) for tables in instance.fixed]
    fixed_total = schedule_total(instance, instance.fixed)
    free_bound, edges, lp = bound_lp(instance, prep)
    bound = fixed_total + free_bound
    stats: dict = {"bound": bound, "bound_method": "b-matching LP relaxation (HiGHS)"}
    report = _reporter(progress, instance, bound, start)
    if prep.first == instance.rounds:
        return fixed, stats, True
    priority = {edges.people[i]: float(d) for i, d in enumerate(lp.duals)}
    plan = plan_sit_outs(instance, prep, priority)
    if instance.table_size > 2:
        deadline = start + config.time_limit
        free = solve_groups(instance, prep, plan, config, deadline)
        report("groups", fixed + free)
        return fixed + free, stats | {"method": "groups greedy + swaps"}, False

    targets = fair_targets(instance, prep, plan, config.fair_share)
    pairs = lp_pairs(instance, prep, plan, targets, config)
    stats["method"] = "LP + colouring"
    report("colouring", fixed + _tables(pairs))
    exact = False
    small = len(instance.people) <= EXACT_PEOPLE and not instance.allow_triples
    if not instance.allow_triples and sum(map(len, pairs)) < sum(map(len, plan.seated)) // 2:
        # the round robin is complete and fair on complete events: the start when it seats more
        rotation = [[key(*t) for t in r] for r in circle_rounds(instance)[prep.first :]]
        if _objective(instance, config, targets, rotation) > _objective(
            instance, config, targets, pairs
        ):
            pairs = rotation
            plan = replace(plan, seated=(*plan.seated[: prep.first], *map(_people, rotation)))
            stats["method"] = "circle method"
    candidates = _candidates(instance, prep, plan, pairs, everyone=small)
    remaining = config.time_limit - (time.perf_counter() - start)
    if not small:
        # CP-SAT on all rounds at once did not beat re-matching at 200 people: rounds one by one
        deadline = time.perf_counter() + remaining - 0.1
        pairs = rematch_rounds(instance, prep, plan, pairs, candidates, targets, config, deadline)
        stats["method"] += " + re-matching"
        report("re-matching", fixed + _tables(pairs))
    elif remaining > 0.2:
        result = solve_pairs(
            instance, prep, None, candidates, pairs, targets, config, remaining - 0.1
        )
        # the exact model keeps the rotation rule; the heuristic's schedule may break it
        keep_rule = unfair_sit_outs(instance, fixed + _tables(pairs)) > 0
        if result is not None and (
            keep_rule or _better(instance, config, targets, result.pairs, pairs)
        ):
            pairs = [list(r) for r in result.pairs]
            stats["method"] += " + CP-SAT (exact)"
        exact = result is not None and result.optimal
        report("cp-sat", fixed + _tables(pairs))
    tables = _tables(pairs)
    if not instance.allow_triples:
        # the optimiser trades seats for score; give seats back to those waiting unfairly
        tables = repair_rotation(instance, fixed + tables)[len(fixed) :]
    if instance.allow_triples:
        _add_triples(instance, prep, plan, tables)
    return fixed + tables, stats, exact


def _reporter(progress, instance: RoundsInstance, bound: float, start: float):
    from solver.rounds import RoundsProgress

    def report(stage: str, rounds) -> None:
        if progress is not None:
            total = schedule_total(instance, rounds)
            progress(RoundsProgress(stage, total, bound, time.perf_counter() - start))

    return report


def fair_targets(
    instance: RoundsInstance, prep: Prepared, plan: Plan, share: float
) -> dict[int, float]:
    """Return per person share times the sum of their best allowed scores, one per round seated."""
    rounds_of = plan.rounds_of()
    best: dict[int, list[float]] = {}
    for (p, q), value in instance.scores.items():
        if value > 0 and p in rounds_of and q in rounds_of and allowed(instance, prep, p, q):
            best.setdefault(p, []).append(float(value))
            best.setdefault(q, []).append(float(value))
    return {
        p: share * sum(sorted(values, reverse=True)[: len(rounds_of[p])])
        for p, values in best.items()
    }


def _people(pairs: list[Pair]) -> frozenset[int]:
    return frozenset(p for e in pairs for p in e)


def _tables(pairs: list[list[Pair]]) -> list[list[Table]]:
    return [[tuple(e) for e in sorted(r)] for r in pairs]


def _candidates(
    instance: RoundsInstance,
    prep: Prepared,
    plan: Plan,
    pairs: list[list[Pair]],
    everyone: bool,
) -> set[Pair]:
    """Return the pairs CP-SAT may use: all allowed ones when small, else each one's best."""
    people = sorted(instance.people)
    if everyone:
        return {
            (p, q)
            for i, p in enumerate(people)
            for q in people[i + 1 :]
            if allowed(instance, prep, p, q)
        }
    result = {key(*e) for r in pairs for e in r}
    rounds_of = plan.rounds_of()
    mine: dict[int, list[tuple[float, int]]] = {}
    for (p, q), value in instance.scores.items():
        if value > 0 and p in rounds_of and q in rounds_of and allowed(instance, prep, p, q):
            mine.setdefault(p, []).append((float(value), q))
            mine.setdefault(q, []).append((float(value), p))
    for p, options in mine.items():
        options.sort(reverse=True)
        for _, q in options[: len(rounds_of[p]) + EXTRA_CANDIDATES]:
            result.add(key(p, q))
    return result


def _objective(instance, config, targets, pairs) -> tuple[int, float]:
    """Return (pairs seated, total - fairness * shortfall) of per-round pairs."""
    gained: dict[int, float] = {}
    count, total = 0, 0.0
    for r in pairs:
        for p, q in r:
            value = weight(instance, p, q)
            count += 1
            total += value
            gained[p] = gained.get(p, 0.0) + value
            gained[q] = gained.get(q, 0.0) + value
    shortfall = sum(max(0.0, t - gained.get(p, 0.0)) for p, t in targets.items())
    return count, total - config.fairness * shortfall


def _better(instance, config, targets, new, old) -> bool:
    return _objective(instance, config, targets, new) >= _objective(instance, config, targets, old)


def _add_triples(
    instance: RoundsInstance, prep: Prepared, plan: Plan, tables: list[list[Table]]
) -> None:
    """Seat each round's planned joiner with the pair they complement best, both pairs new."""
    met = set(prep.used) | {key(*t) for r in tables for t in r}
    for i, r in enumerate(range(prep.first, instance.rounds)):
        joiner = plan.triple[r]
        if joiner is None:
            continue
        options = [
            (weight(instance, joiner, a) + weight(instance, joiner, b), -t, t)
            for t, (a, b) in enumerate(tables[i])
            if all(key(joiner, c) not in met and allowed(instance, prep, joiner, c) for c in (a, b))
        ]
        if options:
            _, _, t = max(options)
            a, b = tables[i][t]
            tables[i][t] = tuple(sorted((a, b, joiner)))
            met.update({key(joiner, a), key(joiner, b)})

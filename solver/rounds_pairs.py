"""The pairs heuristic: choose who meets whom with an LP, colour the pairs into rounds, fill gaps.

The guidance LP is the bound's b-matching with the planned seats as degrees and the fairness
shortfall in the objective. Every pair also earns ``SEAT_BONUS``, so the LP seats people before
it chases score. People with few possible partners (rare languages, many exclusions) would
otherwise be left for last: for them every allowed pair enters the LP, score or not, and their
pairs are coloured first, so they get the early rounds and sit out only once they have met
everyone they can.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from solver.rounds_bound import Edges, bmatching_lp, positive_edges
from solver.rounds_color import Partners, color_pairs, match_people
from solver.rounds_data import Prepared, allowed, key, weight

if TYPE_CHECKING:
    from solver.rounds import RoundsConfig, RoundsInstance
    from solver.rounds_plan import Plan

Pair = tuple[int, int]

# LP points per pair on top of its score: seats first
SEAT_BONUS = 200.0
# a person is scarce with fewer positive partners than rounds seated plus this margin
SCARCE_MARGIN = 3


def lp_pairs(
    instance: RoundsInstance,
    prep: Prepared,
    plan: Plan,
    targets: dict[int, float],
    config: RoundsConfig,
) -> list[list[Pair]]:
    """Return per free round the pairs chosen by the LP, coloured and completed."""
    rounds_of = plan.rounds_of()
    edges, scarce = _with_scarce(instance, prep, rounds_of)
    caps = [len(rounds_of.get(p, ())) for p in edges.people]
    total_cap = sum(len(s) // 2 for s in plan.seated)
    goals = [targets.get(p, 0.0) for p in edges.people]
    lp = bmatching_lp(edges, caps, total_cap, config.fairness, goals, bonus=SEAT_BONUS)
    chosen = _round(edges, lp.x, caps, scarce)
    full = {p: rounds_of.get(p, frozenset()) for p in instance.people}
    return _fill(instance, prep, plan, color_pairs(chosen, full))


def _with_scarce(
    instance: RoundsInstance, prep: Prepared, rounds_of: dict[int, frozenset[int]]
) -> tuple[Edges, set[int]]:
    """Return the positive pairs plus every allowed pair of a scarce person, and who is scarce."""
    edges = positive_edges(instance, prep, rounds_of)
    degree = np.bincount(np.concatenate([edges.a, edges.b]), minlength=len(edges.people))
    scarce = {
        p
        for i, p in enumerate(edges.people)
        if rounds_of.get(p) and degree[i] < len(rounds_of[p]) + SCARCE_MARGIN
    }
    index = {p: i for i, p in enumerate(edges.people)}
    known = {
        (min(i, j), max(i, j)) for i, j in zip(edges.a.tolist(), edges.b.tolist(), strict=True)
    }
    extra_a, extra_b, extra_w = [], [], []
    for p in scarce:
        for q in rounds_of:
            i, j = sorted((index[p], index[q]))
            if (i, j) in known or not rounds_of[p] & rounds_of[q]:
                continue
            if allowed(instance, prep, p, q):
                known.add((i, j))
                extra_a.append(i)
                extra_b.append(j)
                extra_w.append(weight(instance, p, q))
    if not extra_a:
        return edges, scarce
    return (
        Edges(
            edges.people,
            np.concatenate([edges.a, np.array(extra_a, dtype=np.int64)]),
            np.concatenate([edges.b, np.array(extra_b, dtype=np.int64)]),
            np.concatenate([edges.w, np.array(extra_w)]),
        ),
        scarce,
    )


def _round(edges: Edges, x: np.ndarray, caps: list[int], scarce: set[int]) -> list[Pair]:
    """Take LP pairs by value (then score) while both have room; scarce people's first."""
    degree = [0] * len(caps)
    chosen = []
    seen: set[Pair] = set()
    for j in np.lexsort((-edges.w, -x)):
        if x[j] < 0.01:
            break
        i, k = int(edges.a[j]), int(edges.b[j])
        pair = key(edges.people[i], edges.people[k])
        if pair not in seen and degree[i] < caps[i] and degree[k] < caps[k]:
            seen.add(pair)
            degree[i] += 1
            degree[k] += 1
            p, q = edges.people[i], edges.people[k]
            chosen.append((p not in scarce and q not in scarce, -edges.w[j], p, q))
    chosen.sort()
    return [(p, q) for _, _, p, q in chosen]


def _fill(instance, prep: Prepared, plan: Plan, partner: Partners) -> list[list[Pair]]:
    """Turn partners into per-round pairs and match whoever a round leaves alone."""
    met = set(prep.used)
    for p, rounds in partner.items():
        met.update(key(p, q) for q in rounds.values())
    result = []
    for r in range(prep.first, instance.rounds):
        round_pairs = {key(p, rounds[r]) for p, rounds in partner.items() if r in rounds}
        alone = [p for p in plan.seated[r] if r not in partner.get(p, {})]
        if len(alone) > 1:

            def ok(p: int, q: int) -> bool:
                return key(p, q) not in met and allowed(instance, prep, p, q)

            extra = match_people(alone, lambda p, q: weight(instance, p, q), ok)
            met.update(key(*e) for e in extra)
            round_pairs.update(key(*e) for e in extra)
        result.append(sorted(round_pairs))
    return result

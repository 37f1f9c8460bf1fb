"""Upper bound for speed-dating rounds: the LP relaxation of a degree-constrained b-matching.

Forget which round a pair meets in. Every schedule then picks a set of allowed pairs in which each
person has at most ``cap`` pairs (per round they attend: 1 at a pair, 2 in a table of three, k-1
at a group table of k) and the rounds hold at most their seats' worth of pairs together. Relaxing
x_e in {0, 1} to [0, 1] gives an LP whose optimum bounds the total of every schedule. Pairs with
score 0 add nothing, so only positive allowed pairs that share a free round enter the LP. The
fixed rounds' total is added as it is.

It is far tighter than the sum of per-round maximum-weight matchings, which may repeat the best
pairs every round (on the demo population that sum would be about R times the best round). On
the demo population its solution is almost integral (3 fractional pairs of 1,000 at 200
people), so the gap is mostly the cost of splitting the pairs into rounds and of seating
everyone. The same LP with a fairness term guides the pairs heuristic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from solver.rounds_data import Prepared, allowed, prepare, round_pair_capacity, schedule_total

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from solver.rounds import RoundsInstance


@dataclass(frozen=True)
class Edges:
    """Candidate pairs as parallel arrays of positions into ``people``."""

    people: tuple[int, ...]
    a: np.ndarray
    b: np.ndarray
    w: np.ndarray


@dataclass(frozen=True)
class LpResult:
    value: float
    x: np.ndarray
    # value of one more pair slot per person (LP duals), in the order of ``Edges.people``
    duals: np.ndarray


def positive_edges(
    instance: RoundsInstance, prep: Prepared, rounds_of: Mapping[int, frozenset[int]]
) -> Edges:
    """Return the allowed pairs with a positive score whose people share a round in rounds_of."""
    people = tuple(instance.people)
    index = {p: i for i, p in enumerate(people)}
    a: list[int] = []
    b: list[int] = []
    w: list[float] = []
    for (p, q), value in instance.scores.items():
        if value <= 0 or p not in index or q not in index or not allowed(instance, prep, p, q):
            continue
        if rounds_of.get(p, frozenset()) & rounds_of.get(q, frozenset()):
            a.append(index[p])
            b.append(index[q])
            w.append(float(value))
    return Edges(people, np.array(a, dtype=np.int64), np.array(b, dtype=np.int64), np.array(w))


def bmatching_lp(
    edges: Edges,
    caps: Sequence[float],
    total_cap: float,
    fairness: float = 0.0,
    targets: Sequence[float] | None = None,
    bonus: float = 0.0,
) -> LpResult:
    """Maximise sum (w + bonus) x - fairness * sum shortfall over the b-matching polytope."""
    n, m = len(edges.people), len(edges.w)
    if m == 0:
        return LpResult(0.0, np.zeros(0), np.zeros(n))
    use_fair = fairness > 0 and targets is not None
    cols = m + (n if use_fair else 0)
    edge_ids = np.arange(m)
    rows = [edges.a, edges.b, np.full(m, n)]
    columns = [edge_ids, edge_ids, edge_ids]
    values = [np.ones(m), np.ones(m), np.ones(m)]
    rhs = [np.asarray(caps, dtype=float), np.array([float(total_cap)])]
    if use_fair:
        # shortfall u_p >= target_p - sum of p's scores, written as -sum w x - u_p <= -target_p
        base = n + 1
        rows += [base + edges.a, base + edges.b, base + np.arange(n)]
        columns += [edge_ids, edge_ids, m + np.arange(n)]
        values += [-edges.w, -edges.w, -np.ones(n)]
        rhs.append(-np.asarray(targets, dtype=float))
    b_ub = np.concatenate(rhs)
    matrix = csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
        shape=(len(b_ub), cols),
    )
    cost = np.concatenate([-(edges.w + bonus), np.full(cols - m, fairness)])
    upper = np.concatenate([np.ones(m), np.full(cols - m, np.inf)])
    result = linprog(
        cost,
        A_ub=matrix,
        b_ub=b_ub,
        bounds=np.column_stack([np.zeros(cols), upper]),
        method="highs-ipm",
    )
    if result.status != 0:
        raise RuntimeError(f"rounds LP failed: {result.message}")
    x = result.x[:m]
    duals = -np.asarray(result.ineqlin.marginals[:n])
    return LpResult(float(edges.w @ x), x, duals)


def present_rounds(instance: RoundsInstance, prep: Prepared) -> dict[int, frozenset[int]]:
    """Return per person the free (not fixed) rounds they attend."""
    result: dict[int, set[int]] = {p: set() for p in instance.people}
    for r in range(prep.first, instance.rounds):
        for p in prep.present[r]:
            result[p].add(r)
    return {p: frozenset(rs) for p, rs in result.items()}


def bound_lp(instance: RoundsInstance, prep: Prepared) -> tuple[float, Edges, LpResult]:
    """Return the bound on the free rounds' total with its edges and LP solution."""
    rounds_of = present_rounds(instance, prep)
    caps = {p: 0 for p in instance.people}
    total_cap = 0
    for r in range(prep.first, instance.rounds):
        per_person, per_round = round_pair_capacity(instance, len(prep.present[r]))
        total_cap += per_round
        for p in prep.present[r]:
            caps[p] += per_person
    edges = positive_edges(instance, prep, rounds_of)
    lp = bmatching_lp(edges, [caps[p] for p in edges.people], total_cap)
    # HiGHS stops at a relative gap of about 1e-8: a hair of slack keeps the bound valid
    return lp.value * (1 + 1e-7) + 1e-6, edges, lp


def rounds_bound(instance: RoundsInstance) -> float:
    """Return an upper bound on the total score of any schedule of ``instance``."""
    prep = prepare(instance)
    free, _, _ = bound_lp(instance, prep)
    return schedule_total(instance, instance.fixed) + free

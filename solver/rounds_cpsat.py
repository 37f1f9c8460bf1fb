"""CP-SAT over all rounds at once: x[pair, round] for candidate pairs, hinted with a heuristic.

Objective, lexicographic through a large weight: first seat as many people as possible, then
(exact model) spread the sit-outs: the most sit-outs of anyone as low as possible, then maximise
``10 * total - 10 * fairness * shortfall`` (scores in tenths of a point). With a plan,
only the planned people may sit in a round. Without one (``exact``), the model chooses who sits
out itself under the rotation rule: if p sits out in round r while q is seated, p cannot have sat
out more often than q before r. That model has n^2 constraints per round, so it is only built for
small events; there an optimal status means the schedule is optimal.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.rounds_data import Prepared, key, weight

if TYPE_CHECKING:
    from solver.rounds import RoundsConfig, RoundsInstance

Pair = tuple[int, int]


@dataclass(frozen=True)
class CpResult:
    # per free round: the pairs
    pairs: tuple[tuple[Pair, ...], ...]
    optimal: bool


def solve_pairs(
    instance: RoundsInstance,
    prep: Prepared,
    seated: Sequence[Collection[int]] | None,
    candidates: Collection[Pair],
    hint: Sequence[Sequence[Pair]],
    targets: Mapping[int, float],
    config: RoundsConfig,
    time_limit: float,
) -> CpResult | None:
    """Re-optimise the free rounds' pairs; None when CP-SAT finds nothing in time."""
    free = range(prep.first, instance.rounds)
    present = [frozenset(prep.present[r]) if seated is None else seated[r] for r in free]
    model = cp_model.CpModel()
    x: dict[tuple[Pair, int], cp_model.IntVar] = {}
    at: dict[tuple[int, int], list] = {}
    by_pair: dict[Pair, list] = {}
    timed: dict[Pair, list] = {}
    for e in candidates:
        for i, r in enumerate(free):
            if e[0] in present[i] and e[1] in present[i]:
                var = model.new_bool_var("")
                x[e, r] = var
                at.setdefault((e[0], r), []).append(var)
                at.setdefault((e[1], r), []).append(var)
                by_pair.setdefault(e, []).append(var)
                timed.setdefault(e, []).append((r, var))
    if not x:
        return None
    for vars_ in at.values():
        model.add_at_most_one(vars_)
    for vars_ in by_pair.values():
        model.add_at_most_one(vars_)
    if instance.tables is not None:
        for r in free:
            model.add(sum(v for (_, rr), v in x.items() if rr == r) <= instance.tables)
    tenths = {e: round(10 * weight(instance, *e)) for e in by_pair}
    score = sum(tenths[e] * var for (e, _), var in x.items())
    shortfall, goals = _add_fairness(model, x, tenths, targets)
    penalty = round(10 * config.fairness)
    most_pairs = sum(len(people) // 2 for people in present)
    tie, tie_range, most_out, out_range = 0, 0, 0, 0
    if seated is None:
        _add_rotation(model, instance, prep, at, timed)
        # among equal schedules, meet early: rounds left empty should be the last ones
        tie = sum((instance.rounds - r) * var for (_, r), var in x.items())
        tie_range = most_pairs * instance.rounds
        most_out, out_range = _add_most_sit_outs(model, instance, prep, at)
    scale = tie_range + 1
    # the score above the tie-break, and above the score: nobody sits out more often than needed
    # (a higher score bought with someone's second sit-out while another never sits out is not
    # fair; the planned sit-outs of larger events are spread the same way)
    spread = scale * (10 * most_pairs * max(tenths.values(), default=0) + penalty * goals + 1)
    # one more pair must outweigh any change of the rest of the objective
    big = spread * (out_range + 1)
    model.maximize(
        big * sum(x.values())
        + spread * (out_range - most_out)
        + scale * (10 * score - penalty * shortfall)
        + tie
    )
    hinted = {(key(*e), r) for r, round_pairs in zip(free, hint, strict=True) for e in round_pairs}
    for index, var in x.items():
        model.add_hint(var, index in hinted)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = max(1, config.workers)
    solver.parameters.random_seed = config.seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen: list[list[Pair]] = [[] for _ in free]
    for (e, r), var in x.items():
        if solver.value(var):
            chosen[r - prep.first].append(e)
    return CpResult(tuple(tuple(sorted(c)) for c in chosen), status == cp_model.OPTIMAL)


def _add_fairness(model, x, tenths, targets: Mapping[int, float]):
    """Shortfall u_p >= target_p - p's scores, in tenths; return their sum and the targets' sum."""
    gained: dict[int, list] = {}
    for (e, _), var in x.items():
        if tenths[e]:
            for p in e:
                gained.setdefault(p, []).append(tenths[e] * var)
    total, goals = 0, 0
    for p, target in targets.items():
        goal = round(10 * target)
        if goal <= 0:
            continue
        u = model.new_int_var(0, goal, "")
        model.add(u >= goal - sum(gained.get(p, [])))
        total += u
        goals += goal
    return total, goals


def _add_most_sit_outs(model, instance: RoundsInstance, prep: Prepared, at) -> tuple:
    """Return a variable at least every person's sit-outs (earlier rounds included) and its
    upper bound: minimised among equal schedules, so sit-outs spread over everyone."""
    rounds = range(prep.first, instance.rounds)
    out_range = len(rounds) + max(prep.fixed_sits.values(), default=0)
    most_out = model.new_int_var(0, out_range, "most_out")
    for p in instance.people:
        present = [r for r in rounds if p in prep.present[r]]
        seats = [v for r in present for v in at.get((p, r), [])]
        model.add(most_out >= prep.fixed_sits.get(p, 0) + len(present) - sum(seats))
    return most_out, out_range


def _add_rotation(model, instance: RoundsInstance, prep: Prepared, at, timed) -> None:
    """No sitter could have taken the seat of someone who had sat out less often before.

    Taking q's seat means meeting q's partner t, which needs (p, t) allowed and not met yet
    (``validate_rounds`` uses the same rule).
    """
    before: dict[int, list] = {p: [] for p in instance.people}
    for r in range(prep.first, instance.rounds):
        seat = {}
        for p in prep.present[r]:
            s = model.new_bool_var("")
            model.add(s == sum(at.get((p, r), [])))
            seat[p] = s
        count = {p: prep.fixed_sits[p] + sum(before[p]) for p in seat}
        fresh: dict[Pair, cp_model.IntVar] = {}
        for (q, t), meetings in timed.items():
            here = dict(meetings).get(r)
            if here is None:
                continue
            for seated_one, mate in ((q, t), (t, q)):
                for p in seat:
                    e = (min(p, mate), max(p, mate))
                    if p in (q, t) or e not in timed:
                        continue
                    if e not in fresh:
                        # 1 while p has not met the mate before round r
                        fresh[e] = model.new_bool_var("")
                        model.add(fresh[e] + sum(v for rr, v in timed[e] if rr < r) >= 1)
                    model.add(count[p] <= count[seated_one]).only_enforce_if(
                        [seat[p].Not(), here, fresh[e]]
                    )
        for p, s in seat.items():
            before[p].append(1 - s)

"""Schedule large select-mode instances: LP-guided construction, repair, CP-SAT LNS, compaction.

One CP-SAT model over 40,000 meetings x 24 slots is too big to solve, but the problem decomposes
well: the LP relaxation (``solver.bound``) says which meetings are worth taking, a greedy pass
places them in that order where both participants are free, a one-step repair moves a blocking
meeting aside, and CP-SAT then re-solves the meetings of a few participants at a time (everything
else fixed) with weight first and breaks second. Before and after the LNS, ``solver.compact``
permutes interchangeable slots and moves and swaps meetings to remove breaks without touching the
weight. Mandatory and locked meetings are valued above all others together, so no step drops one.
"""

from __future__ import annotations

import random
import time

from solver.bound import lp_relaxation
from solver.compact import best_slot, compact
from solver.explain import explain_infeasible
from solver.fairness import enforce_fairness
from solver.lns import reoptimise
from solver.placement import Placement, bits, mask_breaks
from solver.schema import Config, Instance, Progress, Solution, Status
from solver.validate import required, validate


def _construct(pl: Placement, order: list[int]) -> None:
    """Place meetings in ``order`` where both participants are free, fewest new breaks first."""
    for m in order:
        if pl.slot[m] < 0 and pl.can_add(m):
            t = best_slot(pl, m, pl.free_mask(m))
            if t >= 0:
                pl.place(m, t)


def _repair(pl: Placement, order: list[int], deadline: float) -> int:
    """Place blocked meetings by moving one meeting of a participant to another slot."""
    placed = 0
    for m in order:
        if time.perf_counter() > deadline:
            break
        if pl.slot[m] >= 0 or not pl.can_add(m):
            continue
        a, b = pl.a[m], pl.b[m]
        for t in bits(pl.allowed[m]):
            bit = 1 << t
            if (pl.busy[a] & bit) and (pl.busy[b] & bit):
                continue
            blocker = pl.meeting_at(a if pl.busy[a] & bit else b, t)
            if blocker < 0 or not pl.movable[blocker]:
                continue
            pl.remove(blocker)
            if pl.free_mask(m) & bit and pl.precedence_ok(m, t):
                pl.place(m, t)
                t2 = best_slot(pl, blocker, pl.free_mask(blocker))
                if t2 >= 0:
                    pl.place(blocker, t2)
                    placed += 1
                    break
                pl.remove(m)
            pl.place(blocker, t)
    return placed


def _pick_core(
    pl: Placement, rng: random.Random, value: list[int], freed_target: int, weight_share: float
) -> set[int]:
    """Choose participants around a promising unscheduled meeting (or at random, for breaks)."""
    n_meetings = len(pl.slot)
    seed_meeting = -1
    if rng.random() < weight_share:
        for _ in range(60):
            m = rng.randrange(n_meetings)
            if pl.slot[m] < 0 and pl.movable[m] and _worth_trying(pl, m, value):
                seed_meeting = m
                break
    if seed_meeting >= 0:
        core = {pl.a[seed_meeting], pl.b[seed_meeting]}
    else:
        # Breaks: start from a participant who has some (a few tries, then anyone).
        start = rng.randrange(pl.instance.participants)
        for _ in range(30):
            if mask_breaks(pl.busy[start]):
                break
            start = rng.randrange(pl.instance.participants)
        core = {start}
    frontier = list(core)
    freed = sum(len(pl.incident[p]) for p in core)
    while frontier and freed < freed_target:
        p = frontier[rng.randrange(len(frontier))]
        incident = pl.incident[p]
        if not incident:
            frontier.remove(p)
            continue
        m = incident[rng.randrange(len(incident))]
        q = pl.b[m] if pl.a[m] == p else pl.a[m]
        if q not in core:
            core.add(q)
            frontier.append(q)
            freed += len(pl.incident[q])
        elif rng.random() < 0.2:
            frontier.remove(p)
    return core


def _worth_trying(pl: Placement, m: int, value: list[int]) -> bool:
    """Tell whether unscheduled ``m`` could enter without an endpoint losing a better meeting."""
    for p in (pl.a[m], pl.b[m]):
        if pl.count[p] >= pl.limit[p] and all(
            value[e] >= value[m] for e in pl.incident[p] if pl.slot[e] >= 0
        ):
            return False
    return pl.allowed[m] != 0


def solve_large(instance: Instance, config: Config) -> Solution:
    """Schedule a large select-mode instance within ``config.time_limit`` seconds."""
    if not instance.meetings:  # nothing to choose: an empty agenda is the optimum
        return Solution(Status.OPTIMAL, objective=0, bound=0, statistics={"meetings": 0})
    start = time.perf_counter()
    problems = explain_infeasible(instance)
    if problems:
        # Required meetings that cannot take place (the same checks as solver.schedule.solve).
        seconds = time.perf_counter() - start
        return Solution(Status.INFEASIBLE, explanation=tuple(problems), seconds=seconds)
    deadline = start + config.time_limit
    rng = random.Random(config.seed)
    stats: dict = {}
    lp = lp_relaxation(instance, time_limit=0.4 * config.time_limit)
    stats["lp_seconds"] = round(lp.seconds, 2)
    stats["lp_bound"] = lp.bound
    if not lp.feasible:
        return Solution(
            Status.INFEASIBLE,
            seconds=time.perf_counter() - start,
            explanation=("the mandatory and locked meetings cannot all take place",),
            statistics=stats,
        )
    total = sum(m.weight for m in instance.meetings)
    must = [required(instance, i) for i in range(len(instance.meetings))]
    # Mandatory meetings outweigh everything else together.
    value = [m.weight + (total + 1 if must[i] else 0) for i, m in enumerate(instance.meetings)]
    share = lp.meeting_values or (0.0,) * len(instance.meetings)
    pl = Placement(instance)
    order = sorted(
        range(len(instance.meetings)),
        key=lambda m: (-value[m], share[m] < 0.5, -share[m], pl.allowed[m].bit_count(), m),
    )

    def report(force: bool = False) -> None:
        if config.progress is not None:
            now = time.perf_counter()
            if force or now - report.last >= 1.0:
                report.last = now
                config.progress(Progress(pl.weight, lp.bound, now - start, pl.scheduled))

    report.last = 0.0
    reserve = min(0.1 * config.time_limit, 20.0)
    _construct(pl, order)
    stats["construct_weight"] = pl.weight
    report(force=True)
    stats["repaired"] = _repair(pl, order, deadline - reserve)
    stats["repair_weight"] = pl.weight
    stats["construct_breaks"] = pl.total_breaks()
    stats["first_compaction_gains"] = compact(pl, deadline - reserve)
    stats["compacted_breaks"] = pl.total_breaks()
    report(force=True)

    steps = improvements = optimal = 0
    freed_target = 150
    weight_share = 0.8
    step_limit = 0.4
    stats["stopped_by"] = "time_limit"
    while True:
        if pl.weight >= lp.bound and pl.total_breaks() == 0:
            stats["stopped_by"] = "optimal"  # nothing left to gain on either objective
            break
        left = deadline - reserve - time.perf_counter()
        if left < 0.2:
            break
        core = _pick_core(pl, rng, value, freed_target, weight_share)
        weight_before = pl.weight
        result = reoptimise(
            pl, core, value, min(step_limit, left), config.workers, rng.randrange(1 << 30)
        )
        steps += 1
        improvements += result.improved
        optimal += result.optimal
        freed_target = (
            min(3000, int(freed_target * 1.1) + 1)
            if result.optimal
            else max(30, int(freed_target * 0.8))
        )
        # Steer towards breaks once neighbourhoods stop finding weight.
        if pl.weight > weight_before:
            weight_share = min(0.9, weight_share + 0.1)
        else:
            weight_share = max(0.3, weight_share - 0.02)
        if result.improved:
            report()
    stats.update(lns_steps=steps, lns_improvements=improvements, lns_optimal_steps=optimal)
    stats["lns_weight"] = pl.weight
    stats["lns_breaks"] = pl.total_breaks()
    stats["final_compaction_gains"] = compact(pl, deadline)
    if instance.fairness is not None:
        stats.update(enforce_fairness(pl, instance.fairness, value))
    report(force=True)

    assignments = pl.assignments()
    checked = validate(instance, assignments)
    stats["valid"] = checked.feasible
    stats["weight_proven_optimal"] = checked.weight >= lp.bound
    if not checked.feasible:
        return Solution(
            Status.UNKNOWN,
            seconds=time.perf_counter() - start,
            explanation=checked.violations[:10],
            statistics=stats,
        )
    return Solution(
        Status.FEASIBLE,
        assignments=assignments,
        weight=checked.weight,
        breaks=checked.breaks,
        objective=float(checked.weight),
        bound=lp.bound,
        seconds=time.perf_counter() - start,
        statistics=stats,
    )

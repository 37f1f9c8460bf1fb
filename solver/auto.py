"""One entry point that picks the solving method for an instance.

Every meeting mandatory (the B2B benchmark problem: place all, minimise breaks) goes to the
exact CP-SAT model, which proves optimality on event-sized instances.

Meeting selection (organisers' agendas from requests) is decomposed:
1. *choose* the meetings with the decomposition of ``solver.large`` (construction and LNS): on
   the 150-participant demo it reaches the LP bound on weight within seconds, where the
   monolithic model given the same time stays below the greedy baseline. Meetings of the previous
   agenda get a tie-breaking bonus (weights are scaled so the bonus never outweighs one unit of
   real weight), so among equally good choices the old meetings stay;
2. *place* the chosen meetings again with the exact model in full mode, when they are few enough
   for it: breaks to optimality, then as few changes against the previous agenda as possible.
   Re-solving an unchanged event then changes nothing, and a late change moves only what it must.

With ``Config.prefer_stability`` (the web app sets it once an agenda exists) keeping meetings
ranks above fewer breaks: the previous agenda is repaired (what still fits stays, more meetings
are added without moving anyone) and only replaced when the new agenda carries more weight.
"""

from __future__ import annotations

import time
from dataclasses import replace

from solver.large import solve_large
from solver.repair import repair
from solver.schedule import solve
from solver.schema import Assignment, Config, Instance, Solution, Status
from solver.validate import validate

# The exact model re-places the chosen meetings when there are at most this many (the real
# benchmark instances, up to 302 meetings, are solved to optimality in seconds).
EXACT_PLACEMENT_LIMIT = 600
# Share of the time limit given to choosing; the rest goes to placing.
CHOOSE_SHARE = 0.4


def solve_auto(instance: Instance, config: Config = Config()) -> Solution:  # noqa: B008
    """Solve with the method suited to the instance."""
    if not instance.select:
        return solve(instance, config)
    found = _select(instance, config)
    if not instance.previous:
        return found
    if config.prefer_stability:
        repaired = repair(instance)
        weight = validate(instance, found.assignments).weight
        if repaired.status == Status.FEASIBLE and repaired.weight >= weight:
            return replace(repaired, bound=found.bound, seconds=found.seconds)
        # more weight is worth moving meetings for; say what keeping them would have given
        found = replace(found, statistics={**found.statistics, "repair_weight": repaired.weight})
    kept = _previous_if_not_worse(instance, found)
    return kept or replace(found, assignments=_keep_tables(instance, found.assignments))


def _select(instance: Instance, config: Config) -> Solution:
    """Choose meetings by decomposition, then place them exactly when they are few enough."""
    started = time.monotonic()
    exact = len(instance.meetings) <= EXACT_PLACEMENT_LIMIT
    choose_config = replace(config, time_limit=config.time_limit * (CHOOSE_SHARE if exact else 1))
    chosen = solve_large(_prefer_previous(instance), choose_config)
    if chosen.status in (Status.INFEASIBLE, Status.UNKNOWN) or not chosen.assignments:
        return _restore(instance, chosen)
    if len(chosen.assignments) > EXACT_PLACEMENT_LIMIT:
        return _restore(instance, chosen)
    remaining = config.time_limit - (time.monotonic() - started)
    placed = _place_exactly(instance, chosen, replace(config, time_limit=max(remaining, 1.0)))
    return placed or _restore(instance, chosen)


def _prefer_previous(instance: Instance) -> Instance:
    """Scale weights so that keeping a previous meeting breaks ties and nothing more."""
    if not instance.previous:
        return instance
    scale = len(instance.previous) + 1
    meetings = tuple(
        replace(m, weight=m.weight * scale + (1 if i in instance.previous else 0))
        for i, m in enumerate(instance.meetings)
    )
    return replace(instance, meetings=meetings)


def _restore(instance: Instance, solution: Solution) -> Solution:
    """Report weight and breaks in the instance's own units (not the scaled tie-break ones)."""
    report = validate(instance, solution.assignments)
    bound = solution.bound
    if bound is not None and instance.previous:
        bound = bound / (len(instance.previous) + 1)
    return replace(solution, weight=report.weight, breaks=report.breaks, bound=bound)


def _place_exactly(instance: Instance, chosen: Solution, config: Config) -> Solution | None:
    """Re-place the chosen meetings for fewest breaks, then fewest changes; None if no better."""
    ids = sorted(a.meeting for a in chosen.assignments)
    new_index = {old: new for new, old in enumerate(ids)}
    sub = replace(
        instance,
        select=False,
        meetings=tuple(replace(instance.meetings[i], mandatory=True) for i in ids),
        fixed={new_index[i]: s for i, s in instance.fixed.items() if i in new_index},
        locked={new_index[i]: p for i, p in instance.locked.items() if i in new_index},
        precedences={
            new_index[i]: tuple(new_index[e] for e in earlier if e in new_index)
            for i, earlier in instance.precedences.items()
            if i in new_index
        },
        previous={new_index[i]: p for i, p in instance.previous.items() if i in new_index},
    )
    result = solve(sub, config)
    # the first pass's placement is a valid schedule of these meetings: never return worse
    if result.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return None
    assignments = tuple(Assignment(ids[a.meeting], a.slot, a.table) for a in result.assignments)
    report = validate(instance, assignments)
    first = validate(instance, chosen.assignments)
    if not report.feasible or report.weight < first.weight or report.breaks > first.breaks:
        return None
    statistics = dict(result.statistics)
    statistics["choose"] = dict(chosen.statistics)
    return Solution(
        status=Status.FEASIBLE,
        assignments=assignments,
        weight=report.weight,
        breaks=report.breaks,
        objective=report.weight,
        bound=_restore(instance, chosen).bound,
        seconds=chosen.seconds + result.seconds,
        statistics=statistics,
    )


def _previous_if_not_worse(instance: Instance, found: Solution) -> Solution | None:
    """Return the previous agenda unchanged unless the new one is strictly better."""
    previous = tuple(Assignment(m, s, t) for m, (s, t) in sorted(instance.previous.items()))
    old = validate(instance, previous)
    new = validate(instance, found.assignments)
    if not old.feasible:
        return None
    if (new.weight, -new.breaks) > (old.weight, -old.breaks):
        return None
    return replace(
        found,
        assignments=previous,
        weight=old.weight,
        breaks=old.breaks,
        objective=old.weight,
        statistics={**found.statistics, "kept_previous": True},
    )


def _keep_tables(instance: Instance, rows: tuple[Assignment, ...]) -> tuple[Assignment, ...]:
    """Give meetings that keep their slot their previous table, where the rules allow it."""
    booth_tables = set(instance.booths.values())
    by_slot: dict[int, list[Assignment]] = {}
    for row in rows:
        by_slot.setdefault(row.slot, []).append(row)
    result = []
    for slot, group in by_slot.items():
        fixed = [r for r in group if r.meeting in instance.locked or r.table in booth_tables]
        taken = {r.table for r in fixed}
        free = [r for r in group if r not in fixed]
        wanted: dict[int, int] = {}
        for r in free:
            before = instance.previous.get(r.meeting)
            if (
                before
                and before[0] == slot
                and before[1] not in taken | booth_tables
                and before[1] not in wanted.values()
            ):
                wanted[r.meeting] = before[1]
        taken |= set(wanted.values())
        spare = sorted(
            t for t in range(instance.tables) if t not in taken and t not in booth_tables
        )
        result += fixed
        for r in free:
            table = wanted.get(r.meeting)
            result.append(Assignment(r.meeting, slot, table if table is not None else spare.pop(0)))
    ordered = tuple(sorted(result, key=lambda a: a.meeting))
    return ordered if validate(instance, ordered).feasible else rows

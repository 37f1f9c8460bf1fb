"""One large-neighbourhood step: re-solve all meetings of a few participants exactly with CP-SAT.

Every other meeting stays where it is, so the sub-model only sees the slots the outside world
leaves free. Its objective is lexicographic: ``big * weight - breaks`` over the participants it
touches, with ``big`` larger than any possible change in breaks, so weight is never traded for
breaks. The current placement is the hint, and a result is only kept if it is at least as good.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.placement import Placement, bits


@dataclass(frozen=True)
class StepResult:
    accepted: bool
    improved: bool
    optimal: bool
    freed: int


def _objective(pl: Placement, freed: list[int], touched: list[int], value: list[int]) -> tuple:
    return sum(value[m] for m in freed if pl.slot[m] >= 0), -pl.breaks_of(touched)


def reoptimise(
    pl: Placement,
    core: set[int],
    value: list[int],
    time_limit: float,
    workers: int,
    seed: int,
) -> StepResult:
    """Re-solve every movable meeting of the ``core`` participants; keep the result if not worse."""
    freed = sorted({m for p in core for m in pl.incident[p] if pl.movable[m]})
    touched = sorted({q for m in freed for q in (pl.a[m], pl.b[m])})
    before = _objective(pl, freed, touched, value)
    old = {m: pl.slot[m] for m in freed if pl.slot[m] >= 0}
    for m in old:
        pl.remove(m)

    model = cp_model.CpModel()
    n_slots = pl.instance.slots
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_participant_slot: dict[tuple[int, int], list] = {}
    by_slot: dict[int, list] = {}
    by_meeting: dict[int, list] = {}
    freed_set = set(freed)
    check_order = bool(pl.before)
    for m in freed:
        a, b = pl.a[m], pl.b[m]
        mask = pl.allowed[m] & ~pl.busy[a] & ~pl.busy[b]
        if not pl.booth[m]:
            mask &= pl.open_mask
        for t in bits(mask):
            if check_order and not _fixed_precedence_ok(pl, m, t, freed_set):
                continue
            var = model.new_bool_var(f"x{m}_{t}")
            x[(m, t)] = var
            by_meeting.setdefault(m, []).append(var)
            by_participant_slot.setdefault((a, t), []).append(var)
            by_participant_slot.setdefault((b, t), []).append(var)
            if not pl.booth[m]:
                by_slot.setdefault(t, []).append(var)
    # Each meeting at most once; mandatory ones that were placed must stay placed.
    for m, vars_ in by_meeting.items():
        if m in old and pl.instance.meetings[m].mandatory:
            model.add_exactly_one(vars_)
        else:
            model.add_at_most_one(vars_)
    # A participant meets at most once per slot (outside meetings already removed the slot).
    for vars_ in by_participant_slot.values():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)
    # Ordinary tables left in each slot.
    for t, vars_ in by_slot.items():
        if len(vars_) > pl.free_tables[t]:
            model.add(sum(vars_) <= pl.free_tables[t])
    # Max meetings per participant, counting the meetings that stay.
    for q in touched:
        vars_ = [v for m in pl.incident[q] for v in by_meeting.get(m, ())]
        room = pl.limit[q] - pl.count[q]
        if len(vars_) > room:
            model.add(sum(vars_) <= room)
    # One meeting per pair of participants (more when the instance requires them).
    groups: dict[int, list] = {}
    for m in by_meeting:
        if pl.pair_group[m] >= 0:
            groups.setdefault(pl.pair_group[m], []).extend(by_meeting[m])
    for group, vars_ in groups.items():
        model.add(sum(vars_) <= pl.group_limit[group] - pl.group_used[group])
    # Precedences between two freed meetings.
    for m in by_meeting:
        for e in pl.before.get(m, ()):
            if e in by_meeting:
                for (mm, t), var in x.items():
                    if mm == m:
                        for tt in range(t, n_slots):
                            if (e, tt) in x:
                                model.add_bool_or([var.Not(), x[(e, tt)].Not()])

    # Breaks: blocks of busy slots minus one per participant who meets at all.
    penalties = []
    for q in touched:
        fixed = pl.busy[q]
        busy = []
        for t in range(n_slots):
            vars_ = [x[(m, t)] for m in pl.incident[q] if (m, t) in x]
            busy.append(1 if fixed >> t & 1 else (sum(vars_) if vars_ else 0))
        for t in range(n_slots):
            now, prev = busy[t], busy[t - 1] if t else 0
            if isinstance(now, int) and isinstance(prev, int):
                continue  # constant, does not affect the optimum
            start = model.new_bool_var(f"s{q}_{t}")
            model.add(start >= now - prev)
            penalties.append(start)
        if not fixed:
            active = [v for v in busy if not isinstance(v, int)]
            if active:
                anyone = model.new_bool_var(f"any{q}")
                model.add(anyone <= sum(active))
                penalties.append(-anyone)
    big = len(touched) * (n_slots // 2 + 1) + 1
    model.maximize(sum(big * value[m] * var for (m, _), var in x.items()) - sum(penalties))
    for (m, t), var in x.items():
        model.add_hint(var, old.get(m) == t)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [(m, t) for (m, t), var in x.items() if solver.boolean_value(var)]
        for m, t in chosen:
            pl.place(m, t)
        after = _objective(pl, freed, touched, value)
        if after >= before:
            return StepResult(True, after > before, status == cp_model.OPTIMAL, len(freed))
        for m, _ in chosen:
            pl.remove(m)
    for m, t in old.items():
        pl.place(m, t)
    return StepResult(False, False, False, len(freed))


def _fixed_precedence_ok(pl: Placement, m: int, t: int, freed_set) -> bool:
    """Check precedences of ``m`` in slot ``t`` against meetings that stay where they are."""
    for e in pl.before.get(m, ()):
        if e not in freed_set and pl.slot[e] >= t:
            return False
    return not any(e not in freed_set and 0 <= pl.slot[e] <= t for e in pl.after.get(m, ()))

"""Who takes breaks: a window relaxation of the breaks stage.

A participant without a break meets in one window of consecutive slots exactly as long as their
meetings. The relaxation gives every participant either such a window (one start flag per
possible first slot, covering exactly their busy slots) or marks them as a break-taker, free of
any window, and minimises the break-takers. Every break-taker of a schedule has at least one break,
so the minimum is a lower bound on total breaks, and a relaxed schedule names few candidates.

On the B2B benchmark this model is far easier than counting breaks: it proves tic-13crafc's
optimum of 4 in about 2 s (the block model does not prove 3 within 10 s), and the strong model
restricted to its candidates (nobody else may take a break) finds schedules with a few breaks
where the whole model finds dozens (ticf-13crafc 4 against 42, forum-14 4 against 109).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from solver.schedule import ScheduleModel


@dataclass
class Takers:
    """Result of the relaxation: a lower bound on total breaks and, when a relaxed schedule was
    found, its break-takers (the candidates) and its slots (meeting -> slot; a schedule that keeps
    every hard rule except perhaps the fairness bound)."""

    bound: int
    optimal: bool = False
    candidates: frozenset[int] | None = None
    slots: dict[int, int] | None = None


class WindowRelaxation:
    """The window relaxation on ``base``, a ScheduleModel without breaks of an instance in which
    every meeting must be scheduled (see ``applies``)."""

    def __init__(self, base: ScheduleModel) -> None:
        instance = base.instance
        self.base = base
        model = self.base.model
        self.taker: dict[int, cp_model.IntVar] = {}
        for p, meetings in self.base.of.items():
            deg = len(meetings)
            if deg < 2:
                continue
            busy = [self.base.busy.get((p, t)) for t in range(instance.slots)]
            taker = model.new_bool_var(f"taker{p}")
            self.taker[p] = taker
            starts = {
                k: model.new_bool_var(f"win{p}_{k}")
                for k in range(instance.slots - deg + 1)
                if all(busy[t] is not None for t in range(k, k + deg))
            }
            # Exactly one window unless p takes breaks.
            model.add(sum(starts.values()) + taker == 1)
            for t, var in enumerate(busy):
                if var is None:
                    continue
                cover = [s for k, s in starts.items() if k <= t < k + deg]
                model.add(var == sum(cover)).only_enforce_if(taker.Not())
        model.minimize(sum(self.taker.values()))

    def solve(self, seconds: float, workers: int, seed: int = 0) -> Takers:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        code = solver.solve(self.base.model)
        if code == cp_model.INFEASIBLE:
            # No schedule at all; the caller's own search reports that.
            return Takers(0)
        bound = max(0, round(solver.best_objective_bound))
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Takers(bound)
        chosen = frozenset(p for p, var in self.taker.items() if solver.boolean_value(var))
        return Takers(bound, code == cp_model.OPTIMAL, chosen, self.base.read_slots(solver))


def applies(sm: ScheduleModel) -> bool:
    """Whether the relaxation is valid: every meeting is scheduled, so windows have fixed length."""
    return len(sm.required) == len(sm.instance.meetings)

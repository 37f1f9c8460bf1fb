"""Run the lexicographic stages of a ScheduleModel with CP-SAT, sharing one time limit."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.schema import Config, Progress, Status

_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.MODEL_INVALID: Status.UNKNOWN,
    cp_model.UNKNOWN: Status.UNKNOWN,
}
# Share of the breaks budget for the first plain minimisation, which yields the relaxation bound.
_PROBE_SHARE = 0.15


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Forward each improving solution to the organiser's progress callback."""

    def __init__(self, runner: Runner, expr, bound: float | None) -> None:
        super().__init__()
        self._runner = runner
        self._expr = expr
        self._bound = bound

    def on_solution_callback(self) -> None:
        sm = self._runner.sm
        scheduled = sum(self.value(v) for v in sm.sched.values())
        seconds = time.monotonic() - self._runner.started
        objective = float(self.value(self._expr)) if self._expr is not None else 0.0
        bound = self.best_objective_bound if self._bound is None else float(self._bound)
        self._runner.config.progress(Progress(objective, bound, seconds, scheduled))


@dataclass
class StageResult:
    status: Status
    slots: dict[int, int] | None = None
    value: int | None = None
    bound: int | None = None
    log: list[dict] = field(default_factory=list)


class Runner:
    """Solve a ScheduleModel repeatedly under one deadline."""

    def __init__(self, sm, config: Config, started: float) -> None:
        self.sm = sm
        self.config = config
        self.started = started

    def _solve(self, model, seconds: float, expr, bound) -> tuple[Status, cp_model.CpSolver]:
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = max(0.05, seconds)
        params.num_workers = self.config.workers
        params.random_seed = self.config.seed
        callback = None if self.config.progress is None else _Reporter(self, expr, bound)
        code = solver.solve(model, callback)
        return _STATUS[code], solver

    def run(self, name: str, expr, maximise: bool, seconds: float) -> StageResult:
        """Optimise one objective (or just find a schedule when expr is None)."""
        model = self.sm.model
        model.clear_objective()
        if expr is not None:
            (model.maximize if maximise else model.minimize)(expr)
        status, solver = self._solve(model, seconds, expr, None)
        model.clear_objective()
        result = StageResult(status)
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            result.slots = self.sm.read_slots(solver)
            if expr is not None:
                result.value = round(solver.objective_value)
                result.bound = round(solver.best_objective_bound)
        result.log.append(
            {
                "name": name,
                "status": str(status),
                "seconds": round(solver.wall_time, 3),
                "objective": result.value,
                "bound": result.bound,
            }
        )
        return result

    def minimise_breaks(self, seconds: float) -> StageResult:
        """Minimise total breaks: probe for the relaxation bound, then raise a target from it.

        Plain minimisation often finds no schedule at all, while "breaks <= B" as a satisfaction
        problem with B at the lower bound is found fast, and then is optimal at once.
        """
        deadline = time.monotonic() + seconds
        expr = self.sm.breaks_objective
        best = self.run("breaks-probe", expr, False, seconds * _PROBE_SHARE)
        if best.status in (Status.OPTIMAL, Status.INFEASIBLE):
            return best
        proven = max(best.bound or 0, self.sm.breaks_lower_bound)
        target = proven
        while (best.value is None or target < best.value) and deadline - time.monotonic() > 0.05:
            left = deadline - time.monotonic()
            model = self.sm.model.clone()
            model.add(expr <= target)
            share = left if left < 1 else left * 0.6
            status, solver = self._solve(model, share, expr, proven)
            best.log.append(
                {
                    "name": f"breaks<={target}",
                    "status": str(status),
                    "seconds": round(solver.wall_time, 3),
                }
            )
            if status in (Status.OPTIMAL, Status.FEASIBLE):
                best.slots = self.sm.read_slots(solver)
                best.value = round(solver.value(expr))
                self.sm.hint(best.slots)
                break
            if status == Status.INFEASIBLE and target == proven:
                proven += 1
            target += 1
        if best.value is None:
            best.status = Status.UNKNOWN
            return best
        best.bound = proven
        best.status = Status.OPTIMAL if best.value <= proven else Status.FEASIBLE
        left = deadline - time.monotonic()
        if best.status == Status.FEASIBLE and left > 0.2:
            # Spend what is left improving from the found schedule.
            better = self.run("breaks-improve", expr, False, left)
            best.log += better.log
            if better.value is not None and better.value < best.value:
                best.slots, best.value = better.slots, better.value
            if better.status == Status.OPTIMAL:
                best.status, best.bound = Status.OPTIMAL, best.value
        return best

"""CP-SAT solves under a time limit: the solver settings, the status mapping, and groups of solves
in threads of which the first decisive one stops the others (``SolveGroup``, ``race``)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ortools.sat.python import cp_model

from solver.schema import Status

# CP-SAT's status codes as results.
STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.MODEL_INVALID: Status.UNKNOWN,
    cp_model.UNKNOWN: Status.UNKNOWN,
}
FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)


def cp_solver(seconds: float, workers: int, seed: int, subsolvers=()) -> cp_model.CpSolver:
    """A CP-SAT solver with a time limit (at least 0.05 s), workers, seed and, with more than one
    worker, the full subsolvers to run.

    One worker searches without the LP, as the ``no_lp`` subsolver: CP-SAT's single default
    worker is its LP one, which found no schedule at all within 10 s on six of the 20 B2B
    instances (13 optima, against 16 without the LP), nor a first schedule of generated
    select-mode instances (60 and 150 participants) in the weight stage's 7.7 s of a 20 s limit.
    """
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if subsolvers and workers > 1:
        solver.parameters.subsolvers.extend(subsolvers)
    if workers == 1:
        solver.parameters.linearization_level = 0
    return solver


class SolveGroup:
    """CP-SAT solves in threads, the first of which to end with a status in ``decisive`` stops
    the others, and keeps those not started yet from starting."""

    def __init__(self, decisive: tuple[int, ...] = FOUND) -> None:
        self.decisive = decisive
        self.winner: cp_model.CpSolver | None = None
        self.code = cp_model.UNKNOWN
        self._running: set[cp_model.CpSolver] = set()
        self._lock = threading.Lock()

    def solve(self, solver: cp_model.CpSolver, model: cp_model.CpModel) -> int:
        """Solve ``model`` unless the group is decided (then UNKNOWN); the CP-SAT status."""
        with self._lock:
            if self.winner is not None:
                return cp_model.UNKNOWN
            self._running.add(solver)
        code = solver.solve(model)
        with self._lock:
            self._running.discard(solver)
            if code in self.decisive and self.winner is None:
                self.winner, self.code = solver, code
                for other in self._running:
                    other.stop_search()
        return code


def racing_seeds(seed: int, workers: int) -> list[int]:
    """Seeds for ``race``: one single-worker run per worker (at least one), from ``seed`` on."""
    return [seed + i for i in range(max(1, workers))]


def race(model: cp_model.CpModel, seconds: float, seeds: list[int]):
    """Solve ``model`` with one worker per seed in threads; the first to find a schedule or prove
    there is none stops the others. The time to a schedule is heavy-tailed across seeds
    (B2B benchmark, ticf-13crafb restricted to its first core, one worker: 1.5 to 6.5 s over six
    seeds), so two single-worker runs beat one run with two workers (1.3 to 10 s over seven).

    Returns the deciding CP-SAT status and solver (UNKNOWN and None when none decided).
    """
    group = SolveGroup((*FOUND, cp_model.INFEASIBLE))
    solvers = [cp_solver(seconds, 1, seed) for seed in seeds]
    with ThreadPoolExecutor(len(solvers)) as pool:
        list(pool.map(group.solve, solvers, [model] * len(solvers)))
    return group.code, group.winner

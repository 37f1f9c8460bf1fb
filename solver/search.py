"""Run the lexicographic stages of a ScheduleModel with CP-SAT, sharing one time limit."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cores import CoresStep
from solver.improve import TARGET_SUBSOLVERS, ImproveSteps
from solver.schema import Config, Progress, Status
from solver.solving import FOUND, STATUS, cp_solver, race, racing_seeds
from solver.takers_steps import TakersSteps

# Share of the breaks budget for the search of a schedule without breaks (solver.takers.
# WindowRelaxation.zero): it decides the question within 3.2 s on all 20 B2B instances with
# most seeds, proofs within 0.2 s; ticf-14crafa needed 4.6 s with some seeds (0.5 missed it).
_ZERO_SHARE = 0.65
# Share of the time left after the window model for the search of the one break-taker when
# nobody is forced to take one (forum-13crafc, ticf-13crafc: found in 2 to 4.6 s), and for the
# search of one break-taker besides the forced ones after the target runs.
_SINGLE_SHARE = 0.55
_LATE_SINGLE_SHARE = 0.5
# Share of the time left for the search restricted to the window model's cores (see _cores).
# ticf-13crafb, twelve seeds: its optimum in 12 with 0.8 (2.8 to 7.0 s), in 7 with 0.6.
_CORES_SHARE = 0.8
# When the early steps proved two or more break-takers without finding a schedule: shares of the
# time left for the window relaxation and for the search among its candidates; the descent with
# the strong model gets the rest. tic-13crafc: its optimum with 29 of 30 seeds (25 of 30 when the
# descent ran one two-worker solve, not racing seeds), against 11 of 20 with the probe, targets and
# shares of the other paths (4 of 9 with the probe and targets skipped but without the descent).
# After the other paths' relaxation a two-worker descent did not help (forumt-14crafe at its
# optimum with 5 of 6 seeds against 6 of 6, forum-13crafb no better).
_PROVEN_SHARES = (0.3, 0.3)
# Seconds left below which, without any schedule yet, the light model's first schedule comes
# before the window relaxation (which with its repair needs 1.5 s or more to yield one).
_LATE_FIRST = 2.5
# Share of the breaks budget for the first plain minimisation, which yields the relaxation bound.
_PROBE_SHARE = 0.08
# Share of the rest for 'breaks <= bound'; the light fallback gets what remains. On the B2B
# benchmark the target runs succeed within about 2.5 s each or not at all in 10 s, while the
# fallback's schedule keeps improving with time (0.7 kept 2.6 s for it: forumt-14crafe 42 breaks).
_TARGET_SHARE = 0.6
# With the relaxation to follow, the share of the time after the probe for the target runs.
_TAKERS_TARGET_SHARE = 0.3


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

    def above(self, bound: int) -> bool:
        """Whether there is no schedule yet, or one with a value above ``bound``."""
        return self.value is None or self.value > bound


class Runner(TakersSteps, ImproveSteps, CoresStep):
    """Solve a ScheduleModel repeatedly under one deadline."""

    def __init__(self, sm, config: Config, started: float) -> None:
        self.sm = sm
        self.config = config
        self.started = started

    def _solve(
        self, model, seconds: float, expr, bound, seed_offset: int = 0, subsolvers=()
    ) -> tuple[Status, cp_model.CpSolver]:
        config = self.config
        solver = cp_solver(seconds, config.workers, config.seed + seed_offset, subsolvers)
        callback = None if self.config.progress is None else _Reporter(self, expr, bound)
        code = solver.solve(model, callback)
        return STATUS[code], solver

    def run(
        self, name: str, expr, maximise: bool, seconds: float, seed_offset: int = 0
    ) -> StageResult:
        """Optimise one objective (or just find a schedule when expr is None)."""
        model = self.sm.model
        model.clear_objective()
        if expr is not None:
            (model.maximize if maximise else model.minimize)(expr)
        status, solver = self._solve(model, seconds, expr, None, seed_offset)
        model.clear_objective()
        result = StageResult(status)
        if expr is not None and status != Status.INFEASIBLE:
            # The relaxation bound holds even when no schedule was found.
            result.bound = round(solver.best_objective_bound)
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            result.slots = self.sm.read_slots(solver)
            if expr is not None:
                result.value = round(solver.objective_value)
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

    def minimise_breaks(self, seconds: float, light=None, relaxation=None) -> StageResult:
        """Minimise total breaks: probe the bound, try the bound as a target, else fall back.

        Plain minimisation of the strong model often finds no schedule at all, while
        "breaks <= B" with B at the lower bound is often found fast and then optimal at once.
        When it is not, the light model (``light``, a ScheduleModel without the block encoding)
        finds some schedule quickly and CP-SAT's neighbourhood search improves it. Before that,
        when ``relaxation`` (a ``solver.takers.WindowRelaxation``) is given, it bounds the breaks
        and names candidate break-takers; the light model in which only they may take breaks is
        searched, then a neighbourhood search moves breaks between participants. When the early
        steps prove two or more break-takers with nobody forced, the relaxation comes first and
        the strong model descends from its schedule (``_descend``).
        """
        deadline = time.monotonic() + seconds
        expr = self.sm.breaks_objective
        takers = relaxation is not None and light is not None
        lower, log = 0, []
        best: StageResult | None = None
        shares = None
        if takers:
            zero = self._zero(relaxation, seconds * _ZERO_SHARE)
            log = zero.log
            if zero.slots is not None:
                return zero
            lower = zero.bound
        if takers and lower == 1 and not relaxation.forced:
            # Somebody takes a break although nobody must: looking for the one who takes it
            # comes before the strong model, which rarely finds such optima (see _single).
            # When the window model's cores prove that two or more must take breaks, the search
            # restricted to them comes first instead (see _cores).
            early = StageResult(Status.UNKNOWN, log=log)
            left = deadline - time.monotonic()
            lower = self._cores(early, light, relaxation, left * _CORES_SHARE)
            if lower == 1:
                left = deadline - time.monotonic()
                lower = self._single(early, 1, frozenset(), light, left * _SINGLE_SHARE)
            if early.slots is not None:
                status = Status.OPTIMAL if early.value <= lower else Status.FEASIBLE
                return StageResult(status, early.slots, early.value, lower, early.log)
            if lower >= 2:
                # Proven by enumeration, a bound the strong model's probe and targets rarely
                # reach (tic-13crafc: "<= 2" undecided in 2.6 s; its optimum is 4). The window
                # relaxation's candidates come at once, then the descent (see _PROVEN_SHARES).
                best, shares = early, _PROVEN_SHARES
        target_share = 0.0
        if best is None and takers and lower == 0:
            # The window model ran out of time. It finds schedules without breaks far faster than
            # the strong model's probe and targets, so they are skipped; any schedule comes first
            # instead (ticf-14crafa with one seed ended without one when they ran first).
            best = StageResult(Status.UNKNOWN, log=log)
            self._first_schedule(best, light, deadline)
        elif best is None:
            left = deadline - time.monotonic()
            best = self.run("breaks-probe", expr, False, left * _PROBE_SHARE)
            best.log[:0] = log
            if best.status in (Status.OPTIMAL, Status.INFEASIBLE):
                return best
            target_share = (
                1.0 if light is None else _TAKERS_TARGET_SHARE if takers else _TARGET_SHARE
            )
        proven = max(best.bound or 0, self.sm.breaks_lower_bound, lower)
        # The time to find a schedule at the target is heavy-tailed across seeds (on tic-14crafd
        # from 1 s to over 8 s), so seeds race over the whole share, one single-worker run each
        # (``race``); one worker runs two seeds in turn, half the share each. forumt-14crafe:
        # "<= 5" needs 1.0 to 1.7 s; two two-worker runs in turn had 1.2 s each and missed it
        # with 5 of 8 seeds, two racing seeds found it with 8 of 8.
        target_end = time.monotonic() + (deadline - time.monotonic()) * target_share
        workers = max(1, self.config.workers)
        attempt = 0
        while best.above(proven) and target_end - time.monotonic() > 0.05:
            left = target_end - time.monotonic()
            model = self.sm.model.clone()
            model.add(expr <= proven)
            share = left / 2 if workers == 1 and not attempt else left
            started = time.monotonic()
            code, solver = race(model, share, racing_seeds(self.config.seed + attempt, workers))
            best.log.append(
                {
                    "name": f"breaks<={proven}",
                    "status": str(STATUS[code]),
                    "seconds": round(time.monotonic() - started, 3),
                }
            )
            if code in FOUND:
                best.slots = self.sm.read_slots(solver)
                best.value = round(solver.value(expr))
                self._report(best, proven)
                break
            if code == cp_model.INFEASIBLE:
                # A new target deserves time of its own (forumt-14crafe: "<= 4" proven
                # impossible in 0.9 s left two runs of 0.85 s for "<= 5", which needs 1 s).
                proven, attempt = proven + 1, 0
                now = time.monotonic()
                target_end = max(target_end, now + (deadline - now) * target_share)
            else:
                attempt += 1
        forced = relaxation.forced if takers else frozenset()
        if takers and best.above(proven) and len(forced) == proven > 0:
            proven = self._forced(best, proven, forced, light, deadline)
        if takers and best.above(proven) and forced and proven == len(forced) + 1:
            left = deadline - time.monotonic()
            proven = self._single(best, proven, forced, light, left * _LATE_SINGLE_SHARE)
        if takers and best.value is None and deadline - time.monotonic() < _LATE_FIRST:
            # Too little time left for the relaxation and its repair to yield a schedule: any
            # schedule first (ticf-13crafb, after the cores step: 1.9 s left, none found).
            self._first_schedule(best, light, deadline)
        if takers and best.above(proven):
            if shares is None:
                proven = self._takers(best, proven, relaxation, light, deadline)
            else:
                proven = self._takers(best, proven, relaxation, light, deadline, shares)
                proven = self._descend(best, proven, deadline)
            self._move_breaks(best, proven, light, deadline)
        left = deadline - time.monotonic()
        if best.above(proven) and light is not None and left > 0.05:
            self._fallback(best, light, deadline)
        if best.value is None:
            # Infeasible only when a step proved it (the light model's first schedule).
            if best.status != Status.INFEASIBLE:
                best.status = Status.UNKNOWN
            return best
        best.bound = proven
        best.status = Status.OPTIMAL if best.value <= proven else Status.FEASIBLE
        return best

    def _zero(self, relaxation, seconds: float) -> StageResult:
        """Look for a schedule without breaks with the window model (``relaxation.zero``).

        The result is optimal with the schedule, else unknown; its bound is the proven lower
        bound on breaks (0 when the time ran out).
        """
        started = time.monotonic()
        config = self.config
        zero = relaxation.zero(seconds, config.workers, config.seed, TARGET_SUBSOLVERS)
        status = "optimal" if zero.slots is not None else "infeasible" if zero.bound else "unknown"
        entry = {
            "name": "breaks-zero",
            "status": status,
            "seconds": round(time.monotonic() - started, 3),
            "bound": zero.bound,
        }
        if zero.slots is None:
            return StageResult(Status.UNKNOWN, bound=zero.bound, log=[entry])
        return StageResult(Status.OPTIMAL, zero.slots, 0, 0, [entry])

"""The break-takers steps of the breaks search (a mixin of ``solver.search.Runner``).

For instances in which every meeting must be scheduled: search among forced break-takers, for the
one break-taker besides them, and bound breaks by the window relaxation and search among its
candidates (see ``solver.takers`` for the models, ``solver.improve`` for the steps that follow).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.improve import TARGET_SUBSOLVERS, hint
from solver.schema import Progress, Status
from solver.takers import ExtraTaker, restricted

if TYPE_CHECKING:
    from solver.search import StageResult

# Share of the time after the target runs for the search among forced break-takers only.
_FORCED_SHARE = 0.5
# The search for the one break-taker besides the forced ones (``_single``): seconds per candidate
# in the first round, then for those undecided in it. B2B benchmark, one worker per candidate: a
# candidate who can be the one is found in 0.5 to 2 s, one who cannot is proven so in 0.1 to
# 1.3 s (a few stay undecided after 3 s).
_SINGLE_FIRST = 1.5
_SINGLE_AGAIN = 3.0
# Share of the time after the target runs for the window relaxation (solver.takers), and of the
# time after that for the light model restricted to its candidate break-takers (solver.takers.
# restricted). On the eight B2B instances the target runs rarely solve, two seeds each, the
# pipeline reached the published optimum in 7 of 16 runs (at most 4 without window rules for
# candidates), with a valid schedule in every run since the fairness repair.
_TAKERS_SHARE = 0.4
_RESTRICTED_SHARE = 0.7


class TakersSteps:
    """Mixin of Runner: ``self.sm``, ``self.config``, ``self.started``, ``self._solve`` and
    ``self._first_schedule`` come from it."""

    def _forced(
        self, best: StageResult, proven: int, forced: frozenset[int], light, deadline: float
    ) -> int:
        """Search schedules in which only participants who cannot avoid a break take one.

        When they explain the whole lower bound, the light model restricted to them is small
        and often holds the optimum (B2B benchmark, forum-14: its optimum of 2 in 2.3 s, which
        no other step reaches within 10 s). Returns the proven lower bound: one more when
        there is no such schedule (each of them then has exactly one break, nobody else any).
        """
        expr = light.breaks_objective
        model = restricted(light, forced)
        model.add(expr <= proven)
        seconds = (deadline - time.monotonic()) * _FORCED_SHARE
        status, solver = self._solve(model, seconds, expr, proven, 0, TARGET_SUBSOLVERS)
        seconds = round(solver.wall_time, 3)
        best.log.append({"name": f"forced<={proven}", "status": str(status), "seconds": seconds})
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            best.slots, best.value = light.read_slots(solver), round(solver.value(expr))
        return proven + 1 if status == Status.INFEASIBLE else proven

    def _single(
        self, best: StageResult, proven: int, forced: frozenset[int], light, share: float
    ) -> int:
        """With the bound one above the forced break-takers, find the one other participant who
        takes a break: the optimum, if there is one, has everyone else in one window.

        Candidates are tried one at a time (``solver.takers.ExtraTaker``), those with the most
        meetings first, as many at once as there are workers; a first round with a short time
        decides most, those left undecided get longer. Far easier than leaving the choice to
        CP-SAT (B2B benchmark, forum-13crafc and ticf-13crafc, optimum 1: neither the strong
        model's target nor the relaxation find it in 10 s; here it takes 2 to 4.6 s). When
        every candidate is proven impossible, so is the bound: returns the proven lower bound.
        """
        started = time.monotonic()
        deadline = started + share
        search = ExtraTaker(light, forced, proven, self.config.seed)
        # Without anyone else who could take a break, the forced takers alone.
        queue = _candidates(light, forced) or sorted(forced)[:1]
        seconds, decided = _SINGLE_FIRST, 0
        with ThreadPoolExecutor(max(1, self.config.workers)) as pool:
            while queue and not search.found and deadline - time.monotonic() > 0.05:
                limits = [seconds] * len(queue)
                codes = pool.map(search.test, queue, limits, [deadline] * len(queue))
                status_of = dict(zip(queue, codes, strict=True))
                queue = [q for q, code in status_of.items() if code == cp_model.UNKNOWN]
                decided += len(status_of) - len(queue)
                seconds = _SINGLE_AGAIN
        if search.found:
            slots, value = search.schedule()
            if best.above(value):
                best.slots, best.value = slots, value
                self._report(best, proven)
        status = "optimal" if not best.above(proven) else "unknown"
        if best.above(proven) and decided and not queue:
            status = "infeasible"
        best.log.append(
            {
                "name": f"single<={proven}",
                "status": status,
                "seconds": round(time.monotonic() - started, 3),
                "decided": decided,
            }
        )
        return proven + 1 if status == "infeasible" else proven

    def _report(self, best: StageResult, proven: int) -> None:
        """Report ``best`` to the progress callback: solves in threads run without the solution
        callback."""
        if self.config.progress is not None:
            seconds = time.monotonic() - self.started
            progress = Progress(float(best.value), float(proven), seconds, len(best.slots))
            self.config.progress(progress)

    def _takers(
        self,
        best: StageResult,
        proven: int,
        relaxation,
        light,
        deadline: float,
        shares: tuple[float, float] = (_TAKERS_SHARE, _RESTRICTED_SHARE),
    ) -> int:
        """Bound breaks by the window relaxation, then search among its break-takers only;
        ``shares`` are those of the time left for each.

        Returns the proven lower bound; ``best`` gets the restricted model's schedule, if any.
        """
        started = time.monotonic()
        takers = relaxation.solve(
            (deadline - started) * shares[0], self.config.workers, self.config.seed
        )
        proven = max(proven, takers.bound)
        status = "optimal" if takers.optimal else "feasible"
        best.log.append(
            {
                "name": "break-takers",
                "status": status if takers.candidates is not None else "unknown",
                "seconds": round(time.monotonic() - started, 3),
                "bound": takers.bound,
                "candidates": None if takers.candidates is None else len(takers.candidates),
            }
        )
        if takers.candidates is None:
            return proven
        self._repair(best, takers.slots, light, deadline)
        if best.value is None:
            # No fair schedule near the relaxed one: any schedule first, from the light model.
            self._first_schedule(best, light, time.monotonic() + (deadline - time.monotonic()) / 2)
        expr = light.breaks_objective
        model = restricted(light, takers.candidates)
        model.add(expr >= proven)
        model.minimize(expr)
        hint(model, light, takers.slots)
        seconds = (deadline - time.monotonic()) * shares[1]
        status, solver = self._solve(model, seconds, expr, proven, 0, TARGET_SUBSOLVERS)
        best.log.append(
            {
                "name": "breaks-restricted",
                "status": str(status),
                "seconds": round(solver.wall_time, 3),
            }
        )
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            value = round(solver.value(expr))
            if best.above(value):
                best.slots, best.value = light.read_slots(solver), value
        return proven


def _candidates(light, forced: frozenset[int]) -> list[int]:
    """Who else may take a break: participants with two or more meetings and room for a gap
    between them, those with the most meetings first."""
    return sorted(
        (
            p
            for p, meetings in light.of.items()
            if p not in forced
            and len(meetings) >= 2
            and sum((p, t) in light.busy for t in range(light.instance.slots)) > len(meetings)
        ),
        key=lambda p: (-len(light.of[p]), p),
    )

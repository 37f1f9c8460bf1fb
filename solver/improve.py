"""Improvement steps of the breaks search (a mixin of ``solver.search.Runner``): repair the
window relaxation's schedule, move breaks between participants, descend with the strong model
from the best schedule found ("breaks <= best - 1", hinted with it), and the light model's
fallback (a first schedule, then its neighbourhood search).
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.schema import Status
from solver.solving import FOUND, STATUS, race, racing_seeds
from solver.takers import restricted
from solver.validate import participant_breaks

if TYPE_CHECKING:
    from solver.search import StageResult

# Full subsolver for 'breaks <= B' runs. With two workers CP-SAT runs one full subsolver, by
# default the LP one, which on the block encoding spends seconds in the LP and makes a handful of
# conflicts; the SAT search without LP makes 10^5 conflicts and finds targets the LP one misses
# (B2B benchmark, target at the optimum: tic-13crafc 2 s, forumt-14crafe 1 s, ticf-14crafa 7 s,
# against none within 10 s).
TARGET_SUBSOLVERS = ("no_lp",)
# Neighbourhood search over break-takers: seconds per step, partners freed besides the takers.
_MOVE_SECONDS = 0.5
_MOVE_FREE = 6
# Fairness repair of the relaxed schedule: attempts (each frees more people), seconds each.
_REPAIR_STEPS = 3
_REPAIR_SECONDS = 1.0

# First run time of the light fallback before it restarts with another seed.
_RESTART = 0.6
# Seconds the strong model needs before its improvements start to show (about 2 s of warm-up on
# the B2B benchmark); with less time left the light model's neighbourhood search does better.
_STRONG_IMPROVE = 4.0


class ImproveSteps:
    """Mixin of Runner: ``self.sm``, ``self.config``, ``self.started``, ``self.run``,
    ``self._solve`` and ``self._report`` come from it."""

    def _descend(self, best: StageResult, proven: int, deadline: float) -> int:
        """Ask the strong model for one break fewer than ``best``, hinted with it, until the
        time is up; returns the proven lower bound (``best``'s value once one fewer is proven
        impossible: the model is exact). One single-worker seed per worker race (``race``).

        B2B benchmark, tic-13crafc from two schedules of 5 breaks (seven seeds): one fewer in
        0.9 to 1.9 s with two racing seeds; one two-worker run needed 0.9 to 4.9 s, and without
        the hint 1.7 to 3.3 s. The neighbourhood moves rarely find it.
        """
        expr = self.sm.breaks_objective
        seeds = racing_seeds(self.config.seed, self.config.workers)
        while best.value is not None and best.above(proven) and deadline - time.monotonic() > 0.3:
            model = self.sm.model.clone()
            model.add(expr <= best.value - 1)
            hint(model, self.sm, best.slots)
            started = time.monotonic()
            code, solver = race(model, deadline - started, seeds)
            best.log.append(
                {
                    "name": f"descend<={best.value - 1}",
                    "status": str(STATUS[code]),
                    "seconds": round(time.monotonic() - started, 3),
                }
            )
            if code == cp_model.INFEASIBLE:
                return best.value
            if code not in FOUND:
                break
            best.slots, best.value = self.sm.read_slots(solver), round(solver.value(expr))
            self._report(best, proven)
        return proven

    def _repair(self, best: StageResult, relaxed: dict[int, int], light, deadline: float) -> None:
        """Make the relaxed schedule fair: its break-takers may have more breaks than the fairness
        bound allows. Move only their meetings, widening to their partners' while that fails.

        Far faster than a first schedule of the light model from scratch (B2B benchmark:
        ticf-14crafa a fair schedule with 12 breaks within 1 s, against none in 2.5 s and
        over 100 breaks after that).
        """
        meetings = light.instance.meetings
        free = break_takers(light, relaxed)
        expr = light.breaks_objective
        for step in range(_REPAIR_STEPS):
            seconds = min(_REPAIR_SECONDS, (deadline - time.monotonic()) * 0.3)
            if seconds < 0.05:
                return
            model = light.model.clone()
            for i, m in enumerate(meetings):
                if m.a not in free and m.b not in free:
                    model.add(light.x[i, relaxed[i]] == 1)
            if best.value is not None:
                model.add(expr <= best.value - 1)
            model.minimize(expr)
            hint(model, light, relaxed)
            status, solver = self._solve(model, seconds, expr, None, step, TARGET_SUBSOLVERS)
            best.log.append({"name": "breaks-repair", "status": str(status), "free": len(free)})
            if status in (Status.OPTIMAL, Status.FEASIBLE):
                best.slots, best.value = light.read_slots(solver), round(solver.value(expr))
                return
            free |= partners(light, free)

    def _move_breaks(self, best: StageResult, proven: int, light, deadline: float) -> None:
        """Neighbourhood search over who takes breaks: free the current break-takers and a few
        of their partners, keep everyone else break-free, and re-solve from the best schedule."""
        rng = random.Random(self.config.seed)
        step = 0
        while best.value is not None and best.value > proven:
            left = deadline - time.monotonic()
            if left < _MOVE_SECONDS * 2:
                return
            takers = break_takers(light, best.slots)
            near = sorted(partners(light, takers) - takers)
            free = frozenset(takers | set(rng.sample(near, min(_MOVE_FREE, len(near)))))
            # Steps alternate between the two models: each finds what the other misses.
            sm = self.sm if step % 2 else light
            expr = sm.breaks_objective
            if sm is light:
                model = restricted(light, free)
            else:
                model = sm.model.clone()
                for p, has_break in sm.has_break.items():
                    if p not in free:
                        model.add(has_break == 0)
            model.add(expr >= proven)
            model.add(expr <= best.value)
            model.minimize(expr)
            hint(model, sm, best.slots)
            status, solver = self._solve(
                model, _MOVE_SECONDS, expr, proven, step + 1, TARGET_SUBSOLVERS
            )
            step += 1
            if status in (Status.OPTIMAL, Status.FEASIBLE):
                value = round(solver.value(expr))
                if value <= best.value:
                    best.slots, best.value = sm.read_slots(solver), value
            best.log.append({"name": "move-breaks", "status": str(status), "value": best.value})

    def _fallback(self, best: StageResult, light, deadline: float) -> None:
        """Find a schedule with the light model, then improve it, strong model first.

        The light model's first schedule comes from randomised heuristics with heavy-tailed run
        times (0.2 s with one seed, over 3 s with another), so short runs restart with fresh
        seeds. From that schedule as a hint, the strong model's neighbourhood search improves
        faster (forumt-14crafe: 8 breaks against 16 in 5 s); the light one finishes the job. The
        strong model needs a few seconds of warm-up, so with less left the light one does it all.
        """
        fallback = type(self)(light, self.config, self.started)
        self._first_schedule(best, light, deadline)
        if best.slots is None:
            return
        left = deadline - time.monotonic()
        if left > _STRONG_IMPROVE:
            self.sm.hint(best.slots)
            improved = self.run("breaks-improve", self.sm.breaks_objective, False, left * 0.6)
            self._keep(best, improved)
        light.hint(best.slots)
        left = deadline - time.monotonic()
        if left > 0.05:
            self._keep(best, fallback.run("breaks-light", light.breaks_objective, False, left))

    def _first_schedule(self, best: StageResult, light, deadline: float) -> None:
        """Unless ``best`` has a schedule, find one with the light model in restarted runs; when
        it proves there is none (the light model keeps every rule), ``best`` becomes infeasible.
        """
        fallback = type(self)(light, self.config, self.started)
        seconds, attempt = _RESTART, 0
        while best.value is None and deadline - time.monotonic() > 0.05:
            left = deadline - time.monotonic()
            # No restart when the next run could not be longer than this one: the time left in
            # one run (ticf-13crafb: a first schedule takes 0.5 to 0.85 s with two workers; with
            # 1.2 s left, two runs of 0.6 s found none).
            budget = left if left < seconds * 2.5 else seconds
            found = fallback.run("breaks-light", light.breaks_objective, False, budget, attempt)
            self._keep(best, found)
            if found.status == Status.INFEASIBLE:
                best.status = Status.INFEASIBLE
                return
            seconds, attempt = seconds * 1.5, attempt + 1

    @staticmethod
    def _keep(best: StageResult, found: StageResult) -> None:
        best.log += found.log
        if found.value is not None and best.above(found.value):
            best.slots, best.value = found.slots, found.value


def break_takers(sm, slots: dict[int, int]) -> set[int]:
    """Participants with at least one break in ``slots`` (a schedule of every meeting)."""
    return {p for p, ms in sm.of.items() if participant_breaks(slots[i] for i in ms)}


def partners(sm, people: set[int]) -> set[int]:
    """``people`` and everyone who has a meeting with one of them."""
    meetings = sm.instance.meetings
    return {q for p in people for i in sm.of[p] for q in (meetings[i].a, meetings[i].b)}


def hint(model: cp_model.CpModel, sm, slots: dict[int, int]) -> None:
    """Hint a slot per meeting on ``model``, a clone of ``sm.model``."""
    model.clear_hints()
    for (i, t), var in sm.x.items():
        model.add_hint(var, slots.get(i) == t)

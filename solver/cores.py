"""Cores of the window model: groups of participants of whom some must take a break.

The window model (``solver.takers.WindowRelaxation``) with everybody in one window, asked as
assumptions "p takes no break", is infeasible when breaks are unavoidable; CP-SAT then names a
subset of the assumptions that is infeasible on its own, a core: at least one of its participants
takes a break in every schedule. Asking again for all members but one yields more cores inside the
first, and the fewest participants that meet all cores inside a group is a lower bound on the
break-takers in it.

B2B benchmark (ticf-13crafb, forum-13crafb): the first core, in 0.06 s, is 9 participants; without
one of 8 of them the other 7 are a core, so two of those 8 take breaks (all in 0.6 s). The light
model restricted to the first core with that count as a constraint (``CoresStep``) finds
ticf-13crafb's optimum of 3, which no other step reaches within 10 s (without the count: one seed
in 12.6 s). forum-13crafb has three forced break-takers besides, and that search finds nothing
there within 15 s; the step runs only when nobody is forced. Its cores count two break-takers
among 8 (a bound of 5 with the forced ones; its optimum is 6, with 18, 19 and 36 of the core).
Even told those six (``restricted``), the light model needs 2.2 to 10 s with one worker (seven
seeds; 8 to 14 s with three when each must take exactly one break, ``one_break``): naming the
takers is not enough to reach that optimum within a 10 s limit.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from solver.solving import FOUND, STATUS, cp_solver, race, racing_seeds
from solver.takers import restricted

if TYPE_CHECKING:
    from solver.search import StageResult
    from solver.takers import WindowRelaxation

# Work per core, in CP-SAT's deterministic time, so that the cores found do not depend on the
# machine's speed or load: on the B2B benchmark each core takes 0.035 to 0.044 (0.08 to 0.16 s
# on one machine, 0.06 s on another, where a wall-clock limit of 0.15 s lost some of them and
# changed the search that follows); without a core 0.12 lasts 0.26 to 0.34 s. The wall-clock
# limit only guards against a machine many times slower.
_CORE_WORK = 0.12
_CORE_SECONDS = 1.0
# Larger first cores are not searched further (tic-13crafc: 41 of 45 participants).
CORE_MAX = 12


def core(relaxation: WindowRelaxation, windowed: frozenset[int] | None = None):
    """A core among ``windowed`` (everybody but the forced break-takers when None): a subset of
    them that cannot all meet in one window each, whatever everybody else does; None when none is
    found within ``_CORE_WORK``."""
    model = relaxation.base.model.clone()
    assumed = {
        p: var.Not()
        for p, var in relaxation.taker.items()
        if (p in windowed if windowed is not None else p not in relaxation.forced)
    }
    model.add_assumptions(list(assumed.values()))
    solver = cp_solver(_CORE_SECONDS, 1, 0)
    solver.parameters.max_deterministic_time = _CORE_WORK
    # Without presolve the core comes from the assumptions as given, and faster (0.06 s, not 0.24).
    solver.parameters.cp_model_presolve = False
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    owner = {literal.index: p for p, literal in assumed.items()}
    return frozenset(owner[i] for i in solver.sufficient_assumptions_for_infeasibility())


def family(relaxation: WindowRelaxation, workers: int = 1) -> list[frozenset[int]]:
    """The first core and, when it is small, the cores inside it without one of its members
    (everybody outside it may then take breaks), ``workers`` of those at once; the same cores in
    the same order however many (each under a deterministic work limit)."""
    first = core(relaxation)
    if first is None:
        return []
    cores = [first]
    if len(first) <= CORE_MAX:
        with ThreadPoolExecutor(max(1, workers)) as pool:
            inner = pool.map(lambda p: core(relaxation, first - {p}), sorted(first))
            for found in inner:
                if found is not None and found not in cores:
                    cores.append(found)
    return cores


def fewest_meeting_all(cores: list[frozenset[int]]) -> int:
    """The fewest participants that include a member of every core (brute force: small cores)."""
    people = sorted(frozenset().union(*cores))
    for size in range(len(people) + 1):
        if any(all(c.intersection(chosen) for c in cores) for chosen in combinations(people, size)):
            return size
    return len(people)


def count_cut(cores: list[frozenset[int]]) -> tuple[frozenset[int], int] | None:
    """A group inside the first core and how many of its members take breaks at least, by the
    cores inside it; members are dropped while the count stays (a tighter constraint). None when
    the first core is too large or the count is below two (one is what the core says anyway)."""
    group = cores[0] if cores else frozenset()
    if not group or len(group) > CORE_MAX:
        return None

    def count(members: frozenset[int]) -> int:
        inside = [c for c in cores if c <= members]
        return fewest_meeting_all(inside) if inside else 0

    need = count(group)
    if need < 2:
        return None
    for p in sorted(group):
        if count(group - {p}) == need:
            group = group - {p}
    return group, need


class CoresStep:
    """Mixin of ``solver.search.Runner``: ``self.config`` and ``self._report`` come from it."""

    def _cores(self, best: StageResult, light, relaxation, share: float) -> int:
        """With nobody forced to take a break, ask the window model's cores (``solver.cores``)
        how many must; when two or more of a group, search the light model restricted to the
        first core, with that count as a constraint, for "breaks <= B" from that count up while
        proven impossible there (a heuristic: others may take breaks too).

        B2B benchmark, ticf-13crafb: cores in 0.6 s, "<= 2" impossible in 0.5 s, its optimum of 3
        with all twelve seeds tried, 2.8 to 7.0 s into the solve, where no other step finds it
        within 10 s.
        Returns the proven lower bound on breaks: the count, else 1.
        """
        started = time.monotonic()
        deadline = started + share
        cores = family(relaxation, self.config.workers)
        cut = count_cut(cores)
        need = 1 if cut is None else cut[1]
        summary = {"name": "cores", "cores": len(cores), "bound": need, "seconds": 0.0}
        best.log.append(summary)
        if cut is not None:
            counted = restricted(light, cores[0])
            counted.add(sum(light.breaks[p] for p in cut[0]) >= need)
        seeds = racing_seeds(self.config.seed, self.config.workers)
        bound, expr = need, light.breaks_objective
        while cut is not None and best.above(bound) and deadline - time.monotonic() > 0.05:
            model = counted.clone()
            model.add(expr <= bound)
            step = time.monotonic()
            code, solver = race(model, deadline - step, seeds)
            seconds = round(time.monotonic() - step, 3)
            entry = {"name": f"cores<={bound}", "status": str(STATUS[code]), "seconds": seconds}
            best.log.append(entry)
            if code in FOUND:
                best.slots, best.value = light.read_slots(solver), round(solver.value(expr))
                self._report(best, need)
            elif code != cp_model.INFEASIBLE:
                break
            bound += 1
        summary["seconds"] = round(time.monotonic() - started, 3)
        return need

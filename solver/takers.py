"""Who takes breaks: a window relaxation of the breaks stage.

A participant without a break meets in one window of consecutive slots exactly as long as their
meetings. The relaxation gives every participant either such a window (one start flag per
possible first slot, covering exactly their busy slots) or marks them as a break-taker, free of
any window, and minimises the break-takers. Every break-taker of a schedule has at least one break,
so the minimum is a lower bound on total breaks, and a relaxed schedule names few candidates.

On the B2B benchmark the relaxed schedules name few candidates: on tic-13crafc, whose optimum
has 4 break-takers, 4 to 7 within 3.7 s (six seeds; it proves no bound there within 6 s), and
the model restricted to its candidates (nobody else may take a break) finds schedules with a few
breaks where the whole model finds dozens (ticf-13crafc 4 against 42, forum-14 4 against 109).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ortools.sat.python import cp_model

from solver.breaks import add_blocks
from solver.solving import SolveGroup, cp_solver

if TYPE_CHECKING:
    from solver.model import ScheduleModel


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
        self.base = base
        self.taker: dict[int, cp_model.IntVar] = {}
        for p, meetings in base.of.items():
            if len(meetings) >= 2:
                self.taker[p] = base.model.new_bool_var(f"taker{p}")
        # Participants without any window that fits their meetings: break-takers in every schedule.
        self.forced = add_windows(base, base.model, self.taker)

    def zero(self, seconds: float, workers: int, seed: int = 0, subsolvers=()) -> Takers:
        """Look for a schedule without any break: everybody meets in one window.

        A plain feasibility model, and an easy one for CP-SAT's search without LP: on the B2B
        benchmark (seed 0) it finds such a schedule or proves there is none within 3.2 s on all 20
        instances (ticf-14crafa: its optimum of 0 in 3.2 s, which neither the strong model's
        target nor the relaxation's minimisation reaches in 10 s); proofs take under 0.2 s.
        Returns the bound 0 with the schedule; without one the proven lower bound on breaks:
        the number of forced break-takers (then nothing is solved), 1 when there is no such
        schedule, 0 when the time ran out.
        """
        if self.forced:
            return Takers(len(self.forced))
        model = self.base.model.clone()
        for var in self.taker.values():
            model.add(var == 0)
        code, solver = _solve(model, seconds, workers, seed, subsolvers)
        if code == cp_model.INFEASIBLE:
            return Takers(1)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Takers(0, True, frozenset(), self.base.read_slots(solver))
        return Takers(0)

    def solve(self, seconds: float, workers: int, seed: int = 0) -> Takers:
        model = self.base.model.clone()
        model.minimize(sum(self.taker.values()))
        code, solver = _solve(model, seconds, workers, seed)
        if code == cp_model.INFEASIBLE:
            # No schedule at all; the caller's own search reports that.
            return Takers(0)
        bound = max(0, round(solver.best_objective_bound))
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Takers(bound)
        chosen = frozenset(p for p, var in self.taker.items() if solver.boolean_value(var))
        return Takers(bound, code == cp_model.OPTIMAL, chosen, self.base.read_slots(solver))


def _solve(model, seconds: float, workers: int, seed: int, subsolvers=()):
    solver = cp_solver(seconds, workers, seed, subsolvers)
    return solver.solve(model), solver


def add_windows(
    sm: ScheduleModel,
    model: cp_model.CpModel,
    takers: dict[int, cp_model.IntVar],
) -> frozenset[int]:
    """Give each participant of ``sm`` with two or more meetings one window of consecutive busy
    slots, exactly as long as their meetings, unless their ``takers`` flag is set; those missing
    from ``takers`` get a window for sure. ``model`` is ``sm.model`` or a clone of it. Returns
    the participants for whom no window fits (see ``fits``): they take breaks in any schedule.

    Implied: the windows are intervals, and all participants together fill at most two seats per
    table and slot; the cumulative propagator sees where windows crowd (forum-14: the optimum of 2
    break-takers in under 3 s, against 5 after 10 s without it).
    """
    inst = sm.instance
    intervals = []
    forced = set()
    for p, meetings in sm.of.items():
        deg = len(meetings)
        if deg < 2:
            continue
        busy = [sm.busy.get((p, t)) for t in range(inst.slots)]
        starts = {k: model.new_bool_var(f"win{p}_{k}") for k in window_starts(sm)[p]}
        if not starts:
            forced.add(p)
        taker = takers.get(p)
        # Exactly one window unless p takes breaks.
        model.add(sum(starts.values()) + (0 if taker is None else taker) == 1)
        for t, var in enumerate(busy):
            if var is None:
                continue
            cover = sum(s for k, s in starts.items() if k <= t < k + deg)
            equal = model.add(var == cover)
            if taker is not None:
                equal.only_enforce_if(taker.Not())
        if not starts or inst.booths:
            continue
        first = model.new_int_var(0, inst.slots - deg, f"first{p}")
        model.add(first == sum(k * s for k, s in starts.items()))
        present = 1 if taker is None else taker.Not()
        intervals.append(model.new_optional_fixed_size_interval_var(first, deg, present, ""))
    if intervals:
        model.add_cumulative(intervals, [1] * len(intervals), 2 * inst.tables)
    return frozenset(forced)


# Window starts per model: the matchings are most of the time to build a restricted model, which
# the break-moving steps do every half second (forum-14: 50 of 67 ms).
_STARTS: WeakKeyDictionary[ScheduleModel, dict[int, list[int]]] = WeakKeyDictionary()


def window_starts(sm: ScheduleModel) -> dict[int, list[int]]:
    """First slots of the windows that fit, per participant with two or more meetings."""
    if sm not in _STARTS:
        slots = sm.instance.slots
        _STARTS[sm] = {
            p: [
                k
                for k in range(slots - len(meetings) + 1)
                if all((p, t) in sm.busy for t in range(k, k + len(meetings))) and fits(sm, p, k)
            ]
            for p, meetings in sm.of.items()
            if len(meetings) >= 2
        }
    return _STARTS[sm]


def fits(sm: ScheduleModel, p: int, first: int) -> bool:
    """Whether all meetings of ``p`` can take the window of slots from ``first`` on, one per slot:
    a perfect matching of meetings to window slots, each meeting to a slot it may take (its
    session and both participants' availability). A start without one is no window at all.
    """
    window = range(first, first + len(sm.of[p]))
    holder: dict[int, int] = {}  # slot -> meeting

    def place(i: int, seen: set[int]) -> bool:
        # Augmenting path from meeting i (Kuhn's algorithm; at most a few dozen meetings).
        for t in window:
            if (i, t) in sm.x and t not in seen:
                seen.add(t)
                if t not in holder or place(holder[t], seen):
                    holder[t] = i
                    return True
        return False

    return all(place(i, set()) for i in sm.of[p])


def restricted(
    light: ScheduleModel, candidates: frozenset[int], one_break: frozenset[int] = frozenset()
) -> cp_model.CpModel:
    """A clone of the light model in which nobody outside ``candidates`` takes a break, and
    those of them in ``one_break`` take exactly one (``one_break`` is part of ``candidates``).

    Everyone else meets in one window, so the light model's break count is exact and small, and
    the window rules propagate where its start flags alone do not (B2B benchmark, the strong model
    restricted the same way: forum-14 3 breaks in 5 s, this one its optimum of 2 in 2.6 s).
    """
    model = light.model.clone()
    takers = {}
    for p in candidates:
        if len(light.of[p]) >= 2:
            # A candidate without breaks meets in one window too (tic-13crafc: the optimum of 4
            # in 0.3 s, not within 3 s when candidates have no window rules at all).
            takers[p] = taker = model.new_bool_var(f"taker{p}")
            model.add(light.breaks[p] >= 1).only_enforce_if(taker)
            model.add(light.breaks[p] == 0).only_enforce_if(taker.Not())
    add_windows(light, model, takers)
    for p in one_break:
        # After the windows: with the blocks first, CP-SAT's search was slower (48 of ticf-13crafc
        # undecided in 5 s, against 1 s).
        if p not in takers:
            model.add_bool_or([])  # fewer than two meetings: no break possible
            continue
        model.add(takers[p] == 1)
        _add_two_blocks(light, model, p)
    return model


def _add_two_blocks(light: ScheduleModel, model: cp_model.CpModel, p: int) -> None:
    """``p``'s busy slots are exactly two blocks of consecutive slots with a gap between them:
    one break, no more. One flag per block that fits (first slot, length).

    B2B benchmark, ticf-13crafc, one worker per candidate, three seeds: a candidate who can be the
    one break-taker is found in 0.4 to 1.5 s (48: 0.5 to 0.75 s), against 1.5 to 3.3 s (48: 2.8
    to 3.1 s) with the start flags alone; one who cannot is proven so as fast (52: 0.8 to 0.9 s).
    The whole solve reached its optimum of 1 with 8 of 8 seeds, against 2 of 6 (the candidates
    who can be it needed more than the first round's 1.5 s each).
    """
    deg = len(light.of[p])
    slots = [t for t in range(light.instance.slots) if (p, t) in light.busy]
    blocks = add_blocks(model, light.busy, p, slots, deg - 1, pairwise=True)
    model.add(sum(b for _, _, b in blocks) == 2)
    model.add(sum(length * b for _, length, b in blocks) == deg)


class ExtraTaker:
    """Test candidates for the one participant who takes a break besides the ``forced`` ones,
    with ``bound`` (one above the forced count) on the light model's total breaks.

    One candidate's model is the light model restricted to the forced takers and them
    (``restricted``). ``test`` is safe to call from several threads, each solve using one CP-SAT
    worker: a worker per candidate finds about as fast as two (B2B benchmark, ticf-13crafc), so
    parallel candidates double the pace. The first schedule found stops the other solves.
    """

    def __init__(self, light: ScheduleModel, forced: frozenset[int], bound: int, seed: int):
        self.light, self.forced, self.bound, self.seed = light, forced, bound, seed
        self.group = SolveGroup()
        window_starts(light)  # computed here, before threads read the cache

    @property
    def found(self) -> bool:
        return self.group.winner is not None

    def schedule(self) -> tuple[dict[int, int], int]:
        """The schedule found (meeting -> slot) and its breaks."""
        winner = self.group.winner
        return self.light.read_slots(winner), round(winner.value(self.light.breaks_objective))

    def test(self, q: int, seconds: float, deadline: float) -> int:
        """Solve candidate ``q``'s model for at most ``seconds``, ending by ``deadline``; returns
        the CP-SAT status (UNKNOWN when skipped: a schedule was found or the time is up)."""
        seconds = min(seconds, deadline - time.monotonic())
        if self.found or seconds < 0.05:
            return cp_model.UNKNOWN
        # Without forced takers, q is the one (nobody meets without a break: the caller's proof).
        one = frozenset() if self.forced else frozenset({q})
        model = restricted(self.light, self.forced | {q}, one)
        model.add(self.light.breaks_objective <= self.bound)
        return self.group.solve(cp_solver(seconds, 1, self.seed), model)


def applies(sm: ScheduleModel) -> bool:
    """Whether the relaxation is valid: every meeting is scheduled, so windows have fixed length."""
    return len(sm.required) == len(sm.instance.meetings)

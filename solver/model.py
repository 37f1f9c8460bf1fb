"""The CP-SAT model of an instance (``ScheduleModel``): slot variables, hard rules, objectives.

The model only decides slots (per-slot capacity stands in for tables); ``solver.schedule`` solves
its lexicographic stages and ``solver.tables`` assigns concrete tables afterwards.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from solver.breaks import BreakRules
from solver.schema import Instance
from solver.validate import pair_limit, required

# A participant's first meetings earn this tie-break bonus in select mode (see _add_weight).
FAIR_SHARE = 3


class ScheduleModel(BreakRules):
    """Build the CP-SAT model of an instance: slot variables, hard rules and objective terms.

    ``strong`` adds the block encoding of breaks and implied constraints (tight, good with a
    target on breaks); without it breaks are counted by start flags, a light model in which
    CP-SAT finds some schedule quickly. Without ``breaks`` the model has no break variables at
    all (a base for relaxations such as ``solver.takers``).
    """

    def __init__(self, instance: Instance, strong: bool = True, breaks: bool = True) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.of: dict[int, list[int]] = defaultdict(list)  # participant -> meeting ids
        for i, m in enumerate(instance.meetings):
            self.of[m.a].append(i)
            self.of[m.b].append(i)
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.required: set[int] = set()  # meetings scheduled in every solution
        self.sched: dict[int, cp_model.IntVar] = {}
        self.busy: dict[tuple[int, int], cp_model.IntVar] = {}
        self.breaks: dict[int, cp_model.IntVar] = {}
        self.has_break: dict[int, cp_model.IntVar] = {}
        self.windows: dict[int, tuple[list, list]] = {}  # p -> (has met by t, meets from t on)
        # participant -> (first slot, length, presence) of each possible busy block
        self.blocks: dict[int, list[tuple[int, int, cp_model.IntVar]]] = {}
        self._add_variables()
        self._add_one_slot_per_meeting()
        self._add_participant_once_per_slot()
        self._add_table_capacity()
        self._add_fixed_and_locked()
        self._add_precedences()
        self._add_max_meetings()
        self._add_pair_once()
        self.breaks_lower_bound = 0
        if not breaks:
            pass
        elif strong:
            self._add_block_breaks()
            self._add_all_different()
            self._add_windows()
            self._add_busy_profile()
            self._add_time_reversal_symmetry()
            self.breaks_lower_bound = self._add_forced_breaks()
        else:
            self._add_start_breaks()
        self._add_fairness()
        self.weight_objective = self._add_weight()
        self.breaks_objective = sum(self.breaks.values())
        self.changes_objective = self._add_changes()

    def _add_variables(self) -> None:
        inst = self.instance
        for i in range(len(inst.meetings)):
            # Mandatory and locked meetings are scheduled even in select mode.
            if required(inst, i):
                self.required.add(i)
            must = i in self.required
            self.sched[i] = self.model.new_constant(1) if must else self.model.new_bool_var("")
            for t in inst.allowed_slots(i):
                self.x[i, t] = self.model.new_bool_var(f"x{i}_{t}")

    def _slots(self, meeting: int) -> list[int]:
        return [t for t in range(self.instance.slots) if (meeting, t) in self.x]

    def _add_one_slot_per_meeting(self) -> None:
        # A scheduled meeting takes exactly one of its allowed slots.
        for i in range(len(self.instance.meetings)):
            self.model.add(sum(self.x[i, t] for t in self._slots(i)) == self.sched[i])

    def _add_participant_once_per_slot(self) -> None:
        # busy[p, t] is the number (0 or 1) of p's meetings in slot t.
        for p in range(self.instance.participants):
            for t in range(self.instance.slots):
                terms = [self.x[i, t] for i in self.of[p] if (i, t) in self.x]
                if terms:
                    self.busy[p, t] = self.model.new_bool_var(f"busy{p}_{t}")
                    self.model.add(sum(terms) == self.busy[p, t])

    def _add_table_capacity(self) -> None:
        # Booth meetings use their own booth; all others share the remaining tables.
        inst = self.instance
        shared = inst.tables - len(set(inst.booths.values()))
        for t in range(inst.slots):
            terms = [
                self.x[i, t]
                for i, m in enumerate(inst.meetings)
                if (i, t) in self.x and m.a not in inst.booths and m.b not in inst.booths
            ]
            if len(terms) > shared:
                self.model.add(sum(terms) <= shared)

    def _add_fixed_and_locked(self) -> None:
        # A fixed or locked meeting, when scheduled, takes its given slot.
        pinned = dict(self.instance.fixed)
        pinned.update({i: slot for i, (slot, _) in self.instance.locked.items()})
        for i, slot in pinned.items():
            if (i, slot) in self.x:
                self.model.add(self.x[i, slot] == self.sched[i])
            else:
                self.model.add(self.sched[i] == 0)

    def _slot_expr(self, meeting: int) -> cp_model.LinearExpr:
        return sum(t * self.x[meeting, t] for t in self._slots(meeting))

    def _add_precedences(self) -> None:
        # When both are scheduled, an earlier meeting takes a strictly earlier slot.
        for later, earlier in self.instance.precedences.items():
            for e in earlier:
                both = [self.sched[later], self.sched[e]]
                self.model.add(self._slot_expr(e) + 1 <= self._slot_expr(later)).only_enforce_if(
                    both
                )

    def _add_max_meetings(self) -> None:
        # A participant takes part in at most their maximum number of meetings.
        for p, limit in self.instance.max_meetings.items():
            self.model.add(sum(self.sched[i] for i in self.of[p]) <= limit)

    def _add_pair_once(self) -> None:
        # Two participants meet at most once, however many requests name the pair, unless the
        # instance requires more of their meetings (a benchmark may list a pair twice).
        pairs: dict[frozenset[int], list[int]] = defaultdict(list)
        for i, m in enumerate(self.instance.meetings):
            pairs[frozenset((m.a, m.b))].append(i)
        for ids in pairs.values():
            allowed = pair_limit(self.instance, ids)
            if len(ids) > allowed:
                self.model.add(sum(self.sched[i] for i in ids) <= allowed)

    def _add_fairness(self) -> None:
        # Breaks of any two participants differ by at most the fairness bound.
        d = self.instance.fairness
        if d is None or not self.breaks:
            return
        if len(self.breaks) < self.instance.participants:
            # Someone without possible meetings has zero breaks, so everybody gets at most d.
            for b in self.breaks.values():
                self.model.add(b <= d)
            return
        low = self.model.new_int_var(0, self.instance.slots, "lowest_breaks")
        for b in self.breaks.values():
            self.model.add(low <= b)
            self.model.add(b <= low + d)

    def _add_weight(self) -> cp_model.LinearExpr:
        # Select mode: weight first; among equal weights, a participant's j-th meeting (j <
        # FAIR_SHARE) earns a bonus of FAIR_SHARE - j, a concave utility that prefers giving
        # someone their first meeting over someone else their third, so nobody is starved to
        # favour heavy requesters. All bonuses together stay below one unit of weight.
        inst = self.instance
        if not inst.select:
            return 0
        bonus = []
        for p in range(inst.participants):
            count = sum(self.sched[i] for i in self.of[p])
            got = [
                self.model.new_bool_var(f"got{p}_{j}")
                for j in range(min(FAIR_SHARE, len(self.of[p])))
            ]
            for j, flag in enumerate(got):
                self.model.add(count >= j + 1).only_enforce_if(flag)
                bonus.append((FAIR_SHARE - j) * flag)
        scale = FAIR_SHARE * (FAIR_SHARE + 1) // 2 * inst.participants + 1
        weight = sum(m.weight * self.sched[i] for i, m in enumerate(inst.meetings))
        return scale * weight + sum(bonus)

    def _add_changes(self) -> cp_model.LinearExpr:
        # A meeting of the previous schedule counts as changed unless it keeps its slot.
        kept = [
            self.x[i, slot]
            for i, (slot, _) in self.instance.previous.items()
            if (i, slot) in self.x
        ]
        return len(self.instance.previous) - sum(kept)

    def hint(self, slots: dict[int, int]) -> None:
        """Hint a slot per scheduled meeting (others unscheduled)."""
        self.model.clear_hints()
        for (i, t), var in self.x.items():
            self.model.add_hint(var, slots.get(i) == t)

    def read_slots(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """Return meeting -> slot of the solver's current solution."""
        return {i: t for (i, t), var in self.x.items() if solver.boolean_value(var)}

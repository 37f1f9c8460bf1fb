"""Mutable schedule state for the large-instance heuristics: constant-time feasibility checks.

Slots are kept as bitmasks per participant, so "both free and allowed" is one AND. Tables are
counted per slot (booth meetings use their owner's booth and count against no ordinary table) and
numbered only at the end by ``assignments()``.
"""

from __future__ import annotations

from collections import defaultdict

from solver.schema import Assignment, Instance
from solver.validate import pair_limit


def mask_breaks(mask: int) -> int:
    """Count breaks of a participant whose busy slots are the set bits of ``mask``."""
    runs = (mask & ~(mask << 1)).bit_count()
    return runs - 1 if runs else 0


def bits(mask: int) -> list[int]:
    """Return the positions of the set bits of ``mask``, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class Placement:
    """Which meetings take place in which slot, with the counters every check needs."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        n_slots = instance.slots
        n_meetings = len(instance.meetings)
        self.a = [m.a for m in instance.meetings]
        self.b = [m.b for m in instance.meetings]
        self.weight_of = [m.weight for m in instance.meetings]
        self.slot = [-1] * n_meetings
        self.busy = [0] * instance.participants
        self.count = [0] * instance.participants
        self.limit = [instance.max_meetings.get(p, n_slots) for p in range(instance.participants)]
        self.incident: list[list[int]] = [[] for _ in range(instance.participants)]
        for m, (a, b) in enumerate(zip(self.a, self.b, strict=True)):
            self.incident[a].append(m)
            self.incident[b].append(m)
        owners = instance.booths
        self.booth = [a in owners or b in owners for a, b in zip(self.a, self.b, strict=True)]
        booth_tables = set(instance.booths.values())
        self.free_tables = [instance.tables - len(booth_tables)] * n_slots
        self.open_mask = 0  # slots with an ordinary table left
        self.movable = [m not in instance.locked for m in range(n_meetings)]
        self.allowed = []
        for m in range(n_meetings):
            mask = sum(1 << t for t in instance.allowed_slots(m))
            if m in instance.fixed:
                mask &= 1 << instance.fixed[m]
            if m in instance.precedences.get(m, ()):
                mask = 0  # it would have to come before itself
            self.allowed.append(mask)
        self.before = {m: tuple(e) for m, e in instance.precedences.items()}
        self.after: dict[int, list[int]] = defaultdict(list)
        for m, earlier in instance.precedences.items():
            for e in earlier:
                self.after[e].append(m)
        groups: dict[frozenset[int], list[int]] = defaultdict(list)
        for m, (a, b) in enumerate(zip(self.a, self.b, strict=True)):
            groups[frozenset((a, b))].append(m)
        self.pair_group = [-1] * n_meetings
        # Meetings placed per pair group, and how many it may have (see pair_limit).
        self.group_used: list[int] = []
        self.group_limit: list[int] = []
        for group in groups.values():
            if len(group) > 1:
                for m in group:
                    self.pair_group[m] = len(self.group_used)
                self.group_used.append(0)
                self.group_limit.append(pair_limit(instance, group))
        self.weight = 0
        self.scheduled = 0
        for m, (t, _table) in instance.locked.items():
            self.place(m, t)
        for t in range(n_slots):
            if self.free_tables[t] > 0:
                self.open_mask |= 1 << t

    # --- checks -------------------------------------------------------------------------------

    def free_mask(self, m: int) -> int:
        """Return the slots where unscheduled meeting ``m`` could go now (ignoring precedences)."""
        mask = self.allowed[m] & ~self.busy[self.a[m]] & ~self.busy[self.b[m]]
        return mask if self.booth[m] else mask & self.open_mask

    def can_add(self, m: int) -> bool:
        """Tell whether unscheduled ``m`` fits its participants' limits and pair uniqueness."""
        a, b = self.a[m], self.b[m]
        if self.count[a] >= self.limit[a] or self.count[b] >= self.limit[b]:
            return False
        group = self.pair_group[m]
        return group < 0 or self.group_used[group] < self.group_limit[group]

    def precedence_ok(self, m: int, t: int) -> bool:
        """Tell whether slot ``t`` for ``m`` respects precedences with scheduled meetings."""
        for e in self.before.get(m, ()):
            if self.slot[e] >= t:
                return False
        return all(self.slot[e] < 0 or self.slot[e] > t for e in self.after.get(m, ()))

    # --- moves --------------------------------------------------------------------------------

    def place(self, m: int, t: int) -> None:
        """Schedule ``m`` in slot ``t`` (the caller has checked feasibility)."""
        bit = 1 << t
        self.slot[m] = t
        for p in (self.a[m], self.b[m]):
            self.busy[p] |= bit
            self.count[p] += 1
        if not self.booth[m]:
            self.free_tables[t] -= 1
            if self.free_tables[t] <= 0:
                self.open_mask &= ~bit
        if self.pair_group[m] >= 0:
            self.group_used[self.pair_group[m]] += 1
        self.weight += self.weight_of[m]
        self.scheduled += 1

    def remove(self, m: int) -> int:
        """Unschedule ``m`` and return the slot it had."""
        t = self.slot[m]
        bit = 1 << t
        self.slot[m] = -1
        for p in (self.a[m], self.b[m]):
            self.busy[p] &= ~bit
            self.count[p] -= 1
        if not self.booth[m]:
            self.free_tables[t] += 1
            if self.free_tables[t] > 0:
                self.open_mask |= bit
        if self.pair_group[m] >= 0:
            self.group_used[self.pair_group[m]] -= 1
        self.weight -= self.weight_of[m]
        self.scheduled -= 1
        return t

    def partner(self, m: int, p: int) -> int:
        """Return the other participant of meeting ``m``, one of whose participants is ``p``."""
        return self.b[m] if self.a[m] == p else self.a[m]

    def breaks_of(self, participants) -> int:
        """Return the total breaks of the given participants."""
        return sum(mask_breaks(self.busy[p]) for p in participants)

    def total_breaks(self) -> int:
        """Return the total breaks of all participants."""
        return self.breaks_of(range(self.instance.participants))

    def meeting_at(self, p: int, t: int) -> int:
        """Return the meeting participant ``p`` has in slot ``t`` (-1 if none)."""
        for m in self.incident[p]:
            if self.slot[m] == t:
                return m
        return -1

    def assignments(self) -> tuple[Assignment, ...]:
        """Number the tables: locked meetings keep theirs, booths go to booths, others fill up."""
        instance = self.instance
        booth_tables = set(instance.booths.values())
        taken: dict[int, set[int]] = defaultdict(set)
        out = []
        for m, (t, table) in instance.locked.items():
            taken[t].add(table)
            out.append(Assignment(m, t, table))
        by_slot: dict[int, list[int]] = defaultdict(list)
        for m, t in enumerate(self.slot):
            if t >= 0 and m not in instance.locked:
                by_slot[t].append(m)
        ordinary = [x for x in range(instance.tables) if x not in booth_tables]
        for t, meetings in by_slot.items():
            free = iter(x for x in ordinary if x not in taken[t])
            for m in meetings:
                if self.booth[m]:
                    owner = self.a[m] if self.a[m] in instance.booths else self.b[m]
                    table = instance.booths[owner]
                else:
                    table = next(free)
                out.append(Assignment(m, t, table))
        return tuple(sorted(out, key=lambda x: x.meeting))

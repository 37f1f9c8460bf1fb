"""Assign concrete tables to a slot schedule, keeping participants at the same table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

from solver.schema import Assignment, Instance

# Score of a table for a meeting: keeping the previous plan beats following a participant.
_STAY = 2
_PREVIOUS = 10


def assign_tables(
    instance: Instance, slots: Mapping[int, int], keep_together: bool = True
) -> list[Assignment]:
    """Give each scheduled meeting a table: locked first, booths next, the rest by best match."""
    booth_tables = set(instance.booths.values())
    by_slot: dict[int, list[int]] = defaultdict(list)
    for meeting, slot in slots.items():
        by_slot[slot].append(meeting)
    last_table: dict[int, int] = {}  # participant -> table of their latest meeting so far
    out: list[Assignment] = []
    for slot in sorted(by_slot):
        taken: dict[int, int] = {}  # meeting -> table
        free_meetings = []
        for meeting in sorted(by_slot[slot]):
            m = instance.meetings[meeting]
            if meeting in instance.locked:
                taken[meeting] = instance.locked[meeting][1]
            elif m.a in instance.booths or m.b in instance.booths:
                owner = m.a if m.a in instance.booths else m.b
                taken[meeting] = instance.booths[owner]
            else:
                free_meetings.append(meeting)
        used = set(taken.values())
        tables = [k for k in range(instance.tables) if k not in used and k not in booth_tables]
        if len(tables) < len(free_meetings):
            raise ValueError(f"slot {slot} has more meetings than free tables")
        if free_meetings:
            score = np.zeros((len(free_meetings), len(tables)))
            for r, meeting in enumerate(free_meetings):
                m = instance.meetings[meeting]
                for c, k in enumerate(tables):
                    if keep_together:
                        score[r, c] += _STAY * sum(last_table.get(p) == k for p in (m.a, m.b))
                    if instance.previous.get(meeting) == (slot, k):
                        score[r, c] += _PREVIOUS
            rows, cols = linear_sum_assignment(score, maximize=True)
            taken.update({free_meetings[r]: tables[c] for r, c in zip(rows, cols, strict=True)})
        for meeting, table in sorted(taken.items()):
            m = instance.meetings[meeting]
            last_table[m.a] = last_table[m.b] = table
            out.append(Assignment(meeting, slot, table))
    return out

"""Repair an agenda after late changes without moving anyone who can stay.

Keeps every meeting of the previous agenda that is still allowed where it is, then inserts other
candidates (heaviest first) into slots where both participants are free, preferring slots next
to their other meetings so no new waits appear. Nobody already placed moves.
"""

from __future__ import annotations

from collections import defaultdict

from solver.schema import Assignment, Instance, Solution, Status
from solver.validate import required, validate


def repair(instance: Instance) -> Solution:
    """Keep what still fits of ``instance.previous`` and add more meetings without moves."""
    booth_tables = set(instance.booths.values())
    busy: dict[int, set[int]] = defaultdict(set)  # participant -> slots
    used: set[tuple[int, int]] = set()  # (slot, table)
    pairs: dict[frozenset[int], int] = defaultdict(int)
    placed: dict[int, Assignment] = {}

    def tables_for(meeting: int) -> list[int]:
        m = instance.meetings[meeting]
        owners = [p for p in (m.a, m.b) if p in instance.booths]
        if owners:
            return [instance.booths[p] for p in owners]
        return [t for t in range(instance.tables) if t not in booth_tables]

    # a pair meets once, unless the instance requires more of its meetings
    limit: dict[frozenset[int], int] = defaultdict(lambda: 1)
    required_per_pair: dict[frozenset[int], int] = defaultdict(int)
    for i, n in enumerate(instance.meetings):
        if required(instance, i):
            required_per_pair[frozenset((n.a, n.b))] += 1
    for pair, count in required_per_pair.items():
        limit[pair] = max(1, count)

    def fits(meeting: int, slot: int, table: int) -> bool:
        m = instance.meetings[meeting]
        return (
            slot in instance.allowed_slots(meeting)
            and slot not in busy[m.a]
            and slot not in busy[m.b]
            and (slot, table) not in used
            and table in tables_for(meeting)
            and instance.fixed.get(meeting, slot) == slot
            and pairs[frozenset((m.a, m.b))] < limit[frozenset((m.a, m.b))]
            and all(len(busy[p]) < instance.max_meetings.get(p, instance.slots) for p in (m.a, m.b))
            and all(
                placed[e].slot < slot for e in instance.precedences.get(meeting, ()) if e in placed
            )
        )

    def place(meeting: int, slot: int, table: int) -> None:
        m = instance.meetings[meeting]
        busy[m.a].add(slot)
        busy[m.b].add(slot)
        used.add((slot, table))
        pairs[frozenset((m.a, m.b))] += 1
        placed[meeting] = Assignment(meeting, slot, table)

    # locked meetings first, then the previous agenda where it is still allowed
    for meeting, (slot, table) in sorted({**instance.previous, **instance.locked}.items()):
        if meeting in instance.locked or fits(meeting, slot, table):
            place(meeting, slot, table)

    def new_breaks(p: int, slot: int) -> int:
        slots = busy[p]
        if not slots:
            return 0
        return 0 if slot - 1 in slots or slot + 1 in slots or slot < min(slots) - 1 \
            or slot > max(slots) + 1 else 1  # fmt: skip

    order = sorted(
        (i for i in range(len(instance.meetings)) if i not in placed),
        key=lambda i: (not required(instance, i), -instance.meetings[i].weight, i),
    )
    for meeting in order:
        m = instance.meetings[meeting]
        options = []
        for slot in instance.allowed_slots(meeting):
            table = next((t for t in tables_for(meeting) if (slot, t) not in used), None)
            if table is not None and fits(meeting, slot, table):
                options.append((new_breaks(m.a, slot) + new_breaks(m.b, slot), slot, table))
        if options:
            _cost, slot, table = min(options)
            place(meeting, slot, table)

    assignments = tuple(sorted(placed.values(), key=lambda a: a.meeting))
    report = validate(instance, assignments)
    return Solution(
        Status.FEASIBLE if report.feasible else Status.UNKNOWN,
        assignments=assignments,
        weight=report.weight,
        breaks=report.breaks,
        objective=report.weight,
        statistics={"solver": "repair", "changes": report.changes},
    )

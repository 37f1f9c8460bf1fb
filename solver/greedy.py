"""First-come-first-served baseline: each meeting in list order takes the earliest free slot."""

from __future__ import annotations

import time
from collections import defaultdict

from solver.schema import Assignment, Instance, Solution, Status
from solver.validate import validate


def schedule_greedy(instance: Instance) -> Solution:
    """Place meetings in list order, each in the earliest slot and table still possible."""
    started = time.monotonic()
    booth_tables = set(instance.booths.values())
    busy: set[tuple[int, int]] = set()  # (participant, slot)
    used: set[tuple[int, int]] = set()  # (slot, table)
    count: dict[int, int] = defaultdict(int)
    pairs: set[frozenset[int]] = set()
    placed: dict[int, Assignment] = {}

    def place(meeting: int, slot: int, table: int) -> None:
        m = instance.meetings[meeting]
        busy.update({(m.a, slot), (m.b, slot)})
        used.add((slot, table))
        count[m.a] += 1
        count[m.b] += 1
        pairs.add(frozenset((m.a, m.b)))
        placed[meeting] = Assignment(meeting, slot, table)

    # Locked meetings were agreed before anyone else booked.
    for meeting, (slot, table) in sorted(instance.locked.items()):
        place(meeting, slot, table)
    for meeting, m in enumerate(instance.meetings):
        if meeting in placed or frozenset((m.a, m.b)) in pairs:
            continue
        if any(count[p] >= instance.max_meetings.get(p, instance.slots) for p in (m.a, m.b)):
            continue
        earlier = instance.precedences.get(meeting, ())
        if any(e not in placed for e in earlier):
            continue
        after = max((placed[e].slot for e in earlier), default=-1)
        owners = [p for p in (m.a, m.b) if p in instance.booths]
        tables = (
            [instance.booths[p] for p in owners]
            if owners
            else [k for k in range(instance.tables) if k not in booth_tables]
        )
        for slot in instance.allowed_slots(meeting):
            if slot <= after or (m.a, slot) in busy or (m.b, slot) in busy:
                continue
            if meeting in instance.fixed and slot != instance.fixed[meeting]:
                continue
            table = next((k for k in tables if (slot, k) not in used), None)
            if table is not None:
                place(meeting, slot, table)
                break
    assignments = tuple(sorted(placed.values(), key=lambda a: (a.slot, a.table)))
    report = validate(instance, assignments)
    unplaced = [i for i in range(len(instance.meetings)) if i not in placed]
    return Solution(
        Status.FEASIBLE if report.feasible else Status.UNKNOWN,
        assignments=assignments,
        weight=report.weight,
        breaks=report.breaks,
        objective=float(report.breaks),
        seconds=round(time.monotonic() - started, 3),
        statistics={
            "solver": "greedy",
            "unplaced": len(unplaced),
            "unplaced_meetings": unplaced,
            "violations": list(report.violations),
        },
    )

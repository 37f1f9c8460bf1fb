"""Recompute feasibility and every objective term of a schedule, without CP-SAT.

The solver's tests assert through this module, so it is written to be obviously right rather than
fast: plain loops over the schedule, one check per rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from solver.schema import Assignment, Instance


@dataclass(frozen=True)
class Report:
    violations: tuple[str, ...]
    scheduled: int
    weight: int
    breaks: int
    breaks_per_participant: tuple[int, ...]
    meetings_per_participant: tuple[int, ...]
    # meetings of the previous schedule that are missing or at another slot/table now
    changes: int
    # per participant: how often two consecutive meetings are at different tables
    table_changes: int
    idle_slots: int = field(default=0)

    @property
    def feasible(self) -> bool:
        return not self.violations


def required(instance: Instance, meeting: int) -> bool:
    """Tell whether a meeting must take place (all do, unless meetings are selected)."""
    m = instance.meetings[meeting]
    return not instance.select or m.mandatory or meeting in instance.locked


def pair_limit(instance: Instance, meetings: Iterable[int]) -> int:
    """How many of a pair's ``meetings`` may take place: one, however many requests name the
    pair, unless the instance requires more of them (a benchmark may list a pair twice)."""
    return max(1, sum(1 for i in meetings if required(instance, i)))


def participant_breaks(slots: Iterable[int]) -> int:
    """Count maximal runs of idle slots between the first and last of the given busy slots."""
    busy = sorted(set(slots))
    return sum(1 for x, y in zip(busy, busy[1:], strict=False) if y - x > 1)


def validate(
    instance: Instance, assignments: Sequence[Assignment] | Sequence[Sequence[int]]
) -> Report:
    """Check a schedule against every hard rule of ``instance`` and compute its objective terms."""
    rows = [a if isinstance(a, Assignment) else Assignment(*map(int, a)) for a in assignments]
    violations: list[str] = []
    n_meetings = len(instance.meetings)
    booth_tables = {t: p for p, t in instance.booths.items()}

    seen_meeting: set[int] = set()
    by_participant_slot: dict[tuple[int, int], int] = {}
    by_table_slot: dict[tuple[int, int], int] = {}
    busy: dict[int, list[tuple[int, int]]] = defaultdict(list)  # participant -> (slot, table)
    pairs: dict[frozenset[int], list[int]] = defaultdict(list)
    per_slot: dict[int, int] = defaultdict(int)
    placed: dict[int, Assignment] = {}

    for row in rows:
        m_id, slot, table = row.meeting, row.slot, row.table
        if not 0 <= m_id < n_meetings:
            violations.append(f"meeting {m_id} does not exist")
            continue
        if m_id in seen_meeting:
            violations.append(f"meeting {m_id} is scheduled more than once")
            continue
        seen_meeting.add(m_id)
        placed[m_id] = row
        m = instance.meetings[m_id]
        if not 0 <= slot < instance.slots:
            violations.append(f"meeting {m_id} is in slot {slot}, outside 0..{instance.slots - 1}")
            continue
        if not 0 <= table < instance.tables:
            violations.append(
                f"meeting {m_id} is at table {table}, outside 0..{instance.tables - 1}"
            )
            continue
        if slot not in instance.allowed_slots(m_id):
            violations.append(
                f"meeting {m_id} is in slot {slot}, not allowed (session/availability)"
            )
        pairs[frozenset((m.a, m.b))].append(m_id)
        for p in (m.a, m.b):
            key = (p, slot)
            if key in by_participant_slot:
                other = by_participant_slot[key]
                violations.append(f"participant {p} has meetings {other} and {m_id} in slot {slot}")
            by_participant_slot[key] = m_id
            busy[p].append((slot, table))
        key = (table, slot)
        if key in by_table_slot:
            violations.append(
                f"table {table} has meetings {by_table_slot[key]} and {m_id} in slot {slot}"
            )
        by_table_slot[key] = m_id
        per_slot[slot] += 1
        owners = {p for p in (m.a, m.b) if p in instance.booths}
        if owners and table not in {instance.booths[p] for p in owners}:
            violations.append(f"meeting {m_id} is not at the booth of participant {min(owners)}")
        if table in booth_tables and booth_tables[table] not in (m.a, m.b):
            violations.append(f"meeting {m_id} uses the booth of participant {booth_tables[table]}")

    for pair, ids in pairs.items():
        # a pair meets once, unless the instance lists more of its meetings as required
        allowed = pair_limit(instance, ids)
        if len(ids) > allowed:
            a, b = sorted(pair)
            violations.append(f"participants {a} and {b} meet {len(ids)} times ({ids})")
    for slot, count in sorted(per_slot.items()):
        if count > instance.tables:
            violations.append(f"slot {slot} has {count} meetings for {instance.tables} tables")
    for m_id, m in enumerate(instance.meetings):
        if m_id not in placed and required(instance, m_id):
            violations.append(f"meeting {m_id} ({m.a}-{m.b}) must be scheduled but is not")
    for m_id, slot in instance.fixed.items():
        if m_id in placed and placed[m_id].slot != slot:
            violations.append(
                f"meeting {m_id} is fixed to slot {slot}, placed in {placed[m_id].slot}"
            )
    for m_id, (slot, table) in instance.locked.items():
        row = placed.get(m_id)
        if row is not None and (row.slot, row.table) != (slot, table):
            violations.append(f"meeting {m_id} is locked to slot {slot} table {table}")
    for m_id, earlier in instance.precedences.items():
        for e in earlier:
            if m_id in placed and e in placed and placed[e].slot >= placed[m_id].slot:
                violations.append(f"meeting {e} must come before meeting {m_id}")
    counts = [len(busy[p]) for p in range(instance.participants)]
    for p, limit in instance.max_meetings.items():
        if counts[p] > limit:
            violations.append(f"participant {p} has {counts[p]} meetings, at most {limit} allowed")

    breaks = [participant_breaks(s for s, _ in busy[p]) for p in range(instance.participants)]
    if instance.fairness is not None and breaks and max(breaks) - min(breaks) > instance.fairness:
        violations.append(
            f"breaks differ by {max(breaks) - min(breaks)}, fairness allows {instance.fairness}"
        )
    idle = 0
    table_changes = 0
    for p in range(instance.participants):
        ordered = sorted(busy[p])
        if ordered:
            idle += ordered[-1][0] - ordered[0][0] + 1 - len(ordered)
        table_changes += sum(1 for x, y in zip(ordered, ordered[1:], strict=False) if x[1] != y[1])
    changes = sum(
        1
        for m_id, (slot, table) in instance.previous.items()
        if m_id not in placed or (placed[m_id].slot, placed[m_id].table) != (slot, table)
    )
    return Report(
        violations=tuple(violations),
        scheduled=len(placed),
        weight=sum(instance.meetings[m].weight for m in placed),
        breaks=sum(breaks),
        breaks_per_participant=tuple(breaks),
        meetings_per_participant=tuple(counts),
        changes=changes,
        table_changes=table_changes,
        idle_slots=idle,
    )

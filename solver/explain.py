"""Explain infeasible inputs through cheap necessary conditions, in the organiser's words."""

from __future__ import annotations

from collections import Counter, defaultdict

from solver.schema import Instance
from solver.validate import required


def _required(instance: Instance) -> list[int]:
    return [i for i in range(len(instance.meetings)) if required(instance, i)]


def _pinned(instance: Instance) -> dict[int, int]:
    pinned = dict(instance.fixed)
    pinned.update({i: slot for i, (slot, _) in instance.locked.items()})
    return pinned


def _check_meetings(instance: Instance, required: list[int]) -> list[str]:
    out = []
    for i in required:
        m = instance.meetings[i]
        if not instance.allowed_slots(i):
            out.append(f"meeting {i} ({m.a}-{m.b}) has no slot in its session where both are free")
    must = set(required)
    for i, slot in _pinned(instance).items():
        if i not in must:
            continue
        m = instance.meetings[i]
        kind = "locked" if i in instance.locked else "fixed"
        if i in instance.fixed and i in instance.locked and instance.fixed[i] != slot:
            out.append(f"meeting {i} is fixed to slot {instance.fixed[i]} but locked to {slot}")
        if not 0 <= slot < instance.slots:
            out.append(f"meeting {i} is {kind} to slot {slot}, which does not exist")
            continue
        for p in (m.a, m.b):
            if slot in instance.forbidden.get(p, ()):
                out.append(
                    f"meeting {i} is {kind} to slot {slot} but participant {p} is unavailable then"
                )
        if m.session is not None:
            s = instance.sessions[m.session]
            if not s.start <= slot < s.end:
                out.append(f"meeting {i} is {kind} to slot {slot}, outside its session")
    return out


def _check_locked_tables(instance: Instance) -> list[str]:
    out = []
    owner_of = {t: p for p, t in instance.booths.items()}
    seen: dict[tuple[int, int], int] = {}
    for i, (slot, table) in sorted(instance.locked.items()):
        m = instance.meetings[i]
        if not 0 <= table < instance.tables:
            out.append(f"meeting {i} is locked to table {table}, which does not exist")
        if (slot, table) in seen:
            out.append(
                f"meetings {seen[slot, table]} and {i} are both locked to table {table} "
                f"in slot {slot}"
            )
        seen[slot, table] = i
        owners = [p for p in (m.a, m.b) if p in instance.booths]
        if owners and table not in {instance.booths[p] for p in owners}:
            out.append(
                f"meeting {i} is locked to table {table}, not the booth of participant {owners[0]}"
            )
        if table in owner_of and owner_of[table] not in (m.a, m.b):
            out.append(
                f"meeting {i} is locked to table {table}, "
                f"the booth of participant {owner_of[table]}"
            )
    holders: dict[int, list[int]] = defaultdict(list)
    for p, table in sorted(instance.booths.items()):
        if not 0 <= table < instance.tables:
            out.append(f"participant {p} has booth {table}, which does not exist")
        holders[table].append(p)
    for table, people in sorted(holders.items()):
        if len(people) > 1:
            names = ", ".join(map(str, people))
            out.append(f"participants {names} all have booth {table}; a booth has one owner")
    return out


def _check_participants(instance: Instance, required: list[int]) -> list[str]:
    out = []
    per_participant: dict[int, list[int]] = defaultdict(list)
    for i in required:
        m = instance.meetings[i]
        per_participant[m.a].append(i)
        per_participant[m.b].append(i)
    pinned = _pinned(instance)
    for p, ids in sorted(per_participant.items()):
        free = set().union(*(instance.allowed_slots(i) for i in ids))
        if len(ids) > len(free):
            out.append(
                f"participant {p} has {len(ids)} mandatory meetings "
                f"but only {len(free)} available slots"
            )
        limit = instance.max_meetings.get(p)
        if limit is not None and len(ids) > limit:
            out.append(
                f"participant {p} has {len(ids)} mandatory meetings but a maximum of {limit}"
            )
        for slot, n in Counter(pinned[i] for i in ids if i in pinned).items():
            if n > 1:
                out.append(f"participant {p} has {n} meetings fixed to slot {slot}")
    return out


def _check_capacity(instance: Instance, required: list[int]) -> list[str]:
    out = []
    shared = instance.tables - len(set(instance.booths.values()))
    booth = set(instance.booths)
    pinned = _pinned(instance)
    counts = Counter(
        slot
        for i, slot in pinned.items()
        if i in required and not {instance.meetings[i].a, instance.meetings[i].b} & booth
    )
    for slot, n in sorted(counts.items()):
        if n > shared:
            out.append(f"slot {slot} has {n} locked/fixed meetings for {shared} tables")
    plain = [i for i in required if not {instance.meetings[i].a, instance.meetings[i].b} & booth]
    if len(plain) > shared * instance.slots:
        out.append(
            f"{len(plain)} meetings must be scheduled but there are only "
            f"{shared * instance.slots} table slots"
        )
    return out


def _check_precedences(instance: Instance, required: list[int]) -> list[str]:
    out = []
    pinned = _pinned(instance)
    must = set(required)
    for later, earlier in sorted(instance.precedences.items()):
        for e in earlier:
            # Optional meetings (select mode) in conflict are left out, not infeasible.
            both = later in must and e in must
            if both and later in pinned and e in pinned and pinned[e] >= pinned[later]:
                out.append(
                    f"meeting {e} must come before meeting {later}, but their fixed slots "
                    f"are {pinned[e]} and {pinned[later]}"
                )
    graph = {k: [e for e in v if e in must] for k, v in instance.precedences.items() if k in must}
    state: dict[int, int] = {}

    def cyclic(node: int) -> bool:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1 or (nxt not in state and cyclic(nxt)):
                return True
        state[node] = 2
        return False

    if any(node not in state and cyclic(node) for node in sorted(graph)):
        out.append("the precedences between meetings form a cycle")
    return out


def explain_infeasible(instance: Instance) -> list[str]:
    """Return reasons that make the instance infeasible (empty when no simple check fails)."""
    required = _required(instance)
    return (
        _check_meetings(instance, required)
        + _check_locked_tables(instance)
        + _check_participants(instance, required)
        + _check_capacity(instance, required)
        + _check_precedences(instance, required)
    )

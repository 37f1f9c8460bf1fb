"""Remove breaks without losing weight: permute interchangeable slots, move and swap meetings.

Every move here keeps the set of scheduled meetings, so the weight never changes; each is accepted
only when the participants it touches end up with fewer breaks in total.
"""

from __future__ import annotations

import time

import numpy as np

from solver.bound import slot_classes
from solver.placement import Placement, bits, mask_breaks


def best_slot(pl: Placement, m: int, mask: int) -> int:
    """Return the slot in ``mask`` that adds the fewest breaks for both participants (-1: none)."""
    busy_a, busy_b = pl.busy[pl.a[m]], pl.busy[pl.b[m]]
    base = mask_breaks(busy_a) + mask_breaks(busy_b)
    best, best_key = -1, None
    for t in bits(mask):
        if not pl.precedence_ok(m, t):
            continue
        bit = 1 << t
        key = mask_breaks(busy_a | bit) + mask_breaks(busy_b | bit) - base
        if best_key is None or key < best_key:
            best, best_key = t, key
    return best


def _permute_slots(pl: Placement) -> int:
    """Swap interchangeable slots (same class) while that lowers total breaks; return the gain."""
    instance = pl.instance
    if instance.precedences:
        return 0
    n = instance.slots
    busy = np.array([[p >> t & 1 for t in range(n)] for p in pl.busy], dtype=np.int8)

    def breaks(perm: list[int]) -> int:
        matrix = busy[:, perm]
        starts = matrix[:, 0] + (matrix[:, 1:] > matrix[:, :-1]).sum(axis=1)
        return int(np.maximum(starts - 1, 0).sum())

    perm = list(range(n))  # perm[new slot] = old slot
    current = start = breaks(perm)
    improved = True
    while improved:
        improved = False
        for group in slot_classes(instance):
            for i, s in enumerate(group):
                for u in group[i + 1 :]:
                    perm[s], perm[u] = perm[u], perm[s]
                    value = breaks(perm)
                    if value < current:
                        current, improved = value, True
                    else:
                        perm[s], perm[u] = perm[u], perm[s]
    if current < start:
        new_of_old = {old: new for new, old in enumerate(perm)}
        moved = [(m, pl.slot[m]) for m in range(len(pl.slot)) if pl.slot[m] >= 0 and pl.movable[m]]
        for m, _ in moved:
            pl.remove(m)
        for m, t in moved:
            pl.place(m, new_of_old[t])
    return start - current


def _move_pass(pl: Placement, deadline: float) -> int:
    """Move single meetings to the slot with fewest breaks for their pair; return the gain."""
    gain = 0
    for m in range(len(pl.slot)):
        if time.perf_counter() > deadline:
            break
        if pl.slot[m] < 0 or not pl.movable[m]:
            continue
        a, b = pl.a[m], pl.b[m]
        before = mask_breaks(pl.busy[a]) + mask_breaks(pl.busy[b])
        old = pl.remove(m)
        t = best_slot(pl, m, pl.free_mask(m) | 1 << old)
        pl.place(m, t)
        gain += before - mask_breaks(pl.busy[a]) - mask_breaks(pl.busy[b])
    return gain


def _swap_pass(pl: Placement, deadline: float) -> int:
    """Swap the slots of two meetings of one participant when their partners gain; return gain."""
    gain = 0
    for p in range(pl.instance.participants):
        if time.perf_counter() > deadline:
            break
        mine = [m for m in pl.incident[p] if pl.slot[m] >= 0 and pl.movable[m]]
        for i, m1 in enumerate(mine):
            for m2 in mine[i + 1 :]:
                gain += _try_swap(pl, p, m1, m2)
    return gain


def _try_swap(pl: Placement, p: int, m1: int, m2: int) -> int:
    t1, t2 = pl.slot[m1], pl.slot[m2]
    if pl.booth[m1] != pl.booth[m2] or not (pl.allowed[m1] >> t2 & 1 and pl.allowed[m2] >> t1 & 1):
        return 0
    b, c = pl.partner(m1, p), pl.partner(m2, p)
    if pl.busy[b] >> t2 & 1 or pl.busy[c] >> t1 & 1:
        return 0
    before = mask_breaks(pl.busy[b]) + mask_breaks(pl.busy[c])
    new_b = pl.busy[b] & ~(1 << t1) | 1 << t2
    new_c = pl.busy[c] & ~(1 << t2) | 1 << t1
    gain = before - mask_breaks(new_b) - mask_breaks(new_c)
    if gain <= 0:
        return 0
    return gain if _exchange(pl, m1, m2) else 0


def _exchange_pass(pl: Placement, deadline: float, tries: int = 40) -> int:
    """Exchange the slots of two unrelated meetings when full tables block a better slot."""
    by_slot: list[list[int]] = [[] for _ in range(pl.instance.slots)]
    for m, t in enumerate(pl.slot):
        if t >= 0 and pl.movable[m] and not pl.booth[m]:
            by_slot[t].append(m)
    gain = 0
    for m1 in range(len(pl.slot)):
        t1 = pl.slot[m1]
        if t1 < 0 or not pl.movable[m1] or pl.booth[m1]:
            continue
        if time.perf_counter() > deadline:
            break
        a, b = pl.a[m1], pl.b[m1]
        busy_a, busy_b = pl.busy[a] & ~(1 << t1), pl.busy[b] & ~(1 << t1)
        base = mask_breaks(pl.busy[a]) + mask_breaks(pl.busy[b])
        for t2 in bits(pl.allowed[m1] & ~busy_a & ~busy_b & ~(1 << t1)):
            bit2 = 1 << t2
            gain_ab = base - mask_breaks(busy_a | bit2) - mask_breaks(busy_b | bit2)
            if gain_ab <= 0:
                continue
            m2, loss = _partner_for_exchange(pl, by_slot[t2], m1, t1, gain_ab, tries)
            if m2 >= 0 and _exchange(pl, m1, m2):
                gain += gain_ab - loss
                by_slot[t1][by_slot[t1].index(m1)] = m2
                by_slot[t2][by_slot[t2].index(m2)] = m1
                break
    return gain


def _partner_for_exchange(
    pl: Placement, candidates: list[int], m1: int, t1: int, gain_ab: int, tries: int
) -> tuple[int, int]:
    """Find a meeting in the other slot that can take ``t1`` losing less than ``gain_ab``."""
    if not candidates:
        return -1, 0
    bit1 = 1 << t1
    start = (m1 * 7919) % len(candidates)
    for k in range(min(tries, len(candidates))):
        m2 = candidates[(start + k) % len(candidates)]
        c, d = pl.a[m2], pl.b[m2]
        if c in (pl.a[m1], pl.b[m1]) or d in (pl.a[m1], pl.b[m1]):
            continue
        if not pl.allowed[m2] & bit1 or (pl.busy[c] | pl.busy[d]) & bit1:
            continue
        bit2 = 1 << pl.slot[m2]
        loss = (
            mask_breaks(pl.busy[c] & ~bit2 | bit1)
            + mask_breaks(pl.busy[d] & ~bit2 | bit1)
            - mask_breaks(pl.busy[c])
            - mask_breaks(pl.busy[d])
        )
        if loss < gain_ab:
            return m2, loss
    return -1, 0


def _exchange(pl: Placement, m1: int, m2: int) -> bool:
    """Give ``m1`` and ``m2`` each other's slot unless that breaks a precedence."""
    t1, t2 = pl.slot[m1], pl.slot[m2]
    pl.remove(m1)
    pl.remove(m2)
    if pl.precedence_ok(m1, t2):
        pl.place(m1, t2)
        # Checked with m1 in place: a precedence between the two themselves counts too.
        if pl.precedence_ok(m2, t1):
            pl.place(m2, t1)
            return True
        pl.remove(m1)
    pl.place(m1, t1)
    pl.place(m2, t2)
    return False


def compact(pl: Placement, deadline: float) -> dict[str, int]:
    """Run the break passes until none gains or the deadline passes; return the gains."""
    gains = {"permute": _permute_slots(pl), "move": 0, "swap": 0, "exchange": 0}
    while time.perf_counter() < deadline:
        round_gain = 0
        for name, run in (("move", _move_pass), ("swap", _swap_pass), ("exchange", _exchange_pass)):
            gain = run(pl, deadline)
            gains[name] += gain
            round_gain += gain
        if round_gain == 0:
            break
    return gains

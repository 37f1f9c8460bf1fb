"""Keep the fairness bound on breaks in a Placement: move meetings, drop one only as a last resort.

The bound says that the breaks of any two participants differ by at most ``d``. The large-instance
heuristics minimise total breaks but do not look at how they are spread, so before a schedule is
returned every participant above ``lowest + d`` first gets their meetings moved to slots that
lower their breaks without pushing the partner over the bound; when no move helps, the meeting
at the edge of their shortest busy run is dropped (the least valuable among equals), until the
run and with it a break is gone. Mandatory and locked meetings are never dropped; if only they
remain, the validator reports the violation.
"""

from __future__ import annotations

from solver.placement import Placement, bits, mask_breaks


def enforce_fairness(pl: Placement, d: int, value: list[int]) -> dict[str, int]:
    """Bring every participant within ``d`` breaks of the lowest; return moves and drops made."""
    done = {"fairness_moves": 0, "fairness_drops": 0}
    # Every step moves a meeting to lower someone's breaks or drops one, so this ends.
    for _ in range(len(pl.slot) + 4 * pl.instance.participants + 1):
        breaks = [mask_breaks(busy) for busy in pl.busy]
        limit = min(breaks) + d
        over = [p for p, b in enumerate(breaks) if b > limit]
        if not over:
            break
        changed = False
        for p in over:
            if mask_breaks(pl.busy[p]) <= limit:
                continue
            if _move(pl, p, limit):
                done["fairness_moves"] += 1
            elif _drop(pl, p, limit, value):
                done["fairness_drops"] += 1
            else:
                continue
            changed = True
        if not changed:
            break
    return done


def _move(pl: Placement, p: int, limit: int) -> bool:
    """Move one meeting of ``p`` to the slot that lowers p's breaks most, partner within limit."""
    before = mask_breaks(pl.busy[p])
    best = None  # (p's breaks, partner's breaks, meeting, slot)
    for m in list(pl.incident[p]):
        if pl.slot[m] < 0 or not pl.movable[m]:
            continue
        q = pl.partner(m, p)
        old = pl.remove(m)
        for t in bits(pl.free_mask(m)):
            if t == old or not pl.precedence_ok(m, t):
                continue
            bit = 1 << t
            mine, theirs = mask_breaks(pl.busy[p] | bit), mask_breaks(pl.busy[q] | bit)
            if mine < before and theirs <= limit and (best is None or (mine, theirs) < best[:2]):
                best = (mine, theirs, m, t)
        pl.place(m, old)
    if best is None:
        return False
    _, _, m, t = best
    pl.remove(m)
    pl.place(m, t)
    return True


def _drop(pl: Placement, p: int, limit: int, value: list[int]) -> bool:
    """Unschedule a meeting at the edge of p's shortest busy run (a break goes once the run is
    empty), preferring partners who stay within the limit, the least valuable among equals."""
    before = mask_breaks(pl.busy[p])
    best = None  # (partner over the limit, p's breaks after, run length, value, meeting)
    for m in pl.incident[p]:
        t = pl.slot[m]
        if t < 0 or not pl.movable[m] or _mandatory(pl, m):
            continue
        bit = 1 << t
        after = mask_breaks(pl.busy[p] & ~bit)
        if after > before:
            continue
        # Rather not push the partner over the limit (that would cost them a meeting next).
        partner_over = mask_breaks(pl.busy[pl.partner(m, p)] & ~bit) > limit
        key = (partner_over, after, _run_length(pl.busy[p], t), value[m], m)
        if best is None or key < best:
            best = key
    if best is None:
        return False
    pl.remove(best[-1])
    return True


def _run_length(mask: int, t: int) -> int:
    """Length of the run of set bits of ``mask`` that holds bit ``t``."""
    low = high = t
    while low > 0 and mask >> (low - 1) & 1:
        low -= 1
    while mask >> (high + 1) & 1:
        high += 1
    return high - low + 1


def _mandatory(pl: Placement, m: int) -> bool:
    instance = pl.instance
    return not instance.select or instance.meetings[m].mandatory

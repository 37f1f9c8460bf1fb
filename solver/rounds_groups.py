"""Group tables (networking format): k people per table per round, round by round.

Each round's seated people (the sit-out plan decides who) are placed greedily, hardest first, at
the table where they add most, with table sizes as equal as possible (``group_sizes``); then
swaps of two people between tables are made while they improve the round. A pair's value is its
score if the two have not met, minus ``REPEAT`` if they have (repeats are avoided while any other
seating exists, and allowed when the event has run out of new combinations), minus ``SAME_SIDE``
for two people of one side in a two-sided event (tables mix both sides where they can). Excluded
pairs never share a table: whoever cannot sit anywhere without one sits out.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING

from solver.rounds_data import Prepared, group_sizes, key, pairs, weight

if TYPE_CHECKING:
    from solver.rounds import RoundsConfig, RoundsInstance
    from solver.rounds_plan import Plan

Table = tuple[int, ...]

REPEAT = 1000.0
SAME_SIDE = 150.0
FORBIDDEN = float("-inf")


def solve_groups(
    instance: RoundsInstance,
    prep: Prepared,
    plan: Plan,
    config: RoundsConfig,
    deadline: float,
) -> list[list[Table]]:
    """Return the group tables of every free round."""
    rng = random.Random(config.seed)
    met = set(prep.used)
    result = []
    free = list(range(prep.first, instance.rounds))
    for i, r in enumerate(free):
        share = max(0.0, deadline - time.perf_counter()) / (len(free) - i)
        tables = _seat_round(instance, met, sorted(plan.seated[r]), rng)
        _improve(instance, met, tables, time.perf_counter() + share, rng)
        tables = [sorted(t) for t in tables if len(t) >= 2]
        for t in tables:
            met.update(pairs(t))
        result.append([tuple(t) for t in tables])
    return result


def _value(instance: RoundsInstance, met: set, p: int, q: int) -> float:
    k = key(p, q)
    if k in instance.excluded:
        return FORBIDDEN
    value = weight(instance, p, q) - (REPEAT if k in met else 0.0)
    if instance.sides is not None and instance.sides.get(p) == instance.sides.get(q):
        value -= SAME_SIDE
    return value


def _seat_round(instance, met, people: list[int], rng: random.Random) -> list[list[int]]:
    """Place people greedily, the most sought-after first, into tables of the planned sizes."""
    sizes = group_sizes(instance, len(people))
    tables: list[list[int]] = [[] for _ in sizes]
    strength = {
        p: sum(sorted((weight(instance, p, q) for q in people if q != p), reverse=True)[:3])
        for p in people
    }
    order = sorted(people, key=lambda p: (-strength[p], rng.random()))
    for p in order:
        best, where = FORBIDDEN, None
        for t, members in enumerate(tables):
            if len(members) >= sizes[t]:
                continue
            # an empty table is worth a little less than a good seat, so tables fill evenly
            gain = sum(_value(instance, met, p, q) for q in members) if members else -1.0
            if gain > best:
                best, where = gain, t
        if where is not None:
            tables[where].append(p)
        else:
            _make_room(instance, met, tables, sizes, p)
    return tables


def _fits(instance, met, p: int, members) -> bool:
    return all(_value(instance, met, p, q) > FORBIDDEN for q in members)


def _make_room(instance, met, tables: list[list[int]], sizes: list[int], p: int) -> None:
    """Seat p where only excluded pairs had room: move someone who fits there to p's place."""
    for t, members in enumerate(tables):
        if len(members) >= sizes[t]:
            continue
        for other, group in enumerate(tables):
            for u in group if other != t else ():
                rest = [q for q in group if q != u]
                if _fits(instance, met, u, members) and _fits(instance, met, p, rest):
                    group.remove(u)
                    members.append(u)
                    group.append(p)
                    return


def _improve(instance, met, tables: list[list[int]], until: float, rng: random.Random) -> None:
    """Swap two people between tables while that improves the round (first improvement)."""
    improved = True
    while improved and time.perf_counter() < until:
        improved = False
        spots = [(t, i) for t, members in enumerate(tables) for i in range(len(members))]
        rng.shuffle(spots)
        for n, (t1, i1) in enumerate(spots):
            if time.perf_counter() >= until:
                return
            for t2, i2 in spots[n + 1 :]:
                if t1 == t2:
                    continue
                if _swap_gain(instance, met, tables, t1, i1, t2, i2) > 1e-9:
                    tables[t1][i1], tables[t2][i2] = tables[t2][i2], tables[t1][i1]
                    improved = True


def _swap_gain(instance, met, tables, t1: int, i1: int, t2: int, i2: int) -> float:
    p, q = tables[t1][i1], tables[t2][i2]
    rest1 = [x for x in tables[t1] if x != p]
    rest2 = [x for x in tables[t2] if x != q]
    new = sum(_value(instance, met, p, x) for x in rest2) + sum(
        _value(instance, met, q, x) for x in rest1
    )
    if new == FORBIDDEN:
        return FORBIDDEN
    old = sum(_value(instance, met, p, x) for x in rest1) + sum(
        _value(instance, met, q, x) for x in rest2
    )
    return new - old

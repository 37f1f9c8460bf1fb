"""The circle method: the round-robin rotation most tools use, blind to scores (the baseline).

Pairs: everyone in id order around a circle (plus an empty seat if the count is odd); person 0
stays, the others move one seat per round, and round r pairs seat i with seat n-1-i. Two-sided
events pair side 0's i-th person with side 1's (i + r)-th instead. Group tables: people in id
order fill rows of t (the number of tables), and row j moves j tables further each round.

The rotation is kept as the classic method would run it at an event: whoever's partner is absent
(or the empty seat) sits out; a pair that is excluded or has already met (fixed rounds, or the
rotation wrapping around) does not sit down, both sit out; beyond the tables available the last
pairs sit out. Fixed rounds are kept and round r always uses rotation r, so it regenerates too.
With ``allow_triples`` the first sitter joins the first pair where both meetings are new.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from solver.rounds_data import (
    Prepared,
    allowed,
    group_sizes,
    key,
    pairs,
    prepare,
    schedule_total,
    sit_outs_of,
)

if TYPE_CHECKING:
    from solver.rounds import RoundsInstance, RoundsSolution

Table = tuple[int, ...]


def circle_method(instance: RoundsInstance) -> RoundsSolution:
    """Return the round-robin schedule of ``instance`` (scores ignored) with its total."""
    from solver.rounds import RoundsSolution
    from solver.rounds_bound import rounds_bound

    start = time.perf_counter()
    result = circle_rounds(instance)
    return RoundsSolution(
        rounds=result,
        sit_outs=sit_outs_of(instance, result),
        total=schedule_total(instance, result),
        bound=rounds_bound(instance),
        status="feasible",
        seconds=time.perf_counter() - start,
        statistics={"method": "circle method"},
    )


def circle_rounds(instance: RoundsInstance) -> tuple[tuple[Table, ...], ...]:
    """Return the tables of every round of the round robin (fixed rounds as given)."""
    prep = prepare(instance)
    met = set(prep.used)
    rounds: list[tuple[Table, ...]] = [tuple(tuple(sorted(t)) for t in r) for r in instance.fixed]
    for r in range(prep.first, instance.rounds):
        if instance.table_size > 2:
            tables = _group_round(instance, prep, r)
        else:
            tables = _pair_round(instance, prep, r)
        # a rotation never seats a pair twice or an excluded pair: such tables stay empty
        kept = []
        for t in tables:
            if all(key(a, b) not in met and allowed(instance, prep, a, b) for a, b in pairs(t)):
                kept.append(t)
        if instance.tables is not None:
            kept = kept[: instance.tables]
        if instance.allow_triples and instance.table_size == 2:
            _triple(instance, prep, r, kept, met)
        for t in kept:
            met.update(pairs(t))
        rounds.append(tuple(tuple(sorted(t)) for t in kept))
    return tuple(rounds)


def _pair_round(instance: RoundsInstance, prep: Prepared, r: int) -> list[Table]:
    present = set(prep.present[r])
    if instance.sides is not None:
        left = sorted(p for p in instance.people if instance.sides.get(p) == 0)
        right = sorted(p for p in instance.people if instance.sides.get(p) != 0)
        size = max(len(left), len(right))
        seats = [
            (
                left[i] if i < len(left) else None,
                right[(i + r) % size] if (i + r) % size < len(right) else None,
            )
            for i in range(size)
        ]
    else:
        circle: list[int | None] = sorted(instance.people)
        if len(circle) % 2:
            circle.append(None)
        n = len(circle)
        if n == 0:
            return []
        moving = circle[1:]
        shift = r % max(1, n - 1)
        order = [circle[0], *moving[-shift:], *moving[:-shift]] if shift else circle
        seats = [(order[i], order[n - 1 - i]) for i in range(n // 2)]
    return [
        (a, b)
        for a, b in seats
        if a is not None and b is not None and a in present and b in present
    ]


def _group_round(instance: RoundsInstance, prep: Prepared, r: int) -> list[Table]:
    people = list(prep.present[r])
    count = len(group_sizes(instance, len(people)))
    if count == 0:
        return []
    seated = people[: sum(group_sizes(instance, len(people)))]
    tables: list[list[int]] = [[] for _ in range(count)]
    for i, p in enumerate(seated):
        tables[(i + r * (i // count)) % count].append(p)
    return [tuple(t) for t in tables if len(t) >= 2]


def _triple(instance, prep: Prepared, r: int, kept: list[Table], met: set) -> None:
    seated = {p for t in kept for p in t}
    sitters = [p for p in prep.present[r] if p not in seated]
    if not sitters:
        return
    j = sitters[0]
    for i, t in enumerate(kept):
        if all(key(j, c) not in met and allowed(instance, prep, j, c) for c in t):
            kept[i] = (*t, j)
            return

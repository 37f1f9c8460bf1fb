"""Facts about a rounds instance that every stage needs: presence, pairs met, seats, scores."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from solver.rounds import RoundsInstance

Table = tuple[int, ...]


def key(a: int, b: int) -> tuple[int, int]:
    """Return the canonical (min, max) key of a pair."""
    return (a, b) if a < b else (b, a)


def pair_maps(
    ids: Sequence[int], values: np.ndarray, excluded: np.ndarray
) -> tuple[dict[tuple[int, int], float], frozenset[tuple[int, int]]]:
    """Return the instance's ``scores`` and ``excluded`` from n x n matrices in ``ids`` order.

    Scores keep only positive values (a missing pair scores 0 and may still sit together);
    excluded pairs never get a score.
    """
    rows, cols = np.triu_indices(len(ids), 1)
    banned = excluded[rows, cols]
    scored = ~banned & (values[rows, cols] > 0)
    scores = {
        key(ids[i], ids[j]): float(values[i, j])
        for i, j in zip(rows[scored].tolist(), cols[scored].tolist(), strict=True)
    }
    pairs = frozenset(
        key(ids[i], ids[j])
        for i, j in zip(rows[banned].tolist(), cols[banned].tolist(), strict=True)
    )
    return scores, pairs


@dataclass(frozen=True)
class Prepared:
    # number of fixed rounds (they come first)
    first: int
    # per round: the people present, sorted
    present: tuple[tuple[int, ...], ...]
    # pairs that met in the fixed rounds
    used: frozenset[tuple[int, int]]
    # sit-outs per person in the fixed rounds
    fixed_sits: dict[int, int]


def prepare(instance: RoundsInstance) -> Prepared:
    """Collect presence per round and what the fixed rounds already used."""
    present = tuple(
        tuple(sorted(p for p in instance.people if instance.is_present(p, r)))
        for r in range(instance.rounds)
    )
    used = frozenset(key(a, b) for tables in instance.fixed for t in tables for a, b in pairs(t))
    sits = {p: 0 for p in instance.people}
    for r, tables in enumerate(instance.fixed):
        seated = {p for t in tables for p in t}
        for p in present[r]:
            if p not in seated:
                sits[p] += 1
    return Prepared(len(instance.fixed), present, used, sits)


def pairs(table: Iterable[int]) -> Iterable[tuple[int, int]]:
    """Return every pair of people at one table."""
    return combinations(sorted(table), 2)


def weight(instance: RoundsInstance, a: int, b: int) -> float:
    """Return the score of a pair (0 when the scores do not mention it)."""
    return float(instance.scores.get(key(a, b), 0.0))


def allowed(instance: RoundsInstance, prep: Prepared, a: int, b: int) -> bool:
    """Return whether a and b may still be seated together (rules and fixed rounds)."""
    k = key(a, b)
    if a == b or k in instance.excluded or k in prep.used:
        return False
    return instance.sides is None or instance.sides.get(a) != instance.sides.get(b)


def table_score(instance: RoundsInstance, table: Iterable[int]) -> float:
    """Return the sum of the pair scores at one table."""
    return sum(weight(instance, a, b) for a, b in pairs(table))


def schedule_total(instance: RoundsInstance, rounds: Sequence[Sequence[Table]]) -> float:
    """Return the sum of the table scores over all rounds, rounded to 1e-6."""
    return round(sum(table_score(instance, t) for tables in rounds for t in tables), 6)


def sit_outs_of(
    instance: RoundsInstance, rounds: Sequence[Sequence[Table]]
) -> tuple[tuple[int, ...], ...]:
    """Return per round the present people who have no table."""
    result = []
    for r, tables in enumerate(rounds):
        seated = {p for t in tables for p in t}
        present = (p for p in instance.people if instance.is_present(p, r))
        result.append(tuple(sorted(p for p in present if p not in seated)))
    return tuple(result)


def pair_seats(instance: RoundsInstance, present: int) -> int:
    """Return how many people sit at pairs in a round with ``present`` people (no triple)."""
    seats = present - present % 2
    if instance.tables is not None:
        seats = min(seats, 2 * instance.tables)
    return seats


def group_sizes(instance: RoundsInstance, present: int) -> list[int]:
    """Return the table sizes of a group round: as equal as possible, at most ``table_size``."""
    k = instance.table_size
    count = math.ceil(present / k)
    if instance.tables is not None:
        count = min(count, instance.tables)
    seated = min(present, count * k)
    if count == 0 or seated < 2:
        return []
    base, extra = divmod(seated, count)
    return [base + 1] * extra + [base] * (count - extra)


def round_pair_capacity(instance: RoundsInstance, present: int) -> tuple[int, int]:
    """Return (most pairs a person can have, most pairs in total) in a round of ``present``."""
    if instance.table_size > 2:
        sizes = group_sizes(instance, present)
        return (max(sizes) - 1 if sizes else 0), sum(s * (s - 1) // 2 for s in sizes)
    seats = pair_seats(instance, present)
    if instance.allow_triples and present > seats >= 2:
        # one pair becomes a table of three: one more person, two more pairs
        return 2, seats // 2 + 2
    return (1 if seats else 0), seats // 2

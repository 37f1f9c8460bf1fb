"""Check any rounds schedule against an instance and recompute its figures, without CP-SAT."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from solver.rounds_data import key, pairs, schedule_total, sit_outs_of, weight

if TYPE_CHECKING:
    from solver.rounds import RoundsInstance, RoundsSolution


@dataclass(frozen=True)
class RoundsReport:
    errors: list[str]
    total: float
    # per person: the scores of everyone they sat with, in round order
    partner_scores: dict[int, list[float]] = field(default_factory=dict)
    # per person: rounds present without a table (fixed rounds included)
    sit_outs: dict[int, int] = field(default_factory=dict)
    # sit-outs of someone who had sat out more often before than a person seated in that round
    unfair_sit_outs: int = 0
    # meetings of a pair beyond its first (errors with pairs; group tables may need them)
    repeats: int = 0

    @property
    def means(self) -> dict[int, float]:
        """Return per person with a partner the mean score of their partners."""
        return {p: sum(v) / len(v) for p, v in self.partner_scores.items() if v}

    @property
    def min_mean(self) -> float:
        """Return the lowest per-person mean partner score (0 without any table)."""
        return min(self.means.values(), default=0.0)

    @property
    def mean_mean(self) -> float:
        """Return the average over people of their mean partner score."""
        means = self.means
        return sum(means.values()) / len(means) if means else 0.0


def validate_rounds(instance: RoundsInstance, solution: RoundsSolution) -> RoundsReport:
    """Return every rule the schedule breaks, its total and per-person figures."""
    errors: list[str] = []
    rounds = solution.rounds
    if len(rounds) != instance.rounds:
        errors.append(f"{len(rounds)} rounds instead of {instance.rounds}")
    for r, tables in enumerate(instance.fixed):
        if r < len(rounds) and rounds[r] != tuple(tuple(sorted(t)) for t in tables):
            errors.append(f"fixed round {r} was changed")
    people = set(instance.people)
    met: Counter[tuple[int, int]] = Counter()
    scores: dict[int, list[float]] = {p: [] for p in instance.people}
    for r, tables in enumerate(rounds):
        errors.extend(_check_round(instance, r, tables, people))
        for t in tables:
            for a, b in pairs(t):
                met[key(a, b)] += 1
                scores.setdefault(a, []).append(weight(instance, a, b))
                scores.setdefault(b, []).append(weight(instance, a, b))
    repeats = sum(c - 1 for c in met.values() if c > 1)
    if repeats and instance.table_size == 2:
        twice = sorted(k for k, c in met.items() if c > 1)
        errors.append(f"pairs meet more than once: {twice[:5]}")
    expected = sit_outs_of(instance, rounds)
    if tuple(tuple(sorted(s)) for s in solution.sit_outs) != expected:
        errors.append("sit_outs differ from the present people without a table")
    total = schedule_total(instance, rounds)
    if abs(total - solution.total) > 1e-6 * max(1.0, abs(total)):
        errors.append(f"total {solution.total} differs from the recomputed {total}")
    sits, unfair = _rotation(instance, expected, rounds)
    return RoundsReport(errors, total, scores, sits, unfair, repeats)


def _check_round(instance: RoundsInstance, r: int, tables, people: set[int]) -> list[str]:
    errors = []
    seen: Counter[int] = Counter(p for t in tables for p in t)
    errors += [f"round {r}: {p} sits at two tables" for p, c in seen.items() if c > 1]
    errors += [f"round {r}: {p} is no participant" for p in seen if p not in people]
    if r >= len(instance.fixed):
        errors += [f"round {r}: {p} is absent" for p in seen if not instance.is_present(p, r)]
    if instance.tables is not None and len(tables) > instance.tables:
        errors.append(f"round {r}: {len(tables)} tables, only {instance.tables} available")
    triples = 0
    for t in tables:
        if tuple(sorted(t)) != tuple(t):
            errors.append(f"round {r}: table {t} is not sorted")
        if instance.table_size == 2:
            triples += len(t) == 3
            if len(t) != 2 and not (len(t) == 3 and instance.allow_triples):
                errors.append(f"round {r}: table {t} is not a pair")
        elif not 2 <= len(t) <= instance.table_size:
            errors.append(f"round {r}: table {t} has a size outside 2..{instance.table_size}")
        for a, b in pairs(t):
            if key(a, b) in instance.excluded:
                errors.append(f"round {r}: excluded pair {key(a, b)} sits together")
            sides = instance.sides
            if instance.table_size == 2 and sides is not None and sides.get(a) == sides.get(b):
                errors.append(f"round {r}: {a} and {b} are on the same side")
    if triples > 1:
        errors.append(f"round {r}: {triples} tables of three")
    return errors


def unfair_sit_outs(instance: RoundsInstance, rounds) -> int:
    """Return how many sit-outs of a schedule break the rotation rule (see ``_rotation``)."""
    return _rotation(instance, sit_outs_of(instance, rounds), rounds)[1]


def _rotation(instance: RoundsInstance, sit_outs, rounds) -> tuple[dict[int, int], int]:
    """Count sit-outs per person and those that break the rotation rule.

    A sit-out breaks the rule when the sitter could have taken the seat of someone who had sat
    out less often so far: the sitter may meet everyone else at that person's table (allowed,
    not met before). Sitting out is then chosen, not forced by exclusions or earlier meetings.
    """
    sits = {p: 0 for p in instance.people}
    met: set[tuple[int, int]] = set()
    unfair = 0
    for r, out in enumerate(sit_outs):
        for p in out:
            unfair += any(
                sits.get(q, 0) < sits[p]
                and all(_could_meet(instance, met, p, t) for t in table if t != q)
                for table in rounds[r]
                for q in table
            )
        for p in out:
            sits[p] += 1
        met.update(key(a, b) for t in rounds[r] for a, b in pairs(t))
    return sits, unfair


def _could_meet(instance: RoundsInstance, met: set, p: int, q: int) -> bool:
    k = key(p, q)
    if p == q or k in met or k in instance.excluded:
        return False
    return instance.sides is None or instance.sides.get(p) != instance.sides.get(q)

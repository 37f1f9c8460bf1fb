"""Who sits out when: the rotation rule, planned before anyone is paired.

Rule: in every round, whoever sits out has sat out no more often so far than anyone who is seated
(fixed rounds count). So nobody sits out twice before everyone present has sat out once, and
newcomers take their turn before anyone's second. Ties go to the person whose round is worth least
(the LP dual ``priority``), then to the smaller id.

With ``allow_triples`` one person of an odd round joins a pair as a table of three instead of
sitting out; that person is chosen like a sitter but by fewest tables of three so far, so triples
rotate too, and does not count as a sit-out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from solver.rounds_data import Prepared, group_sizes, pair_seats

if TYPE_CHECKING:
    from collections.abc import Mapping

    from solver.rounds import RoundsInstance


@dataclass(frozen=True)
class Plan:
    # per round (fixed rounds: empty): the people to seat at pairs or groups
    seated: tuple[frozenset[int], ...]
    # per round: who joins a pair as a table of three (None: nobody)
    triple: tuple[int | None, ...]

    def rounds_of(self) -> dict[int, frozenset[int]]:
        """Return per person the rounds they are planned to sit in (triple joiners excluded)."""
        result: dict[int, set[int]] = {}
        for r, people in enumerate(self.seated):
            for p in people:
                result.setdefault(p, set()).add(r)
        return {p: frozenset(rs) for p, rs in result.items()}


def seats_in_round(instance: RoundsInstance, present: int) -> int:
    """Return how many people get a seat (pairs or group tables) in a round."""
    if instance.table_size > 2:
        return sum(group_sizes(instance, present))
    return pair_seats(instance, present)


def plan_sit_outs(instance: RoundsInstance, prep: Prepared, priority: Mapping[int, float]) -> Plan:
    """Choose who sits out in every free round under the rotation rule."""
    sits = dict(prep.fixed_sits)
    triples = {p: 0 for p in instance.people}
    seated: list[frozenset[int]] = [frozenset()] * prep.first
    joiners: list[int | None] = [None] * prep.first
    for r in range(prep.first, instance.rounds):
        present = prep.present[r]
        seats = seats_in_round(instance, len(present))
        out = len(present) - seats
        order = sorted(present, key=lambda p: (sits[p], triples[p], priority.get(p, 0.0), p))
        sitters = order[:out]
        joiner = None
        if instance.table_size == 2 and instance.allow_triples and sitters and seats >= 2:
            joiner = min(sitters, key=lambda p: (triples[p], -priority.get(p, 0.0), p))
            triples[joiner] += 1
        for p in sitters:
            if p != joiner:
                sits[p] += 1
        seated.append(frozenset(present) - set(sitters))
        joiners.append(joiner)
    return Plan(tuple(seated), tuple(joiners))

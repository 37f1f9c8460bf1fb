"""Repair the sit-out rotation of a pairs schedule after optimisation.

The rule (see ``rounds_validate._rotation``): a person must not sit out while someone who has
sat out less often so far has a seat the sitter could take, i.e. the sitter may meet that
person's partner. The optimiser trades seats for score; this pass walks the rounds in order and
gives such a seat to the sitter, choosing the exchange that loses the least score, as long as
the new pair does not meet in any other round. Each exchange moves a sit-out from someone with
more to someone with fewer, so the passes end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.rounds_data import key, weight

if TYPE_CHECKING:
    from solver.rounds import RoundsInstance

Table = tuple[int, ...]


def repair_rotation(instance: RoundsInstance, rounds: list[list[Table]]) -> list[list[Table]]:
    """Return ``rounds`` with unfair sit-outs exchanged where a seat can change hands."""
    rounds = [list(r) for r in rounds]
    first = len(instance.fixed)
    meets: dict[tuple[int, int], int] = {}  # pair -> round it meets in
    for r, tables in enumerate(rounds):
        for t in tables:
            if len(t) == 2:
                meets[key(*t)] = r
    sits = {p: 0 for p in instance.people}
    for r, tables in enumerate(rounds):
        seated = {p for t in tables for p in t}
        out = [p for p in instance.people if instance.is_present(p, r) and p not in seated]
        if r >= first:
            out = _exchange(instance, rounds, r, out, sits, meets)
        for p in out:
            sits[p] += 1
    return rounds


def _exchange(instance, rounds, r: int, out: list[int], sits: dict, meets: dict) -> list[int]:  # noqa: ANN001
    """Seat unfairly waiting people of round r in place of partners with fewer sit-outs."""
    out = sorted(out, key=lambda p: -sits[p])
    for i, p in enumerate(out):
        best = None
        for n, table in enumerate(rounds[r]):
            if len(table) != 2:
                continue
            for q, z in (table, table[::-1]):
                if sits[q] >= sits[p] or not _may_meet(instance, meets, p, z):
                    continue
                loss = weight(instance, q, z) - weight(instance, p, z)
                if best is None or loss < best[0]:
                    best = (loss, n, q, z)
        if best is None:
            continue
        _, n, q, z = best
        del meets[key(q, z)]
        meets[key(p, z)] = r
        rounds[r][n] = key(p, z)
        out[i] = q
    return out


def _may_meet(instance: RoundsInstance, meets, p: int, z: int) -> bool:  # noqa: ANN001
    k = key(p, z)
    if p == z or k in meets or k in instance.excluded:
        return False
    return instance.sides is None or instance.sides.get(p) != instance.sides.get(z)


def avoidable_sit_outs(instance: RoundsInstance, rounds) -> int:  # noqa: ANN001
    """Count sit-outs that break the rotation rule and could have been avoided altogether.

    ``rounds_validate`` flags a sit-out whenever the sitter could have taken a seat of someone
    who had sat out less so far; when the sitter meets that seat's partner in another round,
    taking the seat only moves the sit-out to that round. This counts only those where the
    partner is someone the sitter never meets: the sit-out was chosen, not forced.
    """
    meets = {key(*t) for tables in rounds for t in tables if len(t) == 2}
    sits = {p: 0 for p in instance.people}
    avoidable = 0
    for r, tables in enumerate(rounds):
        seated = {p for t in tables for p in t}
        out = [p for p in instance.people if instance.is_present(p, r) and p not in seated]
        for p in out:
            avoidable += any(
                sits[q] < sits[p] and _may_meet(instance, meets, p, z)
                for t in tables
                if len(t) == 2
                for q, z in (t, t[::-1])
            )
        for p in out:
            sits[p] += 1
    return avoidable

"""Split a chosen set of pairs into rounds (edge colouring), then pair who is left over.

Colours are rounds; a person can only take the rounds they are seated in. Pairs are coloured
best first; when the two people have no free round in common, a Kempe chain (the path that
alternates between round alpha, free for u, and round beta, free for v) is swapped so that alpha
becomes free for v as well. A pair that no swap can place is dropped. Afterwards, the people of
each round without a partner are matched among themselves over every pair still allowed
(``match_people``), so a dropped pair costs its score but seldom a seat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

Pair = tuple[int, int]
# partner[p][r] = q: p sits with q in round r
Partners = dict[int, dict[int, int]]

EXACT_MATCHING = 80


def color_pairs(chosen: Sequence[Pair], rounds_of: dict[int, frozenset[int]]) -> Partners:
    """Assign each chosen pair a round both are seated in; pairs that do not fit are dropped."""
    partner: Partners = {p: {} for p in rounds_of}
    for u, v in chosen:
        free_u = rounds_of[u] - partner[u].keys()
        free_v = rounds_of[v] - partner[v].keys()
        common = free_u & free_v
        if common:
            _link(partner, u, v, min(common))
            continue
        placed = _kempe(partner, rounds_of, u, v, free_u, free_v)
        if not placed:
            _kempe(partner, rounds_of, v, u, free_v, free_u)
    return partner


def _link(partner: Partners, u: int, v: int, r: int) -> None:
    partner[u][r] = v
    partner[v][r] = u


def _kempe(
    partner: Partners,
    rounds_of: dict[int, frozenset[int]],
    u: int,
    v: int,
    free_u: frozenset[int],
    free_v: frozenset[int],
) -> bool:
    """Free a round alpha at v by swapping an alpha/beta chain from v; then seat u with v."""
    for alpha in sorted(free_u & rounds_of[v]):
        for beta in sorted(free_v & rounds_of[u]):
            path = _chain(partner, v, alpha, beta)
            if path is None or any(u in e for e in path):
                continue
            if not all(
                {alpha, beta} <= rounds_of[x] and {alpha, beta} <= rounds_of[y] for x, y in path
            ):
                continue
            for i, (x, y) in enumerate(path):
                old = alpha if i % 2 == 0 else beta
                del partner[x][old], partner[y][old]
            for i, (x, y) in enumerate(path):
                _link(partner, x, y, beta if i % 2 == 0 else alpha)
            _link(partner, u, v, alpha)
            return True
    return False


def _chain(partner: Partners, start: int, alpha: int, beta: int, limit: int = 10_000):
    """Return the edges of the alpha/beta alternating path from ``start`` (None if a cycle)."""
    path: list[Pair] = []
    node, colour = start, alpha
    while colour in partner[node]:
        nxt = partner[node][colour]
        path.append((node, nxt))
        if nxt == start or len(path) > limit:
            return None
        node, colour = nxt, beta if colour == alpha else alpha
    return path


def match_people(
    people: Sequence[int],
    weight: Callable[[int, int], float],
    allowed: Callable[[int, int], bool],
    time_limit: float = 2.0,
) -> list[Pair]:
    """Pair as many of ``people`` as possible, then maximise the score (exact when small)."""
    people = sorted(people)
    candidates = [(p, q) for i, p in enumerate(people) for q in people[i + 1 :] if allowed(p, q)]
    if len(people) <= EXACT_MATCHING:
        found = _exact_matching(people, candidates, weight, time_limit)
        if found is not None:
            return found
    # large leftovers (few positive scores): best pairs first, a maximal matching
    taken: set[int] = set()
    result = []
    for p, q in sorted(candidates, key=lambda e: -weight(*e)):
        if p not in taken and q not in taken:
            taken.update((p, q))
            result.append((p, q))
    return result


def _exact_matching(people, candidates, weight, time_limit: float) -> list[Pair] | None:
    if not candidates:
        return []
    model = cp_model.CpModel()
    x = {e: model.new_bool_var("") for e in candidates}
    for p in people:
        model.add_at_most_one(x[e] for e in candidates if p in e)
    big = 1 + sum(round(10 * weight(*e)) for e in candidates)
    model.maximize(sum((big + round(10 * weight(*e))) * var for e, var in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [e for e, var in x.items() if solver.value(var)]

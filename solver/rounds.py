"""Speed-dating rounds: seat participants round by round with someone new, best pairs first.

In every round each present participant sits at a table with people they have not met yet (a
pair, or a group of ``table_size`` in the networking format), and the schedule maximises the sum
of the pair scores at the tables, with a fairness term so that nobody gets only weak matches.

Pairs (``table_size == 2``) are solved in stages, all inside one time limit:

1. ``rounds_bound``: the LP relaxation of the degree-constrained b-matching (each person in at
   most as many pairs as rounds they sit, each pair at most once, at most the seats of every
   round in total), solved with HiGHS. Its duals rank people by the value of one more round.
2. Sit-outs are planned round by round (``rounds_plan``): who sits out must have sat out least
   so far (fixed rounds count), ties broken towards people whose round is worth least.
3. The same LP with the planned seats, a bonus per seat and the fairness term picks *who meets
   whom*; its rounded solution is split into rounds by edge colouring with Kempe-chain repairs,
   and people a round leaves without a partner are matched among themselves (``rounds_pairs``,
   ``rounds_color``). If the round robin seats more people, it is the start instead.
4. Up to ``EXACT_PEOPLE`` people, CP-SAT then solves the whole event with that as its hint,
   choosing the sit-outs itself under the rotation rule (``rounds_cpsat``), and can prove the
   optimum. Larger events re-match one round at a time with CP-SAT while the others stay, pass
   after pass, until the time is up or nothing changes (``rounds_rematch``).

Group tables (``table_size > 2``) use a greedy construction with swap improvement
(``rounds_groups``). ``circle_method`` is the round-robin baseline; ``validate_rounds`` checks any
schedule without CP-SAT.

Fairness term (``RoundsConfig.fairness`` = lambda, ``fair_share`` = alpha): a person's *fair
target* is alpha times the sum of their best k allowed scores, k = rounds they sit; every point a
person's schedule stays below that target costs lambda points of objective. The objective is
``total - lambda * sum of shortfalls``; the reported ``total`` and ``bound`` are plain score sums.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from solver.rounds_bound import rounds_bound
from solver.rounds_circle import circle_method
from solver.rounds_data import pair_maps
from solver.rounds_validate import RoundsReport, validate_rounds
from solver.schema import Status

__all__ = [
    "RoundsConfig",
    "RoundsInstance",
    "RoundsProgress",
    "RoundsReport",
    "RoundsSolution",
    "circle_method",
    "pair_maps",
    "rounds_bound",
    "solve_rounds",
    "validate_rounds",
]

Table = tuple[int, ...]


@dataclass(frozen=True)
class RoundsInstance:
    # participant ids (any distinct ints)
    people: tuple[int, ...]
    # pair score 0..100 keyed (min_id, max_id); a missing pair scores 0 but may still meet
    scores: Mapping[tuple[int, int], float]
    rounds: int
    # (min_id, max_id) pairs that must never sit together
    excluded: frozenset[tuple[int, int]] = frozenset()
    # person -> rounds they are not present in (late arrival, early leave)
    absent: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # two-sided event: person -> 0 or 1; only cross-side pairs (groups: tables with both sides)
    sides: Mapping[int, int] | None = None
    # 2 = pairs; k > 2 = group tables of up to k people
    table_size: int = 2
    # pairs with an odd number seated: one table of three instead of a sit-out
    allow_triples: bool = False
    # rounds 0..len(fixed)-1 already held: per round its tables; returned unchanged
    fixed: tuple[tuple[Table, ...], ...] = ()
    # physical tables per round (None: as many as needed)
    tables: int | None = None

    def __post_init__(self) -> None:
        if len(set(self.people)) != len(self.people):
            raise ValueError("participant ids must be distinct")
        if self.rounds < 0 or self.table_size < 2:
            raise ValueError("rounds must be >= 0 and table_size >= 2")
        if len(self.fixed) > self.rounds:
            raise ValueError("more fixed rounds than rounds")
        if self.tables is not None and self.tables < 0:
            raise ValueError("tables must be >= 0")

    def is_present(self, person: int, round_: int) -> bool:
        """Return whether ``person`` attends round ``round_``."""
        return round_ not in self.absent.get(person, frozenset())


@dataclass(frozen=True)
class RoundsConfig:
    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    # lambda: objective points given up per point a person stays below their fair target
    fairness: float = 1.0
    # alpha: a person's fair target is this share of the sum of their best possible scores
    fair_share: float = 0.5


@dataclass(frozen=True)
class RoundsProgress:
    """What a running solve reports to its callback after each stage."""

    stage: str
    total: float
    bound: float
    seconds: float


@dataclass(frozen=True)
class RoundsSolution:
    # per round: tables (sorted tuples of ids), table order = table number
    rounds: tuple[tuple[Table, ...], ...]
    # per round: present people without a table
    sit_outs: tuple[tuple[int, ...], ...]
    # sum over tables of the pair scores within the table
    total: float
    # an upper bound on ``total`` over all schedules (``rounds_bound``)
    bound: float
    status: str
    seconds: float
    # how the schedule was found, and figures of the stages
    statistics: Mapping[str, float | str] = field(default_factory=dict)


def solve_rounds(
    instance: RoundsInstance,
    config: RoundsConfig = RoundsConfig(),  # noqa: B008 - frozen, so a shared default is safe
    progress: Callable[[RoundsProgress], None] | None = None,
) -> RoundsSolution:
    """Choose the tables of every round, maximising total score with fair sit-outs."""
    from solver.rounds_engine import run

    start = time.perf_counter()
    rounds, stats, exact = run(instance, config, progress, start)
    return finish(instance, rounds, stats, exact, start)


def finish(
    instance: RoundsInstance,
    rounds: list[list[Table]],
    stats: dict,
    exact: bool,
    start: float,
) -> RoundsSolution:
    """Assemble a solution: sorted tables, sit-outs, recomputed total, bound and status."""
    from solver.rounds_data import schedule_total, sit_outs_of

    tables = tuple(tuple(tuple(sorted(t)) for t in r) for r in rounds)
    total = schedule_total(instance, tables)
    bound = float(stats.get("bound", rounds_bound(instance)))
    # the bound carries a hair of slack (see rounds_bound), so compare with a tolerance
    if exact or total >= bound - 1e-6 * max(1.0, bound):
        status = Status.OPTIMAL
    else:
        status = Status.FEASIBLE
    return RoundsSolution(
        rounds=tables,
        sit_outs=sit_outs_of(instance, tables),
        total=total,
        bound=bound,
        status=status.value,
        seconds=time.perf_counter() - start,
        statistics=stats,
    )

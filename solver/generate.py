"""Generate realistic select-mode matchmaking instances, deterministically per seed.

Model of an event:

* Sessions: ``sessions`` blocks of equal length (remainder to the last ones); even-numbered
  sessions are mornings, odd-numbered ones afternoons, two per day.
* Availability: when there are at least two sessions, 15 % of participants come only in the
  mornings and 15 % only in the afternoons; their other slots are ``forbidden``. Nobody else has
  forbidden slots.
* Requests: each participant sends about ``requests`` requests (Poisson, at least 1). Targets are
  drawn with a Zipf-like popularity skew, weight ``(rank + 5) ** -0.7``, so a few participants are
  requested by very many.
* Weights: a request is must-meet (25 %, priority 3) or would-like (priority 1). A one-sided
  request becomes a meeting of weight = its priority; a mutual request (a asked b and b asked a)
  becomes one meeting of weight = max of both priorities + 2 (so 3 or 5).
* 5 % of meetings are restricted to one session both participants attend; requests between
  participants who share no session are dropped (they could never take place).
* Capacity: 25 % of participants accept at most ``slots/4 .. slots/2`` meetings (``max_meetings``).
* Tables: by default 90 % of the estimated load per slot (half the sum over participants of
  min(requests, available slots, max meetings), divided by the slots), so tables bind but do
  not dominate.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np

from solver.schema import Instance, Meeting, Session

MUST_MEET = 3
WOULD_LIKE = 1
MUTUAL_BONUS = 2
MUST_MEET_SHARE = 0.25
ONLY_MORNING_SHARE = 0.15
ONLY_AFTERNOON_SHARE = 0.15
CAPPED_SHARE = 0.25
SESSION_MEETING_SHARE = 0.05
TABLE_LOAD = 0.9


def split_sessions(slots: int, sessions: int) -> tuple[Session, ...]:
    """Split ``slots`` into ``sessions`` consecutive blocks of (almost) equal length."""
    if not 1 <= sessions <= slots:
        raise ValueError(f"need 1 <= sessions <= slots, got {sessions} sessions, {slots} slots")
    base, extra = divmod(slots, sessions)
    out, start = [], 0
    for index in range(sessions):
        length = base + (1 if index >= sessions - extra else 0)
        out.append(Session(start, start + length))
        start += length
    return tuple(out)


def _popularity(rng: np.random.Generator, participants: int) -> np.ndarray:
    ranks = rng.permutation(participants)
    weights = (ranks + 5.0) ** -0.7
    return np.cumsum(weights / weights.sum())


def _requests(rng: np.random.Generator, participants: int, requests: float) -> dict:
    """Return {(sender, target): priority} with popularity-skewed targets."""
    cumulative = _popularity(rng, participants)
    counts = np.clip(rng.poisson(requests, participants), 1, participants - 1)
    # Oversample with replacement, then keep the first distinct targets: cheap and deterministic.
    draws = np.searchsorted(cumulative, rng.random((participants, 4 * int(counts.max()) + 8)))
    draws = np.minimum(draws, participants - 1)
    must = rng.random((participants, draws.shape[1])) < MUST_MEET_SHARE
    out: dict[tuple[int, int], int] = {}
    for sender in range(participants):
        chosen: set[int] = set()
        for column, target in enumerate(draws[sender].tolist()):
            if len(chosen) >= counts[sender]:
                break
            if target == sender or target in chosen:
                continue
            chosen.add(target)
            out[(sender, target)] = MUST_MEET if must[sender, column] else WOULD_LIKE
    return out


def merge_requests(sent: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """Turn {(sender, target): priority} into {(low, high): meeting weight}, merging mutual ones."""
    pairs: dict[tuple[int, int], int] = {}
    for (a, b), priority in sent.items():
        key = (min(a, b), max(a, b))
        if key not in pairs:
            back = sent.get((b, a))
            pairs[key] = priority if back is None else max(priority, back) + MUTUAL_BONUS
    return pairs


def generate(
    participants: int,
    slots: int,
    sessions: int = 2,
    requests: float = 8.0,
    tables: int | None = None,
    seed: int = 0,
) -> Instance:
    """Generate a select-mode instance as described in the module docstring."""
    if participants < 2:
        raise ValueError("need at least two participants")
    rng = np.random.default_rng(seed)
    blocks = split_sessions(slots, sessions)
    # attends[p]: the sessions participant p comes to
    everything = frozenset(range(sessions))
    attends = [everything] * participants
    if sessions >= 2:
        mornings = frozenset(range(0, sessions, 2))
        afternoons = frozenset(range(1, sessions, 2))
        draw = rng.random(participants)
        for p in range(participants):
            if draw[p] < ONLY_MORNING_SHARE:
                attends[p] = mornings
            elif draw[p] < ONLY_MORNING_SHARE + ONLY_AFTERNOON_SHARE:
                attends[p] = afternoons
    forbidden = {
        p: frozenset(
            t for s in range(sessions) if s not in attends[p] for t in range(*_span(blocks[s]))
        )
        for p in range(participants)
        if attends[p] != everything
    }
    capped = rng.random(participants) < CAPPED_SHARE
    low, high = max(1, slots // 4), max(1, slots // 2)
    limits = rng.integers(low, high + 1, participants)
    max_meetings = {p: int(limits[p]) for p in range(participants) if capped[p]}

    pairs = merge_requests(_requests(rng, participants, requests))
    order = rng.permutation(len(pairs))
    keys = list(pairs)
    restrict = rng.random(len(keys)) < SESSION_MEETING_SHARE
    pick = rng.random(len(keys))
    meetings: list[Meeting] = []
    for index in order.tolist():
        a, b = keys[index]
        shared = sorted(attends[a] & attends[b])
        if not shared:
            continue
        session = shared[int(pick[index] * len(shared))] if restrict[index] else None
        meetings.append(Meeting(a, b, session, pairs[keys[index]]))

    if tables is None:
        degree = [0] * participants
        for m in meetings:
            degree[m.a] += 1
            degree[m.b] += 1
        load = sum(
            min(degree[p], slots - len(forbidden.get(p, ())), max_meetings.get(p, slots))
            for p in range(participants)
        )
        tables = max(1, math.ceil(TABLE_LOAD * load / 2 / slots))
    return Instance(
        name=f"gen-{participants}p-{slots}s-{sessions}k-r{requests:g}-seed{seed}",
        participants=participants,
        slots=slots,
        tables=tables,
        meetings=tuple(meetings),
        sessions=blocks,
        select=True,
        max_meetings=max_meetings,
        forbidden=forbidden,
        source="solver.generate",
    )


def _span(session: Session) -> tuple[int, int]:
    return session.start, session.end


def main(argv: list[str] | None = None) -> None:
    """Write a generated instance to a JSON file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, required=True)
    parser.add_argument("--slots", type=int, required=True)
    parser.add_argument("--sessions", type=int, default=2)
    parser.add_argument("--requests", type=float, default=8.0)
    parser.add_argument("--tables", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    instance = generate(
        args.participants, args.slots, args.sessions, args.requests, args.tables, args.seed
    )
    args.out.write_text(json.dumps(instance.to_json()), encoding="utf-8")
    print(
        f"{args.out}: {instance.participants} participants, {len(instance.meetings)} meetings, "
        f"{instance.slots} slots, {instance.tables} tables"
    )


if __name__ == "__main__":
    main()

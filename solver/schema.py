"""Solver input and output: frozen dataclasses holding ids and numbers only.

Participants, slots, tables and meetings are numbered from 0. The JSON format (version 1) is the
one described in ``../shared/benchmarks/README.md``; ``Instance.from_json`` reads it and
``Instance.to_json`` writes it back, with the extensions the web app needs (sessions of any number,
booths, locked meetings, mandatory flags, a previous schedule) stored under extra keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Session:
    """A block of consecutive slots ``start .. end-1`` (e.g. morning, afternoon, day 2)."""

    start: int
    end: int


@dataclass(frozen=True)
class Meeting:
    """A candidate meeting between participants ``a`` and ``b``.

    ``session`` restricts it to one session (index into ``Instance.sessions``); None means any.
    ``mandatory`` meetings must be scheduled even in select mode.
    """

    a: int
    b: int
    session: int | None = None
    weight: int = 1
    mandatory: bool = False


@dataclass(frozen=True)
class Instance:
    name: str
    participants: int
    slots: int
    tables: int
    meetings: tuple[Meeting, ...]
    sessions: tuple[Session, ...] = ()
    # False: every meeting must be scheduled. True: choose meetings, maximising total weight.
    select: bool = False
    max_meetings: Mapping[int, int] = field(default_factory=dict)
    forbidden: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # meeting -> slot it must take place in
    fixed: Mapping[int, int] = field(default_factory=dict)
    # meeting -> (slot, table) it is locked to (kept as it is; implies scheduled)
    locked: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    # meeting -> meetings that must take place in earlier slots
    precedences: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    # participant -> table: a booth owner meets only at their booth, and nobody else uses it
    booths: Mapping[int, int] = field(default_factory=dict)
    # breaks of any two participants may differ by at most this much (None: no bound)
    fairness: int | None = None
    # meeting -> (slot, table) of an earlier schedule, to change as little as possible
    previous: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    published_optimum_breaks: int | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if not self.sessions:
            object.__setattr__(self, "sessions", (Session(0, self.slots),))
        problems = self._shape_errors()
        if problems:
            raise ValueError("; ".join(problems))

    def _shape_errors(self) -> list[str]:
        """Ids that name no meeting, participant or slot range of the instance, and a negative
        fairness bound: input errors, not infeasibility (``solver.explain`` says what makes a
        schedule impossible). At most ten."""
        n, people = len(self.meetings), range(self.participants)
        out = [
            f"session {s.start}..{s.end} is not a range of slots 0..{self.slots}"
            for s in self.sessions
            if not 0 <= s.start <= s.end <= self.slots
        ]
        for i, m in enumerate(self.meetings):
            if m.a == m.b or m.a not in people or m.b not in people:
                out.append(
                    f"meeting {i} ({m.a}-{m.b}) needs two different participants of "
                    f"0..{self.participants - 1}"
                )
            if m.session is not None and not 0 <= m.session < len(self.sessions):
                out.append(f"meeting {i}: session {m.session} does not exist")
        named = (("fixed", self.fixed), ("locked", self.locked), ("previous", self.previous))
        for rule, ids in (*named, ("precedences", self.precedences)):
            out += [f"{rule}: meeting {i} does not exist" for i in ids if not 0 <= i < n]
        for earlier in self.precedences.values():
            out += [f"precedences: meeting {e} does not exist" for e in earlier if not 0 <= e < n]
        kinds = (("max_meetings", self.max_meetings), ("forbidden", self.forbidden))
        for rule, ids in (*kinds, ("booths", self.booths)):
            out += [f"{rule}: participant {p} does not exist" for p in ids if p not in people]
        if self.fairness is not None and self.fairness < 0:
            out.append(f"fairness {self.fairness} is negative")
        return out[:10]

    def session_of_slot(self, slot: int) -> int:
        """Return the index of the session that holds ``slot``."""
        for index, session in enumerate(self.sessions):
            if session.start <= slot < session.end:
                return index
        raise ValueError(f"slot {slot} lies in no session")

    def allowed_slots(self, meeting: int) -> list[int]:
        """Return the slots in which ``meeting`` may take place (session and availability)."""
        m = self.meetings[meeting]
        if m.session is None:
            candidates = range(self.slots)
        else:
            s = self.sessions[m.session]
            candidates = range(s.start, s.end)
        blocked = self.forbidden.get(m.a, frozenset()) | self.forbidden.get(m.b, frozenset())
        return [t for t in candidates if t not in blocked]

    # --- JSON -----------------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Instance:
        """Build an instance from the benchmark JSON format (version 1, plus extensions)."""
        slots = int(data["slots"])
        if "sessions" in data:
            sessions = tuple(Session(int(s), int(e)) for s, e in data["sessions"])
            names: dict[str, int] = {str(i): i for i in range(len(sessions))}
        else:
            morning = int(data.get("morning_slots", slots))
            sessions = (Session(0, morning), Session(morning, slots))
            names = {"morning": 0, "afternoon": 1}
        weights = data.get("weights") or [1] * len(data["meetings"])
        if len(weights) != len(data["meetings"]):
            raise ValueError(f"{len(weights)} weights for {len(data['meetings'])} meetings")
        select = bool(data.get("select", False))
        mandatory = set(data.get("mandatory", []))
        participants = int(data["participants"])
        meetings = []
        for index, (row, weight) in enumerate(zip(data["meetings"], weights, strict=True)):
            if not 2 <= len(row) <= 3:
                raise ValueError(f"meeting {index}: expected [a, b] or [a, b, session], got {row}")
            a, b = int(row[0]), int(row[1])
            tag = row[2] if len(row) > 2 else "any"
            if tag not in ("any", None) and str(tag) not in names:
                raise ValueError(f"meeting {index}: unknown session {tag!r}")
            session = None if tag in ("any", None) else names[str(tag)]
            meetings.append(Meeting(a, b, session, int(weight), index in mandatory))
        return cls(
            name=str(data["name"]),
            participants=participants,
            slots=slots,
            tables=int(data["tables"]),
            meetings=tuple(meetings),
            sessions=sessions,
            select=select,
            max_meetings={int(k): int(v) for k, v in data.get("max_meetings", {}).items()},
            forbidden={
                int(k): frozenset(int(t) for t in v) for k, v in data.get("forbidden", {}).items()
            },
            fixed={int(k): int(v) for k, v in data.get("fixed", {}).items()},
            locked={int(k): (int(v[0]), int(v[1])) for k, v in data.get("locked", {}).items()},
            precedences={
                int(k): tuple(int(x) for x in v) for k, v in data.get("precedences", {}).items()
            },
            booths={int(k): int(v) for k, v in data.get("booths", {}).items()},
            fairness=None if data.get("fairness") is None else int(data["fairness"]),
            previous={int(k): (int(v[0]), int(v[1])) for k, v in data.get("previous", {}).items()},
            published_optimum_breaks=data.get("published_optimum_breaks"),
            source=str(data.get("source", "")),
        )

    def to_json(self) -> dict[str, Any]:
        """Return the instance as JSON-ready data (the extended format, sessions explicit)."""
        out: dict[str, Any] = {
            "name": self.name,
            "source": self.source,
            "participants": self.participants,
            "slots": self.slots,
            "sessions": [[s.start, s.end] for s in self.sessions],
            "tables": self.tables,
            "meetings": [
                [m.a, m.b, "any" if m.session is None else str(m.session)] for m in self.meetings
            ],
            "weights": [m.weight for m in self.meetings],
            "select": self.select,
        }
        if len(self.sessions) == 2 and self.sessions[0].start == 0:
            out["morning_slots"] = self.sessions[0].end
        optional = {
            "mandatory": [i for i, m in enumerate(self.meetings) if m.mandatory],
            "max_meetings": {str(k): v for k, v in self.max_meetings.items()},
            "forbidden": {str(k): sorted(v) for k, v in self.forbidden.items()},
            "fixed": {str(k): v for k, v in self.fixed.items()},
            "locked": {str(k): list(v) for k, v in self.locked.items()},
            "precedences": {str(k): list(v) for k, v in self.precedences.items()},
            "booths": {str(k): v for k, v in self.booths.items()},
            "previous": {str(k): list(v) for k, v in self.previous.items()},
        }
        out.update({k: v for k, v in optional.items() if v})
        if self.fairness is not None:
            out["fairness"] = self.fairness
        if self.published_optimum_breaks is not None:
            out["published_optimum_breaks"] = self.published_optimum_breaks
        return out


def load_instance(path: str | Path) -> Instance:
    """Read an instance from a JSON file."""
    return Instance.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Assignment:
    meeting: int
    slot: int
    table: int


@dataclass(frozen=True)
class Progress:
    """What a running solve reports to its callback."""

    objective: float
    bound: float
    seconds: float
    scheduled: int


@dataclass(frozen=True)
class Config:
    time_limit: float = 10.0
    workers: int = 2
    seed: int = 0
    # Organiser weights of the lexicographic objective's later terms (the weight term comes first).
    minimise_breaks: bool = True
    minimise_changes: bool = True
    minimise_table_changes: bool = True
    # With a previous agenda: rank keeping meetings where they are above fewer breaks (after
    # publication people plan around their agenda; closing a gap is not worth moving others).
    prefer_stability: bool = False
    progress: Callable[[Progress], None] | None = None


@dataclass(frozen=True)
class Solution:
    status: Status
    assignments: tuple[Assignment, ...] = ()
    weight: int = 0
    breaks: int = 0
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    # Human-readable reasons when the input is infeasible.
    explanation: tuple[str, ...] = ()
    statistics: Mapping[str, Any] = field(default_factory=dict)

    @property
    def scheduled(self) -> int:
        return len(self.assignments)

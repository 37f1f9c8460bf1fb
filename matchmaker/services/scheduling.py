"""Map an event onto the solver's Instance, and write a Solution back as meetings.

Candidates are the accepted requests (a request both ways counts once, as mutual, worth more);
availability comes from the sessions a participant chose and the single slots they blocked;
locked meetings stay where they are and the current agenda is passed as the previous schedule,
so a re-solve changes as little as it can. Writing back keeps each pair's meeting (and so its
calendar UID) and raises the revision of every meeting that moves or is cancelled.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import ORMOption

from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Exclusion,
    Item,
    Meeting,
    MeetingRequest,
    Participant,
)
from matchmaker.models.enums import (
    MeetingOrigin,
    MeetingStatus,
    ParticipantStatus,
    RequestPriority,
    RequestStatus,
)
from matchmaker.services.events import active_tables
from matchmaker.services.matching import profile_of, scoring_config
from matchmaker.services.slots import Slot, event_slots
from solver.schema import Instance, Session, Solution
from solver.schema import Meeting as Candidate
from solver.scoring import score

PRIORITY_WEIGHT = {RequestPriority.MUST: 3, RequestPriority.WOULD_LIKE: 1}
MUTUAL_BONUS = 2


@dataclass(frozen=True)
class InstanceMap:
    """How the solver's numbers map back onto the event's rows."""

    participant_ids: tuple[int, ...]  # participant index -> Participant.id
    slots: tuple[Slot, ...]  # slot index -> Slot
    location_ids: tuple[int, ...]  # table index -> Location.id
    origins: tuple[MeetingOrigin, ...]  # meeting index -> origin
    request_ids: tuple[int | None, ...]  # meeting index -> a request behind it


def _sessions(slots: list[Slot]) -> tuple[Session, ...]:
    bounds: dict[int, list[int]] = defaultdict(list)
    for slot in slots:
        bounds[slot.session_index].append(slot.index)
    return tuple(Session(min(v), max(v) + 1) for _, v in sorted(bounds.items()))


def present_participants(event: Event, *options: ORMOption) -> list[Participant]:
    """Return the confirmed participants not marked absent, by id, availability loaded."""
    return list(
        db.session.scalars(
            select(Participant)
            .where(
                Participant.event_id == event.id,
                Participant.status == ParticipantStatus.CONFIRMED,
                Participant.absent.is_(False),
            )
            .order_by(Participant.id)
            .options(
                selectinload(Participant.sessions),
                selectinload(Participant.blocked_slots),
                *options,
            )
        )
    )


def forbidden_slots(people: list[Participant], slots: list[Slot]) -> dict[int, frozenset[int]]:
    """Return, per participant id, the slot indexes they cannot attend (only non-empty sets).

    Availability comes from the sessions a participant chose (none chosen: available throughout)
    and the single slots they blocked.
    """
    slot_at = {slot.starts_at: slot.index for slot in slots}
    forbidden: dict[int, frozenset[int]] = {}
    for person in people:
        chosen = {s.id for s in person.sessions}
        blocked = {slot_at[b.starts_at] for b in person.blocked_slots if b.starts_at in slot_at}
        if chosen:
            blocked |= {slot.index for slot in slots if slot.session_id not in chosen}
        if blocked:
            forbidden[person.id] = frozenset(blocked)
    return forbidden


def build_instance(event: Event) -> tuple[Instance, InstanceMap]:
    """Return the scheduling problem of an event and the map back to its rows."""
    people = present_participants(event)
    index = {p.id: i for i, p in enumerate(people)}
    slots = event_slots(event)
    slot_at = {slot.starts_at: slot.index for slot in slots}
    locations = active_tables(event)
    table_of = {loc.id: t for t, loc in enumerate(locations)}
    booths = {index[loc.owner_id]: t for t, loc in enumerate(locations) if loc.owner_id in index}

    unavailable = forbidden_slots(people, slots)
    forbidden = {index[pid]: blocked for pid, blocked in unavailable.items()}

    excluded = {
        frozenset(pair)
        for pair in db.session.execute(
            select(Exclusion.participant_id, Exclusion.other_id).where(
                Exclusion.event_id == event.id
            )
        )
    }
    # candidates from accepted requests, one per pair
    by_pair: dict[frozenset[int], list[MeetingRequest]] = defaultdict(list)
    for request in db.session.scalars(
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id, MeetingRequest.status == RequestStatus.ACCEPTED)
        .order_by(MeetingRequest.id)
    ):
        pair = frozenset((request.sender_id, request.receiver_id))
        if pair <= index.keys() and pair not in excluded:
            by_pair[pair].append(request)
    current = {
        frozenset((m.participant_a_id, m.participant_b_id)): m
        for m in db.session.scalars(
            select(Meeting).where(
                Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED
            )
        )
    }
    pairs = list(by_pair)
    # locked meetings are kept even without a request behind them (e.g. added by hand)
    pairs += [p for p, m in current.items() if m.locked and p not in by_pair and p <= index.keys()]

    candidates, origins, request_ids = [], [], []
    locked: dict[int, tuple[int, int]] = {}
    previous: dict[int, tuple[int, int]] = {}
    for m_index, pair in enumerate(pairs):
        a, b = sorted(pair)
        requests = by_pair.get(pair, [])
        mutual = len({r.sender_id for r in requests}) == 2
        weight = max((PRIORITY_WEIGHT[r.priority] for r in requests), default=1)
        candidates.append(Candidate(index[a], index[b], None, weight + MUTUAL_BONUS * mutual))
        existing = current.get(pair)
        origins.append(
            MeetingOrigin.MUTUAL
            if mutual
            else MeetingOrigin.REQUEST
            if requests
            else existing.origin  # fmt: skip
        )
        request_ids.append(requests[0].id if requests else None)
        if existing is not None and existing.starts_at in slot_at:
            place = (slot_at[existing.starts_at], table_of.get(existing.location_id, -1))
            if place[1] >= 0:
                previous[m_index] = place
                if existing.locked:
                    locked[m_index] = place

    default_max = event.max_meetings_per_participant
    max_meetings = {
        i: p.max_meetings if p.max_meetings is not None else default_max
        for i, p in enumerate(people)
        if p.max_meetings is not None or default_max is not None
    }
    instance = Instance(
        name=event.slug,
        participants=len(people),
        slots=len(slots),
        tables=len(locations),
        meetings=tuple(candidates),
        sessions=_sessions(slots),
        select=True,
        max_meetings=max_meetings,
        forbidden=forbidden,
        locked=locked,
        booths=booths,
        previous=previous,
        source=f"event {event.slug}",
    )
    mapping = InstanceMap(
        participant_ids=tuple(p.id for p in people),
        slots=tuple(slots),
        location_ids=tuple(loc.id for loc in locations),
        origins=tuple(origins),
        request_ids=tuple(request_ids),
    )
    return instance, mapping


@dataclass(frozen=True)
class ProposedMeeting:
    """One meeting of a proposed agenda, in the event's own ids (JSON-ready via ``asdict``)."""

    a: int
    b: int
    starts_at: str  # ISO 8601, UTC
    ends_at: str
    location_id: int
    origin: str
    request_id: int | None
    round_number: int | None = None  # speed-dating rounds, counted from 1


def proposal(instance: Instance, mapping: InstanceMap, solution: Solution) -> list[ProposedMeeting]:
    """Translate a solution into meetings between participants at times and places."""
    rows = []
    for row in sorted(solution.assignments, key=lambda r: (r.slot, r.table)):
        candidate = instance.meetings[row.meeting]
        slot = mapping.slots[row.slot]
        rows.append(
            ProposedMeeting(
                a=mapping.participant_ids[candidate.a],
                b=mapping.participant_ids[candidate.b],
                starts_at=slot.starts_at.isoformat(),
                ends_at=slot.ends_at.isoformat(),
                location_id=mapping.location_ids[row.table],
                origin=mapping.origins[row.meeting].value,
                request_id=mapping.request_ids[row.meeting],
            )
        )
    return rows


@dataclass(frozen=True)
class ApplyResult:
    created: int
    moved: int
    unchanged: int
    cancelled: int


def apply_solution(
    event: Event,
    instance: Instance,
    mapping: InstanceMap,
    solution: Solution,
    *,
    run_id: int | None = None,
) -> ApplyResult:
    """Write a solution as the event's agenda, keeping each pair's meeting and its identity."""
    return apply_proposal(event, proposal(instance, mapping, solution), run_id=run_id)


def apply_proposal(
    event: Event, rows: list[ProposedMeeting], *, run_id: int | None = None
) -> ApplyResult:
    """Write proposed meetings as the event's agenda; each pair keeps its meeting and UID."""
    current: dict[frozenset[int], Meeting] = {}
    cancelled_before: dict[frozenset[int], Meeting] = {}
    for m in db.session.scalars(
        select(Meeting)
        .where(
            Meeting.event_id == event.id,
            Meeting.status.in_((MeetingStatus.PLANNED, MeetingStatus.CANCELLED)),
        )
        .order_by(Meeting.id)
    ):
        pair = frozenset((m.participant_a_id, m.participant_b_id))
        (current if m.status == MeetingStatus.PLANNED else cancelled_before)[pair] = m
    ids = {p for row in rows for p in (row.a, row.b)}
    people = {
        p.id: p
        for p in db.session.scalars(
            select(Participant)
            .where(Participant.id.in_(ids))
            .options(
                selectinload(Participant.items).joinedload(Item.category),
                selectinload(Participant.languages),
            )
        )
    }
    config = scoring_config(event)
    created = moved = unchanged = 0
    placed: set[frozenset[int]] = set()
    for row in rows:
        pair = frozenset((row.a, row.b))
        placed.add(pair)
        starts_at = datetime.fromisoformat(row.starts_at)
        ends_at = datetime.fromisoformat(row.ends_at)
        meeting = current.get(pair) or cancelled_before.get(pair)
        if meeting is None:
            match = score(profile_of(people[row.a]), profile_of(people[row.b]), config)
            db.session.add(
                Meeting(
                    event_id=event.id,
                    participant_a_id=row.a,
                    participant_b_id=row.b,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    location_id=row.location_id,
                    origin=MeetingOrigin(row.origin),
                    request_id=row.request_id,
                    round_number=row.round_number,
                    schedule_run_id=run_id,
                    score=match.value,
                    explanation=asdict(match.explanation),
                )
            )
            created += 1
        elif meeting.status == MeetingStatus.CANCELLED or (
            meeting.starts_at,
            meeting.ends_at,
            meeting.location_id,
            meeting.round_number,
        ) != (starts_at, ends_at, row.location_id, row.round_number):
            # a move, or the pair's cancelled meeting coming back under its UID: calendars
            # update the one entry instead of showing a cancelled and a new one side by side
            meeting.status = MeetingStatus.PLANNED
            meeting.starts_at, meeting.ends_at = starts_at, ends_at
            meeting.location_id = row.location_id
            meeting.round_number = row.round_number
            meeting.revision += 1
            meeting.schedule_run_id = run_id
            moved += 1
        else:
            unchanged += 1
    cancelled = 0
    for pair, meeting in current.items():
        if pair not in placed and not meeting.locked:
            meeting.status = MeetingStatus.CANCELLED
            meeting.revision += 1
            cancelled += 1
    db.session.flush()
    return ApplyResult(created, moved, unchanged, cancelled)

"""Speed-dating rounds: map an event onto the rounds solver, and its answer back onto meetings.

Each slot of a rounds event is a round; each active table seats one pair per round. Scores come
from the complementarity scoring, hard exclusions (no shared language, same organisation, "no
thanks", conflicts of interest) from the same place. Regenerating from round k keeps the rounds
before k as they are: their pairs are fixed, count for the sit-out rotation and are not repeated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Event, Exclusion, Item, Location, Meeting, Participant
from matchmaker.models.enums import (
    ActorType,
    EventFormat,
    MeetingOrigin,
    MeetingStatus,
    ParticipantStatus,
)
from matchmaker.services.agenda import AgendaDay
from matchmaker.services.events import active_tables
from matchmaker.services.matching import profile_of, scoring_config
from matchmaker.services.scheduling import (
    ProposedMeeting,
    forbidden_slots,
    present_participants,
)
from matchmaker.services.slots import Slot, event_slots
from solver.rounds import (
    RoundsConfig,
    RoundsInstance,
    RoundsProgress,
    RoundsSolution,
    circle_method,
    pair_maps,
    solve_rounds,
    validate_rounds,
)
from solver.scoring import scores_and_exclusions

HELD = (MeetingStatus.PLANNED, MeetingStatus.HELD)


class RoundsError(ValueError):
    """The rounds cannot be generated as asked; the message says why."""


@dataclass(frozen=True)
class RoundsMap:
    """How the solver's rounds and tables map back onto the event's slots and locations."""

    slots: tuple[Slot, ...]  # round index (0-based) -> slot
    location_ids: tuple[int, ...]  # table index -> Location.id
    from_round: int  # 0-based index of the first round to (re)generate
    kept: tuple[Meeting, ...]  # meetings of the rounds before ``from_round``


def two_sided(event: Event) -> frozenset[str]:
    """Return the actor types of side A in a two-sided event, or nothing (everyone meets)."""
    return frozenset((event.matching or {}).get("rounds_side_a", ()))


def set_two_sided(event: Event, side_a: list[str]) -> None:
    """Make the event two-sided with these actor types on side A (none: one-sided)."""
    known = {t.value for t in ActorType}
    unknown = sorted(set(side_a) - known)
    if unknown:
        raise RoundsError(_("unknown actor type: %(types)s", types=", ".join(unknown)))
    if len(set(side_a)) == len(known):
        raise RoundsError(_("side B would be empty: leave at least one actor type out"))
    settings = dict(event.matching or {})
    if side_a:
        settings["rounds_side_a"] = sorted(set(side_a))
    else:
        settings.pop("rounds_side_a", None)
    event.matching = settings  # a new dict, so that the JSON column is written


# what scoring needs of a participant
PROFILE = (
    selectinload(Participant.items).joinedload(Item.category),
    selectinload(Participant.languages),
)


def _rounds_of(event: Event) -> tuple:
    """The conditions of an event's round meetings that took place or will."""
    return (
        Meeting.event_id == event.id,
        Meeting.status.in_(HELD),
        Meeting.round_number.is_not(None),
    )


def round_meetings(event: Event) -> list[Meeting]:
    """Return the event's planned and held round meetings, by round and table."""
    return list(
        db.session.scalars(
            select(Meeting)
            .join(Location, Meeting.location_id == Location.id, isouter=True)
            .where(*_rounds_of(event))
            .order_by(Meeting.round_number, Location.number, Meeting.id)
            .options(selectinload(Meeting.participant_a), selectinload(Meeting.participant_b))
        )
    )


def check_rounds(event: Event, from_round: int) -> tuple[list[Slot], list[Location], list[Meeting]]:
    """Refuse rounds that cannot be generated; return the slots, tables and round meetings."""
    if event.format != EventFormat.ROUNDS:
        raise RoundsError(_("this event does not use the rounds format"))
    slots = event_slots(event)
    if not slots:
        raise RoundsError(_("add a session first: its slots are the rounds"))
    if not 1 <= from_round <= len(slots):
        raise RoundsError(
            _("choose a round between 1 and %(last)d", last=len(slots))  # fmt: skip
        )
    if event.group_size != 2:
        raise RoundsError(_("only tables for two are supported in the rounds format"))
    tables = active_tables(event)
    if not tables:
        raise RoundsError(_("create tables first: every pair needs a table"))
    existing = round_meetings(event)
    locked = sorted({m.round_number for m in existing if m.locked and m.round_number >= from_round})
    if locked:
        raise RoundsError(
            _(
                "round %(round)d has locked meetings: unlock them or regenerate from a later round",
                round=locked[0],
            )
        )
    return slots, tables, existing


def build_rounds_instance(event: Event, from_round: int = 1) -> tuple[RoundsInstance, RoundsMap]:
    """Return the rounds problem of an event from round ``from_round`` (counted from 1) on."""
    slots, tables, existing = check_rounds(event, from_round)
    start = from_round - 1
    kept = tuple(m for m in existing if m.round_number <= start)
    fixed: list[list[tuple[int, int]]] = [[] for _ in range(start)]
    for m in kept:
        fixed[m.round_number - 1].append(tuple(sorted((m.participant_a_id, m.participant_b_id))))

    active = present_participants(event, *PROFILE)
    active_ids = {p.id for p in active}
    gone_ids = {pid for m in kept for pid in (m.participant_a_id, m.participant_b_id)} - active_ids
    gone = list(
        db.session.scalars(
            select(Participant).where(Participant.id.in_(gone_ids)).options(*PROFILE)
        )
    )
    people = sorted(active + gone, key=lambda p: p.id)
    later = frozenset(range(start, len(slots)))
    absent = {pid: blocked for pid, blocked in forbidden_slots(active, slots).items()}
    for person in gone:  # left (or cancelled): in the kept rounds only
        absent[person.id] = later

    exclusions = frozenset(
        frozenset(pair)
        for pair in db.session.execute(
            select(Exclusion.participant_id, Exclusion.other_id).where(
                Exclusion.event_id == event.id
            )
        )
    )
    values, excluded = scores_and_exclusions(
        [profile_of(p) for p in people], scoring_config(event, exclusions)
    )
    ids = [p.id for p in people]
    scores, banned = pair_maps(ids, values, excluded)
    side_a = two_sided(event)
    sides = {p.id: 0 if p.actor_type.value in side_a else 1 for p in people} if side_a else None
    instance = RoundsInstance(
        people=tuple(ids),
        scores=scores,
        rounds=len(slots),
        excluded=banned,
        absent=absent,
        sides=sides,
        fixed=tuple(tuple(r) for r in fixed),
        tables=len(tables),
    )
    mapping = RoundsMap(tuple(slots), tuple(t.id for t in tables), start, kept)
    return instance, mapping


def rounds_proposal(mapping: RoundsMap, solution: RoundsSolution) -> list[ProposedMeeting]:
    """Return the meetings of a rounds solution: kept rounds as they are, later ones new."""
    rows = [
        ProposedMeeting(
            a=m.participant_a_id,
            b=m.participant_b_id,
            starts_at=m.starts_at.isoformat(),
            ends_at=m.ends_at.isoformat(),
            location_id=m.location_id,
            origin=m.origin.value,
            request_id=m.request_id,
            round_number=m.round_number,
        )
        for m in mapping.kept
    ]
    for r in range(mapping.from_round, len(solution.rounds)):
        slot = mapping.slots[r]
        for t, table in enumerate(solution.rounds[r]):
            a, b = table
            rows.append(
                ProposedMeeting(
                    a=a,
                    b=b,
                    starts_at=slot.starts_at.isoformat(),
                    ends_at=slot.ends_at.isoformat(),
                    location_id=mapping.location_ids[t],
                    origin=MeetingOrigin.RECOMMENDATION.value,
                    request_id=None,
                    round_number=r + 1,
                )
            )
    return rows


@dataclass(frozen=True)
class RoundsOutcome:
    rows: list[ProposedMeeting]
    statistics: dict
    errors: list[str]
    total: float
    bound: float


def solve_event_rounds(
    event: Event,
    *,
    from_round: int,
    time_limit: float,
    workers: int = 2,
    progress: Callable[[RoundsProgress], None] | None = None,
) -> RoundsOutcome:
    """Solve an event's rounds from ``from_round`` on; return the proposal and its figures."""
    instance, mapping = build_rounds_instance(event, from_round)
    config = RoundsConfig(time_limit=time_limit, workers=workers)
    solution = solve_rounds(instance, config, progress=progress)
    report = validate_rounds(instance, solution)
    baseline = circle_method(instance)
    rows = rounds_proposal(mapping, solution)
    statistics = {
        "format": EventFormat.ROUNDS.value,
        "status": str(solution.status),
        "rounds": instance.rounds,
        "from_round": from_round,
        "participants": len(instance.people),
        "tables": instance.tables,
        "placed": len(rows),
        "total": round(solution.total, 1),
        "bound": round(solution.bound, 1),
        "ratio": round(solution.total / solution.bound, 4) if solution.bound else 1.0,
        "circle_total": round(baseline.total, 1),
        "mean_score": round(report.mean_mean, 1),
        "lowest_mean_score": round(report.min_mean, 1),
        "sit_outs_max": max(report.sit_outs.values(), default=0),
        "sitting_out": sum(report.sit_outs.values()),
        "seconds": round(solution.seconds, 1),
    }
    return RoundsOutcome(rows, statistics, list(report.errors), solution.total, solution.bound)


@dataclass(frozen=True)
class BoardRound:
    number: int  # from 1
    slot: Slot
    cells: dict[int, Meeting]  # Location.id -> meeting
    sitting_out: list[Participant]


def board(event: Event) -> list[BoardRound]:
    """Return the rounds x tables board with who sits out in each round."""
    slots = event_slots(event)
    by_round: dict[int, list[Meeting]] = defaultdict(list)
    for m in round_meetings(event):
        by_round[m.round_number].append(m)
    active = present_participants(event)
    absent = forbidden_slots(active, slots)
    result = []
    for slot in slots:
        number = slot.index + 1
        seated = {p for m in by_round[number] for p in (m.participant_a_id, m.participant_b_id)}
        out = [
            p
            for p in active
            if p.id not in seated and slot.index not in absent.get(p.id, frozenset())
        ]
        cells = {m.location_id: m for m in by_round[number] if m.location_id is not None}
        result.append(BoardRound(number, slot, cells, out if by_round[number] else []))
    return result


@dataclass(frozen=True)
class SitOut:
    """A round in which a present participant has no partner."""

    round_number: int
    starts_at: datetime
    ends_at: datetime
    sit_out: bool = True


def rounds_days(event: Event, participant: Participant, meetings: list[Meeting]) -> list[AgendaDay]:
    """Return a participant's rounds by local day: their partner, or a sit-out, each round.

    Sit-outs are shown only for rounds that have been generated and the participant attends.
    """
    zone = ZoneInfo(event.timezone)
    slots = event_slots(event)
    generated = set(
        db.session.scalars(select(Meeting.round_number).where(*_rounds_of(event)).distinct())
    )
    away = forbidden_slots([participant], slots).get(participant.id, frozenset())
    seated = {m.round_number for m in meetings if m.status in HELD}
    entries: list[Meeting | SitOut] = list(meetings)
    if participant.status == ParticipantStatus.CONFIRMED and not participant.absent:
        entries += [
            SitOut(slot.index + 1, slot.starts_at, slot.ends_at)
            for slot in slots
            if slot.index + 1 in generated - seated and slot.index not in away
        ]
    days: dict[date, list[Meeting | SitOut]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.starts_at):
        days[entry.starts_at.astimezone(zone).date()].append(entry)
    return [AgendaDay(day, items) for day, items in sorted(days.items())]

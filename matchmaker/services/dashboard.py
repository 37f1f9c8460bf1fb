"""The organiser's figures of an event: who came, what was asked, what was held, what came of it.

These are the numbers an organiser puts into a funding report. Each figure is counted from the
rows as they are (meeting and request statuses, check-ins, feedback), so the dashboard, its CSV
and the printable report always agree with each other and with the database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Event, Feedback, Location, Meeting, MeetingRequest, Participant
from matchmaker.models.enums import (
    MeetingOrigin,
    MeetingStatus,
    ParticipantStatus,
    RequestStatus,
)
from matchmaker.services.slots import event_slots

RATINGS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Figures:
    """Everything the dashboard shows, as plain numbers (the CSV is the same data)."""

    participants: int  # registered, not cancelled
    confirmed: int
    checked_in: int
    absent: int
    registrations_by_day: list[tuple[date, int, int]]  # day, new, cumulative
    by_actor_type: list[tuple[str, int]]  # value, count (most first)
    by_country: list[tuple[str, int]]
    countries: int
    requests: dict[str, int]  # status -> count, plus "sent"
    meetings: dict[str, int]  # status -> count, plus "total"
    lost_to_absence: int  # cancelled or no-show meetings of someone marked absent
    standby_meetings: int  # replacements arranged for stranded partners (planned or held)
    cross_border_meetings: int
    cross_border_share: float  # of meetings planned or held
    per_slot: list[tuple[str, int, int]]  # slot start (ISO), meetings, tables
    per_table: list[tuple[str, int, int]]  # table name, meetings, slots
    average_breaks: float  # per participant with at least one meeting
    ratings: dict[int, int]  # rating -> count (first feedback round)
    average_rating: float | None
    follow_ups_planned: int
    cooperations_started: int
    feedback_given: int
    new_contacts: int  # distinct pairs that met (held), or planned if nothing is held yet
    notes: dict[str, str] = field(default_factory=dict)


def _counts(rows) -> list[tuple[str, int]]:  # noqa: ANN001
    return sorted(((str(k), int(n)) for k, n in rows), key=lambda kv: (-kv[1], kv[0]))


def event_figures(event: Event) -> Figures:
    """Count an event's figures from its rows."""
    e = event.id
    zone = ZoneInfo(event.timezone)
    registered = Participant.status != ParticipantStatus.CANCELLED
    people = db.session.execute(
        select(
            func.count(),
            func.count().filter(Participant.status == ParticipantStatus.CONFIRMED),
            func.count().filter(Participant.checked_in_at.is_not(None)),
            func.count().filter(Participant.absent.is_(True)),
        ).where(Participant.event_id == e, registered)
    ).one()
    created = db.session.scalars(
        select(Participant.created_at).where(Participant.event_id == e, registered)
    ).all()
    per_day = Counter(moment.astimezone(zone).date() for moment in created)
    running, by_day = 0, []
    for day in sorted(per_day):
        running += per_day[day]
        by_day.append((day, per_day[day], running))
    by_type = _counts(
        db.session.execute(
            select(Participant.actor_type, func.count())
            .where(Participant.event_id == e, registered)
            .group_by(Participant.actor_type)
        )
    )
    by_type = [(str(getattr(k, "value", k)), n) for k, n in by_type]
    by_country = _counts(
        db.session.execute(
            select(Participant.country, func.count())
            .where(Participant.event_id == e, registered)
            .group_by(Participant.country)
        )
    )
    requests = {
        str(getattr(s, "value", s)): int(n)
        for s, n in db.session.execute(
            select(MeetingRequest.status, func.count())
            .where(MeetingRequest.event_id == e)
            .group_by(MeetingRequest.status)
        )
    }
    requests = {s.value: requests.get(s.value, 0) for s in RequestStatus}
    requests["sent"] = sum(requests.values())

    meetings = list(
        db.session.scalars(select(Meeting).where(Meeting.event_id == e).order_by(Meeting.id))
    )
    status = Counter(m.status.value for m in meetings)
    meeting_counts = {s.value: status.get(s.value, 0) for s in MeetingStatus}
    meeting_counts["total"] = len(meetings)
    kept = [m for m in meetings if m.status in (MeetingStatus.PLANNED, MeetingStatus.HELD)]
    country = {
        pid: code
        for pid, code in db.session.execute(
            select(Participant.id, Participant.country).where(Participant.event_id == e)
        )
    }
    cross = sum(1 for m in kept if country[m.participant_a_id] != country[m.participant_b_id])
    absent = set(
        db.session.scalars(
            select(Participant.id).where(Participant.event_id == e, Participant.absent.is_(True))
        )
    )
    lost = sum(
        1
        for m in meetings
        if m.status in (MeetingStatus.CANCELLED, MeetingStatus.NO_SHOW)
        and {m.participant_a_id, m.participant_b_id} & absent
    )
    standby = sum(1 for m in kept if m.origin == MeetingOrigin.STANDBY)

    slots = event_slots(event)
    tables = list(
        db.session.scalars(
            select(Location)
            .where(Location.event_id == e, Location.active.is_(True))
            .order_by(Location.number)
        )
    )
    at_slot = Counter(m.starts_at for m in kept)
    at_table = Counter(m.location_id for m in kept)
    per_slot = [(s.starts_at.isoformat(), at_slot.get(s.starts_at, 0), len(tables)) for s in slots]
    per_table = [(t.name, at_table.get(t.id, 0), len(slots)) for t in tables]

    feedback = list(db.session.scalars(select(Feedback).join(Meeting).where(Meeting.event_id == e)))
    first = [f for f in feedback if f.round == 1]
    ratings = Counter(f.rating for f in first if f.rating is not None)
    rated = sum(ratings.values())
    held = {frozenset((m.participant_a_id, m.participant_b_id)) for m in meetings
            if m.status == MeetingStatus.HELD}  # fmt: skip
    contacts = held or {frozenset((m.participant_a_id, m.participant_b_id)) for m in kept}
    return Figures(
        participants=people[0],
        confirmed=people[1],
        checked_in=people[2],
        absent=people[3],
        registrations_by_day=by_day,
        by_actor_type=by_type,
        by_country=by_country,
        countries=len(by_country),
        requests=requests,
        meetings=meeting_counts,
        lost_to_absence=lost,
        standby_meetings=standby,
        cross_border_meetings=cross,
        cross_border_share=round(cross / len(kept), 4) if kept else 0.0,
        per_slot=per_slot,
        per_table=per_table,
        average_breaks=_average_breaks(kept, slots),
        ratings={r: ratings.get(r, 0) for r in RATINGS},
        average_rating=round(sum(r * n for r, n in ratings.items()) / rated, 2) if rated else None,
        follow_ups_planned=sum(1 for f in first if f.follow_up_planned),
        cooperations_started=sum(1 for f in feedback if f.cooperation_started),
        feedback_given=len(feedback),
        new_contacts=len(contacts),
        notes={"new_contacts": "held" if held else "planned"},
    )


def _average_breaks(meetings: list[Meeting], slots) -> float:  # noqa: ANN001
    """A break is a maximal run of idle slots between two meetings of one person in a session."""
    index = {s.starts_at: (s.session_index, s.index) for s in slots}
    mine: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in meetings:
        if m.starts_at in index:
            for p in (m.participant_a_id, m.participant_b_id):
                mine[p].append(index[m.starts_at])
    if not mine:
        return 0.0
    breaks = 0
    for places in mine.values():
        places.sort()
        breaks += sum(
            1
            for (s1, i1), (s2, i2) in zip(places, places[1:], strict=False)
            if s1 == s2 and i2 - i1 > 1
        )
    return round(breaks / len(mine), 2)


def figures_rows(figures: Figures) -> list[tuple[str, str, str]]:
    """Return the figures as (section, key, value) rows for a CSV file."""
    rows: list[tuple[str, str, str]] = [
        ("participants", "registered", str(figures.participants)),
        ("participants", "confirmed", str(figures.confirmed)),
        ("participants", "checked_in", str(figures.checked_in)),
        ("participants", "absent", str(figures.absent)),
        ("participants", "countries", str(figures.countries)),
    ]
    rows += [
        ("registrations", d.isoformat(), f"{n};{c}") for d, n, c in figures.registrations_by_day
    ]
    rows += [("actor_type", k, str(n)) for k, n in figures.by_actor_type]
    rows += [("country", k, str(n)) for k, n in figures.by_country]
    rows += [("requests", k, str(n)) for k, n in figures.requests.items()]
    rows += [("meetings", k, str(n)) for k, n in figures.meetings.items()]
    rows += [
        ("meetings", "lost_to_absence", str(figures.lost_to_absence)),
        ("meetings", "standby", str(figures.standby_meetings)),
        ("meetings", "cross_border", str(figures.cross_border_meetings)),
        ("meetings", "cross_border_share", f"{figures.cross_border_share:.4f}"),
        ("meetings", "average_breaks", f"{figures.average_breaks:.2f}"),
        ("meetings", "new_contacts", str(figures.new_contacts)),
    ]
    rows += [("slot_utilisation", k, f"{n};{cap}") for k, n, cap in figures.per_slot]
    rows += [("table_utilisation", k, f"{n};{cap}") for k, n, cap in figures.per_table]
    rows += [("rating", str(r), str(n)) for r, n in figures.ratings.items()]
    rows += [
        ("feedback", "given", str(figures.feedback_given)),
        ("feedback", "average_rating", "" if figures.average_rating is None
         else f"{figures.average_rating:.2f}"),
        ("feedback", "follow_ups_planned", str(figures.follow_ups_planned)),
        ("feedback", "cooperations_started", str(figures.cooperations_started)),
    ]  # fmt: skip
    return rows

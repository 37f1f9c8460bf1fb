"""A participant's agenda: their meetings by day, with the free time between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from matchmaker.extensions import db
from matchmaker.models import EventSession as Session
from matchmaker.models import Item, Location, Meeting, Participant
from matchmaker.models.enums import MeetingStatus


def meetings_of(participant: Participant, *, with_cancelled: bool) -> list[Meeting]:
    """Return the participant's meetings in time order, partners and places loaded."""
    statuses = [MeetingStatus.PLANNED, MeetingStatus.HELD]
    if with_cancelled:
        statuses += [MeetingStatus.CANCELLED, MeetingStatus.NO_SHOW]
    partner_items = (selectinload(Participant.items).joinedload(Item.category),)
    return list(
        db.session.scalars(
            select(Meeting)
            .where(
                or_(
                    Meeting.participant_a_id == participant.id,
                    Meeting.participant_b_id == participant.id,
                ),
                Meeting.status.in_(statuses),
            )
            .order_by(Meeting.starts_at, Meeting.id)
            .options(
                joinedload(Meeting.participant_a).options(*partner_items),
                joinedload(Meeting.participant_b).options(*partner_items),
                joinedload(Meeting.location).joinedload(Location.zone),
            )
        ).unique()
    )


@dataclass(frozen=True)
class Gap:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class AgendaDay:
    day: date
    entries: list[Meeting | Gap]


def agenda_days(
    meetings: list[Meeting], timezone: str, pause_minutes: int, sessions: list[Session]
) -> list[AgendaDay]:
    """Group meetings by local day; a wait longer than the pause within a session is free time
    (the time between sessions, such as lunch, is not)."""
    zone = ZoneInfo(timezone)
    pause = timedelta(minutes=pause_minutes)

    def session_of(moment: datetime) -> int | None:
        for index, s in enumerate(sessions):
            start = datetime.combine(s.day, s.start_time, tzinfo=zone)
            end = datetime.combine(s.day, s.end_time, tzinfo=zone)
            if start <= moment <= end:
                return index
        return None

    days: dict[date, list[Meeting | Gap]] = {}
    previous: Meeting | None = None
    for meeting in meetings:
        day = meeting.starts_at.astimezone(zone).date()
        entries = days.setdefault(day, [])
        if (
            previous is not None
            and previous.starts_at.astimezone(zone).date() == day
            and meeting.starts_at - previous.ends_at > pause
            and session_of(previous.ends_at) == session_of(meeting.starts_at) is not None
        ):
            entries.append(Gap(previous.ends_at, meeting.starts_at))
        entries.append(meeting)
        previous = meeting
    return [AgendaDay(day, entries) for day, entries in sorted(days.items())]


def last_change(participant: Participant, meetings: list[Meeting]) -> datetime:
    """Return when the participant's calendar last changed (for Last-Modified)."""
    return max([participant.updated_at, *(m.updated_at for m in meetings)])

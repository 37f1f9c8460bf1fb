"""Event day: check-in at the door or through the personal link, and which meetings were held.

A participant is *present* once checked in and not marked absent since. The check-in QR code
carries a code derived with HMAC from the secret key, never the personal link's token: a
photographed badge lets nobody into the profile, and only a logged-in organiser can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, Participant
from matchmaker.models.enums import MeetingStatus, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services.events import agenda_visible
from matchmaker.services.roster import roster
from matchmaker.services.tokens import CODE_HEX_DIGITS, code_matches, keyed_code

CHECKIN_CODE_LENGTH = CODE_HEX_DIGITS  # 128 bits, still a small QR code


class AttendanceError(ValueError):
    """The check-in is refused; the message says why."""


def checkin_code(participant: Participant) -> str:
    """Return the participant's check-in code (stable, unguessable, useless without a login)."""
    return keyed_code("checkin", participant.event_id, participant.id)


def participant_by_checkin_code(event: Event, participant_id: int, code: str) -> Participant | None:
    """Return the event's participant whose check-in code this is, or None."""
    person = db.session.get(Participant, participant_id)
    if person is None or person.event_id != event.id:
        return None
    if not code_matches(checkin_code(person), code):
        return None
    return person


def is_present(participant: Participant) -> bool:
    """Tell whether the participant is checked in and not marked absent since."""
    return participant.checked_in_at is not None and not participant.absent


def check_in(participant: Participant, now: datetime | None = None) -> bool:
    """Check a participant in (clearing an absence); False when they were present already."""
    if participant.status == ParticipantStatus.CANCELLED:
        raise AttendanceError(
            _("%(name)s has cancelled their participation.", name=participant.name)
        )
    if is_present(participant):
        return False
    participant.absent = False
    participant.checked_in_at = now or utcnow()
    db.session.flush()
    return True


def event_days(event: Event) -> set[date]:
    """Return the local dates on which the event has sessions."""
    return {session.day for session in event.sessions}


def self_check_in_open(event: Event, now: datetime | None = None) -> bool:
    """Tell whether participants may check themselves in: on an event day, once published."""
    now = now or utcnow()
    return agenda_visible(event) and now.astimezone(ZoneInfo(event.timezone)).date() in (
        event_days(event)
    )


def self_check_in(participant: Participant, now: datetime | None = None) -> bool:
    """Check in through the personal link ("I'm here"), on an event day only."""
    if not self_check_in_open(participant.event, now):
        raise AttendanceError(_("You can check in here on the day of the event."))
    return check_in(participant, now)


@dataclass(frozen=True)
class Attendance:
    expected: int  # confirmed participants
    present: int
    absent: int


def attendance(event: Event) -> Attendance:
    """Return how many confirmed participants are expected, present and absent."""
    confirmed = (Participant.event_id == event.id) & (
        Participant.status == ParticipantStatus.CONFIRMED
    )
    expected, present, absent = db.session.execute(
        select(
            func.count(),
            func.count().filter(Participant.checked_in_at.is_not(None), ~Participant.absent),
            func.count().filter(Participant.absent),
        ).where(confirmed)
    ).one()
    return Attendance(expected, present, absent)


def checkin_search(event: Event, text: str, limit: int = 50) -> list[Participant]:
    """Return participants matching a name, organisation or e-mail, for the check-in desk."""
    if not text.strip():
        return []
    people = roster(event, text=text, limit=limit)
    return sorted(people, key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))


def settle_meetings(
    event: Event, now: datetime | None = None, *, assume_present: bool = False
) -> int:
    """Mark past planned meetings held when both sides were present; return how many.

    With ``assume_present`` (an event run without check-in), everyone not marked absent counts
    as present. Meetings of absent participants were cancelled or marked no-show when the
    absence was recorded, so they are not planned any more.
    """
    now = now or utcnow()
    a, b = aliased(Participant), aliased(Participant)
    stmt = (
        select(Meeting)
        .join(a, Meeting.participant_a_id == a.id)
        .join(b, Meeting.participant_b_id == b.id)
        .where(
            Meeting.event_id == event.id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.ends_at <= now,
            ~a.absent,
            ~b.absent,
        )
    )
    if not assume_present:
        stmt = stmt.where(a.checked_in_at.is_not(None), b.checked_in_at.is_not(None))
    meetings = db.session.scalars(stmt).all()
    for meeting in meetings:
        meeting.status = MeetingStatus.HELD
    db.session.flush()
    return len(meetings)


def planned_meetings_of(participant: Participant, *, ending_after: datetime) -> list[Meeting]:
    """Return the participant's planned meetings that end after a moment, in time order."""
    return list(
        db.session.scalars(
            select(Meeting)
            .where(
                or_(
                    Meeting.participant_a_id == participant.id,
                    Meeting.participant_b_id == participant.id,
                ),
                Meeting.status == MeetingStatus.PLANNED,
                Meeting.ends_at > ending_after,
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )

"""Absence on the event day: release an absent participant's meetings for standby offers.

A meeting that has begun when the absence is recorded counts as a no-show; a later one is
cancelled (a new revision, so both calendars update) and its stranded partner is offered a
standby meeting in the freed slot (``matchmaker.services.standby``). Who has not checked in a
set number of minutes before a meeting of theirs can be marked absent in one sweep.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, Participant, StandbyOffer
from matchmaker.models.enums import MeetingStatus
from matchmaker.models.types import utcnow
from matchmaker.services.attendance import planned_meetings_of
from matchmaker.services.standby import (
    EXPIRED,
    StandbyError,
    offer_standby,
    open_offers_of,
    retry_offer,
)


def mark_absent(
    event: Event, participant: Participant, now: datetime | None = None
) -> list[StandbyOffer]:
    """Mark a participant absent, release their meetings and return the standby offers made."""
    now = now or utcnow()
    if participant.event_id != event.id:
        raise StandbyError(_("no such participant in this event"))
    participant.absent = True
    retry = []
    for offer in open_offers_of(participant):
        offer.status = EXPIRED
        if offer.participant_b_id == participant.id:
            retry.append(offer)
    freed = []
    for meeting in planned_meetings_of(participant, ending_after=now):
        started = meeting.starts_at <= now
        meeting.status = MeetingStatus.NO_SHOW if started else MeetingStatus.CANCELLED
        meeting.locked = False
        meeting.revision += 1
        if not started:
            freed.append(meeting)
    db.session.flush()
    offers = [retry_offer(offer, now) for offer in retry]
    for meeting in freed:
        offers.append(
            offer_standby(
                event,
                meeting.partner_of(participant.id),
                meeting.starts_at,
                location_id=meeting.location_id,
                freed_meeting_id=meeting.id,
                now=now,
            )  # fmt: skip
        )
    return [offer for offer in offers if offer is not None]


def overdue_participants(
    event: Event, minutes: int, now: datetime | None = None
) -> list[Participant]:
    """Return who has not checked in although a meeting of theirs starts within ``minutes``."""
    now = now or utcnow()
    horizon = now + timedelta(minutes=minutes)
    soon = select(Meeting.participant_a_id, Meeting.participant_b_id).where(
        Meeting.event_id == event.id,
        Meeting.status == MeetingStatus.PLANNED,
        Meeting.starts_at <= horizon,
        Meeting.ends_at > now,
    )
    ids = {person for row in db.session.execute(soon) for person in row}
    return list(
        db.session.scalars(
            select(Participant)
            .where(
                Participant.id.in_(ids),
                Participant.checked_in_at.is_(None),
                ~Participant.absent,
            )
            .order_by(Participant.id)
        )
    )


def mark_overdue_absent(
    event: Event, minutes: int, now: datetime | None = None
) -> tuple[list[Participant], list[StandbyOffer]]:
    """Mark absent everyone not checked in ``minutes`` before a meeting; return them and offers."""
    now = now or utcnow()
    people = overdue_participants(event, minutes, now)
    offers: list[StandbyOffer] = []
    for person in people:
        offers += mark_absent(event, person, now)
    return people, offers

"""The organiser's view of participants: counts, filters, confirming and cancelling."""

from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, Participant
from matchmaker.models.enums import MeetingStatus, ParticipantStatus
from matchmaker.services.search import search_terms


class RosterError(ValueError):
    """The change is not allowed; the message says why."""


def status_counts(event: Event) -> Counter[str]:
    """Return how many participants the event has in each status."""
    rows = db.session.execute(
        select(Participant.status, func.count())
        .where(Participant.event_id == event.id)
        .group_by(Participant.status)
    )
    return Counter({status.value: count for status, count in rows})


def roster(
    event: Event, *, status: str = "", text: str = "", limit: int = 500
) -> list[Participant]:
    """Return the event's participants, filtered by status and search text."""
    stmt = select(Participant).where(Participant.event_id == event.id)
    if status:
        stmt = stmt.where(Participant.status == status)
    for term in search_terms(text):
        stmt = stmt.where(
            or_(
                Participant.search_text.contains(term, autoescape=True),
                func.lower(Participant.email).contains(term, autoescape=True),
            )  # fmt: skip
        )
    return list(
        db.session.scalars(
            stmt.order_by(Participant.created_at.desc(), Participant.id.desc())
            .limit(limit)
            .options(selectinload(Participant.languages))
        )
    )


def set_status(event: Event, participant_id: int, status: ParticipantStatus) -> Participant:
    """Confirm or cancel a participant; cancelling cancels their planned meetings too."""
    person = db.session.get(Participant, participant_id)
    if person is None or person.event_id != event.id:
        raise RosterError(_("no such participant in this event"))
    if person.email.endswith("@invalid"):
        raise RosterError(_("this registration was deleted by the participant"))
    person.status = status
    if status == ParticipantStatus.CANCELLED:
        for meeting in db.session.scalars(
            select(Meeting).where(
                or_(Meeting.participant_a_id == person.id, Meeting.participant_b_id == person.id),
                Meeting.status == MeetingStatus.PLANNED,
            )
        ):
            meeting.status = MeetingStatus.CANCELLED
            meeting.revision += 1
    db.session.flush()
    return person

"""GDPR: a participant's data as a download, and erasure of their registration."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select

from matchmaker.extensions import db
from matchmaker.models import (
    BlockedSlot,
    Exclusion,
    Feedback,
    Meeting,
    MeetingRequest,
    OutboxMessage,
    Participant,
)
from matchmaker.models.enums import MeetingStatus, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services.tokens import new_token

ERASED_NAME = "—"


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_participant(participant: Participant) -> dict[str, Any]:
    """Return everything stored about a participant, as JSON-ready data."""
    pid = participant.id
    sent = db.session.scalars(select(MeetingRequest).where(MeetingRequest.sender_id == pid)).all()
    received = db.session.scalars(
        select(MeetingRequest).where(MeetingRequest.receiver_id == pid)
    ).all()
    meetings = db.session.scalars(
        select(Meeting)
        .where(or_(Meeting.participant_a_id == pid, Meeting.participant_b_id == pid))
        .order_by(Meeting.starts_at)
    ).all()
    feedback = db.session.scalars(select(Feedback).where(Feedback.participant_id == pid)).all()
    excluded = db.session.scalars(select(Exclusion).where(Exclusion.participant_id == pid)).all()
    return {
        "event": {"slug": participant.event.slug, "title": participant.event.title},
        "profile": {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "email": participant.email,
            "organisation": participant.organisation,
            "actor_type": participant.actor_type.value,
            "country": participant.country,
            "city": participant.city,
            "website": participant.website,
            "languages": participant.language_codes,
            "profile_text": participant.profile_text,
            "max_meetings": participant.max_meetings,
            "locale": participant.locale,
            "status": participant.status.value,
            "registered_at": _iso(participant.created_at),
            "gdpr_consent_at": _iso(participant.gdpr_consent_at),
            "checked_in_at": _iso(participant.checked_in_at),
        },
        "offers": [_item(i) for i in participant.offers],
        "needs": [_item(i) for i in participant.needs],
        "available_sessions": [s.name for s in participant.sessions],
        "unavailable_slots": [_iso(b.starts_at) for b in participant.blocked_slots],
        "requests_sent": [_request(r, r.receiver) for r in sent],
        "requests_received": [_request(r, r.sender) for r in received],
        "meetings": [
            {
                "with": m.partner_of(pid).name,
                "organisation": m.partner_of(pid).organisation,
                "starts_at": _iso(m.starts_at),
                "ends_at": _iso(m.ends_at),
                "location": m.location.name if m.location else None,
                "status": m.status.value,
            }
            for m in meetings
        ],
        "feedback": [
            {
                "meeting_starts_at": _iso(f.meeting.starts_at),
                "round": f.round,
                "rating": f.rating,
                "follow_up_planned": f.follow_up_planned,
                "comment": f.comment,
            }  # fmt: skip
            for f in feedback
        ],
        "no_thanks": [db.session.get(Participant, e.other_id).organisation for e in excluded],
    }


def _item(item) -> dict[str, Any]:  # noqa: ANN001
    return {
        "area": item.category.key if item.category else None,
        "title": item.title,
        "description": item.description,
    }


def _request(request: MeetingRequest, other: Participant) -> dict[str, Any]:
    return {
        "with": other.name,
        "organisation": other.organisation,
        "priority": request.priority.value,
        "message": request.message,
        "status": request.status.value,
        "sent_at": _iso(request.created_at),
    }


def erase_participant(participant: Participant) -> int:
    """Erase a participant's personal data; return how many of their meetings were cancelled.

    The row stays, emptied, so that their meetings can be kept as cancelled with a higher
    revision: partners' calendars then receive the cancellation instead of a silent gap.
    """
    pid = participant.id
    meetings = db.session.scalars(
        select(Meeting).where(
            or_(Meeting.participant_a_id == pid, Meeting.participant_b_id == pid),
            Meeting.status == MeetingStatus.PLANNED,
        )
    ).all()
    for meeting in meetings:
        meeting.status = MeetingStatus.CANCELLED
        meeting.revision += 1
        meeting.explanation = None
    sender_or_receiver = or_(MeetingRequest.sender_id == pid, MeetingRequest.receiver_id == pid)
    db.session.execute(delete(MeetingRequest).where(sender_or_receiver))
    db.session.execute(
        delete(Exclusion).where(or_(Exclusion.participant_id == pid, Exclusion.other_id == pid))
    )
    db.session.execute(delete(Feedback).where(Feedback.participant_id == pid))
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.participant_id == pid))
    db.session.execute(delete(BlockedSlot).where(BlockedSlot.participant_id == pid))
    if participant.booth is not None:
        participant.booth.owner_id = None
    participant.first_name = ERASED_NAME
    participant.last_name = ERASED_NAME
    participant.email = f"erased-{pid}@invalid"
    participant.organisation = ERASED_NAME
    participant.city = participant.website = participant.profile_text = ""
    participant.max_meetings = None
    participant.items = []
    participant.languages = []
    participant.sessions = []
    participant.status = ParticipantStatus.CANCELLED
    participant.token_hash = new_token()[1]  # the old link stops working; nobody knows the new one
    participant.updated_at = utcnow()
    db.session.flush()
    return len(meetings)

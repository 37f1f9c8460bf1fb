"""Meeting requests between participants: sending, answering, "no thanks" and expiry."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Event, Exclusion, MeetingRequest, Participant
from matchmaker.models.enums import (
    EventStatus,
    ExclusionReason,
    ParticipantStatus,
    RequestPriority,
    RequestStatus,
)
from matchmaker.models.types import utcnow

MAX_MESSAGE = 500


class RequestError(ValueError):
    """The request action is not allowed; the message says why."""


def requests_open(event: Event, now: datetime | None = None) -> bool:
    """Tell whether meeting requests may be sent and answered now."""
    now = now or utcnow()
    if event.status != EventStatus.REQUESTS:
        return False
    return event.request_deadline is None or now <= event.request_deadline


def expire_requests(event: Event, now: datetime | None = None) -> int:
    """Mark the event's pending requests past their expiry as expired; return how many."""
    now = now or utcnow()
    result = db.session.execute(
        update(MeetingRequest)
        .where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.status == RequestStatus.PENDING,
            MeetingRequest.expires_at.is_not(None),
            MeetingRequest.expires_at < now,
        )
        .values(status=RequestStatus.EXPIRED)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount or 0


def excluded(a: Participant, b: Participant) -> bool:
    """Tell whether either side said "no thanks" to the other or the organiser excluded the pair."""
    return (
        db.session.scalar(
            select(Exclusion.id).where(
                or_(
                    (Exclusion.participant_id == a.id) & (Exclusion.other_id == b.id),
                    (Exclusion.participant_id == b.id) & (Exclusion.other_id == a.id),
                )
            )
        )
        is not None
    )


def _active_sent(sender: Participant) -> int:
    return len(
        db.session.scalars(
            select(MeetingRequest.id).where(
                MeetingRequest.sender_id == sender.id,
                MeetingRequest.status.in_((RequestStatus.PENDING, RequestStatus.ACCEPTED)),
            )
        ).all()
    )


def _lock_pair(a: Participant, b: Participant) -> None:
    # Sends between the same two people, and each sender's sends, take turns: the duplicate,
    # mutual and limit checks below read what a concurrent send writes. Rows are locked in id
    # order so two sends never wait on each other; NO KEY UPDATE leaves foreign keys to them
    # free. SQLite ignores it (it lets one writer in at a time anyway).
    db.session.execute(
        select(Participant.id)
        .where(Participant.id.in_((a.id, b.id)))
        .order_by(Participant.id)
        .with_for_update(key_share=True)
    )


def _sent(sender: Participant, receiver: Participant) -> MeetingRequest | None:
    return db.session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.sender_id == sender.id, MeetingRequest.receiver_id == receiver.id
        )
    )


def send_request(
    sender: Participant,
    receiver: Participant,
    *,
    priority: RequestPriority,
    message: str = "",
    now: datetime | None = None,
) -> MeetingRequest:
    """Send a meeting request; a request the other side sent already makes it mutual."""
    now = now or utcnow()
    event = sender.event
    if not requests_open(event, now):
        raise RequestError(_("meeting requests are not open for this event"))
    if sender.status != ParticipantStatus.CONFIRMED:
        raise RequestError(_("only confirmed participants can send requests"))
    if receiver.id == sender.id:
        raise RequestError(_("you cannot request a meeting with yourself"))
    if receiver.event_id != event.id or receiver.status != ParticipantStatus.CONFIRMED:
        raise RequestError(_("this participant cannot receive requests"))
    if len(message) > MAX_MESSAGE:
        raise RequestError(_("the message can have at most %(n)d characters", n=MAX_MESSAGE))
    if excluded(sender, receiver):
        raise RequestError(_("a meeting with this participant is not possible"))
    _lock_pair(sender, receiver)
    if _sent(sender, receiver) is not None:
        raise RequestError(_("you have sent this participant a request already"))
    limit = event.max_requests_per_participant
    if limit is not None and _active_sent(sender) >= limit:
        raise RequestError(_("you can have at most %(n)d open or accepted requests", n=limit))

    reverse = db.session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.sender_id == receiver.id,
            MeetingRequest.receiver_id == sender.id,
            MeetingRequest.status == RequestStatus.PENDING,
        )
    )
    expiry = event.request_expiry_hours
    request = MeetingRequest(
        event_id=event.id,
        sender_id=sender.id,
        receiver_id=receiver.id,
        priority=priority,
        message=message.strip(),
        status=RequestStatus.ACCEPTED if reverse else RequestStatus.PENDING,
        created_at=now,
        responded_at=now if reverse else None,
        expires_at=None if reverse or not expiry else now + timedelta(hours=expiry),
    )
    try:
        # a double click can send the same request twice at once: both pass the check above,
        # the unique constraint lets one in; the savepoint keeps the other's transaction usable
        with db.session.begin_nested():
            if reverse is not None:  # both asked: a mutual request, accepted on both sides
                reverse.status = RequestStatus.ACCEPTED
                reverse.responded_at = now
            db.session.add(request)
    except IntegrityError:
        if _sent(sender, receiver) is None:
            raise
        raise RequestError(_("you have sent this participant a request already")) from None
    return request


def respond(
    request: MeetingRequest, responder: Participant, *, accept: bool, now: datetime | None = None
) -> None:
    """Accept or decline a pending request addressed to ``responder``."""
    now = now or utcnow()
    if request.receiver_id != responder.id:
        raise RequestError(_("only the receiver can answer a request"))
    if not requests_open(responder.event, now):
        raise RequestError(_("meeting requests are not open for this event"))
    if request.status == RequestStatus.PENDING and request.expires_at and request.expires_at < now:
        request.status = RequestStatus.EXPIRED
    if request.status != RequestStatus.PENDING:
        raise RequestError(_("this request has been answered or has expired"))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.responded_at = now
    db.session.flush()


def say_no_thanks(
    participant: Participant, other: Participant, *, now: datetime | None = None
) -> None:
    """Record that ``participant`` never wants to meet ``other``; declines their open request."""
    now = now or utcnow()
    if other.id == participant.id or other.event_id != participant.event_id:
        raise RequestError(_("this participant cannot be excluded"))
    if participant.event.status == EventStatus.CLOSED:
        raise RequestError(_("the event is closed"))
    exists = db.session.scalar(
        select(Exclusion.id).where(
            Exclusion.participant_id == participant.id, Exclusion.other_id == other.id
        )
    )
    if exists is None:
        db.session.add(
            Exclusion(
                event_id=participant.event_id,
                participant_id=participant.id,
                other_id=other.id,
                reason=ExclusionReason.NO_THANKS,
            )
        )
    pending = db.session.scalars(
        select(MeetingRequest).where(
            MeetingRequest.sender_id == other.id,
            MeetingRequest.receiver_id == participant.id,
            MeetingRequest.status == RequestStatus.PENDING,
        )
    ).all()
    for request in pending:
        request.status = RequestStatus.DECLINED
        request.responded_at = now
    db.session.flush()


def requests_of(participant: Participant) -> tuple[list[MeetingRequest], list[MeetingRequest]]:
    """Return the participant's sent and received requests, newest first."""

    def query(column):  # noqa: ANN001, ANN202
        return db.session.scalars(
            select(MeetingRequest)
            .where(column == participant.id)
            .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
        ).all()

    return list(query(MeetingRequest.sender_id)), list(query(MeetingRequest.receiver_id))

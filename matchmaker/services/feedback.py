"""Feedback on meetings: a rating right after each one, and a second round weeks later.

Only the two participants of a meeting give feedback, and only once it has begun; each gives at
most one answer per meeting and round and may change it. Round 1 asks for a rating from 1 (not
useful) to 4 (very useful) and whether a follow-up is planned; round 2, opened by the organiser,
asks whether a cooperation came out of it.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select

from matchmaker.extensions import db
from matchmaker.models import Event, Feedback, Meeting, OutboxMessage, Participant
from matchmaker.models.enums import MeetingStatus, ParticipantStatus
from matchmaker.models.types import utcnow

MAX_COMMENT = 1000
RATINGS = (1, 2, 3, 4)
ROUNDS = (1, 2)
# meetings that took place (or were planned and their time has come): the others get no feedback
TOOK_PLACE = (MeetingStatus.PLANNED, MeetingStatus.HELD)


class FeedbackError(ValueError):
    """The feedback is refused; the message says why."""


def feedback_refusal(
    meeting: Meeting, participant: Participant, round_: int, now: datetime | None = None
) -> str | None:
    """Return why the participant cannot give feedback on the meeting now, or None if they can."""
    now = now or utcnow()
    if participant.id not in (meeting.participant_a_id, meeting.participant_b_id):
        return _("Only the two participants of a meeting can give feedback on it.")
    if round_ not in ROUNDS:
        return _("There is no such feedback round.")
    if meeting.status not in TOOK_PLACE:
        return _("This meeting did not take place.")
    if meeting.starts_at > now:
        return _("Feedback opens when the meeting begins.")
    if round_ == 2 and participant.event.feedback_round_two_at is None:
        return _("The second feedback round has not been opened yet.")
    return None


def feedback_of(meeting: Meeting, participant: Participant, round_: int) -> Feedback | None:
    """Return the participant's feedback on the meeting in a round, if given."""
    return db.session.scalar(
        select(Feedback).where(
            Feedback.meeting_id == meeting.id,
            Feedback.participant_id == participant.id,
            Feedback.round == round_,
        )
    )


def given_by(participant: Participant) -> dict[tuple[int, int], Feedback]:
    """Return the participant's feedback by (meeting id, round)."""
    rows = db.session.scalars(select(Feedback).where(Feedback.participant_id == participant.id))
    return {(f.meeting_id, f.round): f for f in rows}


def save_feedback(
    meeting: Meeting,
    participant: Participant,
    round_: int,
    *,
    rating: int | None = None,
    follow_up_planned: bool | None = None,
    cooperation_started: bool | None = None,
    comment: str = "",
    now: datetime | None = None,
) -> Feedback:
    """Record or change the participant's feedback on a meeting in a round."""
    refusal = feedback_refusal(meeting, participant, round_, now)
    if refusal:
        raise FeedbackError(refusal)
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise FeedbackError(_("The comment is too long (at most %(n)d characters).", n=MAX_COMMENT))
    if round_ == 1 and (rating not in RATINGS or follow_up_planned is None):
        raise FeedbackError(_("Rate the meeting and say whether a follow-up is planned."))
    if round_ == 2 and cooperation_started is None:
        raise FeedbackError(_("Say whether a cooperation came out of the meeting."))
    feedback = feedback_of(meeting, participant, round_)
    if feedback is None:
        feedback = Feedback(meeting_id=meeting.id, participant_id=participant.id, round=round_)
        db.session.add(feedback)
    if round_ == 1:
        feedback.rating, feedback.follow_up_planned = rating, follow_up_planned
    else:
        feedback.cooperation_started = cooperation_started
    feedback.comment = comment
    db.session.flush()
    return feedback


def round_two_recipients(event: Event, now: datetime | None = None) -> list[Participant]:
    """Return the confirmed participants with a meeting that took place (held or planned, begun)."""
    now = now or utcnow()
    took_place = select(Meeting.participant_a_id, Meeting.participant_b_id).where(
        Meeting.event_id == event.id,
        or_(
            Meeting.status == MeetingStatus.HELD,
            (Meeting.status == MeetingStatus.PLANNED) & (Meeting.starts_at <= now),
        ),
    )
    ids = {person for row in db.session.execute(took_place) for person in row}
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.id.in_(ids), Participant.status == ParticipantStatus.CONFIRMED)
            .order_by(Participant.id)
        )
    )


def open_round_two(event: Event, now: datetime | None = None) -> list[OutboxMessage]:
    """Open the second feedback round and queue an e-mail to everyone who had meetings."""
    now = now or utcnow()
    if event.feedback_round_two_at is not None:
        raise FeedbackError(_("The second feedback round is open already."))
    people = round_two_recipients(event, now)
    if not people:
        raise FeedbackError(_("Nobody has had a meeting yet, so nobody can be asked."))
    event.feedback_round_two_at = now
    messages = []
    for person in people:
        with force_locale(person.locale):
            subject = _("%(event)s: did a cooperation come out of your meetings?",
                        event=event.title)  # fmt: skip
            body = _(
                "Hello %(name)s,\n\nsome time has passed since %(event)s. Did a cooperation come "
                "out of your meetings? Please tell us in one click per meeting: open your "
                "personal link (from your registration e-mail), go to your agenda and answer "
                "the second feedback question under each meeting. It helps us improve the "
                "next event.",
                name=person.name,
                event=event.title,
            )
        message = OutboxMessage(
            event_id=event.id, participant_id=person.id, recipient=person.email,
            subject=subject, body=body,
        )  # fmt: skip
        db.session.add(message)
        messages.append(message)
    db.session.flush()
    return messages

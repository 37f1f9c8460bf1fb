"""Meeting requests, exclusions ("no thanks", conflicts of interest) and meetings."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models.enums import (
    ExclusionReason,
    MeetingOrigin,
    MeetingStatus,
    RequestPriority,
    RequestStatus,
)
from matchmaker.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from matchmaker.models.event import Location
    from matchmaker.models.participant import Participant


class MeetingRequest(db.Model):
    __tablename__ = "meeting_requests"
    __table_args__ = (
        UniqueConstraint("sender_id", "receiver_id"),
        CheckConstraint("sender_id <> receiver_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    sender_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    receiver_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    priority: Mapped[RequestPriority] = mapped_column(
        enum_column(RequestPriority, "request_priority"), default=RequestPriority.WOULD_LIKE
    )
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus, "request_status"), default=RequestStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sender: Mapped[Participant] = relationship(foreign_keys=[sender_id])
    receiver: Mapped[Participant] = relationship(foreign_keys=[receiver_id])


class Exclusion(db.Model):
    """A pair that must never be matched: "no thanks" by a participant, or an organiser's veto."""

    __tablename__ = "exclusions"
    __table_args__ = (
        UniqueConstraint("participant_id", "other_id"),
        CheckConstraint("participant_id <> other_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[ExclusionReason] = mapped_column(
        enum_column(ExclusionReason, "exclusion_reason"), default=ExclusionReason.NO_THANKS
    )
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisers.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _new_uid() -> str:
    return str(uuid.uuid4())


class Meeting(db.Model):
    """A one-to-one meeting (or a speed-dating round pairing) at a time and place."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("participant_a_id <> participant_b_id", name="not_self"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("revision >= 0", name="revision"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    # stable calendar identity across re-solves, moves and both participants' calendars
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=_new_uid)
    participant_a_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    participant_b_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="SET NULL"))
    round_number: Mapped[int | None] = mapped_column()  # speed-dating format only
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), default=MeetingStatus.PLANNED
    )
    locked: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[MeetingOrigin] = mapped_column(
        enum_column(MeetingOrigin, "meeting_origin"), default=MeetingOrigin.MANUAL
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="SET NULL")
    )
    schedule_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_runs.id", ondelete="SET NULL")
    )
    score: Mapped[float | None] = mapped_column()
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # increments on every change after publishing; becomes the iCal SEQUENCE
    revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    participant_a: Mapped[Participant] = relationship(foreign_keys=[participant_a_id])
    participant_b: Mapped[Participant] = relationship(foreign_keys=[participant_b_id])
    location: Mapped[Location | None] = relationship()
    feedback: Mapped[list[Feedback]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    def partner_of(self, participant_id: int) -> Participant:
        """Return the other participant of this meeting."""
        if participant_id == self.participant_a_id:
            return self.participant_b
        if participant_id == self.participant_b_id:
            return self.participant_a
        raise ValueError(f"participant {participant_id} is not in meeting {self.id}")


class Feedback(db.Model):
    """One side's feedback on a meeting; round 1 right after it, round 2 months later."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("meeting_id", "participant_id", "round"),
        CheckConstraint("rating IS NULL OR (rating BETWEEN 1 AND 4)", name="rating"),
        CheckConstraint("round IN (1, 2)", name="round"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(default=1)
    rating: Mapped[int | None] = mapped_column()
    follow_up_planned: Mapped[bool | None] = mapped_column()
    cooperation_started: Mapped[bool | None] = mapped_column()
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="feedback")


class StandbyOffer(db.Model):
    """A replacement meeting offered to two present participants in a slot freed by a no-show."""

    __tablename__ = "standby_offers"
    __table_args__ = (CheckConstraint("participant_a_id <> participant_b_id", name="not_self"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    freed_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    participant_a_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    participant_b_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="SET NULL"))
    score: Mapped[float | None] = mapped_column()
    a_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    b_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # open / accepted / declined / expired
    status: Mapped[str] = mapped_column(String(10), default="open")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # a: the partner stranded by the no-show; b: the present participant offered as standby
    participant_a: Mapped[Participant] = relationship(foreign_keys=[participant_a_id])
    participant_b: Mapped[Participant] = relationship(foreign_keys=[participant_b_id])
    location: Mapped[Location | None] = relationship()

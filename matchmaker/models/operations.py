"""Schedule runs of the optimiser and the outgoing-mail outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models.enums import RunStatus
from matchmaker.models.types import UTCDateTime, enum_column, utcnow


class ScheduleRun(db.Model):
    """One optimiser run: its parameters, live progress, and the proposed schedule."""

    __tablename__ = "schedule_runs"
    __table_args__ = (CheckConstraint("progress BETWEEN 0 AND 1", name="progress"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisers.id", ondelete="SET NULL")
    )
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[RunStatus] = mapped_column(
        enum_column(RunStatus, "run_status"), default=RunStatus.QUEUED
    )
    job_id: Mapped[str | None] = mapped_column(String(100))
    progress: Mapped[float] = mapped_column(default=0.0)
    objective: Mapped[float | None] = mapped_column()
    bound: Mapped[float | None] = mapped_column()
    scheduled: Mapped[int | None] = mapped_column()
    statistics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the proposed schedule, shown before it replaces the agenda
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    log: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the worker's last sign of life while running: a stale one means the worker is gone
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxMessage(db.Model):
    """An e-mail to a participant; kept for the organiser's outbox view whether or not sent."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")

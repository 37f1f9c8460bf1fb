"""Derive meeting slots from an event's sessions, meeting length and pause."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class SessionLike(Protocol):
    id: int | None
    day: date
    start_time: time
    end_time: time


@dataclass(frozen=True)
class Slot:
    index: int
    session_index: int
    session_id: int | None
    starts_at: datetime  # aware, UTC
    ends_at: datetime  # aware, UTC
    timezone: str

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.timezone))

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(ZoneInfo(self.timezone))


def derive_slots(
    sessions: Sequence[SessionLike], timezone: str, meeting_minutes: int, pause_minutes: int
) -> list[Slot]:
    """Return consecutive slots of every session, in time order, numbered from 0.

    A slot is one meeting long; the next starts after the pause. Times are wall-clock times in
    the event's time zone and are stepped in absolute time, so a session spanning a daylight
    saving change still has meetings of the right length.
    """
    if meeting_minutes <= 0:
        raise ValueError("meeting length must be positive")
    if pause_minutes < 0:
        raise ValueError("pause must not be negative")
    zone = ZoneInfo(timezone)
    length = timedelta(minutes=meeting_minutes)
    step = length + timedelta(minutes=pause_minutes)
    ordered = sorted(sessions, key=lambda s: (s.day, s.start_time))
    slots: list[Slot] = []
    for session_index, session in enumerate(ordered):
        start = datetime.combine(session.day, session.start_time, tzinfo=zone).astimezone(UTC)
        end = datetime.combine(session.day, session.end_time, tzinfo=zone).astimezone(UTC)
        while start + length <= end:
            slots.append(
                Slot(len(slots), session_index, session.id, start, start + length, timezone)
            )
            start += step
    return slots


def event_slots(event) -> list[Slot]:  # noqa: ANN001  (an Event model)
    """Return the slots of an event."""
    return derive_slots(event.sessions, event.timezone, event.meeting_minutes, event.pause_minutes)

"""Setting up an event: details and sessions; the venue is in ``venue``, areas in ``taxonomy``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventSession, Meeting
from matchmaker.models.enums import MeetingStatus


class SetupError(ValueError):
    """The change is refused; the message says why and ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def update_details(event: Event, data: dict) -> None:
    """Store the event's details, rules and matchmaking weights."""
    # the form requires these; a limit left empty means "no limit"
    for name in ("title", "timezone", "meeting_minutes", "pause_minutes",
                 "max_meetings_per_participant", "max_requests_per_participant",
                 "request_expiry_hours"):  # fmt: skip
        setattr(event, name, data[name])
    for name in ("description", "venue", "contact_email"):  # optional text: absent is empty
        setattr(event, name, data[name] or "")
    for name in ("registration_deadline", "request_deadline"):
        value = data[name]
        setattr(event, name, value.replace(tzinfo=UTC) if value else None)
    matching = dict(event.matching or {})
    if data.get("cross_border_bonus") is not None:
        matching["cross_border_bonus"] = data["cross_border_bonus"]
    matching["interpreters_allowed"] = bool(data.get("interpreters_allowed"))
    event.matching = matching
    db.session.flush()


def add_session(event: Event, name: str, day: date, start: time, end: time) -> EventSession:
    """Add a session; sessions of one day must not overlap."""
    for other in event.sessions:
        if other.day == day and start < other.end_time and other.start_time < end:
            raise SetupError(_("it overlaps the session %(name)s", name=other.name))
    session = EventSession(event=event, name=name, day=day, start_time=start, end_time=end)
    db.session.add(session)
    db.session.flush()
    return session


def remove_session(event: Event, session_id: int) -> None:
    """Remove a session that has no planned meetings."""
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != event.id:
        raise SetupError(_("no such session in this event"))
    start = datetime.combine(session.day, session.start_time)
    planned = db.session.scalars(
        select(Meeting.starts_at).where(
            Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED
        )
    ).all()
    zone = ZoneInfo(event.timezone)
    end = datetime.combine(session.day, session.end_time)
    if any(start <= s.astimezone(zone).replace(tzinfo=None) < end for s in planned):
        raise SetupError(_("the session has planned meetings; move or cancel them first"))
    db.session.delete(session)
    db.session.flush()

"""iCalendar files of a participant's agenda and of an event's programme.

Each meeting keeps one UID for its whole life, in both participants' calendars; SEQUENCE is the
meeting's revision, so a moved meeting replaces the old entry and a cancelled one arrives as
STATUS:CANCELLED with a higher SEQUENCE instead of silently disappearing (the stale and
duplicate entries users complain about in today's tools).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext
from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

from matchmaker.models import Event, Meeting, Participant
from matchmaker.models.enums import MeetingStatus

PRODID = "-//Matchmaker//Matchmaker agenda//EN"
UID_DOMAIN = "matchmaker"


def _calendar(event: Event, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", event.timezone)
    return cal


def _place(meeting: Meeting, event: Event) -> str:
    parts = []
    if meeting.location is not None:
        parts.append(meeting.location.name)
        if meeting.location.zone is not None:
            parts.append(meeting.location.zone.name)
    if event.venue:
        parts.append(event.venue)
    return ", ".join(parts)


def _description(partner: Participant, event_url: str) -> str:
    lines = [f"{partner.name}, {partner.organisation} ({partner.country})"]
    if partner.offers:
        lines.append("Offers: " + "; ".join(i.title for i in partner.offers))
    if partner.needs:
        lines.append("Needs: " + "; ".join(i.title for i in partner.needs))
    lines.append(f"Event: {event_url}")
    return "\n".join(lines)


def agenda_calendar(
    participant: Participant, meetings: Iterable[Meeting], *, event_url: str
) -> bytes:
    """Return the participant's meetings (planned and cancelled) as an iCalendar file."""
    event = participant.event
    zone = ZoneInfo(event.timezone)
    cal = _calendar(event, f"{event.title} – {participant.name}")
    for meeting in meetings:
        partner = meeting.partner_of(participant.id)
        entry = VEvent()
        entry.add("uid", f"{meeting.uid}@{UID_DOMAIN}")
        entry.add("dtstamp", meeting.updated_at)
        entry.add("last-modified", meeting.updated_at)
        entry.add("created", meeting.created_at)
        entry.add("dtstart", meeting.starts_at.astimezone(zone))
        entry.add("dtend", meeting.ends_at.astimezone(zone))
        summary = f"{partner.name} ({partner.organisation})"
        if meeting.round_number:  # speed-dating rounds: the round is what people look for
            summary = gettext("Round %(n)d: %(who)s", n=meeting.round_number, who=summary)
        entry.add("summary", summary)
        place = _place(meeting, event)
        if place:
            entry.add("location", place)
        entry.add("description", _description(partner, event_url))
        entry.add("url", event_url)
        if event.contact_email:
            organizer = vCalAddress(f"mailto:{event.contact_email}")
            organizer.params["cn"] = event.title
            entry.add("organizer", organizer)
        cancelled = meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.NO_SHOW)
        entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        entry.add("sequence", meeting.revision)
        entry.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        cal.add_component(entry)
    cal.add_missing_timezones()
    return cal.to_ical()


def programme_calendar(event: Event, *, event_url: str, stamp: datetime) -> bytes:
    """Return the event's sessions as an iCalendar file."""
    zone = ZoneInfo(event.timezone)
    cal = _calendar(event, event.title)
    for session in event.sessions:
        entry = VEvent()
        entry.add("uid", f"session-{session.id}-{event.slug}@{UID_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", datetime.combine(session.day, session.start_time, tzinfo=zone))
        entry.add("dtend", datetime.combine(session.day, session.end_time, tzinfo=zone))
        entry.add("summary", f"{event.title}: {session.name}")
        if event.venue:
            entry.add("location", event.venue)
        entry.add("url", event_url)
        entry.add("status", "CONFIRMED")
        entry.add("sequence", 0)
        cal.add_component(entry)
    cal.add_missing_timezones()
    return cal.to_ical()

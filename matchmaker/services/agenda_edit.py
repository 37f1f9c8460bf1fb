"""Manual changes to the agenda: move, add, lock and cancel meetings, with conflicts explained.

Every change raises the meeting's revision, so subscribed calendars update the entry.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select

from matchmaker.extensions import db
from matchmaker.models import BlockedSlot, Event, Location, Meeting, Participant
from matchmaker.models.enums import MeetingOrigin, MeetingStatus, ParticipantStatus
from matchmaker.services.slots import Slot, event_slots


class EditError(ValueError):
    """The change is refused; the message explains the conflict."""


def _slot_at(event: Event, starts_at: datetime) -> Slot:
    for slot in event_slots(event):
        if slot.starts_at == starts_at:
            return slot
    raise EditError(_("that time is not one of the event's slots"))


def conflicts(
    event: Event, a: Participant, b: Participant, slot: Slot, location: Location,
    ignore: Meeting | None = None,
) -> list[str]:  # fmt: skip
    """Return why a meeting of a and b cannot take place at this slot and place (empty: it can)."""
    problems = []
    taken = db.session.scalars(
        select(Meeting).where(
            Meeting.event_id == event.id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at == slot.starts_at,
        )
    ).all()
    others = [m for m in taken if ignore is None or m.id != ignore.id]
    for m in others:
        if m.location_id == location.id:
            problems.append(_("%(place)s is taken then", place=location.name))
    for person in (a, b):
        if any(person.id in (m.participant_a_id, m.participant_b_id) for m in others):
            problems.append(_("%(name)s has another meeting then", name=person.name))
        chosen = {s.id for s in person.sessions}
        blocked = db.session.scalar(
            select(BlockedSlot.participant_id).where(
                BlockedSlot.participant_id == person.id, BlockedSlot.starts_at == slot.starts_at
            )
        )
        if (chosen and slot.session_id not in chosen) or blocked is not None:
            problems.append(_("%(name)s is not available then", name=person.name))
        if person.status != ParticipantStatus.CONFIRMED:
            problems.append(_("%(name)s is not confirmed", name=person.name))
    if location.owner_id is not None and location.owner_id not in (a.id, b.id):
        problems.append(_("%(place)s is the booth of another exhibitor", place=location.name))
    for person in (a, b):
        if person.booth is not None and person.booth.id != location.id:
            problems.append(_("%(name)s meets only at their booth", name=person.name))
    if not location.active:
        problems.append(_("%(place)s is not in use", place=location.name))
    return problems


def _location(event: Event, location_id: int) -> Location:
    location = db.session.get(Location, location_id)
    if location is None or location.event_id != event.id:
        raise EditError(_("no such table in this event"))
    return location


def move_meeting(event: Event, meeting: Meeting, starts_at: datetime, location_id: int) -> None:
    """Move a meeting to another slot and table, or explain why it cannot go there."""
    if meeting.event_id != event.id or meeting.status != MeetingStatus.PLANNED:
        raise EditError(_("only planned meetings can be moved"))
    slot, location = _slot_at(event, starts_at), _location(event, location_id)
    problems = conflicts(
        event, meeting.participant_a, meeting.participant_b, slot, location, ignore=meeting
    )
    if problems:
        raise EditError("; ".join(problems))
    meeting.starts_at, meeting.ends_at, meeting.location_id = (
        slot.starts_at,
        slot.ends_at,
        location.id,
    )
    meeting.revision += 1
    db.session.flush()


def add_meeting(
    event: Event, a_id: int, b_id: int, starts_at: datetime, location_id: int
) -> Meeting:
    """Add a meeting by hand (it is locked, so re-solving keeps it)."""
    people = {
        p.id: p
        for p in db.session.scalars(
            select(Participant).where(
                Participant.id.in_((a_id, b_id)), Participant.event_id == event.id
            )
        )
    }
    if a_id == b_id or len(people) != 2:
        raise EditError(_("choose two different participants of this event"))
    a, b = people[a_id], people[b_id]
    existing = db.session.scalar(
        select(Meeting.id).where(
            Meeting.status == MeetingStatus.PLANNED,
            or_(
                (Meeting.participant_a_id == a.id) & (Meeting.participant_b_id == b.id),
                (Meeting.participant_a_id == b.id) & (Meeting.participant_b_id == a.id),
            ),
        )
    )
    if existing is not None:
        raise EditError(_("%(a)s and %(b)s already have a meeting", a=a.name, b=b.name))
    slot, location = _slot_at(event, starts_at), _location(event, location_id)
    problems = conflicts(event, a, b, slot, location)
    if problems:
        raise EditError("; ".join(problems))
    meeting = Meeting(
        event_id=event.id, participant_a_id=a.id, participant_b_id=b.id, starts_at=slot.starts_at,
        ends_at=slot.ends_at, location_id=location.id, origin=MeetingOrigin.MANUAL, locked=True,
    )  # fmt: skip
    db.session.add(meeting)
    db.session.flush()
    return meeting


def set_locked(meeting: Meeting, locked: bool) -> None:
    """Lock a meeting (re-solving keeps it where it is) or unlock it."""
    meeting.locked = locked
    db.session.flush()


def cancel_meeting(meeting: Meeting) -> None:
    """Cancel a planned meeting; calendars receive the cancellation."""
    if meeting.status != MeetingStatus.PLANNED:
        raise EditError(_("only planned meetings can be cancelled"))
    meeting.status = MeetingStatus.CANCELLED
    meeting.locked = False
    meeting.revision += 1
    db.session.flush()

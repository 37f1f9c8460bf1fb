"""The venue of an event: zones (halls), numbered tables and exhibitors' booths."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Event, Location, Meeting, Participant, Zone
from matchmaker.models.enums import MeetingStatus, ParticipantStatus
from matchmaker.services.setup import SetupError

MAX_NAME = 100  # zone and location names (the columns' length)


def _zone(event: Event, zone_id: int) -> Zone:
    zone = db.session.get(Zone, zone_id)
    if zone is None or zone.event_id != event.id:
        raise SetupError(_("no such zone in this event"))
    return zone


def _location(event: Event, location_id: int) -> Location:
    location = db.session.get(Location, location_id)
    if location is None or location.event_id != event.id:
        raise SetupError(_("no such table in this event"))
    return location


def _zone_name_free(event: Event, name: str, zone_id: int | None = None) -> None:
    other = db.session.scalar(select(Zone).where(Zone.event_id == event.id, Zone.name == name))
    if other is not None and other.id != zone_id:
        raise SetupError(_("a zone with this name exists already"), "name")


def _number_free(event: Event, number: int) -> None:
    taken = db.session.scalar(
        select(Location.name).where(Location.event_id == event.id, Location.number == number)
    )
    if taken is not None:
        raise SetupError(_("number %(n)d is in use already (%(name)s)", n=number, name=taken),
                         "number")  # fmt: skip


def _planned_meetings(location: Location) -> int:
    return db.session.scalar(
        select(func.count()).where(
            Meeting.location_id == location.id, Meeting.status == MeetingStatus.PLANNED
        )
    )


def add_zone(event: Event, name: str) -> Zone:
    """Add a hall or area to group tables."""
    name = name.strip()
    _zone_name_free(event, name)
    zone = Zone(event=event, name=name)
    db.session.add(zone)
    db.session.flush()
    return zone


def rename_zone(event: Event, zone_id: int, name: str) -> Zone:
    """Rename a zone; names are unique within the event."""
    zone = _zone(event, zone_id)
    name = name.strip()
    _zone_name_free(event, name, zone.id)
    zone.name = name
    db.session.flush()
    return zone


def remove_zone(event: Event, zone_id: int) -> int:
    """Remove a zone; its tables stay and lose the zone. Return how many tables it had."""
    zone = _zone(event, zone_id)
    tables = db.session.scalars(select(Location).where(Location.zone_id == zone.id)).all()
    for location in tables:
        location.zone = None
    db.session.delete(zone)
    db.session.flush()
    return len(tables)


def zone_named(event: Event, name: str) -> Zone | None:
    """Return the event's zone of this name, created when new; None for an empty name."""
    name = name.strip()
    if not name:
        return None
    zone = db.session.scalar(select(Zone).where(Zone.event_id == event.id, Zone.name == name))
    if zone is None:
        zone = Zone(event=event, name=name)
        db.session.add(zone)
    return zone


def create_tables(event: Event, prefix: str, first: int, last: int, zone_name: str) -> int:
    """Create numbered tables (e.g. "Tisch 1" to "Tisch 40"); return how many were new."""
    taken = set(db.session.scalars(select(Location.number).where(Location.event_id == event.id)))
    clash = [n for n in range(first, last + 1) if n in taken]
    if clash:
        raise SetupError(_("numbers in use already: %(n)s", n=", ".join(map(str, clash[:10]))))
    zone = zone_named(event, zone_name)
    for number in range(first, last + 1):
        db.session.add(
            Location(event=event, number=number, name=f"{prefix.strip()} {number}", zone=zone)
        )
    db.session.flush()
    return last - first + 1


def assign_zone(event: Event, first: int, last: int, zone_id: int | None) -> int:
    """Put the tables numbered first to last into a zone (None: no zone); return how many."""
    zone = _zone(event, zone_id) if zone_id is not None else None
    tables = db.session.scalars(
        select(Location).where(Location.event_id == event.id, Location.number.between(first, last))
    ).all()
    if not tables:
        raise SetupError(_("no tables with numbers %(first)d to %(last)d", first=first,
                           last=last), "first")  # fmt: skip
    for location in tables:
        location.zone = zone
    db.session.flush()
    return len(tables)


def set_active(event: Event, location_id: int, active: bool) -> Location:
    """Take a table out of use, or back into use; one with planned meetings stays in use."""
    location = _location(event, location_id)
    if not active and _planned_meetings(location):
        raise SetupError(
            _("%(name)s has planned meetings; move or cancel them first", name=location.name)
        )
    location.active = active
    db.session.flush()
    return location


def add_booth(
    event: Event, owner_id: int, number: int | None, name: str, zone_id: int | None
) -> Location:
    """Give a participant a booth where they hold all their meetings; one booth each."""
    owner = db.session.get(Participant, owner_id)
    if owner is None or owner.event_id != event.id:
        raise SetupError(_("no such participant in this event"), "owner")
    if owner.booth is not None:
        raise SetupError(_("%(org)s has a booth already: %(booth)s", org=owner.organisation,
                           booth=owner.booth.name), "owner")  # fmt: skip
    if number is None:
        highest = db.session.scalar(
            select(func.max(Location.number)).where(Location.event_id == event.id)
        )
        number = (highest or 0) + 1
    else:
        _number_free(event, number)
    zone = _zone(event, zone_id) if zone_id is not None else None
    name = name.strip() or f"Stand {number}: {owner.organisation}"
    booth = Location(event=event, number=number, name=name[:MAX_NAME], zone=zone, owner=owner)
    db.session.add(booth)
    db.session.flush()
    return booth


def remove_booth(event: Event, location_id: int) -> None:
    """Remove a booth that has no planned meetings; its owner meets at tables again."""
    booth = _location(event, location_id)
    if not booth.is_booth:
        raise SetupError(_("%(name)s is a table, not a booth", name=booth.name))
    if _planned_meetings(booth):
        raise SetupError(
            _("%(name)s has planned meetings; move or cancel them first", name=booth.name)
        )
    db.session.delete(booth)
    db.session.flush()


def booth_candidates(event: Event) -> list[Participant]:
    """Return the event's active participants without a booth, by organisation."""
    return list(
        db.session.scalars(
            select(Participant)
            .outerjoin(Location, Location.owner_id == Participant.id)
            .where(
                Participant.event_id == event.id,
                Participant.status != ParticipantStatus.CANCELLED,
                Location.id.is_(None),
            )
            .order_by(Participant.organisation, Participant.last_name, Participant.id)
        )
    )

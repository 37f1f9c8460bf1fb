"""Creating events and summarising them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Category, Event, Location, Participant
from matchmaker.models.enums import (
    DEFAULT_CATEGORIES,
    EventFormat,
    EventStatus,
    ParticipantStatus,
)
from matchmaker.models.types import utcnow
from matchmaker.services import rules
from matchmaker.services.slots import Slot, event_slots

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class EventError(ValueError):
    """The event cannot be created as asked; the message says why."""


def create_event(
    *,
    slug: str,
    title: str,
    timezone: str | None = None,
    event_format: EventFormat = EventFormat.B2B,
    **fields: object,
) -> Event:
    """Create an event with the default taxonomy of areas of activity."""
    timezone = timezone or current_app.config["DEFAULT_TIMEZONE"]
    if not SLUG_RE.match(slug) or len(slug) > 80:
        raise EventError(f"slug {slug!r} must be lowercase letters, digits and single hyphens")
    if not rules.is_timezone(timezone):
        raise EventError(f"{timezone!r} is not an IANA time zone")
    if db.session.scalar(select(Event.id).where(Event.slug == slug)) is not None:
        raise EventError(f"an event with the slug {slug!r} exists already")
    event = Event(slug=slug, title=title, timezone=timezone, format=event_format, **fields)
    event.categories = [
        Category(key=key, name_en=en, name_de=de, position=position)
        for position, (key, (en, de)) in enumerate(DEFAULT_CATEGORIES.items())
    ]
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class EventOverview:
    participants: int
    by_actor_type: list[tuple[str, int]]
    countries: int
    tables: int
    booths: int
    slots: list[Slot]


def event_overview(event: Event) -> EventOverview:
    """Summarise an event's confirmed participants, venue and slots for its public page."""
    rows = db.session.execute(
        select(Participant.actor_type, Participant.country, func.count())
        .where(
            Participant.event_id == event.id,
            Participant.status == ParticipantStatus.CONFIRMED,
        )
        .group_by(Participant.actor_type, Participant.country)
    ).all()
    by_type: Counter[str] = Counter()
    countries = set()
    for actor_type, country, count in rows:
        by_type[actor_type.value] += count
        countries.add(country)
    locations = db.session.execute(
        select(Location.owner_id.is_(None), func.count())
        .where(Location.event_id == event.id, Location.active.is_(True))
        .group_by(Location.owner_id.is_(None))
    ).all()
    counts = {is_table: count for is_table, count in locations}
    return EventOverview(
        participants=sum(by_type.values()),
        by_actor_type=by_type.most_common(),
        countries=len(countries),
        tables=counts.get(True, 0),
        booths=counts.get(False, 0),
        slots=event_slots(event),
    )


def agenda_visible(event: Event) -> bool:
    """Tell whether participants may see their agendas (once the organiser has published)."""
    return event.status in (EventStatus.PUBLISHED, EventStatus.CLOSED)


def set_phase(event: Event, status: EventStatus) -> None:
    """Move the event to another phase; publishing stamps the time it happened."""
    if status == EventStatus.PUBLISHED and event.published_at is None:
        event.published_at = utcnow()
    event.status = status
    db.session.flush()


def active_tables(event: Event) -> list[Location]:
    """Return the event's tables and booths in use, by number."""
    return list(
        db.session.scalars(
            select(Location)
            .where(Location.event_id == event.id, Location.active.is_(True))
            .order_by(Location.number)
        )
    )

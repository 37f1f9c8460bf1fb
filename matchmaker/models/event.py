"""The event and its structure: sessions, zones, locations (tables, booths), categories."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models.enums import EventFormat, EventStatus
from matchmaker.models.organiser import event_organisers
from matchmaker.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from matchmaker.models.organiser import Organiser
    from matchmaker.models.participant import Participant


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("meeting_minutes BETWEEN 5 AND 240", name="meeting_minutes"),
        CheckConstraint("pause_minutes BETWEEN 0 AND 120", name="pause_minutes"),
        CheckConstraint(
            "max_meetings_per_participant IS NULL OR max_meetings_per_participant > 0",
            name="max_meetings",
        ),
        CheckConstraint(
            "max_requests_per_participant IS NULL OR max_requests_per_participant > 0",
            name="max_requests",
        ),
        CheckConstraint("group_size BETWEEN 2 AND 12", name="group_size"),
        CheckConstraint("no_show_minutes BETWEEN 0 AND 240", name="no_show_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    format: Mapped[EventFormat] = mapped_column(
        enum_column(EventFormat, "event_format"), default=EventFormat.B2B
    )
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus, "event_status"), default=EventStatus.DRAFT
    )
    meeting_minutes: Mapped[int] = mapped_column(default=20)
    pause_minutes: Mapped[int] = mapped_column(default=5)
    # speed-dating rounds: people per table (2 = pairs; more for networking formats)
    group_size: Mapped[int] = mapped_column(default=2)
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    request_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    request_expiry_hours: Mapped[int | None] = mapped_column()
    max_meetings_per_participant: Mapped[int | None] = mapped_column()
    max_requests_per_participant: Mapped[int | None] = mapped_column()
    # matchmaking weights: cross-border bonus, actor-type mixes, interpreters allowed, ...
    matching: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    # event day: who has not checked in this many minutes before a meeting counts as absent
    no_show_minutes: Mapped[int] = mapped_column(default=10, server_default="10")
    # when the organiser opened the second feedback round ("did a cooperation come of it?")
    feedback_round_two_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisers: Mapped[list[Organiser]] = relationship(
        secondary=event_organisers, back_populates="events"
    )
    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(EventSession.day, EventSession.start_time)",
    )
    zones: Mapped[list[Zone]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Zone.name"
    )
    locations: Mapped[list[Location]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Location.number"
    )
    categories: Mapped[list[Category]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Category.position"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class EventSession(db.Model):
    """A block of meetings on one day ("Vormittag", "Afternoon"); slots are derived from it."""

    __tablename__ = "event_sessions"
    __table_args__ = (
        CheckConstraint("end_time > start_time", name="ends_after_start"),
        UniqueConstraint("event_id", "day", "start_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # local wall-clock date and times in the event's time zone
    day: Mapped[date] = mapped_column()
    start_time: Mapped[time] = mapped_column()
    end_time: Mapped[time] = mapped_column()

    event: Mapped[Event] = relationship(back_populates="sessions")


class Zone(db.Model):
    """A hall or area of the venue, to group tables (walking time, signposting)."""

    __tablename__ = "zones"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))

    event: Mapped[Event] = relationship(back_populates="zones")


class Location(db.Model):
    """A numbered table, or a booth owned by one participant who meets only there."""

    __tablename__ = "locations"
    __table_args__ = (
        UniqueConstraint("event_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    name: Mapped[str] = mapped_column(String(100))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id", ondelete="SET NULL"))
    # set for a booth: its exhibitor; one booth per participant
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), unique=True
    )
    active: Mapped[bool] = mapped_column(default=True)

    event: Mapped[Event] = relationship(back_populates="locations")
    zone: Mapped[Zone | None] = relationship()
    owner: Mapped[Participant | None] = relationship(
        foreign_keys=[owner_id], back_populates="booth"
    )

    @property
    def is_booth(self) -> bool:
        return self.owner_id is not None


class Category(db.Model):
    """An area of activity in the event's taxonomy, named in English and German."""

    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("event_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(120))
    name_de: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="categories")

    def name(self, locale: str) -> str:
        return self.name_de if locale == "de" else self.name_en

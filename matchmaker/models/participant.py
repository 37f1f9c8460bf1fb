"""Participants, their languages, availability, offers and needs."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models.enums import ActorType, ItemKind, ParticipantStatus
from matchmaker.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from matchmaker.models.event import Category, Event, EventSession, Location

# Sessions a participant is available for (absent rows: not available in that session).
participant_sessions = Table(
    "participant_sessions",
    db.metadata,
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", ForeignKey("event_sessions.id", ondelete="CASCADE"), primary_key=True),
)


class Participant(db.Model):
    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("event_id", "email"),
        CheckConstraint("length(country) = 2", name="country_iso2"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 0", name="max_meetings"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    organisation: Mapped[str] = mapped_column(String(200))
    actor_type: Mapped[ActorType] = mapped_column(enum_column(ActorType, "actor_type"))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    profile_text: Mapped[str] = mapped_column(Text, default="")
    # preferred UI/e-mail language of the participant
    locale: Mapped[str] = mapped_column(String(5), default="en")
    max_meetings: Mapped[int | None] = mapped_column()
    status: Mapped[ParticipantStatus] = mapped_column(
        enum_column(ParticipantStatus, "participant_status"), default=ParticipantStatus.REGISTERED
    )
    gdpr_consent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # SHA-256 of the secret access link's token; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    absent: Mapped[bool] = mapped_column(default=False)
    # accent- and case-folded name, organisation, offers and needs for the catalogue search;
    # kept current by matchmaker.services.search on every flush
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship(back_populates="participants")
    languages: Mapped[list[ParticipantLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="ParticipantLanguage.code"
    )
    items: Mapped[list[Item]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="Item.position"
    )
    sessions: Mapped[list[EventSession]] = relationship(secondary=participant_sessions)
    blocked_slots: Mapped[list[BlockedSlot]] = relationship(cascade="all, delete-orphan")
    booth: Mapped[Location | None] = relationship(
        foreign_keys="Location.owner_id", back_populates="owner"
    )

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def offers(self) -> list[Item]:
        return [i for i in self.items if i.kind == ItemKind.OFFER]

    @property
    def needs(self) -> list[Item]:
        return [i for i in self.items if i.kind == ItemKind.NEED]

    @property
    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages]

    def __repr__(self) -> str:
        return f"<Participant {self.id} {self.email}>"


class ParticipantLanguage(db.Model):
    __tablename__ = "participant_languages"
    __table_args__ = (CheckConstraint("length(code) = 2", name="iso639_1"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)


class BlockedSlot(db.Model):
    """A slot (by its start time) in which a participant is not available."""

    __tablename__ = "blocked_slots"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)


class Item(db.Model):
    """An offer (competence) or a need of a participant."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind, "item_kind"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    participant: Mapped[Participant] = relationship(back_populates="items")
    category: Mapped[Category | None] = relationship()

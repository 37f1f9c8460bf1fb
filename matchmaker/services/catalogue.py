"""The catalogue of confirmed participants: search, filters and pagination."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Category, Event, Item, Participant, ParticipantLanguage
from matchmaker.models.enums import ParticipantStatus
from matchmaker.services.search import search_terms

PER_PAGE = 20


@dataclass(frozen=True)
class CatalogueQuery:
    text: str = ""
    actor_type: str = ""
    country: str = ""
    category: str = ""  # category key
    language: str = ""
    page: int = 1


@dataclass(frozen=True)
class CataloguePage:
    participants: list[Participant]
    total: int
    page: int
    pages: int


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(event: Event, query: CatalogueQuery, exclude_id: int | None) -> Select:
    stmt = select(Participant.id).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.CONFIRMED
    )
    if exclude_id is not None:
        stmt = stmt.where(Participant.id != exclude_id)
    for term in search_terms(query.text):
        stmt = stmt.where(Participant.search_text.like(f"%{_escape_like(term)}%", escape="\\"))
    if query.actor_type:
        stmt = stmt.where(Participant.actor_type == query.actor_type)
    if query.country:
        stmt = stmt.where(Participant.country == query.country)
    if query.language:
        stmt = stmt.where(
            select(ParticipantLanguage.code)
            .where(
                ParticipantLanguage.participant_id == Participant.id,
                ParticipantLanguage.code == query.language,
            )
            .exists()
        )
    if query.category:
        stmt = stmt.where(
            select(Item.id)
            .join(Category, Item.category_id == Category.id)
            .where(Item.participant_id == Participant.id, Category.key == query.category)
            .exists()
        )
    return stmt


def search_catalogue(
    event: Event, query: CatalogueQuery, *, exclude_id: int | None = None, per_page: int = PER_PAGE
) -> CataloguePage:
    """Return one page of confirmed participants matching the search and filters."""
    ids = _filtered(event, query, exclude_id)
    total = db.session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, query.page), pages)
    people = db.session.scalars(
        select(Participant)
        .where(Participant.id.in_(ids.scalar_subquery()))
        .order_by(Participant.organisation, Participant.last_name, Participant.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .options(
            selectinload(Participant.items).joinedload(Item.category),
            selectinload(Participant.languages),
        )
    ).all()
    return CataloguePage(list(people), total, page, pages)


def catalogue_facets(event: Event) -> tuple[list[str], list[str]]:
    """Return the countries and languages that occur among confirmed participants."""
    confirmed = (Participant.event_id == event.id) & (
        Participant.status == ParticipantStatus.CONFIRMED
    )
    countries = db.session.scalars(
        select(Participant.country).where(confirmed).distinct().order_by(Participant.country)
    ).all()
    languages = db.session.scalars(
        select(ParticipantLanguage.code)
        .join(Participant, Participant.id == ParticipantLanguage.participant_id)
        .where(confirmed)
        .distinct()
        .order_by(ParticipantLanguage.code)
    ).all()
    return list(countries), list(languages)


def public_profile(event: Event, participant_id: int) -> Participant | None:
    """Return a confirmed participant of the event for their public profile page."""
    return db.session.scalar(
        select(Participant)
        .where(
            Participant.id == participant_id,
            Participant.event_id == event.id,
            Participant.status == ParticipantStatus.CONFIRMED,
        )
        .options(
            selectinload(Participant.items).joinedload(Item.category),
            selectinload(Participant.languages),
        )
    )


def confirmed_participants(event: Event) -> list[Participant]:
    """Return the event's confirmed participants by organisation and name."""
    return list(
        db.session.scalars(
            select(Participant)
            .where(
                Participant.event_id == event.id,
                Participant.status == ParticipantStatus.CONFIRMED,
            )
            .order_by(Participant.organisation, Participant.last_name, Participant.id)
        )
    )

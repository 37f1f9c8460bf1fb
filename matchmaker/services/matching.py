"""Recommendations: map an event's participants onto the solver's scoring and ask it."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Event, Exclusion, Item, Participant
from matchmaker.models.enums import ParticipantStatus
from solver.scoring import (
    Explanation,
    ItemMatch,
    Modifier,
    Profile,
    Score,
    ScoringConfig,
    best_matches,
)
from solver.scoring import Item as ScoringItem
from solver.scoring_render import render

DEFAULT_K = 10


def scoring_config(
    event: Event, exclusions: frozenset[frozenset[int]] = frozenset()
) -> ScoringConfig:
    """Return the solver's scoring settings from the organiser's matchmaking weights."""
    settings: dict[str, Any] = event.matching or {}
    fields: dict[str, Any] = {"exclusions": exclusions}
    if "cross_border_bonus" in settings:
        fields["cross_border_bonus"] = float(settings["cross_border_bonus"])
    if "interpreters_allowed" in settings:
        fields["interpreters_allowed"] = bool(settings["interpreters_allowed"])
    if "actor_mix_bonus" in settings:
        fields["actor_mix"] = {
            frozenset(pair.split("|")): float(points)
            for pair, points in settings["actor_mix_bonus"].items()
        }
    return ScoringConfig(**fields)


def profile_of(participant: Participant) -> Profile:
    """Return a participant as the solver's scoring sees them."""

    def items(rows: list[Item]) -> tuple[ScoringItem, ...]:
        return tuple(
            ScoringItem(i.category.key if i.category else "", i.title, i.description) for i in rows
        )

    return Profile(
        id=participant.id,
        organisation=participant.organisation,
        country=participant.country,
        actor_type=participant.actor_type.value,
        languages=frozenset(participant.language_codes),
        offers=items(participant.offers),
        needs=items(participant.needs),
    )


@dataclass(frozen=True)
class _Population:
    version: tuple
    profiles: list[Profile]
    config: ScoringConfig


_cache: dict[int, _Population] = {}
_lock = threading.Lock()


def _version(event: Event) -> tuple:
    """A cheap fingerprint that changes whenever a profile or an exclusion changes."""
    people = db.session.execute(
        select(func.count(), func.max(Participant.updated_at)).where(
            Participant.event_id == event.id, Participant.status == ParticipantStatus.CONFIRMED
        )
    ).one()
    excluded = db.session.execute(
        select(func.count(), func.max(Exclusion.id)).where(Exclusion.event_id == event.id)
    ).one()
    return (*people, *excluded, repr(sorted((event.matching or {}).items())))


def _population(event: Event) -> _Population:
    version = _version(event)
    cached = _cache.get(event.id)
    if cached is not None and cached.version == version:
        return cached
    people = db.session.scalars(
        select(Participant)
        .where(Participant.event_id == event.id, Participant.status == ParticipantStatus.CONFIRMED)
        .order_by(Participant.id)
        .options(
            selectinload(Participant.items).joinedload(Item.category),
            selectinload(Participant.languages),
        )
    ).all()
    pairs = db.session.execute(
        select(Exclusion.participant_id, Exclusion.other_id).where(Exclusion.event_id == event.id)
    ).all()
    population = _Population(
        version=version,
        profiles=[profile_of(p) for p in people],
        config=scoring_config(event, frozenset(frozenset(pair) for pair in pairs)),
    )
    with _lock:
        _cache[event.id] = population
    return population


@dataclass(frozen=True)
class Recommendation:
    participant: Participant
    score: Score


def recommendations_for(participant: Participant, k: int = DEFAULT_K) -> list[Recommendation]:
    """Return the participant's best matches among the event's confirmed participants."""
    population = _population(participant.event)
    scores = best_matches(profile_of(participant), population.profiles, population.config, k)
    people = {
        p.id: p
        for p in db.session.scalars(
            select(Participant)
            .where(Participant.id.in_([s.b for s in scores]))
            .options(selectinload(Participant.languages))
        )
    }
    return [Recommendation(people[s.b], s) for s in scores if s.b in people]


def all_recommendations(
    event: Event, k: int = DEFAULT_K
) -> list[tuple[Participant, list[Recommendation]]]:
    """Return every confirmed participant, by organisation, with their best matches."""
    people = db.session.scalars(
        select(Participant)
        .where(Participant.event_id == event.id, Participant.status == ParticipantStatus.CONFIRMED)
        .order_by(Participant.organisation, Participant.last_name, Participant.id)
        .options(
            selectinload(Participant.items).joinedload(Item.category),
            selectinload(Participant.languages),
        )
    ).all()
    return [(person, recommendations_for(person, k)) for person in people]


def explain(recommendation: Recommendation, locale: str) -> str:
    """Return the plain-language reason for a recommendation in the UI language."""
    return render(recommendation.score.explanation, "de" if locale == "de" else "en")


def stored_reason(explanation: dict[str, Any] | None, viewer_id: int, locale: str) -> str:
    """Render a meeting's stored explanation from the viewer's side, or "" if there is none."""
    if not explanation:
        return ""
    data = dict(explanation)
    for key in ("a_offers_b_needs", "b_offers_a_needs"):
        data[key] = tuple(ItemMatch(**m) for m in data.get(key, ()))
    data["modifiers"] = tuple(Modifier(**m) for m in data.get("modifiers", ()))
    data["shared_languages"] = tuple(data.get("shared_languages", ()))
    reason = Explanation(**data)
    if reason.a != viewer_id:
        reason = reason.mirrored()
    return render(reason, "de" if locale == "de" else "en")

"""Full-text search over participants that works the same on SQLite and PostgreSQL.

Each participant carries ``search_text``: name, organisation, city, profile, offers and needs,
case-folded and stripped of accents. A flush hook keeps it current whoever changes a profile,
so search never sees stale data, and a query is a few LIKE tests on one column.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import event
from sqlalchemy.orm import Session

from matchmaker.models import Item, Participant


def fold(text: str) -> str:
    """Return text case-folded and without accents, so "Köhler" matches "kohler" and "KÖHLER"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_terms(query: str, limit: int = 8) -> list[str]:
    """Split a search box entry into folded terms (all must match)."""
    return [t for t in fold(query).split() if t][:limit]


def participant_search_text(participant: Participant) -> str:
    """Return the folded text that search terms are matched against."""
    parts = [
        participant.first_name,
        participant.last_name,
        participant.organisation,
        participant.city,
        participant.profile_text,
    ]
    for item in participant.items:
        parts.extend((item.title, item.description))
    return fold(" ".join(p for p in parts if p))


@event.listens_for(Session, "before_flush")
def _refresh_search_text(session: Session, flush_context, instances) -> None:  # noqa: ANN001
    touched: set[Participant] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Participant):
            touched.add(obj)
        elif isinstance(obj, Item) and obj.participant is not None:
            touched.add(obj.participant)
    for participant in touched:
        if participant not in session.deleted:
            participant.search_text = participant_search_text(participant)

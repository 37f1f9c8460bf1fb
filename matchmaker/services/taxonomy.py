"""The event's taxonomy of areas of activity: add, rename, reorder and delete categories.

Keys appear in import files ("energy: Elektrolyse-Prüfstand") and in the scorer's category
match, so they are short, lowercase and unique per event; names are what people read.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from matchmaker.extensions import db
from matchmaker.models import Category, Event, Item, Participant
from matchmaker.models.types import utcnow
from matchmaker.services import rules
from matchmaker.services.setup import SetupError


def _category(event: Event, category_id: int) -> Category:
    category = db.session.get(Category, category_id)
    if category is None or category.event_id != event.id:
        raise SetupError(_("no such area in this event"))
    return category


def _ordered(event: Event) -> list[Category]:
    return list(
        db.session.scalars(
            select(Category)
            .where(Category.event_id == event.id)
            .order_by(Category.position, Category.id)
        )
    )


def _check_key(event: Event, key: str, category_id: int | None = None) -> str:
    key = key.strip()
    if not rules.CATEGORY_KEY.match(key) or len(key) > rules.MAX_CATEGORY_KEY:
        raise SetupError(_("use lowercase letters, digits, - and _ (at most 50)"), "key")
    other = db.session.scalar(
        select(Category.id).where(Category.event_id == event.id, Category.key == key)
    )
    if other is not None and other != category_id:
        raise SetupError(_("the key %(key)s is in use already", key=key), "key")
    return key


def category_usage(event: Event) -> dict[int, int]:
    """Return how many offers and needs use each of the event's categories."""
    rows = db.session.execute(
        select(Item.category_id, func.count())
        .join(Category, Category.id == Item.category_id)
        .where(Category.event_id == event.id)
        .group_by(Item.category_id)
    ).all()
    return {category_id: count for category_id, count in rows}


def add_category(event: Event, key: str, name_en: str, name_de: str) -> Category:
    """Add an area at the end of the list."""
    key = _check_key(event, key)
    last = db.session.scalar(
        select(func.max(Category.position)).where(Category.event_id == event.id)
    )
    category = Category(event=event, key=key, name_en=name_en.strip(), name_de=name_de.strip(),
                        position=0 if last is None else last + 1)  # fmt: skip
    db.session.add(category)
    db.session.flush()
    return category


def update_category(
    event: Event, category_id: int, key: str, name_en: str, name_de: str
) -> Category:
    """Rename an area (its key or its English and German names)."""
    category = _category(event, category_id)
    category.key = _check_key(event, key, category.id)
    category.name_en, category.name_de = name_en.strip(), name_de.strip()
    db.session.flush()
    return category


def move_category(event: Event, category_id: int, step: int) -> None:
    """Move an area up (step -1) or down (step 1) in the list; positions become 0, 1, 2..."""
    categories = _ordered(event)
    index = next((i for i, c in enumerate(categories) if c.id == category_id), None)
    if index is None:
        raise SetupError(_("no such area in this event"))
    target = index + step
    if 0 <= target < len(categories):
        categories[index], categories[target] = categories[target], categories[index]
    for position, category in enumerate(categories):
        category.position = position
    db.session.flush()


def delete_category(event: Event, category_id: int, move_to_id: int | None = None) -> int:
    """Delete an area; offers and needs using it move to another area, never silently lose it.

    Return how many offers and needs were moved.
    """
    category = _category(event, category_id)
    used = category_usage(event).get(category.id, 0)
    if used and move_to_id is None:
        raise SetupError(
            _("%(n)d offers and needs use this area: choose an area to move them to", n=used),
            "move_to",
        )
    if used:
        if move_to_id == category.id:
            raise SetupError(_("choose another area to move them to"), "move_to")
        target = _category(event, move_to_id)
        owners = select(Item.participant_id).where(Item.category_id == category.id)
        # a changed category changes scores: mark the profiles changed (recommendation cache)
        db.session.execute(
            update(Participant)
            .where(Participant.id.in_(owners))
            .values(updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        db.session.execute(
            update(Item)
            .where(Item.category_id == category.id)
            .values(category_id=target.id)
            .execution_options(synchronize_session=False)
        )
        db.session.expire_all()
        category = _category(event, category_id)
    db.session.delete(category)
    db.session.flush()
    for position, remaining in enumerate(_ordered(event)):
        remaining.position = position
    db.session.flush()
    return used

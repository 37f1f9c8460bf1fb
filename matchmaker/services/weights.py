"""Actor-type mix weights: extra points for pairs of two actor types (e.g. SME and university).

They live in ``event.matching["actor_mix_bonus"]`` as ``{"sme|university": 5, ...}``, the shape
``services.matching.scoring_config`` reads. While an event has none stored, the scorer's
built-in defaults apply; the first change copies them, so changing one mix keeps the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.models.enums import ActorType
from matchmaker.services import rules
from matchmaker.services.setup import SetupError
from solver.scoring import DEFAULT_ACTOR_MIX

KEY = "actor_mix_bonus"


@dataclass(frozen=True)
class ActorMix:
    a: ActorType
    b: ActorType
    points: float


def _key(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


def _pair_key(types: frozenset[str] | list[str]) -> str:
    """Return the canonical key of a pair; a one-element pair is a mix of one type with itself."""
    ordered = sorted(types)
    return _key(ordered[0], ordered[-1])


def _stored(event: Event) -> dict[str, float]:
    """Return the event's mixes by canonical key (the defaults while none are stored)."""
    settings = event.matching or {}
    if KEY in settings:
        return {_pair_key(k.split("|")): float(v) for k, v in settings[KEY].items()}
    return {_pair_key(pair): points for pair, points in DEFAULT_ACTOR_MIX.items()}


def uses_defaults(event: Event) -> bool:
    """Tell whether the event still scores with the built-in actor-type mixes."""
    return KEY not in (event.matching or {})


def actor_mixes(event: Event) -> list[ActorMix]:
    """Return the mixes in effect, highest points first."""
    order = list(ActorType)  # within a pair, the enum's order reads best: SME before university
    known = {t.value for t in ActorType}
    mixes = []
    for key, points in _stored(event).items():
        if not set(key.split("|")) <= known:
            continue  # a type that no longer exists scores nobody
        a, b = sorted((ActorType(t) for t in key.split("|")), key=order.index)
        mixes.append(ActorMix(a, b, points))
    return sorted(mixes, key=lambda m: (-m.points, order.index(m.a), order.index(m.b)))


def _save(event: Event, mixes: dict[str, float]) -> None:
    matching = dict(event.matching or {})
    # whole numbers stay ints in the JSON, as the form enters them
    matching[KEY] = {k: int(v) if float(v).is_integer() else v for k, v in sorted(mixes.items())}
    event.matching = matching  # a new dict: the JSON column sees the change
    db.session.flush()


def set_actor_mix(event: Event, a: str, b: str, points: float) -> None:
    """Add a mix or change its points."""
    types = {t.value for t in ActorType}
    if a not in types or b not in types:
        raise SetupError(_("choose actor types from the list"), "type_a")
    low, high = rules.MIX_POINTS
    if not low <= points <= high:
        raise SetupError(_("points must be between %(low)d and %(high)d", low=low, high=high),
                         "points")  # fmt: skip
    mixes = _stored(event)
    mixes[_key(a, b)] = points
    _save(event, mixes)


def remove_actor_mix(event: Event, a: str, b: str) -> None:
    """Remove a mix; its pairs score without the bonus."""
    mixes = _stored(event)
    if mixes.pop(_key(a, b), None) is None:
        raise SetupError(_("this mix is not set"))
    _save(event, mixes)

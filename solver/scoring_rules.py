"""Pair modifiers and hard exclusions from what profiles say about themselves.

Country, organisation, actor type and languages become integer codes per profile
(``Attributes``), so that bonuses for cross-border pairs and actor-type mixes and the exclusions
(same organisation, no shared language, "no thanks" and conflicts of interest) are array
operations over all pairs at once; ``combine`` turns both coverage directions into scores.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from solver.scoring_types import Profile, ScoringConfig


def organisation_key(organisation: str) -> str:
    """Return the organisation name compared case- and whitespace-insensitively."""
    return " ".join(organisation.lower().split())


def languages(profile: Profile) -> frozenset[str]:
    """Return the profile's language codes, lower-cased."""
    return frozenset(x.strip().lower() for x in profile.languages if x.strip())


@dataclass(frozen=True, eq=False)
class Attributes:
    """What pair bonuses and exclusions need of each profile, as integer codes."""

    ids: np.ndarray
    # 0: no country / no organisation; -1: a value that no profile of ``like`` has.
    countries: np.ndarray
    organisations: np.ndarray
    type_names: tuple[str, ...]
    types: np.ndarray
    # 1.0 where a profile speaks a language (columns: ``numbering[2]``), so that a matrix
    # product counts the languages of every pair in common.
    spoken: np.ndarray
    numbering: tuple[dict[str, int], dict[str, int], dict[str, int]]


def attributes(profiles: Sequence[Profile], like: Attributes | None = None) -> Attributes:
    """Return the profiles' attributes, numbered as in ``like`` when given."""
    spoken_codes = [languages(p) for p in profiles]
    if like is None:
        known = set().union(*spoken_codes)
        numbering = ({"": 0}, {"": 0}, {c: i for i, c in enumerate(sorted(known))})
    else:
        numbering = like.numbering

    def code(table: dict[str, int], key: str) -> int:
        return table.get(key, -1) if like is not None else table.setdefault(key, len(table))

    countries = [code(numbering[0], p.country.strip().upper()) for p in profiles]
    organisations = [code(numbering[1], organisation_key(p.organisation)) for p in profiles]
    type_names = tuple(sorted({p.actor_type for p in profiles}))
    spoken = np.zeros((len(profiles), len(numbering[2])))
    for i, codes in enumerate(spoken_codes):
        spoken[i, [numbering[2][c] for c in codes if c in numbering[2]]] = 1.0
    return Attributes(
        ids=np.array([p.id for p in profiles], dtype=np.int64),
        countries=np.array(countries, dtype=np.int64),
        organisations=np.array(organisations, dtype=np.int64),
        type_names=type_names,
        types=np.array([type_names.index(p.actor_type) for p in profiles], dtype=np.int64),
        spoken=spoken,
        numbering=numbering,
    )


def combine(
    config: ScoringConfig, f: np.ndarray, g: np.ndarray, left: Attributes, right: Attributes
):
    """Return (values, relevance points, cross-border, actor-mix, reciprocity, reasons)."""
    # f[i, j] is how well left profile i covers the needs of right profile j, g the reverse.
    # The stronger direction alone earns up to (1 - rho); the geometric mean adds the rest only
    # when both sides gain, so mutual benefit outranks one-sided benefit of the same strength.
    rho = config.reciprocity
    relevance = np.round(100.0 * ((1.0 - rho) * np.maximum(f, g) + rho * np.sqrt(f * g)), 1)
    relevant = relevance > 0
    # Integer codes: comparing 4 million string pairs would cost more than the rest together.
    lc, rc = left.countries[:, None], right.countries[None, :]
    cross = np.where((lc != rc) & (lc != 0) & (rc != 0) & relevant, config.cross_border_bonus, 0.0)
    table = np.array(
        [
            [config.actor_mix.get(frozenset({s, t}), 0.0) for t in right.type_names]
            for s in left.type_names
        ]
    ).reshape(len(left.type_names), len(right.type_names))
    mix = np.where(relevant, table[left.types[:, None], right.types[None, :]], 0.0)
    mutual = (f > 0) & (g > 0)
    recip = np.where(mutual, config.reciprocity_bonus, 0.0)
    values = np.minimum(100.0, np.round(relevance + cross + mix + recip, 1))
    values = np.maximum(values, 0.0)
    reasons = _exclusion_reasons(config, left, right)
    values[reasons != 0] = 0.0
    values[left.ids[:, None] == right.ids[None, :]] = 0.0
    return values, relevance, cross, mix, recip, reasons


def _exclusion_reasons(config: ScoringConfig, left: Attributes, right: Attributes) -> np.ndarray:
    """Return codes per pair: 0 none, 1 excluded, 2 same organisation, 3 no shared language."""
    reasons = np.zeros((len(left.ids), len(right.ids)), dtype=np.int8)
    if not config.interpreters_allowed:
        reasons[(left.spoken @ right.spoken.T) == 0] = 3
    lo, ro = left.organisations[:, None], right.organisations[None, :]
    reasons[(lo == ro) & (lo > 0)] = 2
    if config.exclusions:
        left_index = {int(x): i for i, x in enumerate(left.ids)}
        right_index = {int(x): j for j, x in enumerate(right.ids)}
        for pair in config.exclusions:
            for u, v in itertools.permutations(pair, 2) if len(pair) == 2 else ():
                if u in left_index and v in right_index:
                    reasons[left_index[u], right_index[v]] = 1
    reasons[left.ids[:, None] == right.ids[None, :]] = 0
    return reasons


def check_ids(profiles: Sequence[Profile]) -> None:
    """Raise ValueError when two profiles share an id."""
    if len({p.id for p in profiles}) != len(profiles):
        raise ValueError("profile ids must be unique")

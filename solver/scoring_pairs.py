"""The numeric pipeline behind ``solver.scoring``, shared by one pair and all pairs.

Items become rows of a sparse matrix over hashed text columns plus category columns; offers times
needs gives every item match. Rows never depend on which other items are present, and every
reduction runs in the same order for a pair as for a population, so ``score`` and
``score_matrix`` agree to the last bit.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from solver.text import TEXT_DIM, text_vector

if TYPE_CHECKING:
    from solver.scoring import Profile, ScoringConfig

# Category columns sit after the hashed text columns, so a category never collides with text.
_CATEGORY_DIM = 1 << 16
# Item matches evaluated per block: bounds the memory of the dense block to ~32 MB.
_BLOCK_ENTRIES = 4_000_000


def organisation_key(organisation: str) -> str:
    """Return the organisation name compared case- and whitespace-insensitively."""
    return " ".join(organisation.lower().split())


def languages(profile: Profile) -> frozenset[str]:
    """Return the profile's language codes, lower-cased."""
    return frozenset(x.strip().lower() for x in profile.languages if x.strip())


def _items(profiles: Sequence[Profile], kind: str, config: ScoringConfig):
    """Return (items x features CSR matrix, start row of each profile, the items)."""
    text_scale = np.sqrt(1.0 - config.category_weight)
    category_value = float(np.sqrt(config.category_weight))
    indptr, indices, data, items = [0], [], [], []
    starts = np.zeros(len(profiles) + 1, dtype=np.int64)
    for p, profile in enumerate(profiles):
        for item in getattr(profile, kind):
            columns, values = text_vector(item.title, item.description, config.concept_share)
            indices.extend(columns)
            data.extend(v * text_scale for v in values)
            category = item.category.strip().lower()
            if category:
                hashed = zlib.crc32(category.encode()) & (_CATEGORY_DIM - 1)
                indices.append(TEXT_DIM + hashed)
                data.append(category_value)
            indptr.append(len(indices))
            items.append(item)
        starts[p + 1] = len(items)
    matrix = sparse.csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
        shape=(len(items), TEXT_DIM + _CATEGORY_DIM),
    )
    return matrix, starts, items


def item_similarity(offers: sparse.csr_matrix, needs_t: sparse.csr_matrix, threshold: float):
    """Return the dense offer x need match matrix, noise below ``threshold`` set to 0."""
    block = (offers @ needs_t).toarray()
    block[block < threshold] = 0.0
    # Rounding can push a perfect match a hair above 1.
    np.minimum(block, 1.0, out=block)
    return block


def _segments(starts: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the profiles in lo..hi-1 that own items, and their first item relative to lo's."""
    counts = np.diff(starts[lo : hi + 1])
    owners = np.nonzero(counts)[0] + lo
    return owners, starts[owners] - starts[lo]


def coverage_matrix(profiles: Sequence[Profile], config: ScoringConfig):
    """Return C with C[p, q] = how well p's offers cover q's needs, and the item data."""
    n = len(profiles)
    offers, offer_starts, offer_items = _items(profiles, "offers", config)
    needs, need_starts, need_items = _items(profiles, "needs", config)
    needs_t = needs.T.tocsr()
    coverage = np.zeros((n, n))
    needers, need_offsets = _segments(need_starts, 0, n)
    need_counts = np.diff(need_starts)[needers]
    share = config.best_match_share
    per_block = max(1, _BLOCK_ENTRIES // max(1, len(need_items)))
    lo = 0
    while lo < n and len(needers):
        hi = int(np.searchsorted(offer_starts, offer_starts[lo] + per_block, side="right")) - 1
        hi = min(n, max(hi, lo + 1))
        owners, offsets = _segments(offer_starts, lo, hi)
        if len(owners):
            block = item_similarity(
                offers[offer_starts[lo] : offer_starts[hi]], needs_t, config.min_similarity
            )
            best = np.maximum.reduceat(block, offsets, axis=0)
            total = np.add.reduceat(best, need_offsets, axis=1)
            top = np.maximum.reduceat(best, need_offsets, axis=1)
            coverage[np.ix_(owners, needers)] = share * top + (1.0 - share) * (total / need_counts)
        lo = hi
    return coverage, (offers, offer_starts, offer_items, needs_t, need_starts, need_items)


def combine(profiles: Sequence[Profile], config: ScoringConfig, coverage: np.ndarray):
    """Return (values, relevance points, cross-border, actor-mix, reciprocity, reasons)."""
    f, g = coverage, coverage.T
    # The stronger direction alone earns up to (1 - rho); the geometric mean adds the rest only
    # when both sides gain, so mutual benefit outranks one-sided benefit of the same strength.
    rho = config.reciprocity
    relevance = np.round(100.0 * ((1.0 - rho) * np.maximum(f, g) + rho * np.sqrt(f * g)), 1)
    relevant = relevance > 0
    # Integer codes: comparing 4 million string pairs would cost more than the rest together.
    names = [p.country.strip().upper() for p in profiles]
    numbering = {name: i for i, name in enumerate(sorted(set(names)))}
    countries = np.array([numbering[name] for name in names], dtype=np.int64)
    known = np.array([name != "" for name in names], dtype=bool)
    cross = (countries[:, None] != countries[None, :]) & known[:, None] & known[None, :]
    cross = np.where(cross & relevant, config.cross_border_bonus, 0.0)
    types = sorted({p.actor_type for p in profiles})
    table = np.array(
        [[config.actor_mix.get(frozenset({s, t}), 0.0) for t in types] for s in types]
    ).reshape(len(types), len(types))
    codes = np.array([types.index(p.actor_type) for p in profiles], dtype=np.int64)
    mix = np.where(relevant, table[codes[:, None], codes[None, :]], 0.0)
    mutual = (f > 0) & (g > 0)
    recip = np.where(mutual, config.reciprocity_bonus, 0.0)
    values = np.minimum(100.0, np.round(relevance + cross + mix + recip, 1))
    values = np.maximum(values, 0.0)
    reasons = _exclusion_reasons(profiles, config)
    values[reasons != 0] = 0.0
    np.fill_diagonal(values, 0.0)
    return values, relevance, cross, mix, recip, reasons


def _exclusion_reasons(profiles: Sequence[Profile], config: ScoringConfig) -> np.ndarray:
    """Return codes per pair: 0 none, 1 excluded, 2 same organisation, 3 no shared language."""
    n = len(profiles)
    reasons = np.zeros((n, n), dtype=np.int8)
    if not config.interpreters_allowed:
        codes = sorted(set().union(*(languages(p) for p in profiles)))
        column = {code: i for i, code in enumerate(codes)}
        spoken = np.zeros((n, len(codes)), dtype=np.float64)
        for p, profile in enumerate(profiles):
            for code in languages(profile):
                spoken[p, column[code]] = 1.0
        reasons[(spoken @ spoken.T) == 0] = 3
    keys = [organisation_key(p.organisation) for p in profiles]
    groups: dict[str, list[int]] = {}
    for p, key in enumerate(keys):
        if key:
            groups.setdefault(key, []).append(p)
    for members in groups.values():
        if len(members) > 1:
            reasons[np.ix_(members, members)] = 2
    index = {p.id: i for i, p in enumerate(profiles)}
    for pair in config.exclusions:
        ids = [index.get(x) for x in pair]
        if len(ids) == 2 and None not in ids:
            reasons[ids[0], ids[1]] = reasons[ids[1], ids[0]] = 1
    np.fill_diagonal(reasons, 0)
    return reasons


def check_ids(profiles: Sequence[Profile]) -> None:
    """Raise ValueError when two profiles share an id."""
    if len({p.id for p in profiles}) != len(profiles):
        raise ValueError("profile ids must be unique")

"""The numeric pipeline behind ``solver.scoring``, shared by one pair, one-vs-all and all pairs.

Items become rows of a sparse matrix over hashed text columns plus category columns; offers times
needs gives every item match. Rows never depend on which other items are present, and every
reduction runs in the same order for a pair as for a population, so ``score``, ``score_against``
and ``score_matrix`` agree to the last bit. A sparse product sums, for each pair of items, the
products of their shared columns in ascending column order whichever side is on the left, so
needs x offers is the exact transpose of offers x needs.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from solver import text
from solver.scoring_rules import Attributes, attributes
from solver.text import TEXT_DIM, text_vector

if TYPE_CHECKING:
    from solver.scoring_types import Item, Profile, ScoringConfig

# Category columns sit after the hashed text columns, so a category never collides with text.
_CATEGORY_DIM = 1 << 16
# Item matches evaluated per block: bounds the memory of the dense block to ~32 MB.
_BLOCK_ENTRIES = 4_000_000
_SHAPE_COLUMNS = TEXT_DIM + _CATEGORY_DIM
# Fewer used feature entries than this: sorting them beats a pass over all columns.
_SORT_BELOW = _SHAPE_COLUMNS // 32


@lru_cache(maxsize=1 << 16)
def _item_rows(items: tuple[Item, ...], category_weight: float, concept_share: float):
    """Return the feature rows of one profile's items: (columns, values, row lengths)."""
    # Cached per profile side, so repeated one-vs-all calls only concatenate arrays.
    text_scale = np.sqrt(1.0 - category_weight)
    category_value = float(np.sqrt(category_weight))
    indices, data, lengths = [], [], []
    for item in items:
        columns, values = text_vector(item.title, item.description, concept_share)
        indices.extend(columns)
        data.extend(v * text_scale for v in values)
        category = item.category.strip().lower()
        if category:
            indices.append(TEXT_DIM + (zlib.crc32(category.encode()) & (_CATEGORY_DIM - 1)))
            data.append(category_value)
        lengths.append(len(columns) + bool(category))
    rows = (
        np.array(indices, dtype=np.int64),
        np.array(data, dtype=np.float64),
        np.array(lengths, dtype=np.int64),
    )
    for array in rows:
        array.setflags(write=False)
    return rows


@dataclass(frozen=True, eq=False)
class Features:
    """Item rows of a population over the feature columns its items use, in ascending order."""

    offers: sparse.csr_matrix
    offer_starts: np.ndarray
    needs: sparse.csr_matrix
    need_starts: np.ndarray
    columns: np.ndarray

    def rows_of(
        self, profile: Profile, kind: str, category_weight: float, concept_share: float
    ) -> sparse.csr_matrix:
        """Return one profile's offer or need rows over these columns only."""
        # Dropped entries share no column with the population, so no product changes; the
        # renumbering keeps column order, so every sparse sum runs in the same order.
        columns, values, lengths, _ = _rows((profile,), kind, category_weight, concept_share)
        position = np.searchsorted(self.columns, columns)
        keep = position < len(self.columns)
        keep[keep] = self.columns[position[keep]] == columns[keep]
        kept = np.bincount(
            np.repeat(np.arange(len(lengths)), lengths)[keep], minlength=len(lengths)
        )
        shape = (len(lengths), len(self.columns))
        return sparse.csr_matrix((values[keep], position[keep], _indptr(kept)), shape=shape)


def _indptr(lengths: np.ndarray) -> np.ndarray:
    """Return the CSR row pointer of rows with ``lengths`` entries."""
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return indptr


def _rows(profiles: Sequence[Profile], kind: str, category_weight: float, concept_share: float):
    """Return (columns, values, row lengths, start row of each profile) of one item kind."""
    rows = [_item_rows(getattr(p, kind), category_weight, concept_share) for p in profiles]
    starts = np.zeros(len(profiles) + 1, dtype=np.int64)
    np.cumsum([len(r[2]) for r in rows], out=starts[1:])
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64), starts
    return (*(np.concatenate([r[i] for r in rows]) for i in range(3)), starts)


def features(profiles: Sequence[Profile], category_weight: float, concept_share: float) -> Features:
    """Return the offer and need rows of ``profiles`` over the columns they use."""
    weights = (category_weight, concept_share)
    offer_columns, offer_values, offer_lengths, offer_starts = _rows(profiles, "offers", *weights)
    need_columns, need_values, need_lengths, need_starts = _rows(profiles, "needs", *weights)
    # A million hashed columns, few used: compact columns make transposes cheap for small sets.
    columns, inverse = _compact(np.concatenate([offer_columns, need_columns]))
    split = len(offer_columns)
    matrices = []
    for values, positions, lengths in (
        (offer_values, inverse[:split], offer_lengths),
        (need_values, inverse[split:], need_lengths),
    ):
        shape = (len(lengths), len(columns))
        matrices.append(sparse.csr_matrix((values, positions, _indptr(lengths)), shape=shape))
    return Features(matrices[0], offer_starts, matrices[1], need_starts, columns)


def _compact(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the sorted distinct columns and each index's position among them."""
    if len(indices) < _SORT_BELOW:
        return np.unique(indices, return_inverse=True)
    # Many indices: a pass over all columns is faster than sorting the indices.
    used = np.zeros(_SHAPE_COLUMNS, dtype=bool)
    used[indices] = True
    return np.flatnonzero(used), (np.cumsum(used) - 1)[indices]


def item_similarity(offers: sparse.csr_matrix, needs_t: sparse.spmatrix, threshold: float):
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


def _coverage(best: np.ndarray, need_offsets, need_counts, share: float) -> np.ndarray:
    """Return coverage from each row's best match per need, needs grouped at ``need_offsets``."""
    total = np.add.reduceat(best, need_offsets, axis=1)
    top = np.maximum.reduceat(best, need_offsets, axis=1)
    return share * top + (1.0 - share) * (total / need_counts)


def coverage_matrix(profiles: Sequence[Profile], config: ScoringConfig):
    """Return C with C[p, q] = how well p's offers cover q's needs, the features and needs^T."""
    n = len(profiles)
    items = features(profiles, config.category_weight, config.concept_share)
    offers, offer_starts, need_starts = items.offers, items.offer_starts, items.need_starts
    needs_t = items.needs.T.tocsr()
    coverage = np.zeros((n, n))
    needers, need_offsets = _segments(need_starts, 0, n)
    need_counts = np.diff(need_starts)[needers]
    per_block = max(1, _BLOCK_ENTRIES // max(1, int(need_starts[-1])))
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
            coverage[np.ix_(owners, needers)] = _coverage(
                best, need_offsets, need_counts, config.best_match_share
            )
        lo = hi
    return coverage, items, needs_t


@dataclass(frozen=True, eq=False)
class _Population:
    """What one-vs-all scoring reuses of a population between calls."""

    items: Features
    offers_t: sparse.csr_matrix
    needs_t: sparse.csr_matrix
    attributes: Attributes


@lru_cache(maxsize=4)
def _population(
    profiles: tuple[Profile, ...], category_weight: float, concept_share: float
) -> _Population:
    """Return the features and attributes of ``profiles``, built once per population."""
    # Keyed by content, so profiles rebuilt from storage still hit while nothing changed.
    items = features(profiles, category_weight, concept_share)
    return _Population(items, items.offers.T.tocsr(), items.needs.T.tocsr(), attributes(profiles))


def against(profile: Profile, others: Sequence[Profile], config: ScoringConfig):
    """Return (covers, covered, the profile's attributes, the others' attributes)."""
    # covers[0, j]: how well the profile covers the needs of others[j]; covered: the reverse.
    # Sums and reductions run as in coverage_matrix, so the values agree to the last bit.
    population = _population(tuple(others), config.category_weight, config.concept_share)
    items, n = population.items, len(others)
    share, threshold = config.best_match_share, config.min_similarity
    covers, covered = np.zeros((1, n)), np.zeros((1, n))
    mine = [
        items.rows_of(profile, kind, config.category_weight, config.concept_share)
        for kind in ("offers", "needs")
    ]
    needers, need_offsets = _segments(items.need_starts, 0, n)
    if mine[0].shape[0] and len(needers):
        block = item_similarity(mine[0], population.needs_t, threshold)
        best = block.max(axis=0)[None, :]
        counts = np.diff(items.need_starts)[needers]
        covers[0, needers] = _coverage(best, need_offsets, counts, share)[0]
    owners, offer_offsets = _segments(items.offer_starts, 0, n)
    if mine[1].shape[0] and len(owners):
        # My needs x their offers, turned round: rows are their offers as in coverage_matrix.
        block = np.ascontiguousarray(item_similarity(mine[1], population.offers_t, threshold).T)
        best = np.ascontiguousarray(np.maximum.reduceat(block, offer_offsets, axis=0))
        zero = np.zeros(1, dtype=np.int64)
        covered[0, owners] = _coverage(best, zero, mine[1].shape[0], share)[:, 0]
    mine_attributes = attributes((profile,), like=population.attributes)
    return covers, covered, mine_attributes, population.attributes


def clear_caches() -> None:
    """Forget cached word, item and profile features (for cold-start timings)."""
    text.clear_caches()
    _item_rows.cache_clear()
    _population.cache_clear()

"""Pair scores for matchmaking: how much two participants' offers answer each other's needs.

An item match between an offer and a need blends a shared category with the text similarity of
titles and descriptions (``solver.text``). A direction's coverage is how well one side's offers
answer the other's needs; the two directions combine so that mutual benefit beats one-sided
benefit, and organiser bonuses for cross-border pairs and actor-type mixes come on top.

``score`` (one pair, explained) and ``score_matrix`` (all pairs, sparse and blockwise) share one
numeric pipeline, so they agree exactly. Values are points from 0 to 100, rounded to 0.1.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from solver.text import TEXT_DIM, text_vector

# Category columns sit after the hashed text columns, so a category never collides with text.
_CATEGORY_DIM = 1 << 16
# Item matches evaluated per block: bounds the memory of the dense block to ~32 MB.
_BLOCK_ENTRIES = 4_000_000

DEFAULT_ACTOR_MIX: dict[frozenset[str], float] = {
    frozenset({"sme", "research_institute"}): 5.0,
    frozenset({"sme", "university"}): 5.0,
    frozenset({"startup", "funder"}): 5.0,
    frozenset({"startup", "large_company"}): 5.0,
    frozenset({"sme", "large_company"}): 3.0,
    frozenset({"sme", "funder"}): 3.0,
    frozenset({"startup", "research_institute"}): 3.0,
    frozenset({"startup", "university"}): 3.0,
    frozenset({"large_company", "research_institute"}): 3.0,
    frozenset({"large_company", "university"}): 3.0,
    frozenset({"sme", "cluster"}): 2.0,
    frozenset({"startup", "cluster"}): 2.0,
}

EXCLUDED = "excluded"
SAME_ORGANISATION = "same_organisation"
NO_SHARED_LANGUAGE = "no_shared_language"


@dataclass(frozen=True)
class Item:
    """One offer or need: a category key of the event's taxonomy, a title and a description."""

    category: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Profile:
    id: int
    organisation: str
    country: str
    actor_type: str
    languages: frozenset[str]
    offers: tuple[Item, ...] = ()
    needs: tuple[Item, ...] = ()


@dataclass(frozen=True)
class ScoringConfig:
    # Organiser weights, in points added to relevant pairs (those with some item match).
    cross_border_bonus: float = 5.0
    actor_mix: Mapping[frozenset[str], float] = field(
        default_factory=lambda: dict(DEFAULT_ACTOR_MIX)
    )
    reciprocity_bonus: float = 5.0
    interpreters_allowed: bool = False
    # Pairs that must never meet: "no thanks" from either side, conflicts of interest.
    exclusions: frozenset[frozenset[int]] = frozenset()
    # Share of an item match carried by a shared category; the rest is text similarity.
    category_weight: float = 0.35
    # Share of text similarity carried by lexicon concepts; the rest by character 4-grams.
    concept_share: float = 0.6
    # Item matches below this are noise and count as no match.
    min_similarity: float = 0.2
    # Coverage of a side's needs: this share from the best-answered need, the rest from the mean.
    best_match_share: float = 0.5
    # Relevance: this share from the geometric mean of the two directions, the rest arithmetic.
    reciprocity: float = 0.5


@dataclass(frozen=True)
class ItemMatch:
    """An offer of one side that answers a need of the other; similarity from 0 to 1."""

    offer: str
    need: str
    offer_category: str
    need_category: str
    similarity: float


@dataclass(frozen=True)
class Modifier:
    """A bonus applied to a pair; ``a_value``/``b_value`` say why (countries, actor types)."""

    kind: str
    points: float
    a_value: str = ""
    b_value: str = ""


@dataclass(frozen=True)
class Explanation:
    """Why A and B got their score, from A's point of view."""

    a: int
    b: int
    a_offers_b_needs: tuple[ItemMatch, ...] = ()
    b_offers_a_needs: tuple[ItemMatch, ...] = ()
    shared_languages: tuple[str, ...] = ()
    modifiers: tuple[Modifier, ...] = ()
    # How well A's offers cover B's needs and the reverse, from 0 to 1.
    coverage_a_to_b: float = 0.0
    coverage_b_to_a: float = 0.0
    # Points from the item matches alone, before modifiers.
    relevance: float = 0.0
    excluded: str | None = None

    def mirrored(self) -> Explanation:
        """Return the same explanation from B's point of view."""
        return Explanation(
            a=self.b,
            b=self.a,
            a_offers_b_needs=self.b_offers_a_needs,
            b_offers_a_needs=self.a_offers_b_needs,
            shared_languages=self.shared_languages,
            modifiers=tuple(
                Modifier(m.kind, m.points, m.b_value, m.a_value) for m in self.modifiers
            ),
            coverage_a_to_b=self.coverage_b_to_a,
            coverage_b_to_a=self.coverage_a_to_b,
            relevance=self.relevance,
            excluded=self.excluded,
        )


@dataclass(frozen=True)
class Score:
    a: int
    b: int
    value: float
    explanation: Explanation


# --- shared numeric pipeline ---------------------------------------------------------------


def _organisation_key(organisation: str) -> str:
    return " ".join(organisation.lower().split())


def _languages(profile: Profile) -> frozenset[str]:
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


def _item_similarity(offers: sparse.csr_matrix, needs_t: sparse.csr_matrix, threshold: float):
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


def _coverage(profiles: Sequence[Profile], config: ScoringConfig):
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
            block = _item_similarity(
                offers[offer_starts[lo] : offer_starts[hi]], needs_t, config.min_similarity
            )
            best = np.maximum.reduceat(block, offsets, axis=0)
            total = np.add.reduceat(best, need_offsets, axis=1)
            top = np.maximum.reduceat(best, need_offsets, axis=1)
            coverage[np.ix_(owners, needers)] = share * top + (1.0 - share) * (total / need_counts)
        lo = hi
    return coverage, (offers, offer_starts, offer_items, needs_t, need_starts, need_items)


def _combine(profiles: Sequence[Profile], config: ScoringConfig, coverage: np.ndarray):
    """Return (values, relevance points, cross-border, actor-mix, reciprocity, reasons)."""
    f, g = coverage, coverage.T
    rho = config.reciprocity
    relevance = np.round(100.0 * ((1.0 - rho) * (f + g) / 2.0 + rho * np.sqrt(f * g)), 1)
    relevant = relevance > 0
    countries = np.array([p.country.strip().upper() for p in profiles], dtype=object)
    known = countries != ""
    cross = (countries[:, None] != countries[None, :]) & known[:, None] & known[None, :]
    cross = np.where(cross & relevant, config.cross_border_bonus, 0.0)
    types = sorted({p.actor_type for p in profiles})
    table = np.array([[config.actor_mix.get(frozenset({s, t}), 0.0) for t in types] for s in types])
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
        languages = sorted(set().union(*(_languages(p) for p in profiles)) or {""})
        spoken = np.zeros((n, len(languages)), dtype=np.float64)
        for p, profile in enumerate(profiles):
            for language in _languages(profile):
                spoken[p, languages.index(language)] = 1.0
        reasons[(spoken @ spoken.T) == 0] = 3
    keys = [_organisation_key(p.organisation) for p in profiles]
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


def _check_ids(profiles: Sequence[Profile]) -> None:
    if len({p.id for p in profiles}) != len(profiles):
        raise ValueError("profile ids must be unique")


# --- public API ----------------------------------------------------------------------------


def score_matrix(profiles: Sequence[Profile], config: ScoringConfig) -> np.ndarray:
    """Return the n x n matrix of pair scores, in the order of ``profiles`` (diagonal 0)."""
    _check_ids(profiles)
    coverage, _ = _coverage(profiles, config)
    return _combine(profiles, config, coverage)[0]


def recommend(
    profiles: Sequence[Profile], config: ScoringConfig, k: int
) -> dict[int, list[tuple[int, float]]]:
    """Return each participant's top-k partners by score (ties: smaller id first); no zeros."""
    values = score_matrix(profiles, config)
    ids = np.array([p.id for p in profiles], dtype=np.int64)
    result: dict[int, list[tuple[int, float]]] = {}
    for i, profile in enumerate(profiles):
        row = values[i]
        order = np.lexsort((ids, -row))[: max(k, 0)]
        result[profile.id] = [(int(ids[j]), float(row[j])) for j in order if row[j] > 0]
    return result


def score(a: Profile, b: Profile, config: ScoringConfig) -> Score:
    """Return the score of A meeting B with its explanation from A's point of view."""
    if a.id == b.id:
        raise ValueError("a participant is not scored against themself")
    profiles = (a, b)
    coverage, (offers, offer_starts, offer_items, needs_t, need_starts, need_items) = _coverage(
        profiles, config
    )
    values, relevance, cross, mix, recip, reasons = _combine(profiles, config, coverage)
    shared = tuple(sorted(_languages(a) & _languages(b)))
    reason = {1: EXCLUDED, 2: SAME_ORGANISATION, 3: NO_SHARED_LANGUAGE}.get(int(reasons[0, 1]))
    if reason is not None:
        explanation = Explanation(a.id, b.id, shared_languages=shared, excluded=reason)
        return Score(a.id, b.id, 0.0, explanation)
    similarity = _item_similarity(offers, needs_t, config.min_similarity)
    modifiers = []
    if cross[0, 1]:
        modifiers.append(Modifier("cross_border", float(cross[0, 1]), a.country, b.country))
    if mix[0, 1]:
        modifiers.append(Modifier("actor_mix", float(mix[0, 1]), a.actor_type, b.actor_type))
    if recip[0, 1]:
        modifiers.append(Modifier("reciprocity", float(recip[0, 1])))
    explanation = Explanation(
        a=a.id,
        b=b.id,
        a_offers_b_needs=_matches(
            similarity, range(*offer_starts[0:2]), range(*need_starts[1:3]), offer_items, need_items
        ),
        b_offers_a_needs=_matches(
            similarity, range(*offer_starts[1:3]), range(*need_starts[0:2]), offer_items, need_items
        ),
        shared_languages=shared,
        modifiers=tuple(modifiers),
        coverage_a_to_b=round(float(coverage[0, 1]), 3),
        coverage_b_to_a=round(float(coverage[1, 0]), 3),
        relevance=float(relevance[0, 1]),
    )
    return Score(a.id, b.id, float(values[0, 1]), explanation)


def _matches(similarity, offer_rows: range, need_cols: range, offer_items, need_items):
    """Return, for each need in ``need_cols``, the first best offer in ``offer_rows``."""
    found = []
    for c in need_cols:
        r = max(offer_rows, key=lambda r, c=c: similarity[r, c], default=None)
        if r is not None and similarity[r, c] > 0:
            offer, need = offer_items[r], need_items[c]
            similar = round(float(similarity[r, c]), 3)
            found.append(ItemMatch(offer.title, need.title, offer.category, need.category, similar))
    return tuple(sorted(found, key=lambda m: (-m.similarity, m.need, m.offer)))


def benchmark_scoring(profiles: Sequence[Profile], config: ScoringConfig) -> dict[str, float]:
    """Run the all-pairs scoring once, cold, and return sizes and seconds."""
    from solver.text import clear_caches

    clear_caches()
    start = time.perf_counter()
    values = score_matrix(profiles, config)
    seconds = time.perf_counter() - start
    n = len(profiles)
    upper = values[np.triu_indices(n, 1)]
    return {
        "participants": n,
        "offers": sum(len(p.offers) for p in profiles),
        "needs": sum(len(p.needs) for p in profiles),
        "pairs": n * (n - 1) // 2,
        "scored_pairs": int(np.count_nonzero(upper)),
        "seconds": round(seconds, 3),
    }

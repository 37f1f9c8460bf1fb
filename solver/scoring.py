"""Pair scores for matchmaking: how much two participants' offers answer each other's needs.

An item match between an offer and a need blends a shared category with the text similarity of
titles and descriptions (``solver.text``). A direction's coverage is how well one side's offers
answer the other's needs; the two directions combine so that mutual benefit beats one-sided
benefit, and organiser bonuses for cross-border pairs and actor-type mixes come on top.

``score`` (one pair, explained), ``score_against`` (one participant against many, for a page of
best matches) and ``score_matrix`` (all pairs, sparse and blockwise) share one numeric pipeline,
so they agree exactly. Values are points from 0 to 100, rounded to 0.1.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from solver.scoring_pairs import against, clear_caches, coverage_matrix, item_similarity
from solver.scoring_render import render
from solver.scoring_rules import attributes, check_ids, combine, languages
from solver.scoring_types import (
    DEFAULT_ACTOR_MIX,
    EXCLUDED,
    NO_SHARED_LANGUAGE,
    SAME_ORGANISATION,
    Explanation,
    Item,
    ItemMatch,
    Modifier,
    Profile,
    Score,
    ScoringConfig,
)

__all__ = [
    "DEFAULT_ACTOR_MIX",
    "Explanation",
    "Item",
    "ItemMatch",
    "Modifier",
    "Profile",
    "Score",
    "ScoringConfig",
    "benchmark_scoring",
    "best_matches",
    "clear_caches",
    "recommend",
    "render",
    "score",
    "score_against",
    "score_and_exclusions_against",
    "score_matrix",
]

# --- public API ----------------------------------------------------------------------------


def score_matrix(profiles: Sequence[Profile], config: ScoringConfig) -> np.ndarray:
    """Return the n x n matrix of pair scores, in the order of ``profiles`` (diagonal 0)."""
    check_ids(profiles)
    coverage, _, _ = coverage_matrix(profiles, config)
    everyone = attributes(profiles)
    return combine(config, coverage, coverage.T, everyone, everyone)[0]


def scores_and_exclusions(
    profiles: Sequence[Profile], config: ScoringConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Return the n x n pair scores and a boolean matrix of hard exclusions (same order).

    A score of 0 alone does not say whether two people may meet: excluded pairs (no shared
    language, same organisation, "no thanks", conflicts of interest) must never sit together,
    while a pair with nothing in common still may, e.g. when a speed-dating round needs it.
    """
    check_ids(profiles)
    coverage, _, _ = coverage_matrix(profiles, config)
    everyone = attributes(profiles)
    values, *_, reasons = combine(config, coverage, coverage.T, everyone, everyone)
    return values, reasons != 0


def score_against(profile: Profile, others: Sequence[Profile], config: ScoringConfig) -> np.ndarray:
    """Return ``score(profile, o).value`` for every ``o`` in ``others``, in order (self: 0)."""
    check_ids(others)
    covers, covered, mine, theirs = against(profile, others, config)
    return combine(config, covers, covered, mine, theirs)[0][0]


def score_and_exclusions_against(
    profile: Profile, others: Sequence[Profile], config: ScoringConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``score_against`` and, in the same order, whether each pair is excluded."""
    # One participant against many without the n x n matrix of ``scores_and_exclusions``:
    # a stranded partner on the event day against everyone free in a slot.
    check_ids(others)
    covers, covered, mine, theirs = against(profile, others, config)
    values, *_, reasons = combine(config, covers, covered, mine, theirs)
    excluded = reasons[0] != 0
    excluded[np.array([o.id == profile.id for o in others], dtype=bool)] = True
    return values[0], excluded


def best_matches(
    profile: Profile, others: Sequence[Profile], config: ScoringConfig, k: int
) -> list[Score]:
    """Return the profile's top-k explained scores against ``others`` (ties: smaller id first)."""
    values = score_against(profile, others, config)
    ids = np.array([o.id for o in others], dtype=np.int64)
    order = np.lexsort((ids, -values))[: max(k, 0)]
    # Excluded pairs and the profile itself score 0, so dropping zeros drops them too.
    return [score(profile, others[j], config) for j in order if values[j] > 0]


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
    coverage, items, needs_t = coverage_matrix(profiles, config)
    pair = attributes(profiles)
    values, relevance, cross, mix, recip, reasons = combine(
        config, coverage, coverage.T, pair, pair
    )
    shared = tuple(sorted(languages(a) & languages(b)))
    reason = {1: EXCLUDED, 2: SAME_ORGANISATION, 3: NO_SHARED_LANGUAGE}.get(int(reasons[0, 1]))
    if reason is not None:
        explanation = Explanation(a.id, b.id, shared_languages=shared, excluded=reason)
        return Score(a.id, b.id, 0.0, explanation)
    similarity = item_similarity(items.offers, needs_t, config.min_similarity)
    offer_starts, need_starts = items.offer_starts, items.need_starts
    offer_items, need_items = (*a.offers, *b.offers), (*a.needs, *b.needs)
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

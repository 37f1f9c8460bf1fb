"""One participant against many: score_against and best_matches agree with score exactly."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bench.scoring import profiles_from_population
from matchmaker.demo.population import generate_population
from solver.scoring import (
    Item,
    Profile,
    ScoringConfig,
    best_matches,
    clear_caches,
    recommend,
    score,
    score_against,
    score_and_exclusions_against,
    score_matrix,
    scores_and_exclusions,
)
from solver.scoring_pairs import against, coverage_matrix
from tests.solver.test_scoring import (
    BAKERY,
    DESCRIPTIONS,
    HYDROGEN,
    PAYROLL,
    PLAIN,
    POLAND,
    POLEN,
    TITLES,
    WASSERSTOFF,
    profile,
    random_profiles,
)


def expected_row(me: Profile, others: list[Profile], config: ScoringConfig) -> np.ndarray:
    return np.array([0.0 if o.id == me.id else score(me, o, config).value for o in others])


def demo_profiles(n: int, seed: int) -> list[Profile]:
    return profiles_from_population(generate_population(n, seed).participants)


@pytest.mark.parametrize(
    "config",
    [
        ScoringConfig(exclusions=frozenset({frozenset({100, 103}), frozenset({109, 130})})),
        ScoringConfig(interpreters_allowed=True),
        PLAIN,
    ],
)
def test_score_against_equals_score_on_random_profiles(config) -> None:
    profiles = random_profiles(40, seed=3)
    rows = [score_against(me, profiles, config) for me in profiles]
    for me, row in zip(profiles, rows, strict=True):
        assert np.array_equal(row, expected_row(me, profiles, config))
    assert np.array_equal(np.array(rows), score_matrix(profiles, config))
    assert sum(np.count_nonzero(row) for row in rows) > 200  # not trivially all zero


def test_score_against_equals_score_matrix_rows_on_demo_profiles() -> None:
    profiles = demo_profiles(150, seed=5)
    config = ScoringConfig()
    matrix = score_matrix(profiles, config)
    for i in range(0, 150, 10):
        assert np.array_equal(score_against(profiles[i], profiles, config), matrix[i])
    me = profiles[7]
    assert np.array_equal(score_against(me, profiles, config), expected_row(me, profiles, config))
    assert np.count_nonzero(matrix) > 1000


def test_score_against_profile_outside_population_equals_score() -> None:
    others = random_profiles(30, seed=9)
    # Country, organisation, actor type and language that no one else has.
    me = profile(
        1,
        offers=(HYDROGEN, POLEN),
        needs=(WASSERSTOFF, POLAND),
        country="AT",
        actor_type="cluster",
        languages=("en", "pl", "fr"),
        organisation="Solo AG",
    )
    config = ScoringConfig(exclusions=frozenset({frozenset({1, 103})}))
    row = score_against(me, others, config)
    assert np.array_equal(row, expected_row(me, others, config))
    assert np.count_nonzero(row) > 5


def test_score_against_many_items_equals_score() -> None:
    # Ten or more needs per side: long enough for numpy's unrolled sums to kick in.
    items = [Item(c, t, d) for (c, t) in TITLES for d in DESCRIPTIONS]
    me = profile(1, offers=tuple(items[::3]), needs=tuple(items[1::3]))
    others = [
        profile(2, offers=tuple(items[2::3]), needs=tuple(items[::2])),
        profile(3, offers=tuple(items[1::4]), needs=tuple(items[1::2])),
        profile(4, needs=tuple(items[5:7])),
    ]
    row = score_against(me, others, PLAIN)
    assert np.array_equal(row, expected_row(me, others, PLAIN))
    coverages = [score(me, o, PLAIN).explanation.coverage_a_to_b for o in others]
    assert all(0.0 < c < 1.0 for c in coverages)  # sums of unequal terms, not all-or-nothing


def test_against_coverage_equals_coverage_matrix_to_the_last_bit() -> None:
    # Raw coverages, before rounding to 0.1 points could hide a different order of summation.
    items = [Item(c, t, d) for (c, t) in TITLES for d in DESCRIPTIONS]
    many = [profile(1, offers=tuple(items[::3]), needs=tuple(items[1::3]))]
    profiles = [*many, *random_profiles(30, seed=21)]
    config = ScoringConfig()
    coverage, _, _ = coverage_matrix(profiles, config)
    for i in (0, 5, 17):
        covers, covered, _, _ = against(profiles[i], profiles, config)
        assert np.array_equal(covers[0], coverage[i])
        assert np.array_equal(covered[0], coverage[:, i])
    assert np.count_nonzero(coverage) > 300


def test_score_matrix_same_values_when_columns_compacted_without_sorting(monkeypatch) -> None:
    profiles = random_profiles(25, seed=17)
    config = ScoringConfig()
    me = profiles[3]
    sorted_matrix, sorted_row = score_matrix(profiles, config), score_against(me, profiles, config)
    clear_caches()
    monkeypatch.setattr("solver.scoring_pairs._SORT_BELOW", 0)
    assert np.array_equal(score_matrix(profiles, config), sorted_matrix)
    assert np.array_equal(score_against(me, profiles, config), sorted_row)
    assert np.count_nonzero(sorted_row) > 3


def test_score_against_self_in_others_scores_zero() -> None:
    me = profile(1, offers=(HYDROGEN,), needs=(HYDROGEN,))
    other = profile(2, needs=(WASSERSTOFF,))
    assert score_against(me, [other, me], PLAIN).tolist() == [score(me, other, PLAIN).value, 0.0]


@pytest.mark.parametrize(
    ("other_kwargs", "config"),
    [
        ({}, ScoringConfig(exclusions=frozenset({frozenset({1, 2})}))),
        ({"organisation": "  ACME   gmbh "}, ScoringConfig()),
        ({"languages": ("pl",)}, ScoringConfig()),
    ],
)
def test_score_against_hard_exclusion_gives_zero(other_kwargs, config) -> None:
    me = profile(1, offers=(HYDROGEN,), needs=(POLAND,), organisation="Acme GmbH")
    excluded = profile(2, offers=(POLEN,), needs=(WASSERSTOFF,), **other_kwargs)
    allowed = profile(3, offers=(POLEN,), needs=(WASSERSTOFF,))
    row = score_against(me, [excluded, allowed], config)
    assert row[0] == 0.0
    assert row[1] == score(me, allowed, config).value > 0.0


def test_score_against_interpreters_allowed_lifts_language_exclusion() -> None:
    me = profile(1, offers=(HYDROGEN,), languages=("de",))
    other = profile(2, needs=(WASSERSTOFF,), languages=("pl",))
    assert score_against(me, [other], PLAIN).tolist() == [0.0]
    lifted = dataclasses.replace(PLAIN, interpreters_allowed=True)
    assert score_against(me, [other], lifted).tolist() == [score(me, other, lifted).value]
    assert score(me, other, lifted).value > 0.0


def test_score_against_empty_offers_needs_and_population() -> None:
    empty = profile(1)
    others = [profile(2, offers=(HYDROGEN,), needs=(POLAND,)), profile(3)]
    assert score_against(empty, others, PLAIN).tolist() == [0.0, 0.0]
    assert score_against(others[0], [empty, others[1]], PLAIN).tolist() == [0.0, 0.0]
    assert score_against(empty, [], PLAIN).shape == (0,)
    assert best_matches(empty, [], PLAIN, k=3) == []


def test_score_against_rejects_duplicate_ids_in_others() -> None:
    other = profile(2, needs=(HYDROGEN,))
    with pytest.raises(ValueError, match="unique"):
        score_against(profile(1), [other, other], PLAIN)


def test_score_against_sees_changed_profile_with_same_id() -> None:
    me = profile(1, offers=(HYDROGEN,))
    before = [profile(2, needs=(WASSERSTOFF,)), profile(3, needs=(BAKERY,))]
    first = score_against(me, before, PLAIN)
    after = [before[0], profile(3, needs=(HYDROGEN,))]
    second = score_against(me, after, PLAIN)
    assert first[1] == 0.0
    assert second.tolist() == [first[0], score(me, after[1], PLAIN).value]
    assert second[1] > 0.0


def test_score_against_same_values_after_clear_caches() -> None:
    profiles = random_profiles(20, seed=13)
    config = ScoringConfig()
    warm = score_against(profiles[4], profiles, config)
    clear_caches()
    assert np.array_equal(score_against(profiles[4], profiles, config), warm)


def test_best_matches_top_k_with_ties_by_id_and_no_zeros() -> None:
    me = profile(5, offers=(HYDROGEN,), needs=(POLAND,))
    twins = [profile(pid, offers=(POLAND,), needs=(HYDROGEN,)) for pid in (9, 3, 7)]
    weaker = profile(1, offers=(BAKERY,), needs=(HYDROGEN,))
    stranger = profile(2, offers=(BAKERY,), needs=(PAYROLL,))
    excluded = profile(4, offers=(POLAND,), needs=(HYDROGEN,), organisation="Organisation 5")
    others = [me, *twins, weaker, stranger, excluded]
    top = best_matches(me, others, PLAIN, k=10)
    assert [(s.a, s.b) for s in top] == [(5, 3), (5, 7), (5, 9), (5, 1)]
    assert top == [score(me, profile_of(others, s.b), PLAIN) for s in top]
    assert top[0].value == top[2].value > top[3].value > 0.0
    assert [s.b for s in best_matches(me, others[::-1], PLAIN, k=2)] == [3, 7]
    assert best_matches(me, others, PLAIN, k=0) == []


def profile_of(profiles: list[Profile], pid: int) -> Profile:
    return next(p for p in profiles if p.id == pid)


def test_best_matches_agrees_with_recommend_on_demo_profiles() -> None:
    profiles = demo_profiles(120, seed=8)
    config = ScoringConfig()
    top = recommend(profiles, config, k=10)
    for me in profiles[::15]:
        found = best_matches(me, profiles, config, k=10)
        assert [(s.b, s.value) for s in found] == top[me.id]
        assert all(s.explanation.excluded is None for s in found)


def test_score_and_exclusions_against_equals_the_matrix_rows() -> None:
    profiles = random_profiles(40, seed=5)
    config = ScoringConfig(exclusions=frozenset({frozenset({100, 103}), frozenset({109, 130})}))
    values, excluded = scores_and_exclusions(profiles, config)
    for i, me in enumerate(profiles):
        row, row_excluded = score_and_exclusions_against(me, profiles, config)
        assert np.array_equal(row, values[i])
        expected = excluded[i].copy()
        expected[i] = True  # oneself is never a candidate
        assert np.array_equal(row_excluded, expected)
    assert excluded.any() and not excluded.all()

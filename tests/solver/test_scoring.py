"""Pair scoring: components, exclusions, organiser weights, all-pairs matrix and rendering."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver.scoring import (
    Item,
    ItemMatch,
    Profile,
    ScoringConfig,
    benchmark_scoring,
    recommend,
    render,
    score,
    score_matrix,
)
from solver.text import concepts

HYDROGEN = Item("energy", "Hydrogen storage", "Compressed hydrogen tanks for industrial sites")
WASSERSTOFF = Item("energy", "Wasserstoffspeicher", "Wir suchen Speicher für grünen Wasserstoff")
POLAND = Item("funding", "Market access in Poland", "Distribution partners and customers")
POLEN = Item("funding", "Markteintritt in Polen", "Vertriebspartner und Kunden in Polen")
BAKERY = Item("food", "Sourdough bakery equipment", "Ovens and proofing cabinets")
PAYROLL = Item("skills", "Payroll outsourcing", "Monthly salary statements")

# Organiser bonuses off, so tests of one component are not disturbed by the others.
PLAIN = ScoringConfig(cross_border_bonus=0.0, actor_mix={}, reciprocity_bonus=0.0)


def profile(
    pid: int,
    offers: tuple[Item, ...] = (),
    needs: tuple[Item, ...] = (),
    *,
    country: str = "DE",
    actor_type: str = "sme",
    languages: tuple[str, ...] = ("en", "de"),
    organisation: str | None = None,
) -> Profile:
    return Profile(
        id=pid,
        organisation=organisation if organisation is not None else f"Organisation {pid}",
        country=country,
        actor_type=actor_type,
        languages=frozenset(languages),
        offers=offers,
        needs=needs,
    )


TITLES = [
    ("energy", "Hydrogen electrolysis testing"),
    ("energy", "Elektrolyse-Prüfstand für Wasserstoff"),
    ("energy", "Batteriespeicher für Gewerbe"),
    ("health", "KI-gestützte Diagnostik"),
    ("health", "AI diagnostics for radiology"),
    ("logistics", "Lieferketten-Transparenz"),
    ("logistics", "Supply chain transparency"),
    ("circular", "Kunststoffrecycling"),
    ("circular", "Plastic recycling"),
    ("funding", "Market access in Poland"),
    ("funding", "Pilotkunden gesucht"),
    ("skills", "Weiterbildung für Fachkräfte"),
    ("food", "Sourdough bakery equipment"),
]
DESCRIPTIONS = ["", "We have ten years of experience.", "Gesucht wird ein Partner für ein Projekt."]


def random_profiles(n: int, seed: int) -> list[Profile]:
    rng = random.Random(seed)

    def item() -> Item:
        category, title = rng.choice(TITLES)
        return Item(category, title, rng.choice(DESCRIPTIONS))

    return [
        profile(
            pid=100 + 3 * i,
            offers=tuple(item() for _ in range(rng.randint(0, 4))),
            needs=tuple(item() for _ in range(rng.randint(0, 4))),
            country=rng.choice(["DE", "PL", "CZ", ""]),
            actor_type=rng.choice(["sme", "startup", "university", "funder", "research_institute"]),
            languages=tuple(rng.sample(["de", "en", "pl"], rng.randint(1, 2))),
            organisation=rng.choice(["Acme GmbH", " acme  gmbh", f"Org {i}", f"Org {i}"]),
        )
        for i in range(n)
    ]


def test_text_concepts_german_compound_equals_english_phrase() -> None:
    assert concepts("Wasserstoffspeicher") == {"hydrogen", "storage"}
    assert concepts("hydrogen storage") == {"hydrogen", "storage"}
    assert concepts("Markteintritt in Polen") == concepts("Market access in Poland")


def test_text_concepts_term_not_found_inside_unrelated_words() -> None:
    assert "ai" not in concepts("Maintenance contracts")
    assert concepts("AI for maintenance") == {"ai", "maintenance"}
    assert concepts("Kunststoffrecycling") == {"plastics", "recycling"}
    assert concepts("Kollaboration") == frozenset()


def test_score_complementary_pair_beats_unrelated_pair() -> None:
    a = profile(1, offers=(HYDROGEN,), needs=(POLAND,))
    partner = profile(2, offers=(POLAND,), needs=(HYDROGEN,))
    stranger = profile(3, offers=(BAKERY,), needs=(PAYROLL,))
    assert score(a, partner, PLAIN).value > 50.0
    assert score(a, stranger, PLAIN).value == 0.0


def test_score_reciprocal_pair_beats_one_sided_pair() -> None:
    a = profile(1, offers=(HYDROGEN,), needs=(POLAND,))
    mutual = profile(2, offers=(POLAND,), needs=(HYDROGEN,))
    one_sided = profile(3, offers=(BAKERY,), needs=(HYDROGEN,))
    assert score(a, mutual, PLAIN).value > score(a, one_sided, PLAIN).value > 0.0


def test_score_cross_lingual_german_need_matches_english_offer() -> None:
    # Different categories, so only the text (German vs English) can make the match.
    need = Item("manufacturing", WASSERSTOFF.title, WASSERSTOFF.description)
    a = profile(1, offers=(HYDROGEN, BAKERY))
    b = profile(2, needs=(need,))
    matches = score(a, b, PLAIN).explanation.a_offers_b_needs
    assert [(m.offer, m.need) for m in matches] == [("Hydrogen storage", "Wasserstoffspeicher")]
    assert matches[0].similarity > PLAIN.min_similarity


@pytest.mark.parametrize(
    ("b_kwargs", "config", "reason"),
    [
        ({}, ScoringConfig(exclusions=frozenset({frozenset({1, 2})})), "excluded"),
        ({"organisation": "  ACME   gmbh "}, ScoringConfig(), "same_organisation"),
        ({"languages": ("pl",)}, ScoringConfig(), "no_shared_language"),
    ],
)
def test_score_hard_exclusion_gives_zero_with_reason(b_kwargs, config, reason) -> None:
    a = profile(1, offers=(HYDROGEN,), needs=(POLAND,), organisation="Acme GmbH")
    b = profile(2, offers=(POLAND,), needs=(HYDROGEN,), **b_kwargs)
    result = score(a, b, config)
    assert (result.value, result.explanation.excluded) == (0.0, reason)
    assert score(b, a, config).explanation.excluded == reason
    others = [profile(3, offers=(POLAND,), needs=(HYDROGEN,))]
    top = recommend([a, b, *others], config, k=5)
    assert top[1] == [(3, score(a, others[0], config).value)]
    assert 1 not in [partner for partner, _ in top[2]]


def test_score_interpreters_allowed_lifts_language_exclusion() -> None:
    a = profile(1, offers=(HYDROGEN,), needs=(POLAND,), languages=("de",))
    b = profile(2, offers=(POLAND,), needs=(HYDROGEN,), languages=("pl",))
    assert score(a, b, PLAIN).explanation.excluded == "no_shared_language"
    result = score(a, b, ScoringConfig(interpreters_allowed=True))
    assert result.explanation.excluded is None
    assert result.explanation.shared_languages == ()
    assert result.value > 0.0
    assert "an interpreter is needed" in render(result.explanation)


def test_score_cross_border_adds_configured_bonus() -> None:
    # Near but not identical items, so the score stays below the cap of 100.
    config = ScoringConfig(cross_border_bonus=7.5, actor_mix={}, reciprocity_bonus=0.0)
    a = profile(1, offers=(HYDROGEN,), needs=(POLEN,), country="DE")
    domestic = profile(2, offers=(POLAND,), needs=(WASSERSTOFF,), country="de ")
    foreign = profile(2, offers=(POLAND,), needs=(WASSERSTOFF,), country="PL")
    base = score(a, domestic, config)
    bonus = score(a, foreign, config)
    assert bonus.value - base.value == pytest.approx(7.5)
    assert [m.kind for m in bonus.explanation.modifiers] == ["cross_border"]
    assert score(a, foreign, PLAIN).value == score(a, domestic, PLAIN).value


def test_score_actor_mix_adds_configured_bonus_symmetrically() -> None:
    config = ScoringConfig(
        cross_border_bonus=0.0,
        actor_mix={frozenset({"sme", "university"}): 4.0},
        reciprocity_bonus=0.0,
    )
    a = profile(1, offers=(HYDROGEN,), needs=(POLEN,), actor_type="sme")
    peer = profile(2, offers=(POLAND,), needs=(WASSERSTOFF,), actor_type="sme")
    uni = profile(2, offers=(POLAND,), needs=(WASSERSTOFF,), actor_type="university")
    assert score(a, uni, config).value - score(a, peer, config).value == pytest.approx(4.0)
    assert score(uni, a, config).value == score(a, uni, config).value
    modifiers = score(a, uni, config).explanation.modifiers
    assert [(m.kind, m.points, m.a_value, m.b_value) for m in modifiers] == [
        ("actor_mix", 4.0, "sme", "university")
    ]


def test_score_reciprocity_bonus_only_when_both_directions_match() -> None:
    config = ScoringConfig(cross_border_bonus=0.0, actor_mix={}, reciprocity_bonus=6.0)
    a = profile(1, offers=(HYDROGEN,), needs=(POLEN,))
    mutual = profile(2, offers=(POLAND,), needs=(WASSERSTOFF,))
    one_sided = profile(3, offers=(BAKERY,), needs=(WASSERSTOFF,))
    assert score(a, mutual, config).value - score(a, mutual, PLAIN).value == pytest.approx(6.0)
    assert score(a, one_sided, config).value == score(a, one_sided, PLAIN).value


def test_score_symmetric_value_and_mirrored_explanation() -> None:
    config = ScoringConfig()
    a = profile(1, offers=(HYDROGEN, BAKERY), needs=(POLEN,), actor_type="startup")
    b = profile(2, offers=(POLAND,), needs=(WASSERSTOFF,), country="PL", actor_type="funder")
    ab, ba = score(a, b, config), score(b, a, config)
    assert ab.value == ba.value
    assert ba.explanation == ab.explanation.mirrored()
    assert ab.explanation.a_offers_b_needs[0].offer == "Hydrogen storage"
    assert ab.explanation.b_offers_a_needs[0].offer == "Market access in Poland"


def test_score_matrix_equals_pairwise_score_on_random_profiles() -> None:
    profiles = random_profiles(30, seed=7)
    config = ScoringConfig(exclusions=frozenset({frozenset({100, 103}), frozenset({109, 130})}))
    matrix = score_matrix(profiles, config)
    expected = np.array(
        [[0.0 if a is b else score(a, b, config).value for b in profiles] for a in profiles]
    )
    assert np.array_equal(matrix, expected)
    assert np.count_nonzero(matrix) > 100  # the set is not trivially empty
    assert np.array_equal(matrix, matrix.T)


def test_score_matrix_same_values_when_split_into_small_blocks(monkeypatch) -> None:
    profiles = random_profiles(25, seed=11)
    config = ScoringConfig()
    whole = score_matrix(profiles, config)
    # A block of at most one profile's offers at a time.
    monkeypatch.setattr("solver.scoring_pairs._BLOCK_ENTRIES", 1)
    assert np.array_equal(score_matrix(profiles, config), whole)


def test_score_same_category_alone_counts_less_than_matching_text() -> None:
    a = profile(1, offers=(HYDROGEN,))
    same_category = profile(2, needs=(Item("energy", "Sourdough bakery equipment"),))
    same_text = profile(3, needs=(Item("health", "Hydrogen storage"),))
    assert 0.0 < score(a, same_category, PLAIN).value < score(a, same_text, PLAIN).value


def test_scoring_config_rejects_share_outside_0_1() -> None:
    with pytest.raises(ValueError, match="reciprocity"):
        ScoringConfig(reciprocity=1.5)


def test_score_matrix_empty_and_single_profile() -> None:
    assert score_matrix([], PLAIN).shape == (0, 0)
    assert recommend([], PLAIN, k=3) == {}
    lonely = profile(1, offers=(HYDROGEN,), needs=(HYDROGEN,))
    assert score_matrix([lonely], PLAIN).tolist() == [[0.0]]
    assert recommend([lonely], PLAIN, k=3) == {1: []}


def test_recommend_is_deterministic_top_k_with_ties_by_id() -> None:
    a = profile(5, offers=(HYDROGEN,), needs=(POLAND,))
    twins = [profile(pid, offers=(POLAND,), needs=(HYDROGEN,)) for pid in (9, 3, 7)]
    weaker = profile(1, offers=(BAKERY,), needs=(HYDROGEN,))
    stranger = profile(2, offers=(BAKERY,), needs=(PAYROLL,))
    profiles = [a, *twins, weaker, stranger]
    top = recommend(profiles, PLAIN, k=4)
    value = score(a, twins[0], PLAIN).value
    assert top[5] == [(3, value), (7, value), (9, value), (1, score(a, weaker, PLAIN).value)]
    assert recommend(profiles, PLAIN, k=2)[5] == [(3, value), (7, value)]
    assert top[2] == []
    assert recommend(list(reversed(profiles)), PLAIN, k=4) == top


def test_render_english_names_matches_language_and_modifiers() -> None:
    config = ScoringConfig(actor_mix={})
    a = profile(1, offers=(HYDROGEN,), needs=(POLAND,), languages=("en",))
    b = profile(2, offers=(POLAND,), needs=(HYDROGEN,), country="PL", languages=("en", "pl"))
    assert render(score(a, b, config).explanation, "en") == (
        "You offer 'Hydrogen storage', which they need; they offer 'Market access in Poland', "
        "which you need. Common language: English. Cross-border pair. Both sides benefit."
    )


def test_render_german_names_matches_and_actor_mix() -> None:
    config = ScoringConfig(cross_border_bonus=0.0, reciprocity_bonus=0.0)
    a = profile(1, offers=(WASSERSTOFF,), needs=(POLEN,), languages=("de", "en"))
    b = profile(2, offers=(POLAND,), needs=(HYDROGEN,), actor_type="university")
    assert render(score(a, b, config).explanation, "de") == (
        "Sie bieten „Wasserstoffspeicher“, das wird gesucht; Ihr Gegenüber bietet "
        "„Market access in Poland“, das Sie suchen. Gemeinsame Sprachen: Deutsch, Englisch. "
        "Gute Mischung: KMU und Hochschule."
    )


def test_render_leaves_out_category_only_match_beside_strong_match() -> None:
    a = profile(1, offers=(HYDROGEN, Item("funding", "Sourdough bakery equipment")))
    b = profile(2, needs=(WASSERSTOFF, Item("funding", "Payroll outsourcing")))
    explanation = score(a, b, PLAIN).explanation
    assert [m.offer for m in explanation.a_offers_b_needs] == [
        "Hydrogen storage",
        "Sourdough bakery equipment",
    ]
    assert render(explanation).startswith("You offer 'Hydrogen storage', which they need.")


def test_render_excluded_pair_gives_reason_in_both_languages() -> None:
    a = profile(1, offers=(HYDROGEN,), organisation="Acme")
    b = profile(2, needs=(HYDROGEN,), organisation="acme")
    explanation = score(a, b, ScoringConfig()).explanation
    assert render(explanation, "en") == "Not suggested: you belong to the same organisation."
    assert render(explanation, "de") == "Nicht vorgeschlagen: Sie gehören zur selben Organisation."


def test_score_explanation_lists_best_offer_per_need() -> None:
    a = profile(1, offers=(BAKERY, HYDROGEN))
    b = profile(2, needs=(WASSERSTOFF, PAYROLL))
    matches = score(a, b, PLAIN).explanation.a_offers_b_needs
    assert len(matches) == 1
    assert (matches[0].offer, matches[0].need, matches[0].offer_category) == (
        "Hydrogen storage",
        "Wasserstoffspeicher",
        "energy",
    )
    assert isinstance(matches[0], ItemMatch)


def test_score_rejects_same_id_and_matrix_rejects_duplicate_ids() -> None:
    a = profile(1, offers=(HYDROGEN,))
    with pytest.raises(ValueError):
        score(a, a, PLAIN)
    with pytest.raises(ValueError):
        score_matrix([a, profile(1)], PLAIN)


def test_benchmark_scoring_reports_sizes() -> None:
    profiles = random_profiles(12, seed=3)
    result = benchmark_scoring(profiles, ScoringConfig())
    assert result["participants"] == 12
    assert result["pairs"] == 66
    assert result["offers"] == sum(len(p.offers) for p in profiles)
    assert result["scored_pairs"] == int(np.count_nonzero(np.triu(score_matrix(profiles, PLAIN))))


items = st.builds(
    Item,
    category=st.sampled_from(["energy", "health", "funding", "", "Energy "]),
    title=st.one_of(st.sampled_from([t for _, t in TITLES]), st.text(max_size=30)),
    description=st.text(max_size=40),
)
profiles_strategy = st.lists(
    st.builds(
        profile,
        pid=st.integers(0, 10_000),
        offers=st.lists(items, max_size=4).map(tuple),
        needs=st.lists(items, max_size=4).map(tuple),
        country=st.sampled_from(["DE", "PL", ""]),
        actor_type=st.sampled_from(["sme", "university", "funder", "startup"]),
        languages=st.lists(st.sampled_from(["de", "en", "pl"]), max_size=2).map(tuple),
    ),
    min_size=2,
    max_size=6,
    unique_by=lambda p: p.id,
)


@settings(max_examples=60, deadline=None)
@given(profiles_strategy)
def test_score_matrix_values_within_0_100_and_symmetric(profiles) -> None:
    config = ScoringConfig(
        cross_border_bonus=40.0, reciprocity_bonus=40.0, interpreters_allowed=True
    )
    matrix = score_matrix(profiles, config)
    assert matrix.min() >= 0.0
    assert matrix.max() <= 100.0
    assert np.array_equal(matrix, matrix.T)
    assert np.array_equal(matrix, np.round(matrix, 1))
    assert score(profiles[0], profiles[1], config).value == matrix[0, 1]

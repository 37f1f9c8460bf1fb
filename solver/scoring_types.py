"""What pair scoring takes and gives: profiles with their offers and needs, the organiser's
weights, and scores with an explanation a person can read (see ``solver.scoring``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    """A participant as scoring sees it: who they are, what they offer and what they need."""

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
    # Share of text similarity carried by lexicon concepts; the rest by the words' surface.
    concept_share: float = 0.6
    # Item matches below this are noise and count as no match.
    min_similarity: float = 0.2
    # Coverage of a side's needs: this share from the best-answered need, the rest from the mean.
    best_match_share: float = 0.5
    # Relevance: this share from the geometric mean of the two directions, the rest from the
    # stronger one; a perfect one-sided pair gets 100 * (1 - reciprocity) points before bonuses.
    reciprocity: float = 0.4

    def __post_init__(self) -> None:
        for name in (
            "category_weight",
            "concept_share",
            "min_similarity",
            "best_match_share",
            "reciprocity",
        ):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie between 0 and 1")


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
    """The score of A meeting B, 0 to 100 rounded to 0.1, with its explanation."""

    a: int
    b: int
    value: float
    explanation: Explanation

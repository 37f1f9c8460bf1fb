"""Text features of offer and need items that work for German and English alike.

An item's text becomes a sparse unit vector in a fixed hashed feature space, so that the same item
always gets the same columns whatever population it is scored in (``score`` on one pair and
``score_matrix`` on thousands then agree to the last bit). The vector blends two parts:

- character 4-grams of each word, which match inflections and the parts of German compounds
  ("Batterien"/"Batterie", "Wasserstoffspeicher"/"Wasserstoff-Speicher"),
- concept tokens from the bilingual lexicon, which match across languages
  ("Wasserstoffspeicher" and "hydrogen storage" both give hydrogen + storage).
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import defaultdict
from functools import lru_cache

from solver.lexicon import LEXICON

TEXT_BITS = 20
TEXT_DIM = 1 << TEXT_BITS
# Title words count twice: titles are short and say what the item is about.
TITLE_WEIGHT = 2.0
DESCRIPTION_WEIGHT = 1.0

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[a-z0-9]+")

# Words that say nothing about what is offered or needed; their 4-grams would only add noise.
STOP_WORDS = frozenset(
    """a an and or the of for in on to with by from at as is are be we our you your they their us
    new solution solutions service services development develop provide providing offer offers
    offering looking seek seeking need needs want support based using use help about into this
    that these those who which can will also all more other such e g etc via per its it s
    und oder der die das den dem des ein eine einer einen eines einem fuer mit von vom zu zum
    zur im auf am aus bei nach ueber unter wir unsere unser unseren unserer ihre ihr ihren sie
    suchen suche gesucht bieten biete bietet angebot angebote entwicklung entwickeln loesung
    loesungen dienstleistung dienstleistungen neue neuen neuer neues sowie als auch ist sind wird
    werden durch unterstuetzung bereich bereichen fuer z b bzw insbesondere sich""".split()  # noqa: SIM905
)


def normalise(text: str) -> str:
    """Return ``text`` lower-cased, umlauts spelled out and other accents removed."""
    text = text.lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Split normalised ``text`` into words of letters and digits."""
    return _WORD.findall(normalise(text))


Pairs = list[tuple[str, str]]


def _parse_lexicon(source: str) -> tuple[dict[str, set[str]], Pairs, Pairs, Pairs]:
    exact: dict[str, set[str]] = defaultdict(set)
    prefixes: list[tuple[str, str]] = []
    infixes: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    concept = ""
    for line in source.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[0].isspace():
            terms = line
        else:
            concept, _, terms = line.partition(":")
        for raw in terms.split(","):
            raw = raw.strip()
            if not raw:
                continue
            whole_word = raw.startswith("=")
            term = " ".join(words(raw.lstrip("=")))
            if " " in term:
                phrases.append((" " + term, concept))
            elif whole_word or len(term) <= 3:
                exact[term].add(concept)
            elif len(term) <= 5:
                prefixes.append((term, concept))
            else:
                infixes.append((term, concept))
    return exact, prefixes, infixes, phrases


_EXACT, _PREFIXES, _INFIXES, _PHRASES = _parse_lexicon(LEXICON)
CONCEPTS = frozenset(
    concept
    for concept in (
        *(c for cs in _EXACT.values() for c in cs),
        *(c for _, c in _PREFIXES),
        *(c for _, c in _INFIXES),
        *(c for _, c in _PHRASES),
    )
)


@lru_cache(maxsize=65536)
def word_concepts(word: str) -> frozenset[str]:
    """Return the lexicon concepts that the single normalised ``word`` expresses."""
    found = set(_EXACT.get(word, ()))
    found.update(c for term, c in _PREFIXES if word.startswith(term))
    found.update(c for term, c in _INFIXES if term in word)
    return frozenset(found)


def concepts(text: str) -> frozenset[str]:
    """Return the lexicon concepts found in ``text`` (words, compound parts and phrases)."""
    tokens = words(text)
    found: set[str] = set()
    for token in tokens:
        found |= word_concepts(token)
    joined = " " + " ".join(tokens)
    found.update(c for phrase, c in _PHRASES if phrase in joined)
    return frozenset(found)


@lru_cache(maxsize=65536)
def _word_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    if len(padded) <= 4:
        return (padded,)
    return tuple(padded[i : i + 4] for i in range(len(padded) - 3))


@lru_cache(maxsize=1 << 18)
def feature_column(feature: str) -> int:
    """Return the hashed column of ``feature`` (stable across processes, unlike ``hash``)."""
    return zlib.crc32(feature.encode()) & (TEXT_DIM - 1)


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {k: v / norm for k, v in weights.items()} if norm else {}


@lru_cache(maxsize=65536)
def text_vector(
    title: str, description: str, concept_share: float
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Return the unit text vector of an item as sorted (columns, values).

    ``concept_share`` is the part of the cosine that concept tokens carry when both items have
    some; the rest comes from the character 4-grams.
    """
    grams: dict[str, float] = defaultdict(float)
    found: dict[str, float] = {}
    for text, weight in ((title, TITLE_WEIGHT), (description, DESCRIPTION_WEIGHT)):
        for token in words(text):
            if token in STOP_WORDS or len(token) < 2:
                continue
            for gram in _word_grams(token):
                grams["g:" + gram] += weight
        # A concept counts once per item, with the weight of the most prominent place it appears.
        for concept in concepts(text):
            found["k:" + concept] = max(found.get("k:" + concept, 0.0), weight)
    parts = ((_unit(grams), 1.0 - concept_share), (_unit(found), concept_share))
    columns: dict[int, float] = defaultdict(float)
    for part, share in parts:
        scale = math.sqrt(share)
        for feature, value in part.items():
            columns[feature_column(feature)] += scale * value
    norm = math.sqrt(sum(v * v for v in columns.values()))
    if not norm:
        return (), ()
    ordered = sorted(columns)
    return tuple(ordered), tuple(columns[c] / norm for c in ordered)


def clear_caches() -> None:
    """Forget cached word and item features (for cold-start timings)."""
    for cached in (word_concepts, _word_grams, feature_column, text_vector):
        cached.cache_clear()

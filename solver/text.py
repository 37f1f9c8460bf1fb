"""Text features of offer and need items that work for German and English alike.

An item's text becomes a sparse unit vector in a fixed hashed feature space, so that the same item
always gets the same columns whatever population it is scored in (``score`` on one pair and
``score_matrix`` on thousands then agree to the last bit). The vector blends two parts:

- the surface of the words: character 4-grams of title words, which match inflections and the
  parts of German compounds ("Batterien"/"Batterie", "Wasserstoffspeicher"/"Wasserstoff-Speicher"),
  and 6-letter stems of all words, which let descriptions count at one feature per word,
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
STEM_LENGTH = 6
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
    if text.isascii():
        return text
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
            term = " ".join(words(raw.lstrip("=^")))
            if " " in term:
                phrases.append((" " + term, concept))
            elif raw.startswith("=") or len(term) <= 3:
                exact[term].add(concept)
            elif raw.startswith("^") or len(term) <= 5:
                prefixes.append((term, concept))
            else:
                infixes.append((term, concept))
    return exact, prefixes, infixes, phrases


_EXACT, _PREFIXES, _INFIXES, _PHRASES = _parse_lexicon(LEXICON)
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[str, str]]] = defaultdict(list)
for _phrase, _concept in _PHRASES:
    _PHRASES_BY_FIRST_WORD[_phrase.split()[0]].append((_phrase, _concept))
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


def _token_concepts(tokens: list[str]) -> set[str]:
    found: set[str] = set()
    for token in tokens:
        found |= word_concepts(token)
    # Only phrases whose first word occurs can match; checking just those keeps long texts cheap.
    candidates = [pc for token in set(tokens) for pc in _PHRASES_BY_FIRST_WORD.get(token, ())]
    if candidates:
        joined = " " + " ".join(tokens)
        found.update(c for phrase, c in candidates if phrase in joined)
    return found


def concepts(text: str) -> frozenset[str]:
    """Return the lexicon concepts found in ``text`` (words, compound parts and phrases)."""
    return frozenset(_token_concepts(words(text)))


@lru_cache(maxsize=1 << 16)
def _title_word_columns(word: str) -> tuple[int, ...]:
    """Return the hashed columns of a title word: its 4-grams and its stem."""
    padded = f" {word} "
    grams = [padded] if len(padded) <= 4 else [padded[i : i + 4] for i in range(len(padded) - 3)]
    return (*(feature_column("g:" + g) for g in grams), _stem_column(word))


@lru_cache(maxsize=1 << 16)
def _stem_column(word: str) -> int:
    # Truncation to 6 letters is a crude stemmer that is as good for German as for English
    # ("batterie"/"batterien", "recycling"/"recycled") and costs one feature per word.
    return feature_column("w:" + word[:STEM_LENGTH])


def feature_column(feature: str) -> int:
    """Return the hashed column of ``feature`` (stable across processes, unlike ``hash``)."""
    return zlib.crc32(feature.encode()) & (TEXT_DIM - 1)


def _unit(weights: dict[int, float]) -> dict[int, float]:
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {k: v / norm for k, v in weights.items()} if norm else {}


@lru_cache(maxsize=1 << 16)
def text_vector(
    title: str, description: str, concept_share: float
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Return the unit text vector of an item as sorted (columns, values).

    ``concept_share`` is the part of the cosine that concept tokens carry when both items have
    some; the rest comes from the surface of the words: character 4-grams of title words (cheap
    there, titles are short) and 6-letter stems of all words (descriptions are long, and their
    4-grams would make nearly every pair of items a little similar at a high cost).
    """
    surface: dict[int, float] = defaultdict(float)
    found: dict[int, float] = {}
    for text, weight in ((title, TITLE_WEIGHT), (description, DESCRIPTION_WEIGHT)):
        tokens = words(text)
        for token in tokens:
            if token in STOP_WORDS or len(token) < 2:
                continue
            if weight == TITLE_WEIGHT:
                for column in _title_word_columns(token):
                    surface[column] += weight
            else:
                surface[_stem_column(token)] += weight
        # A concept counts once per item, with the weight of the most prominent place it appears.
        for concept in _token_concepts(tokens):
            column = feature_column("k:" + concept)
            found[column] = max(found.get(column, 0.0), weight)
    columns: dict[int, float] = defaultdict(float)
    for part, share in ((_unit(surface), 1.0 - concept_share), (_unit(found), concept_share)):
        scale = math.sqrt(share)
        for column, value in part.items():
            columns[column] += scale * value
    norm = math.sqrt(sum(v * v for v in columns.values()))
    if not norm:
        return (), ()
    ordered = sorted(columns)
    return tuple(ordered), tuple(columns[c] / norm for c in ordered)


def clear_caches() -> None:
    """Forget cached word and item features (for cold-start timings)."""
    for cached in (word_concepts, _title_word_columns, _stem_column, text_vector):
        cached.cache_clear()

"""Plain-language rendering of a score explanation, in English or German, from A's side."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from solver.scoring_types import Explanation, ItemMatch

# A shared category alone gives about 0.35; naming such weak matches would dilute the strong ones.
RENDER_MIN_SIMILARITY = 0.4
RENDER_MAX_OFFERS = 3

LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "de": ("German", "Deutsch"),
    "en": ("English", "Englisch"),
    "fr": ("French", "Französisch"),
    "pl": ("Polish", "Polnisch"),
    "cs": ("Czech", "Tschechisch"),
    "sk": ("Slovak", "Slowakisch"),
    "nl": ("Dutch", "Niederländisch"),
    "da": ("Danish", "Dänisch"),
    "sv": ("Swedish", "Schwedisch"),
    "it": ("Italian", "Italienisch"),
    "es": ("Spanish", "Spanisch"),
    "pt": ("Portuguese", "Portugiesisch"),
    "hu": ("Hungarian", "Ungarisch"),
    "ro": ("Romanian", "Rumänisch"),
    "lt": ("Lithuanian", "Litauisch"),
    "uk": ("Ukrainian", "Ukrainisch"),
    "ru": ("Russian", "Russisch"),
    "zh": ("Chinese", "Chinesisch"),
}

ACTOR_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "sme": ("SME", "KMU"),
    "large_company": ("large company", "Großunternehmen"),
    "research_institute": ("research institute", "Forschungsinstitut"),
    "university": ("university", "Hochschule"),
    "cluster": ("cluster", "Cluster"),
    "public_body": ("public body", "öffentliche Einrichtung"),
    "association": ("association", "Verband"),
    "ngo": ("NGO", "NGO"),
    "funder": ("funder", "Förderer"),
    "startup": ("start-up", "Start-up"),
}

_TEXT = {
    "en": {
        "quote": "'{}'",
        "and": " and ",
        "you_offer": "You offer {}, which they need",
        "they_offer": "they offer {}, which you need",
        "no_match": "No offer on either side answers a need of the other yet.",
        "language": "Common language: {}.",
        "languages": "Common languages: {}.",
        "interpreter": "No common language: an interpreter is needed.",
        "cross_border": "Cross-border pair.",
        "actor_mix": "Good mix: {} and {}.",
        "reciprocity": "Both sides benefit.",
        "excluded": "Not suggested: one of you or the organiser ruled this meeting out.",
        "same_organisation": "Not suggested: you belong to the same organisation.",
        "no_shared_language": "Not suggested: you have no language in common.",
    },
    "de": {
        "quote": "„{}“",
        "and": " und ",
        "you_offer": "Sie bieten {}, das wird gesucht",
        "they_offer": "Ihr Gegenüber bietet {}, das Sie suchen",
        "no_match": "Noch beantwortet kein Angebot einer Seite einen Bedarf der anderen.",
        "language": "Gemeinsame Sprache: {}.",
        "languages": "Gemeinsame Sprachen: {}.",
        "interpreter": "Keine gemeinsame Sprache: eine Dolmetschung ist nötig.",
        "cross_border": "Grenzüberschreitendes Paar.",
        "actor_mix": "Gute Mischung: {} und {}.",
        "reciprocity": "Beide Seiten profitieren.",
        "excluded": "Nicht vorgeschlagen: eine Seite oder die Organisation hat dieses Treffen "
        "ausgeschlossen.",
        "same_organisation": "Nicht vorgeschlagen: Sie gehören zur selben Organisation.",
        "no_shared_language": "Nicht vorgeschlagen: Sie haben keine gemeinsame Sprache.",
    },
}


def _worth_saying(matches: tuple[ItemMatch, ...]) -> list[str]:
    """Return the offer titles to name: strong matches, at most a few, else the best one."""
    strong = [m.offer for m in matches if m.similarity >= RENDER_MIN_SIMILARITY]
    return list(dict.fromkeys(strong or [matches[0].offer]))[:RENDER_MAX_OFFERS]


def _listing(titles: list[str], text: dict[str, str]) -> str:
    quoted = [text["quote"].format(t) for t in dict.fromkeys(titles)]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + text["and"] + quoted[-1]


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def render(explanation: Explanation, lang: str = "en") -> str:
    """Return the explanation as sentences a participant reads ("en" or "de")."""
    if lang not in _TEXT:
        raise ValueError(f"unsupported language {lang!r}")
    text = _TEXT[lang]
    index = 0 if lang == "en" else 1
    if explanation.excluded is not None:
        return text[explanation.excluded]
    clauses = []
    if explanation.a_offers_b_needs:
        offers = _worth_saying(explanation.a_offers_b_needs)
        clauses.append(text["you_offer"].format(_listing(offers, text)))
    if explanation.b_offers_a_needs:
        offers = _worth_saying(explanation.b_offers_a_needs)
        clauses.append(text["they_offer"].format(_listing(offers, text)))
    sentences = [_capitalised("; ".join(clauses)) + "." if clauses else text["no_match"]]
    names = [LANGUAGE_NAMES.get(c, (c, c))[index] for c in explanation.shared_languages]
    if len(names) == 1:
        sentences.append(text["language"].format(names[0]))
    elif names:
        sentences.append(text["languages"].format(", ".join(names)))
    else:
        sentences.append(text["interpreter"])
    for modifier in explanation.modifiers:
        if modifier.kind == "actor_mix":
            a = ACTOR_TYPE_NAMES.get(modifier.a_value, (modifier.a_value,) * 2)[index]
            b = ACTOR_TYPE_NAMES.get(modifier.b_value, (modifier.b_value,) * 2)[index]
            sentences.append(text["actor_mix"].format(a, b))
        else:
            sentences.append(text[modifier.kind])
    return " ".join(sentences)

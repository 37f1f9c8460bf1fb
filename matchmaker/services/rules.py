"""Rules that both forms and services enforce: field limits, countries, languages, phases."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from babel import Locale

from matchmaker.models.enums import EventStatus
from matchmaker.models.types import utcnow

MAX_NAME = 100
MAX_ORGANISATION = 200
MAX_CITY = 120
MAX_WEBSITE = 300
MAX_PROFILE = 3000
MAX_ITEM_TITLE = 200
MAX_ITEM_DESCRIPTION = 1000
MAX_ITEMS_PER_KIND = 10
MAX_OWN_MEETINGS = 50

# keys of the event's areas of activity, as import files and the scorer use them
CATEGORY_KEY = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
MAX_CATEGORY_KEY = 50
MAX_CATEGORY_NAME = 120
# points an actor-type mix adds to a relevant pair's score (scores run from 0 to 100)
MIX_POINTS = (1, 30)

# Languages offered on the registration form (ISO 639-1): Europe's and the main world languages.
LANGUAGE_CODES = (
    "de", "en", "fr", "es", "it", "nl", "pl", "cs", "sk", "da", "sv", "fi", "no", "et", "lv",
    "lt", "uk", "ru", "pt", "ro", "hu", "el", "bg", "hr", "sl", "sr", "tr", "ar", "zh", "ja",
)  # fmt: skip
# Control characters no one types: NUL (which PostgreSQL cannot store in text), escapes, DEL.
# Tab, line feed and carriage return are ordinary text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Babel territory codes that are regions or placeholders, not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

# Registration stays open while meeting requests are collected; it closes once the agenda is built.
REGISTRATION_PHASES = (EventStatus.REGISTRATION, EventStatus.REQUESTS)


def _sort_key(name: str) -> str:
    """Sort names by their letters without accents, as a reader expects (Ägypten under A)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@cache
def country_names(locale: str) -> tuple[tuple[str, str], ...]:
    """Return (ISO 3166-1 alpha-2 code, name) pairs in the given UI language, sorted by name."""
    territories = Locale.parse(locale).territories
    pairs = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: _sort_key(pair[1])))


@cache
def language_names(locale: str) -> tuple[tuple[str, str], ...]:
    """Return (ISO 639-1 code, name) pairs for the offered languages, in the UI language."""
    names = Locale.parse(locale).languages
    return tuple((code, names.get(code, code)) for code in LANGUAGE_CODES)


def is_country(code: str) -> bool:
    """Tell whether ``code`` is an ISO 3166-1 alpha-2 country code."""
    return code in dict(country_names("en"))


def is_web_address(url: str) -> bool:
    """Tell whether ``url`` is an http(s) address with a host: never javascript: or data:,
    which would run or show code when a profile's website link is clicked."""
    if any(c.isspace() or ord(c) < 32 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket, say
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def has_control_characters(text: str) -> bool:
    """Tell whether text holds a control character (other than tab and line breaks)."""
    return CONTROL_CHARACTERS.search(text) is not None


@cache
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_timezone(name: str) -> bool:
    """Tell whether ``name`` is an IANA time zone such as Europe/Berlin (not a file path)."""
    return name in _timezones()


def registration_open(event, now: datetime | None = None) -> bool:  # noqa: ANN001  (an Event)
    """Tell whether new participants may register for the event now."""
    now = now or utcnow()
    if event.status not in REGISTRATION_PHASES:
        return False
    return event.registration_deadline is None or now <= event.registration_deadline

import pytest

from matchmaker.models.enums import DEFAULT_CATEGORIES, EventFormat, EventStatus
from matchmaker.services.events import EventError, create_event


def test_create_event_seeds_default_taxonomy_in_order(app):
    event = create_event(slug="boerse-2027", title="Börse", event_format=EventFormat.ROUNDS)
    assert [c.key for c in event.categories] == list(DEFAULT_CATEGORIES)
    assert event.categories[0].name("de") == "Energie und Wasserstoff"
    assert event.categories[0].name("en") == "Energy and hydrogen"
    assert (event.status, event.format, event.meeting_minutes) == (
        EventStatus.DRAFT,
        EventFormat.ROUNDS,
        20,
    )


@pytest.mark.parametrize("slug", ["Börse", "two  words", "-lead", "trail-", "a--b", "x" * 81])
def test_create_event_bad_slug_is_refused(app, slug: str):
    with pytest.raises(EventError, match="slug"):
        create_event(slug=slug, title="t")


def test_create_event_unknown_time_zone_is_refused(app):
    with pytest.raises(EventError, match="not an IANA time zone"):
        create_event(slug="x", title="t", timezone="Mars/Olympus")


def test_create_event_duplicate_slug_is_refused(app):
    create_event(slug="x", title="t")
    with pytest.raises(EventError, match="exists already"):
        create_event(slug="x", title="t2")

"""Stored XSS: every free-text field holds a payload (tests/security/xss_world.py); no page shows
it unescaped, and every field that a page shows at all is seen escaped somewhere."""

from __future__ import annotations

from tests.security.xss_world import RAW_MARKERS, escaped

# fields no page shows: the organiser reads these only in exports or not at all
NOT_SHOWN = {
    "exclusion.note",  # kept for the record; the pages show the pair, not the note
    "run.log",  # the solver's log is for the command line
}


def html_pages(crawl):
    return [p for p in crawl if p.content_type.startswith("text/html")]


def test_no_page_shows_a_payload_unescaped(crawl):
    pages = html_pages(crawl)
    assert len(pages) > 60
    for page in pages:
        found = [m for m in RAW_MARKERS if m in page.text]
        assert found == [], page.url


def test_every_shown_field_appears_escaped(world, crawl):
    text = "\n".join(p.text for p in html_pages(crawl))
    unseen = {name for name, n in world.fields.items() if escaped(n) not in text}
    assert unseen == NOT_SHOWN


def test_other_responses_are_not_html(crawl):
    for page in crawl:
        if page.url.endswith(".ics") and page.status == 200:
            assert page.content_type == "text/calendar; charset=utf-8", page.url
        elif page.url.endswith((".csv", ".xlsx")):
            assert not page.content_type.startswith("text/html"), page.url
        elif page.url.endswith(".json") and page.status == 200:
            assert page.content_type == "application/json", page.url

"""The participant catalogue: search, filters, pagination, privacy and bounded queries."""

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event as sa_event

from matchmaker.extensions import db
from matchmaker.models import Item, ParticipantLanguage
from matchmaker.models.enums import ActorType, ItemKind, ParticipantStatus
from matchmaker.services.participants import reissue_link


@pytest.fixture
def setup(make_event, make_participant):
    event = make_event(slug="b")
    categories = {c.key: c for c in event.categories}

    def person(organisation, offer, category="energy", **fields):
        p = make_participant(event, organisation=organisation, **fields)
        p.items = [Item(kind=ItemKind.OFFER, title=offer, category=categories[category])]
        return p

    viewer = person("Viewer GmbH", "Nothing special")
    people = {
        "h2": person("Wasserstoff Köln GmbH", "Elektrolyse-Prüfstand", country="DE"),
        "pl": person(
            "Gdańsk Hydrogen Sp. z o.o.",
            "Hydrogen storage",
            country="PL",
            actor_type=ActorType.STARTUP,
            languages=["pl", "en"],
        ),  # fmt: skip
        "food": person("Käserei Allgäu", "Bio-Käse", category="food", country="DE"),
        "new": person(
            "Noch Nicht Bestätigt AG", "Wasserstoff", status=ParticipantStatus.REGISTERED
        ),
        "gone": person("Abgesagt GmbH", "Wasserstoff", status=ParticipantStatus.CANCELLED),
    }
    other_event = make_participant(organisation="Wasserstoff Anderswo", event=make_event())
    token = reissue_link(viewer)
    db.session.commit()
    return event, token, people, other_event


def organisations(client, token, query=""):
    response = client.get(f"/p/{token}/catalogue{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return re.findall(r'<h2><a href="/p/[^/]+/people/\d+">([^<]+)</a></h2>', html), html


def test_catalogue_lists_confirmed_participants_of_the_event_only(client, setup):
    _event, token, _people, _other = setup
    found, html = organisations(client, token)
    assert found == ["Gdańsk Hydrogen Sp. z o.o.", "Käserei Allgäu", "Wasserstoff Köln GmbH"]
    assert "3 participants found" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=wasserstoff", ["Wasserstoff Köln GmbH"]),
        ("?q=KOLN", ["Wasserstoff Köln GmbH"]),  # case and accents do not matter
        ("?q=prufstand+elektrolyse", ["Wasserstoff Köln GmbH"]),  # all terms must match
        ("?q=hydrogen", ["Gdańsk Hydrogen Sp. z o.o."]),
        ("?q=100%25", []),  # LIKE wildcards are taken literally
        ("?country=DE", ["Käserei Allgäu", "Wasserstoff Köln GmbH"]),
        ("?actor_type=startup", ["Gdańsk Hydrogen Sp. z o.o."]),
        ("?category=food", ["Käserei Allgäu"]),
        ("?language=pl", ["Gdańsk Hydrogen Sp. z o.o."]),
        ("?country=DE&category=energy", ["Wasserstoff Köln GmbH"]),
    ],
)
def test_catalogue_search_and_filters(client, setup, query, expected):
    _event, token, _people, _other = setup
    assert organisations(client, token, query)[0] == expected


def test_catalogue_invalid_filters_are_dropped_not_500(client, setup):
    _event, token, _people, _other = setup
    found, html = organisations(client, token, "?country=ZZ&actor_type=alien&page=abc")
    assert len(found) == 3
    assert "Not a valid choice" in html


def test_catalogue_paginates(client, setup, make_participant):
    event, token, _people, _other = setup
    for n in range(25):
        make_participant(event, organisation=f"Zeta {n:02d}")
    db.session.commit()
    first, html = organisations(client, token)
    assert len(first) == 20 and "page 1 of 2" in html
    second, _ = organisations(client, token, "?page=2")
    assert len(second) == 8 and second[-1] == "Zeta 24"
    beyond, _ = organisations(client, token, "?page=99")
    assert beyond == second


def test_catalogue_never_shows_private_data(client, setup):
    _event, token, people, _other = setup
    _found, html = organisations(client, token)
    assert people["h2"].email not in html and "@example.org" not in html
    profile = client.get(f"/p/{token}/people/{people['h2'].id}").get_data(as_text=True)
    assert "Elektrolyse-Prüfstand" in profile
    assert people["h2"].email not in profile and people["h2"].token_hash not in profile


def test_profile_of_unconfirmed_or_other_event_participant_is_404(client, setup):
    _event, token, people, other = setup
    for pid in (people["new"].id, people["gone"].id, other.id, 999_999):
        assert client.get(f"/p/{token}/people/{pid}").status_code == 404


def test_catalogue_with_unknown_token_is_404(client, setup):
    assert client.get("/p/nope/catalogue").status_code == 404


@contextmanager
def count_queries():
    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # noqa: ANN001, ANN002
        statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)


def test_catalogue_number_of_queries_does_not_grow_with_participants(
    client, setup, make_participant
):
    event, token, _people, _other = setup
    with count_queries() as small:
        organisations(client, token)
    for n in range(30):
        p = make_participant(event, organisation=f"Extra {n}", languages=["de", "en", "fr"])
        p.items = [Item(kind=ItemKind.NEED, title=f"Bedarf {n}", category=event.categories[n % 5])]
        p.languages.append(ParticipantLanguage(code="it"))
    db.session.commit()
    with count_queries() as large:
        organisations(client, token)
    assert len(large) == len(small) <= 10


def test_profile_and_home_titles_are_plain_text(client, setup):
    event, token, people, _other = setup
    for path, expected in [
        (f"/p/{token}/people/{people['h2'].id}", f"Wasserstoff Köln GmbH – {event.title}"),
        (f"/p/{token}", None),
    ]:
        html = client.get(path).get_data(as_text=True)
        title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
        assert "<" not in title and "form" not in title
        if expected:
            assert title == expected


def test_ids_too_large_for_the_database_are_404_not_500(client, setup):
    _event, token, _people, _other = setup
    huge = "9" * 20
    assert client.get(f"/p/{token}/people/{huge}").status_code == 404
    assert client.post(f"/p/{token}/requests/{huge}/accept").status_code == 404

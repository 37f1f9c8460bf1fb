"""Organisers edit a participant's profile on their behalf, with the participant's own form."""

import re

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Category, Item, Participant
from matchmaker.models.enums import ItemKind
from matchmaker.services.organisers import create_organiser
from matchmaker.services.tokens import new_token
from tests.views.helpers import PASSWORD, csrf, login


@pytest.fixture
def board(app, client, make_event, make_participant):
    event = make_event(slug="prof")
    energy = db.session.scalar(
        select(Category).where(Category.event_id == event.id, Category.key == "energy")
    )
    person = make_participant(event, first_name="Jörg", last_name="Köhler",
                              email="joerg@lumen.example", organisation="Lumen GmbH",
                              locale="de")  # fmt: skip
    person.sessions = list(event.sessions)
    person.items = [Item(kind=ItemKind.OFFER, category=energy, title="Elektrolyse")]
    make_participant(event, email="ana@porto.example")
    event.organisers.append(create_organiser(email="org@cluster.example", name="Org",
                                             password=PASSWORD))  # fmt: skip
    db.session.commit()
    login(client, "org@cluster.example")
    return event, person


def url(person) -> str:
    return f"/organiser/events/prof/participants/{person.id}/edit"


def form_data(client, person, **overrides) -> dict:
    html = client.get(url(person), headers={"Accept-Language": "en"}).get_data(as_text=True)
    data = {
        "csrf_token": re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)[1],
        "first_name": "Jörg",
        "last_name": "Köhler",
        "email": "joerg@lumen.example",
        "organisation": "Lumen Hydrogen GmbH",
        "actor_type": "sme",
        "country": "DE",
        "languages": ["de", "en"],
        "sessions": [str(s.id) for s in person.event.sessions],
        "offers-0-category": "energy",
        "offers-0-title": "PEM-Elektrolyse",
        "needs-0-category": "funding",
        "needs-0-title": "Horizon Europe",
        "save": "Save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def reload(person) -> Participant:
    db.session.expire_all()
    return db.session.get(Participant, person.id)


def test_participants_list_links_to_the_profile_form_prefilled(client, board):
    _event, person = board
    roster = client.get("/organiser/events/prof/participants").get_data(as_text=True)
    assert f'href="{url(person)}"' in roster
    html = client.get(url(person), headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'value="Lumen GmbH"' in html and 'value="Elektrolyse"' in html
    assert 'value="joerg@lumen.example"' in html


def test_organiser_saves_profile_and_the_participant_keeps_their_language(client, board):
    _event, person = board
    response = client.post(url(person), data=form_data(client, person))
    assert response.status_code == 302
    assert response.headers["Location"] == "/organiser/events/prof/participants"
    person = reload(person)
    assert person.organisation == "Lumen Hydrogen GmbH" and person.locale == "de"
    assert [i.title for i in person.offers] == ["PEM-Elektrolyse"]
    assert [i.category.key for i in person.needs] == ["funding"]
    roster = client.get("/organiser/events/prof/participants", headers={"Accept-Language": "en"})
    assert "The profile of Jörg Köhler is saved." in roster.get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"languages": None}, "Choose at least one language."),
        ({"country": "XX"}, "Choose a country from the list."),
        ({"offers-0-title": "", "offers-0-description": "PEM"}, "Give this entry a title."),
        ({"email": "ana@porto.example"}, "this e-mail address is registered already"),
    ],
)
def test_bad_input_is_explained_with_the_participant_form_rules(client, board, overrides, message):
    _event, person = board
    response = client.post(
        url(person), data=form_data(client, person, **overrides), headers={"Accept-Language": "en"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert 'value="Lumen Hydrogen GmbH"' in html  # what was typed is kept
    person = reload(person)
    assert person.organisation == "Lumen GmbH" and person.email == "joerg@lumen.example"


def test_add_another_offer_row_without_javascript(client, board):
    _event, person = board
    data = form_data(client, person, save=None, more_offers="Add another offer")
    response = client.post(url(person), data=data)
    assert response.status_code == 200 and 'name="offers-1-title"' in response.get_data(
        as_text=True
    )
    assert reload(person).organisation == "Lumen GmbH"


def test_profile_editing_refused_to_others(app, client, board, make_event, make_participant):
    _event, person = board
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    stranger = make_participant(make_event(slug="else"))
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get(url(person)).status_code == 404
    token = csrf(other, "/organiser/")
    assert other.post(url(person), data={"csrf_token": token}).status_code == 404
    # a participant's secret link is no organiser login
    anonymous = app.test_client()
    token, token_hash = new_token()
    reload(person).token_hash = token_hash
    db.session.commit()
    assert anonymous.get(f"/p/{token}").status_code == 200
    response = anonymous.get(url(person))
    assert response.status_code == 302 and response.headers["Location"].startswith(
        "/organiser/login"
    )
    assert anonymous.post(url(person), data={}).status_code in (302, 400)
    # the organiser's own event, but a participant of another event
    assert client.get(f"/organiser/events/prof/participants/{stranger.id}/edit").status_code == 404
    assert reload(person).organisation == "Lumen GmbH"

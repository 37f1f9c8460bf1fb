"""Recommendations ("your best matches") through HTTP."""

import re

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Exclusion, Item, MeetingRequest, ParticipantLanguage
from matchmaker.models.enums import EventStatus, ItemKind, ParticipantStatus
from matchmaker.services.participants import reissue_link
from tests.views.test_catalogue import count_queries


@pytest.fixture
def market(make_event, make_participant):
    event = make_event(slug="b", status=EventStatus.REQUESTS)
    cat = {c.key: c for c in event.categories}

    def person(org, offers=(), needs=(), **fields):
        p = make_participant(event, organisation=org, **fields)
        p.items = [Item(kind=ItemKind.OFFER, title=t, category=cat[c]) for c, t in offers] + [
            Item(kind=ItemKind.NEED, title=t, category=cat[c]) for c, t in needs
        ]
        return p

    me = person("Lumen GmbH", offers=[("energy", "Hydrogen electrolysis testing")],
                needs=[("funding", "Funding for a hydrogen pilot plant")])  # fmt: skip
    people = {
        "fund": person(
            "Förderbank Nord",
            offers=[("funding", "Funding for hydrogen pilot plants")],
            needs=[("energy", "Electrolysis testing for our portfolio")],
        ),  # fmt: skip
        "same_org": person("Lumen GmbH", offers=[("funding", "Funding for pilot plants")]),
        "mute": person(
            "Stumm AG", offers=[("funding", "Funding for hydrogen pilots")], languages=["fr"]
        ),  # fmt: skip
        "pending": person(
            "Neu GmbH",
            offers=[("funding", "Funding for hydrogen pilot plants")],
            status=ParticipantStatus.REGISTERED,
        ),  # fmt: skip
        "food": person("Käserei", offers=[("food", "Cheese")], needs=[("food", "Milk")]),
    }
    token = reissue_link(me)
    db.session.commit()
    return event, me, people, token


def matched(client, token, lang="en"):
    response = client.get(f"/p/{token}/matches", headers={"Accept-Language": lang})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return re.findall(r'<h2><a href="/p/[^/]+/people/\d+">([^<]+)</a></h2>', html), html


def test_matches_rank_complementary_partner_with_explanation(client, market):
    _event, _me, _people, token = market
    found, html = matched(client, token)
    assert found[0] == "Förderbank Nord"
    assert "Lumen GmbH" not in found  # same organisation
    assert "Stumm AG" not in found  # no shared language
    assert "Neu GmbH" not in found  # not confirmed
    assert "You offer &#39;Hydrogen electrolysis testing&#39;" in html


def test_matches_explanation_in_german(client, market):
    _event, _me, _people, token = market
    _found, html = matched(client, token, lang="de")
    assert "Sie bieten" in html


def test_matches_honour_no_thanks_in_both_directions(client, market):
    event, me, people, token = market
    db.session.add(Exclusion(event_id=event.id, participant_id=people["fund"].id, other_id=me.id))
    db.session.commit()
    assert "Förderbank Nord" not in matched(client, token)[0]


def test_matches_follow_profile_changes(client, market):
    _event, _me, people, token = market
    assert "Käserei" not in matched(client, token)[0]
    cheese = people["food"]
    cheese.items.append(
        Item(
            kind=ItemKind.NEED,
            title="Hydrogen electrolysis testing",
            category=cheese.event.categories[0],
        )
    )
    db.session.commit()
    assert "Käserei" in matched(client, token)[0]


def test_matches_languages_change_is_seen(client, market):
    _event, _me, people, token = market
    people["mute"].languages.append(ParticipantLanguage(code="en"))
    # a language-only edit goes through the service, which marks the profile changed
    from matchmaker.models.types import utcnow

    people["mute"].updated_at = utcnow()
    db.session.commit()
    assert "Stumm AG" in matched(client, token)[0]


def test_matches_page_queries_do_not_grow_with_participants(client, market, make_participant):
    event, _me, _people, token = market
    matched(client, token)  # fill the cache, as a running server has it
    with count_queries() as small:
        matched(client, token)
    for n in range(20):
        p = make_participant(event, organisation=f"Fonds {n}")
        p.items = [Item(kind=ItemKind.OFFER, title=f"Funding for hydrogen {n}",
                        category=event.categories[9])]  # fmt: skip
    db.session.commit()
    matched(client, token)
    with count_queries() as large:
        found, _html = matched(client, token)
    assert len(found) == 10
    assert len(large) == len(small) <= 12
    assert db.session.scalar(select(func.count()).select_from(MeetingRequest)) == 0


def test_matches_with_unknown_token_is_404(client, market):
    assert client.get("/p/unknown/matches").status_code == 404


def test_request_straight_from_a_recommendation(client, market):
    event, me, people, token = market
    html = matched(client, token)[1]
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)[1]
    action = f"/p/{token}/people/{people['fund'].id}/request"
    assert f'action="{action}"' in html
    response = client.post(action, data={"csrf_token": csrf, "priority": "must"})
    assert response.status_code == 302
    request = db.session.scalar(select(MeetingRequest))
    assert (request.sender_id, request.receiver_id, request.priority) == (
        me.id,
        people["fund"].id,
        "must",
    )
    assert "Waiting for an answer" in matched(client, token)[1]


def test_matches_for_the_only_participant_say_so(client, make_event, make_participant):
    lone = make_participant(make_event(slug="allein"))
    token = reissue_link(lone)
    db.session.commit()
    found, html = matched(client, token)
    assert found == [] and "No matches yet" in html

"""Actor-type mix weights on the set-up page, and what they do to recommendation scores."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Category, Event, Item
from matchmaker.models.enums import ActorType, ItemKind
from matchmaker.services.matching import recommendations_for
from tests.views.helpers import organise, post_form

SETUP = "/organiser/events/mix/setup"


@pytest.fixture
def board(app, client, make_event):
    event = make_event(slug="mix")
    return organise(client, event)


def post(client, path, **data):
    return post_form(client, SETUP, path, **data)


def set_mix(client, a: str, b: str, points: str):
    return post(client, "/organiser/events/mix/mixes",
                **{"mix-type_a": a, "mix-type_b": b, "mix-points": points})  # fmt: skip


def matching(event) -> dict:
    db.session.expire_all()
    return db.session.get(Event, event.id).matching


def test_defaults_are_listed_and_the_first_change_keeps_the_others(client, board):
    html = client.get(SETUP, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "These are the built-in defaults" in html
    assert "<td>SME</td><td>Research institute</td><td>+5</td>" in html
    assert set_mix(client, "university", "sme", "12").status_code == 302
    mixes = matching(board)["actor_mix_bonus"]
    assert mixes["sme|university"] == 12 and mixes["research_institute|sme"] == 5
    assert len(mixes) == 12  # the eleven other defaults are kept


def test_change_and_remove_a_mix_stored_in_the_shape_the_scorer_reads(client, board):
    board.matching = {"cross_border_bonus": 7, "actor_mix_bonus": {"sme|research_institute": 10}}
    db.session.commit()
    set_mix(client, "research_institute", "sme", "4")  # same pair, either order: changed
    set_mix(client, "startup", "funder", "9")
    assert matching(board) == {
        "cross_border_bonus": 7,
        "actor_mix_bonus": {"funder|startup": 9, "research_institute|sme": 4},
    }
    removed = post(client, "/organiser/events/mix/mixes/sme/research_institute/delete")
    assert removed.status_code == 302 and removed.headers["Location"].endswith("#weights")
    assert matching(board)["actor_mix_bonus"] == {"funder|startup": 9}
    post(client, "/organiser/events/mix/mixes/sme/ngo/delete")
    html = client.get(SETUP, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "this mix is not set" in html


@pytest.mark.parametrize(
    ("a", "b", "points", "message"),
    [
        ("sme", "university", "0", "Number must be between 1 and 30."),
        ("sme", "university", "31", "Number must be between 1 and 30."),
        ("sme", "university", "", "This field is required."),
        ("sme", "dragons", "5", "Not a valid choice."),
    ],
)
def test_bad_mixes_are_explained_and_nothing_stored(client, board, a, b, points, message):
    response = set_mix(client, a, b, points)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert "actor_mix_bonus" not in (matching(board) or {})


def test_a_mix_weight_changes_the_pair_recommendation_score(client, board, make_participant):
    energy = db.session.scalar(
        select(Category).where(Category.event_id == board.id, Category.key == "energy")
    )
    sme = make_participant(board, actor_type=ActorType.SME, organisation="Lumen GmbH")
    uni = make_participant(board, actor_type=ActorType.UNIVERSITY, organisation="TU Hamburg")
    sme.items = [Item(kind=ItemKind.NEED, category=energy, title="Elektrolyse Prüfstand")]
    uni.items = [Item(kind=ItemKind.OFFER, category=energy, title="Elektrolyse Prüfstand")]
    board.matching = {"actor_mix_bonus": {}}
    db.session.commit()

    def score() -> float:
        db.session.expire_all()
        [recommendation] = recommendations_for(db.session.get(type(sme), sme.id), k=1)
        assert recommendation.participant.id == uni.id
        return recommendation.score.value

    plain = score()
    set_mix(client, "sme", "university", "10")
    assert score() == pytest.approx(min(100.0, plain + 10), abs=0.05)
    set_mix(client, "sme", "university", "3")
    assert score() == pytest.approx(min(100.0, plain + 3), abs=0.05)
    post(client, "/organiser/events/mix/mixes/sme/university/delete")
    assert score() == plain

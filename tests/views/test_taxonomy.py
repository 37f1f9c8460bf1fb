"""Areas of activity on the set-up page: list, add, rename, reorder, delete (moving their use)."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Category, Item
from matchmaker.models.enums import ItemKind
from matchmaker.services.organisers import create_organiser
from tests.views.helpers import PASSWORD, csrf, login, organise, post_form

SETUP = "/organiser/events/tax/setup"


@pytest.fixture
def board(app, client, make_event):
    event = make_event(slug="tax")
    return organise(client, event)


def post(client, path, **data):
    return post_form(client, SETUP, path, **data)


def add_area(client, key: str, name_en: str, name_de: str):
    return post(
        client,
        "/organiser/events/tax/categories",
        **{
            "new-category-key": key,
            "new-category-name_en": name_en,
            "new-category-name_de": name_de,
        },
    )


def page(client) -> str:
    return client.get(SETUP, headers={"Accept-Language": "en"}).get_data(as_text=True)


def keys(event) -> list[str]:
    return list(
        db.session.scalars(
            select(Category.key)
            .where(Category.event_id == event.id)
            .order_by(Category.position, Category.id)
        )
    )


def category(event, key: str) -> Category:
    return db.session.scalar(
        select(Category).where(Category.event_id == event.id, Category.key == key)
    )


def test_areas_are_listed_with_key_both_names_and_use(client, board, make_participant):
    person = make_participant(board)
    person.items = [Item(kind=ItemKind.OFFER, category=category(board, "energy"), title="H2")]
    db.session.commit()
    html = page(client)
    assert 'value="energy"' in html and 'value="Energy and hydrogen"' in html
    assert 'value="Energie und Wasserstoff"' in html
    assert html.count('name="d') >= 12  # one delete form per area


def test_add_area_goes_last_and_duplicate_or_bad_keys_are_explained(client, board):
    ok = add_area(client, "space", "Space and satellites", "Raumfahrt und Satelliten")
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/setup#areas")
    assert keys(board)[-1] == "space" and category(board, "space").position == 12
    twice = add_area(client, "energy", "E", "E")
    assert twice.status_code == 422
    assert "the key energy is in use already" in twice.get_data(as_text=True)
    bad = add_area(client, "Big Data", "", "B")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Lowercase letters, digits, - and _." in html
    assert "This field is required." in html
    assert len(keys(board)) == 13


def test_rename_area_changes_key_and_names_but_not_to_a_taken_key(client, board):
    energy = category(board, "energy")
    url = f"/organiser/events/tax/categories/{energy.id}"
    prefix = f"c{energy.id}-"
    ok = post(client, url, **{prefix + "key": "hydrogen", prefix + "name_en": "Hydrogen",
                              prefix + "name_de": "Wasserstoff"})  # fmt: skip
    assert ok.status_code == 302
    db.session.refresh(energy)
    assert (energy.key, energy.name_en, energy.name_de) == ("hydrogen", "Hydrogen", "Wasserstoff")
    clash = post(client, url, **{prefix + "key": "health", prefix + "name_en": "x",
                                 prefix + "name_de": "x"})  # fmt: skip
    assert clash.status_code == 422
    assert "the key health is in use already" in clash.get_data(as_text=True)
    db.session.refresh(energy)
    assert energy.key == "hydrogen"


def test_reorder_areas_up_and_down(client, board):
    health = category(board, "health")
    assert keys(board)[:3] == ["energy", "health", "logistics"]
    post(client, f"/organiser/events/tax/categories/{health.id}/up")
    assert keys(board)[:3] == ["health", "energy", "logistics"]
    post(client, f"/organiser/events/tax/categories/{health.id}/up")  # first already: no change
    assert keys(board)[:3] == ["health", "energy", "logistics"]
    post(client, f"/organiser/events/tax/categories/{health.id}/down")
    post(client, f"/organiser/events/tax/categories/{health.id}/down")
    assert keys(board)[:3] == ["energy", "logistics", "health"]
    positions = db.session.scalars(
        select(Category.position).where(Category.event_id == board.id).order_by(Category.position)
    ).all()
    assert positions == list(range(12))


def test_delete_unused_area(client, board):
    skills = category(board, "skills")
    response = post(client, f"/organiser/events/tax/categories/{skills.id}/delete")
    assert response.status_code == 302
    assert "skills" not in keys(board) and len(keys(board)) == 11


def test_delete_used_area_is_refused_unless_its_use_moves(client, board, make_participant):
    energy, digital = category(board, "energy"), category(board, "digital")
    person = make_participant(board)
    person.items = [
        Item(kind=ItemKind.OFFER, category=energy, title="Elektrolyse"),
        Item(kind=ItemKind.NEED, category=energy, title="Speicher", position=1),
    ]
    db.session.commit()
    url = f"/organiser/events/tax/categories/{energy.id}/delete"
    refused = post(client, url)
    assert refused.status_code == 422
    assert "2 offers and needs use this area: choose an area to move them to" in refused.get_data(
        as_text=True
    )
    assert "energy" in keys(board)
    itself = post(client, url, **{f"d{energy.id}-move_to": str(energy.id)})
    assert itself.status_code == 422
    assert "choose another area to move them to" in itself.get_data(as_text=True)
    moved = post(client, url, **{f"d{energy.id}-move_to": str(digital.id)})
    assert moved.status_code == 302
    assert "energy" not in keys(board)
    titles = db.session.scalars(select(Item.title).where(Item.category_id == digital.id)).all()
    assert sorted(titles) == ["Elektrolyse", "Speicher"]
    html = page(client)
    assert "Area Energy and hydrogen deleted; 2 offers and needs moved." in html


def test_areas_refused_to_other_organisers_and_without_csrf(app, client, board, make_event):
    energy = category(board, "energy")
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    token = csrf(other, "/organiser/")
    for path in (f"/organiser/events/tax/categories/{energy.id}/delete",
                 "/organiser/events/tax/categories"):  # fmt: skip
        assert other.post(path, data={"csrf_token": token}).status_code == 404
    assert client.post(f"/organiser/events/tax/categories/{energy.id}/up").status_code == 400
    foreign = category(make_event(slug="else"), "energy")
    db.session.commit()
    assert post(client, f"/organiser/events/tax/categories/{foreign.id}/delete").status_code == 404
    assert "energy" in keys(board)

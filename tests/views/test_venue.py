"""The venue on the set-up page: zones, tables into zones, tables out of use, booths."""

from datetime import date, time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Location, Meeting, Zone
from matchmaker.services.organisers import create_organiser
from matchmaker.services.slots import event_slots
from tests.views.helpers import PASSWORD, csrf, login, organise, post_form

SETUP = "/organiser/events/hall/setup"


@pytest.fixture
def board(app, client, make_event):
    event = make_event(slug="hall", sessions=[("Vormittag", date(2027, 3, 17), time(9), time(10))])
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in range(1, 6)]
    return organise(client, event)


def post(client, path, **data):
    return post_form(client, SETUP, path, **data)


def booth(client, owner="", number="", name="", zone=""):
    return post(
        client,
        "/organiser/events/hall/booths",
        **{
            "booth-owner": owner,
            "booth-number": number,
            "booth-name": name,
            "booth-zone": zone,
        },
    )


def page(client) -> str:
    return client.get(SETUP, headers={"Accept-Language": "en"}).get_data(as_text=True)


def zone_of(event) -> dict[int, str | None]:
    rows = db.session.execute(
        select(Location.number, Zone.name)
        .outerjoin(Zone, Zone.id == Location.zone_id)
        .where(Location.event_id == event.id)
    ).all()
    return dict(rows)


def test_zones_are_created_renamed_and_removed_keeping_their_tables(client, board):
    assert (
        post(client, "/organiser/events/hall/zones", **{"new-zone-name": "Halle B6"}).status_code
        == 302
    )
    twice = post(client, "/organiser/events/hall/zones", **{"new-zone-name": "Halle B6"})
    assert twice.status_code == 422
    assert "a zone with this name exists already" in twice.get_data(as_text=True)
    empty = post(client, "/organiser/events/hall/zones", **{"new-zone-name": ""})
    assert empty.status_code == 422 and "This field is required." in empty.get_data(as_text=True)
    zone = db.session.scalar(select(Zone))
    renamed = post(
        client, f"/organiser/events/hall/zones/{zone.id}", **{f"z{zone.id}-name": "Halle A1"}
    )
    assert renamed.status_code == 302
    db.session.refresh(zone)
    assert zone.name == "Halle A1"
    post(client, "/organiser/events/hall/tables/zone",
         **{"assign-first": "2", "assign-last": "3", "assign-zone": str(zone.id)})  # fmt: skip
    assert zone_of(board) == {1: None, 2: "Halle A1", 3: "Halle A1", 4: None, 5: None}
    removed = post(client, f"/organiser/events/hall/zones/{zone.id}/delete")
    assert removed.status_code == 302
    assert "Zone Halle A1 removed; 2 tables have no zone now." in page(client)
    assert zone_of(board) == {n: None for n in range(1, 6)}


def test_assign_tables_to_zone_and_back_to_none_with_errors_explained(client, board):
    post(client, "/organiser/events/hall/zones", **{"new-zone-name": "Süd"})
    zone = db.session.scalar(select(Zone))
    ok = post(client, "/organiser/events/hall/tables/zone",
              **{"assign-first": "1", "assign-last": "5", "assign-zone": str(zone.id)})  # fmt: skip
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/setup#venue")
    post(client, "/organiser/events/hall/tables/zone",
         **{"assign-first": "5", "assign-last": "5", "assign-zone": ""})  # fmt: skip
    assert zone_of(board) == {1: "Süd", 2: "Süd", 3: "Süd", 4: "Süd", 5: None}
    none = post(client, "/organiser/events/hall/tables/zone",
                **{"assign-first": "50", "assign-last": "60", "assign-zone": ""})  # fmt: skip
    assert none.status_code == 422 and "no tables with numbers 50 to 60" in none.get_data(
        as_text=True
    )
    backwards = post(client, "/organiser/events/hall/tables/zone",
                     **{"assign-first": "3", "assign-last": "2", "assign-zone": ""})  # fmt: skip
    assert "The last number must not be below the first." in backwards.get_data(as_text=True)
    foreign = post(client, "/organiser/events/hall/tables/zone",
                   **{"assign-first": "1", "assign-last": "2", "assign-zone": "999"})  # fmt: skip
    assert foreign.status_code == 422 and "Not a valid choice" in foreign.get_data(as_text=True)


def test_new_tables_in_a_zone_reuse_the_zone_of_that_name(client, board):
    post(client, "/organiser/events/hall/zones", **{"new-zone-name": "Nord"})
    post(client, "/organiser/events/hall/tables", prefix="Tisch", first="6", last="7", zone="Nord")
    assert len(db.session.scalars(select(Zone)).all()) == 1
    assert zone_of(board)[7] == "Nord"


def test_table_out_of_use_leaves_the_grid_unless_it_has_meetings(client, board, make_participant):
    table = db.session.scalar(select(Location).where(Location.number == 2))
    off = post(client, f"/organiser/events/hall/tables/{table.id}/deactivate")
    assert off.status_code == 302
    db.session.refresh(table)
    assert table.active is False
    grid = client.get("/organiser/events/hall/grid").get_data(as_text=True)
    assert "<th>Tisch 2</th>" not in grid and "<th>Tisch 3</th>" in grid
    post(client, f"/organiser/events/hall/tables/{table.id}/activate")
    db.session.refresh(table)
    assert table.active is True
    slot = event_slots(board)[0]
    a, b = make_participant(board), make_participant(board)
    db.session.add(Meeting(event_id=board.id, participant_a_id=a.id, participant_b_id=b.id,
                           starts_at=slot.starts_at, ends_at=slot.ends_at,
                           location_id=table.id))  # fmt: skip
    db.session.commit()
    post(client, f"/organiser/events/hall/tables/{table.id}/deactivate")
    assert "Tisch 2 has planned meetings; move or cancel them first" in page(client)
    db.session.refresh(table)
    assert table.active is True


def test_booth_for_an_exhibitor_one_each_and_removal(client, board, make_participant):
    lumen = make_participant(board, organisation="Lumen GmbH")
    porto = make_participant(board, organisation="Porto Lab")
    db.session.commit()
    ok = booth(client, str(lumen.id))
    assert ok.status_code == 302
    stand = db.session.scalar(select(Location).where(Location.owner_id == lumen.id))
    assert (stand.number, stand.name, stand.active) == (6, "Stand 6: Lumen GmbH", True)
    assert "Booth Stand 6: Lumen GmbH created." in page(client)
    second = booth(client, str(lumen.id))
    assert second.status_code == 422
    assert "Lumen GmbH has a booth already: Stand 6: Lumen GmbH" in second.get_data(as_text=True)
    taken = booth(client, str(porto.id), number="3", name="Porto")
    assert taken.status_code == 422
    assert "number 3 is in use already (Tisch 3)" in taken.get_data(as_text=True)
    nobody = booth(client)
    assert nobody.status_code == 422 and "Choose the exhibitor." in nobody.get_data(as_text=True)
    booth(client, str(porto.id), number="101", name="Porto Lab")
    assert db.session.scalar(select(Location.number).where(Location.owner_id == porto.id)) == 101
    removed = post(client, f"/organiser/events/hall/booths/{stand.id}/delete")
    assert removed.status_code == 302
    assert db.session.scalar(select(Location).where(Location.owner_id == lumen.id)) is None
    table = db.session.scalar(select(Location).where(Location.number == 1))
    post(client, f"/organiser/events/hall/booths/{table.id}/delete")
    assert "Tisch 1 is a table, not a booth" in page(client)


def test_venue_changes_refused_to_other_organisers(app, client, board):
    table = db.session.scalar(select(Location).where(Location.number == 1))
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    token = csrf(other, "/organiser/")
    for path in (f"/organiser/events/hall/tables/{table.id}/deactivate",
                 "/organiser/events/hall/zones", "/organiser/events/hall/booths"):  # fmt: skip
        assert other.post(path, data={"csrf_token": token}).status_code == 404
    db.session.refresh(table)
    assert table.active is True


def test_set_up_page_speaks_german(client, board):
    html = client.get(SETUP, headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Veranstaltungsort: Bereiche, Tische, Stände" in html
    assert "Mischung der Akteurstypen" in html and "Außer Betrieb nehmen" in html


@pytest.mark.parametrize("owner", ["abc", "99999999999", "-1"])
def test_booth_for_impossible_ids_is_a_form_error(client, board, owner):
    response = booth(client, owner)
    assert response.status_code == 422 and "Invalid Choice" in response.get_data(as_text=True)
    assert db.session.scalar(select(Location).where(Location.owner_id.is_not(None))) is None

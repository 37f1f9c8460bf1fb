"""Organiser commands: import participants, print recommendations, export an event's tables."""

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Category, Item, Meeting, MeetingRequest, Participant
from matchmaker.models.enums import ActorType, ItemKind

HEADER = "first_name,last_name,email,organisation,actor_type,country,languages,offers,needs\n"
GOOD = (
    "Jörg,Köhler,joerg@lumen.example,Lumen GmbH,sme,DE,de en,energy: Elektrolyse-Prüfstand,"
    "funding: Horizon Europe\n"
    "Ana,Silva,ana@porto.example,Porto Lab,research_institute,PT,en;pt,,\n"
)


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Participant))


@pytest.fixture
def event(make_event):
    event = make_event(slug="cli")
    db.session.commit()
    return event


def test_import_csv_stores_every_row_and_reimport_updates(runner, event, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    result = runner.invoke(args=["import-participants", "cli", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 2 rows: 2 new, 0 updated." in result.output
    assert count() == 2
    again = runner.invoke(args=["import-participants", "cli", str(path)])
    assert "Imported 2 rows: 0 new, 2 updated." in again.output and count() == 2
    joerg = db.session.scalar(select(Participant).where(Participant.email == "joerg@lumen.example"))
    assert [(i.category.key, i.title) for i in joerg.needs] == [("funding", "Horizon Europe")]


def test_import_xlsx(runner, event, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["Mia", "Holm", "mia@holm.example", "Holm ApS", "startup", "DK", "da en", "", ""])
    path = tmp_path / "people.xlsx"
    book.save(path)
    result = runner.invoke(args=["import-participants", "cli", str(path)])
    assert result.exit_code == 0, result.output
    assert count() == 1


def test_import_with_bad_rows_prints_each_by_row_and_column_and_stores_nothing(
    runner, event, tmp_path
):
    path = tmp_path / "people.csv"
    bad = (
        "Eva,Berg,not-an-address,Berg KG,sme,DE,de,,\n"
        "Leo,Rossi,leo@rossi.example,Rossi Srl,dragon,IT,it,space: Satelliten,\n"
    )
    path.write_text(HEADER + GOOD + bad, encoding="utf-8")
    result = runner.invoke(args=["import-participants", "cli", str(path)])
    assert result.exit_code == 1
    assert "row 4, column email: not an e-mail address" in result.output
    assert "row 5, column actor_type: unknown type; use one of sme," in result.output
    assert "row 5, column offers: unknown area space" in result.output
    assert "3 problems in 2 of 4 rows; nothing was imported." in result.output
    assert count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("people.txt", b"x", "people.txt: upload a .csv or .xlsx file"),
        ("people.csv", b"first_name,email\nA,a@b.example\n", "columns missing: last_name"),
        ("people.xlsx", b"not a workbook", "the Excel file cannot be read"),
    ],
)
def test_import_unreadable_files_are_a_clear_error(runner, event, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(args=["import-participants", "cli", str(path)])
    assert result.exit_code == 1 and message in result.output
    assert count() == 0


def test_commands_refuse_an_unknown_event(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(HEADER, encoding="utf-8")
    for args in (
        ["import-participants", "nope", str(path)],
        ["recommendations", "nope"],
        ["export", "nope", str(tmp_path / "out")],
    ):
        result = runner.invoke(args=args)
        assert result.exit_code == 1 and "no event with the slug 'nope'" in result.output


@pytest.fixture
def matched(event, make_participant):
    def category(key: str) -> Category:
        return db.session.scalar(
            select(Category).where(Category.event_id == event.id, Category.key == key)
        )

    energy = category("energy")
    sme = make_participant(event, first_name="Jörg", last_name="Köhler", organisation="A Lumen",
                           actor_type=ActorType.SME)  # fmt: skip
    uni = make_participant(event, first_name="Ana", last_name="Silva", organisation="B Porto",
                           actor_type=ActorType.UNIVERSITY, country="PT")  # fmt: skip
    lab = make_participant(event, first_name="Eva", last_name="Berg", organisation="C Berg",
                           actor_type=ActorType.RESEARCH_INSTITUTE)  # fmt: skip
    sme.items = [Item(kind=ItemKind.NEED, category=energy, title="Elektrolyse Prüfstand")]
    uni.items = [Item(kind=ItemKind.OFFER, category=energy, title="Elektrolyse Prüfstand")]
    lab.items = [Item(kind=ItemKind.OFFER, category=category("health"), title="Zellkultur")]
    db.session.commit()
    return sme, uni, lab


def test_recommendations_as_json_with_top_k_and_scores(runner, matched):
    sme, uni, _lab = matched
    result = runner.invoke(args=["recommendations", "cli", "--top", "1", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [p["organisation"] for p in document] == ["A Lumen", "B Porto", "C Berg"]
    [best] = document[0]["recommendations"]
    assert (best["id"], best["organisation"]) == (uni.id, "B Porto")
    assert 0 < best["score"] <= 100 and "Elektrolyse" in best["reason"]
    assert all(len(p["recommendations"]) <= 1 for p in document)
    assert document[1]["recommendations"][0]["id"] == sme.id


def test_recommendations_as_text(runner, matched):
    result = runner.invoke(args=["recommendations", "cli"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Jörg Köhler (A Lumen)"
    assert lines[1].endswith("  Ana Silva (B Porto)") and float(lines[1].split()[0]) > 0
    assert "Eva Berg (C Berg)" in lines and lines[lines.index("Eva Berg (C Berg)") + 1] == (
        "  (no match)"
    )
    assert runner.invoke(args=["recommendations", "cli", "--top", "0"]).exit_code == 2


def test_export_writes_three_csv_files_like_the_console(runner, matched, tmp_path):
    from datetime import UTC, datetime, timedelta

    sme, uni, _lab = matched
    start = datetime(2026, 6, 10, 7, 0, tzinfo=UTC)
    db.session.add_all([
        MeetingRequest(event_id=sme.event_id, sender_id=sme.id, receiver_id=uni.id),
        Meeting(event_id=sme.event_id, participant_a_id=sme.id, participant_b_id=uni.id,
                starts_at=start, ends_at=start + timedelta(minutes=20)),
    ])  # fmt: skip
    db.session.commit()
    out = tmp_path / "out"
    result = runner.invoke(args=["export", "cli", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "cli-meetings.csv",
        "cli-participants.csv",
        "cli-requests.csv",
    ]
    people = list(csv.reader(io.StringIO((out / "cli-participants.csv").read_text("utf-8-sig"))))
    assert people[0][:3] == ["first_name", "last_name", "email"] and len(people) == 4
    meetings = list(csv.reader(io.StringIO((out / "cli-meetings.csv").read_text("utf-8-sig"))))
    assert meetings[1][:2] == ["2026-06-10 09:00", "09:20"]
    assert "Wrote 1 requests to" in result.output
    # the participants file is the import format: it imports again without changes
    again = runner.invoke(args=["import-participants", "cli", str(out / "cli-participants.csv")])
    assert again.exit_code == 0 and "0 new, 3 updated" in again.output


def test_export_as_excel(runner, matched, tmp_path):
    result = runner.invoke(args=["export", "cli", str(tmp_path), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "cli-participants.xlsx").worksheets[0]
    assert sheet.max_row == 4 and sheet.cell(1, 1).value == "first_name"

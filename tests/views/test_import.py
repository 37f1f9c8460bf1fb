"""Participant import and export through the organiser pages (CSV and Excel)."""

import io
import re

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Participant
from matchmaker.services.organisers import create_organiser
from tests.views.helpers import PASSWORD, login

HEADER = "first_name,last_name,email,organisation,actor_type,country,languages,offers,needs\n"
GOOD = [
    "Jörg,Köhler,joerg@lumen.example,Lumen GmbH,sme,DE,de en,energy: Elektrolyse-Prüfstand,"
    "funding: Horizon Europe",
    "Ana,Silva,ana@porto.example,Porto Lab,research_institute,PT,en;pt,,",
    'Eva,Berg,eva@berg.example,"Berg, Sohn & Co",large_company,AT,de,,',
    "Piotr,Nowak,piotr@gdansk.example,Gdańsk Port,public_body,PL,pl en,,",
    "Mia,Holm,mia@holm.example,Holm ApS,startup,DK,da en,,",
    "Leo,Rossi,leo@rossi.example,Rossi Srl,sme,IT,it en,,",
]


@pytest.fixture
def organiser_client(client, make_event):
    event = make_event(slug="imp")
    eva = create_organiser(email="org@cluster.example", name="Org", password=PASSWORD)
    event.organisers.append(eva)
    db.session.commit()
    login(client, "org@cluster.example")
    return client, event


def upload(client, name: str, data: bytes):
    html = client.get("/organiser/events/imp/participants").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)[1]
    return client.post(
        "/organiser/events/imp/participants/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Participant))


def test_import_valid_csv_then_reimport_creates_no_duplicates(organiser_client):
    client, _event = organiser_client
    data = (HEADER + "\n".join(GOOD) + "\n").encode()
    first = upload(client, "people.csv", data)
    assert first.status_code == 302
    assert count() == 6
    joerg = db.session.scalar(select(Participant).where(Participant.email == "joerg@lumen.example"))
    assert (joerg.first_name, joerg.language_codes, joerg.status) == (
        "Jörg",
        ["de", "en"],
        "confirmed",
    )
    assert [(i.kind, i.category.key, i.title) for i in joerg.items] == [
        ("offer", "energy", "Elektrolyse-Prüfstand"), ("need", "funding", "Horizon Europe"),
    ]  # fmt: skip
    again = upload(client, "people.csv", data)
    assert again.status_code == 302 and count() == 6
    page = client.get("/organiser/events/imp/participants", headers={"Accept-Language": "en"})
    assert "Imported: 0 new, 6 updated." in page.get_data(as_text=True)


def test_import_with_errors_in_rows_3_and_7_reports_both_and_stores_nothing(organiser_client):
    client, _event = organiser_client
    rows = list(GOOD)
    rows[1] = rows[1].replace(",PT,", ",Portugal,")  # row 3 of the file (header is row 1)
    rows[5] = "Kim,Lee,not-an-email,Lee Inc,sme,KR,ko,,"  # row 7: bad e-mail, bad language
    response = upload(client, "people.csv", (HEADER + "\n".join(rows) + "\n").encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "3 problems found; nothing was imported." in html
    found = re.findall(r"<tr><td>(\d+)</td><td>(\w+)</td>", html)
    assert found == [("3", "country"), ("7", "email"), ("7", "languages")]
    assert count() == 0


def test_import_semicolon_csv_from_german_excel(organiser_client):
    client, _event = organiser_client
    text = HEADER.replace(",", ";") + GOOD[3].replace(",", ";") + "\n"
    assert upload(client, "people.csv", ("\ufeff" + text).encode()).status_code == 302
    assert count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("people.txt", b"x", "upload a .csv or .xlsx file"),
        ("people.csv", b"", "the file is empty"),
        ("people.csv", b"first_name,email\nA,a@b.example\n", "columns missing: last_name"),
        ("people.xlsx", b"PK\x03\x04 not really a workbook", "the Excel file cannot be read"),
        ("people.csv", "a,b\n".encode("utf-16"), "the CSV file is not UTF-8 text"),
    ],
)
def test_import_unreadable_files_get_a_clear_error(organiser_client, name, data, message):
    client, _event = organiser_client
    response = upload(client, name, data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count() == 0


def test_export_participants_to_excel_and_import_the_file_again(organiser_client, make_event):
    client, _event = organiser_client
    upload(client, "people.csv", (HEADER + "\n".join(GOOD) + "\n").encode())
    exported = client.get("/organiser/events/imp/export/participants.xlsx")
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == 'attachment; filename="imp-participants.xlsx"'
    db.session.execute(Participant.__table__.delete())
    db.session.commit()
    assert upload(client, "roundtrip.xlsx", exported.data).status_code == 302
    joerg = db.session.scalar(select(Participant).where(Participant.email == "joerg@lumen.example"))
    assert joerg.organisation == "Lumen GmbH" and len(joerg.items) == 2
    assert count() == 6


def test_export_csv_has_bom_and_umlauts(organiser_client):
    client, _event = organiser_client
    upload(client, "people.csv", (HEADER + "\n".join(GOOD) + "\n").encode())
    body = client.get("/organiser/events/imp/export/participants.csv").data
    assert body.startswith("\ufeff".encode()) and "Köhler".encode() in body
    for what in ("requests", "meetings"):
        assert client.get(f"/organiser/events/imp/export/{what}.csv").status_code == 200


def test_import_and_export_refused_to_others(app, organiser_client, make_event):
    anonymous = app.test_client()
    assert anonymous.get("/organiser/events/imp/export/participants.csv").status_code == 302
    create_organiser(email="otto@cluster.example", name="Otto", password=PASSWORD)
    db.session.commit()
    other = app.test_client()
    login(other, "otto@cluster.example")
    assert other.get("/organiser/events/imp/export/participants.csv").status_code == 404

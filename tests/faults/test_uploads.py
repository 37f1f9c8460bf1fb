"""Malformed and huge participant imports: a clear message on the import page (or the 413
page for a file over the upload limit), never a server error or a connection reset, and
nothing stored.

The 413 goes through real servers, werkzeug's and gunicorn (the production server), because
what a client sees of a refused upload depends on the server, not only on the app.
"""

from __future__ import annotations

import io
import os
import random
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from openpyxl import Workbook
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Participant
from matchmaker.services.importing import MAX_COLUMNS, MAX_ROWS, _xlsx_rows, read_table
from tests.faults.proxy import closed_port
from tests.faults.server import Browser, serving
from tests.views.helpers import PASSWORD, csrf, organise

pytestmark = pytest.mark.faults

PROJECT = Path(__file__).resolve().parents[2]
PAGE = "/organiser/events/imp/participants"
IMPORT = PAGE + "/import"
HEADER = ["first_name", "last_name", "email", "organisation", "actor_type", "country",
          "languages"]  # fmt: skip
ROW = ["Jörg", "Köhler", "joerg@lumen.example", "Lumen GmbH", "sme", "DE", "de en"]
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def event(app: Flask, make_event):
    return make_event(slug="imp")


def participants() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Participant))


def workbook(*rows: list[str]) -> bytes:
    book = Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(xlsx: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """Return the workbook with one archive member changed."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, change(data) if name == member else data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A real workbook whose sheet unpacks to 64 MB (of blanks): about 70 KB as a file."""
    source = zipfile.ZipFile(io.BytesIO(workbook(ROW)))
    sheet = source.read(SHEET)
    head, tail = sheet.split(b"</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name != SHEET:
                target.writestr(name, source.read(name))
        with target.open(SHEET, "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(64):
                member.write(b" " * 2**20)
            member.write(b"</sheetData>" + tail)
    return out.getvalue()


def entity_bomb() -> bytes:
    """A workbook whose sheet expands "billion laughs" entities into a cell."""
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    dtd = f'<!DOCTYPE worksheet [<!ENTITY l0 "lol">{laughs}]>'.encode()
    cell = "<t>Jörg</t>".encode()
    return rewrite(workbook(ROW), SHEET, lambda xml: dtd + xml.replace(cell, b"<t>&l9;</t>"))


def not_a_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


def csv_file(*rows: list[str], encoding: str = "utf-8") -> bytes:
    return "\n".join(",".join(row) for row in (HEADER, *rows)).encode(encoding)


def upload(client, name: str, data: bytes, language: str = "en"):
    return client.post(
        IMPORT,
        data={"csrf_token": csrf(client, PAGE), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        headers={"Accept-Language": language},
    )


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("people.xlsx", lambda: workbook(ROW)[:2000], "the Excel file cannot be read"),
        ("people.xlsx", lambda: random.Random(7).randbytes(8192), "the Excel file cannot be read"),
        ("people.xlsx", not_a_workbook, "the Excel file cannot be read"),
        ("people.xlsx", entity_bomb, "the Excel file cannot be read"),
        ("people.xlsx", zip_bomb, "the Excel file unpacks to more than 50 MB"),
        ("people.xlsx", lambda: b"", "the file is empty"),
        ("people.csv", lambda: b" \r\n\r\n ", "the file is empty"),
        ("people.csv", lambda: csv_file(ROW, encoding="cp1252"), "the CSV file is not UTF-8 text"),
        ("people.csv", lambda: csv_file([*ROW[:-1], "x" * 200_000]), "a field is far too long"),
        ("people.csv", lambda: csv_file(*[ROW] * (MAX_ROWS + 1)), f"at most {MAX_ROWS} rows"),
    ],
    ids=[
        "truncated-xlsx",
        "random-bytes",
        "zip-not-workbook",
        "entity-bomb",
        "zip-bomb",
        "empty-xlsx",
        "blank-csv",
        "cp1252-csv",
        "huge-cell",
        "too-many-rows",
    ],  # fmt: skip
)
def test_malformed_import_gets_a_clear_message_and_stores_nothing(
    app, client, event, name: str, make: Callable[[], bytes], message: str
):
    organise(client, event)
    before = participants()
    response = upload(client, name, make())
    html = response.get_data(as_text=True)
    assert response.status_code == 422, html[:1000]
    assert message in html
    assert participants() == before == 0


def test_zip_bomb_message_is_german_for_german_readers(app, client, event):
    organise(client, event)
    html = upload(client, "people.xlsx", zip_bomb(), language="de").get_data(as_text=True)
    assert "Die Excel-Datei ist entpackt größer als 50 MB" in html


def test_sheet_stating_a_huge_size_is_read_by_its_cells(app):
    """A sheet may claim to span A1:XFD1048576 and hold a cell in the last column: neither
    makes rows 16,384 cells wide nor adds empty rows."""

    def far_reaching(xml: bytes) -> bytes:
        xml = xml.replace(b'<dimension ref="A1:G2"', b'<dimension ref="A1:XFD60"')
        return xml.replace(b"</row></sheetData>", b'<c r="XFD2"><v>1</v></c></row></sheetData>')

    data = rewrite(workbook(ROW), SHEET, far_reaching)
    assert b"XFD60" in zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    with app.test_request_context():
        rows = _xlsx_rows(data)
        assert len(rows) == 2 and max(len(row) for row in rows) <= MAX_COLUMNS
        assert read_table("people.xlsx", data) == [dict(zip(HEADER, ROW, strict=True))]


def test_upload_over_the_limit_through_the_test_client_gets_the_413_page(app, client, event):
    organise(client, event)
    response = upload(client, "people.csv", csv_file(ROW) + b" " * (6 * 2**20), language="de")
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "höchstens 5 MB" in html and 'class="site-header"' in html
    assert participants() == 0


@pytest.fixture(params=["werkzeug", "gunicorn"])
def server(request: pytest.FixtureRequest, app: Flask, database_url: str) -> Iterator[str]:
    """The app behind a real HTTP server: werkzeug's in a thread, or gunicorn as in production
    (a process of its own on the same database)."""
    if request.param == "werkzeug":
        with serving(app) as base:
            yield base
        return
    port = closed_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(MATCHMAKER_ENV="testing", DATABASE_URL=database_url)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1", "wsgi:app"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(30)


def test_upload_over_the_limit_through_a_real_server_gets_the_413_page(app, event, server: str):
    organise(app.test_client(), event)  # the organiser account, committed
    browser = Browser(server, language="de")
    login = {"csrf_token": browser.csrf("/organiser/login"), "email": "org@cluster.example",
             "password": PASSWORD}  # fmt: skip
    assert browser.post("/organiser/login", login).status == 302
    token = browser.csrf(PAGE)
    for size in (5 * 2**20 + 1, 12 * 2**20):  # just over the limit, and well over it
        reply = browser.upload(IMPORT, {"csrf_token": token}, "people.csv", b"x" * size)
        assert reply.status == 413, reply.body[:500]
        assert "höchstens 5 MB" in reply.body and 'class="site-header"' in reply.body
        assert "Traceback" not in reply.body
    assert browser.get(PAGE).status == 200  # the next request is served as usual
    assert participants() == 0

"""Fuzz the participant importer (matchmaker/services/importing.py and the console's upload).

Hypothesis writes CSV files with random columns, quoting, delimiters (comma, semicolon, tab),
line endings and encodings (UTF-8 with and without BOM, Latin-1, UTF-16), cells with NULs,
quotes, line breaks and very long text, plus empty files, header-only files and binary junk;
and Excel files, well-formed or truncated, with flipped bytes or a sheet that is not XML.
The importer answers with a file error or with row/column errors or imports; it never raises
anything else, and when it reports errors nothing is stored.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.models.enums import ActorType
from matchmaker.services.importing import (
    COLUMNS,
    REQUIRED,
    FileProblem,
    check_rows,
    import_rows,
    read_table,
)
from tests.conftest import BACKENDS, empty_database
from tests.security.test_authz_matrix import login
from tests.security.world import app_on, fingerprint, reset_world

CELL_JUNK = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            '"',
            '""',
            '"a"b',
            "a,b",
            "a;b",
            "a\tb",
            "line\nbreak",
            "cr\ronly",
            "crlf\r\nend",
            '=HYPERLINK("http://x")',
            "=1+1",
            "-1",
            "1e309",
            "\ufeff",
            "Zoë Çağlar",
            "😀" * 20,
            "x" * 400,
            "x" * 140_000,
        ]
    ),  # fmt: skip
    st.text(max_size=30),
)
# per column: values the importer takes, and values it must refuse (or, for NUL, strip out)
GOOD = {
    "first_name": ["Eva", "Zoë", "Ødegård", "ʻOkina"],
    "last_name": ["Roth", "Nguyễn", "O'Neill", '"Quoted"'],
    "email": ["eva@example.org", "EVA@Example.org", "zoe@beispiel.de", "p1@example.org"],
    "organisation": ["Eva AG", "Hafenlabor e.V.", "Müller; Söhne, GmbH"],
    "actor_type": [a.value for a in ActorType],
    "country": ["DE", "de", "FR"],
    "city": ["Kiel", "", "Saint-Étienne"],
    "website": ["https://example.org", ""],
    "languages": ["de", "de, en", "de;fr en", "DE"],
    "profile_text": ["Wir bauen Speicher.\nZweite Zeile", ""],
    "status": ["confirmed", "registered", "cancelled", ""],
    "offers": ["energy: Wasserstoff", "energy: A | health: B", "", "energy: " + "x" * 500],
}
BAD = {
    "email": ["a" * 250 + "@x.de", "no-at-sign", "a@b", "eva@example.org\x00"],
    "organisation": ["x" * 201],
    "actor_type": ["SME", "firm"],
    "country": ["XX", "EU", "DEU", "ß"],
    "city": ["x" * 121],
    "website": ["ftp://x", "javascript:alert(1)"],
    "languages": ["xx", "deutsch"],
    "profile_text": ["x" * 3001],
    "status": ["deleted"],
    "offers": ["nokey: X", "energy:", "energy: A\x00"],
}  # fmt: skip
GOOD["needs"], BAD["needs"] = GOOD["offers"], BAD["offers"]


def cell(column: str, clean: bool) -> st.SearchStrategy[str]:
    good = st.sampled_from(GOOD.get(column, ["", "frei"]))
    if clean:
        return good
    return st.one_of(good, st.sampled_from(BAD.get(column, ["\x00"])), CELL_JUNK)


@st.composite
def tables(draw) -> list[list[str]]:  # noqa: ANN001
    """Draw a header (known columns mostly, in any order, any case, some unknown) and rows;
    half the files are right throughout, the others have broken rows too."""
    right = draw(st.booleans())
    known = draw(st.lists(st.sampled_from(COLUMNS), unique=True, max_size=len(COLUMNS)))
    if right or draw(st.booleans()):
        known = [*REQUIRED, *(c for c in known if c not in REQUIRED)]
    extra = draw(st.lists(st.sampled_from(["", "phone", "Bemerkung", "x\x00"]), max_size=2))
    header = draw(st.permutations([*known, *extra]))
    header = [h.upper() if draw(st.booleans()) else h for h in header]
    rows = []
    for number in range(draw(st.integers(1 if right else 0, 5))):
        clean = right or draw(st.booleans())  # a row as a spreadsheet has it, or a broken one
        row = [draw(cell(h.strip().lower(), clean)) for h in header]
        if clean and "email" in known:  # one row per person
            row[[h.lower() for h in header].index("email")] = f"Person{number}@Example.org"
        if not clean:  # ragged: cells missing or too many
            width = draw(st.integers(max(0, len(row) - 2), len(row) + 2))
            row = (row + ["extra"] * width)[:width]
        rows.append(row)
    return [header, *rows]


@st.composite
def csv_files(draw) -> tuple[str, bytes]:  # noqa: ANN001
    """Draw a CSV upload: a table written in some dialect and encoding, or a broken file."""
    name = draw(st.sampled_from(["people.csv"] * 6 + ["PEOPLE.CSV", "people.txt", ""]))
    special = draw(st.sampled_from([None] * 8 + ["empty", "binary", "long", "header"]))
    if special == "empty":
        return name, b""
    if special == "binary":
        return name, draw(st.binary(max_size=500))
    if special == "long":
        return name, b"first_name," + b"x" * draw(st.integers(100_000, 300_000)) + b"\n"
    table = draw(tables())
    if special == "header":
        table = table[:1]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if draw(st.booleans()):
        buffer = io.StringIO()
        quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
        csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=ending).writerows(
            table
        )
        text = buffer.getvalue()
    else:  # joined by hand: stray quotes and delimiters inside cells stay unescaped
        text = ending.join(delimiter.join(row) for row in table)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return name, text.encode(encoding, errors="replace")


def _clean(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


@st.composite
def xlsx_files(draw) -> tuple[str, bytes]:  # noqa: ANN001
    """Draw an Excel upload: a real workbook, perhaps damaged afterwards."""
    workbook = Workbook()
    sheet = workbook.active
    for row in draw(tables()):
        cells = [
            draw(st.sampled_from([_clean(v), None, 42, 3.5, True, "=1+1", "_x0000_a"]))
            if draw(st.integers(0, 5)) == 0 else _clean(v)
            for v in row
        ]  # fmt: skip
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    damage = draw(st.sampled_from([None] * 4 + ["truncate", "flip", "sheet", "no-sheets"]))
    # positions as fractions: the saved bytes carry a time stamp, their length may vary
    if damage == "truncate":
        data = data[: int(len(data) * draw(st.floats(0, 0.999)))]
    elif damage == "flip":
        data = bytearray(data)
        for where in draw(st.lists(st.floats(0, 0.999), min_size=1, max_size=20)):
            data[int(len(data) * where)] ^= 0xFF
        data = bytes(data)
    elif damage in ("sheet", "no-sheets"):
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                body = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    if damage == "no-sheets":
                        continue
                    body = body[: len(body) // 2] + b"<row><c t='s'><v>999</v></c>"
                target.writestr(item, body)
        data = out.getvalue()
    return draw(st.sampled_from(["people.xlsx", "PEOPLE.XLSX"])), data


@pytest.fixture(scope="module", params=BACKENDS)
def import_app(request, tmp_path_factory) -> Iterator[Flask]:  # noqa: ANN001
    url = empty_database(request.param, tmp_path_factory.mktemp("import"))
    with app_on(url, WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=True) as app:
        yield app


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example],
    )  # fmt: skip


def check_service(event: Event, name: str, data: bytes) -> None:
    """Read, check and (if right) store a file: only FileProblem or row errors, no exception."""
    try:
        rows = read_table(name, data)
    except FileProblem as problem:
        assert str(problem).strip()
        return
    errors = check_rows(event, rows)
    for error in errors:
        assert error.row >= 2 and error.column and str(error.message).strip()
    if not errors:
        try:
            import_rows(event, rows)  # the database must take whatever the check let through
            db.session.flush()
        finally:
            db.session.rollback()


@pytest.mark.parametrize("files", [csv_files(), xlsx_files()], ids=["csv", "xlsx"])
def test_importer_answers_every_file_with_errors_or_an_import(import_app, files):
    world = reset_world()

    @fuzz_settings(60)
    @given(upload=files)
    def read(upload: tuple[str, bytes]) -> None:
        event = db.session.scalar(db.select(Event).where(Event.slug == world.slug_a))
        check_service(event, *upload)

    read()


@pytest.mark.parametrize("files", [csv_files(), xlsx_files()], ids=["csv", "xlsx"])
def test_import_page_stores_nothing_when_it_reports_errors(import_app, files):
    world = reset_world()
    client = import_app.test_client()
    login(client, "org_a")
    url = f"/organiser/events/{world.slug_a}/participants/import"
    seeded = fingerprint()
    outcomes: set[int] = set()

    @fuzz_settings(30)
    @given(upload=files)
    def upload(upload: tuple[str, bytes]) -> None:
        nonlocal seeded
        name, data = upload
        response = client.post(url, data={"file": (io.BytesIO(data), name)},
                               headers={"Accept-Language": "en"})  # fmt: skip
        outcomes.add(response.status_code)
        assert response.status_code in (302, 422), response.status_code
        if response.status_code == 422:
            assert fingerprint() == seeded, "errors were reported, yet something was stored"
        elif fingerprint() != seeded:
            reset_world()
            seeded = fingerprint()

    upload()
    assert 422 in outcomes  # a control: the fuzzing reached the checks

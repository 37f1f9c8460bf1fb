"""Participant import from CSV or Excel: check every row first, then store all or nothing.

Re-importing a file updates the participants it names (matched by e-mail) instead of creating
them twice. Offers and needs are given as "area: title" entries separated by " | ".
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Item, Participant, ParticipantLanguage
from matchmaker.models.enums import ActorType, ItemKind, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services import rules
from matchmaker.services.tokens import new_token

COLUMNS = ("first_name", "last_name", "email", "organisation", "actor_type", "country", "city",
           "website", "languages", "profile_text", "status", "offers", "needs")  # fmt: skip
REQUIRED = ("first_name", "last_name", "email", "organisation", "actor_type", "country",
            "languages")  # fmt: skip
MAX_ROWS = 20_000
# what spreadsheets read as the start of a formula (OWASP: = + - @, tab, carriage return); the
# export puts an apostrophe before such text, and the import takes it off
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# an .xlsx is a zip archive: refuse one that unpacks to more than this (a "zip bomb")
MAX_UNPACKED_MB = 50
MAX_COLUMNS = 100  # cells of a sheet row beyond this are not read
MAX_EMAIL = 254  # the length of the e-mail column
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FileProblem(ValueError):
    """The file cannot be read at all; the message says why."""


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def read_table(filename: str, data: bytes) -> list[dict[str, str]]:
    """Read the rows of a CSV (comma or semicolon) or XLSX file as header -> text."""
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise FileProblem(_("upload a .csv or .xlsx file"))
    if not data.strip():
        raise FileProblem(_("the file is empty"))
    rows = _xlsx_rows(data) if name.endswith(".xlsx") else _csv_rows(data)
    if not rows:
        raise FileProblem(_("the file is empty"))
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileProblem(_("columns missing: %(names)s", names=", ".join(missing)))
    if len(rows) == 1:
        raise FileProblem(_("the file has column headings but no participants below them"))
    return [
        {h: _unquote((row[i] if i < len(row) else "").strip()) for i, h in enumerate(header) if h}
        for row in rows[1:]
    ]


def _unquote(cell: str) -> str:
    """Take off the apostrophe the CSV export puts before text that looks like a formula."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _("the CSV file is not UTF-8 text: in Excel, save it as “CSV UTF-8”")
        ) from exc
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","  # German Excel uses ";"
    # newline="": the reader itself takes \n, \r\n and a lone \r as line ends (old Mac Excel)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _capped(reader)
    except csv.Error as exc:  # a field beyond the csv module's limit (128 KiB)
        raise FileProblem(
            _("line %(line)d of the CSV file cannot be read: a field is far too long",
              line=reader.line_num)
        ) from exc  # fmt: skip


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        unpacked = sum(entry.file_size for entry in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:  # random bytes, a cut-off file
        raise FileProblem(_("the Excel file cannot be read")) from exc
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise FileProblem(_("the Excel file unpacks to more than %(mb)d MB; save it as CSV",
                            mb=MAX_UNPACKED_MB))  # fmt: skip
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # the size the sheet states is not trusted: "A1:XFD1048576" would pad every row to
        # 16,384 cells and add a million empty rows; nor is a lone cell far to the right
        sheet.reset_dimensions()
        # a read-only sheet is parsed while iterating: damage can surface on any row
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _capped(["" if v is None else str(v) for v in row] for row in rows)
    except FileProblem:
        raise
    except Exception as exc:  # a damaged or disguised file, even deep inside: never a 500
        raise FileProblem(_("the Excel file cannot be read")) from exc
    finally:
        if workbook is not None:
            workbook.close()


def _capped(rows) -> list[list[str]]:  # noqa: ANN001
    """Keep the non-empty rows, stopping as soon as there are more than MAX_ROWS after the
    header, so a huge file is refused without being read whole."""
    kept = []
    for row in rows:
        if any(cell.strip() for cell in row):
            kept.append(row)
            if len(kept) - 1 > MAX_ROWS:
                raise FileProblem(_("at most %(n)d rows per file", n=MAX_ROWS))
    return kept


def _items(text: str, keys: set[str]) -> tuple[list[tuple[str, str]], str | None]:
    items = []
    for part in filter(None, (p.strip() for p in text.split("|"))):
        key, sep, title = part.partition(":")
        if not sep or not title.strip():
            return [], _("write entries as 'area: title', separated by ' | '")
        if key.strip() not in keys:
            return [], _("unknown area %(key)s", key=key.strip())
        items.append((key.strip(), title.strip()[: rules.MAX_ITEM_TITLE]))
    return items, None


def check_rows(event: Event, rows: list[dict[str, str]]) -> list[RowError]:
    """Return every problem of every row (empty when the whole file can be imported)."""
    errors: list[RowError] = []
    keys = {c.key for c in event.categories}
    seen: dict[str, int] = {}
    limits = {"first_name": rules.MAX_NAME, "last_name": rules.MAX_NAME, "email": MAX_EMAIL,
              "organisation": rules.MAX_ORGANISATION, "city": rules.MAX_CITY,
              "website": rules.MAX_WEBSITE, "profile_text": rules.MAX_PROFILE}  # fmt: skip
    for number, row in enumerate(rows, start=2):

        def bad(column: str, message: str, number: int = number) -> None:
            errors.append(RowError(number, column, message))

        for column in REQUIRED:
            if not row.get(column):
                bad(column, _("required"))
        for column in COLUMNS:
            if rules.has_control_characters(row.get(column, "")):
                bad(column, _("remove control characters (such as NUL)"))
        for column, limit in limits.items():
            if len(row.get(column, "")) > limit:
                bad(column, _("at most %(n)d characters", n=limit))
        email = row.get("email", "").lower()
        if email and not EMAIL.match(email):
            bad("email", _("not an e-mail address"))
        elif email in seen:
            bad("email", _("also in row %(row)d", row=seen[email]))
        seen.setdefault(email, number)
        if row.get("actor_type") and row["actor_type"] not in {a.value for a in ActorType}:
            bad("actor_type", _("unknown type; use one of %(v)s",
                                v=", ".join(a.value for a in ActorType)))  # fmt: skip
        if row.get("country") and not rules.is_country(row["country"].upper()):
            bad("country", _("not an ISO country code such as DE"))
        languages = [c.strip().lower() for c in re.split(r"[,;\s]+", row.get("languages", "")) if c]
        if set(languages) - set(rules.LANGUAGE_CODES):
            bad("languages", _("use ISO codes such as de, en"))
        if row.get("status") and row["status"] not in {s.value for s in ParticipantStatus}:
            bad("status", _("use registered, confirmed or cancelled"))
        website = row.get("website", "")
        if website and not rules.is_web_address(website):
            bad("website", _("start the address with https://"))
        for column in ("offers", "needs"):
            _found, problem = _items(row.get(column, ""), keys)
            if problem:
                bad(column, problem)
    return errors


def import_rows(event: Event, rows: list[dict[str, str]]) -> ImportResult:
    """Store checked rows: new e-mails become participants, known ones are updated."""
    categories = {c.key: c for c in event.categories}
    existing = {
        p.email: p
        for p in db.session.scalars(select(Participant).where(Participant.event_id == event.id))
    }
    created = updated = 0
    for row in rows:
        email = row["email"].lower()
        person = existing.get(email)
        if person is None:
            person = Participant(event=event, email=email, gdpr_consent_at=utcnow(),
                                 token_hash=new_token()[1],
                                 status=ParticipantStatus.CONFIRMED)  # fmt: skip
            db.session.add(person)
            existing[email] = person
            created += 1
        else:
            updated += 1
        person.first_name, person.last_name = row["first_name"], row["last_name"]
        person.organisation, person.actor_type = row["organisation"], ActorType(row["actor_type"])
        person.country = row["country"].upper()
        person.city, person.website = row.get("city", ""), row.get("website", "")
        person.profile_text = row.get("profile_text", "")
        if row.get("status"):
            person.status = ParticipantStatus(row["status"])
        codes = dict.fromkeys(c.lower() for c in re.split(r"[,;\s]+", row["languages"]) if c)
        person.languages = [ParticipantLanguage(code=c) for c in codes]
        if person.id is None and not person.sessions:
            person.sessions = list(event.sessions)  # imported people: available throughout
        keys = set(categories)
        offers, _e = _items(row.get("offers", ""), keys)
        needs, _e = _items(row.get("needs", ""), keys)
        if row.get("offers") is not None or row.get("needs") is not None:
            person.items = [
                Item(kind=kind, category=categories[key], title=title, position=i)
                for i, (kind, (key, title)) in enumerate(
                    [(ItemKind.OFFER, o) for o in offers] + [(ItemKind.NEED, n) for n in needs]
                )
            ]
        person.updated_at = utcnow()
    db.session.flush()
    return ImportResult(created, updated)

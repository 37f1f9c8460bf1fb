"""Participants, requests and meetings as CSV or Excel tables for organisers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from matchmaker.extensions import db
from matchmaker.models import Event, Item, Meeting, MeetingRequest, Participant
from matchmaker.services.importing import COLUMNS, FORMULA_START

Table = tuple[list[str], list[list[object]]]


def participants_table(event: Event) -> Table:
    """Return the event's participants in the import format (a file can be re-imported)."""
    people = db.session.scalars(
        select(Participant)
        .where(Participant.event_id == event.id)
        .order_by(Participant.organisation, Participant.last_name, Participant.id)
        .options(
            selectinload(Participant.items).joinedload(Item.category),
            selectinload(Participant.languages),
        )
    )

    def items(rows: list[Item]) -> str:
        return " | ".join(f"{i.category.key if i.category else ''}: {i.title}" for i in rows)

    rows = [
        [
            p.first_name,
            p.last_name,
            p.email,
            p.organisation,
            p.actor_type.value,
            p.country,
            p.city,
            p.website,
            ", ".join(p.language_codes),
            p.profile_text,
            p.status.value,
            items(p.offers),
            items(p.needs),
        ]  # fmt: skip
        for p in people
    ]
    return list(COLUMNS), rows


def requests_table(event: Event) -> Table:
    """Return the event's meeting requests."""
    requests = db.session.scalars(
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id)
        .order_by(MeetingRequest.created_at, MeetingRequest.id)
        .options(joinedload(MeetingRequest.sender), joinedload(MeetingRequest.receiver))
    )
    zone = ZoneInfo(event.timezone)
    header = ["from", "from_organisation", "to", "to_organisation", "priority", "status",
              "sent_at", "message"]  # fmt: skip
    rows = [
        [
            r.sender.email,
            r.sender.organisation,
            r.receiver.email,
            r.receiver.organisation,
            r.priority.value,
            r.status.value,
            r.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            r.message,
        ]  # fmt: skip
        for r in requests
    ]
    return header, rows


def meetings_table(event: Event) -> Table:
    """Return the event's meetings with times in the event's time zone."""
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id)
        .order_by(Meeting.starts_at, Meeting.id)
        .options(
            joinedload(Meeting.participant_a),
            joinedload(Meeting.participant_b),
            joinedload(Meeting.location),
        )
    )
    zone = ZoneInfo(event.timezone)
    header = ["start", "end", "table", "participant_a", "organisation_a", "participant_b",
              "organisation_b", "status", "origin", "score", "locked", "revision",
              "uid"]  # fmt: skip
    rows = [
        [
            m.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            m.ends_at.astimezone(zone).strftime("%H:%M"),
            m.location.name if m.location else "",
            m.participant_a.name,
            m.participant_a.organisation,
            m.participant_b.name,
            m.participant_b.organisation,
            m.status.value,
            m.origin.value,
            m.score,
            m.locked,
            m.revision,
            m.uid,
        ]  # fmt: skip
        for m in meetings
    ]
    return header, rows


# the tables organisers can export, by the name in URLs, file names and the CLI
TABLES = {"participants": participants_table, "requests": requests_table,
          "meetings": meetings_table}  # fmt: skip


def csv_cell(value: object) -> object:
    """Return a value for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Participants choose their names, organisations and messages: "=HYPERLINK(...)" or
    "@SUM(...)" would be a live formula once an organiser opens the file in Excel or Calc. Such
    text gets a leading apostrophe, which the importer takes off again.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """Return a UTF-8 CSV with a byte-order mark, so Excel shows umlauts right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Sequence[Sequence[object]], title: str) -> bytes:
    """Return an Excel workbook with one sheet; text is stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return "" if value is None else value
        text = WriteOnlyCell(sheet, value=value)
        text.data_type = "s"  # openpyxl would store "=..." as a formula
        return text

    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""Shared by views: access to participant pages and event rows, URL ids, commit then mail."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, g
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Participant
from matchmaker.models.enums import EventStatus
from matchmaker.services.mail import deliver_pending
from matchmaker.services.participants import participant_by_token


def participant_or_404(token: str) -> Participant:
    """Return the participant of a secret link; an unknown or re-issued token is a 404."""
    participant = participant_by_token(token)
    if participant is None:
        abort(404)
    g.timezone = participant.event.timezone  # dates on the page in the event's time zone
    return participant


def public_event_or_404(slug: str) -> Event:
    """Return a published-to-the-public event; drafts and unknown slugs are a 404."""
    event = db.session.scalar(select(Event).where(Event.slug == slug))
    if event is None or event.status == EventStatus.DRAFT:
        abort(404)
    g.timezone = event.timezone  # times on the page in the event's time zone
    return event


def event_row_or_404(model: type, row_id: int, event: Event):  # noqa: ANN201
    """Return the row of ``model`` with this id if it belongs to the event; else a 404."""
    row = db.session.get(model, row_id)
    if row is None or row.event_id != event.id:
        abort(404)
    return row


def local_path(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None.

    Browsers read a backslash as a slash, so "/\\evil.example" would leave the site like
    "//evil.example"; control characters would break the Location header.
    """
    if not target or not target.startswith("/") or "\\" in target:
        return None
    if target.startswith("//") or any(ord(ch) < 0x20 or ch == "\x7f" for ch in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


# a row id in a URL: larger numbers are a 404 here, not a database error
ID = "int(max=2147483647)"


def commit_then_deliver(event_id: int) -> None:
    """Commit, then send the event's queued notices (a mail failure never undoes the change)."""
    db.session.commit()
    if deliver_pending(event_id):
        db.session.commit()

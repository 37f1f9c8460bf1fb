"""Shared by views: access to participant pages and event rows, URL ids, local redirect
targets, commit then mail."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from flask import abort, current_app, g
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from matchmaker.extensions import db
from matchmaker.models import Event, Participant
from matchmaker.models.enums import EventStatus
from matchmaker.services.mail import deliver_pending
from matchmaker.services.participants import participant_by_token
from matchmaker.views.errors import database_unreachable

T = TypeVar("T")


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


def local_path(target: str | None, fallback: str) -> str:
    """Return ``target`` if it is a path on this site, else ``fallback``: never an open redirect.

    Browsers read a backslash as a slash and drop tabs and line breaks, so a slash followed by
    a backslash, or by a tab and a slash, leads to another site just like "//evil.example".
    """
    if not target or not target.startswith("/") or target[1:2] in ("/", "\\"):
        return fallback
    if any(c.isspace() or ord(c) < 32 or c in "\\\x7f" for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


# a row id in a URL: larger numbers are a 404 here, not a database error
ID = "int(max=2147483647)"


def after_commit(step: Callable[[], T], default: T) -> T:
    """Run a follow-up ``step`` (sending mail) once a change is committed.

    If the database goes away in between, the change stands: the step is given up (its mail
    stays in the outbox) and ``default`` returned, rather than an error page that would tell
    the user nothing was stored.
    """
    try:
        return step()
    except DBAPIError as error:
        if not database_unreachable(error):
            raise
        current_app.logger.warning("database lost after a commit, follow-up skipped: %s", error)
        with contextlib.suppress(DBAPIError):
            db.session.rollback()
        return default


def commit_then_deliver(event_id: int) -> None:
    """Commit, then send the event's queued notices (a mail failure never undoes the change)."""
    db.session.commit()

    def deliver() -> None:
        if deliver_pending(event_id):
            db.session.commit()

    after_commit(deliver, None)

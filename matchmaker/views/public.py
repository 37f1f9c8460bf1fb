"""Public pages: the list of events and an event's overview, plus the language switch."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from sqlalchemy import select

from matchmaker.config import LANGUAGES
from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.models.enums import EventStatus
from matchmaker.services.events import event_overview
from matchmaker.views.access import local_path, public_event_or_404

bp = Blueprint("public", __name__)


@bp.get("/")
def list_events():  # noqa: ANN201
    events = db.session.scalars(
        select(Event).where(Event.status != EventStatus.DRAFT).order_by(Event.created_at.desc())
    ).all()
    return render_template("public/index.html", events=events)


@bp.get("/e/<slug>")
def show_event(slug: str):  # noqa: ANN201
    event = public_event_or_404(slug)
    return render_template("public/event.html", event=event, overview=event_overview(event))


@bp.post("/lang/<code>")
def choose_language(code: str):  # noqa: ANN201
    if code not in LANGUAGES:
        abort(404)
    session["lang"] = code
    # only local paths, so the switch cannot be abused as an open redirect
    return redirect(local_path(request.form.get("next")) or url_for("public.list_events"))


@bp.get("/healthz")
def health():  # noqa: ANN201
    db.session.execute(select(1))
    return {"status": "ok"}

"""The organiser's agenda grid (slots x tables) and manual changes to single meetings."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matchmaker.extensions import db
from matchmaker.forms.organiser import LogoutForm, MeetingForm
from matchmaker.forms.requests import ActionForm
from matchmaker.models import Location, Meeting
from matchmaker.models.enums import MeetingStatus
from matchmaker.services.agenda_edit import (
    EditError,
    add_meeting,
    cancel_meeting,
    move_meeting,
    set_locked,
)
from matchmaker.services.catalogue import confirmed_participants
from matchmaker.services.events import active_tables
from matchmaker.services.slots import event_slots
from matchmaker.views.access import event_row_or_404
from matchmaker.views.organiser import managed_event_or_404

bp = Blueprint("grid", __name__, url_prefix="/organiser")


def _meeting_form(event, **kwargs) -> MeetingForm:  # noqa: ANN001
    slots = event_slots(event)
    tables = active_tables(event)
    people = confirmed_participants(event)
    return MeetingForm(
        slots=[(s.starts_at.isoformat(), s.local_start.strftime("%d.%m. %H:%M")) for s in slots],
        tables=[(t.id, t.name) for t in tables],
        people=[(p.id, f"{p.name} ({p.organisation})") for p in people],
        **kwargs,
    )


@bp.get("/events/<slug>/grid")
@login_required
def show(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    focus = request.args.get("participant", type=int)
    slots = event_slots(event)
    tables = active_tables(event)
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED)
        .options(joinedload(Meeting.participant_a), joinedload(Meeting.participant_b))
    ).all()
    cells = {(m.starts_at, m.location_id): m for m in meetings}
    return render_template(
        "organiser/grid.html", event=event, slots=slots, tables=tables, cells=cells,
        focus=focus, form=_meeting_form(event), people=confirmed_participants(event),
        logout_form=LogoutForm(),
    )  # fmt: skip


@bp.get("/events/<slug>/meetings/<int(max=2147483647):meeting_id>")
@login_required
def show_meeting(slug: str, meeting_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    meeting = event_row_or_404(Meeting, meeting_id, event)
    form = _meeting_form(
        event, data={"slot": meeting.starts_at.isoformat(), "table": meeting.location_id}
    )
    return render_template(
        "organiser/meeting.html", event=event, meeting=meeting, form=form, action=ActionForm(),
        logout_form=LogoutForm(),
    )  # fmt: skip


@bp.post(
    "/events/<slug>/meetings/<int(max=2147483647):meeting_id>"
    "/<any(move, lock, unlock, cancel):verb>"
)
@login_required
def change_meeting(slug: str, meeting_id: int, verb: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    meeting = event_row_or_404(Meeting, meeting_id, event)
    form = _meeting_form(event) if verb == "move" else ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if verb == "move":
            move_meeting(event, meeting, datetime.fromisoformat(form.slot.data), form.table.data)
        elif verb == "cancel":
            cancel_meeting(meeting)
        else:
            set_locked(meeting, verb == "lock")
    except EditError as exc:
        db.session.rollback()
        flash(gettext("Not possible: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("grid.show_meeting", slug=slug, meeting_id=meeting_id))
    db.session.commit()
    flash(gettext("The agenda is changed."))
    return redirect(url_for("grid.show", slug=slug))


@bp.post("/events/<slug>/meetings")
@login_required
def add(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = _meeting_form(event)
    if not form.validate_on_submit() or form.a.data is None or form.b.data is None:
        flash(gettext("Choose two participants, a time and a table."), "error")
        return redirect(url_for("grid.show", slug=slug))
    try:
        add_meeting(event, form.a.data, form.b.data, datetime.fromisoformat(form.slot.data),
                    form.table.data)  # fmt: skip
    except EditError as exc:
        db.session.rollback()
        flash(gettext("Not possible: %(reason)s", reason=str(exc)), "error")
    else:
        db.session.commit()
        flash(gettext("Meeting added and locked."))
    return redirect(url_for("grid.show", slug=slug))


@bp.get("/events/<slug>/tables/print")
@login_required
def print_tables(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    tables = active_tables(event)
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED)
        .order_by(Meeting.starts_at)
        .options(joinedload(Meeting.participant_a), joinedload(Meeting.participant_b))
    ).all()
    by_table: dict[int, list[Meeting]] = {t.id: [] for t in tables}
    for m in meetings:
        if m.location_id in by_table:
            by_table[m.location_id].append(m)
    plans = [(t, by_table[t.id]) for t in tables if by_table[t.id]]
    return render_template("organiser/table_plans.html", event=event, plans=plans)


@bp.get("/events/<slug>/agenda/print")
@login_required
def print_overview(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED)
        .options(
            joinedload(Meeting.participant_a),
            joinedload(Meeting.participant_b),
            joinedload(Meeting.location).joinedload(Location.zone),
        )
    ).all()
    # by time, then table number; meetings without a table (online) last in their slot
    meetings = sorted(meetings, key=lambda m: (m.starts_at, m.location is None,
                                               m.location.number if m.location else 0))  # fmt: skip
    slots = [(start, list(group)) for start, group in groupby(meetings, key=lambda m: m.starts_at)]
    return render_template("organiser/overview_print.html", event=event, slots=slots)

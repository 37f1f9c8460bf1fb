"""Event set-up for organisers: create an event, details and rules, sessions, tables."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from matchmaker.extensions import db
from matchmaker.forms.organiser import LogoutForm
from matchmaker.forms.requests import ActionForm
from matchmaker.forms.setup import DetailsForm, NewEventForm, SessionForm, TablesForm
from matchmaker.models.enums import EventFormat
from matchmaker.services.events import EventError, create_event
from matchmaker.services.setup import (
    SetupError,
    add_session,
    create_tables,
    remove_session,
    update_details,
)
from matchmaker.services.slots import event_slots
from matchmaker.views.organiser import managed_event_or_404

bp = Blueprint("setup", __name__, url_prefix="/organiser")


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def new_event():  # noqa: ANN201
    form = NewEventForm()
    if form.validate_on_submit():
        try:
            event = create_event(slug=form.slug.data, title=form.title.data,
                                 timezone=form.timezone.data,
                                 event_format=EventFormat(form.format.data))  # fmt: skip
        except EventError as exc:
            form.slug.errors.append(str(exc))
        else:
            event.organisers.append(current_user)
            db.session.commit()
            flash(gettext("The event is created as a draft."))
            return redirect(url_for("setup.edit", slug=event.slug))
    return render_template("organiser/new_event.html", form=form, logout_form=LogoutForm())


def _page(event, details=None, session_form=None, tables_form=None, status=200):  # noqa: ANN001, ANN202
    g.timezone = event.timezone
    if details is None:
        details = DetailsForm(obj=event, data={
            "cross_border_bonus": (event.matching or {}).get("cross_border_bonus"),
            "interpreters_allowed": (event.matching or {}).get("interpreters_allowed", False),
            "registration_deadline": event.registration_deadline and
            event.registration_deadline.replace(tzinfo=None),
            "request_deadline": event.request_deadline and
            event.request_deadline.replace(tzinfo=None),
        })  # fmt: skip
    return render_template(
        "organiser/setup.html", event=event, details=details,
        session_form=session_form or SessionForm(), tables_form=tables_form or TablesForm(),
        slots=event_slots(event), action=ActionForm(), logout_form=LogoutForm(),
    ), status  # fmt: skip


@bp.get("/events/<slug>/setup")
@login_required
def edit(slug: str):  # noqa: ANN201
    return _page(managed_event_or_404(slug))


@bp.post("/events/<slug>/setup")
@login_required
def save_details(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = DetailsForm()
    if not form.validate_on_submit():
        return _page(event, details=form, status=422)
    update_details(event, form.data)
    db.session.commit()
    flash(gettext("Saved."))
    return redirect(url_for("setup.edit", slug=slug))


@bp.post("/events/<slug>/sessions")
@login_required
def save_session(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = SessionForm()
    if form.validate_on_submit():
        try:
            add_session(event, form.name.data, form.day.data, form.start_time.data,
                        form.end_time.data)  # fmt: skip
        except SetupError as exc:
            form.name.errors.append(str(exc))
        else:
            db.session.commit()
            return redirect(url_for("setup.edit", slug=slug))
    return _page(event, session_form=form, status=422)


@bp.post("/events/<slug>/sessions/<int(max=2147483647):session_id>/delete")
@login_required
def delete_session(slug: str, session_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        remove_session(event, session_id)
    except SetupError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
    return redirect(url_for("setup.edit", slug=slug))


@bp.post("/events/<slug>/tables")
@login_required
def save_tables(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = TablesForm()
    if form.validate_on_submit():
        try:
            count = create_tables(event, form.prefix.data, form.first.data, form.last.data,
                                  form.zone.data or "")  # fmt: skip
        except SetupError as exc:
            form.first.errors.append(str(exc))
        else:
            db.session.commit()
            flash(gettext("%(n)d tables created.", n=count))
            return redirect(url_for("setup.edit", slug=slug))
    return _page(event, tables_form=form, status=422)

"""The set-up page's venue section: tables, zones (halls) and exhibitors' booths."""

from __future__ import annotations

from flask import Blueprint, abort, flash
from flask_babel import gettext
from flask_login import login_required

from matchmaker.extensions import db
from matchmaker.forms.requests import ActionForm
from matchmaker.forms.setup import TablesForm
from matchmaker.forms.venue import AssignZoneForm, BoothForm, ZoneForm
from matchmaker.models import Zone
from matchmaker.services.setup import SetupError
from matchmaker.services.venue import (
    add_booth,
    add_zone,
    assign_zone,
    booth_candidates,
    create_tables,
    remove_booth,
    remove_zone,
    rename_zone,
    set_active,
)
from matchmaker.views.access import ID, event_row_or_404
from matchmaker.views.organiser import managed_event_or_404
from matchmaker.views.setup import back_to, refuse, setup_page

bp = Blueprint("venue", __name__, url_prefix="/organiser")


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
            db.session.rollback()
            refuse(form, exc, "first")
        else:
            db.session.commit()
            flash(gettext("%(n)d tables created.", n=count))
            return back_to(slug, "venue")
    return setup_page(event, 422, tables_form=form)


@bp.post("/events/<slug>/tables/zone")
@login_required
def assign_tables(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = AssignZoneForm(prefix="assign", zones=list(event.zones))
    if form.validate_on_submit():
        try:
            count = assign_zone(event, form.first.data, form.last.data, form.zone.data)
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "first")
        else:
            db.session.commit()
            flash(gettext("%(n)d tables assigned.", n=count))
            return back_to(slug, "venue")
    return setup_page(event, 422, assign_form=form)


@bp.post(f"/events/<slug>/tables/<{ID}:location_id>/<any(activate, deactivate):verb>")
@login_required
def switch_table(slug: str, location_id: int, verb: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        location = set_active(event, location_id, verb == "activate")
    except SetupError as exc:
        db.session.rollback()
        flash(gettext("Not possible: %(reason)s", reason=str(exc)), "error")
    else:
        db.session.commit()
        if location.active:
            flash(gettext("%(name)s is in use again.", name=location.name))
        else:
            flash(gettext("%(name)s is out of use.", name=location.name))
    return back_to(slug, "venue")


@bp.post("/events/<slug>/zones")
@login_required
def create_zone(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = ZoneForm(prefix="new-zone")
    if form.validate_on_submit():
        try:
            add_zone(event, form.name.data)
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "name")
        else:
            db.session.commit()
            return back_to(slug, "venue")
    return setup_page(event, 422, zone_form=form)


@bp.post(f"/events/<slug>/zones/<{ID}:zone_id>")
@login_required
def save_zone(slug: str, zone_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    event_row_or_404(Zone, zone_id, event)
    form = ZoneForm(prefix=f"z{zone_id}")
    if form.validate_on_submit():
        try:
            rename_zone(event, zone_id, form.name.data)
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "name")
        else:
            db.session.commit()
            flash(gettext("Saved."))
            return back_to(slug, "venue")
    return setup_page(event, 422, zone_rows={zone_id: form})


@bp.post(f"/events/<slug>/zones/<{ID}:zone_id>/delete")
@login_required
def delete_zone(slug: str, zone_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    zone = event_row_or_404(Zone, zone_id, event)
    if not ActionForm().validate_on_submit():
        abort(400)
    name = zone.name
    count = remove_zone(event, zone_id)
    db.session.commit()
    flash(gettext("Zone %(name)s removed; %(n)d tables have no zone now.", name=name, n=count))
    return back_to(slug, "venue")


@bp.post("/events/<slug>/booths")
@login_required
def create_booth(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = BoothForm(prefix="booth", people=booth_candidates(event), zones=list(event.zones))
    if form.validate_on_submit():
        try:
            booth = add_booth(event, form.owner.data, form.number.data, form.name.data or "",
                              form.zone.data)  # fmt: skip
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "owner")
        else:
            db.session.commit()
            flash(gettext("Booth %(name)s created.", name=booth.name))
            return back_to(slug, "venue")
    return setup_page(event, 422, booth_form=form)


@bp.post(f"/events/<slug>/booths/<{ID}:location_id>/delete")
@login_required
def delete_booth(slug: str, location_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        remove_booth(event, location_id)
    except SetupError as exc:
        db.session.rollback()
        flash(gettext("Not possible: %(reason)s", reason=str(exc)), "error")
    else:
        db.session.commit()
        flash(gettext("The booth is removed."))
    return back_to(slug, "venue")

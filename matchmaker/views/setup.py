"""Event set-up for organisers: create an event, details and rules, sessions; the page that
also shows the areas, weights and venue sections (their changes are in taxonomy and venue)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from matchmaker import select_locale
from matchmaker.extensions import db
from matchmaker.forms.organiser import LogoutForm
from matchmaker.forms.requests import ActionForm
from matchmaker.forms.setup import (
    ActorMixForm,
    CategoryDeleteForm,
    CategoryForm,
    DetailsForm,
    NewEventForm,
    SessionForm,
    TablesForm,
)
from matchmaker.forms.venue import AssignZoneForm, BoothForm, ZoneForm
from matchmaker.models import Event
from matchmaker.models.enums import EventFormat
from matchmaker.services.events import EventError, create_event
from matchmaker.services.setup import SetupError, add_session, remove_session, update_details
from matchmaker.services.slots import event_slots
from matchmaker.services.taxonomy import category_usage
from matchmaker.services.venue import booth_candidates
from matchmaker.services.weights import actor_mixes, uses_defaults
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


def setup_page(event: Event, status: int = 200, **forms: object):  # noqa: ANN201
    """Render the set-up page; ``forms`` replaces a section's blank form (one with errors).

    Blank forms never read the request (``formdata=None``), so a refused POST of one section
    does not spill its values into the others.
    """
    g.timezone = event.timezone
    locale = select_locale()
    categories, zones = list(event.categories), list(event.zones)
    matching = event.matching or {}
    blank = {
        "details": lambda: DetailsForm(formdata=None, obj=event, data={
            "cross_border_bonus": matching.get("cross_border_bonus"),
            "interpreters_allowed": matching.get("interpreters_allowed", False),
            "registration_deadline": event.registration_deadline and
            event.registration_deadline.replace(tzinfo=None),
            "request_deadline": event.request_deadline and
            event.request_deadline.replace(tzinfo=None),
        }),
        "session_form": lambda: SessionForm(formdata=None),
        "tables_form": lambda: TablesForm(formdata=None),
        "category_form": lambda: CategoryForm(formdata=None, prefix="new-category"),
        "mix_form": lambda: ActorMixForm(formdata=None, prefix="mix"),
        "zone_form": lambda: ZoneForm(formdata=None, prefix="new-zone"),
        "assign_form": lambda: AssignZoneForm(formdata=None, prefix="assign", zones=zones),
        "booth_form": lambda: BoothForm(formdata=None, prefix="booth", zones=zones,
                                        people=booth_candidates(event)),
    }  # fmt: skip
    context = {name: forms.get(name) or make() for name, make in blank.items()}
    rows = forms.get("category_rows") or {}
    deletes = forms.get("category_deletes") or {}
    zone_rows = forms.get("zone_rows") or {}
    context.update(
        category_rows={
            c.id: rows.get(c.id) or CategoryForm(formdata=None, obj=c, prefix=f"c{c.id}")
            for c in categories
        },
        category_deletes={
            c.id: deletes.get(c.id) or CategoryDeleteForm(
                formdata=None, prefix=f"d{c.id}", locale=locale,
                categories=[o for o in categories if o.id != c.id],
            )
            for c in categories
        },
        zone_rows={
            z.id: zone_rows.get(z.id) or ZoneForm(formdata=None, obj=z, prefix=f"z{z.id}")
            for z in zones
        },
    )  # fmt: skip
    return render_template(
        "organiser/setup.html", event=event, categories=categories, zones=zones,
        has_errors=status >= 400,
        usage=category_usage(event), mixes=actor_mixes(event),
        default_mixes=uses_defaults(event), slots=event_slots(event), action=ActionForm(),
        logout_form=LogoutForm(), **context,
    ), status  # fmt: skip


def refuse(form: FlaskForm, exc: SetupError, fallback: str) -> None:
    """Show a refused change at the form field it is about (``fallback`` when it names none)."""
    field = getattr(form, exc.field or fallback, None) or getattr(form, fallback)
    field.errors = [*field.errors, str(exc)]


def back_to(slug: str, section: str):  # noqa: ANN201
    """Redirect to a section of the set-up page."""
    return redirect(url_for("setup.edit", slug=slug, _anchor=section))


@bp.get("/events/<slug>/setup")
@login_required
def edit(slug: str):  # noqa: ANN201
    return setup_page(managed_event_or_404(slug))


@bp.post("/events/<slug>/setup")
@login_required
def save_details(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = DetailsForm()
    if not form.validate_on_submit():
        return setup_page(event, 422, details=form)
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
    return setup_page(event, 422, session_form=form)


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

"""The organiser's rounds board (rounds x tables), two-sided settings and table cards."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import login_required

from matchmaker.extensions import db
from matchmaker.forms.organiser import LogoutForm, RunForm
from matchmaker.forms.rounds import SidesForm
from matchmaker.models import Event
from matchmaker.models.enums import EventFormat
from matchmaker.services.events import active_tables
from matchmaker.services.rounds import RoundsError, board, set_two_sided, two_sided
from matchmaker.views.organiser import managed_event_or_404

bp = Blueprint("rounds", __name__, url_prefix="/organiser")


def _rounds_event_or_404(slug: str) -> Event:
    event = managed_event_or_404(slug)
    if event.format != EventFormat.ROUNDS:
        abort(404)
    g.timezone = event.timezone
    return event


def _page(event: Event, sides: SidesForm, status: int = 200):  # noqa: ANN202
    rounds = board(event)
    run_form = RunForm(formdata=None)
    return (
        render_template(
            "organiser/rounds.html", event=event, rounds=rounds, tables=active_tables(event),
            sides=sides, run_form=run_form, logout_form=LogoutForm(),
        ),
        status,
    )  # fmt: skip


@bp.get("/events/<slug>/rounds")
@login_required
def show(slug: str):  # noqa: ANN201
    event = _rounds_event_or_404(slug)
    return _page(event, SidesForm(side_a=sorted(two_sided(event))))


@bp.post("/events/<slug>/rounds/sides")
@login_required
def save_sides(slug: str):  # noqa: ANN201
    event = _rounds_event_or_404(slug)
    form = SidesForm()
    if not form.validate_on_submit():
        return _page(event, form, 400)
    try:
        set_two_sided(event, form.side_a.data or [])
    except RoundsError as exc:
        db.session.rollback()
        form.side_a.errors = [str(exc)]
        return _page(event, form, 400)
    db.session.commit()
    flash(gettext("Sides saved; they apply to the next generation."))
    return redirect(url_for("rounds.show", slug=slug))


@bp.get("/events/<slug>/rounds/print")
@login_required
def print_cards(slug: str):  # noqa: ANN201
    event = _rounds_event_or_404(slug)
    rounds = [r for r in board(event) if r.cells]
    return render_template(
        "organiser/round_cards.html", event=event, rounds=rounds, tables=active_tables(event)
    )

"""The organiser's dashboard of an event's figures, as charts, CSV and a printable report."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from babel import Locale
from flask import Blueprint, g, make_response, render_template
from flask_babel import format_date
from flask_login import login_required

from matchmaker import select_locale
from matchmaker.exports.tables import csv_cell
from matchmaker.forms.organiser import LogoutForm
from matchmaker.labels import ACTOR_TYPES
from matchmaker.services.dashboard import event_figures, figures_rows
from matchmaker.views.organiser import managed_event_or_404

bp = Blueprint("figures", __name__, url_prefix="/organiser")


def _render(slug: str, printable: bool):  # noqa: ANN202
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    f = event_figures(event)
    territories = Locale.parse(select_locale()).territories
    zone = ZoneInfo(event.timezone)
    charts = {
        "registrations": [(format_date(d, "short"), n) for d, n, _ in f.registrations_by_day],
        "actor_types": [(str(ACTOR_TYPES.get(k, k)), n) for k, n in f.by_actor_type],
        "countries": [(territories.get(k, k), n) for k, n in f.by_country],
        "slots": [
            (datetime.fromisoformat(s).astimezone(zone).strftime("%d.%m. %H:%M"), n, cap)
            for s, n, cap in f.per_slot
        ],
        "tables": f.per_table,
    }
    return render_template(
        "figures/show.html", event=event, f=f, charts=charts, printable=printable,
        logout_form=LogoutForm(),
    )  # fmt: skip


@bp.get("/events/<slug>/figures")
@login_required
def show(slug: str):  # noqa: ANN201
    return _render(slug, printable=False)


@bp.get("/events/<slug>/figures/report")
@login_required
def report(slug: str):  # noqa: ANN201
    return _render(slug, printable=True)


@bp.get("/events/<slug>/figures.csv")
@login_required
def export(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "key", "value"])
    writer.writerows([csv_cell(v) for v in row] for row in figures_rows(event_figures(event)))
    response = make_response(buffer.getvalue())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{event.slug}-figures.csv"'
    return response

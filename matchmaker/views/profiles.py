"""Organisers edit a participant's profile on their behalf (a phone call, a late correction).

The form, its validation and the service are the participant's own; only access differs:
an organiser of the event instead of the participant's secret link.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import login_required

from matchmaker import select_locale
from matchmaker.extensions import db
from matchmaker.forms.organiser import LogoutForm
from matchmaker.forms.profile import ProfileForm, add_row_if_asked, profile_form_data
from matchmaker.models import Participant
from matchmaker.services.participants import RegistrationError, update_profile
from matchmaker.views.access import event_row_or_404
from matchmaker.views.organiser import managed_event_or_404

bp = Blueprint("profiles", __name__, url_prefix="/organiser")


@bp.route(
    "/events/<slug>/participants/<int(max=2147483647):participant_id>/edit",
    methods=["GET", "POST"],
)
@login_required
def edit(slug: str, participant_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    participant = event_row_or_404(Participant, participant_id, event)
    g.timezone = event.timezone
    initial = None if request.method == "POST" else profile_form_data(participant)
    form = ProfileForm(event=event, locale=select_locale(), data=initial)
    if not add_row_if_asked(form) and form.validate_on_submit():
        try:
            # the participant keeps their own language for mails and pages
            update_profile(participant, form.profile_data(participant.locale))
        except RegistrationError as exc:
            db.session.rollback()
            field = getattr(form, exc.field or "save", None) or form.save
            field.errors = [*field.errors, str(exc)]
        else:
            db.session.commit()
            flash(gettext("The profile of %(name)s is saved.", name=participant.name))
            return redirect(url_for("organiser.participants", slug=slug))
    status = 422 if request.method == "POST" and form.errors else 200
    return render_template(
        "organiser/participant_edit.html", event=event, form=form, participant=participant,
        logout_form=LogoutForm(),
    ), status  # fmt: skip

"""Organiser pages for the event day: check-in desk, QR scans, absences, standby offers, and
opening the second feedback round."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import login_required

from matchmaker.extensions import db
from matchmaker.forms.eventday import NoShowForm, SettleForm
from matchmaker.forms.organiser import LogoutForm
from matchmaker.forms.requests import ActionForm
from matchmaker.models import Participant, StandbyOffer
from matchmaker.models.types import utcnow
from matchmaker.services.attendance import (
    AttendanceError,
    attendance,
    check_in,
    checkin_search,
    participant_by_checkin_code,
    settle_meetings,
)
from matchmaker.services.feedback import FeedbackError, open_round_two
from matchmaker.services.noshow import mark_absent, mark_overdue_absent
from matchmaker.services.standby import (
    StandbyError,
    assign_offer,
    offers_of_event,
)
from matchmaker.views.access import ID, commit_then_deliver, event_row_or_404
from matchmaker.views.organiser import managed_event_or_404

bp = Blueprint("checkin", __name__, url_prefix="/organiser/events/<slug>")


def _back(slug: str):  # noqa: ANN202
    return redirect(url_for("checkin.desk", slug=slug, q=request.args.get("q") or None))


@bp.get("/checkin")
@login_required
def desk(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    text = request.args.get("q", "")[:200]
    return render_template(
        "organiser/checkin.html",
        event=event,
        text=text,
        people=checkin_search(event, text),
        counts=attendance(event),
        action=ActionForm(),
        no_show_form=NoShowForm(minutes=event.no_show_minutes),
        settle_form=SettleForm(),
        logout_form=LogoutForm(),
    )


@bp.post(f"/checkin/<{ID}:participant_id>/<any(checkin, absent):verb>")
@login_required
def change(slug: str, participant_id: int, verb: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    person = event_row_or_404(Participant, participant_id, event)
    if not ActionForm().validate_on_submit():
        abort(400)
    if verb == "checkin":
        try:
            changed = check_in(person)
        except AttendanceError as exc:
            flash(str(exc), "error")
            return _back(slug)
        db.session.commit()
        flash(
            gettext("%(name)s is checked in.", name=person.name)
            if changed
            else gettext("%(name)s was checked in already.", name=person.name)
        )
        return _back(slug)
    offers = mark_absent(event, person)
    commit_then_deliver(event.id)
    flash(
        ngettext(
            "%(name)s is marked absent; %(num)d standby meeting was offered.",
            "%(name)s is marked absent; %(num)d standby meetings were offered.",
            len(offers),
            name=person.name,
        )
    )
    return _back(slug)


@bp.route(f"/scan/<{ID}:participant_id>/<code>", methods=["GET", "POST"])
@login_required
def scan(slug: str, participant_id: int, code: str):  # noqa: ANN201
    """The URL in a participant's QR code: GET asks to confirm, POST checks in."""
    event = managed_event_or_404(slug)
    person = participant_by_checkin_code(event, participant_id, code[:64])
    if person is None:
        abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            changed = check_in(person)
        except AttendanceError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(
                gettext("%(name)s is checked in.", name=person.name)
                if changed
                else gettext("%(name)s was checked in already.", name=person.name)
            )
            return redirect(url_for("checkin.desk", slug=slug))
    g.timezone = event.timezone
    return render_template(
        "organiser/checkin_scan.html", event=event, person=person, form=form,
        logout_form=LogoutForm(),
    )  # fmt: skip


@bp.post("/no-shows")
@login_required
def no_shows(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = NoShowForm()
    if not form.validate_on_submit():
        for error in form.minutes.errors or [gettext("The form has expired; try again.")]:
            flash(str(error), "error")
        return _back(slug)
    event.no_show_minutes = form.minutes.data
    people, offers = mark_overdue_absent(event, form.minutes.data)
    commit_then_deliver(event.id)
    flash(
        gettext(
            "Marked absent: %(people)d; standby meetings offered: %(offers)d.",
            people=len(people),
            offers=len(offers),
        )
    )
    return _back(slug)


@bp.post("/meetings/settle")
@login_required
def settle(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = SettleForm()
    if not form.validate_on_submit():
        abort(400)
    count = settle_meetings(event, assume_present=form.assume_present.data)
    db.session.commit()
    flash(ngettext("%(num)d meeting marked as held.", "%(num)d meetings marked as held.", count))
    return _back(slug)


@bp.get("/standby")
@login_required
def standby(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    return render_template(
        "organiser/standby.html", event=event, offers=offers_of_event(event), now=utcnow(),
        action=ActionForm(), logout_form=LogoutForm(),
    )  # fmt: skip


@bp.post(f"/standby/<{ID}:offer_id>/assign")
@login_required
def assign(slug: str, offer_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    offer = event_row_or_404(StandbyOffer, offer_id, event)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        assign_offer(offer)
    except StandbyError as exc:
        flash(str(exc), "error")
    else:
        flash(gettext("The standby meeting is in both agendas."))
    commit_then_deliver(event.id)  # an expired offer and the next one are kept too
    return redirect(url_for("checkin.standby", slug=slug))


@bp.post("/feedback/round-two")
@login_required
def round_two(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        messages = open_round_two(event)
    except FeedbackError as exc:
        flash(str(exc), "error")
    else:
        commit_then_deliver(event.id)
        flash(
            ngettext(
                "The second feedback round is open; %(num)d e-mail is in the outbox.",
                "The second feedback round is open; %(num)d e-mails are in the outbox.",
                len(messages),
            )
        )
    return _back(slug)

"""Participant actions on the event day behind the secret link: "I'm here", answering standby
offers, and feedback on meetings."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from matchmaker.extensions import db
from matchmaker.forms.eventday import CooperationForm, FeedbackForm
from matchmaker.forms.requests import ActionForm
from matchmaker.models import Meeting, StandbyOffer
from matchmaker.services.attendance import AttendanceError, self_check_in
from matchmaker.services.feedback import (
    FeedbackError,
    feedback_of,
    feedback_refusal,
    save_feedback,
)
from matchmaker.services.standby import StandbyError, accept_offer, decline_offer
from matchmaker.views.access import ID, commit_then_deliver, participant_or_404

bp = Blueprint("eventday", __name__, url_prefix="/p/<token>")


def _agenda(token: str):  # noqa: ANN202
    return redirect(url_for("agenda.show", token=token))


@bp.post("/here")
def here(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        changed = self_check_in(participant)
    except AttendanceError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            gettext("Welcome! You are checked in.")
            if changed
            else gettext("You are checked in already.")
        )
    return _agenda(token)


@bp.post(f"/standby/<{ID}:offer_id>/<any(accept, decline):answer>")
def answer_offer(token: str, offer_id: int, answer: str):  # noqa: ANN201
    participant = participant_or_404(token)
    offer = db.session.get(StandbyOffer, offer_id)
    # someone else's offer looks exactly like a missing one
    if offer is None or participant.id not in (offer.participant_a_id, offer.participant_b_id):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if answer == "accept":
            meeting = accept_offer(offer, participant)
        else:
            decline_offer(offer, participant)
    except StandbyError as exc:
        flash(str(exc), "error")
    else:
        if answer == "decline":
            flash(gettext("You declined the standby meeting."))
        elif meeting is None:
            flash(gettext("Accepted. The meeting takes place once your partner accepts too."))
        else:
            flash(gettext("The standby meeting is confirmed and in your agenda."))
    # an expiry or the next offer made on the way is kept as well
    commit_then_deliver(participant.event_id)
    return _agenda(token)


@bp.route(f"/meetings/<{ID}:meeting_id>/feedback/<int(min=1, max=2):round_>",
          methods=["GET", "POST"])  # fmt: skip
def feedback(token: str, meeting_id: int, round_: int):  # noqa: ANN201
    participant = participant_or_404(token)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or participant.id not in (meeting.participant_a_id,
                                                  meeting.participant_b_id):  # fmt: skip
        abort(404)
    refusal = feedback_refusal(meeting, participant, round_)
    if refusal:
        flash(refusal, "error")
        return _agenda(token)
    given = feedback_of(meeting, participant, round_)
    form_class = FeedbackForm if round_ == 1 else CooperationForm
    data = None
    if request.method == "GET" and given is not None:
        yes_no = {True: "yes", False: "no", None: None}
        data = {"rating": str(given.rating) if given.rating else None, "comment": given.comment,
                "follow_up": yes_no[given.follow_up_planned],
                "cooperation": yes_no[given.cooperation_started]}  # fmt: skip
    form = form_class(data=data)
    if form.validate_on_submit():
        try:
            if round_ == 1:
                save_feedback(
                    meeting, participant, 1, rating=int(form.rating.data),
                    follow_up_planned=form.follow_up.data == "yes", comment=form.comment.data or "",
                )  # fmt: skip
            else:
                save_feedback(
                    meeting, participant, 2, cooperation_started=form.cooperation.data == "yes",
                    comment=form.comment.data or "",
                )  # fmt: skip
        except FeedbackError as exc:
            form.submit.errors = [str(exc)]
        else:
            db.session.commit()
            flash(gettext("Thank you for your feedback."))
            return _agenda(token)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "participant/feedback.html", participant=participant, event=participant.event,
        token=token, meeting=meeting, partner=meeting.partner_of(participant.id), form=form,
        round_=round_, given=given,
    ), status  # fmt: skip

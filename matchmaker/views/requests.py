"""Meeting requests behind the secret link: send, list, accept, decline, "no thanks"."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext

from matchmaker.extensions import db
from matchmaker.forms.requests import ActionForm, RequestForm
from matchmaker.models import MeetingRequest
from matchmaker.models.enums import RequestPriority
from matchmaker.services import throttle
from matchmaker.services.catalogue import public_profile
from matchmaker.services.requests import (
    RequestError,
    expire_requests,
    requests_of,
    requests_open,
    respond,
    say_no_thanks,
    send_request,
)
from matchmaker.views.access import participant_or_404

bp = Blueprint("requests", __name__)


@bp.get("/p/<token>/requests")
def list_requests(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    if expire_requests(participant.event):
        db.session.commit()
    sent, received = requests_of(participant)
    return render_template(
        "requests/list.html",
        event=participant.event,
        participant=participant,
        token=token,
        sent=sent,
        received=received,
        action=ActionForm(),
        open=requests_open(participant.event),
    )


@bp.post("/p/<token>/people/<int(max=2147483647):participant_id>/request")
def send(token: str, participant_id: int):  # noqa: ANN201
    sender = participant_or_404(token)
    receiver = public_profile(sender.event, participant_id)
    if receiver is None:
        abort(404)
    form = RequestForm()
    if form.validate_on_submit():
        throttle.limit("request", str(sender.id))
        try:
            send_request(
                sender,
                receiver,
                priority=RequestPriority(form.priority.data),
                message=form.message.data or "",
            )
        except RequestError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(gettext("Your request to %(name)s is sent.", name=receiver.name))
            return redirect(url_for("requests.list_requests", token=token))
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
    return redirect(url_for("catalogue.show_profile", token=token, participant_id=participant_id))


def _own_received(token: str, request_id: int):  # noqa: ANN202
    participant = participant_or_404(token)
    request = db.session.get(MeetingRequest, request_id)
    # someone else's request looks exactly like a missing one
    if request is None or request.receiver_id != participant.id:
        abort(404)
    return participant, request


@bp.post("/p/<token>/requests/<int(max=2147483647):request_id>/<any(accept, decline):answer>")
def answer(token: str, request_id: int, answer: str):  # noqa: ANN201
    participant, request = _own_received(token, request_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        respond(request, participant, accept=answer == "accept")
    except RequestError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(gettext("Request accepted.") if answer == "accept" else gettext("Request declined."))
    return redirect(url_for("requests.list_requests", token=token))


@bp.post("/p/<token>/people/<int(max=2147483647):participant_id>/no-thanks")
def no_thanks(token: str, participant_id: int):  # noqa: ANN201
    participant = participant_or_404(token)
    other = public_profile(participant.event, participant_id)
    if other is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        say_no_thanks(participant, other)
    except RequestError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(gettext("%(name)s will not be suggested to you again.", name=other.name))
    return redirect(url_for("requests.list_requests", token=token))

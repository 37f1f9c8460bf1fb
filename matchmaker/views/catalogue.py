"""The catalogue of participants and their public profiles, behind the secret link."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from matchmaker import select_locale
from matchmaker.extensions import db
from matchmaker.forms.catalogue import CatalogueForm
from matchmaker.forms.requests import ActionForm, RequestForm
from matchmaker.models import MeetingRequest
from matchmaker.services.catalogue import catalogue_facets, public_profile, search_catalogue
from matchmaker.services.matching import explain, recommendations_for
from matchmaker.services.requests import requests_open
from matchmaker.views.access import participant_or_404

bp = Blueprint("catalogue", __name__)


@bp.get("/p/<token>/catalogue")
def browse(token: str):  # noqa: ANN201
    viewer = participant_or_404(token)
    event = viewer.event
    countries, languages = catalogue_facets(event)
    form = CatalogueForm(
        request.args, event=event, locale=select_locale(), countries=countries, languages=languages
    )
    query = form.query()
    page = search_catalogue(event, query, exclude_id=viewer.id)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "catalogue/browse.html",
        event=event,
        viewer=viewer,
        token=token,
        form=form,
        page=page,
        args=args,
    )


@bp.get("/p/<token>/people/<int(max=2147483647):participant_id>")
def show_profile(token: str, participant_id: int):  # noqa: ANN201
    viewer = participant_or_404(token)
    person = public_profile(viewer.event, participant_id)
    if person is None:
        abort(404)
    sent = db.session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.sender_id == viewer.id, MeetingRequest.receiver_id == person.id
        )
    )
    return render_template(
        "catalogue/profile.html",
        event=viewer.event,
        viewer=viewer,
        token=token,
        person=person,
        sent=sent,
        form=RequestForm(),
        action=ActionForm(),
        can_request=requests_open(viewer.event) and person.id != viewer.id,
    )


@bp.get("/p/<token>/matches")
def matches(token: str):  # noqa: ANN201
    viewer = participant_or_404(token)
    locale = select_locale()
    found = [(r, explain(r, locale)) for r in recommendations_for(viewer)]
    sent = {
        r.receiver_id: r.status
        for r in db.session.scalars(
            select(MeetingRequest).where(
                MeetingRequest.sender_id == viewer.id,
                MeetingRequest.receiver_id.in_([r.participant.id for r, _ in found]),
            )
        )
    }
    return render_template(
        "catalogue/matches.html",
        event=viewer.event,
        viewer=viewer,
        token=token,
        found=found,
        sent=sent,
        form=RequestForm(),
        can_request=requests_open(viewer.event),
    )

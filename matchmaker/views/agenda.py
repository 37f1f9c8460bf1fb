"""The participant's agenda page and calendar feed, and the event's programme calendar."""

from __future__ import annotations

from flask import Blueprint, abort, g, make_response, render_template, request, url_for

from matchmaker import select_locale
from matchmaker.exports.ical import agenda_calendar, programme_calendar
from matchmaker.exports.qr import qr_svg
from matchmaker.forms.requests import ActionForm
from matchmaker.models import Participant
from matchmaker.models.enums import EventFormat, MeetingStatus, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services.agenda import agenda_days, last_change, meetings_of
from matchmaker.services.attendance import checkin_code, is_present, self_check_in_open
from matchmaker.services.events import agenda_visible
from matchmaker.services.feedback import given_by
from matchmaker.services.matching import stored_reason
from matchmaker.services.participants import feed_code, participant_by_feed_code
from matchmaker.services.rounds import rounds_days
from matchmaker.services.standby import open_offers_of
from matchmaker.views.access import ID, participant_or_404, public_event_or_404

bp = Blueprint("agenda", __name__)

ICS_TYPE = "text/calendar; charset=utf-8"


@bp.get("/p/<token>/agenda")
def show(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    event = participant.event
    published = agenda_visible(event)
    meetings = meetings_of(participant, with_cancelled=False) if published else []
    locale = select_locale()
    reasons = {m.id: stored_reason(m.explanation, participant.id, locale) for m in meetings}
    # the feed has its own read-only address: calendars are synced by third parties and
    # shared with colleagues, and must not carry the personal link that can act in one's name
    feed = url_for(
        "agenda.calendar", participant_id=participant.id, code=feed_code(participant),
        _external=True,
    )  # fmt: skip
    checkin_url = url_for(
        "checkin.scan", slug=event.slug, participant_id=participant.id,
        code=checkin_code(participant), _external=True,
    )  # fmt: skip
    confirmed = participant.status == ParticipantStatus.CONFIRMED
    now = utcnow()
    return render_template(
        "agenda/show.html",
        participant=participant,
        event=event,
        token=token,
        days=(
            rounds_days(event, participant, meetings)
            if event.format == EventFormat.ROUNDS
            else agenda_days(meetings, event.timezone, event.pause_minutes, event.sessions)
        ),
        reasons=reasons,
        feed_url=feed,
        webcal_url="webcal://" + feed.split("://", 1)[1],
        planned=MeetingStatus.PLANNED,
        published=published,
        now=now,
        offers=open_offers_of(participant, starting_after=now) if published else [],
        feedback=given_by(participant),
        round_two=event.feedback_round_two_at is not None,
        present=is_present(participant),
        here_open=published and confirmed and self_check_in_open(event),
        checkin_qr=(
            qr_svg(checkin_url, title=participant.name) if published and confirmed else None
        ),
        action=ActionForm(),
    )


@bp.get(f"/calendar/<{ID}:participant_id>/<code>.ics")
def calendar(participant_id: int, code: str):  # noqa: ANN201
    participant = participant_by_feed_code(participant_id, code)
    if participant is None:
        abort(404)
    g.timezone = participant.event.timezone
    return _calendar_response(participant)


@bp.get("/p/<token>/agenda.ics")
def feed(token: str):  # noqa: ANN201
    """The calendar under the personal link, for subscriptions made before the feed address."""
    return _calendar_response(participant_or_404(token))


def _calendar_response(participant: Participant):  # noqa: ANN202
    # before publication the calendar is empty: nothing is promised yet
    meetings = (
        meetings_of(participant, with_cancelled=True) if agenda_visible(participant.event) else []
    )
    # entries link to the public event page: whoever sees the calendar must not get the
    # personal link
    event_url = url_for("public.show_event", slug=participant.event.slug, _external=True)
    body = agenda_calendar(participant, meetings, event_url=event_url)
    response = make_response(body)
    response.headers["Content-Type"] = ICS_TYPE
    response.headers["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.last_modified = last_change(participant, meetings)
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/e/<slug>/programme.ics")
def programme(slug: str):  # noqa: ANN201
    event = public_event_or_404(slug)
    body = programme_calendar(
        event,
        event_url=url_for("public.show_event", slug=slug, _external=True),
        stamp=event.created_at,
    )
    response = make_response(body)
    response.headers["Content-Type"] = ICS_TYPE
    response.headers["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    response.add_etag()
    return response.make_conditional(request)

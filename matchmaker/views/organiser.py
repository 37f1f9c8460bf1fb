"""Organiser console: login, the organiser's events, and each event's outbox."""

from __future__ import annotations

import threading

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from matchmaker.exports.tables import TABLES, to_csv, to_xlsx
from matchmaker.extensions import db
from matchmaker.forms.organiser import ImportForm, LoginForm, LogoutForm, PhaseForm, RunForm
from matchmaker.forms.requests import ActionForm
from matchmaker.labels import EVENT_STATUSES, PARTICIPANT_STATUSES, RUN_ERRORS
from matchmaker.models import Event, OutboxMessage, Participant, ScheduleRun
from matchmaker.models.enums import EventStatus, OrganiserRole, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services.agenda import agenda_days, meetings_of
from matchmaker.services.catalogue import confirmed_participants
from matchmaker.services.events import set_phase
from matchmaker.services.importing import FileProblem, check_rows, import_rows, read_table
from matchmaker.services.liveness import run_state
from matchmaker.services.organisers import LoginThrottled, authenticate, can_manage
from matchmaker.services.roster import RosterError, roster, set_status, status_counts
from matchmaker.services.runs import RunError, accept_run, create_run, dispatch
from matchmaker.views.access import event_row_or_404, local_path

bp = Blueprint("organiser", __name__, url_prefix="/organiser")


def managed_event_or_404(slug: str) -> Event:
    """Return an event the logged-in organiser manages; any other looks like a missing one."""
    event = db.session.scalar(select(Event).where(Event.slug == slug))
    if event is None or not can_manage(current_user, event):
        abort(404)
    return event


@bp.route("/login", methods=["GET", "POST"])
def login():  # noqa: ANN201
    if current_user.is_authenticated:
        return redirect(url_for("organiser.dashboard"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            organiser = authenticate(
                form.email.data, form.password.data, client=request.remote_addr or "-"
            )
        except LoginThrottled:
            db.session.commit()
            form.password.errors.append(
                gettext("Too many failed attempts. Please wait 15 minutes and try again.")
            )
            return render_template("organiser/login.html", form=form), 429
        db.session.commit()
        if organiser is not None:
            login_user(organiser, remember=form.remember.data)
            return redirect(local_path(request.args.get("next"), url_for("organiser.dashboard")))
        form.password.errors.append(gettext("E-mail or password is wrong."))
        status = 401
    elif request.method == "POST":
        status = 422
    return render_template("organiser/login.html", form=form), status


@bp.post("/logout")
def logout():  # noqa: ANN201
    if LogoutForm().validate_on_submit():
        logout_user()
        flash(gettext("You are logged out."))
    return redirect(url_for("organiser.login"))


@bp.get("/")
@login_required
def dashboard():  # noqa: ANN201
    if current_user.role == OrganiserRole.ADMIN:
        events = db.session.scalars(select(Event).order_by(Event.created_at.desc())).all()
    else:
        events = sorted(current_user.events, key=lambda e: e.created_at, reverse=True)
    forms = {e.id: PhaseForm(status=e.status.value, prefix=f"e{e.id}") for e in events}
    return render_template(
        "organiser/dashboard.html", events=events, forms=forms, logout_form=LogoutForm()
    )


@bp.get("/events/<slug>/outbox")
@login_required
def outbox(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    messages = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.event_id == event.id)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(500)
    ).all()
    return render_template(
        "organiser/outbox.html", event=event, messages=messages, logout_form=LogoutForm()
    )


@bp.get("/events/<slug>/agendas")
@login_required
def print_agendas(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    g.timezone = event.timezone
    people = []
    for person in confirmed_participants(event):
        meetings = meetings_of(person, with_cancelled=False)
        if meetings:
            days = agenda_days(meetings, event.timezone, event.pause_minutes, event.sessions)
            people.append((person, days))
    return render_template("organiser/agendas.html", event=event, people=people)


@bp.get("/events/<slug>/participants")
@login_required
def participants(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    status = request.args.get("status", "")
    if status not in {s.value for s in ParticipantStatus}:
        status = ""
    text = request.args.get("q", "")[:200]
    return render_template(
        "organiser/participants.html",
        event=event,
        people=roster(event, status=status, text=text),
        counts=status_counts(event),
        status=status,
        text=text,
        action=ActionForm(),
        import_form=ImportForm(),
        logout_form=LogoutForm(),
    )


@bp.post(
    "/events/<slug>/participants/<int(max=2147483647):participant_id>/<any(confirm, cancel):verb>"
)
@login_required
def change_participant(slug: str, participant_id: int, verb: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    target = ParticipantStatus.CONFIRMED if verb == "confirm" else ParticipantStatus.CANCELLED
    try:
        person = set_status(event, participant_id, target)
    except RosterError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            gettext(
                "%(name)s: %(status)s", name=person.name, status=str(PARTICIPANT_STATUSES[target])
            )
        )
    return redirect(url_for("organiser.participants", slug=slug, **request.args))


@bp.route("/events/<slug>/runs", methods=["GET", "POST"])
@login_required
def runs(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = RunForm()
    if form.validate_on_submit():
        try:
            run = create_run(
                event, time_limit=form.time_limit.data, organiser_id=current_user.id,
                from_round=form.from_round.data,
            )  # fmt: skip
        except RunError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            started = dispatch(run)
            if isinstance(started, threading.Thread) and current_app.config.get("REDIS_URL"):
                flash(
                    gettext(
                        "The background queue cannot be reached, so this run goes on in the web "
                        "server: it may make pages slower, and a restart of the server stops it."
                    )
                )
            return redirect(url_for("organiser.show_run", slug=slug, run_id=run.id))
    history = db.session.scalars(
        select(ScheduleRun)
        .where(ScheduleRun.event_id == event.id)
        .order_by(ScheduleRun.id.desc())
        .limit(50)
    ).all()
    states = {run.id: run_state(run) for run in history}  # a run whose worker died: failed
    return render_template(
        "organiser/runs.html", event=event, form=form, history=history, states=states,
        logout_form=LogoutForm(),
    )  # fmt: skip


@bp.get("/events/<slug>/runs/<int(max=2147483647):run_id>")
@login_required
def show_run(slug: str, run_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    run = event_row_or_404(ScheduleRun, run_id, event)
    names = {}
    if run.statistics.get("unmet_must"):
        ids = {p for u in run.statistics["unmet_must"] for p in (u["a"], u["b"])}
        names = {
            p.id: p.name
            for p in db.session.scalars(select(Participant).where(Participant.id.in_(ids)))
        }
    return render_template(
        "organiser/run.html", event=event, run=run, state=run_state(run), names=names,
        action=ActionForm(), logout_form=LogoutForm(),
    )  # fmt: skip


@bp.get("/events/<slug>/runs/<int(max=2147483647):run_id>.json")
@login_required
def run_progress(slug: str, run_id: int):  # noqa: ANN201
    run = event_row_or_404(ScheduleRun, run_id, managed_event_or_404(slug))
    state = run_state(run)
    return {
        "status": state.status.value,
        "error": str(RUN_ERRORS.get(state.error, state.error)),
        "progress": run.progress,
        "objective": run.objective,
        "bound": run.bound,
        "scheduled": run.scheduled,
        "elapsed": (
            round(((run.finished_at or utcnow()) - run.started_at).total_seconds(), 1)
            if run.started_at
            else 0
        ),
    }


@bp.post("/events/<slug>/runs/<int(max=2147483647):run_id>/accept")
@login_required
def accept(slug: str, run_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    run = event_row_or_404(ScheduleRun, run_id, event)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        result = accept_run(run)
    except RunError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            gettext(
                "Agenda written: %(new)d new, %(moved)d moved, %(same)d unchanged, "
                "%(cancelled)d cancelled.",
                new=result.created,
                moved=result.moved,
                same=result.unchanged,
                cancelled=result.cancelled,
            )  # fmt: skip
        )
    return redirect(url_for("organiser.show_run", slug=slug, run_id=run_id))


@bp.post("/events/<slug>/phase")
@login_required
def change_phase(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = PhaseForm(prefix=f"e{event.id}")
    if form.validate_on_submit():
        set_phase(event, EventStatus(form.status.data))
        db.session.commit()
        flash(gettext("The event is now: %(phase)s", phase=str(EVENT_STATUSES[event.status])))
    else:
        flash(gettext("Choose a phase from the list."), "error")
    return redirect(url_for("organiser.dashboard"))


@bp.post("/events/<slug>/participants/import")
@login_required
def import_participants(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = ImportForm()
    errors: list = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = read_table(upload.filename or "", upload.read())
        except FileProblem as exc:
            form.file.errors.append(str(exc))
        else:
            errors = check_rows(event, rows)
            if not errors:
                result = import_rows(event, rows)
                db.session.commit()
                flash(gettext("Imported: %(new)d new, %(updated)d updated.",
                              new=result.created, updated=result.updated))  # fmt: skip
                return redirect(url_for("organiser.participants", slug=slug))
    return render_template(
        "organiser/import.html", event=event, form=form, errors=errors, logout_form=LogoutForm()
    ), 422


@bp.get("/events/<slug>/export/<any(participants, requests, meetings):what>.<any(csv, xlsx):fmt>")
@login_required
def export(slug: str, what: str, fmt: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    header, rows = TABLES[what](event)
    if fmt == "csv":
        body, mimetype = to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body = to_xlsx(header, rows, what)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = make_response(body)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}-{what}.{fmt}"'
    return response

"""Participant pages: registration, the private home behind the secret link, profile editing."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, gettext

from matchmaker import select_locale
from matchmaker.extensions import db
from matchmaker.forms.profile import (
    DeleteForm,
    LinkRequestForm,
    ProfileForm,
    RegistrationForm,
    add_row_if_asked,
    profile_form_data,
)
from matchmaker.models import OutboxMessage, Participant
from matchmaker.models.enums import EventStatus
from matchmaker.services import rules, throttle
from matchmaker.services.mail import deliver
from matchmaker.services.participants import (
    DuplicateRegistration,
    RegistrationError,
    find_participant,
    queue_link_message,
    register_participant,
    reissue_link,
    update_profile,
)
from matchmaker.services.privacy import erase_participant, export_participant
from matchmaker.views.access import after_commit, participant_or_404, public_event_or_404

bp = Blueprint("participant", __name__)


def _send_link(participant: Participant, token: str) -> OutboxMessage:
    link = url_for("participant.home", token=token, _external=True)
    with force_locale(participant.locale):
        subject = gettext("Your personal link for %(event)s", event=participant.event.title)
        body = gettext(
            "Hello %(name)s,\n\nthis is your personal link for %(event)s:\n\n{link}\n\n"
            "With it you edit your profile, answer meeting requests and see your agenda. "
            "Keep it to yourself: anyone who has it can act in your name.",
            name=participant.name,
            event=participant.event.title,
        )
    return queue_link_message(participant, link, subject=subject, body=body)


def _deliver_after_commit(message: OutboxMessage) -> bool:
    """Send a committed outbox message; its outcome is committed separately so a mail server
    failure, nor losing the database meanwhile, ever loses the registration it belongs to."""

    def send() -> bool:
        sent = deliver(message)
        db.session.commit()
        return sent

    return after_commit(send, False)


@bp.route("/e/<slug>/register", methods=["GET", "POST"])
def register(slug: str):  # noqa: ANN201
    event = public_event_or_404(slug)
    if not rules.registration_open(event):
        return render_template("participant/closed.html", event=event), 403
    locale = select_locale()
    form = RegistrationForm(event=event, locale=locale)
    if request.method == "GET":
        form.add_row("offers")
        form.add_row("needs")
    if not add_row_if_asked(form) and form.validate_on_submit():
        throttle.limit("register", f"{request.remote_addr}:{event.id}")
        try:
            participant, token = register_participant(
                event, form.profile_data(locale), consent=form.consent.data
            )
        except DuplicateRegistration:
            form.email.errors.append(
                gettext("This e-mail address is registered for this event already.")
            )
            return render_template(
                "participant/register.html",
                event=event,
                form=form,
                link_form=LinkRequestForm(email=form.email.data),
            ), 409
        except RegistrationError as exc:
            flash(str(exc), "error")
        else:
            message = _send_link(participant, token)
            db.session.commit()
            flash(
                gettext("You are registered. Keep this page's address: it is your personal link.")
            )
            if _deliver_after_commit(message):
                flash(gettext("We have also sent the link to your e-mail address."))
            return redirect(url_for("participant.home", token=token))
    status = 422 if request.method == "POST" and form.errors else 200
    return render_template("participant/register.html", event=event, form=form), status


@bp.post("/e/<slug>/link")
def request_link(slug: str):  # noqa: ANN201
    event = public_event_or_404(slug)
    form = LinkRequestForm()
    if not form.validate_on_submit():
        return render_template("participant/link.html", event=event, form=form), 422
    throttle.limit("link", f"{request.remote_addr}:{event.id}")
    throttle.limit("link_email", f"{event.id}:{form.email.data.strip().lower()}")
    participant = find_participant(event, form.email.data)
    if participant is not None:
        message = _send_link(participant, reissue_link(participant))
        db.session.commit()
        _deliver_after_commit(message)
    # the same answer either way, so the form cannot be used to test who is registered
    return render_template("participant/link.html", event=event, form=None)


@bp.get("/p/<token>")
def home(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    return render_template(
        "participant/home.html",
        participant=participant,
        event=participant.event,
        token=token,
        link=url_for("participant.home", token=token, _external=True),
    )


@bp.route("/p/<token>/edit", methods=["GET", "POST"])
def edit(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    event = participant.event
    if event.status == EventStatus.CLOSED:
        flash(gettext("The event is closed; profiles can no longer be changed."), "error")
        return redirect(url_for("participant.home", token=token))
    locale = select_locale()
    initial = None if request.method == "POST" else profile_form_data(participant)
    form = ProfileForm(event=event, locale=locale, data=initial)
    if not add_row_if_asked(form) and form.validate_on_submit():
        try:
            update_profile(participant, form.profile_data(participant.locale))
        except RegistrationError as exc:
            getattr(form, exc.field or "save").errors = [str(exc)]
        else:
            db.session.commit()
            flash(gettext("Your profile is saved."))
            return redirect(url_for("participant.home", token=token))
    status = 422 if request.method == "POST" and form.errors else 200
    return render_template(
        "participant/edit.html", event=event, form=form, participant=participant, token=token
    ), status


@bp.get("/p/<token>/data.json")
def download_data(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    response = jsonify(export_participant(participant))
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/p/<token>/delete", methods=["GET", "POST"])
def delete_registration(token: str):  # noqa: ANN201
    participant = participant_or_404(token)
    form = DeleteForm()
    if form.validate_on_submit():
        event = participant.event
        erase_participant(participant)
        db.session.commit()
        flash(gettext("Your registration and your personal data are deleted."))
        return redirect(url_for("public.show_event", slug=event.slug))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "participant/delete.html", participant=participant, event=participant.event,
        token=token, form=form,
    ), status  # fmt: skip

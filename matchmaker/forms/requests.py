"""Forms for meeting requests."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from matchmaker.forms.base import AppForm
from matchmaker.models.enums import RequestPriority
from matchmaker.services.requests import MAX_MESSAGE


class RequestForm(AppForm):
    priority = RadioField(
        _l("How important is this meeting?"),
        choices=[
            (RequestPriority.MUST.value, _l("Must meet")),
            (RequestPriority.WOULD_LIKE.value, _l("Would like to meet")),
        ],
        default=RequestPriority.WOULD_LIKE.value,
        validators=[InputRequired()],
    )
    message = TextAreaField(_l("Short message (optional)"), validators=[Length(max=MAX_MESSAGE)])
    send = SubmitField(_l("Request a meeting"))


class ActionForm(AppForm):
    """A button that changes state: only its CSRF token is checked."""

"""Organiser forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    IntegerField,
    PasswordField,
    SelectField,
    SubmitField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from matchmaker.forms.base import AppForm
from matchmaker.labels import EVENT_STATUSES


class LoginForm(AppForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    remember = BooleanField(_l("Stay logged in on this device"))
    submit = SubmitField(_l("Log in"))


class LogoutForm(AppForm):
    submit = SubmitField(_l("Log out"))


class RunForm(AppForm):
    time_limit = FloatField(
        _l("Time for the optimiser (seconds)"),
        default=30.0,
        validators=[InputRequired(), NumberRange(min=5, max=900)],
    )
    from_round = IntegerField(
        _l("Generate from round"),
        description=_l("Rounds before it stay as they are (people have already met)."),
        default=1,
        validators=[Optional(), NumberRange(min=1, max=1000)],
    )
    submit = SubmitField(_l("Generate agenda"))


class PhaseForm(AppForm):
    status = SelectField(
        _l("Phase"), choices=[(s.value, label) for s, label in EVENT_STATUSES.items()]
    )
    submit = SubmitField(_l("Change phase"))


class ImportForm(AppForm):
    file = FileField(
        _l("CSV or Excel file"), validators=[FileRequired(message=_l("Choose a file."))]
    )
    submit = SubmitField(_l("Check and import"))


class MeetingForm(AppForm):
    """Place a meeting: two participants (when adding), a slot and a table."""

    a = SelectField(_l("Participant"), coerce=int, validate_choice=False)
    b = SelectField(_l("Partner"), coerce=int, validate_choice=False)
    slot = SelectField(_l("Time"), validators=[InputRequired()])
    table = SelectField(_l("Table"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, slots, tables, people, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.slot.choices = slots
        self.table.choices = tables
        self.a.choices = self.b.choices = people

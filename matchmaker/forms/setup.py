"""Forms to set up an event: details and rules, sessions, tables, areas, actor-type mixes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from matchmaker.forms.base import AppForm
from matchmaker.labels import ACTOR_TYPES, EVENT_FORMATS
from matchmaker.services import rules

ACTOR_TYPE_CHOICES = [(k.value, v) for k, v in ACTOR_TYPES.items()]
MAX_ID = 2**31 - 1


def _zone(form, field) -> None:  # noqa: ANN001
    if not rules.is_timezone(field.data or ""):
        raise ValidationError(_l("Enter an IANA time zone such as Europe/Berlin."))


class NewEventForm(AppForm):
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)])
    slug = StringField(
        _l("Short name in addresses"),
        validators=[
            InputRequired(),
            Length(max=80),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                message=_l("Lowercase letters, digits and single hyphens."),
            ),
        ],
    )
    timezone = StringField(_l("Time zone"), default="Europe/Berlin", validators=[_zone])
    format = SelectField(_l("Format"), choices=[(k.value, v) for k, v in EVENT_FORMATS.items()])
    submit = SubmitField(_l("Create event"))


class DetailsForm(AppForm):
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    venue = StringField(_l("Venue"), validators=[Length(max=300)])
    timezone = StringField(_l("Time zone"), validators=[_zone])
    meeting_minutes = IntegerField(
        _l("Meeting length (minutes)"), validators=[InputRequired(), NumberRange(5, 240)]
    )
    pause_minutes = IntegerField(
        _l("Pause between meetings (minutes)"), validators=[InputRequired(), NumberRange(0, 120)]
    )
    max_meetings_per_participant = IntegerField(
        _l("Meetings per participant at most"), validators=[Optional(), NumberRange(1, 100)]
    )
    max_requests_per_participant = IntegerField(
        _l("Open requests per participant at most"), validators=[Optional(), NumberRange(1, 500)]
    )
    request_expiry_hours = IntegerField(
        _l("Requests expire after (hours)"), validators=[Optional(), NumberRange(1, 24 * 60)]
    )
    registration_deadline = DateTimeLocalField(
        _l("Registration closes (UTC)"), validators=[Optional()]
    )
    request_deadline = DateTimeLocalField(_l("Requests close (UTC)"), validators=[Optional()])
    contact_email = StringField(_l("Contact e-mail"), validators=[Length(max=254)])
    cross_border_bonus = IntegerField(
        _l("Bonus for cross-border pairs (points)"), validators=[Optional(), NumberRange(0, 50)]
    )
    interpreters_allowed = BooleanField(
        _l("Interpreters available (pairs without a shared language may meet)")
    )
    submit = SubmitField(_l("Save"))


class SessionForm(AppForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=100)])
    day = DateField(_l("Day"), validators=[InputRequired()])
    start_time = TimeField(_l("Start"), validators=[InputRequired()])
    end_time = TimeField(_l("End"), validators=[InputRequired()])
    submit = SubmitField(_l("Add session"))

    def validate_end_time(self, field) -> None:  # noqa: ANN001
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The session must end after it starts."))


class TablesForm(AppForm):
    prefix = StringField(_l("Name"), default="Tisch", validators=[InputRequired(), Length(max=60)])
    first = IntegerField(
        _l("From number"), default=1, validators=[InputRequired(), NumberRange(1, 9999)]
    )
    last = IntegerField(
        _l("To number"), default=40, validators=[InputRequired(), NumberRange(1, 9999)]
    )
    zone = StringField(_l("Hall or zone (optional)"), validators=[Length(max=100)])
    submit = SubmitField(_l("Create tables"))

    def validate_last(self, field) -> None:  # noqa: ANN001
        if self.first.data and field.data is not None:
            if field.data < self.first.data:
                raise ValidationError(_l("The last number must not be below the first."))
            if field.data - self.first.data >= 1000:
                raise ValidationError(_l("At most 1,000 tables at once."))


def optional_int(value: object) -> int | None:
    """Coerce a select's value to an id; the empty choice means none."""
    if value in ("", None):
        return None
    number = int(value)  # type: ignore[arg-type]
    if not 0 < number <= MAX_ID:  # beyond the database's integer range: no such row
        raise ValueError(value)
    return number


class CategoryForm(AppForm):
    """Add an area of activity, or rename one (each row has its own prefix)."""

    key = StringField(
        _l("Key (in import files)"),
        validators=[
            InputRequired(),
            Length(max=rules.MAX_CATEGORY_KEY),
            Regexp(rules.CATEGORY_KEY, message=_l("Lowercase letters, digits, - and _.")),
        ],
    )
    name_en = StringField(
        _l("English name"), validators=[InputRequired(), Length(max=rules.MAX_CATEGORY_NAME)]
    )
    name_de = StringField(
        _l("German name"), validators=[InputRequired(), Length(max=rules.MAX_CATEGORY_NAME)]
    )
    submit = SubmitField(_l("Save"))


class CategoryDeleteForm(AppForm):
    """Delete an area; offers and needs that use it move to the area chosen here."""

    move_to = SelectField(
        _l("Move its offers and needs to"), coerce=optional_int, validate_choice=False
    )
    submit = SubmitField(_l("Delete"))

    def __init__(self, *args, categories, locale: str, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.move_to.choices = [("", "—")] + [(c.id, c.name(locale)) for c in categories]


class ActorMixForm(AppForm):
    """Add an actor-type mix or change its points."""

    type_a = SelectField(_l("Actor type"), choices=ACTOR_TYPE_CHOICES)
    type_b = SelectField(_l("meets actor type"), choices=ACTOR_TYPE_CHOICES)
    points = IntegerField(
        _l("Extra points"),
        default=5,
        validators=[InputRequired(), NumberRange(*rules.MIX_POINTS)],
    )
    submit = SubmitField(_l("Save mix"))

"""Forms for the venue: zones (halls), putting tables into zones, and exhibitors' booths."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from matchmaker.forms.base import AppForm
from matchmaker.forms.setup import optional_int
from matchmaker.services.venue import MAX_NAME


class ZoneForm(AppForm):
    """Add a zone, or rename one (each row has its own prefix)."""

    name = StringField(_l("Hall or zone"), validators=[InputRequired(), Length(max=MAX_NAME)])
    submit = SubmitField(_l("Save"))


def _zone_choices(zones: list) -> list[tuple[object, str]]:
    return [("", _l("no zone"))] + [(z.id, z.name) for z in zones]


class AssignZoneForm(AppForm):
    """Put a range of tables into one zone."""

    first = IntegerField(
        _l("Tables from number"), validators=[InputRequired(), NumberRange(1, 9999)]
    )
    last = IntegerField(_l("to number"), validators=[InputRequired(), NumberRange(1, 9999)])
    zone = SelectField(_l("Zone"), coerce=optional_int)
    submit = SubmitField(_l("Assign"))

    def __init__(self, *args, zones: list, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.zone.choices = _zone_choices(zones)

    def validate_last(self, field: IntegerField) -> None:
        if self.first.data and field.data is not None and field.data < self.first.data:
            raise ValidationError(_l("The last number must not be below the first."))


class BoothForm(AppForm):
    """Give an exhibitor a booth: a numbered place they hold all their meetings at."""

    # not limited to the choices: the service explains why someone cannot get a booth
    owner = SelectField(_l("Exhibitor"), coerce=optional_int, validate_choice=False)
    number = IntegerField(_l("Number (optional)"), validators=[Optional(), NumberRange(1, 9999)])
    name = StringField(_l("Name (optional)"), validators=[Length(max=MAX_NAME)])
    zone = SelectField(_l("Zone"), coerce=optional_int)
    submit = SubmitField(_l("Create booth"))

    def __init__(self, *args, people: list, zones: list, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.owner.choices = [("", "—")] + [(p.id, f"{p.organisation} ({p.name})") for p in people]
        self.zone.choices = _zone_choices(zones)

    def validate_owner(self, field: SelectField) -> None:
        if field.data is None:
            raise ValidationError(_l("Choose the exhibitor."))

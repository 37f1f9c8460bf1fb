"""Forms of the speed-dating rounds format."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, SubmitField
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker.forms.base import AppForm
from matchmaker.labels import ACTOR_TYPES


class SidesForm(AppForm):
    """Two-sided rounds: the actor types of side A meet only the others (e.g. start-ups ↔
    investors); nothing chosen means everyone may meet everyone."""

    side_a = SelectMultipleField(
        _l("Side A (meets only the other side)"),
        choices=[(k.value, v) for k, v in ACTOR_TYPES.items()],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    submit = SubmitField(_l("Save sides"))

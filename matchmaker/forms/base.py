"""The base classes of every form: text fields refuse control characters.

A NUL byte cannot be stored in PostgreSQL text (the insert fails), and no person types an
escape or a backspace into a form; so every text field (``StringField`` and its kinds: text
areas, e-mail, URL, search, password) gets a clear field error for them, whatever the form.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, StringField, ValidationError

from matchmaker.services import rules


def no_control_characters(form: Form, field: StringField) -> None:
    """Refuse text with control characters (tab and line breaks are fine)."""
    if isinstance(field.data, str) and rules.has_control_characters(field.data):
        raise ValidationError(_l("Remove control characters (such as NUL) from this text."))


class _TextMeta:
    """Form options: every bound text field gets the control-character check."""

    def bind_field(self, form: Form, unbound_field, options: dict):  # noqa: ANN001, ANN201
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField):
            field.validators = [*field.validators, no_control_characters]
        return field


class AppForm(FlaskForm):
    """A form that is posted (with a CSRF token)."""

    class Meta(_TextMeta):
        pass


class PlainForm(Form):
    """A form without a CSRF token: a GET search form or the rows of another form."""

    class Meta(_TextMeta):
        pass

"""The catalogue's search and filter form (GET, no state change, so no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SearchField, SelectField
from wtforms.validators import Length, NumberRange, Optional

from matchmaker.forms.base import PlainForm
from matchmaker.labels import ACTOR_TYPES
from matchmaker.services import rules
from matchmaker.services.catalogue import CatalogueQuery


class CatalogueForm(PlainForm):
    q = SearchField(_l("Search"), validators=[Length(max=200)])
    actor_type = SelectField(_l("Type of organisation"), validators=[Optional()])
    country = SelectField(_l("Country"), validators=[Optional()])
    category = SelectField(_l("Area"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])

    def __init__(self, formdata, *, event, locale: str, countries, languages) -> None:  # noqa: ANN001
        super().__init__(formdata)
        every = ("", _l("all"))
        country_names = dict(rules.country_names(locale))
        language_names = dict(rules.language_names(locale))
        self.actor_type.choices = [every, *((k.value, v) for k, v in ACTOR_TYPES.items())]
        self.country.choices = [every, *((c, country_names.get(c, c)) for c in countries)]
        self.category.choices = [every, *((c.key, c.name(locale)) for c in event.categories)]
        self.language.choices = [every, *((c, language_names.get(c, c)) for c in languages)]

    def query(self) -> CatalogueQuery:
        """Return the valid part of the filters; an invalid filter is dropped, not applied."""
        self.validate()

        def valid(field) -> str:  # noqa: ANN001
            # Optional() passes a blank value (" ") without checking the choices: drop it too
            return "" if field.errors or not (field.data or "").strip() else field.data

        return CatalogueQuery(
            text=valid(self.q),
            actor_type=valid(self.actor_type),
            country=valid(self.country),
            category=valid(self.category),
            language=valid(self.language),
            page=1 if self.page.errors or not self.page.data else self.page.data,
        )

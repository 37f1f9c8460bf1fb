"""Registration and profile forms of participants."""

from __future__ import annotations

from datetime import datetime

from flask import request
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
    ValidationError,
)
from wtforms.validators import URL, Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker.forms.base import AppForm, PlainForm
from matchmaker.labels import ACTOR_TYPES
from matchmaker.models import Participant
from matchmaker.services import rules
from matchmaker.services.participants import ItemData, ProfileData
from matchmaker.services.slots import event_slots

BLANK_ROWS = 2  # empty offer/need rows shown for adding without JavaScript


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ItemForm(PlainForm):
    """One offer or need; a row left empty is ignored."""

    category = SelectField(_l("Area"), validate_choice=False)
    title = StringField(_l("Title"), validators=[Length(max=rules.MAX_ITEM_TITLE)])
    description = TextAreaField(
        _l("Description"), validators=[Length(max=rules.MAX_ITEM_DESCRIPTION)]
    )

    @property
    def is_blank(self) -> bool:
        return not (self.title.data or "").strip() and not (self.description.data or "").strip()

    def validate_title(self, field: StringField) -> None:
        if not self.is_blank and not (field.data or "").strip():
            raise ValidationError(_l("Give this entry a title."))

    def validate_category(self, field: SelectField) -> None:
        if self.is_blank:
            return
        if field.data not in {value for value, _label in field.choices if value}:
            raise ValidationError(_l("Choose an area from the list."))


class ProfileForm(AppForm):
    first_name = StringField(
        _l("First name"), validators=[InputRequired(), Length(max=rules.MAX_NAME)]
    )
    last_name = StringField(
        _l("Last name"), validators=[InputRequired(), Length(max=rules.MAX_NAME)]
    )
    email = EmailField(
        _l("E-mail"),
        validators=[InputRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    organisation = StringField(
        _l("Organisation"), validators=[InputRequired(), Length(max=rules.MAX_ORGANISATION)]
    )
    actor_type = SelectField(_l("Type of organisation"), validators=[InputRequired()])
    country = SelectField(_l("Country"), validators=[InputRequired()])
    city = StringField(_l("Region / city"), validators=[Length(max=rules.MAX_CITY)])
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            Length(max=rules.MAX_WEBSITE),
            URL(message=_l("Enter a web address starting with https://")),
        ],
    )
    languages = MultiCheckboxField(_l("Languages you can hold a meeting in"))
    profile_text = TextAreaField(
        _l("About your organisation"), validators=[Length(max=rules.MAX_PROFILE)]
    )
    sessions = MultiCheckboxField(_l("Sessions you can attend"), coerce=int)
    blocked = MultiCheckboxField(_l("Times you cannot attend within your sessions (optional)"))
    max_meetings = IntegerField(
        _l("At most this many meetings (optional)"),
        validators=[Optional(), NumberRange(min=1, max=rules.MAX_OWN_MEETINGS)],
    )
    offers = FieldList(FormField(ItemForm), min_entries=1, max_entries=rules.MAX_ITEMS_PER_KIND)
    needs = FieldList(FormField(ItemForm), min_entries=1, max_entries=rules.MAX_ITEMS_PER_KIND)
    more_offers = SubmitField(_l("Add another offer"))
    more_needs = SubmitField(_l("Add another need"))
    save = SubmitField(_l("Save"))

    def __init__(self, *args, event, locale: str, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.actor_type.choices = [("", "—")] + [(k.value, v) for k, v in ACTOR_TYPES.items()]
        self.country.choices = [("", "—"), *rules.country_names(locale)]
        self.languages.choices = list(rules.language_names(locale))
        self.sessions.choices = [
            (
                s.id,
                f"{s.name} ({format_date(s.day, 'medium')} "
                f"{s.start_time:%H:%M}–{s.end_time:%H:%M})",
            )
            for s in event.sessions
        ]
        self.blocked.choices = [
            (slot.starts_at.isoformat(), format_time(slot.local_start, "short") + f" ({session})")
            for slot in event_slots(event)
            for session in [event.sessions[slot.session_index].name]
        ]
        categories = [("", "—")] + [(c.key, c.name(locale)) for c in event.categories]
        for entry in (*self.offers, *self.needs):
            entry.category.choices = categories
        self._categories = categories

    def add_row(self, kind: str) -> None:
        """Show one more empty offer or need row (the no-JavaScript way of adding)."""
        rows = getattr(self, kind)
        if len(rows) < rules.MAX_ITEMS_PER_KIND:
            rows.append_entry().category.choices = self._categories

    def validate_languages(self, field: MultiCheckboxField) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one language."))
        if set(field.data) - set(rules.LANGUAGE_CODES):
            raise ValidationError(_l("Choose languages from the list."))

    def validate_sessions(self, field: MultiCheckboxField) -> None:
        if field.choices and not field.data:
            raise ValidationError(_l("Choose at least one session."))
        if set(field.data or ()) - {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose sessions from the list."))

    def validate_blocked(self, field: MultiCheckboxField) -> None:
        if set(field.data or ()) - {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose times from the list."))

    def validate_country(self, field: SelectField) -> None:
        if not rules.is_country(field.data or ""):
            raise ValidationError(_l("Choose a country from the list."))

    def validate_actor_type(self, field: SelectField) -> None:
        if field.data not in ACTOR_TYPES:
            raise ValidationError(_l("Choose a type from the list."))

    def profile_data(self, locale: str) -> ProfileData:
        """Return the submitted profile as the service's input."""

        def items(rows: FieldList) -> tuple[ItemData, ...]:
            return tuple(
                ItemData(r.category.data, r.title.data.strip(), (r.description.data or "").strip())
                for r in (row.form for row in rows)
                if not r.is_blank
            )

        return ProfileData(
            first_name=self.first_name.data,
            last_name=self.last_name.data,
            email=self.email.data,
            organisation=self.organisation.data,
            actor_type=self.actor_type.data,
            country=self.country.data,
            city=self.city.data or "",
            website=self.website.data or "",
            profile_text=self.profile_text.data or "",
            languages=tuple(self.languages.data or ()),
            session_ids=tuple(self.sessions.data or ()),
            blocked_starts=tuple(datetime.fromisoformat(v) for v in self.blocked.data or ()),
            max_meetings=self.max_meetings.data,
            locale=locale,
            offers=items(self.offers),
            needs=items(self.needs),
        )


def add_row_if_asked(form: ProfileForm) -> bool:
    """Handle the no-JavaScript "add another" buttons; True when one was pressed."""
    for kind in ("offers", "needs"):
        if request.method == "POST" and f"more_{kind}" in request.form:
            form.add_row(kind)
            return True
    return False


def profile_form_data(participant: Participant) -> dict:
    """Return a participant's profile as the form's initial data, plus one empty row each."""

    def rows(items: list) -> list[dict]:
        filled = [
            {
                "category": i.category.key if i.category else "",
                "title": i.title,
                "description": i.description,
            }  # fmt: skip
            for i in items
        ]
        return [*filled, {"category": "", "title": "", "description": ""}]

    names = ("first_name", "last_name", "email", "organisation", "country", "city", "website",
             "profile_text", "max_meetings")  # fmt: skip
    data = {name: getattr(participant, name) for name in names}
    data.update(
        actor_type=participant.actor_type.value,
        languages=participant.language_codes,
        sessions=[s.id for s in participant.sessions],
        blocked=[b.starts_at.isoformat() for b in participant.blocked_slots],
        offers=rows(participant.offers),
        needs=rows(participant.needs),
    )
    return data


class RegistrationForm(ProfileForm):
    consent = BooleanField(
        _l("I agree that my profile is published to the participants of this event."),
        validators=[InputRequired(message=_l("Registration needs your consent."))],
    )
    save = SubmitField(_l("Register"))


class LinkRequestForm(AppForm):
    email = EmailField(
        _l("E-mail"),
        validators=[InputRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    send = SubmitField(_l("Send me a new link"))


class DeleteForm(AppForm):
    confirm = BooleanField(
        _l("Yes, delete my registration and my data. My meetings are cancelled."),
        validators=[InputRequired(message=_l("Tick the box to confirm."))],
    )
    delete = SubmitField(_l("Delete my registration"))

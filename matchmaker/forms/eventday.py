"""Forms for the event day: feedback, the no-show cut-off and settling meetings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange

from matchmaker.forms.base import AppForm
from matchmaker.services.feedback import MAX_COMMENT

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class FeedbackForm(AppForm):
    """Round 1, right after a meeting."""

    rating = RadioField(
        _l("How useful was the meeting?"),
        choices=[
            ("4", _l("4 – very useful")),
            ("3", _l("3 – useful")),
            ("2", _l("2 – a little useful")),
            ("1", _l("1 – not useful")),
        ],
        validators=[InputRequired(message=_l("Choose a rating."))],
    )
    follow_up = RadioField(
        _l("Have you planned a follow-up (a call, a visit, an offer)?"),
        choices=YES_NO,
        validators=[InputRequired(message=_l("Say yes or no."))],
    )
    comment = TextAreaField(_l("Comment (optional)"), validators=[Length(max=MAX_COMMENT)])
    submit = SubmitField(_l("Save feedback"))


class CooperationForm(AppForm):
    """Round 2, weeks after the event."""

    cooperation = RadioField(
        _l("Did a cooperation come out of this meeting?"),
        choices=YES_NO,
        validators=[InputRequired(message=_l("Say yes or no."))],
    )
    comment = TextAreaField(_l("Comment (optional)"), validators=[Length(max=MAX_COMMENT)])
    submit = SubmitField(_l("Save feedback"))


class NoShowForm(AppForm):
    minutes = IntegerField(
        _l("Minutes before a meeting"),
        description=_l(
            "Whoever has not checked in this long before a meeting of theirs is marked absent; "
            "their partners are offered standby meetings."
        ),
        validators=[
            InputRequired(message=_l("Enter a number of minutes.")),
            NumberRange(min=0, max=240, message=_l("Enter between 0 and 240 minutes.")),
        ],
    )
    submit = SubmitField(_l("Mark absent who has not checked in"))


class SettleForm(AppForm):
    assume_present = BooleanField(
        _l("Count everyone not marked absent as present (for events without check-in)")
    )
    submit = SubmitField(_l("Mark past meetings as held"))

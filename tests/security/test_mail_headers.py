"""A line break in an event title cannot add mail headers, nor turn a registration into a 500."""

from __future__ import annotations

from matchmaker.extensions import db
from tests.views.test_mail import configure, smtp  # noqa: F401  (the SMTP server fixture)
from tests.views.test_registration import register


def test_title_with_a_line_break_sends_a_one_line_subject(app, client, make_event, smtp):  # noqa: F811
    port, inbox = smtp
    configure(app, port)
    event = make_event(slug="boerse", title="Börse\r\nBcc: victim@evil.example")
    db.session.commit()
    response = register(client, event)
    assert response.status_code == 302
    ((recipients, mail),) = inbox.messages
    assert recipients == ["joerg.koehler@lumen.example"]
    assert mail["Subject"] == "Your personal link for Börse Bcc: victim@evil.example"
    assert mail["Bcc"] is None

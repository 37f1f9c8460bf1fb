"""Mail delivery of personal links through a real SMTP server on loopback."""

import re
import socket
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage
from tests.views.test_registration import register


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default))
        )
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture
def event(make_event):
    event = make_event(slug="boerse")
    db.session.commit()
    return event


def configure(app, port: int) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False,
                      MAIL_SENDER="boerse@cluster.example")  # fmt: skip


def test_registration_mails_the_personal_link(app, client, event, smtp):
    port, inbox = smtp
    configure(app, port)
    response = register(client, event)
    token = response.headers["Location"].rsplit("/", 1)[1]
    assert len(inbox.messages) == 1
    recipients, mail = inbox.messages[0]
    assert recipients == ["joerg.koehler@lumen.example"]
    assert mail["From"] == "boerse@cluster.example"
    assert mail["Subject"] == f"Your personal link for {event.title}"
    assert f"http://localhost/p/{token}" in mail.get_content()
    stored = db.session.scalar(select(OutboxMessage))
    assert stored.sent_at is not None and stored.error == ""
    home = client.get(response.headers["Location"], headers={"Accept-Language": "en"})
    assert "We have also sent the link to your e-mail address." in home.get_data(as_text=True)


def test_registration_survives_a_mail_server_that_is_down(app, client, event):
    configure(app, free_port())  # nothing listens there
    response = register(client, event)
    assert response.status_code == 302
    stored = db.session.scalar(select(OutboxMessage))
    assert stored.sent_at is None
    assert re.match(r"ConnectionRefusedError", stored.error)
    home = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "/p/" in home  # the link is still on screen


def test_without_mail_server_nothing_is_sent_and_link_stays_in_outbox(client, event, smtp):
    _port, inbox = smtp
    register(client, event)
    assert inbox.messages == []
    stored = db.session.scalar(select(OutboxMessage))
    assert stored.sent_at is None and stored.error == ""

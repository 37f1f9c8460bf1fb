"""Delivering outbox mail over SMTP, when a mail server is configured."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage
from matchmaker.models.types import utcnow


def mail_configured() -> bool:
    """Tell whether outgoing mail is sent, or only kept in the outbox."""
    return bool(current_app.config.get("MAIL_SERVER"))


def deliver(message: OutboxMessage) -> bool:
    """Send one outbox message; record success or the error on it, never raise."""
    config = current_app.config
    if not mail_configured() or message.sent_at is not None:
        return False
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.recipient
    # one line: a line break in a header is refused by the email package (and would be
    # header injection); event titles come from a form field that could carry one
    email["Subject"] = " ".join(message.subject.split())
    email.set_content(message.body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as exc:
        # the message stays in the outbox with the reason, for the organiser to see and resend
        message.error = f"{type(exc).__name__}: {exc}"[:1000]
        db.session.flush()
        return False
    message.sent_at = utcnow()
    message.error = ""
    db.session.flush()
    return True


def deliver_pending(event_id: int, limit: int = 100) -> int:
    """Send the event's queued messages that were never tried; return how many went out."""
    if not mail_configured():
        return 0
    pending = db.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.event_id == event_id,
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.error == "",
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    return sum(deliver(message) for message in pending)

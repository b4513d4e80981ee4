"""Outgoing e-mail through the outbox table.

Mail is queued inside the transaction that causes it and delivered after commit, so a
rolled-back change never sends a message. Without `MAIL_SERVER` messages stay in the outbox,
where admins read them (demo and tests need no mail server).
"""

import smtplib
from email.message import EmailMessage

from flask import Response, current_app

from .extensions import db
from .models import OutboxMessage
from .timeutil import utcnow


def queue_mail(recipient: str, subject: str, body: str) -> OutboxMessage:
    message = OutboxMessage(recipient=recipient, subject=subject, body=body)
    db.session.add(message)
    return message


def deliver_outbox() -> int:
    """Send unsent messages over SMTP; returns how many were sent. No-op without MAIL_SERVER."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return 0
    pending = db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.id)
    ).all()
    sent = 0
    for message in pending:
        email = EmailMessage()
        email["From"] = config["MAIL_SENDER"]
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email.set_content(message.body)
        try:
            with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
                smtp.send_message(email)
        except (OSError, smtplib.SMTPException) as exc:
            # Kept for the admin's outbox page; retried on the next delivery.
            message.error = f"{type(exc).__name__}: {exc}"[:500]
            current_app.logger.warning("Mail %s not delivered: %s", message.id, type(exc).__name__)
        else:
            message.sent_at = utcnow()
            message.error = None
            sent += 1
    db.session.commit()
    return sent


def deliver_after_response(response: Response) -> Response:
    """Deliver the outbox once `response` has been sent, so talking to the mail server adds
    nothing to the time the answer takes (the forgotten-password page relies on that)."""
    app = current_app._get_current_object()

    def deliver() -> None:
        with app.app_context():
            deliver_outbox()

    response.call_on_close(deliver)
    return response

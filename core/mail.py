"""Outgoing e-mail through the outbox table.

Mail is queued inside the transaction that causes it; a request never talks to the mail
server. A sender (`flask --app wsgi mail send` from cron, or the worker) claims due messages
in one atomic statement, so several senders at once deliver each message exactly once, sends
a batch over one connection, and retries a failure later, up to MAIL_MAX_ATTEMPTS. Without
`MAIL_SERVER` messages stay in the outbox, where admins read them (demo and tests need no
mail server).

A sender that dies mid-batch leaves its claim to lapse after CLAIM_LEASE; the messages it had
not marked sent are then sent by the next sender.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import Select, func, or_, select, update

from .extensions import db
from .models import OutboxMessage
from .progress import Progress
from .timeutil import utcnow

REDACTED = "[link verwijderd na verzending]"
# The server refused this one message (a recipient, its content); the others may still go.
MESSAGE_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused)
# Longer than a whole batch can take (MAIL_BATCH_SIZE messages at MAIL_TIMEOUT each).
CLAIM_LEASE = timedelta(minutes=15)


def queue_mail(
    recipient: str,
    subject: str,
    body: str,
    *,
    html: str | None = None,
    secrets: list[str] | None = None,
) -> OutboxMessage:
    """Queue a message in the current transaction: `body` as plain text, `html` the same as
    HTML. `secrets` are parts of the message (a link with a token) that the stored copy loses
    once the message is sent."""
    message = OutboxMessage(
        recipient=recipient,
        subject=subject,
        body=body,
        html_body=html,
        secrets=list(secrets) if secrets else None,
    )
    db.session.add(message)
    return message


def deliver_outbox(progress: Progress | None = None) -> int:
    """Send every due message over SMTP, batch by batch; returns how many were sent.
    A no-op without MAIL_SERVER. `progress` is told of each message done, sent or not, out
    of those due at the start and any that fall due meanwhile."""
    if not current_app.config.get("MAIL_SERVER"):
        return 0
    total = _count_due() if progress is not None else 0
    if progress is not None and total:
        progress(0, total)
    done = sent = 0
    while batch := _claim(current_app.config["MAIL_BATCH_SIZE"]):
        for went in _send_batch(batch):
            done += 1
            sent += went
            if progress is not None:
                progress(done, max(done, total))
    return sent


def _due(now) -> Select:
    """The ids of messages to send now that no other sender is busy with."""
    return select(OutboxMessage.id).where(
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )


def _count_due() -> int:
    return db.session.scalar(select(func.count()).select_from(_due(utcnow()).subquery()))


def _claim(size: int) -> list[OutboxMessage]:
    """Claim up to `size` due messages for this sender, in one statement, and commit.

    On PostgreSQL rows another sender is claiming are skipped (SKIP LOCKED); SQLite runs one
    writing statement at a time, so the UPDATE alone is atomic there.
    """
    db.session.commit()  # start the claim in a fresh transaction (SQLite: write lock first)
    now = utcnow()
    due = _due(now).order_by(OutboxMessage.id).limit(size)
    if db.session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = db.session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()))
        .values(claimed_until=now + CLAIM_LEASE)
        .returning(OutboxMessage.id)
    ).all()
    db.session.commit()
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
        )
    )


def _send_batch(messages: list[OutboxMessage]) -> Iterator[bool]:
    """Send `messages` over one connection, yielding for each whether it went; each outcome
    is committed as soon as it is known, before it is yielded."""
    config = current_app.config
    waiting = list(messages)
    try:
        with _connect(config) as smtp:
            while waiting:
                message = waiting[0]
                try:
                    smtp.send_message(_email(message, config["MAIL_SENDER"]))
                except MESSAGE_REFUSED as exc:
                    _failed(message, exc)
                    went = False
                else:
                    _sent(message)
                    went = True
                waiting.pop(0)
                db.session.commit()
                yield went
    except (OSError, smtplib.SMTPException) as exc:
        # No connection, or it broke off: every message not done yet waits for a next attempt.
        for message in waiting:
            _failed(message, exc)
        db.session.commit()
        yield from (False for _ in waiting)


def _connect(config) -> smtplib.SMTP:
    timeout = config["MAIL_TIMEOUT"]
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    else:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return smtp


def _email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    return email


def _sent(message: OutboxMessage) -> None:
    message.sent_at = utcnow()
    message.error = None
    message.claimed_until = None
    for secret in message.secrets or ():
        message.body = message.body.replace(secret, REDACTED)
        if message.html_body:
            message.html_body = message.html_body.replace(secret, REDACTED)
    message.secrets = None


def _failed(message: OutboxMessage, exc: Exception) -> None:
    """Count the attempt; wait longer after each (MAIL_RETRY_MINUTES, doubling), then give up."""
    config = current_app.config
    message.attempts += 1
    # Kept for the admin's outbox page; never the message itself (it may hold a link).
    message.error = f"{type(exc).__name__}: {exc}"[:500]
    message.claimed_until = None
    if message.attempts >= config["MAIL_MAX_ATTEMPTS"]:
        message.failed_at = utcnow()
        current_app.logger.error("Mail %s given up after %s attempts", message.id, message.attempts)
    else:
        wait = timedelta(minutes=config["MAIL_RETRY_MINUTES"] * 2 ** (message.attempts - 1))
        message.next_attempt_at = utcnow() + wait
        current_app.logger.warning("Mail %s not delivered: %s", message.id, type(exc).__name__)

"""Outgoing mail: the outbox always, SMTP when configured, never before commit."""

import smtplib

import pytest

from core.extensions import db
from core.mail import deliver_outbox, queue_mail
from core.models import OutboxMessage


class RecordingSMTP:
    sent: list = []

    def __init__(self, host, port, timeout):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        RecordingSMTP.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    RecordingSMTP.sent = []
    monkeypatch.setattr(smtplib, "SMTP", RecordingSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    return RecordingSMTP


def test_without_mail_server_mail_stays_in_the_outbox(app_ctx):
    queue_mail("a@example.org", "Onderwerp", "Tekst")
    db.session.commit()
    assert deliver_outbox() == 0
    assert db.session.scalars(db.select(OutboxMessage.sent_at)).one() is None


def test_with_mail_server_mail_is_sent_and_marked(app_ctx, smtp):
    queue_mail("a@example.org", "Onderwerp", "Tekst")
    db.session.commit()
    assert deliver_outbox() == 1
    assert smtp.sent[0]["To"] == "a@example.org" and smtp.sent[0]["Subject"] == "Onderwerp"
    assert db.session.scalars(db.select(OutboxMessage.sent_at)).one() is not None
    assert deliver_outbox() == 0  # nothing is sent twice


def test_rolled_back_change_sends_nothing(app_ctx, smtp):
    queue_mail("a@example.org", "Onderwerp", "Tekst")
    db.session.rollback()
    assert deliver_outbox() == 0 and smtp.sent == []


def test_failed_delivery_is_kept_for_the_admin(app_ctx, monkeypatch, app):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no server")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    queue_mail("a@example.org", "Onderwerp", "Tekst")
    db.session.commit()
    assert deliver_outbox() == 0
    message = db.session.scalars(db.select(OutboxMessage)).one()
    assert message.sent_at is None and "ConnectionRefusedError" in message.error

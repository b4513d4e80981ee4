"""Mail is delivered exactly once, over one connection per batch, with retries that end;
requests only enqueue; links with tokens do not stay readable once sent. Against a real SMTP
server on localhost; runs on SQLite and, in CI, on PostgreSQL."""

import threading
from datetime import timedelta

import pytest

from core.extensions import db
from core.mail import REDACTED, deliver_outbox, queue_mail
from core.models import OutboxMessage
from core.testing import post_form
from core.timeutil import utcnow
from tests.smtp_server import LocalSMTP, free_port
from tests.test_invitations import invite


@pytest.fixture
def smtp(app, monkeypatch):
    with LocalSMTP() as server:
        monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
        monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
        monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
        yield server.recorder


def queue(app, count, recipient="a@example.org"):
    with app.app_context():
        for n in range(count):
            queue_mail(recipient, f"Bericht {n:02d}", f"Tekst {n}")
        db.session.commit()


def outbox(app):
    with app.app_context():
        return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_two_senders_at_once_deliver_every_message_exactly_once(app, smtp):
    queue(app, 10)
    barrier, counts = threading.Barrier(2), []

    def sender():
        with app.app_context():
            barrier.wait()
            counts.append(deliver_outbox())

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert smtp.subjects == [f"Bericht {n:02d}" for n in range(10)]
    assert sum(counts) == 10
    assert all(m.sent_at is not None for m in outbox(app))


def test_a_batch_goes_over_one_connection(app, smtp):
    queue(app, 5)
    with app.app_context():
        assert deliver_outbox() == 5
    assert len(smtp.sessions) == 1


def test_a_refused_message_is_retried_later_then_given_up(app, smtp, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 3)
    smtp.refuse = {"weg@example.org"}
    queue(app, 1, recipient="weg@example.org")
    queue(app, 1, recipient="goed@example.org")
    with app.app_context():
        assert deliver_outbox() == 1  # the good one goes; the refused one waits
        assert deliver_outbox() == 0  # not again before its next attempt is due
    refused, good = outbox(app)
    assert good.sent_at is not None and refused.sent_at is None
    assert refused.attempts == 1 and "451" in refused.error
    assert refused.next_attempt_at > utcnow()
    for attempt in (2, 3):
        with app.app_context():
            db.session.get(OutboxMessage, refused.id).next_attempt_at = utcnow() - timedelta(
                seconds=1
            )
            db.session.commit()
            deliver_outbox()
        assert outbox(app)[0].attempts == attempt
    refused = outbox(app)[0]
    assert refused.failed_at is not None and refused.sent_at is None
    with app.app_context():
        db.session.get(OutboxMessage, refused.id).next_attempt_at = utcnow() - timedelta(days=1)
        db.session.commit()
        assert deliver_outbox() == 0  # given up: never tried again
    assert outbox(app)[0].attempts == 3
    assert len(smtp.messages) == 1


def test_an_unreachable_server_counts_an_attempt_for_the_batch(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    queue(app, 3)
    with app.app_context():
        assert deliver_outbox() == 0
    assert [(m.attempts, m.sent_at) for m in outbox(app)] == [(1, None)] * 3
    assert all("ConnectionRefusedError" in m.error for m in outbox(app))


def test_a_link_with_a_token_is_removed_from_the_stored_copy_once_sent(app, smtp):
    link = "https://warmrotterdam.example/invitation/abcdefghijklmnopqrstuvwxyz0123456789"
    with app.app_context():
        queue_mail(
            "a@example.org", "Uitnodiging", f"Klik op {link} om te beginnen.", secrets=[link]
        )
        db.session.commit()
        assert link in db.session.scalars(db.select(OutboxMessage.body)).one()  # not sent yet
        assert deliver_outbox() == 1
    assert link in smtp.messages[0].get_payload(decode=True).decode()
    (stored,) = outbox(app)
    assert link not in stored.body and REDACTED in stored.body
    assert stored.secrets is None


def test_a_request_only_enqueues(app, smtp, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    assert invite(client).status_code == 302
    user = make_user(roles={"expert"})
    visitor = app.test_client()
    assert post_form(visitor, "/password/forgot", {"email": user.email}).status_code == 200
    assert smtp.messages == []  # the requests did not talk to the mail server
    assert [m.sent_at for m in outbox(app)] == [None, None]
    with app.app_context():
        assert deliver_outbox() == 2
    assert sorted(m["To"] for m in smtp.messages) == sorted(["nieuw@example.org", user.email])


def test_the_worker_sends_mail_and_fires_timeouts(app, smtp):
    queue(app, 2)
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert len(smtp.messages) == 2


def test_mail_send_reports_what_is_left(app, smtp, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 1)
    smtp.refuse = {"weg@example.org"}
    queue(app, 2)
    queue(app, 1, recipient="weg@example.org")
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "2 message(s) sent, 0 waiting for a next attempt, 1 failed." in result.output


def test_beheer_shows_a_failed_message_and_no_sent_link(
    app, smtp, client, make_user, login, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 1)
    smtp.refuse = {"weg@example.org"}
    link = "https://warmrotterdam.example/reset/ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210"
    with app.app_context():
        queue_mail("weg@example.org", "Kwijt", "Tekst")
        queue_mail("a@example.org", "Wachtwoord", f"Ga naar {link}", secrets=[link])
        db.session.commit()
        deliver_outbox()
    login(client, make_user(roles={"admin"}))
    page = client.get("/admin/outbox").text
    assert "mislukt na 1 pogingen" in page and "451" in page
    assert link not in page and REDACTED in page

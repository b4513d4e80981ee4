"""`flask --app wsgi worker`: the background duties in one loop, for hosts without cron.

Each duty runs on its own interval: delivering mail (WORKER_MAIL_SECONDS), firing due
workflow timeouts with their reminders (WORKER_TICK_SECONDS), and the daily digest of
notifications at DIGEST_HOUR. Every duty is safe to run in several workers at
once (mail is claimed per message, a timeout fires once per instance version), so a second
worker adds capacity, not duplicates. A failing duty is logged and retried on its next turn;
the loop ends on SIGTERM or Ctrl+C after the duty at hand.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app

from .extensions import db
from .links import link_context
from .mail import deliver_outbox
from .notifications.sending import digest_cutoff, send_digests
from .timeutil import utcnow
from .workflow import engine_of
from .workflow.maintenance import tick

log = logging.getLogger(__name__)


@dataclass
class Duty:
    name: str
    every: float  # seconds
    run: Callable[[], object]
    due_at: float = 0.0


def duties() -> list[Duty]:
    config = current_app.config
    return [
        # The digest first, so what it queues goes out in the same round.
        Duty("digest", config["WORKER_TICK_SECONDS"], _digest),
        Duty("mail", config["WORKER_MAIL_SECONDS"], deliver_outbox),
        Duty("tick", config["WORKER_TICK_SECONDS"], lambda: tick(engine_of())),
    ]


def _digest() -> None:
    """Everything before the last digest hour; later items wait for tomorrow's."""
    config = current_app.config
    cutoff = digest_cutoff(utcnow(), config["DIGEST_HOUR"], config["BABEL_DEFAULT_TIMEZONE"])
    send_digests(until=cutoff)


def run_once(work: list[Duty]) -> None:
    """Run every duty that is due, each in its own transaction."""
    now = time.monotonic()
    for duty in work:
        if duty.due_at > now:
            continue
        duty.due_at = now + duty.every
        try:
            with link_context():  # mail and reminders link to pages, as in a request
                duty.run()
        except Exception:
            db.session.rollback()
            log.exception("Worker duty %s failed; it runs again in %s s", duty.name, duty.every)
        finally:
            db.session.remove()


def run_forever(pause: float = 1.0) -> None:
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    work = duties()
    log.info("Worker started: %s", ", ".join(f"{d.name} every {d.every:g} s" for d in work))
    try:
        while not stopping:
            run_once(work)
            time.sleep(pause)
    except KeyboardInterrupt:
        pass
    log.info("Worker stopped")

"""Core tables that belong to no single feature: the outbox, the security log, plugin state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts.models import User
from .extensions import db
from .timeutil import utcnow


class OutboxMessage(db.Model):
    """Every outgoing e-mail; delivered by SMTP when configured, readable by admins always.

    A sender claims a message (until `claimed_until`) before sending it, so
    parallel senders never send one twice; a failure is retried at `next_attempt_at` until
    MAIL_MAX_ATTEMPTS, then the message is `failed_at` and shown as such in Beheer.
    """

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)  # plain text; always sent
    html_body: Mapped[str | None] = mapped_column(Text)  # the same message as HTML, if any
    # Parts of the body (links with a token) removed from the stored copy once it is sent.
    secrets: Mapped[list[str] | None] = mapped_column(JSON)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    claimed_until: Mapped[datetime | None]


class SecurityEvent(db.Model):
    """Append-only log of security events. `detail` never holds passwords, tokens or e-mail."""

    __tablename__ = "security_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    subject_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    ip: Mapped[str | None] = mapped_column(String(45))
    detail: Mapped[str | None] = mapped_column(String(500))

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject_user: Mapped[User | None] = relationship(foreign_keys=[subject_user_id])


class PluginState(db.Model):
    """Whether an installed plugin is enabled. Kept per name, so data survives a disable."""

    __tablename__ = "plugin_state"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


from .data_cache import DataGeneration  # noqa: E402,F401  (the core schema: its generation row)
from .file_storage import StoredFile  # noqa: E402,F401  (its table belongs to the core's schema)

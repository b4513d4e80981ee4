"""Users, their roles, one-time links (invitations, password resets) and attempt counters."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Invited people are active without a password until they accept; only an admin
    # deactivates, and nothing but an admin activates again.
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Part of every session's user id; raising it ends all sessions (core/accounts/sessions.py).
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The person's own language choice; None follows the session or the default.
    language: Mapped[str | None] = mapped_column(String(8))

    # Loaded with the signed-in user (sessions.load_user) and by the queries that list people
    # with their roles; not for every user loaded anywhere, which cost a query each.
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    memberships: Mapped[list[Membership]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:  # what Flask-Login keeps in the session and remember cookie
        return f"{self.id}:{self.session_version}"

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}

    def set_roles(self, names: set[str]) -> None:
        keep = [r for r in self.roles if r.role in names]
        have = {r.role for r in keep}
        self.roles = keep + [UserRole(role=n) for n in sorted(names - have)]

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class UserRole(db.Model):
    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(40), index=True)

    user: Mapped[User] = relationship(back_populates="roles")


class OneTimeLink:
    """Columns of a one-time, expiring link sent by mail.

    Only a hash of the token is stored: a leaked database does not leak working links.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    @declared_attr
    def user_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.expires_at > utcnow()


class Invitation(OneTimeLink, db.Model):
    """A link with which an invited person sets their own password."""

    __tablename__ = "invitation"

    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    user: Mapped[User] = relationship(foreign_keys="Invitation.user_id")


class PasswordReset(OneTimeLink, db.Model):
    """A link with which someone who forgot their password sets a new one."""

    __tablename__ = "password_reset"

    user: Mapped[User] = relationship()


class AttemptCounter(db.Model):
    """Recent attempts per account or address, for throttling; one row per (scope, key).

    The key is a keyed hash (of an e-mail or IP address), so this table holds neither.
    """

    __tablename__ = "attempt_counter"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    key_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int]
    last_at: Mapped[datetime] = mapped_column(index=True)

"""Ending a person's sessions everywhere, also those in cookies copied elsewhere.

The session cookie is signed, not stored, so it cannot be withdrawn. Instead every session
carries the user's `session_version` (see `User.get_id`) and the user loader refuses a
session whose version is not the current one. Raising the version ends them all.
"""

from flask_login import login_user

from .. import data_cache
from ..extensions import db
from .models import User


def end_sessions(user: User) -> None:
    """End all of `user`'s sessions, from the next request on; the caller commits.

    Call it on logout, a password change or reset and deactivation. One UPDATE, so two
    requests doing this at once both count.
    """
    user.session_version = db.session.execute(
        db.update(User)
        .where(User.id == user.id)
        .values(session_version=User.session_version + 1)
        .returning(User.session_version)
    ).scalar_one()


def keep_this_session(user: User) -> None:
    """After `end_sessions`, let the current browser stay logged in with the new version."""
    login_user(user)


def load_user(session_user_id: str) -> User | None:
    """Flask-Login's user loader: the active user whose session version still holds."""
    user_id, _, version = session_user_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None  # a session from before versions, or a forged one
    # Roles and memberships decide access on nearly every page, and every signed-in page's
    # menu and bell are kept per data generation: one query for all four.
    row = (
        db.session.execute(
            db.select(User, data_cache.generation_column())
            .options(db.joinedload(User.roles), db.joinedload(User.memberships))
            .where(User.id == int(user_id))
        )
        .unique()
        .first()
    )
    if row is None:
        return None
    user, generation = row
    data_cache.remember_generation(generation)
    if not user.active or user.session_version != int(version):
        return None
    return user

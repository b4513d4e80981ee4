"""Finding people by what they do."""

from collections.abc import Iterable

from ..extensions import db
from .models import User, UserRole


def active_users_with_roles(roles: Iterable[str]) -> list[User]:
    """Active users holding at least one of `roles`, by name."""
    holders = db.select(UserRole.user_id).where(UserRole.role.in_(list(roles)))
    return db.session.scalars(
        db.select(User).where(User.active, User.id.in_(holders)).order_by(User.display_name)
    ).all()

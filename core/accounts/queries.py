"""Finding people by what they do."""

from collections.abc import Iterable

from ..extensions import db
from ..organisations.models import Membership
from .models import User, UserRole


def active_users_with_roles(roles: Iterable[str], organisation_id: int | None = None) -> list[User]:
    """Active users holding at least one of `roles`, by name; with `organisation_id`, only
    those who work for that organisation (its partners, its employer's people).

    Invited people who have not set a password yet are left out: nobody can hand them work.
    """
    holders = db.select(UserRole.user_id).where(UserRole.role.in_(list(roles)))
    query = (
        db.select(User)
        # Joined, not a second query: pages ask for several such lists (pickers, the panel).
        .options(db.joinedload(User.roles))
        .where(User.active, User.password_hash.is_not(None), User.id.in_(holders))
    )
    if organisation_id is not None:
        members = db.select(Membership.user_id).where(Membership.organisation_id == organisation_id)
        query = query.where(User.id.in_(members))
    return db.session.scalars(query.order_by(User.display_name)).unique().all()


def qualified_people(qualification: str) -> list[User]:
    """The active people any enabled plugin says hold `qualification`, once each, by name."""
    from ..plugin_host import plugin_host

    found = plugin_host().call("warmrotterdam_qualified_people", qualification=qualification)
    people = {p.id: p for p in found if p.active and p.password_hash is not None}
    return sorted(people.values(), key=lambda p: p.display_name)

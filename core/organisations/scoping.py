"""Which organisations a user may see: all for the programme, otherwise only their own."""

from flask import abort

from ..access import user_can
from ..extensions import db
from .models import Membership, Organisation


def own_organisation_ids(user) -> set[int]:
    """The organisations `user` works for (a member of); none for a stand-in user."""
    return {m.organisation_id for m in user.memberships}


def visible_organisations(user):
    """A select of the organisations `user` may see."""
    query = db.select(Organisation).order_by(Organisation.name)
    if user_can(user, "organisations.view_all"):
        return query
    own = db.select(Membership.organisation_id).where(Membership.user_id == user.id)
    return query.where(Organisation.id.in_(own))


def get_visible_organisation_or_404(user, organisation_id: int) -> Organisation:
    organisation = db.session.scalar(
        visible_organisations(user).where(Organisation.id == organisation_id)
    )
    if organisation is None:
        abort(404)  # 404, not 403: do not reveal that another organisation's record exists
    return organisation

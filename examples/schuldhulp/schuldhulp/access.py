"""Who sees which referral.

Two sides, and they see different things. The counsellors of the debt-help organisation
see the whole referral, its intake and their notes. The referring organisation (and the
programme team, for the figures) sees only where the referral stands: whether there was
contact and how it ended, never what was said.
"""

from flask import abort

from core.api import (
    Organisation,
    WorkflowInstance,
    db,
    own_organisation_ids,
    user_can,
    visible_organisations,
)

from .models import Referral


def counselled_by(user):
    """A condition: referrals to an organisation `user` counsels for."""
    if not user_can(user, "schuldhulp.counsel"):
        return db.false()
    return Referral.debt_help_organisation_id.in_(own_organisation_ids(user))


def referred_by(user):
    """A condition: referrals sent by an organisation `user` may see (the team: all)."""
    visible = visible_organisations(user).with_only_columns(Organisation.id)
    return Referral.referring_organisation_id.in_(visible)


def intakes_visible_to(user):
    """The workflow's need-to-know rule: the intake and its history are the counsellors'."""
    return WorkflowInstance.subject_id.in_(
        db.select(Referral.id).where(counselled_by(user)).scalar_subquery()
    )


def referral_or_404(user, referral_id: int) -> tuple[Referral, bool]:
    """The referral and whether `user` counsels it; 404 for anyone on neither side, so
    another organisation cannot even learn that a referral exists."""
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    if db.session.scalar(
        db.select(Referral.id).where(Referral.id == referral_id, counselled_by(user))
    ):
        return referral, True
    if db.session.scalar(
        db.select(Referral.id).where(Referral.id == referral_id, referred_by(user))
    ):
        return referral, False
    abort(404)

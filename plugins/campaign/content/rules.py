"""The editorial rules: who may approve, when an item may be scheduled and published, consent
for life stories, and what is public. Plain functions, tested without a request."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, exists, not_, or_

from core.api import WorkflowInstance, db, engine_of, local_midnight_utc, user_can, utcnow

from .models import (
    MAGAZINE_KINDS,
    ContentApproval,
    ContentChannel,
    ContentItem,
    LifeStoryConsent,
    MagazineEdition,
)

WORKFLOW = "campaign.content"
APPROVALS_NEEDED = 2
# The text is fixed once it goes to the editorial board; a change needs a new round.
TEXT_EDITABLE = ("idee", "concept")
# Where it appears and when can change until it is published.
CHANNELS_EDITABLE = ("idee", "concept", "redactie", "ingepland")


def instance_of(item: ContentItem) -> WorkflowInstance:
    return engine_of().instance_for(WORKFLOW, item)


def states_of(items: list[ContentItem]) -> dict[int, str]:
    """{item id: state} in one query."""
    if not items:
        return {}
    rows = db.session.execute(
        db.select(WorkflowInstance.subject_id, WorkflowInstance.state).where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.subject_type == ContentItem.__tablename__,
            WorkflowInstance.subject_id.in_([i.id for i in items]),
        )
    )
    return dict(rows.all())


def item_of(instance) -> ContentItem:
    return db.session.get(ContentItem, instance.subject_id)


def may_edit(item: ContentItem, user) -> bool:
    """The author, the editorial board and the programme team look after an item."""
    return (
        item.author_id == user.id
        or user_can(user, "campaign.editorial")
        or user_can(user, "campaign.manage")
    )


# ------------------------------------------------------------------ approvals


def approvers(item: ContentItem) -> list[ContentApproval]:
    """The approvals of the item's current review round, oldest first."""
    return db.session.scalars(
        db.select(ContentApproval)
        .where(
            ContentApproval.item_id == item.id,
            ContentApproval.review_round == item.review_round,
        )
        .order_by(ContentApproval.approved_at, ContentApproval.id)
    ).all()


def approval_refusal(item: ContentItem, state: str, user) -> str | None:
    """Why `user` may not approve `item` now, or None."""
    if not user_can(user, "campaign.editorial"):
        return _("Alleen leden van de redactieraad keuren stukken goed.")
    if state != "redactie":
        return _("Goedkeuren kan alleen als het stuk bij de redactie ligt.")
    if item.author_id == user.id:
        return _("U hebt dit stuk zelf geschreven; twee andere redacteuren keuren het goed.")
    if any(a.reviewer_id == user.id for a in approvers(item)):
        return _("U hebt dit stuk in deze ronde al goedgekeurd.")
    return None


def approve(item: ContentItem, user) -> ContentApproval:
    """Record `user`'s approval of this round; the caller commits (the unique key catches a
    second click that arrives at the same time)."""
    approval = ContentApproval(
        item_id=item.id, reviewer_id=user.id, review_round=item.review_round, approved_at=utcnow()
    )
    db.session.add(approval)
    return approval


def two_approvals(instance, actor) -> str | None:
    item = item_of(instance)
    given = {a.reviewer_id for a in approvers(item) if a.reviewer_id != item.author_id}
    if len(given) < APPROVALS_NEEDED:
        return _(
            "Er zijn %(needed)s goedkeuringen van verschillende redacteuren nodig; nu %(given)s.",
            needed=APPROVALS_NEEDED,
            given=len(given),
        )
    return None


def new_review_round(instance, actor, data) -> None:
    """Effect of a request for changes: the next review needs fresh approvals."""
    item = item_of(instance)
    item.review_round += 1


# ------------------------------------------------------------------ channels


def has_dated_channel(instance, actor) -> str | None:
    item = item_of(instance)
    if not any(c.planned_on for c in item.channels):
        return _("Kies minstens één kanaal met een datum voordat u het stuk inplant.")
    return None


def has_text(instance, actor) -> str | None:
    if not item_of(instance).body.strip():
        return _("Schrijf eerst de tekst van het stuk.")
    return None


def mark_published(instance, actor, data) -> None:
    """Effect of publishing: every channel of the item has its moment."""
    now = utcnow()
    for channel in item_of(instance).channels:
        if channel.published_at is None:
            channel.published_at = now


def month_bounds(month: date) -> tuple[date, date]:
    """The first day of `month`'s month and the first day of the next."""
    first = month.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def month_rows(channel: str, month: date) -> list[ContentChannel]:
    """The rows of `channel` planned or published in `month` (Rotterdam's days), by date."""
    first, following = month_bounds(month)
    start, end = local_midnight_utc(first), local_midnight_utc(following)
    return db.session.scalars(
        db.select(ContentChannel)
        .options(db.joinedload(ContentChannel.item))
        .where(
            ContentChannel.channel == channel,
            or_(
                and_(ContentChannel.planned_on >= first, ContentChannel.planned_on < following),
                and_(ContentChannel.published_at >= start, ContentChannel.published_at < end),
            ),
        )
        .order_by(ContentChannel.planned_on, ContentChannel.published_at, ContentChannel.id)
    ).all()


# ------------------------------------------------------------------ consent


def active_consent(item: ContentItem) -> LifeStoryConsent | None:
    return db.session.scalar(
        db.select(LifeStoryConsent)
        .where(LifeStoryConsent.item_id == item.id, LifeStoryConsent.revoked_on.is_(None))
        .order_by(LifeStoryConsent.id.desc())
        .limit(1)
    )


def consents(item: ContentItem) -> list[LifeStoryConsent]:
    return db.session.scalars(
        db.select(LifeStoryConsent)
        .where(LifeStoryConsent.item_id == item.id)
        .order_by(LifeStoryConsent.id)
    ).all()


def consent_given(instance, actor) -> str | None:
    item = item_of(instance)
    if not item.is_life_story or active_consent(item) is not None:
        return None
    if consents(item):
        return _(
            "De toestemming voor dit levensverhaal is ingetrokken. Het kan niet worden "
            "ingepland of gepubliceerd."
        )
    return _(
        "Voor een levensverhaal is toestemming nodig van de persoon over wie het gaat. "
        "Leg die eerst vast."
    )


def revoke(consent: LifeStoryConsent, user, on: date) -> None:
    consent.revoked_on = on
    consent.revoked_by_id = user.id


# ------------------------------------------------------------------ public pages


def _consented():
    """SQL: the item is no life story, or one with a consent that is not revoked."""
    return or_(
        ContentItem.kind != "life_story",
        exists().where(
            LifeStoryConsent.item_id == ContentItem.id, LifeStoryConsent.revoked_on.is_(None)
        ),
    )


def public_articles(edition: MagazineEdition, item_id: int | None = None) -> list[ContentItem]:
    """The edition's articles anyone may read (or the one `item_id`, if it is one of them):
    published, and for a life story consented to now. A revoked consent takes the story off
    at once, because it is asked on every view."""
    only = [ContentItem.id == item_id] if item_id is not None else []
    return db.session.scalars(
        db.select(ContentItem)
        .join(
            WorkflowInstance,
            and_(
                WorkflowInstance.subject_id == ContentItem.id,
                WorkflowInstance.subject_type == ContentItem.__tablename__,
                WorkflowInstance.workflow_key == WORKFLOW,
            ),
        )
        .where(
            ContentItem.edition_id == edition.id,
            ContentItem.kind.in_(MAGAZINE_KINDS),
            WorkflowInstance.state == "gepubliceerd",
            _consented(),
            *only,
        )
        .order_by(ContentItem.id)
    ).all()


def published_editions() -> list[MagazineEdition]:
    return db.session.scalars(
        db.select(MagazineEdition)
        .where(MagazineEdition.published_at.is_not(None))
        .order_by(MagazineEdition.number.desc())
    ).all()


def candidate_articles(edition: MagazineEdition) -> list[ContentItem]:
    """Magazine pieces with no edition yet, to add to this one."""
    return db.session.scalars(
        db.select(ContentItem)
        .where(
            ContentItem.kind.in_(MAGAZINE_KINDS),
            ContentItem.edition_id.is_(None),
            not_(
                exists().where(
                    WorkflowInstance.subject_id == ContentItem.id,
                    WorkflowInstance.subject_type == ContentItem.__tablename__,
                    WorkflowInstance.workflow_key == WORKFLOW,
                    WorkflowInstance.state == "ingetrokken",
                )
            ),
        )
        .order_by(ContentItem.title)
    ).all()


def publication_refusal(edition: MagazineEdition) -> str | None:
    if edition.published:
        return _("Deze editie is al gepubliceerd.")
    if not public_articles(edition):
        return _("Een editie heeft minstens één gepubliceerd artikel nodig.")
    return None

"""Content items of the communication calendar, their channels, review and consent, and the
magazine editions that group articles."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import User, db, utcnow

KINDS = {
    "blog": _l("Blog"),
    "social_post": _l("Bericht op sociale media"),
    "magazine_article": _l("Artikel voor het magazine"),
    "press_release": _l("Persbericht"),
    "life_story": _l("Levensverhaal of portret"),
}
CHANNELS = {
    "website": _l("Website"),
    "facebook": _l("Facebook"),
    "instagram": _l("Instagram"),
    "x": _l("X (Twitter)"),
    "linkedin": _l("LinkedIn"),
    "magazine": _l("Magazine"),
}
# What an edition of the magazine may carry.
MAGAZINE_KINDS = ("magazine_article", "life_story")
CONSENT_WAYS = {
    "signed": _l("Getekend toestemmingsformulier"),
    "email": _l("Per e-mail"),
    "spoken": _l("Mondeling, opgeschreven in een gesprek"),
}


class MagazineEdition(db.Model):
    """An edition of the online magazine: public once published, with its published articles."""

    __tablename__ = "campaign_magazine_edition"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    publication_date: Mapped[date]
    # None while the editorial board is still putting it together.
    published_at: Mapped[datetime | None]

    @property
    def published(self) -> bool:
        return self.published_at is not None


class ContentItem(db.Model):
    """A piece of communication (a blog, a post, an article) on its way to publication."""

    __tablename__ = "campaign_content_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A request for changes starts a new round: approvals of an earlier round no longer count.
    review_round: Mapped[int] = mapped_column(default=1)
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign_magazine_edition.id"), index=True
    )

    author: Mapped[User] = relationship(lazy="joined")
    edition: Mapped[MagazineEdition | None] = relationship()
    channels: Mapped[list[ContentChannel]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ContentChannel.channel"
    )

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))

    @property
    def is_life_story(self) -> bool:
        return self.kind == "life_story"


class ContentChannel(db.Model):
    """Where an item appears: planned for a day, and when it was published there."""

    __tablename__ = "campaign_content_channel"
    __table_args__ = (
        UniqueConstraint("item_id", "channel"),
        # The month view of one channel reads by planned day and by moment of publication.
        Index("ix_campaign_content_channel_planned", "channel", "planned_on"),
        Index("ix_campaign_content_channel_published", "channel", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("campaign_content_item.id"))
    channel: Mapped[str] = mapped_column(String(20))
    planned_on: Mapped[date | None]
    published_at: Mapped[datetime | None]

    item: Mapped[ContentItem] = relationship(back_populates="channels")

    @property
    def channel_label(self) -> str:
        return str(CHANNELS.get(self.channel, self.channel))


class ContentComment(db.Model):
    """A remark on an item by its author, an editor or an expert by experience."""

    __tablename__ = "campaign_content_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("campaign_content_item.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    review_round: Mapped[int]

    author: Mapped[User] = relationship(lazy="joined")


class ContentApproval(db.Model):
    """An editor's approval of an item in one review round; two in the same round let it on."""

    __tablename__ = "campaign_content_approval"
    # Also the index for an item's approvals.
    __table_args__ = (UniqueConstraint("item_id", "reviewer_id", "review_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("campaign_content_item.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    review_round: Mapped[int]
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)

    reviewer: Mapped[User] = relationship(lazy="joined")


class LifeStoryConsent(db.Model):
    """The portrayed person's consent to a life story: how it was given, what it covers, and
    when it was revoked. Without a consent that is not revoked, the story is never public."""

    __tablename__ = "campaign_life_story_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("campaign_content_item.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(200))
    given_how: Mapped[str] = mapped_column(String(20))
    given_on: Mapped[date]
    covers: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_on: Mapped[date | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def given_how_label(self) -> str:
        return str(CONSENT_WAYS.get(self.given_how, self.given_how))

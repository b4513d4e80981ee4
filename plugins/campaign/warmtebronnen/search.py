"""Finding Warmtebronnen: the public map's search and filters, and who keeps which entry."""

from __future__ import annotations

from dataclasses import dataclass

from core.api import Organisation, contains_ignoring_case, db, own_organisation_ids, user_can

from .models import WARMTEBRON_KIND, Warmtebron, WarmtebronOffer

PER_PAGE = 20
MAX_QUERY = 100
# More words than this add nothing a visitor means; each is a condition in the query.
MAX_WORDS = 5


@dataclass(frozen=True)
class MapPage:
    entries: list[Warmtebron]
    page: int
    total: int
    per_page: int = PER_PAGE

    @property
    def more(self) -> bool:
        return self.page * self.per_page < self.total


def search_map(
    query: str = "",
    district: str | None = None,
    offer: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> MapPage:
    """One page of the published Warmtebronnen, by name. Every word of `query` must be in the
    name or the description (any case); `district` and `offer` narrow it down. The database
    filters, counts and pages, so no more entries are loaded than the page shows."""
    select = (
        db.select(Warmtebron).join(Warmtebron.organisation).where(Warmtebron.published.is_(True))
    )
    for word in query.split()[:MAX_WORDS]:
        select = select.where(
            db.or_(
                contains_ignoring_case(Organisation.name, word),
                contains_ignoring_case(Warmtebron.description, word),
            )
        )
    if district:
        select = select.where(Warmtebron.district == district)
    if offer:
        select = select.where(
            Warmtebron.id.in_(
                db.select(WarmtebronOffer.warmtebron_id).where(WarmtebronOffer.offer == offer)
            )
        )
    total = db.session.scalar(
        db.select(db.func.count()).select_from(select.with_only_columns(Warmtebron.id).subquery())
    )
    entries = db.session.scalars(
        select.options(db.selectinload(Warmtebron.offers))
        .order_by(Organisation.name)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return MapPage(list(entries), page, total, per_page)


def keeps_all(user) -> bool:
    """The team keeps every entry; anyone else only their own organisation's."""
    return user_can(user, "campaign.manage")


def kept_by(user):
    """A select of the entries `user` may edit."""
    select = db.select(Warmtebron).join(Warmtebron.organisation).order_by(Organisation.name)
    if keeps_all(user):
        return select
    return select.where(Warmtebron.organisation_id.in_(sorted(own_organisation_ids(user))))


def may_edit(user, entry: Warmtebron) -> bool:
    return user_can(user, "campaign.warmtebron.own") and (
        keeps_all(user) or entry.organisation_id in own_organisation_ids(user)
    )


def organisations_without_entry(user, limit: int | None = None) -> list[Organisation]:
    """The organisations `user` may make an entry for: Warmtebronnen (social enterprises)
    that have none yet, of their own organisations unless they are of the team; at most
    `limit` (one, for "may they add one at all")."""
    select = (
        db.select(Organisation)
        .where(
            Organisation.kind == WARMTEBRON_KIND,
            ~Organisation.id.in_(db.select(Warmtebron.organisation_id)),
        )
        .order_by(Organisation.name)
    )
    if not keeps_all(user):
        select = select.where(Organisation.id.in_(sorted(own_organisation_ids(user))))
    return list(db.session.scalars(select.limit(limit)))

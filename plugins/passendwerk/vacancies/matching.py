"""Transparent matching: a score anyone can recompute by hand, and the reasons behind it.

It only proposes. A coach decides whom to introduce; the employer decides whom to hire.

score = 60 × required coverage + 20 × nice-to-have coverage + 20 × fit with wishes, where a
competence counts fully at or above the asked level and proportionally below it
(level 2 of an asked 4 counts half), and the wishes checked are hours, sector, contract and
travel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from core.api import WorkflowInstance, db

from ..route.models import JobSeeker, on_route
from ..talent.models import CONTRACTS, SECTORS, ProfileCompetence, TalentProfile
from .models import OUTSIDE_ROTTERDAM, Vacancy

WEIGHT_REQUIRED, WEIGHT_NICE, WEIGHT_WISHES = 60, 20, 20
# Route steps at which a person is looking for work.
SEEKING = ("talentenprofiel", "matching", "kennismaking")


@dataclass(frozen=True)
class Need:
    competence_id: int
    name: str
    level: int
    required: bool


@dataclass(frozen=True)
class Wishes:
    district: str | None
    sectors: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    hours_min: int | None = None
    hours_max: int | None = None
    travel: str = "stad"


@dataclass(frozen=True)
class Gap:
    """One asked competence and the level the person has (0: not at all)."""

    name: str
    has: int
    level: int

    @property
    def label(self) -> str:
        return _("%(name)s (%(has)s van %(level)s)", name=self.name, has=self.has, level=self.level)


@dataclass(frozen=True)
class Offer:
    """What a vacancy offers that wishes are checked against: plain values, so a ranking can
    be kept between requests (`core.api.cached`) without the request's database objects."""

    hours: int
    sector: str | None
    contract: str | None
    district: str | None

    @classmethod
    def of(cls, vacancy) -> Offer:
        if isinstance(vacancy, cls):
            return vacancy
        return cls(vacancy.hours, vacancy.sector, vacancy.contract, vacancy.district)


@dataclass(frozen=True)
class Conflict:
    """A wish the vacancy does not meet; worded only when shown (ranking thousands of people
    must not pay for translating every reason)."""

    wish: str  # hours, sector, contract, travel_district, travel_city
    vacancy: Offer
    wishes: Wishes

    @property
    def text(self) -> str:
        v, w = self.vacancy, self.wishes
        if self.wish == "hours":
            return _(
                "Uren: de vacature is %(hours)s uur, de wens is %(low)s–%(high)s uur.",
                hours=v.hours,
                low=w.hours_min if w.hours_min is not None else 0,
                high=w.hours_max if w.hours_max is not None else "…",
            )
        if self.wish == "sector":
            return _("Sector: %(sector)s staat niet bij de wensen.", sector=SECTORS.get(v.sector))
        if self.wish == "contract":
            return _(
                "Contract: %(contract)s staat niet bij de wensen.",
                contract=CONTRACTS.get(v.contract),
            )
        if self.wish == "travel_district":
            return _("Reizen: wil alleen in de eigen wijk werken (%(d)s).", d=w.district)
        return _("Reizen: wil in Rotterdam werken; de vacature is daarbuiten.")


@dataclass
class Match:
    score: int
    required_coverage: float
    nice_coverage: float
    wish_fit: float
    matched: list[Gap] = field(default_factory=list)
    below: list[Gap] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def _coverage(needs: list[Need], levels: dict[int, int], match: Match | None) -> float:
    """The share of `needs` covered; with `match`, each need is also written down as a reason."""
    if not needs:
        return 1.0
    total = 0.0
    for need in needs:
        has = levels.get(need.competence_id, 0)
        if has >= need.level:
            if match is not None:
                match.matched.append(Gap(need.name, has, need.level))
            total += 1
        elif has:
            if match is not None:
                match.below.append(Gap(need.name, has, need.level))
            total += has / need.level
        elif match is not None:
            match.missing.append(need.name)
    return total / len(needs)


def _unmet_wishes(vacancy: Offer | Vacancy, wishes: Wishes) -> list[str]:
    low, high = wishes.hours_min, wishes.hours_max
    unmet = []
    if (low is not None and vacancy.hours < low) or (high is not None and vacancy.hours > high):
        unmet.append("hours")
    if wishes.sectors and vacancy.sector not in wishes.sectors:
        unmet.append("sector")
    if wishes.contracts and vacancy.contract not in wishes.contracts:
        unmet.append("contract")
    if wishes.travel == "wijk" and vacancy.district != wishes.district:
        unmet.append("travel_district")
    elif wishes.travel == "stad" and vacancy.district == OUTSIDE_ROTTERDAM:
        unmet.append("travel_city")
    return unmet


def _total(required: float, nice: float, wish_fit: float) -> int:
    return round(WEIGHT_REQUIRED * required + WEIGHT_NICE * nice + WEIGHT_WISHES * wish_fit)


WISH_CHECKS = 4  # hours, sector, contract, travel
WISH_POINTS = WEIGHT_WISHES / WISH_CHECKS  # each wish met


def _hours_and_travel_points(vacancy: Vacancy):
    """In SQL, the points of the two wishes `_unmet_wishes` judges on plain columns."""
    hours_met = db.and_(
        db.or_(TalentProfile.hours_min.is_(None), TalentProfile.hours_min <= vacancy.hours),
        db.or_(TalentProfile.hours_max.is_(None), TalentProfile.hours_max >= vacancy.hours),
    )
    travel_unmet = db.or_(
        db.and_(
            TalentProfile.travel == "wijk", JobSeeker.district.is_distinct_from(vacancy.district)
        ),
        db.and_(TalentProfile.travel == "stad", db.literal(vacancy.district == OUTSIDE_ROTTERDAM)),
    )
    return db.case((hours_met, WISH_POINTS), else_=0) + db.case(
        (travel_unmet, 0), else_=WISH_POINTS
    )


def score(
    vacancy: Vacancy | Offer, needs: list[Need], levels: dict[int, int], wishes: Wishes
) -> Match:
    """How well one person fits one vacancy, with every reason spelled out."""
    offer = Offer.of(vacancy)
    match = Match(score=0, required_coverage=0, nice_coverage=0, wish_fit=0)
    match.required_coverage = _coverage([n for n in needs if n.required], levels, match)
    match.nice_coverage = _coverage([n for n in needs if not n.required], levels, match)
    match.conflicts = [Conflict(wish, offer, wishes) for wish in _unmet_wishes(offer, wishes)]
    match.wish_fit = (WISH_CHECKS - len(match.conflicts)) / WISH_CHECKS
    match.score = _total(match.required_coverage, match.nice_coverage, match.wish_fit)
    return match


def score_only(
    offer: Offer, required: list[Need], nice: list[Need], levels: dict[int, int], wishes: Wishes
) -> int:
    """`score(...).score` without writing down the reasons: for ranking people who may not
    reach the page shown (the same sums in the same order, so the same number)."""
    wish_fit = (WISH_CHECKS - len(_unmet_wishes(offer, wishes))) / WISH_CHECKS
    return _total(_coverage(required, levels, None), _coverage(nice, levels, None), wish_fit)


def needs_of(vacancy: Vacancy) -> list[Need]:
    return [
        Need(c.competence_id, c.competence.name, c.level, c.required) for c in vacancy.competences
    ]


def _wishes(row) -> Wishes:
    return Wishes(
        district=row.district,
        sectors=tuple(row.sectors or ()),
        contracts=tuple(row.contracts or ()),
        hours_min=row.hours_min,
        hours_max=row.hours_max,
        travel=row.travel,
    )


def wishes_of(profile: TalentProfile, district: str | None) -> Wishes:
    return Wishes(
        district=district,
        sectors=tuple(profile.sectors or ()),
        contracts=tuple(profile.contracts or ()),
        hours_min=profile.hours_min,
        hours_max=profile.hours_max,
        travel=profile.travel,
    )


@dataclass(frozen=True)
class Candidate:
    job_seeker_id: int
    name: str
    state: str
    route_id: int


def _level_column(index: int) -> str:
    return f"level_{index}"


def competence_points(needs: list[Need]):
    """The competence part of the score (at most 80 points) per profile, as a SQL subquery
    (profile_id, points, level_0, level_1, ...): the same sums as `score`, so the database
    can rank first, and the level the profile has of each need in order (NULL: not at all), so
    the people ranked need no second query for their levels.
    Profiles without any of the asked competences are not in it (their points are `base`)."""
    required = [n for n in needs if n.required]
    nice = [n for n in needs if not n.required]
    terms = []
    for group, weight in ((required, WEIGHT_REQUIRED), (nice, WEIGHT_NICE)):
        for need in group:
            share = weight / len(group)
            terms.append(
                db.case(
                    (
                        ProfileCompetence.competence_id == need.competence_id,
                        db.case(
                            (ProfileCompetence.level >= need.level, share),
                            else_=ProfileCompetence.level * share / need.level,
                        ),
                    ),
                    else_=0,
                )
            )
    points = db.func.sum(sum(terms[1:], terms[0])) if terms else db.literal(0)
    # One row per (profile, competence): the max of the one matching row is its level.
    levels = [
        db.func.max(
            db.case(
                (ProfileCompetence.competence_id == need.competence_id, ProfileCompetence.level)
            )
        ).label(_level_column(index))
        for index, need in enumerate(needs)
    ]
    return (
        db.select(ProfileCompetence.profile_id, points.label("points"), *levels)
        .where(ProfileCompetence.competence_id.in_([n.competence_id for n in needs]))
        .group_by(ProfileCompetence.profile_id)
        .subquery()
    )


def _base_points(needs: list[Need]) -> float:
    """Points every profile has: a vacancy asking nothing of a kind is fully covered in it."""
    return (0 if any(n.required for n in needs) else WEIGHT_REQUIRED) + (
        0 if any(not n.required for n in needs) else WEIGHT_NICE
    )


def match_candidates(
    vacancy: Vacancy, visible, limit: int | None = None, offset: int = 0
) -> list[tuple[Candidate, Match]]:
    """People looking for work among `visible` (a select of job seekers), best fit first;
    with `limit`, only the best `limit` (ties at the edge included in their order); from
    `offset` on (the people before it are ranked, not returned).

    The database ranks by the competence part of the score (`competence_points`); wishes add
    at most WEIGHT_WISHES, so only people within that margin of the limit-th can still reach
    the list, and only they are scored in Python; the reasons are written down only for the
    people returned. One query whatever the number of people."""
    needs = needs_of(vacancy)
    offer = Offer.of(vacancy)
    required = [n for n in needs if n.required]
    nice = [n for n in needs if not n.required]
    base = _base_points(needs)
    points_of = competence_points(needs) if needs else None
    points = (
        base + db.func.coalesce(points_of.c.points, 0)
        if points_of is not None
        else db.literal(base)
    )
    # The visible people's own select, narrowed: its conditions apply to the same rows
    # without matching every person's id against a second copy of it.
    seeking = (
        visible.with_only_columns(
            JobSeeker.id,
            JobSeeker.first_name,
            JobSeeker.last_name,
            JobSeeker.district,
            WorkflowInstance.state,
            WorkflowInstance.id.label("route_id"),
            TalentProfile.id.label("profile_id"),
            TalentProfile.sectors,
            TalentProfile.contracts,
            TalentProfile.hours_min,
            TalentProfile.hours_max,
            TalentProfile.travel,
            maintain_column_froms=False,
        )
        .select_from(JobSeeker)
        .join(TalentProfile, TalentProfile.job_seeker_id == JobSeeker.id)
        .join(WorkflowInstance, on_route())
        .where(WorkflowInstance.state.in_(SEEKING))
    )
    if points_of is not None:
        seeking = seeking.outerjoin(
            points_of, points_of.c.profile_id == TalentProfile.id
        ).add_columns(*(points_of.c[_level_column(i)] for i in range(len(needs))))
    if limit is not None:
        # The wishes the database can judge (hours, travel) are counted; the two in lists
        # (sectors, contracts) can add at most two checks' worth. The limit-th best of these
        # lower bounds is an edge no one further than that below it can reach.
        # One query: the scores are worked out once (a CTE) for both the edge and the rows.
        # The CTE is nested in the statement's FROM, so the statement starts with SELECT: the
        # data cache takes any other statement (a WITH may hold an UPDATE) for a write, and
        # would not keep a ranking read with it.
        scored = seeking.add_columns(
            (points + _hours_and_travel_points(vacancy)).label("known")
        ).cte("scored", nesting=True)
        edge = (
            db.select(scored.c.known)
            .order_by(scored.c.known.desc())
            .offset(limit - 1)
            .limit(1)
            .scalar_subquery()
        )
        # Fewer people than places: no edge, everyone.
        within = (
            db.select(scored)
            .where(scored.c.known >= db.func.coalesce(edge - 2 * WISH_POINTS - 1, scored.c.known))
            .subquery("within")
        )
        rows = db.session.execute(db.select(within)).all()
    else:
        rows = db.session.execute(seeking).all()
    columns = [_level_column(i) for i in range(len(needs))]

    def levels_of(row) -> dict[int, int]:
        mapping = row._mapping
        return {
            need.competence_id: level
            for need, column in zip(needs, columns, strict=True)
            if (level := mapping[column])
        }

    def name_of(row) -> str:
        return f"{row.first_name or ''} {row.last_name or ''}".strip()

    # Ranked by the score alone; the reasons only for the people returned.
    ranked = sorted(
        (
            (-score_only(offer, required, nice, levels_of(row), _wishes(row)), name_of(row), row)
            for row in rows
        ),
        # The id last: equal scores and names keep one order, so each page of a ranking
        # (worked out on its own) shows every person exactly once.
        key=lambda entry: (*entry[:2], entry[2].id),
    )
    end = None if limit is None else limit
    return [
        (
            Candidate(row.id, name, row.state, row.route_id),
            score(offer, needs, levels_of(row), _wishes(row)),
        )
        for _points, name, row in ranked[offset:end]
    ]


def match_vacancies(person: JobSeeker, profile: TalentProfile) -> list[tuple[Vacancy, Match]]:
    """Open vacancies for one person, best fit first."""
    vacancies = db.session.scalars(
        db.select(Vacancy).options(db.joinedload(Vacancy.organisation)).where(Vacancy.is_open)
    ).all()
    levels, wishes = profile.levels(), wishes_of(profile, person.district)
    ranked = [(v, score(v, needs_of(v), levels, wishes)) for v in vacancies]
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0].title))
    return ranked

"""Publishing a quarter's figures: counted on the quarter's last day and kept as they were."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale

from ..extensions import db
from ..timeutil import utcnow
from .models import PublishedFigure
from .targets import LABEL_LENGTH, Quarter, programme_targets


@dataclass(frozen=True)
class PublishedQuarter:
    quarter: Quarter
    published_at: datetime
    published_by_id: int | None
    figures: list[PublishedFigure]


def publish_quarter(quarter: Quarter, user) -> list[PublishedFigure]:
    """Count every target on the quarter's last day and store the figures; publishing a quarter
    again replaces its figures (a correction), in one transaction. The caller commits."""
    with force_locale("nl"):  # published in Dutch, whoever presses the button
        targets = programme_targets()
    now = utcnow()
    db.session.execute(
        db.delete(PublishedFigure).where(
            PublishedFigure.year == quarter.year, PublishedFigure.quarter == quarter.number
        )
    )
    figures = [
        PublishedFigure(
            year=quarter.year,
            quarter=quarter.number,
            key=target.key,
            label=target.label[:LABEL_LENGTH],
            value=target.values_on([quarter.end])[0],
            goal=target.goal,
            position=position,
            published_at=now,
            published_by_id=user.id,
        )
        for position, target in enumerate(targets)
    ]
    db.session.add_all(figures)
    db.session.flush()
    return figures


def published_quarters() -> list[PublishedQuarter]:
    """Every published quarter, the newest first, each with its figures in their order."""
    rows = db.session.scalars(
        db.select(PublishedFigure).order_by(
            PublishedFigure.year.desc(),
            PublishedFigure.quarter.desc(),
            PublishedFigure.position,
            PublishedFigure.id,
        )
    ).all()
    quarters: dict[tuple[int, int], list[PublishedFigure]] = {}
    for row in rows:
        quarters.setdefault((row.year, row.quarter), []).append(row)
    return [
        PublishedQuarter(
            Quarter(year, number),
            max(f.published_at for f in figures),
            figures[0].published_by_id,
            figures,
        )
        for (year, number), figures in quarters.items()
    ]


def anything_published() -> bool:
    return db.session.scalar(db.select(PublishedFigure.id).limit(1)) is not None

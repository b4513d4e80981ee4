"""Each person chooses per kind of notification: at once, in one daily digest, or not at all.

The kinds are the core's, not a plugin's: a plugin's notification belongs to one of them
(an employer's answer is "news from the subprojects", a repair deadline is "a deadline").
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

CATEGORIES = {
    "assignment": _l("Iets is aan mij toegewezen"),
    "action": _l("Er wacht een stap op mij"),
    "deadline": _l("Een termijn komt eraan of is verstreken"),
    "events": _l("Nieuws uit de deelprojecten (bijvoorbeeld een keurmerk toegekend)"),
}

MODES = {
    "immediate": _l("Meteen een e-mail"),
    "digest": _l("Eén e-mail per dag met alles bij elkaar"),
    "off": _l("Geen e-mail"),
}

# Deadlines come often and rarely need an answer within the hour: a digest unless chosen.
DEFAULTS = {
    "assignment": "immediate",
    "action": "immediate",
    "deadline": "digest",
    "events": "immediate",
}


class NotificationPreference(db.Model):
    """A person's choice for one category; without a row the default applies."""

    __tablename__ = "notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(20))


def preferences_of(user_id: int) -> dict[str, str]:
    """Every category with the mode this person chose, or the default."""
    chosen = dict(
        db.session.execute(
            db.select(NotificationPreference.category, NotificationPreference.mode).where(
                NotificationPreference.user_id == user_id
            )
        ).all()
    )
    return {category: chosen.get(category, DEFAULTS[category]) for category in CATEGORIES}


def mode_for(user_id: int, category: str) -> str:
    return preferences_of(user_id)[category]


def save_preferences(user_id: int, modes: dict[str, str]) -> None:
    """Store the chosen modes (part of the caller's transaction); unknown values are refused."""
    for category, mode in modes.items():
        if category not in CATEGORIES or mode not in MODES:
            raise ValueError(f"unknown notification preference {category}={mode}")
    rows = {
        p.category: p
        for p in db.session.scalars(
            db.select(NotificationPreference).where(NotificationPreference.user_id == user_id)
        )
    }
    for category, mode in modes.items():
        if category in rows:
            rows[category].mode = mode
        else:
            db.session.add(NotificationPreference(user_id=user_id, category=category, mode=mode))

"""Telling people: an item in their notification list and, as they chose, a mail at once or
in the daily digest.

Text is made per recipient, in the recipient's language, by a function the caller passes
(`describe`), so a plugin formats its values with gettext there and never into a lazy
string. Mail always links to the page where the work is; what it says is what the in-app
item says, so a recipient is never mailed more than they may see on that page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from jinja2 import TemplateNotFound
from sqlalchemy import update

from ..extensions import db
from ..links import absolute_path
from ..mail import queue_mail
from ..timeutil import utcnow
from .models import Notification
from .preferences import CATEGORIES, DEFAULTS, NotificationPreference, mode_for

# A digest gathers what was not mailed during this period; older items only stay in the list.
DIGEST_PERIOD = timedelta(days=7)


def notify(
    people: Iterable,
    category: str,
    describe: Callable[[], str],
    url: str,
    *,
    due: datetime | None = None,
    key: str | None = None,
    template: str | None = None,
) -> list[Notification]:
    """Tell each of `people` (users) about the work at `url` (a path on this site), within the
    caller's transaction. `key` makes the call idempotent per person (a reminder sent once).
    `template` names mail templates of the caller's own (``"keurmerk/mail/report"`` for
    ``report.txt`` and, optionally, ``report.html``), given ``person``, ``text``, ``link``
    and ``due``; by default the core's plain notification mail."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown notification category {category!r}")
    made = []
    for person in {p.id: p for p in people if p is not None and p.active}.values():
        if key and _already_told(person.id, key):
            continue
        with force_locale(person.language or "nl"):
            item = Notification(
                user_id=person.id,
                category=category,
                text=str(describe())[:1000],
                url=url,
                due_at=due,
                key=key,
            )
            db.session.add(item)
            if mode_for(person.id, category) == "immediate" and person.password_hash:
                _mail_one(person, item, template)
                item.mailed_at = utcnow()
        made.append(item)
    return made


def _already_told(user_id: int, key: str) -> bool:
    return (
        db.session.scalar(
            db.select(Notification.id).where(
                Notification.user_id == user_id, Notification.key == key
            )
        )
        is not None
    )


def _mail_one(person, item: Notification, template: str | None) -> None:
    context = {
        "person": person,
        "text": item.text,
        "link": absolute_path(item.url),
        "due": item.due_at,
    }
    body, html = _render(template or "core/mail/notification", context)
    queue_mail(person.email, _subject(item.text), body, html=html)


def _subject(text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    return _("Warm Rotterdam: %(text)s", text=first_line)[:300]


def _render(template: str, context: dict) -> tuple[str, str | None]:
    context = {**context, "lang": str(get_locale())}
    body = render_template(f"{template}.txt", **context)
    try:
        html = render_template(f"{template}.html", **context)
    except TemplateNotFound:
        html = None
    return body, html


# --------------------------------------------------------------------------- digest


def digest_cutoff(now: datetime, hour: int, timezone: str) -> datetime:
    """The latest moment, at or before `now`, when the clock in `timezone` struck `hour`
    (naive UTC, like every stored time)."""
    local = now.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone))
    struck = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if struck > local:
        struck -= timedelta(days=1)
    return struck.astimezone(UTC).replace(tzinfo=None)


def send_digests(until: datetime | None = None) -> int:
    """One mail per person with every item of a digest category not mailed yet and made before
    `until` (default now); returns the number of mails. Safe to run twice at once: each item
    is claimed by one run. The worker passes the last digest hour as `until`, so running it
    often still sends one digest a day."""
    now = utcnow()
    until = until or now
    candidates = db.session.execute(
        db.select(
            Notification.id,
            Notification.user_id,
            Notification.category,
            NotificationPreference.mode,
        )
        .outerjoin(
            NotificationPreference,
            (NotificationPreference.user_id == Notification.user_id)
            & (NotificationPreference.category == Notification.category),
        )
        .where(
            Notification.mailed_at.is_(None),
            Notification.created_at >= until - DIGEST_PERIOD,
            Notification.created_at < until,
        )
    ).all()
    ids = [row.id for row in candidates if (row.mode or DEFAULTS.get(row.category)) == "digest"]
    if not ids:
        db.session.rollback()
        return 0
    # The UPDATE claims: an item another run marked meanwhile no longer matches.
    claimed = db.session.scalars(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.mailed_at.is_(None))
        .values(mailed_at=now)
        .returning(Notification.id)
    ).all()
    items = db.session.scalars(
        db.select(Notification)
        .where(Notification.id.in_(claimed))
        .order_by(Notification.created_at)
    ).all()
    by_person: dict[int, list[Notification]] = {}
    for item in items:
        by_person.setdefault(item.user_id, []).append(item)
    from ..accounts.models import User

    sent = 0
    for person in db.session.scalars(db.select(User).where(User.id.in_(list(by_person)))):
        if not (person.active and person.password_hash):
            continue
        with force_locale(person.language or "nl"):
            entries = [(i, absolute_path(i.url)) for i in by_person[person.id]]
            body, html = _render("core/mail/digest", {"person": person, "entries": entries})
            queue_mail(
                person.email,
                _("Warm Rotterdam: %(n)s meldingen van de afgelopen dag", n=len(entries)),
                body,
                html=html,
            )
        sent += 1
    db.session.commit()
    return sent

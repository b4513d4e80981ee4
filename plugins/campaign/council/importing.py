"""Reading the council from a CSV file: every row checked, nothing saved until the team has
seen the preview and confirms.

Columns (a header row, in any order): naam, partij, in_raad_vanaf, in_raad_tot, email,
telefoon. Separated by ";" (as Dutch spreadsheets save) or ",". Dates as 2018-03-29 or
29-03-2018. A row whose e-mail address is known updates that member.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from core.api import db

from .models import CouncilMember, Party

COLUMNS = ("naam", "partij", "in_raad_vanaf", "in_raad_tot", "email", "telefoon")
REQUIRED = ("naam", "partij", "in_raad_vanaf", "email")
MAX_ROWS = 500  # a council has 45 seats; this is far more than any council file holds


@dataclass
class ImportRow:
    line: int
    name: str = ""
    party: str = ""
    seated_from: date | None = None
    seated_until: date | None = None
    email: str = ""
    phone: str | None = None
    errors: list[str] = field(default_factory=list)
    updates: bool = False  # a member with this address exists and will be updated


def _date(text: str) -> date | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def read_council(text: str) -> tuple[list[ImportRow], list[str]]:
    """The rows of the file with their errors, and errors about the file as a whole."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        return [], [_("Het bestand is leeg.")]
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [re.sub(r"\s+", "_", (name or "").strip().lower()) for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return [], [
            _(
                "Deze kolommen ontbreken: %(columns)s. De eerste regel moet de kolomnamen geven: %(all)s.",
                columns=", ".join(missing),
                all=";".join(COLUMNS),
            )
        ]
    reader.fieldnames = header
    rows: list[ImportRow] = []
    for number, values in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            return rows, [_("Het bestand heeft meer dan %(n)s regels.", n=MAX_ROWS)]
        if not any((v or "").strip() for k, v in values.items() if k):
            continue  # an empty line
        rows.append(_row(number, {k: (v or "").strip() for k, v in values.items() if k}))
    _check_duplicates(rows)
    known = set(
        db.session.scalars(
            db.select(CouncilMember.email).where(CouncilMember.email.in_([r.email for r in rows]))
        )
    )
    for row in rows:
        row.updates = row.email in known
    return rows, []


def _row(line: int, values: dict[str, str]) -> ImportRow:
    row = ImportRow(line=line)
    row.name = values.get("naam", "")[:200]
    row.party = values.get("partij", "")[:120]
    if not row.name:
        row.errors.append(_("de naam ontbreekt"))
    if not row.party:
        row.errors.append(_("de partij ontbreekt"))
    try:
        row.email = validate_email(
            values.get("email", ""), check_deliverability=False
        ).normalized.lower()
    except EmailNotValidError:
        row.errors.append(_("het e-mailadres is niet geldig"))
    for key, attribute, required in (
        ("in_raad_vanaf", "seated_from", True),
        ("in_raad_tot", "seated_until", False),
    ):
        text = values.get(key, "")
        if not text:
            if required:
                row.errors.append(_("de datum in de raad vanaf ontbreekt"))
            continue
        try:
            setattr(row, attribute, _date(text))
        except ValueError:
            row.errors.append(
                _("de datum '%(text)s' is niet te lezen (schrijf 2018-03-29)", text=text[:20])
            )
    if row.seated_from and row.seated_until and row.seated_until < row.seated_from:
        row.errors.append(_("in de raad tot ligt voor in de raad vanaf"))
    row.phone = values.get("telefoon", "")[:40] or None
    return row


def _check_duplicates(rows: list[ImportRow]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.email:
            continue
        if row.email in seen:
            row.errors.append(_("hetzelfde e-mailadres als regel %(line)s", line=seen[row.email]))
        else:
            seen[row.email] = row.line


def save_council(rows: list[ImportRow]) -> tuple[int, int]:
    """Add or update every row (only call when none has an error); (added, updated). The
    caller commits."""
    parties = {p.name: p for p in db.session.scalars(db.select(Party))}
    members = {
        m.email: m
        for m in db.session.scalars(
            db.select(CouncilMember).where(CouncilMember.email.in_([r.email for r in rows]))
        )
    }
    added = updated = 0
    for row in rows:
        party = parties.get(row.party)
        if party is None:
            party = parties[row.party] = Party(name=row.party)
            db.session.add(party)
        member = members.get(row.email)
        if member is None:
            member = CouncilMember(email=row.email)
            db.session.add(member)
            added += 1
        else:
            updated += 1
        member.name = row.name
        member.party = party
        member.seated_from = row.seated_from
        member.seated_until = row.seated_until
        member.phone = row.phone
    return added, updated


def party_named(name: str) -> Party:
    """The party of that name, added when it is new (the caller commits)."""
    party = db.session.scalar(db.select(Party).where(Party.name == name))
    if party is None:
        party = Party(name=name)
        db.session.add(party)
    return party

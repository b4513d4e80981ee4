"""`flask --app wsgi passendwerk ...`: import ESCO skills, erase files past retention."""

import csv

import click
from flask.cli import AppGroup

from core.api import db

from .catalogue.models import Competence, name_key
from .privacy.rights import erase
from .retention import expired_files, retention_period

passendwerk = AppGroup("passendwerk", help="Passend werk: competences and retention.")


def import_esco_rows(rows, activate: bool | set[str] = False) -> tuple[int, int]:
    """Add ESCO skills (conceptUri, preferredLabel, description) not yet in the catalogue.

    Returns (added, skipped). A skill whose name is already in the catalogue gets its ESCO
    link instead of a duplicate, and keeps whether it is offered. New skills are not offered
    (inactive) unless `activate` is True, or holds their name or ESCO address: an export has
    some 14,000 skills, and the team chooses the few its people need.
    """
    by_uri = set(
        db.session.scalars(db.select(Competence.esco_uri).where(Competence.esco_uri.is_not(None)))
    )
    by_name = {c.name.lower(): c for c in db.session.scalars(db.select(Competence))}
    chosen = {a.strip().lower() for a in activate} if isinstance(activate, set) else set()
    new: dict[str, dict] = {}
    added = skipped = 0
    for row in rows:
        uri = (row.get("conceptUri") or "").strip()
        name = (row.get("preferredLabel") or "").strip()[:200]
        if not uri or not name or uri in by_uri or name.lower() in new:
            skipped += 1
            continue
        existing = by_name.get(name.lower())
        if existing is not None:
            existing.esco_uri = existing.esco_uri or uri
            skipped += 1
        else:
            new[name.lower()] = {
                "name": name,
                "name_key": name_key(name),
                "esco_uri": uri,
                "description": (row.get("description") or "").strip() or None,
                "active": activate is True or name.lower() in chosen or uri.lower() in chosen,
            }
            added += 1
        by_uri.add(uri)
    if new:
        # One executemany instead of an object per skill: an ESCO export imports in seconds.
        db.session.execute(db.insert(Competence), list(new.values()))
    return added, skipped


@passendwerk.command("import-esco")
@click.argument("csv_file", type=click.File(encoding="utf-8-sig"))
@click.option(
    "--active", "all_active", is_flag=True, help="Offer every new skill at once in the forms."
)
@click.option(
    "--activate",
    multiple=True,
    metavar="NAME_OR_URI",
    help="Offer this new skill at once (its preferredLabel or conceptUri); may be repeated.",
)
def import_esco(csv_file, all_active: bool, activate: tuple[str, ...]):
    """Add skills from an ESCO CSV export (e.g. skills_nl.csv) to the competence catalogue.

    New skills are added as not offered, unless --active or --activate says otherwise; the
    team offers the ones it needs on the catalogue page.
    """
    reader = csv.DictReader(csv_file)
    missing = {"conceptUri", "preferredLabel"} - set(reader.fieldnames or ())
    if missing:
        raise click.ClickException(
            f"This is not an ESCO skills export: missing column(s) {', '.join(sorted(missing))}."
        )
    rows = list(reader)  # read whole, so the bar knows how many there are
    with click.progressbar(rows, label="Importing ESCO skills", show_pos=True) as bar:
        added, skipped = import_esco_rows(bar, True if all_active else set(activate))
    db.session.commit()
    # The summary stays the last line, for scripts that read it.
    if added and not all_active:
        click.echo(
            "New competences are not offered in the forms"
            + (" (except those named with --activate)" if activate else "")
            + ": offer the ones you need on the catalogue page, or import with --active."
        )
    click.echo(
        f"{len(rows)} row(s) read: {added} competences added, {skipped} skipped "
        "(already there or incomplete)."
    )


@passendwerk.command("erase-expired")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_expired(yes: bool):
    """Erase the personal data of files closed longer than the retention period."""
    people = db.session.scalars(expired_files()).all()
    days = retention_period().days
    if not people:
        click.echo(f"No files closed longer than {days} days.")
        return
    click.echo(
        f"{len(people)} file(s) closed longer than {days} days: ids {', '.join(str(p.id) for p in people)}."
    )
    if not yes and not click.confirm("Erase their personal data? This cannot be undone"):
        click.echo("Nothing erased.")
        return
    with click.progressbar(people, label="Erasing personal data", show_pos=True) as bar:
        for person in bar:
            erase(person)
    db.session.commit()
    click.echo(f"Erased {len(people)} file(s); their anonymous figures remain.")

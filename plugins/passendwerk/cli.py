"""`flask --app wsgi passendwerk ...`: import ESCO skills, erase files past retention."""

import csv

import click
from flask.cli import AppGroup

from core.api import db

from .catalogue.models import Competence
from .privacy.rights import erase
from .retention import expired_files, retention_period

passendwerk = AppGroup("passendwerk", help="Passend werk: competences and retention.")


def import_esco_rows(rows) -> tuple[int, int]:
    """Add ESCO skills (conceptUri, preferredLabel, description) not yet in the catalogue.

    Returns (added, skipped). A skill whose name is already in the catalogue gets its ESCO
    link instead of a duplicate.
    """
    by_uri = set(
        db.session.scalars(db.select(Competence.esco_uri).where(Competence.esco_uri.is_not(None)))
    )
    by_name = {c.name.lower(): c for c in db.session.scalars(db.select(Competence))}
    added = skipped = 0
    for row in rows:
        uri = (row.get("conceptUri") or "").strip()
        name = (row.get("preferredLabel") or "").strip()[:200]
        if not uri or not name or uri in by_uri:
            skipped += 1
            continue
        existing = by_name.get(name.lower())
        if existing is not None:
            existing.esco_uri = existing.esco_uri or uri
            skipped += 1
        else:
            competence = Competence(
                name=name, esco_uri=uri, description=(row.get("description") or "").strip() or None
            )
            db.session.add(competence)
            by_name[name.lower()] = competence
            added += 1
        by_uri.add(uri)
    return added, skipped


@passendwerk.command("import-esco")
@click.argument("csv_file", type=click.File(encoding="utf-8-sig"))
def import_esco(csv_file):
    """Add skills from an ESCO CSV export (e.g. skills_nl.csv) to the competence catalogue."""
    reader = csv.DictReader(csv_file)
    missing = {"conceptUri", "preferredLabel"} - set(reader.fieldnames or ())
    if missing:
        raise click.ClickException(
            f"This is not an ESCO skills export: missing column(s) {', '.join(sorted(missing))}."
        )
    rows = list(reader)  # read whole, so the bar knows how many there are
    with click.progressbar(rows, label="Importing ESCO skills", show_pos=True) as bar:
        added, skipped = import_esco_rows(bar)
    db.session.commit()
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

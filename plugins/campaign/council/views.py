"""The council as the team keeps it: the list, one member by hand, a CSV import."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from core.api import db, page_number, requires

from .forms import CouncilImportForm, CouncilMemberForm
from .importing import party_named, read_council, save_council
from .models import CouncilMember, Party

PER_PAGE = 50
MAX_FILE = 256 * 1024


@requires("campaign.view")
def council():
    page = page_number()
    rows = db.session.scalars(
        db.select(CouncilMember)
        .join(Party)
        .order_by(Party.name, CouncilMember.name, CouncilMember.id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    return render_template(
        "campaign/council/index.html",
        members=rows[:PER_PAGE],
        page=page,
        more=len(rows) > PER_PAGE,
    )


def _save_member(form: CouncilMemberForm, member: CouncilMember) -> bool:
    """False (with the field's error) when another member has the address already."""
    taken = db.session.scalar(
        db.select(CouncilMember.id).where(
            CouncilMember.email == form.email.data.strip().lower(),
            CouncilMember.id != (member.id or 0),
        )
    )
    if taken:
        form.email.errors.append(_("Een ander raadslid heeft dit e-mailadres al."))
        return False
    member.name = form.name.data.strip()
    member.party = party_named(form.party.data.strip())
    member.seated_from = form.seated_from.data
    member.seated_until = form.seated_until.data
    member.email = form.email.data.strip().lower()
    member.phone = (form.phone.data or "").strip() or None
    db.session.add(member)
    db.session.commit()
    return True


@requires("campaign.manage")
def new_member():
    form = CouncilMemberForm()
    if form.validate_on_submit() and _save_member(form, CouncilMember()):
        flash(_("Het raadslid is toegevoegd."), "success")
        return redirect(url_for(".council"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("campaign/council/member_form.html", form=form, member=None), status


@requires("campaign.manage")
def edit_member(member_id: int):
    member = db.session.get(CouncilMember, member_id) or abort(404)
    form = CouncilMemberForm(obj=member)
    if request.method == "GET":
        form.party.data = member.party.name
    if form.validate_on_submit() and _save_member(form, member):
        flash(_("De gegevens zijn opgeslagen."), "success")
        return redirect(url_for(".council"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("campaign/council/member_form.html", form=form, member=member), status


@requires("campaign.manage")
def import_council():
    """Upload: show every row with its errors. Confirm: import the same text, when it has none."""
    form = CouncilImportForm()
    if request.method == "GET":
        return render_template("campaign/council/import.html", form=form, rows=None, problems=[])
    if not form.validate_on_submit():
        abort(400)
    confirming = "confirm" in request.form
    if confirming:
        text = form.text.data or ""
    else:
        upload = form.file.data
        data = upload.read(MAX_FILE + 1) if upload else b""
        if len(data) > MAX_FILE:
            return _preview(form, [], [_("Het bestand is groter dan 256 kB.")])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return _preview(
                form, [], [_("Bewaar het bestand als CSV in UTF-8 en probeer het opnieuw.")]
            )
    rows, problems = read_council(text)
    if not rows and not problems:
        problems = [_("Het bestand heeft geen raadsleden.")]
    if confirming and not problems and not any(row.errors for row in rows):
        added, updated = save_council(rows)
        db.session.commit()
        flash(
            _(
                "%(added)s raadsleden toegevoegd, %(updated)s bijgewerkt.",
                added=added,
                updated=updated,
            ),
            "success",
        )
        return redirect(url_for(".council"), code=303)
    form.text.data = text
    return _preview(form, rows, problems)


def _preview(form, rows, problems):
    status = 400 if problems or any(row.errors for row in rows) else 200
    return render_template(
        "campaign/council/import.html", form=form, rows=rows, problems=problems
    ), status


ROUTES = [
    ("/council/", council, ["GET"]),
    ("/council/new", new_member, ["GET", "POST"]),
    ("/council/<int:member_id>/edit", edit_member, ["GET", "POST"]),
    ("/council/import", import_council, ["GET", "POST"]),
]

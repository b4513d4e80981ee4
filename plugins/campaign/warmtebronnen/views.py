"""The Warmtebronnen map for everyone, and the pages where the team and each Warmtebron keep
their entry."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from core.api import choices, db, page_number, public, requires

from .forms import WarmtebronForm
from .models import DISTRICTS, OFFERS, Warmtebron
from .search import (
    MAX_QUERY,
    PER_PAGE,
    keeps_all,
    kept_by,
    may_edit,
    organisations_without_entry,
    search_map,
)

# The free-text fields of an entry; empty optional ones are stored as None.
ENTRY_FIELDS = (
    "description",
    "district",
    "address",
    "opening_hours",
    "phone",
    "email",
    "website",
    "accessibility",
)


def _map_filters() -> dict:
    """The map's search as the address gives it (`q`, `district`, `offer`): a district or
    offer not in the lists is ignored (an old link), a too long text cut."""
    district = request.args.get("district", "")
    offer = request.args.get("offer", "")
    return {
        "q": request.args.get("q", "").strip()[:MAX_QUERY],
        "district": district if district in DISTRICTS else "",
        "offer": offer if offer in OFFERS else "",
    }


@public
def warmtebron_map():
    filters = _map_filters()
    result = search_map(
        filters["q"],
        district=filters["district"] or None,
        offer=filters["offer"] or None,
        page=page_number(),
    )
    return render_template(
        "campaign/warmtebronnen/map.html",
        result=result,
        filters=filters,
        # Only the filters in use go into the pager's links.
        args={name: value for name, value in filters.items() if value},
        districts=DISTRICTS,
        offers=OFFERS,
    )


@public
def warmtebron(warmtebron_id: int):
    entry = db.session.get(Warmtebron, warmtebron_id)
    editable = entry is not None and may_edit(current_user, entry)
    if entry is None or not (entry.published or editable):
        abort(404)
    return render_template("campaign/warmtebronnen/entry.html", entry=entry, editable=editable)


@requires("campaign.warmtebron.own")
def warmtebronnen_kept():
    page = page_number()
    rows = db.session.scalars(
        kept_by(current_user).offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)
    ).all()
    return render_template(
        "campaign/warmtebronnen/kept.html",
        entries=rows[:PER_PAGE],
        page=page,
        more=len(rows) > PER_PAGE,
        may_add=bool(organisations_without_entry(current_user, limit=1)),
        team=keeps_all(current_user),
    )


def _save(form: WarmtebronForm, entry: Warmtebron) -> None:
    for name in ENTRY_FIELDS:
        value = form[name].data
        setattr(entry, name, value.strip() if isinstance(value, str) and value.strip() else None)
    entry.set_offers(form.offer_codes.data)
    if "published" in form:
        entry.published = form.published.data


def _entry_form(entry: Warmtebron | None) -> WarmtebronForm:
    form = WarmtebronForm(obj=entry)
    if not keeps_all(current_user):
        del form.published  # the team decides what is on the public map
    return form


@requires("campaign.warmtebron.own")
def new_warmtebron():
    candidates = organisations_without_entry(current_user)
    if not candidates:
        abort(
            403, description=_("Er is geen Warmtebron waarvoor u een nieuwe vermelding kunt maken.")
        )
    form = _entry_form(None)
    form.organisation_id.choices = choices((str(o.id), o.name) for o in candidates)
    if form.validate_on_submit():
        if form.organisation_id.data not in {str(o.id) for o in candidates}:
            form.organisation_id.errors.append(_("Kies een organisatie uit de lijst."))
        else:
            entry = Warmtebron(organisation_id=int(form.organisation_id.data), offers=[])
            _save(form, entry)
            db.session.add(entry)
            try:
                db.session.commit()
            except IntegrityError:  # someone else made it in the meantime
                db.session.rollback()
                form.organisation_id.errors.append(_("Deze organisatie staat al op de kaart."))
            else:
                flash(_("De Warmtebron is opgeslagen."), "success")
                return redirect(url_for(".warmtebron", warmtebron_id=entry.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("campaign/warmtebronnen/form.html", form=form, entry=None), status


@requires("campaign.warmtebron.own")
def edit_warmtebron(warmtebron_id: int):
    # Another organisation's entry is simply not found: 404, and nothing changes.
    entry = db.session.scalar(kept_by(current_user).where(Warmtebron.id == warmtebron_id))
    if entry is None:
        abort(404)
    form = _entry_form(entry)
    del form.organisation_id  # an entry stays with its organisation
    if form.validate_on_submit():
        _save(form, entry)
        db.session.commit()
        flash(_("De Warmtebron is opgeslagen."), "success")
        return redirect(url_for(".warmtebron", warmtebron_id=entry.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("campaign/warmtebronnen/form.html", form=form, entry=entry), status


GET, FORM = ["GET"], ["GET", "POST"]

ROUTES = [
    ("/warmtebronnen", warmtebron_map, GET),
    ("/warmtebronnen/<int:warmtebron_id>", warmtebron, GET),
    ("/warmtebronnen/manage", warmtebronnen_kept, GET),
    ("/warmtebronnen/new", new_warmtebron, FORM),
    ("/warmtebronnen/<int:warmtebron_id>/edit", edit_warmtebron, FORM),
]

"""The lists the team maintains: competences, training modules, causes of ending a route."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from core.api import db, form_errors, page_number, render_error, requires, user_can

from .forms import CatalogueItemForm
from .models import Competence, EndingCause, TrainingModule, find_competences, name_key

# Competences on one page of the catalogue: an ESCO import brings some 14,000.
PER_PAGE = 50

COMPETENCE_FILTERS = {
    "all": _l("Alle"),
    "active": _l("Aangeboden"),
    "retired": _l("Niet meer aangeboden"),
}

CATALOGUES = {
    "competences": (Competence, _l("Competenties")),
    "trainings": (TrainingModule, _l("Trainingsmodules")),
    "causes": (EndingCause, _l("Oorzaken van afbreken")),
}


def _catalogue_or_404(kind: str):
    if kind not in CATALOGUES:
        abort(404)
    return CATALOGUES[kind]


def _competence_page():
    """The page of competences the team asked for: searched by name, filtered, paged."""
    query = request.args.get("q", "").strip()[:200]
    status = request.args.get("status", "all")
    if status not in COMPETENCE_FILTERS:
        status = "all"
    page = page_number()
    select = db.select(Competence)
    if key := name_key(query):
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        select = select.where(Competence.name_key.like(f"%{escaped}%", escape="\\"))
    if status != "all":
        select = select.where(Competence.active.is_(status == "active"))
    total = db.session.scalar(db.select(db.func.count()).select_from(select.subquery()))
    items = db.session.scalars(
        select.order_by(Competence.name_key, Competence.id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    return {
        "entries": items,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PER_PAGE)),
        "q": query,
        "status": status,
        "filters": COMPETENCE_FILTERS,
    }


@requires("passendwerk.manage")
def catalogue():
    return render_template(
        "passendwerk/catalogue.html",
        competences=_competence_page(),
        competence_form=CatalogueItemForm(prefix="competences"),
        catalogues=[
            (
                kind,
                title,
                db.session.scalars(
                    db.select(model).order_by(model.active.desc(), model.name)
                ).all(),
                CatalogueItemForm(prefix=kind),
            )
            for kind, (model, title) in CATALOGUES.items()
            if kind != "competences"
        ],
    )


@requires("passendwerk.manage")
def bulk_competences():
    """Offer or retire the ticked competences at once; retired ones stay on the records."""
    action = request.form.get("action")
    back = request.form.get("back", "")
    # Only a page of the catalogue itself, with its search kept.
    if not back.startswith(url_for(".catalogue") + "?") and back != url_for(".catalogue"):
        back = url_for(".catalogue")
    ids = [int(v) for v in request.form.getlist("ids") if v.isascii() and v.isdigit()]
    ids = [i for i in ids if i <= 2**31 - 1]
    if action not in ("retire", "activate"):
        abort(400)
    if not ids:
        flash(_("Vink eerst aan welke competenties u wilt wijzigen."), "error")
        return redirect(back + "#competences", code=303)
    active = action == "activate"
    changed = db.session.execute(
        db.update(Competence)
        .where(Competence.id.in_(ids), Competence.active != active)
        .values(active=active)
    ).rowcount
    db.session.commit()
    if active:
        message = ngettext(
            "%(num)d competentie wordt weer aangeboden.",
            "%(num)d competenties worden weer aangeboden.",
            changed,
        )
    else:
        message = ngettext(
            "%(num)d competentie wordt niet meer aangeboden.",
            "%(num)d competenties worden niet meer aangeboden.",
            changed,
        )
    flash(message, "success")
    return redirect(back + "#competences", code=303)


@requires("passendwerk.competences")
def search_competences():
    """At most 20 offered competences whose name holds `q`, for the picker in the forms."""
    if not (
        user_can(current_user, "passendwerk.view")
        or user_can(current_user, "passendwerk.vacancies")
    ):
        abort(403)
    found = find_competences(request.args.get("q", "")[:200])
    return jsonify({"results": [{"id": c.id, "name": c.name} for c in found]})


@requires("passendwerk.manage")
def add_to_catalogue(kind: str):
    model, _title = _catalogue_or_404(kind)
    form = CatalogueItemForm(prefix=kind)
    if form.validate_on_submit():
        name = form.name.data.strip()
        back = url_for(".catalogue") + f"#{kind}"
        already = _("'%(name)s' staat al in de lijst.", name=name)
        if db.session.scalar(db.select(model.id).where(db.func.lower(model.name) == name.lower())):
            return render_error(409, already, link=back)
        item = model(name=name)
        if hasattr(item, "description"):
            item.description = (form.description.data or "").strip() or None
        db.session.add(item)
        try:
            db.session.commit()
        except IntegrityError:  # someone added the same name at the same moment
            db.session.rollback()
            return render_error(409, already, link=back)
        flash(_("'%(name)s' is toegevoegd.", name=name), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".catalogue") + f"#{kind}", code=303)


@requires("passendwerk.manage")
def toggle_catalogue_item(kind: str, item_id: int):
    """Retire or restore an entry; retired entries stay on the records that use them."""
    model, _title = _catalogue_or_404(kind)
    item = db.get_or_404(model, item_id)
    item.active = not item.active
    db.session.commit()
    flash(
        _("'%(name)s' is weer in gebruik.", name=item.name)
        if item.active
        else _("'%(name)s' wordt niet meer aangeboden.", name=item.name),
        "success",
    )
    return redirect(url_for(".catalogue") + f"#{kind}", code=303)

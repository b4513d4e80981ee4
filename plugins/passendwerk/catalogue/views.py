"""The lists the team maintains: competences, training modules, causes of ending a route."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from core.api import db, form_errors, render_error, requires

from .forms import CatalogueItemForm
from .models import Competence, EndingCause, TrainingModule

CATALOGUES = {
    "competences": (Competence, _l("Competenties")),
    "trainings": (TrainingModule, _l("Trainingsmodules")),
    "causes": (EndingCause, _l("Oorzaken van afbreken")),
}


def _catalogue_or_404(kind: str):
    if kind not in CATALOGUES:
        abort(404)
    return CATALOGUES[kind]


@requires("passendwerk.manage")
def catalogue():
    return render_template(
        "passendwerk/catalogue.html",
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
        ],
    )


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

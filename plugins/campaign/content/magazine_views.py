"""The online magazine: the editorial board puts editions together; published editions and
their published articles are public pages."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from core.api import (
    choices,
    db,
    form_errors,
    public,
    render_error,
    requires,
    user_can,
    utcnow,
)

from . import rules
from .forms import ArticleForm, EditionForm
from .models import ContentItem, MagazineEdition


def _edition_or_404(edition_id: int) -> MagazineEdition:
    return db.get_or_404(MagazineEdition, edition_id)


def _back(edition: MagazineEdition):
    return redirect(url_for(".edition", edition_id=edition.id), code=303)


def _article_form(edition: MagazineEdition) -> ArticleForm:
    form = ArticleForm()
    form.item_id.choices = choices(
        (i.id, f"{i.title} ({i.kind_label})") for i in rules.candidate_articles(edition)
    )
    return form


@requires("campaign.content")
def editions():
    return render_template(
        "campaign/content/editions.html",
        editions=db.session.scalars(
            db.select(MagazineEdition).order_by(MagazineEdition.number.desc())
        ).all(),
    )


@requires("campaign.magazine")
def new_edition():
    form = EditionForm()
    if form.validate_on_submit():
        edition = MagazineEdition()
        form.populate_obj(edition)
        edition.title = edition.title.strip()
        db.session.add(edition)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            form.number.errors.append(_("Er is al een editie met dit nummer."))
        else:
            flash(_("De editie is aangemaakt."), "success")
            return _back(edition)
    status = 400 if form.is_submitted() else 200
    return render_template("campaign/content/edition_form.html", form=form), status


@requires("campaign.content")
def edition(edition_id: int):
    edition = _edition_or_404(edition_id)
    articles = db.session.scalars(
        db.select(ContentItem).where(ContentItem.edition_id == edition.id).order_by(ContentItem.id)
    ).all()
    manage = user_can(current_user, "campaign.magazine")
    return render_template(
        "campaign/content/edition.html",
        edition=edition,
        articles=articles,
        item_states=rules.states_of(articles),
        public_ids={a.id for a in rules.public_articles(edition)},
        article_form=_article_form(edition) if manage else None,
        manage=manage,
        refusal=rules.publication_refusal(edition),
    )


@requires("campaign.magazine")
def add_article(edition_id: int):
    edition = _edition_or_404(edition_id)
    form = _article_form(edition)
    if not form.validate_on_submit():
        flash(form_errors(form) or _("Kies een artikel."), "error")
        return _back(edition)
    item = db.session.get(ContentItem, form.item_id.data)
    item.edition_id = edition.id
    db.session.commit()
    flash(_("Het artikel hoort nu bij deze editie."), "success")
    return _back(edition)


@requires("campaign.magazine")
def remove_article(edition_id: int, item_id: int):
    edition = _edition_or_404(edition_id)
    item = db.get_or_404(ContentItem, item_id)
    if item.edition_id != edition.id:
        abort(404)
    item.edition_id = None
    db.session.commit()
    flash(_("Het artikel is uit deze editie gehaald."), "success")
    return _back(edition)


@requires("campaign.magazine")
def publish_edition(edition_id: int):
    edition = _edition_or_404(edition_id)
    if reason := rules.publication_refusal(edition):
        return render_error(409, reason, link=url_for(".edition", edition_id=edition.id))
    edition.published_at = utcnow()
    db.session.commit()
    flash(_("De editie staat nu op de openbare pagina van het magazine."), "success")
    return _back(edition)


@requires("campaign.magazine")
def unpublish_edition(edition_id: int):
    edition = _edition_or_404(edition_id)
    edition.published_at = None
    db.session.commit()
    flash(_("De editie is van de openbare pagina gehaald."), "success")
    return _back(edition)


# ------------------------------------------------------------------ public pages


def _published_or_404(number: int) -> MagazineEdition:
    edition = db.session.scalar(
        db.select(MagazineEdition).where(
            MagazineEdition.number == number, MagazineEdition.published_at.is_not(None)
        )
    )
    if edition is None:
        abort(404)
    return edition


@public
def magazine():
    return render_template(
        "campaign/content/public_magazine.html", editions=rules.published_editions()
    )


@public
def public_edition(number: int):
    edition = _published_or_404(number)
    return render_template(
        "campaign/content/public_edition.html",
        edition=edition,
        articles=rules.public_articles(edition),
    )


@public
def public_article(number: int, item_id: int):
    edition = _published_or_404(number)
    article = next(iter(rules.public_articles(edition, item_id)), None)
    if article is None:
        abort(404)
    return render_template("campaign/content/public_article.html", edition=edition, article=article)


ROUTES = [
    ("/magazine/editions", editions, ["GET"]),
    ("/magazine/editions/new", new_edition, ["GET", "POST"]),
    ("/magazine/editions/<int:edition_id>", edition, ["GET"]),
    ("/magazine/editions/<int:edition_id>/articles", add_article, ["POST"]),
    ("/magazine/editions/<int:edition_id>/articles/<int:item_id>/remove", remove_article, ["POST"]),
    ("/magazine/editions/<int:edition_id>/publish", publish_edition, ["POST"]),
    ("/magazine/editions/<int:edition_id>/unpublish", unpublish_edition, ["POST"]),
    ("/magazine/", magazine, ["GET"]),
    ("/magazine/<int:number>", public_edition, ["GET"]),
    ("/magazine/<int:number>/<int:item_id>", public_article, ["GET"]),
]

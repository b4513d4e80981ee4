"""The council member's own page, reached by the personal link in their mail: no account.

The link names one participation and is signed (see rules.link_token), so it opens that
member's page and nothing else; it stops working after the challenge's last day. Every
answer goes through the engine as a `by_link` step.
"""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from core.api import WorkflowError, db, engine_of, local_today, public, render_error, utcnow

from .certificate import certificate_pdf, certificate_text, may_have_certificate
from .forms import AcceptForm, DeclineForm, LogbookForm
from .models import LogbookEntry, Participation
from .rules import challenge_over, link_expired, may_write_logbook, participation_for_token

ANSWERS = {"accept": AcceptForm, "decline": DeclineForm, "call_it_nonsense": None}


def _member(token: str, writing: bool = False) -> tuple[Participation, object]:
    """The participation the link names, or a 404. After the challenge's last day it takes
    no more answers or logbook lines, and some months later it shows nothing (410)."""
    participation = participation_for_token(token)
    if participation is None:
        abort(404)
    now = utcnow()
    if link_expired(participation.challenge, now) or (
        writing and challenge_over(participation.challenge, now)
    ):
        body, status = render_error(
            410,
            _("Deze link werkt niet meer: de uitdaging is voorbij. Vragen? Mail Warm Rotterdam."),
        )
        abort(make_response(body, status))
    return participation, engine_of().instance_for("campaign.challenge", participation)


def _page(token: str, forms: dict | None = None, status: int = 200):
    participation, instance = _member(token)
    over = challenge_over(participation.challenge, utcnow())
    forms = forms or {}
    if instance.state == "uitgenodigd" and not over:
        for trigger, form_class in ANSWERS.items():
            if form_class is not None and trigger not in forms:
                form = form_class(formdata=None)
                if hasattr(form, "prepare"):
                    form.prepare(instance)
                if trigger == "accept":
                    form.starts_on.data = local_today()
                forms[trigger] = form
    if instance.state == "bezig" and not over and "logbook" not in forms:
        forms["logbook"] = LogbookForm(formdata=None, data={"day": local_today()})
    return render_template(
        "campaign/member/page.html",
        token=token,
        participation=participation,
        challenge=participation.challenge,
        instance=instance,
        state=engine_of().declaration(instance).state(instance.state),
        forms=forms,
        over=over,
        certificate=may_have_certificate(instance.state),
    ), status


@public
def member_page(token: str):
    return _page(token)


@public
def member_answer(token: str, trigger: str):
    participation, instance = _member(token, writing=True)
    if trigger not in ANSWERS and trigger != "drop_out":
        abort(404)
    if trigger == "accept" and instance.state == "uitgenodigd":
        # The link's stricter rule on the start day, with the form's own messages.
        form = AcceptForm()
        form.from_link = True
        form.prepare(instance)
        if not form.validate():
            return _page(token, {"accept": form}, 400)
    try:
        engine_of().fire(
            instance.id,
            trigger,
            actor=None,
            by_link=True,
            formdata=request.form,
            expected_version=request.form.get("version", type=int),
        )
    except WorkflowError as refused:
        form = getattr(refused, "form", None)
        if form is not None:
            return _page(token, {trigger: form}, 400)
        flash(str(refused), "error")
        return redirect(url_for(".member_page", token=token), code=303)
    flash(_("Dank u wel, uw antwoord is opgeslagen."), "success")
    return redirect(url_for(".member_page", token=token), code=303)


@public
def member_logbook(token: str):
    participation, instance = _member(token, writing=True)
    form = LogbookForm()
    if not form.validate_on_submit():
        return _page(token, {"logbook": form}, 400)
    refused = may_write_logbook(participation, instance.state, form.day.data)
    if refused:
        form.day.errors.append(refused)
        return _page(token, {"logbook": form}, 400)
    db.session.add(
        LogbookEntry(
            participation_id=participation.id,
            day=form.day.data,
            amount_cents=round(form.amount.data * 100),
            spent_on=form.spent_on.data.strip(),
            note=(form.note.data or "").strip() or None,
        )
    )
    db.session.commit()
    flash(_("Opgeschreven in uw logboek."), "success")
    return redirect(url_for(".member_page", token=token) + "#logbook", code=303)


@public
def member_certificate(token: str):
    participation, instance = _member(token)
    if not may_have_certificate(instance.state):
        abort(404)
    return render_template(
        "campaign/certificate.html",
        participation=participation,
        challenge=participation.challenge,
        text=certificate_text(participation, instance.state == "volbracht"),
        pdf_url=url_for(".member_certificate_pdf", token=token),
    )


@public
def member_certificate_pdf(token: str):
    participation, instance = _member(token)
    if not may_have_certificate(instance.state):
        abort(404)
    return certificate_pdf(participation, instance.state == "volbracht")


ROUTES = [
    ("/raad/<token>", member_page, ["GET"]),
    ("/raad/<token>/answer/<trigger>", member_answer, ["POST"]),
    ("/raad/<token>/logbook", member_logbook, ["POST"]),
    ("/raad/<token>/getuigschrift", member_certificate, ["GET"]),
    ("/raad/<token>/getuigschrift.pdf", member_certificate_pdf, ["GET"]),
]

"""Surveillance pages: the surveillance itself, its plan (team), judging its norms (auditor)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import db, engine_of, requires, user_can

from . import rules
from . import surveillance as surveillances
from .forms import JudgementForm, SurveillanceForm
from .models import Certification, Judgement, Surveillance


def _surveillance_or_404(surveillance_id: int) -> tuple[Surveillance, object]:
    """The surveillance and its certification's workflow instance, if the user may see it."""
    surveillance = db.get_or_404(Surveillance, surveillance_id)
    visible = db.session.scalar(
        rules.visible_certifications(current_user).where(
            Certification.id == surveillance.certification_id
        )
    )
    if visible is None:
        abort(404)
    return surveillance, engine_of().instance_for(rules.WORKFLOW, surveillance.certification)


def _running(surveillance: Surveillance, instance) -> bool:
    """Being carried out now: the certification's current one, with its auditor."""
    return (
        instance.state == surveillances.AUDITING
        and surveillances.current_surveillance(surveillance.certification) is surveillance
    )


@requires("keurmerk.certifications")
def surveillance(surveillance_id: int):
    surveillance, instance = _surveillance_or_404(surveillance_id)
    judged, total = surveillances.progress(surveillance)
    running = _running(surveillance, instance)
    return render_template(
        "keurmerk/surveillance.html",
        surveillance=surveillance,
        certification=surveillance.certification,
        judgements={j.norm_id: j for j in surveillance.judgements},
        judged=judged,
        total=total,
        may_judge=running and current_user.id == surveillance.auditor_id,
        may_plan=running and user_can(current_user, "keurmerk.manage"),
    )


@requires("keurmerk.manage")
def plan_surveillance(surveillance_id: int):
    """Change the plan while it is being carried out (or choose it for one started without)."""
    surveillance, instance = _surveillance_or_404(surveillance_id)
    if not _running(surveillance, instance):
        abort(403, description=_("Een toetsing kan alleen worden aangepast terwijl ze loopt."))
    form = SurveillanceForm(obj=surveillance)
    form.prepare(instance)
    if request.method == "GET":
        form.norm_ids.data = [n.id for n in surveillance.norms]
    if form.validate_on_submit():
        surveillances.apply_plan(surveillance, instance, current_user, form.data)
        db.session.commit()
        flash(_("De toetsing is aangepast."), "success")
        return redirect(url_for(".surveillance", surveillance_id=surveillance.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "keurmerk/surveillance_plan.html", surveillance=surveillance, form=form
    ), status


@requires("keurmerk.certifications")
def judge_surveillance(surveillance_id: int, norm_id: int):
    surveillance, instance = _surveillance_or_404(surveillance_id)
    if not (_running(surveillance, instance) and current_user.id == surveillance.auditor_id):
        abort(
            403, description=_("Alleen de auditor van deze toetsing beoordeelt, terwijl ze loopt.")
        )
    norms = surveillance.norms
    norm = next((n for n in norms if n.id == norm_id), None)
    if norm is None:
        abort(404)
    existing = db.session.scalar(
        db.select(Judgement).where(
            Judgement.surveillance_id == surveillance.id, Judgement.norm_id == norm.id
        )
    )
    finding = next((f for f in surveillance.findings if f.norm_id == norm.id), None)
    form = JudgementForm(obj=existing)
    if request.method == "GET" and finding is not None:
        form.grade.data, form.corrective_action.data, form.deadline.data = (
            finding.grade,
            finding.corrective_action,
            finding.deadline,
        )
    if form.validate_on_submit():
        surveillances.judge_surveillance_norm(
            surveillance,
            norm,
            current_user,
            form.verdict.data,
            form.narrative.data,
            grade=form.grade.data,
            action=form.corrective_action.data,
            deadline=form.deadline.data,
        )
        db.session.commit()
        flash(_("Oordeel over %(code)s opgeslagen.", code=norm.code), "success")
        position = norms.index(norm)
        if request.form.get("next") and position + 1 < len(norms):
            return redirect(
                url_for(
                    ".judge_surveillance",
                    surveillance_id=surveillance.id,
                    norm_id=norms[position + 1].id,
                )
            )
        return redirect(url_for(".surveillance", surveillance_id=surveillance.id))
    judged, total = surveillances.progress(surveillance)
    certification = surveillance.certification
    return render_template(
        "keurmerk/judge.html",
        certification=certification,
        back_url=url_for(".surveillance", surveillance_id=surveillance.id),
        back_title=_("Toetsing"),
        round_label=_("Toetsing") + f": {certification.organisation.name}",
        norm_url=lambda other: url_for(
            ".judge_surveillance", surveillance_id=surveillance.id, norm_id=other
        ),
        norm=norm,
        form=form,
        judged=judged,
        total=total,
        norms=norms,
        judged_ids={j.norm_id for j in surveillance.judgements},
        own_answer=None,
    ), 400 if form.is_submitted() else 200

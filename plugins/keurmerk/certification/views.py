"""Certification pages: apply, follow a certification, audit norm by norm, the report."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    Organisation,
    WorkflowInstance,
    build_panel,
    choices,
    db,
    engine_of,
    form_errors,
    ics_response,
    local_today,
    page_number,
    render_error,
    requires,
    user_can,
    visible_organisations,
)

from ..calendar import audit_item
from ..frameworks.models import Module, Norm
from . import documents, evidence, rules
from . import report as audit_report
from .evidence import EvidenceError
from .forms import ApplicationForm, FindingResponseForm, FindingReviewForm, JudgementForm
from .models import Certification, Finding, Judgement, Surveillance
from .scope import audit_scope, audit_state


def _certification_or_404(certification_id: int, *options) -> Certification:
    certification = db.session.scalar(
        rules.visible_certifications(current_user)
        .where(Certification.id == certification_id)
        .options(*options)
    )
    if certification is None:
        abort(404)  # not yours, or not there: the same answer
    return certification


def _instance(certification: Certification):
    return engine_of().instance_for(rules.WORKFLOW, certification)


# Loaded with the certification: one query per list, not one per row. The framework, modules
# and norms come from the audit scope (scope.py), kept per change of the data.
ON_ITS_PAGE = (
    db.joinedload(Certification.organisation),
    db.joinedload(Certification.lead_auditor),
    db.joinedload(Certification.co_auditor),
    db.joinedload(Certification.renews),
    db.selectinload(Certification.findings).joinedload(Finding.norm),
    db.selectinload(Certification.surveillances).joinedload(Surveillance.auditor),
    db.selectinload(Certification.renewals),
)

# Certifications per page of the list: the team sees thousands, a phone shows a few at once.
PER_PAGE = 25
# A certification's workflow instance, joined for its phase.
_phase = db.aliased(WorkflowInstance)


@requires("keurmerk.certifications")
def certifications_index():
    """A page of the list: the four columns it shows and the phase, in one query of plain rows
    (the team sees thousands; loading whole certifications cost more than showing them)."""
    page = page_number()
    rows = db.session.execute(
        rules.visible_certifications(current_user)
        .with_only_columns(
            Certification.id,
            Organisation.name.label("organisation"),
            Certification.applied_at,
            Certification.certificate_number,
            _phase.state,
        )
        .join(Organisation, Organisation.id == Certification.organisation_id)
        .outerjoin(
            _phase,
            db.and_(
                _phase.workflow_key == rules.WORKFLOW,
                _phase.subject_type == Certification.__tablename__,
                _phase.subject_id == Certification.id,
            ),
        )
        .order_by(Certification.applied_at.desc(), Certification.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    more, rows = len(rows) > PER_PAGE, rows[:PER_PAGE]
    workflow = engine_of().latest(rules.WORKFLOW)
    return render_template(
        "keurmerk/certifications.html",
        certifications=rows,
        phases={state.name: str(state.label) for state in workflow.states},  # once, not per row
        page=page,
        more=more,
    )


@requires("keurmerk.apply")
def apply():
    framework = rules.launched_framework()
    if framework is None:
        flash(_("Er is nog geen gelanceerd normenkader; aanvragen kan nog niet."), "error")
        return redirect(url_for(".certifications_index"))
    form = ApplicationForm()
    organisations = db.session.scalars(visible_organisations(current_user)).all()
    form.organisation_id.choices = choices((o.id, o.name) for o in organisations)
    form.modules.choices = choices((m.id, m.name) for m in framework.modules)
    if form.validate_on_submit():
        modules = db.session.scalars(
            db.select(Module).where(Module.id.in_(form.modules.data))
        ).all()
        try:
            certification = rules.apply(
                form.organisation_id.data, list(modules), framework, current_user
            )
        except rules.ApplicationRefused as refused:
            db.session.rollback()
            return render_error(
                409,
                refused.message,
                link=url_for(".certification", certification_id=refused.existing_id),
            )
        db.session.commit()
        flash(
            _("De aanvraag is ontvangen. Het programmateam neemt contact op voor de intake."),
            "success",
        )
        return redirect(url_for(".certification", certification_id=certification.id))
    status = 400 if form.is_submitted() else 200
    return render_template("keurmerk/apply.html", form=form, framework=framework), status


@requires("keurmerk.certifications")
def certification(certification_id: int):
    certification = _certification_or_404(certification_id, *ON_ITS_PAGE)
    instance = _instance(certification)
    judged, total = rules.progress(certification)
    files = db.session.scalars(
        db.select(evidence.Evidence)
        .where(evidence.Evidence.certification_id == certification.id)
        .options(db.joinedload(evidence.Evidence.norm))
        .order_by(evidence.Evidence.id)
    ).all()
    return render_template(
        "keurmerk/certification.html",
        certification=certification,
        scope=audit_scope(certification),
        verdicts=audit_state(certification).verdicts,
        panel=build_panel(instance, current_user),
        judged=judged,
        total=total,
        self_assessed=rules.self_assessment_progress(certification),
        may_judge=_may_judge(certification, instance),
        may_respond=certification.organisation_id
        in {m.organisation_id for m in current_user.memberships}
        or user_can(current_user, "keurmerk.manage"),
        response_form=FindingResponseForm(),
        may_add_evidence=_may_add_evidence(certification),
        evidence_files=files,
        changeable_ids={e.id for e in rules.changeable_evidence(instance, files)}
        if _may_add_evidence(certification)
        else set(),
        review_form=FindingReviewForm(),
        certificate_valid=_certificate_valid(certification, instance),
        renewal=rules.open_renewal(certification),
        may_renew=instance.state in rules.RENEWABLE_STATES and _may_renew(certification),
    )


def _may_renew(certification: Certification) -> bool:
    """The team, or someone of the organisation that may apply for it."""
    return user_can(current_user, "keurmerk.manage") or (
        user_can(current_user, "keurmerk.apply")
        and certification.organisation_id in {m.organisation_id for m in current_user.memberships}
    )


@requires("keurmerk.apply")
def renew(certification_id: int):
    """Start the recertification: a new audit cycle whose grant continues the number."""
    certification = _certification_or_404(certification_id)
    if not _may_renew(certification):
        abort(403, description=_("Alleen de organisatie zelf of het programmateam kan dit."))
    try:
        renewal = rules.start_renewal(certification, _instance(certification).state, current_user)
    except rules.RenewalRefused as refused:
        db.session.rollback()
        link = refused.existing_id or certification.id
        return render_error(
            409, refused.message, link=url_for(".certification", certification_id=link)
        )
    db.session.commit()
    flash(
        _(
            "De hercertificering is aangevraagd. Het certificaat blijft geldig tot het einde "
            "van zijn periode; wordt het keurmerk opnieuw toegekend, dan loopt het nummer door."
        ),
        "success",
    )
    return redirect(url_for(".certification", certification_id=renewal.id))


def _certificate_valid(certification: Certification, instance) -> bool:
    """Whether the register shows the certificate as valid today (so it can be printed)."""
    return (
        certification.certificate_number is not None
        and instance.state in rules.REGISTER_STATES
        and rules.public_status(certification, instance.state, local_today()).key == "geldig"
    )


def _may_judge(certification: Certification, instance) -> bool:
    return instance.state == "audit" and current_user.id in certification.audit_team_ids


@requires("keurmerk.certifications")
def self_assessment(certification_id: int):
    certification = _certification_or_404(certification_id)
    editable = (
        _may_add_evidence(certification)
        and current_user.id not in certification.audit_team_ids
        and (_instance(certification).state in rules.SELF_ASSESSMENT_STATES)
    )
    problems = []
    if request.method == "POST":
        if not editable:
            abort(
                403,
                description=_(
                    _("De zelfevaluatie kan alleen de organisatie invullen, tijdens de intake.")
                ),
            )
        answers = {
            int(key.removeprefix("answer-")): value
            for key, value in request.form.items()
            if key.startswith("answer-") and key.removeprefix("answer-").isdigit()
        }
        problems = rules.save_self_assessment(certification, answers, current_user)
        if not problems:
            db.session.commit()
            flash(_("De zelfevaluatie is opgeslagen. U kunt later verder gaan."), "success")
            return redirect(
                url_for(".self_assessment", certification_id=certification.id), code=303
            )
        db.session.rollback()
    done, total = rules.self_assessment_progress(certification)
    answers = {a.norm_id: a.answer for a in certification.self_assessment}
    if request.method == "POST":
        answers.update(
            {
                int(k.removeprefix("answer-")): v
                for k, v in request.form.items()
                if k.startswith("answer-") and k.removeprefix("answer-").isdigit()
            }
        )
    return render_template(
        "keurmerk/self_assessment.html",
        certification=certification,
        answers=answers,
        editable=editable,
        done=done,
        total=total,
        problems=problems,
    ), 400 if problems else 200


@requires("keurmerk.certifications")
def judge(certification_id: int, norm_id: int):
    certification = _certification_or_404(
        certification_id, db.joinedload(Certification.organisation)
    )
    if not _may_judge(certification, _instance(certification)):
        abort(
            403,
            description=_(
                _("Alleen de auditoren van deze certificering beoordelen, tijdens de audit.")
            ),
        )
    norms = audit_scope(certification).norms  # the list beside the norm, kept per change
    position = next((i for i, n in enumerate(norms) if n.id == norm_id), None)
    if position is None:
        abort(404)  # not a norm this audit covers
    # Shown from the scope; judging it needs the norm itself.
    norm = db.session.get(Norm, norm_id) if request.method == "POST" else norms[position]
    state = audit_state(certification)  # which norms are judged, the organisation's answers
    existing = (
        db.session.scalar(
            db.select(Judgement).where(
                Judgement.certification_id == certification.id, Judgement.norm_id == norm.id
            )
        )
        if norm.id in state.verdicts
        else None
    )
    finding = next(
        (f for f in certification.audit_findings if f.norm_id == norm.id and not f.closed), None
    )
    form = JudgementForm(obj=existing)
    if request.method == "GET" and finding is not None:
        form.grade.data, form.corrective_action.data, form.deadline.data = (
            finding.grade,
            finding.corrective_action,
            finding.deadline,
        )
    if form.validate_on_submit():
        rules.judge_norm(
            certification,
            norm,
            current_user,
            form.verdict.data,
            form.narrative.data,
            grade=form.grade.data,
            action=form.corrective_action.data,
            deadline=form.deadline.data,
        )
        db.session.commit()
        if request.form.get("next") and position + 1 < len(norms):
            flash(_("Oordeel over %(code)s opgeslagen.", code=norm.code), "success")
            return redirect(
                url_for(".judge", certification_id=certification.id, norm_id=norms[position + 1].id)
            )
        flash(_("Oordeel over %(code)s opgeslagen.", code=norm.code), "success")
        return redirect(url_for(".certification", certification_id=certification.id))
    judged, total = rules.progress(certification)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "keurmerk/judge.html",
        certification=certification,
        back_url=url_for(".certification", certification_id=certification.id),
        back_title=certification.title,
        round_label=None,
        norm_url=lambda norm_id: url_for(
            ".judge", certification_id=certification.id, norm_id=norm_id
        ),
        norm=norm,
        form=form,
        judged=judged,
        total=total,
        norms=norms,
        judged_ids=set(state.verdicts),
        own_answer=state.answers.get(norm.id),
    ), status


def _finding_or_404(finding_id: int) -> Finding:
    finding = db.get_or_404(Finding, finding_id)
    _certification_or_404(finding.certification_id)  # the same visibility as its certification
    return finding


@requires("keurmerk.certifications")
def respond_to_finding(finding_id: int):
    finding = _finding_or_404(finding_id)
    own = finding.certification.organisation_id in {
        m.organisation_id for m in current_user.memberships
    }
    if (
        not (own or user_can(current_user, "keurmerk.manage"))
        or finding.closed
        or not finding.final
    ):
        abort(403, description=_("Alleen de organisatie zelf reageert op een open bevinding."))
    if not finding.needs_action:
        abort(403, description=_("Een observatie vraagt geen reactie."))
    form = FindingResponseForm()
    if form.validate_on_submit():
        rules.respond_to_finding(finding, form.response.data)
        db.session.commit()
        flash(
            _("Uw reactie is opgeslagen. De auditor bekijkt of de bevinding is opgelost."),
            "success",
        )
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".certification", certification_id=finding.certification_id), code=303)


@requires("keurmerk.certifications")
def review_finding(finding_id: int):
    finding = _finding_or_404(finding_id)
    if current_user.id not in {u.id for u in finding.reviewers} or not finding.awaiting_review:
        abort(
            403, description=_("Alleen de auditoren van deze certificering beoordelen een reactie.")
        )
    form = FindingReviewForm()
    if form.validate_on_submit():
        rules.review_finding(finding, form.decision.data == "accept", form.note.data or "")
        db.session.commit()
        flash(_("De beoordeling van de reactie is opgeslagen."), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".certification", certification_id=finding.certification_id), code=303)


def _may_add_evidence(certification: Certification) -> bool:
    own = certification.organisation_id in {m.organisation_id for m in current_user.memberships}
    return (
        own
        or current_user.id in certification.audit_team_ids
        or user_can(current_user, "keurmerk.manage")
    )


@requires("keurmerk.certifications")
def upload_evidence(certification_id: int):
    certification = _certification_or_404(certification_id)
    if not _may_add_evidence(certification):
        abort(403, description=_("U kunt bij deze certificering geen bestanden toevoegen."))
    norm_id = request.form.get("norm_id", type=int)
    if norm_id is not None and norm_id not in {n.id for n in certification.norms}:
        norm_id = None
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise EvidenceError(_("Kies een bestand."))
        evidence.store(upload, certification.id, norm_id, current_user)
    except EvidenceError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".certification", certification_id=certification.id), code=303)
    db.session.commit()
    flash(_("Het bestand is toegevoegd."), "success")
    return redirect(url_for(".certification", certification_id=certification.id), code=303)


@requires("keurmerk.certifications")
def download_evidence(evidence_id: int):
    item = db.get_or_404(evidence.Evidence, evidence_id)
    _certification_or_404(item.certification_id)  # only who may see the certification
    # PDF and images open in the browser (their type was checked on upload); the rest, or
    # with ?download=1, is saved. The core's security headers (nosniff, CSP) apply to both.
    inline = item.opens_in_browser and not request.args.get("download")
    return evidence.download(item, inline=inline)


def _changeable_evidence_or_refuse(evidence_id: int):
    """The file, if the current user may delete or replace it now; else the refusal."""
    item = db.get_or_404(evidence.Evidence, evidence_id)
    certification = _certification_or_404(item.certification_id)
    if not _may_add_evidence(certification):
        abort(403, description=_("U kunt bij deze certificering geen bestanden veranderen."))
    if not rules.changeable_evidence(_instance(certification), [item]):
        return item, render_error(
            409,
            _(
                "Het rapport is al naar de commissie gestuurd. Dit bestand kan niet meer "
                "worden verwijderd of vervangen. Voeg zo nodig een nieuw bestand toe."
            ),
            link=url_for(".certification", certification_id=certification.id),
        )
    return item, None


@requires("keurmerk.certifications")
def delete_evidence(evidence_id: int):
    item, refusal = _changeable_evidence_or_refuse(evidence_id)
    if refusal:
        return refusal
    certification_id = item.certification_id
    old = evidence.delete(item)
    db.session.commit()
    evidence.remove_file(old)
    flash(_("Het bestand is verwijderd."), "success")
    return redirect(url_for(".certification", certification_id=certification_id), code=303)


@requires("keurmerk.certifications")
def replace_evidence(evidence_id: int):
    item, refusal = _changeable_evidence_or_refuse(evidence_id)
    if refusal:
        return refusal
    page = url_for(".certification", certification_id=item.certification_id)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise EvidenceError(_("Kies een bestand."))
        old = evidence.replace(item, upload, current_user)
    except EvidenceError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(page, code=303)
    db.session.commit()
    evidence.remove_file(old)
    flash(_("Het bestand is vervangen."), "success")
    return redirect(page, code=303)


@requires("keurmerk.certifications")
def audit_ics(certification_id: int):
    """The planned audit for the calendar, for whoever sees the certification."""
    certification = _certification_or_404(certification_id)
    if certification.audit_date is None:
        abort(404)
    return ics_response([audit_item(certification)], f"audit-{certification.id}.ics")


@requires("keurmerk.certifications")
def report(certification_id: int):
    certification = _certification_or_404(certification_id)
    return render_template("keurmerk/report.html", report=audit_report.gather(certification))


@requires("keurmerk.certifications")
def report_pdf(certification_id: int):
    """The same report as a PDF, for the same people."""
    certification = _certification_or_404(certification_id)
    return documents.pdf_response(
        documents.report_pdf(audit_report.gather(certification)),
        f"auditrapport-{certification.id}.pdf",
    )

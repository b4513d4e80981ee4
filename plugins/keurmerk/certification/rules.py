"""Domain rules of certification: applying, who sees what, judging norms, deciding, and what
the steps of its workflow do beside changing state."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import (
    Organisation,
    User,
    WorkflowHistory,
    WorkflowInstance,
    contains_ignoring_case,
    db,
    engine_of,
    local_today,
    lock_row,
    user_can,
    utcnow,
)

from ..frameworks.models import Module, NormFramework
from ..frameworks.rules import WORKFLOW as FRAMEWORK_WORKFLOW
from ..terms import HALF_YEAR
from . import notices, surveillance
from .models import (
    Certification,
    Finding,
    Judgement,
    SelfAssessment,
    Surveillance,
    new_certificate_number,
)
from .scope import audit_scope, audit_state

WORKFLOW = "keurmerk.certification"
# States of a certification that has (had) a certificate: the register lists them.
REGISTER_STATES = frozenset(
    {"gecertificeerd", "toetsing", "toetsing_besluit", "geschorst", "ingetrokken", "verlopen"}
)


# An application still on its way to a decision (or back at it): while one is open, the same
# organisation cannot apply again for any of its modules. Certified, rejected, withdrawn and
# expired are not open: a new application (a renewal, another try) is allowed then.
OPEN_STATES = frozenset(
    {"aangevraagd", "intake", "audit_gepland", "audit", "rapport", "besluit", "herstel", "bezwaar"}
)


class ApplicationRefused(Exception):
    """A second open application for the same organisation and (some of) the same modules."""

    def __init__(self, message: str, existing_id: int):
        super().__init__(message)
        self.message, self.existing_id = message, existing_id


def open_application_overlapping(organisation_id: int, modules: list[Module]):
    """The organisation's open application sharing a module with `modules`, if any. An
    application without modules covers the whole framework, so it overlaps with every other."""
    wanted = {m.id for m in modules}
    rows = db.session.scalars(
        db.select(Certification)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == Certification.id,
                WorkflowInstance.subject_type == Certification.__tablename__,
                WorkflowInstance.workflow_key == WORKFLOW,
            ),
        )
        .where(
            Certification.organisation_id == organisation_id,
            WorkflowInstance.state.in_(OPEN_STATES),
        )
        .order_by(Certification.id)
        .execution_options(populate_existing=True)
    )
    for existing in rows:
        theirs = {m.id for m in existing.modules}
        if not wanted or not theirs or wanted & theirs:
            return existing
    return None


def launched_framework() -> NormFramework | None:
    return db.session.scalar(
        db.select(NormFramework)
        .join(WorkflowInstance, WorkflowInstance.subject_id == NormFramework.id)
        .where(
            WorkflowInstance.workflow_key == FRAMEWORK_WORKFLOW,
            WorkflowInstance.state == "gelanceerd",
        )
    )


def apply(
    organisation_id: int,
    modules: list[Module],
    framework: NormFramework,
    actor,
    renews: Certification | None = None,
) -> Certification:
    """A new application, pinned to `framework`; the caller commits. Raises ApplicationRefused
    while the organisation has an open application for one of these modules.

    The organisation's row is locked first, so of many requests arriving at once one checks
    and inserts while the others wait, then find its application (SQLite and PostgreSQL)."""
    lock_row(Organisation, organisation_id)
    existing = open_application_overlapping(organisation_id, modules)
    if existing is not None:
        shared = ", ".join(m.name for m in existing.modules if not modules or m in modules)
        # Names are joined to the translated text, never formatted into it.
        running = _("Er loopt al een aanvraag")
        wait = _(
            "Een tweede aanvraag voor dezelfde modules kan pas als die is afgerond. "
            "Bekijk die aanvraag."
        )
        about = f"{existing.organisation.name} · {shared or _('het hele normenkader')}"
        raise ApplicationRefused(f"{running}: {about}. {wait}", existing.id)
    certification = Certification(
        organisation_id=organisation_id, framework=framework, modules=modules, renews=renews
    )
    db.session.add(certification)
    db.session.flush()
    engine_of().start(
        WORKFLOW,
        certification,
        title=certification.title,
        actor=actor,
        organisation_id=organisation_id,
    )
    return certification


def visible_certifications(user):
    """Team, board and committee see all; an auditor the ones they audit; a partner their own."""
    query = db.select(Certification)
    if user_can(user, "keurmerk.certifications.all"):
        return query
    return query.where(_takes_part(user))


def involved_certifications(user):
    """The certifications `user` takes part in, however many more they may see: the audits
    they carry out, and (for who may apply) their own organisations'. Always among those
    `visible_certifications` gives; check `keurmerk.certifications` as for any page."""
    return db.select(Certification).where(_takes_part(user))


def _takes_part(user):
    own = [m.organisation_id for m in user.memberships]
    return db.or_(
        Certification.lead_auditor_id == user.id,
        Certification.co_auditor_id == user.id,
        Certification.surveillances.any(Surveillance.auditor_id == user.id),
        Certification.organisation_id.in_(own) if user_can(user, "keurmerk.apply") else db.false(),
    )


def judge_norm(
    certification: Certification,
    norm,
    actor,
    verdict: str,
    narrative: str,
    *,
    grade: str | None = None,
    action: str | None = None,
    deadline=None,
) -> Judgement:
    """Record (or change) the judgement of one norm; a "voldoet niet" opens a finding, and
    any judgement may carry an observation (no action, no deadline)."""
    judgement = db.session.scalar(
        db.select(Judgement).where(
            Judgement.certification_id == certification.id, Judgement.norm_id == norm.id
        )
    ) or Judgement(certification=certification, norm=norm)
    judgement.verdict = verdict
    judgement.narrative = narrative.strip()
    judgement.judged_by_id = actor.id
    judgement.judged_at = utcnow()
    db.session.add(judgement)
    finding = next(
        (f for f in certification.audit_findings if f.norm_id == norm.id and not f.closed), None
    )
    if verdict == "fails" or grade == "observation":
        finding = finding or Finding(certification=certification, norm=norm)
        finding.grade = grade
        finding.description = judgement.narrative
        finding.corrective_action = (action or "").strip()
        finding.deadline = deadline if grade != "observation" else None
        db.session.add(finding)
    elif finding is not None:
        db.session.delete(finding)  # the auditor changed their mind before the report
    return judgement


SELF_ASSESSMENT_STATES = {"aangevraagd", "intake"}
MAX_ANSWER = 4000


def save_self_assessment(certification: Certification, answers: dict[int, str], actor) -> list[str]:
    """Store the organisation's answers per norm; returns problems (and then stores nothing)."""
    norms = {n.id: n for n in certification.norms}
    too_long = [
        norms[i].code for i, text in answers.items() if i in norms and len(text) > MAX_ANSWER
    ]
    if too_long:
        return [
            _("Het antwoord bij %(code)s is langer dan %(n)s tekens.", code=code, n=MAX_ANSWER)
            for code in too_long
        ]
    existing = {a.norm_id: a for a in certification.self_assessment}
    for norm_id, text in answers.items():
        text = text.strip()
        if norm_id not in norms:
            continue
        if not text:
            if norm_id in existing:
                certification.self_assessment.remove(existing[norm_id])  # delete-orphan
            continue
        answer = existing.get(norm_id)
        if answer is None:
            answer = SelfAssessment(norm_id=norm_id)
            certification.self_assessment.append(answer)
        answer.answer, answer.answered_by_id, answer.answered_at = text, actor.id, utcnow()
    return []


def self_assessment_progress(certification: Certification) -> tuple[int, int]:
    answered = audit_state(certification).answered
    mandatory = audit_scope(certification).mandatory
    return sum(1 for n in mandatory if n.id in answered), len(mandatory)


def respond_to_finding(finding: Finding, response: str) -> None:
    finding.response = response.strip()
    finding.responded_at = utcnow()
    notices.tell_auditors_of_answer(finding)


def review_finding(finding: Finding, accepted: bool, note: str) -> None:
    """The auditor accepts the organisation's correction (the finding closes) or sends it back."""
    finding.closed = accepted
    finding.review_note = note.strip() or None
    finding.reviewed_at = utcnow()
    notices.tell_organisation_of_review(finding)


# Until the report goes to the committee, files can still be deleted or replaced; from then on
# they are what the committee decides on. After a repair, only files added since can change.
EVIDENCE_CHANGE_STATES = frozenset({"aangevraagd", "intake", "audit_gepland", "audit", "rapport"})


def report_last_sent(instance: WorkflowInstance):
    """When the auditors last sent the report to the committee, or None."""
    return db.session.scalar(
        db.select(db.func.max(WorkflowHistory.at)).where(
            WorkflowHistory.instance_id == instance.id,
            WorkflowHistory.trigger == "submit_report",
        )
    )


def changeable_evidence(instance: WorkflowInstance, files: list) -> list:
    """Which of `files` (evidence) may still be replaced or removed: while the audit is open,
    those not yet in a report sent to the committee. One query for any number of files."""
    if instance.state not in EVIDENCE_CHANGE_STATES:
        return []
    sent = report_last_sent(instance)
    return [f for f in files if sent is None or f.uploaded_at > sent]


def progress(certification: Certification) -> tuple[int, int]:
    scope = audit_scope(certification)
    return scope.judged(set(audit_state(certification).verdicts)), len(scope.norms)


# Effects of the certification's steps (declared in workflows.py), each inside the step's
# transaction, with the step's form answers as Python values.


def record_audit_plan(instance, actor, data: dict) -> None:
    certification = db.session.get(Certification, instance.subject_id)
    certification.lead_auditor_id = data["lead_auditor_id"]
    certification.co_auditor_id = data.get("co_auditor_id") or None
    certification.audit_date = data["audit_date"]
    hand_to_lead_auditor(instance, actor, data)


def hand_to_lead_auditor(instance, actor, data: dict) -> None:
    """The lead auditor carries out the audit, so the certification is theirs to move on.

    A lead who left (deactivated, or no longer an auditor) keeps it where the team put it:
    otherwise the audit could not start at all."""
    certification = db.session.get(Certification, instance.subject_id)
    lead = db.session.get(User, certification.lead_auditor_id)
    engine = engine_of()
    if lead is not None and lead in engine.assignable_people(instance):
        engine.assign_within(instance, lead, actor=actor)


def record_decision(instance, actor, data: dict) -> None:
    db.session.get(Certification, instance.subject_id).decided_by_id = actor.id


def certificate_end(framework: NormFramework, start: date) -> date:
    """The last day a certificate granted on `start` is valid: fixed at the decision, never
    moved by surveillance (which checks, it does not renew)."""
    years, month = divmod(start.month - 1 + framework.validity_months, 12)
    year, month = start.year + years, month + 1
    days_in_month = monthrange(year, month)[1]
    if start.day > days_in_month:  # 31 August plus six months: through the end of February
        return date(year, month, days_in_month)
    return date(year, month, start.day) - timedelta(days=1)


def new_period(certification: Certification, today: date) -> tuple[date, date]:
    """(valid from, last day) of a certificate granted `today`. A recertification granted
    while the certificate it renews still runs continues from that one's end, so renewing in
    time costs the organisation nothing; granted later, it starts on the day."""
    start = today
    previous = certification.renews
    if previous is not None and previous.valid_until is not None and previous.valid_until >= today:
        start = previous.valid_until + timedelta(days=1)
    return today, certificate_end(certification.framework, start)


def grant(instance, actor, data: dict) -> None:
    """The committee grants the modules it chose, for the framework's validity period. A
    recertification takes over the number of the certificate it renews, which ends."""
    record_decision(instance, actor, data)
    certification = db.session.get(Certification, instance.subject_id)
    chosen = set(data.get("modules") or [])
    certification.granted = [m for m in certification.modules if m.id in chosen]
    certification.valid_from, certification.valid_until = new_period(certification, local_today())
    previous = certification.renews
    if (
        previous is not None
        and previous.certificate_number
        and not certification.certificate_number
    ):
        number, previous.certificate_number = previous.certificate_number, None
        db.session.flush()  # the number is unique: free it before it moves
        certification.certificate_number = number
        engine = engine_of()
        renewed = engine.instance_for(WORKFLOW, previous)
        if renewed.state in HOLDING_STATES:
            engine.fire_within(renewed.id, "renewed", actor=actor)
    certification.certificate_number = certification.certificate_number or new_certificate_number()


# States in which an organisation holds its certificate: its period runs.
HOLDING_STATES = frozenset({"gecertificeerd", "toetsing", "toetsing_besluit", "geschorst"})
# A recertification can start while the certificate is held and not suspended. From this
# long before its last day the team and the organisation are asked to start it, and by
# RENEW_BY before it the new audit should be under way.
RENEWABLE_STATES = frozenset({"gecertificeerd", "toetsing", "toetsing_besluit"})
RENEW_FROM = HALF_YEAR
RENEW_BY = timedelta(days=91)


class RenewalRefused(Exception):
    def __init__(self, message: str, existing_id: int | None = None):
        super().__init__(message)
        self.message, self.existing_id = message, existing_id


def open_renewal(certification: Certification) -> Certification | None:
    """The recertification of `certification` still on its way to a decision, if any."""
    if not certification.renewals:  # loaded with its page: most were never renewed
        return None
    return db.session.scalar(
        db.select(Certification)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == Certification.id,
                WorkflowInstance.subject_type == Certification.__tablename__,
                WorkflowInstance.workflow_key == WORKFLOW,
            ),
        )
        .where(Certification.renews_id == certification.id, WorkflowInstance.state.in_(OPEN_STATES))
    )


def start_renewal(certification: Certification, state: str, actor) -> Certification:
    """A new audit cycle for the granted modules, against the framework launched now (the
    modules of a newer version are found by name); the caller commits."""
    if state not in RENEWABLE_STATES:
        raise RenewalRefused(
            _("Hercertificeren kan zolang het certificaat loopt en niet geschorst is.")
        )
    framework = launched_framework()
    if framework is None:
        raise RenewalRefused(_("Er is geen gelanceerd normenkader; hercertificeren kan nog niet."))
    granted = {m.name for m in certification.granted}
    modules = [m for m in framework.modules if m.name in granted]
    if granted and not modules:
        raise RenewalRefused(
            _("De toegekende modules staan niet meer in het gelanceerde normenkader.")
        )
    try:
        return apply(certification.organisation_id, modules, framework, actor, renews=certification)
    except ApplicationRefused as refused:
        raise RenewalRefused(refused.message, refused.existing_id) from None


# A suspension ends in reinstatement or withdrawal: it cannot stay open longer than this.
MAX_SUSPENSION = HALF_YEAR


def record_suspension(instance, actor, data: dict) -> None:
    """The public reason; a surveillance under way is decided by it."""
    surveillance.record_suspended(instance, actor)
    certification = db.session.get(Certification, instance.subject_id)
    certification.suspended_on = local_today()
    certification.suspension_reason = data["reason"].strip()


def end_suspension(instance, actor, data: dict) -> None:
    certification = db.session.get(Certification, instance.subject_id)
    certification.suspended_on = None
    certification.suspension_reason = None


def _suspension_lapsed(certification: Certification, today: date) -> bool:
    since = certification.suspended_on
    return since is not None and since + MAX_SUSPENSION <= today


@dataclass(frozen=True)
class PublicStatus:
    """What the register says of a certificate on a given day."""

    key: str  # geldig, geschorst, ingetrokken, verlopen
    label: str


PUBLIC_LABELS = {
    "geldig": _l("geldig"),
    "geschorst": _l("geschorst"),
    "ingetrokken": _l("ingetrokken"),
    "verlopen": _l("verlopen"),
}


def public_status(certification: Certification, state: str, today: date) -> PublicStatus:
    """Worked out from the dates as well as the state, so a certificate is never shown as
    valid past its last day, whether or not `workflows tick` has run since."""
    if state == "ingetrokken":
        key = "ingetrokken"
    elif state == "verlopen" or certification.valid_until < today:
        key = "verlopen"
    elif state == "geschorst" and _suspension_lapsed(certification, today):
        key = "ingetrokken"  # as the engine's timeout will make it
    elif state == "geschorst":
        key = "geschorst"
    else:
        key = "geldig"
    return PublicStatus(key, str(PUBLIC_LABELS[key]))


# A register page holds this many certificates; the API lets a caller ask for up to MAX_PER_PAGE.
PER_PAGE = 25
MAX_PER_PAGE = 100
# Longer searches are cut: no name or number is this long.
MAX_QUERY = 100


@dataclass(frozen=True)
class RegisterPage:
    """One page of the register (or of a search in it)."""

    entries: list[tuple[Certification, PublicStatus]]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def more(self) -> bool:
        return self.page * self.per_page < self.total


def normalised_number(text: str) -> str:
    """A certificate number as typed (any case, spaces around it) as it is stored: numbers are
    made in capitals only (`new_certificate_number`), so the unique index finds it."""
    return text.strip().upper()


def _register_select():
    """Certifications that have (had) a certificate, with their state, by organisation name."""
    return (
        db.select(Certification, WorkflowInstance.state)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == Certification.id,
                WorkflowInstance.subject_type == Certification.__tablename__,
                WorkflowInstance.workflow_key == WORKFLOW,
            ),
        )
        .join(Organisation, Organisation.id == Certification.organisation_id)
        .where(
            Certification.certificate_number.is_not(None),
            WorkflowInstance.state.in_(REGISTER_STATES),
        )
        .options(
            db.contains_eager(Certification.organisation), db.selectinload(Certification.granted)
        )
        .order_by(Organisation.name, Certification.id)
    )


def _with_status(rows, today: date) -> list[tuple[Certification, PublicStatus]]:
    return [(c, public_status(c, s, today)) for c, s in rows]


def register_entries(today: date | None = None) -> list[tuple[Certification, PublicStatus]]:
    """The whole register (for its CSV export): only the public fields."""
    today = today or local_today()
    return _with_status(db.session.execute(_register_select()).all(), today)


def search_register(
    query: str = "", page: int = 1, per_page: int = PER_PAGE, today: date | None = None
) -> RegisterPage:
    """One page of the register; with `query`, only the certificate with that number (any
    case) and the organisations whose name contains it (any case). The database filters,
    counts and pages: no more rows are loaded than the page shows."""
    today = today or local_today()
    select = _register_select()
    query = query.strip()[:MAX_QUERY]
    if query:
        select = select.where(
            db.or_(
                Certification.certificate_number == normalised_number(query),
                contains_ignoring_case(Organisation.name, query),
            )
        )
    total = db.session.scalar(
        db.select(db.func.count()).select_from(select.order_by(None).subquery())
    )
    rows = db.session.execute(select.offset((page - 1) * per_page).limit(per_page)).all()
    return RegisterPage(_with_status(rows, today), page, per_page, total)


def find_certificate(
    number: str, today: date | None = None
) -> tuple[Certification, PublicStatus] | None:
    """(certification, public status) for a certificate number typed in any case, or None."""
    today = today or local_today()
    select = _register_select().where(Certification.certificate_number == normalised_number(number))
    row = db.session.execute(select).first()
    return _with_status([row], today)[0] if row else None

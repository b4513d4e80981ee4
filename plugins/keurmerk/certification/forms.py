"""Forms of certification: applying, planning the audit, judging norms, findings, the decision."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.api import (
    CheckboxListField,
    active_users_with_roles,
    cached,
    choices,
    db,
    qualified_people,
)

from .models import GRADES, VERDICTS


# The pickers' people, (id, name) by name: the same on every panel that offers a step with a
# picker, so they are looked up once per change of the data.
def auditors() -> tuple:
    return cached(
        ("keurmerk.auditors",),
        lambda: tuple((u.id, u.display_name) for u in active_users_with_roles({"auditor"})),
    )


def co_auditors() -> tuple:
    from .. import CO_AUDITOR

    return cached(
        ("keurmerk.co_auditors",),
        lambda: tuple((u.id, u.display_name) for u in qualified_people(CO_AUDITOR)),
    )


class PlanAuditForm(FlaskForm):
    """Asked when the team plans the audit; the engine validates it with the transition."""

    audit_date = DateField(
        _l("Datum van de audit"), validators=[DataRequired(_l("Vul een geldige datum in."))]
    )
    lead_auditor_id = SelectField(
        _l("Hoofdauditor"), coerce=int, validators=[DataRequired(_l("Kies een hoofdauditor."))]
    )
    co_auditor_id = SelectField(
        _l("Ervaringsdeskundige als co-auditor (niet verplicht)"), coerce=int
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead_auditor_id.choices = choices(auditors())
        # Only people qualified to audit: a choice outside the list is refused.
        self.co_auditor_id.choices = choices([(0, _l("Geen")), *co_auditors()])


class ApplicationForm(FlaskForm):
    organisation_id = SelectField(_l("Organisatie"), coerce=int)
    modules = CheckboxListField(
        _l("Modules"), coerce=int, validators=[DataRequired(_l("Kies minstens één module."))]
    )


class JudgementForm(FlaskForm):
    verdict = RadioField(
        _l("Oordeel"), choices=choices(VERDICTS), validators=[DataRequired(_l("Kies een oordeel."))]
    )
    narrative = TextAreaField(
        _l("Wat zag en hoorde u in de praktijk?"),
        validators=[
            DataRequired(
                _l(
                    _l(
                        "Beschrijf wat u zag en hoorde; bij n.v.t. waarom de norm niet van toepassing is."
                    )
                )
            ),
            Length(max=8000),
        ],
    )
    grade = RadioField(
        _l("Zwaarte van de bevinding"),
        choices=choices(GRADES),
        validators=[Optional()],
        description=_l(
            "Bij 'voldoet niet': zwaar of licht. Bij een ander oordeel kunt u een observatie "
            "noteren: iets om te weten, zonder verplichte actie."
        ),
    )
    corrective_action = TextAreaField(
        _l("Wat moet de organisatie verbeteren?"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Bij een observatie: een suggestie, niet verplicht."),
    )
    deadline = DateField(_l("Uiterlijk klaar op"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.verdict.data == "fails" and self.grade.data == "observation":
            self.grade.errors = [
                *self.grade.errors,
                _l("Bij 'voldoet niet' hoort een zware of lichte bevinding, geen observatie."),
            ]
            ok = False
        elif self.grade.data == "observation" and self.verdict.data == "not_applicable":
            self.grade.errors = [
                *self.grade.errors,
                _l("Een observatie hoort bij een norm die van toepassing is."),
            ]
            ok = False
        if self.verdict.data == "fails":
            # A "voldoet niet" is a finding: it needs a grade, a correction and a deadline.
            for field, message in (
                (self.grade, _l("Kies de zwaarte van de bevinding.")),
                (self.corrective_action, _l("Schrijf op wat de organisatie moet verbeteren.")),
                (self.deadline, _l("Kies een datum waarop het verbeterd moet zijn.")),
            ):
                if not field.data:
                    field.errors = [*field.errors, message]
                    ok = False
        return ok


class FindingResponseForm(FlaskForm):
    response = TextAreaField(
        _l("Wat heeft uw organisatie verbeterd?"),
        validators=[DataRequired(_l("Beschrijf wat u heeft verbeterd.")), Length(max=8000)],
    )


class FindingReviewForm(FlaskForm):
    decision = RadioField(
        _l("Is de verbetering voldoende?"),
        choices=choices(
            [
                ("accept", _l("Ja, de bevinding is opgelost")),
                ("reject", _l("Nee, er is meer nodig")),
            ]
        ),
        validators=[DataRequired(_l("Kies of de verbetering voldoende is."))],
    )
    note = TextAreaField(
        _l("Toelichting voor de organisatie"), validators=[Optional(), Length(max=4000)]
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.decision.data == "reject" and not (self.note.data or "").strip():
            self.note.errors = [*self.note.errors, _l("Leg uit wat er nog nodig is.")]
            ok = False
        return ok


class CertifyForm(FlaskForm):
    """The committee grants all or some of the modules the organisation applied for."""

    modules = CheckboxListField(
        _l("Toegekende modules"),
        coerce=int,
        validators=[DataRequired(_l("Kies minstens één module om toe te kennen."))],
    )

    def prepare(self, instance) -> None:
        from .models import Certification

        certification = db.session.get(Certification, instance.subject_id)
        self.modules.choices = choices((m.id, m.name) for m in certification.modules)
        if self.modules.raw_data is None:  # shown, not submitted: propose everything applied for
            self.modules.data = [m.id for m in certification.modules]


class SuspendForm(FlaskForm):
    """Why the committee suspends a certificate, in words the public register shows."""

    reason = TextAreaField(
        _l("Reden (staat in het openbare register)"),
        validators=[
            DataRequired(_l("Schrijf op waarom het keurmerk geschorst wordt.")),
            Length(max=300, message=_l("Gebruik hoogstens 300 tekens.")),
        ],
    )


class SurveillanceForm(FlaskForm):
    """The team plans a surveillance: which norms, which auditor, when."""

    audit_date = DateField(
        _l("Datum van de toetsing"), validators=[DataRequired(_l("Vul een geldige datum in."))]
    )
    auditor_id = SelectField(
        _l("Auditor"), coerce=int, validators=[DataRequired(_l("Kies een auditor."))]
    )
    norm_ids = CheckboxListField(
        _l("Te toetsen normen"),
        coerce=int,
        validators=[DataRequired(_l("Kies minstens één norm om te toetsen."))],
        description=_l("Een toetsing is kort: kies de normen die dit jaar aandacht vragen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.auditor_id.choices = choices(auditors())

    def prepare(self, instance) -> None:
        from .models import Certification

        certification = db.session.get(Certification, instance.subject_id)
        self.norm_ids.choices = choices(
            (n.id, f"{n.code} {n.title}") for n in certification.granted_norms
        )

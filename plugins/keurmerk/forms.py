"""Forms of the keurmerk plugin."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.extensions import db
from core.forms import CheckboxListField, choices

from .certification import GRADES, VERDICTS
from .models import RESOLUTIONS


class NormForm(FlaskForm):
    theme_id = SelectField("Thema", coerce=int)
    code = StringField(
        "Code",
        validators=[DataRequired("Vul een code in, bijvoorbeeld W1."), Length(max=10)],
        description="Letter van het thema en een nummer, bijvoorbeeld W1 of I3.",
    )
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), Length(max=200)])
    text = TextAreaField(
        "De norm",
        validators=[DataRequired("Schrijf de norm op."), Length(max=4000)],
        description="In gewone taal (B1): wat doet de organisatie?",
    )
    guidance = TextAreaField(
        "Aanwijzingen voor auditors",
        validators=[Optional(), Length(max=4000)],
        description="Wat vraag je, wat controleer je in de praktijk?",
    )
    evidence = TextAreaField("Verwacht bewijs", validators=[Optional(), Length(max=2000)])
    mandatory = BooleanField("Verplichte norm")


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Uw reactie op deze norm",
        validators=[DataRequired("Schrijf uw reactie op."), Length(min=3, max=4000)],
        description="Wat is goed, wat mist er, wat zou u anders zeggen?",
    )


class ResolutionForm(FlaskForm):
    resolution = RadioField(
        "Besluit", choices=choices(RESOLUTIONS), validators=[DataRequired("Kies een besluit.")]
    )
    explanation = TextAreaField(
        "Uitleg voor de indiener",
        validators=[DataRequired("Leg uit wat er met de reactie gebeurt."), Length(max=4000)],
    )


class PilotAuditForm(FlaskForm):
    organisation_id = SelectField("Organisatie", coerce=int)
    held_on = DateField("Datum", validators=[DataRequired("Vul een geldige datum in.")])
    completed = BooleanField("Afgerond")
    lessons = TextAreaField("Wat leerden we?", validators=[Optional(), Length(max=4000)])


class PlanAuditForm(FlaskForm):
    """Asked when the team plans the audit; the engine validates it with the transition."""

    audit_date = DateField(
        "Datum van de audit", validators=[DataRequired("Vul een geldige datum in.")]
    )
    lead_auditor_id = SelectField(
        "Hoofdauditor", coerce=int, validators=[DataRequired("Kies een hoofdauditor.")]
    )
    co_auditor_id = SelectField("Ervaringsdeskundige als co-auditor (niet verplicht)", coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.accounts.models import User, UserRole

        def holders(role):
            return db.session.scalars(
                db.select(User)
                .join(UserRole)
                .where(UserRole.role == role, User.active)
                .order_by(User.display_name)
            )

        self.lead_auditor_id.choices = choices((u.id, u.display_name) for u in holders("auditor"))
        self.co_auditor_id.choices = choices(
            [(0, "Geen")] + [(u.id, u.display_name) for u in holders("expert")]
        )


class ApplicationForm(FlaskForm):
    organisation_id = SelectField("Organisatie", coerce=int)
    modules = CheckboxListField(
        "Modules", coerce=int, validators=[DataRequired("Kies minstens één module.")]
    )


class JudgementForm(FlaskForm):
    verdict = RadioField(
        "Oordeel", choices=choices(VERDICTS), validators=[DataRequired("Kies een oordeel.")]
    )
    narrative = TextAreaField(
        "Wat zag en hoorde u in de praktijk?",
        validators=[
            DataRequired(
                "Beschrijf wat u zag en hoorde; bij n.v.t. waarom de norm niet van toepassing is."
            ),
            Length(max=8000),
        ],
    )
    grade = RadioField("Zwaarte van de bevinding", choices=choices(GRADES), validators=[Optional()])
    corrective_action = TextAreaField(
        "Wat moet de organisatie verbeteren?", validators=[Optional(), Length(max=4000)]
    )
    deadline = DateField("Uiterlijk klaar op", validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.verdict.data == "fails":
            # A "voldoet niet" is a finding: it needs a grade, a correction and a deadline.
            for field, message in (
                (self.grade, "Kies de zwaarte van de bevinding."),
                (self.corrective_action, "Schrijf op wat de organisatie moet verbeteren."),
                (self.deadline, "Kies een datum waarop het verbeterd moet zijn."),
            ):
                if not field.data:
                    field.errors = [*field.errors, message]
                    ok = False
        return ok


class FindingResponseForm(FlaskForm):
    response = TextAreaField(
        "Wat heeft uw organisatie verbeterd?",
        validators=[DataRequired("Beschrijf wat u heeft verbeterd."), Length(max=8000)],
    )


class FindingReviewForm(FlaskForm):
    decision = RadioField(
        "Is de verbetering voldoende?",
        choices=choices(
            [("accept", "Ja, de bevinding is opgelost"), ("reject", "Nee, er is meer nodig")]
        ),
        validators=[DataRequired("Kies of de verbetering voldoende is.")],
    )
    note = TextAreaField(
        "Toelichting voor de organisatie", validators=[Optional(), Length(max=4000)]
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.decision.data == "reject" and not (self.note.data or "").strip():
            self.note.errors = [*self.note.errors, "Leg uit wat er nog nodig is."]
            ok = False
        return ok


class CertifyForm(FlaskForm):
    """The committee grants all or some of the modules the organisation applied for."""

    modules = CheckboxListField(
        "Toegekende modules",
        coerce=int,
        validators=[DataRequired("Kies minstens één module om toe te kennen.")],
    )

    def prepare(self, instance) -> None:
        from .certification import Certification

        certification = db.session.get(Certification, instance.subject_id)
        self.modules.choices = choices((m.id, m.name) for m in certification.modules)
        if self.modules.raw_data is None:  # shown, not submitted: propose everything applied for
            self.modules.data = [m.id for m in certification.modules]

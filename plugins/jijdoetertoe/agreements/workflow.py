"""How an agreement with a partner comes about and ends, as declared to the engine."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import Organisation, State, Transition, Workflow, db

from .forms import EndForm, SignForm
from .models import Agreement
from .rules import WORKFLOW, agreement_of, record_ending, record_signing

TEAM = frozenset({"team"})


def names_a_contribution(instance, actor) -> str | None:
    """Guard: an agreement says what the partner brings in before it is signed."""
    if not agreement_of(instance).contribution_keys:
        return _("Leg eerst vast wat de partner inbrengt.")
    return None


def _names(instances) -> dict:
    ids = [i.subject_id for i in instances]
    rows = db.session.execute(
        db.select(Agreement.id, Organisation.name)
        .join(Organisation, Organisation.id == Agreement.organisation_id)
        .where(Agreement.id.in_(ids))
    )
    by_id = dict(rows.all())
    return {i.id: by_id.get(i.subject_id, i.title) for i in instances}


AGREEMENT = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Overeenkomst met een partner"),
    description=_l(
        "Het team praat met een organisatie over samenwerken, de overeenkomst wordt getekend "
        "en loopt, tot die stopt."
    ),
    initial="in_gesprek",
    # The team's; a partner reads its own agreement on the agreement's page, without the panel.
    viewer_roles=TEAM,
    subject_url=lambda instance: url_for(
        "jijdoetertoe.agreement", agreement_id=instance.subject_id
    ),
    subject_titles=_names,
    states=(
        State("in_gesprek", _l("In gesprek"), _l("We praten over wat de partner inbrengt.")),
        State(
            "getekend",
            _l("Getekend"),
            _l("De overeenkomst is getekend en loopt in de afgesproken periode."),
        ),
        State("beeindigd", _l("Beëindigd"), _l("Het partnerschap is gestopt."), terminal=True),
    ),
    transitions=(
        Transition(
            "sign",
            _l("Getekend"),
            "in_gesprek",
            "getekend",
            roles=TEAM,
            guards=(names_a_contribution,),
            form=SignForm,
            effect=record_signing,
        ),
        Transition(
            "end",
            _l("Beëindigen"),
            ("in_gesprek", "getekend"),
            "beeindigd",
            roles=TEAM,
            form=EndForm,
            effect=record_ending,
        ),
    ),
)

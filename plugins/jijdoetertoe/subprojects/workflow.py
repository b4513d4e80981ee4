"""How a new subproject starts, as declared to the engine: on social urgency and capacity,
with the advisory committee's advice."""

from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow, db

from ..evaluation.rules import evaluation_with_verdict
from .forms import CommitteeAdviceForm
from .models import SubprojectIdea
from .rules import (
    WORKFLOW,
    advisory_committee_exists,
    form_working_group,
    keep_committee_advice,
    tell_raiser,
)

TEAM = frozenset({"team"})
FOLLOW_UP = Notify(remind_before=(7,), overdue=True)


def _titles(instances) -> dict:
    ids = [i.subject_id for i in instances]
    rows = db.session.execute(
        db.select(SubprojectIdea.id, SubprojectIdea.title).where(SubprojectIdea.id.in_(ids))
    )
    by_id = dict(rows.all())
    return {i.id: by_id.get(i.subject_id, i.title) for i in instances}


SUBPROJECT = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Nieuw deelproject"),
    description=_l(
        "Iemand heeft een idee voor een nieuw deelproject. De adviescommissie geeft advies, het "
        "team besluit op urgentie en capaciteit, een werkgroep start het, en later kijken we "
        "terug wat het opleverde."
    ),
    initial="idee",
    viewer_roles=TEAM,
    subject_url=lambda instance: url_for("jijdoetertoe.idea", idea_id=instance.subject_id),
    subject_titles=_titles,
    on_transition=tell_raiser,
    states=(
        State(
            "idee",
            _l("Idee"),
            _l("Het team bekijkt het idee binnen 14 dagen en vraagt de adviescommissie om advies."),
            deadline=timedelta(days=14),
            notify=Notify(remind_before=(3,), overdue=True),
        ),
        State(
            "advies",
            _l("Advies gevraagd"),
            _l("De adviescommissie geeft binnen 30 dagen advies."),
            deadline=timedelta(days=30),
            notify=FOLLOW_UP,
        ),
        State(
            "besluit",
            _l("Besluit"),
            _l("Het team besluit binnen 30 dagen, op urgentie en capaciteit."),
            deadline=timedelta(days=30),
            notify=FOLLOW_UP,
        ),
        State(
            "gestart",
            _l("Gestart"),
            _l("Een werkgroep werkt aan het deelproject; na een jaar kijken we terug."),
            deadline=timedelta(days=365),
            notify=Notify(overdue=True),
        ),
        State("geevalueerd", _l("Geëvalueerd"), _l("We hebben teruggekeken."), terminal=True),
        State(
            "niet_doorgaan",
            _l("Gaat niet door"),
            _l("Het team heeft besloten het niet te doen; de reden staat erbij."),
            terminal=True,
        ),
    ),
    transitions=(
        Transition(
            "ask_advice",
            _l("Advies vragen aan de adviescommissie"),
            "idee",
            "advies",
            roles=TEAM,
            guards=(advisory_committee_exists,),
        ),
        Transition(
            "record_advice",
            _l("Advies vastleggen"),
            "advies",
            "besluit",
            roles=TEAM,
            form=CommitteeAdviceForm,
            effect=keep_committee_advice,
        ),
        Transition(
            "start",
            _l("Besluiten: we starten"),
            "besluit",
            "gestart",
            roles=TEAM,
            comment_required=True,
            effect=form_working_group,
        ),
        Transition(
            "stop",
            _l("Besluiten: gaat niet door"),
            ("idee", "advies", "besluit"),
            "niet_doorgaan",
            roles=TEAM,
            comment_required=True,
        ),
        Transition(
            "evaluate",
            _l("Terugkijken"),
            "gestart",
            "geevalueerd",
            roles=TEAM,
            comment_required=True,
            guards=(evaluation_with_verdict,),
        ),
    ),
)

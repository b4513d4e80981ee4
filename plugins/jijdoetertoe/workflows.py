"""How someone becomes an expert by experience in the programme, as declared to the engine."""

from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow, db

from .agreements.workflow import AGREEMENT
from .bodies.workflow import ADVICE
from .experts.models import Expert
from .experts.rules import WORKFLOW, consent_recorded
from .pools.workflow import POOL_REQUEST
from .signals.workflow import SIGNAL
from .subprojects.workflow import SUBPROJECT

TEAM = frozenset({"team"})
# The team hears of a new sign-up (its own registrations excepted), is reminded three days
# before a first meeting or a decision is due, and told once when it is late. Mails carry the
# instance's title, which holds no name.
FOLLOW_UP = Notify(remind_before=(3,), overdue=True)


def _names(instances) -> dict:
    """The experts' names for the team's lists; the stored title stays without them."""
    ids = [i.subject_id for i in instances]
    rows = db.session.execute(db.select(Expert.id, Expert.name).where(Expert.id.in_(ids)))
    by_id = dict(rows.all())
    return {i.id: by_id.get(i.subject_id, i.title) for i in instances}


EXPERT = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Ervaringsdeskundige"),
    description=_l(
        "Iemand meldt zich aan of wordt aangemeld, maakt kennis met het team en doet actief "
        "mee, neemt pauze of stopt."
    ),
    initial="aangemeld",
    viewer_roles=TEAM,
    subject_url=lambda instance: url_for("jijdoetertoe.expert", expert_id=instance.subject_id),
    subject_titles=_names,
    states=(
        State(
            "aangemeld",
            _l("Aangemeld"),
            _l("Het team maakt binnen 14 dagen een afspraak om kennis te maken."),
            deadline=timedelta(days=14),
            notify=FOLLOW_UP,
        ),
        State(
            "kennismaking",
            _l("Kennismaking"),
            _l("We leren elkaar kennen; binnen 30 dagen is duidelijk of en hoe iemand meedoet."),
            deadline=timedelta(days=30),
            notify=FOLLOW_UP,
        ),
        State("actief", _l("Actief"), _l("Doet mee in het programma.")),
        State(
            "pauze",
            _l("Pauze"),
            _l("Doet even niet mee; na 90 dagen vraagt het team hoe het gaat."),
            deadline=timedelta(days=90),
            notify=Notify(overdue=True),
        ),
        State("gestopt", _l("Gestopt"), _l("Doet niet meer mee."), terminal=True),
    ),
    transitions=(
        Transition("meet", _l("Kennismaking plannen"), "aangemeld", "kennismaking", roles=TEAM),
        Transition(
            "activate",
            _l("Doet actief mee"),
            "kennismaking",
            "actief",
            roles=TEAM,
            guards=(consent_recorded,),
        ),
        Transition("pause", _l("Pauze"), "actief", "pauze", roles=TEAM, comment_required=True),
        Transition(
            "resume",
            _l("Weer actief"),
            "pauze",
            "actief",
            roles=TEAM,
            guards=(consent_recorded,),
        ),
        Transition(
            "stop",
            _l("Gestopt"),
            ("aangemeld", "kennismaking", "actief", "pauze"),
            "gestopt",
            roles=TEAM,
            comment_required=True,
        ),
    ),
)

WORKFLOWS = [EXPERT, ADVICE, SUBPROJECT, AGREEMENT, POOL_REQUEST, SIGNAL]

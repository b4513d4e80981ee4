"""How a request for an expert's help is handled, as declared to the engine."""

from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow

from .forms import DoneForm, ProposeForm
from .rules import WORKFLOW, has_candidates, propose, record_done, someone_accepted

TEAM = frozenset({"team"})

POOL_REQUEST = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Inzet op verzoek"),
    description=_l(
        "Een bewoner of partner vraagt hulp; het team stelt ervaringsdeskundigen voor die "
        "erbij passen, zij beslissen zelf, en het werk wordt gedaan."
    ),
    initial="binnengekomen",
    viewer_roles=TEAM,
    subject_url=lambda instance: url_for(
        "jijdoetertoe.pool_request", request_id=instance.subject_id
    ),
    states=(
        State(
            "binnengekomen",
            _l("Binnengekomen"),
            _l("Het team zoekt binnen 7 dagen een ervaringsdeskundige die past."),
            deadline=timedelta(days=7),
            notify=Notify(remind_before=(2,), overdue=True),
        ),
        State(
            "gekoppeld",
            _l("Gekoppeld"),
            _l("Ervaringsdeskundigen zijn voorgesteld; zij zeggen zelf ja of nee."),
            deadline=timedelta(days=30),
            notify=Notify(overdue=True),
        ),
        State("uitgevoerd", _l("Uitgevoerd"), _l("De hulp is gegeven."), terminal=True),
        State("geannuleerd", _l("Geannuleerd"), _l("Het verzoek gaat niet door."), terminal=True),
    ),
    transitions=(
        Transition(
            "link",
            _l("Koppelen"),
            "binnengekomen",
            "gekoppeld",
            roles=TEAM,
            guards=(has_candidates,),
            form=ProposeForm,
            effect=propose,
        ),
        Transition(
            "propose_more",
            _l("Nog iemand voorstellen"),
            "gekoppeld",
            "gekoppeld",
            roles=TEAM,
            guards=(has_candidates,),
            form=ProposeForm,
            effect=propose,
        ),
        Transition(
            "done",
            _l("Uitgevoerd"),
            "gekoppeld",
            "uitgevoerd",
            roles=TEAM,
            guards=(someone_accepted,),
            form=DoneForm,
            effect=record_done,
        ),
        Transition(
            "cancel",
            _l("Annuleren"),
            ("binnengekomen", "gekoppeld"),
            "geannuleerd",
            roles=TEAM,
            comment_required=True,
        ),
    ),
)

"""How a signal from the neighbourhood is followed up, as declared to the engine."""

from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow

from .forms import CloseForm, DropForm, ForwardForm, WeighForm
from .rules import (
    WORKFLOW,
    record_forwarding,
    record_not_taken_up,
    record_outcome,
    record_weighing,
)

TEAM = frozenset({"team"})
FOLLOW_UP = Notify(remind_before=(3,), overdue=True)

SIGNAL = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Signaal uit de wijk"),
    description=_l(
        "Iemand geeft door wat er in de wijk speelt; het team weegt het, zet het door en "
        "vertelt wat ermee is gebeurd."
    ),
    initial="binnengekomen",
    viewer_roles=TEAM,
    subject_url=lambda instance: url_for("jijdoetertoe.signal", signal_id=instance.subject_id),
    states=(
        State(
            "binnengekomen",
            _l("Binnengekomen"),
            _l("Het team weegt het signaal binnen 14 dagen."),
            deadline=timedelta(days=14),
            notify=FOLLOW_UP,
        ),
        State(
            "gewogen",
            _l("Gewogen"),
            _l("Binnen 14 dagen zet het team het door, of legt uit waarom niet."),
            deadline=timedelta(days=14),
            notify=FOLLOW_UP,
        ),
        State(
            "doorgezet",
            _l("Doorgezet"),
            _l("Het signaal ligt bij wie er iets mee kan; na 60 dagen vraagt het team na."),
            deadline=timedelta(days=60),
            notify=Notify(overdue=True),
        ),
        State("afgerond", _l("Afgerond"), _l("Er is iets mee gebeurd."), terminal=True),
        State(
            "niet_opgepakt", _l("Niet opgepakt"), _l("Het team pakt dit niet op."), terminal=True
        ),
    ),
    transitions=(
        Transition(
            "weigh",
            _l("Wegen"),
            "binnengekomen",
            "gewogen",
            roles=TEAM,
            form=WeighForm,
            effect=record_weighing,
        ),
        Transition(
            "forward",
            _l("Doorzetten"),
            "gewogen",
            "doorgezet",
            roles=TEAM,
            form=ForwardForm,
            effect=record_forwarding,
        ),
        Transition(
            "close",
            _l("Afronden"),
            "doorgezet",
            "afgerond",
            roles=TEAM,
            form=CloseForm,
            effect=record_outcome,
        ),
        Transition(
            "drop",
            _l("Niet oppakken"),
            ("binnengekomen", "gewogen", "doorgezet"),
            "niet_opgepakt",
            roles=TEAM,
            form=DropForm,
            effect=record_not_taken_up,
        ),
    ),
)

"""What the team does with an advice of a body, as declared to the engine."""

from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow, db

from .models import Advice
from .rules import WORKFLOW, tell_members

TEAM = frozenset({"team"})
FOLLOWED_UP = _l("Het team heeft gereageerd; de toelichting staat erbij.")


def _subjects(instances) -> dict:
    ids = [i.subject_id for i in instances]
    rows = db.session.execute(db.select(Advice.id, Advice.subject).where(Advice.id.in_(ids)))
    by_id = dict(rows.all())
    return {i.id: by_id.get(i.subject_id, i.title) for i in instances}


ADVICE = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Advies van een orgaan"),
    description=_l(
        "Een orgaan geeft advies. Het team neemt het over, deels over of niet over, en "
        "schrijft steeds op waarom. De leden van het orgaan lezen dat terug."
    ),
    initial="advies",
    viewer_roles=TEAM,
    subject_url=lambda instance: url_for("jijdoetertoe.advice", advice_id=instance.subject_id),
    subject_titles=_subjects,
    on_transition=tell_members,
    states=(
        State(
            "advies",
            _l("Advies"),
            _l("Het team reageert binnen 6 weken op het advies."),
            deadline=timedelta(weeks=6),
            notify=Notify(remind_before=(7,), overdue=True),
        ),
        State("overgenomen", _l("Overgenomen"), FOLLOWED_UP, terminal=True),
        State("deels_overgenomen", _l("Deels overgenomen"), FOLLOWED_UP, terminal=True),
        State("niet_overgenomen", _l("Niet overgenomen"), FOLLOWED_UP, terminal=True),
    ),
    transitions=(
        Transition(
            "adopt", _l("Overnemen"), "advies", "overgenomen", roles=TEAM, comment_required=True
        ),
        Transition(
            "adopt_partly",
            _l("Deels overnemen"),
            "advies",
            "deels_overgenomen",
            roles=TEAM,
            comment_required=True,
        ),
        Transition(
            "reject",
            _l("Niet overnemen"),
            "advies",
            "niet_overgenomen",
            roles=TEAM,
            comment_required=True,
        ),
    ),
)

"""A test-only workflow that uses every feature of the engine: roles, assignee-only,
guards, a form, a required reason, a deadline with a timeout, and two versions."""

from datetime import timedelta

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from core.api import State, Transition, Workflow, db

from .models import SampleNote


class ScoreForm(FlaskForm):
    score = IntegerField(
        "Cijfer (1 tot en met 10)",
        validators=[
            InputRequired("Vul een cijfer in."),
            NumberRange(1, 10, "Kies een cijfer van 1 tot en met 10."),
        ],
    )


def note_is_long_enough(instance, actor):
    note = db.session.get(SampleNote, instance.subject_id)
    if note is None or len(note.text) < 10:
        return "De notitie moet minstens 10 tekens hebben voordat u hem indient."
    return None


def leave_approval_note(instance, actor, data):
    # The effect gets the form's answers as Python values: the score is an int, not text.
    assert isinstance(data["score"], int)
    db.session.add(SampleNote(text=f"Goedgekeurd met een {data['score']}: {instance.title}"))


STATES = (
    State("draft", "Concept", "De aanvrager schrijft nog."),
    State("submitted", "Ingediend", "Wacht op een beoordelaar.", deadline=timedelta(days=14)),
    State("approved", "Goedgekeurd", terminal=True),
    State("rejected", "Afgewezen", terminal=True),
    State("expired", "Verlopen", "Niet op tijd beoordeeld.", terminal=True),
)

REVIEW_V1 = Workflow(
    key="sample.review",
    version=1,
    title="Voorbeeldbeoordeling",
    initial="draft",
    states=STATES,
    transitions=(
        Transition(
            "submit",
            "Indienen",
            "draft",
            "submitted",
            roles={"partner", "team"},
            guards=(note_is_long_enough,),
        ),
        Transition(
            "approve",
            "Goedkeuren",
            "submitted",
            "approved",
            roles={"auditor"},
            assignee_only=True,
            form=ScoreForm,
            effect=leave_approval_note,
        ),
        Transition(
            "reject",
            "Afwijzen",
            "submitted",
            "rejected",
            roles={"auditor", "committee"},
            comment_required=True,
        ),
        Transition("reopen", "Terug naar concept", "submitted", "draft", roles={"team"}),
        Transition("expire", "Laten verlopen", "submitted", "expired", timeout=True),
    ),
)

# Version 2 puts a check by the team between submitting and judging.
REVIEW_V2 = Workflow(
    key="sample.review",
    version=2,
    title="Voorbeeldbeoordeling",
    initial="draft",
    states=STATES[:2]
    + (State("checked", "Gecontroleerd", "Klaar voor de beoordelaar."),)
    + STATES[2:],
    transitions=(
        Transition(
            "submit",
            "Indienen",
            "draft",
            "submitted",
            roles={"partner", "team"},
            guards=(note_is_long_enough,),
        ),
        Transition("check", "Controleren", "submitted", "checked", roles={"team"}),
        Transition(
            "approve",
            "Goedkeuren",
            "checked",
            "approved",
            roles={"auditor"},
            assignee_only=True,
            form=ScoreForm,
            effect=leave_approval_note,
        ),
        Transition(
            "reject",
            "Afwijzen",
            ("submitted", "checked"),
            "rejected",
            roles={"auditor", "committee"},
            comment_required=True,
        ),
        Transition("expire", "Laten verlopen", "submitted", "expired", timeout=True),
    ),
)

# A second, tiny workflow, so the inbox has more than one process to list and filter.
CHECKLIST = Workflow(
    key="sample.checklist",
    version=1,
    title="Voorbeeldchecklist",
    initial="open",
    states=(
        State("open", "Open", deadline=timedelta(days=2)),
        State("done", "Klaar", terminal=True),
    ),
    transitions=(Transition("finish", "Afronden", "open", "done", roles={"team"}),),
)

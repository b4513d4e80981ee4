"""Demo data of new subprojects: one idea carried to a started working group, one waiting for
the committee's advice, one that does not go ahead. Made up."""

from werkzeug.datastructures import MultiDict

from core.api import db, engine_of, local_today

from ..bodies.models import Body
from ..bodies.rules import WORKFLOW as ADVICE_WORKFLOW
from .models import SubprojectIdea
from .rules import WORKFLOW

# (title, urgency, who raised it, steps with their reasons)
IDEAS = [
    (
        "Hulp bij de energierekening",
        "In mijn straat durven mensen de verwarming niet aan te zetten. Ze weten niet waar ze "
        "hulp kunnen vragen als de rekening te hoog is.",
        "expert",
        [
            ("ask_advice", None),
            ("record_advice", None),
            ("start", "Urgent: de rekeningen stijgen in de hele stad. Havensteder en Buurtlab "
             "hebben tijd en mensen."),
        ],
    ),
    (
        "Taalcafé voor formulieren",
        "Veel mensen met wie wij werken snappen de brieven van de gemeente niet en lopen daardoor "
        "toeslagen mis.",
        "partner",
        [("ask_advice", None)],
    ),
    (
        "Een eigen spaarpot per wijk",
        "Als iemand in de wijk een onverwachte rekening krijgt, kan de wijk even bijspringen.",
        "expert",
        [("stop", "Mooi idee, maar de stichting mag geen geld uitlenen. We zoeken het samen met "
                  "de Voedseltuin in een andere vorm.")],
    ),
]  # fmt: skip

COMMITTEE_ADVICE = (
    "Doen. Begin in Feijenoord en Charlois, en laat ervaringsdeskundigen de uitleg geven."
)


def load_subprojects_demo(demo) -> None:
    """Idempotent: ideas are found by title, and only the missing ones are made."""
    team = demo.users["team"]
    committee = db.session.scalar(
        db.select(Body).where(Body.kind == "advisory_committee").order_by(Body.id)
    )
    engine = engine_of()
    for title, urgency, role, steps in IDEAS:
        if db.session.scalar(db.select(SubprojectIdea.id).where(SubprojectIdea.title == title)):
            continue
        raised_by = demo.users.get(role, team)
        idea = SubprojectIdea(title=title, urgency=urgency, raised_by_id=raised_by.id)
        db.session.add(idea)
        db.session.flush()
        instance = engine.start(WORKFLOW, idea, title=f"Idee {idea.id}", actor=raised_by)
        db.session.commit()
        for trigger, reasons in steps:
            formdata = None
            if trigger == "record_advice":
                formdata = MultiDict(
                    {
                        "body_id": str(committee.id),
                        "text": COMMITTEE_ADVICE,
                        "given_on": local_today().isoformat(),
                    }
                )
            engine.fire(instance.id, trigger, actor=team, comment=reasons, formdata=formdata)
            if trigger == "record_advice":
                # The team followed the committee's advice: it says so on the advice too.
                advice = db.session.get(SubprojectIdea, idea.id).advice
                advice_instance = engine.instance_for(ADVICE_WORKFLOW, advice)
                engine.fire(
                    advice_instance.id,
                    "adopt",
                    actor=team,
                    comment="We starten in Feijenoord en Charlois, met ervaringsdeskundigen.",
                )

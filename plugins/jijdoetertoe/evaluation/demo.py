"""Demo data of the evaluation: the started subproject "Hulp bij de energierekening" with the
experts' hours logged for it, its working group's meetings, and one evaluation of this year
with the advisory committee's verdict. Made up."""

from datetime import date, timedelta

from core.api import Meeting, db, local_midnight_utc, local_today

from ..bodies.models import Body, BodyMeeting
from ..experts.models import Expert, Involvement
from ..subprojects.models import SubprojectIdea
from .models import WHOLE_YEAR, Evaluation

SUBPROJECT = "Hulp bij de energierekening"
# (expert, days ago, minutes, allowance in cents, what)
INVOLVEMENTS = [
    ("Fatima Ervaringsdeskundige", 20, 150, 1500, "Spreekuur energierekening in Feijenoord"),
    ("Fatima Ervaringsdeskundige", 6, 90, 1000, "Uitleg gegeven bij de voedselbank"),
    ("Henk Bakker", 12, 60, 0, "Folder over de energietoeslag meegelezen"),
]


def _day(days_ago: int) -> date:
    """A day in the past, but inside this year: the demo evaluates this year."""
    today = local_today()
    return max(date(today.year, 1, 1), today - timedelta(days=days_ago))


def load_evaluation_demo(demo) -> None:
    """Idempotent: the hours, the meetings and the evaluation are each added only when
    missing, so loading again (also after a partial load) adds nothing."""
    idea = db.session.scalar(db.select(SubprojectIdea).where(SubprojectIdea.title == SUBPROJECT))
    if idea is None or idea.working_group_id is None:
        return
    if db.session.scalar(db.select(Evaluation.id).where(Evaluation.idea_id == idea.id)):
        return
    team = demo.users["team"]
    _log_hours(team)
    _meetings(idea, team)
    _evaluation(idea, team)
    db.session.flush()


def _log_hours(team) -> None:
    if db.session.scalar(db.select(Involvement.id).where(Involvement.subproject == SUBPROJECT)):
        return
    for name, days_ago, minutes, cents, what in INVOLVEMENTS:
        expert = db.session.scalar(db.select(Expert).where(Expert.name == name))
        if expert is None:
            continue
        expert.involvements.append(
            Involvement(
                done_on=_day(days_ago),
                minutes=minutes,
                allowance_cents=cents,
                subproject=SUBPROJECT,
                what=what,
                recorded_by_id=team.id,
            )
        )


def _meetings(idea: SubprojectIdea, team) -> None:
    if db.session.scalar(
        db.select(BodyMeeting.id).where(BodyMeeting.body_id == idea.working_group_id)
    ):
        return
    # One meeting of the working group held, one still to come (that one does not count).
    for title, day, agenda in (
        ("Werkgroep energierekening: aftrap", _day(15), "1. Kennismaken\n2. Spreekuren"),
        (
            "Werkgroep energierekening: tussenstand",
            local_today() + timedelta(days=21),
            "1. Wat hoorden we op de spreekuren?",
        ),
    ):
        meeting = Meeting(
            title=title,
            starts_at=local_midnight_utc(day) + timedelta(hours=1),
            kind="experts",
            place="Buurtlab",
            organiser_id=team.id,
        )
        db.session.add(meeting)
        db.session.flush()
        db.session.add(
            BodyMeeting(body_id=idea.working_group_id, meeting_id=meeting.id, agenda=agenda)
        )


def _evaluation(idea: SubprojectIdea, team) -> None:
    committee = db.session.scalar(
        db.select(Body).where(Body.kind == "advisory_committee").order_by(Body.id)
    )
    db.session.add(
        Evaluation(
            idea_id=idea.id,
            year=local_today().year,
            quarter=WHOLE_YEAR,
            committee_id=getattr(committee, "id", None),
            budget_cents=250000,
            partners="Havensteder (ruimte en een medewerker), Buurtlab (de spreekuren).",
            activities="Wekelijks spreekuur in Feijenoord en Charlois; uitleg bij de voedselbank.",
            people_reached=140,
            people_helped=85,
            results="85 huishoudens hebben een regeling of de energietoeslag aangevraagd.",
            feedback="Bezoekers vinden het fijn dat een ervaringsdeskundige de uitleg geeft. "
            "Sommigen willen ook 's avonds kunnen komen.",
            lessons="We houden één spreekuur in de avond.",
            written_by_id=team.id,
            verdict="Goed begonnen. Ga door, en vraag Havensteder om ook in Noord te starten.",
            verdict_on=_day(2),
            verdict_recorded_by_id=team.id,
        )
    )

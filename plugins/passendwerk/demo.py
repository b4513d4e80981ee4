"""Demo data: about forty fictional job seekers at every step, eight employers with vacancies,
two Meet & Greets, feedback talks (one overdue). Names and numbers are made up."""

from datetime import datetime, time, timedelta

from werkzeug.datastructures import MultiDict

from core.api import (
    Organisation,
    WorkflowHistory,
    WorkflowInstance,
    db,
    engine_of,
    local_today,
    utcnow,
)

from .catalogue.models import Competence, EndingCause, TrainingModule
from .events.models import Guest, MeetAndGreet
from .introductions.models import FeedbackConversation, Introduction, current_placement
from .route.models import ROUTE, Consent, JobSeeker
from .seed import top_up
from .talent.models import ProfileCompetence, TalentProfile, TrainingEnrolment
from .vacancies.models import Vacancy, VacancyCompetence

EMPLOYERS = [
    "Roffabriek",
    "MKB Rotterdam",
    "Bakkerij De Rotte",
    "Zorgcentrum Maasoever",
    "Logistiek Waalhaven",
    "Hotel Het Noorderlicht",
    "Groenbedrijf Kralingen",
    "Schoonmaakbedrijf Zuidplein",
]
# (employer, title, sector, hours, contract, cao, district, {competence: (level, required)})
VACANCIES = [
    ("Roffabriek", "Medewerker naaiatelier", "productie", 24, "tijdelijk_uitzicht", True, "Delfshaven",
     {"Handvaardigheid": (3, True), "Nauwkeurig werken": (2, True), "Samenwerken": (2, False)}),
    ("Roffabriek", "Fietsenmaker in opleiding", "techniek", 32, "leerwerk", False, "Delfshaven",
     {"Technisch inzicht": (2, True), "Fietsen repareren": (1, False), "Afspraken nakomen": (3, True)}),
    ("MKB Rotterdam", "Medewerker administratie", "kantoor", 24, "tijdelijk_uitzicht", True, "Centrum",
     {"Computervaardigheden": (3, True), "Administratie bijhouden": (2, True), "Telefoon aannemen": (2, False)}),
    ("Bakkerij De Rotte", "Verkoper bakkerij", "detailhandel", 20, "vast", True, "Noord",
     {"Klantvriendelijkheid": (3, True), "Kassa bedienen": (2, True), "Hygiënisch werken (HACCP)": (2, False)}),
    ("Zorgcentrum Maasoever", "Gastvrouw of gastheer", "zorg", 24, "tijdelijk_uitzicht", True, "IJsselmonde",
     {"Gastvrijheid": (3, True), "Verzorgen van ouderen": (1, False), "Luisteren": (3, True)}),
    ("Zorgcentrum Maasoever", "Medewerker huishouding", "schoonmaak", 16, "vast", True, "IJsselmonde",
     {"Schoonmaken": (2, True), "Zelfstandig werken": (2, True)}),
    ("Logistiek Waalhaven", "Orderpicker", "logistiek", 32, "tijdelijk", True, "Charlois",
     {"Orderpicken": (2, True), "Heftruck rijden": (2, False), "Nauwkeurig werken": (2, True)}),
    ("Logistiek Waalhaven", "Magazijnmedewerker", "logistiek", 36, "tijdelijk_uitzicht", True, "buiten Rotterdam",
     {"Voorraad beheren": (2, True), "Rijbewijs B": (1, False), "Samenwerken": (2, True)}),
    ("Hotel Het Noorderlicht", "Medewerker keuken", "horeca", 28, "tijdelijk_uitzicht", True, "Noord",
     {"Koken": (2, True), "Hygiënisch werken (HACCP)": (2, True), "Omgaan met stress": (2, False)}),
    ("Groenbedrijf Kralingen", "Hovenier in opleiding", "groen", 32, "leerwerk", True, "Kralingen-Crooswijk",
     {"Tuinonderhoud": (1, True), "Doorzetten": (3, True), "Rijbewijs B": (1, False)}),
    ("Schoonmaakbedrijf Zuidplein", "Schoonmaker kantoren", "schoonmaak", 20, "vast", True, "Feijenoord",
     {"Schoonmaken": (2, True), "Afspraken nakomen": (3, True), "Zelfstandig werken": (2, False)}),
]  # fmt: skip

FIRST = ["Samira", "Jeroen", "Fatma", "Dewi", "Marco", "Ayoub", "Lisa", "Kwame", "Nadia", "Tim",
         "Esra", "Rachid", "Sanne", "Gerda", "Mehmet", "Priscilla", "Bram", "Yasmina", "Kevin",
         "Anouk"]  # fmt: skip
LAST = ["El Idrissi", "Bakker", "Yilmaz", "Pattinama", "de Vries", "Boukhari", "Jansen", "Mensah",
        "Amrani", "Visser", "Kaya", "Haddou", "de Jong", "Smit", "Demir", "Martina", "Mulder",
        "Ouali", "Rosario", "Bos"]  # fmt: skip
DISTRICTS = ["Delfshaven", "Charlois", "Feijenoord", "IJsselmonde", "Noord", "Centrum",
             "Kralingen-Crooswijk", "Prins Alexander"]  # fmt: skip

TO_PREPARATION = ["start_intake", "to_preselection", "promising"]
TO_MATCHING = [*TO_PREPARATION, "to_assessment", "profile", "to_matching"]
# How many people stand at each step, and the steps that got them there.
STEPS = [
    (3, []),
    (3, ["start_intake"]),
    (2, ["start_intake", "to_preselection"]),
    (3, ["start_intake", "to_preselection", "promising_later"]),
    (2, ["start_intake", "to_preselection", "no_chance_now"]),
    (4, TO_PREPARATION),
    (3, [*TO_PREPARATION, "to_assessment"]),
    (3, [*TO_PREPARATION, "to_assessment", "profile"]),
    (5, TO_MATCHING),
    (3, [*TO_MATCHING, "introduce"]),
    (2, [*TO_MATCHING, "introduce", "placed"]),
    (3, [*TO_MATCHING, "introduce", "placed", "start_induction"]),
    (2, [*TO_MATCHING, "introduce", "placed", "start_induction", "lasting"]),
    (1, ["start_intake", "end_route"]),
    (1, [*TO_PREPARATION, "end_route"]),
]
REASONS = {
    "promising": "Gemotiveerd; kan binnen drie maanden de stap maken.",
    "promising_later": "Wil graag, heeft drie tot zes maanden voorbereiding nodig.",
    "no_chance_now": "Eerst werken aan gezondheid; doorverwezen naar activering.",
    "end_route": "Afspraken drie keer niet nagekomen, besproken met de coach.",
}
DAYS_PER_STEP = 12


def load_demo(demo) -> None:
    employers = _employers(demo)
    demo.account("employer", "Joyce Werkgever", organisation="Roffabriek")
    demo.account("lifecoach", "Ricardo Lifecoach")
    if db.session.scalar(db.select(JobSeeker.id).limit(1)):
        return
    top_up()
    catalogue = {c.name: c for c in db.session.scalars(db.select(Competence))}
    vacancies = _vacancies(employers, catalogue)
    db.session.flush()
    people = _people(demo, catalogue, vacancies)
    _meet_and_greets(people, employers)


def _employers(demo) -> dict[str, Organisation]:
    return {name: demo.organisation(name, kind="employer") for name in EMPLOYERS}


def _vacancies(employers, catalogue) -> list[Vacancy]:
    vacancies = []
    for employer, title, sector, hours, contract, cao, district, needs in VACANCIES:
        vacancy = Vacancy(
            organisation_id=employers[employer].id,
            title=title,
            sector=sector,
            hours=hours,
            contract=contract,
            cao=cao,
            district=district,
            description=f"{title} bij {employer}. Talent telt, geen diploma nodig.",
        )
        vacancy.competences = [
            VacancyCompetence(competence_id=catalogue[name].id, level=level, required=required)
            for name, (level, required) in needs.items()
        ]
        db.session.add(vacancy)
        vacancies.append(vacancy)
    return vacancies


def _profile(person: JobSeeker, n: int, vacancy: Vacancy, catalogue) -> TalentProfile:
    """A profile close to `vacancy`, with variation, so matching has something to rank."""
    levels = {c.competence_id: min(4, c.level + (n % 3) - 1) for c in vacancy.competences}
    levels = {cid: level for cid, level in levels.items() if level > 0}
    for extra in ("Samenwerken", "Afspraken nakomen", "Nederlands spreken"):
        levels.setdefault(catalogue[extra].id, 2 + n % 2)
    return TalentProfile(
        job_seeker_id=person.id,
        sectors=[vacancy.sector] + (["schoonmaak"] if n % 4 == 0 else []),
        hours_min=16 if n % 2 else 20,
        hours_max=32 if n % 3 else 24,
        travel=("stad", "wijk", "regio")[n % 3],
        contracts=["vast", "tijdelijk_uitzicht"] + (["leerwerk"] if n % 2 else []),
        behaviour="Komt op tijd, pakt dingen zelf op, vraagt hulp als het nodig is.",
        personality="Rustig en betrokken; werkt graag met mensen om zich heen.",
        pitch_url=f"https://video.example.org/pitch-{n}" if n % 2 else None,
        share_with_employers=True,
        competences=[ProfileCompetence(competence_id=c, level=lv) for c, lv in levels.items()],
    )


def _people(demo, catalogue, vacancies) -> list[JobSeeker]:
    coach, partner, lifecoach = demo.users["team"], demo.users["partner"], demo.users["lifecoach"]
    pluspunt = demo.organisations["Stichting Pluspunt"]
    modules = db.session.scalars(db.select(TrainingModule).order_by(TrainingModule.name)).all()
    causes = db.session.scalars(db.select(EndingCause).order_by(EndingCause.name)).all()
    engine = engine_of()
    people, n = [], 0
    for count, steps in STEPS:
        for _ in range(count):
            via_partner = n % 2 == 0
            who = partner if via_partner else coach
            person = JobSeeker(
                first_name=FIRST[n % len(FIRST)],
                last_name=LAST[(n * 7) % len(LAST)],
                district=DISTRICTS[n % len(DISTRICTS)],
                address=f"Voorbeeldstraat {n + 1}, Rotterdam",
                phone=f"06 0000 {n:04d}",
                referral="partner" if via_partner else "warm_rotterdam",
                referring_organisation_id=pluspunt.id if via_partner else None,
                coach_id=who.id,
                lifecoach_id=lifecoach.id if n % 3 == 0 else None,
                sensitive_notes="Regeling met schuldeisers loopt." if n % 5 == 0 else None,
            )
            person.consents = [
                Consent(purpose="Begeleiding naar passend werk", recorded_by_id=who.id)
            ]
            db.session.add(person)
            db.session.flush()
            instance = engine.start(
                ROUTE,
                person,
                title=f"Route {person.id}",
                actor=who,
                assignee=who,
                organisation_id=person.referring_organisation_id,
            )
            db.session.commit()
            vacancy = vacancies[n % len(vacancies)]
            for step in steps:
                if step == "profile":
                    db.session.add(_profile(person, n, vacancy, catalogue))
                if step in {"to_assessment"}:
                    for module in modules[n % 3 : n % 3 + 2]:
                        db.session.add(
                            TrainingEnrolment(
                                job_seeker_id=person.id, module_id=module.id, status="completed"
                            )
                        )
                db.session.commit()
                if step == "start_induction":
                    _employer_plans_induction(person)
                if step == "lasting":  # confirmed once the induction period is over
                    _induction_over(instance)
                engine.fire(
                    instance.id,
                    step,
                    actor=who,
                    comment=REASONS.get(step),
                    formdata=_form(step, vacancy, n, causes, lifecoach),
                )
            if steps and steps[-1] == "promising":
                db.session.add(
                    TrainingEnrolment(
                        job_seeker_id=person.id, module_id=modules[n % len(modules)].id
                    )
                )
            _backdate(instance, len(steps), n)
            people.append(person)
            n += 1
    db.session.commit()
    return people


def _form(step, vacancy, n, causes, lifecoach) -> MultiDict | None:
    if step == "introduce":
        return MultiDict({"vacancy_id": str(vacancy.id), "meet_and_greet_id": "0"})
    if step == "placed":
        start = local_today() - timedelta(days=DAYS_PER_STEP)
        return MultiDict({"vacancy_id": str(vacancy.id), "start_date": start.isoformat(),
                          "contract": vacancy.contract, "hours": str(vacancy.hours), "cao": "y"})  # fmt: skip
    if step == "start_induction":
        return MultiDict({"lifecoach_id": str(lifecoach.id)})
    if step == "end_route":
        return MultiDict({"cause_id": str(causes[n % len(causes)].id)})
    if step == "lasting":
        return MultiDict({"still_employed": "y", "contract": vacancy.contract,
                          "hours": str(vacancy.hours)})  # fmt: skip
    return None


def _employer_plans_induction(person: JobSeeker) -> None:
    """What the employer enters on its own page before the induction begins."""
    placement = current_placement(person.id)
    placement.mentor_name = "Joke de Mentor"
    placement.induction_plan = (
        "Week 1: rondleiding en vaste werkplek.\nWeek 2-4: meelopen met Joke, daarna zelf de "
        "kassa.\nMaand 3: cursus hygiëne (HACCP)."
    )
    placement.induction_plan_at = utcnow()
    db.session.commit()


def _induction_over(instance: WorkflowInstance) -> None:
    """Demo only, as _backdate: the induction began long enough ago to confirm lasting work."""
    began = utcnow() - engine_of().declaration(instance).state("inwerken").deadline_for(instance)
    db.session.execute(
        db.update(WorkflowInstance)
        .where(WorkflowInstance.id == instance.id)
        .values(entered_state_at=began - timedelta(days=1))
    )
    db.session.commit()
    db.session.refresh(instance)


def _backdate(instance: WorkflowInstance, steps: int, n: int) -> None:
    """Spread the demo over the past months so deadlines, waiting times and medians look real.
    Some people wait too long on purpose, so the inbox shows overdue work."""
    extra = 20 if n % 4 == 0 else 0
    start = utcnow() - timedelta(days=DAYS_PER_STEP * steps + extra)
    # Demo only: history is append-only for the ORM, so the fabricated past is written to
    # the table directly.
    table = WorkflowHistory.__table__
    ids = db.session.scalars(
        db.select(table.c.id).where(table.c.instance_id == instance.id).order_by(table.c.id)
    ).all()
    for i, row_id in enumerate(ids):
        at = start + timedelta(days=DAYS_PER_STEP * i)
        db.session.execute(db.update(table).where(table.c.id == row_id).values(at=at))
    workflow = engine_of().declaration(instance)
    entered = start + timedelta(days=DAYS_PER_STEP * (len(ids) - 1))
    period = workflow.state(instance.state).deadline_for(instance)
    db.session.execute(
        db.update(WorkflowInstance)
        .where(WorkflowInstance.id == instance.id)
        .values(
            created_at=start,
            entered_state_at=entered,
            deadline_at=entered + period if period else None,
        )
    )
    if instance.state == "inwerken":
        placement = current_placement(instance.subject_id)
        placement.induction_started_on = entered.date()
        if n % 2:  # one talk recorded recently; the others are overdue
            placement.conversations.append(
                FeedbackConversation(
                    held_on=local_today() - timedelta(days=5), summary="Gaat goed; leert snel."
                )
            )


def _meet_and_greets(people, employers) -> None:
    seeking = [p for p in people[-25:]][:8]
    past = MeetAndGreet(
        title="Meet & Greet voorjaar",
        starts_at=datetime.combine(local_today() - timedelta(days=40), time(14, 0)),
        place="Warmtebron Delfshaven",
        description="Kennismaken bij koffie: werkgevers vertellen, kandidaten pitchen.",
        employers=[
            employers["Roffabriek"],
            employers["Bakkerij De Rotte"],
            employers["Logistiek Waalhaven"],
        ],
        guests=[Guest(job_seeker_id=p.id, attended=i % 3 != 2) for i, p in enumerate(seeking)],
    )
    upcoming = MeetAndGreet(
        title="Meet & Greet najaar",
        starts_at=datetime.combine(local_today() + timedelta(days=21), time(15, 0)),
        place="Warmtebron Charlois",
        employers=[
            employers["Zorgcentrum Maasoever"],
            employers["Hotel Het Noorderlicht"],
            employers["MKB Rotterdam"],
        ],
        guests=[Guest(job_seeker_id=p.id) for p in people[-20:-16]],
    )
    db.session.add_all([past, upcoming])
    db.session.flush()
    first = db.session.scalar(
        db.select(Introduction)
        .where(Introduction.job_seeker_id.in_([p.id for p in seeking]))
        .limit(1)
    )
    if first is not None:
        first.meet_and_greet_id = past.id

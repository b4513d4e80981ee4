"""The route of a job seeker to lasting, fitting work, as declared to the workflow engine."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from core.workflow import State, Transition, Workflow

from .forms import EndRouteForm

COACHES = frozenset({"team", "partner"})

ACTIVE = (
    "aangemeld",
    "intake",
    "voorselectie",
    "leer_werktraject",
    "voorbereiding",
    "assessment",
    "talentenprofiel",
    "matching",
    "kennismaking",
    "geplaatst",
    "inwerken",
)

ROUTE = Workflow(
    key="passendwerk.route",
    version=1,
    title=_l("Route naar passend werk"),
    initial="aangemeld",
    description=_l("Van aanmelding tot duurzaam aan het werk, met talent als vertrekpunt."),
    viewer_roles=frozenset({"team"}),
    states=(
        State(
            "aangemeld",
            _l("Aangemeld"),
            _l("Wacht op een intakegesprek."),
            deadline=timedelta(days=14),
        ),
        State(
            "intake",
            _l("Intake"),
            _l("Kennismaken: wat kan en wil deze persoon?"),
            deadline=timedelta(days=14),
        ),
        State(
            "voorselectie",
            _l("Voorselectie"),
            _l("Kansrijk, kansrijk op termijn of nu geen kans?"),
            deadline=timedelta(days=14),
        ),
        State(
            "leer_werktraject",
            _l("Leer-werktraject"),
            _l("Voorbereiden met een partner, zoals de Roffabriek."),
            deadline=timedelta(days=183),
        ),
        State(
            "voorbereiding",
            _l("Voorbereiding"),
            _l("Trainingsmodules op maat."),
            deadline=timedelta(days=90),
        ),
        State(
            "assessment",
            _l("Assessment"),
            _l("Kunnen, willen, gedrag en persoonlijkheid in beeld."),
            deadline=timedelta(days=30),
        ),
        State(
            "talentenprofiel",
            _l("Talentenprofiel"),
            _l("Het profiel is de basis voor het gesprek met werkgevers."),
            deadline=timedelta(days=14),
        ),
        State(
            "matching",
            _l("Matching"),
            _l("Passende vacatures zoeken."),
            deadline=timedelta(days=30),
        ),
        State(
            "kennismaking",
            _l("Kennismaking"),
            _l("Kennismaken met een werkgever of op een Meet & Greet."),
            deadline=timedelta(days=30),
        ),
        State(
            "geplaatst",
            _l("Geplaatst"),
            _l("Aan het werk; het inwerken begint."),
            deadline=timedelta(days=14),
        ),
        State(
            "inwerken",
            _l("Inwerken"),
            _l("Mentor en lifecoach helpen; feedback minstens elke twee weken."),
            deadline=timedelta(days=183),
        ),
        State("duurzaam", _l("Duurzaam aan het werk"), terminal=True),
        State(
            "activering",
            _l("Activering"),
            _l("Nu geen kans op werk: doorverwezen naar activering. Later opnieuw kan."),
        ),
        State("afgebroken", _l("Afgebroken"), _l("De route is gestopt; de oorzaak is vastgelegd.")),
    ),
    transitions=(
        Transition("start_intake", _l("Intake starten"), "aangemeld", "intake", roles=COACHES),
        Transition(
            "to_preselection", _l("Naar voorselectie"), "intake", "voorselectie", roles=COACHES
        ),
        Transition(
            "promising",
            _l("Kansrijk"),
            "voorselectie",
            "voorbereiding",
            roles=COACHES,
            comment_required=True,
        ),
        Transition(
            "promising_later",
            _l("Kansrijk op termijn"),
            "voorselectie",
            "leer_werktraject",
            roles=COACHES,
            comment_required=True,
        ),
        Transition(
            "no_chance_now",
            _l("Nu geen kans"),
            "voorselectie",
            "activering",
            roles=COACHES,
            comment_required=True,
        ),
        Transition(
            "ready",
            _l("Klaar voor voorbereiding"),
            "leer_werktraject",
            "voorbereiding",
            roles=COACHES,
        ),
        Transition(
            "to_assessment", _l("Naar assessment"), "voorbereiding", "assessment", roles=COACHES
        ),
        Transition(
            "profile", _l("Talentenprofiel maken"), "assessment", "talentenprofiel", roles=COACHES
        ),
        Transition(
            "to_matching", _l("Naar matching"), "talentenprofiel", "matching", roles=COACHES
        ),
        Transition(
            "introduce", _l("Voorstellen aan werkgever"), "matching", "kennismaking", roles=COACHES
        ),
        Transition(
            "no_match", _l("Geen klik: verder zoeken"), "kennismaking", "matching", roles=COACHES
        ),
        Transition("placed", _l("Geplaatst"), "kennismaking", "geplaatst", roles=COACHES),
        Transition(
            "start_induction", _l("Inwerken begint"), "geplaatst", "inwerken", roles=COACHES
        ),
        Transition("lasting", _l("Duurzaam aan het werk"), "inwerken", "duurzaam", timeout=True),
        Transition(
            "reopen", _l("Opnieuw beginnen"), ("activering", "afgebroken"), "intake", roles=COACHES
        ),
        Transition(
            "end_route",
            _l("Route afbreken"),
            ACTIVE,
            "afgebroken",
            roles=COACHES,
            form=EndRouteForm,
            comment_required=True,
        ),
    ),
)

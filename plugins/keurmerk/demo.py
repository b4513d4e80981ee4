"""Demo data: the first norm framework (launched, after consultation and pilot), its second
version open for reactions, and organisations at every stage of certification."""

from datetime import timedelta

from werkzeug.datastructures import MultiDict

from core.api import db, engine_of, local_today, utcnow

from .certification.rules import WORKFLOW as CERTIFICATION
from .certification.rules import apply, certificate_end, judge_norm, save_self_assessment
from .frameworks.models import Module, Norm, NormComment, NormFramework, PilotAudit, Theme
from .frameworks.rules import copy_framework, create_framework

THEMES = [
    ("W", "Werkgeverschap", "Hoe de organisatie omgaat met eigen medewerkers die schulden hebben."),
    ("I", "Eigen incassobeleid", "Hoe de organisatie omgaat met klanten die een betaling missen."),
    (
        "U",
        "Uitbesteding aan incassobureaus",
        "Welke afspraken de organisatie maakt met incassobureaus.",
    ),
]

# (theme, code, title, norm, guidance for auditors, evidence, mandatory)
NORMS = [
    (
        "W",
        "W1",
        "Geldzorgen zijn bespreekbaar",
        "Medewerkers kunnen over geldzorgen praten zonder dat dit hun baan in gevaar brengt. Leidinggevenden weten hoe ze het gesprek beginnen.",
        "Vraag medewerkers en leidinggevenden hoe een gesprek over geldzorgen verloopt. Vraag naar een recent voorbeeld.",
        "Beleid of werkinstructie; training voor leidinggevenden; gesprekken met medewerkers.",
        True,
    ),
    (
        "W",
        "W2",
        "Een vertrouwenspersoon voor geldzaken",
        "Er is een vertrouwenspersoon bij wie medewerkers terechtkunnen met geldzorgen. Medewerkers weten wie dat is.",
        "Vraag drie medewerkers of ze weten bij wie ze terechtkunnen.",
        "Naam en bereikbaarheid van de vertrouwenspersoon; intranetpagina.",
        True,
    ),
    (
        "W",
        "W3",
        "Hulp bij beslag op loon",
        "Bij loonbeslag neemt de werkgever zelf contact op met de medewerker en verwijst naar schuldhulp. De beslagvrije voet wordt goed berekend.",
        "Bekijk twee dossiers met loonbeslag. Is de medewerker gebeld? Klopt de beslagvrije voet?",
        "Geanonimiseerde dossiers; werkinstructie salarisadministratie.",
        True,
    ),
    (
        "W",
        "W4",
        "Gratis training over geld",
        "Medewerkers kunnen gratis een training volgen over omgaan met geld.",
        "Vraag hoeveel medewerkers het afgelopen jaar deelnamen.",
        "Aanbod en deelnamecijfers.",
        False,
    ),
    (
        "I",
        "I1",
        "Betaalgedrag volgen en vroeg contact",
        "De organisatie ziet op tijd dat een klant een betaling mist en neemt dan persoonlijk contact op, voordat er kosten bijkomen.",
        "Loop met een medewerker van debiteurenbeheer een dossier door. Wanneer was het eerste persoonlijke contact?",
        "Procesbeschrijving; voorbeelddossiers.",
        True,
    ),
    (
        "I",
        "I2",
        "Goed bereikbaar",
        "Klanten met een achterstand kunnen de organisatie makkelijk bereiken: telefonisch, per mail en via chat, met iemand die kan helpen.",
        "Bel zelf het nummer op de herinneringsbrief. Hoe lang duurt het voor je iemand spreekt?",
        "Bereikbaarheidscijfers; herinneringsbrief.",
        True,
    ),
    (
        "I",
        "I3",
        "Geen stapeling van kosten",
        "De organisatie voorkomt dat kosten zich opstapelen. Er komen geen extra kosten bij zolang er een afspraak loopt.",
        "Bekijk vijf dossiers: welke kosten zijn gerekend, en wanneer?",
        "Kostenoverzicht in dossiers; beleid over incassokosten.",
        True,
    ),
    (
        "I",
        "I4",
        "Betaalregeling die past",
        "Een betaalregeling past bij wat iemand echt kan betalen. De organisatie houdt rekening met de beslagvrije voet.",
        "Vraag hoe de hoogte van een regeling wordt bepaald. Bekijk drie regelingen.",
        "Rekenhulp of beleid voor regelingen; voorbeeldregelingen.",
        True,
    ),
    (
        "I",
        "I5",
        "Brieven zonder dreigende taal",
        "Brieven en berichten zijn duidelijk, vriendelijk en in gewone taal. Er staat geen dreigende taal in.",
        "Lees de herinnering, aanmaning en laatste brief. Laat een ervaringsdeskundige meelezen.",
        "Alle standaardbrieven.",
        True,
    ),
    (
        "I",
        "I6",
        "Doorverwijzen naar schuldhulp",
        "Als iemand meer schulden heeft, verwijst de organisatie actief naar schuldhulp of vrijwillige hulp, en pauzeert de incasso zolang dat loopt.",
        "Vraag hoe medewerkers herkennen dat iemand meer schulden heeft. Naar wie verwijzen ze?",
        "Afspraken met schuldhulp; sociale kaart.",
        True,
    ),
    (
        "I",
        "I7",
        "Medewerkers getraind in gesprekken",
        "Medewerkers die klanten bellen over achterstanden zijn getraind in het voeren van een respectvol gesprek dat gericht is op een oplossing.",
        "Luister (met toestemming) mee met twee gesprekken.",
        "Trainingsaanbod; opnames of gespreksverslagen.",
        False,
    ),
    (
        "U",
        "U1",
        "Alleen werken met bureaus die dezelfde normen volgen",
        "De organisatie geeft vorderingen alleen uit handen aan incassobureaus die zich aan deze normen houden.",
        "Vraag welke bureaus worden ingeschakeld en hoe de organisatie dat controleert.",
        "Contracten; lijst van bureaus.",
        True,
    ),
    (
        "U",
        "U2",
        "Afspraken over kosten in het contract",
        "In het contract met het incassobureau staat dat kosten zo laag mogelijk blijven en niet worden gestapeld.",
        "Lees het contract op kostenafspraken.",
        "Contract met het incassobureau.",
        True,
    ),
    (
        "U",
        "U3",
        "Terugkoppeling over klanten in de knel",
        "Het incassobureau meldt het aan de organisatie als een klant in de problemen zit, zodat samen een oplossing kan worden gezocht.",
        "Vraag naar een voorbeeld van zo'n melding van het afgelopen halfjaar.",
        "Rapportages van het incassobureau.",
        True,
    ),
    (
        "U",
        "U4",
        "Niet doorverkopen van vorderingen",
        "De organisatie verkoopt vorderingen op mensen met schulden niet door aan partijen die deze normen niet volgen.",
        "Vraag of er vorderingen zijn verkocht en aan wie.",
        "Beleid; overzicht verkochte portefeuilles.",
        False,
    ),
]

COMMENTS = [
    (
        "I5",
        "Woorden als 'gerechtelijke stappen' in de eerste brief maken mensen bang. Dan doen ze de post niet meer open.",
        "adopted",
        "Eens. De norm zegt nu dat zulke woorden in de eerste twee brieven niet voorkomen.",
    ),
    (
        "I4",
        "Reken met wat iemand echt overhoudt, niet met een standaardbedrag.",
        "adapted",
        "We noemen de beslagvrije voet als ondergrens; maatwerk erboven blijft mogelijk.",
    ),
    (
        "W1",
        "Laat ook de collega's van de salarisadministratie meedoen aan de training.",
        "not_adopted",
        "Goed idee, maar dat hoort in de uitwerking bij de organisatie, niet in de norm.",
    ),
]


def load_demo(demo) -> None:
    demo.account("auditor", "Kees Auditor")
    demo.account("committee", "Marieke Commissielid")
    demo.account("co_auditor", "Esra Ervaringsdeskundige")
    if db.session.scalar(db.select(NormFramework.id).limit(1)):
        return
    team, expert, partner = demo.users["team"], demo.users["expert"], demo.users["partner"]
    framework = create_framework(
        "Keurmerk Warm Sociaal Incasseren",
        actor=team,
        summary="Eerste versie, herschreven met ervaringsdeskundigen en bedrijven op basis van de SVI-normen.",
    )
    themes = {}
    for position, (code, name, description) in enumerate(THEMES):
        themes[code] = Theme(code=code, name=name, description=description, position=position)
        framework.themes.append(themes[code])
    norms = {}
    for position, (theme, code, title, text, guidance, evidence, mandatory) in enumerate(NORMS):
        norms[code] = Norm(
            code=code,
            title=title,
            text=text,
            guidance=guidance,
            evidence=evidence,
            mandatory=mandatory,
            position=position,
        )
        themes[theme].norms.append(norms[code])
    framework.modules = [
        Module(name="Warm Incasseren", themes=[themes["I"], themes["U"]]),
        Module(name="Warm Werkgeverschap", themes=[themes["W"]]),
    ]
    db.session.commit()

    engine = engine_of()
    instance = engine.instance_for("keurmerk.framework", framework)
    engine.fire(instance.id, "consult", actor=team, comment="Meeleesronde met het klankbord")
    for code, body, resolution, explanation in COMMENTS:
        db.session.add(
            NormComment(
                norm=norms[code],
                author_id=expert.id,
                body=body,
                resolution=resolution,
                explanation=explanation,
                resolved_by_id=team.id,
                resolved_at=utcnow(),
            )
        )
    db.session.add(
        NormComment(
            norm=norms["I2"],
            author_id=partner.id,
            body="Chat is voor kleine organisaties duur. Is telefonisch en mail genoeg?",
            resolution="adapted",
            explanation="Chat is nu een voorbeeld, geen eis.",
            resolved_by_id=team.id,
            resolved_at=utcnow(),
        )
    )
    db.session.commit()
    engine.fire(instance.id, "close_consultation", actor=team)
    engine.fire(
        instance.id,
        "start_pilot",
        actor=team,
        comment="Pilot bij een woningcorporatie en een sociale onderneming",
    )
    db.session.add(
        PilotAudit(
            framework_id=framework.id,
            organisation_id=demo.organisations["Havensteder"].id,
            held_on=local_today() - timedelta(days=20),
            completed=True,
            lessons="Het gesprek met medewerkers van debiteurenbeheer gaf het meeste inzicht.",
        )
    )
    db.session.add(
        PilotAudit(
            framework_id=framework.id,
            organisation_id=demo.organisations["Tafelvanzeven"].id,
            held_on=local_today() - timedelta(days=12),
            completed=True,
            lessons="Ook een kleine organisatie kan aan de normen voldoen.",
        )
    )
    db.session.commit()
    engine.fire(instance.id, "finalise", actor=team)
    engine.fire(
        instance.id,
        "launch",
        actor=team,
        comment="Lancering: het eerste keurmerk overhandigd door ervaringsdeskundigen",
    )

    # The next version is open for reactions, so an expert can walk the consultation by hand.
    second = copy_framework(framework, team)
    db.session.commit()
    engine.fire(
        engine.instance_for("keurmerk.framework", second).id,
        "consult",
        actor=team,
        comment="Tweede leesronde",
    )
    _certifications(demo, framework)


def _certifications(demo, framework: NormFramework) -> None:
    """Havensteder certified with an open minor finding, Faircasso mid-audit, Stichting Pluspunt in
    intake, Gemeente Rotterdam expired."""
    engine = engine_of()
    team, auditor, co_auditor, committee = (
        demo.users[r] for r in ("team", "auditor", "co_auditor", "committee")
    )
    modules = list(framework.modules)

    def start(name, module_names):
        chosen = [m for m in modules if m.name in module_names]
        certification = apply(demo.organisations[name].id, chosen, framework, team)
        db.session.commit()
        return certification, engine.instance_for(CERTIFICATION, certification).id

    def into_audit(certification, instance_id):
        """Intake with a complete self-assessment, planned, and the audit started."""
        engine.fire(instance_id, "start_intake", actor=team)
        _self_assess(certification, demo.users["partner"], everything=True)
        engine.fire(
            instance_id,
            "plan_audit",
            actor=team,
            formdata=MultiDict(
                {
                    "audit_date": local_today().isoformat(),
                    "lead_auditor_id": str(auditor.id),
                    "co_auditor_id": str(co_auditor.id),
                }
            ),
        )
        engine.fire(instance_id, "start_audit", actor=auditor)

    def through_audit(certification, instance_id, failing=()):
        into_audit(certification, instance_id)
        for norm in certification.norms:
            if norm.code in failing:
                judge_norm(
                    certification,
                    norm,
                    auditor,
                    "fails",
                    failing[norm.code],
                    grade="minor",
                    action="Pas de standaardbrieven aan met ervaringsdeskundigen.",
                    deadline=local_today() + timedelta(days=90),
                )
            else:
                judge_norm(
                    certification,
                    norm,
                    auditor,
                    "meets",
                    "In het gesprek met medewerkers en in drie dossiers gezien.",
                )
        db.session.commit()

    havensteder, instance_id = start("Havensteder", {"Warm Incasseren", "Warm Werkgeverschap"})
    through_audit(
        havensteder, instance_id, failing={"I5": "De aanmaning noemt nog de deurwaarder."}
    )
    engine.fire(instance_id, "to_report", actor=auditor)
    engine.fire(instance_id, "submit_report", actor=auditor)
    engine.fire(
        instance_id,
        "certify",
        actor=committee,
        comment="Toegekend; de lichte bevinding geldt als voorwaarde.",
        formdata=_all_modules(havensteder),
    )

    faircasso, instance_id = start("Faircasso", {"Warm Incasseren"})
    into_audit(faircasso, instance_id)
    for norm in faircasso.norms[:3]:
        judge_norm(
            faircasso, norm, auditor, "meets", "Gezien bij het bezoek aan de klantenservice."
        )
    db.session.commit()

    _pluspunt, instance_id = start("Stichting Pluspunt", {"Warm Werkgeverschap"})
    engine.fire(instance_id, "start_intake", actor=team)
    _self_assess(_pluspunt, demo.users["partner"], everything=False)

    rotterdam, instance_id = start("Gemeente Rotterdam", {"Warm Incasseren"})
    through_audit(rotterdam, instance_id)
    engine.fire(instance_id, "to_report", actor=auditor)
    engine.fire(instance_id, "submit_report", actor=auditor)
    engine.fire(instance_id, "certify", actor=committee, formdata=_all_modules(rotterdam))
    # Granted two years and a month ago, so its validity has run out: the engine's timeout
    # lets it expire, as `workflows tick` would.
    rotterdam.valid_from = local_today() - timedelta(days=761)
    rotterdam.valid_until = certificate_end(rotterdam.framework, rotterdam.valid_from)
    engine.fire(instance_id, "expire", actor=None)


def _self_assess(certification, author, everything: bool) -> None:
    """The organisation's own answers per norm; Stichting Pluspunt is still halfway."""
    norms = (
        certification.norms if everything else certification.norms[: len(certification.norms) // 2]
    )
    save_self_assessment(
        certification,
        {
            n.id: f"Bij ons: {n.title.lower()}. We lieten dit zien in ons beleid en in gesprekken."
            for n in norms
        },
        author,
    )
    db.session.commit()


def _all_modules(certification) -> MultiDict:
    return MultiDict([("modules", str(m.id)) for m in certification.modules])

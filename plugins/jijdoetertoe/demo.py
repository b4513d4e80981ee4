"""Demo data of Jij doet ertoe: experts in every state, qualifications, involvements. Names,
stories and numbers are made up."""

from datetime import timedelta

from core.api import db, engine_of, local_today

from .experts.models import Expert, Involvement, Qualification
from .experts.rules import WORKFLOW

# (name, state, channel, contact, district, source, themes, steps to reach the state)
EXPERTS = [
    ("Ria van Dam", "aangemeld", "phone", "06 12 34 56 01", "Charlois", "self",
     "Schulden, alleen met kinderen", ()),
    ("Kofi Mensah", "kennismaking", "via_partner", "Via Buurtlab, vraag naar Inge",
     "Delfshaven", "warmtebron", "Werk zoeken, taal", ("meet",)),
    ("Fatima Ervaringsdeskundige", "actief", "mail", "fatima@demo.warmrotterdam.nl",
     "Feijenoord", "team", "Schulden, incasso, deurwaarders", ("meet", "activate")),
    ("Henk Bakker", "actief", "post", "Zwart Janstraat 80, 3035 AV Rotterdam", "Noord",
     "network", "Wonen, energierekening", ("meet", "activate")),
    ("Samira El Idrissi", "pauze", "phone", "06 12 34 56 05", "IJsselmonde", "network",
     "Zorg voor een familielid", ("meet", "activate", "pause")),
    ("Piet de Vries", "gestopt", "phone", "010 123 45 67", "Prins Alexander", "team",
     "Werk na ziekte", ("meet", "stop")),
]  # fmt: skip

COMMENTS = {
    "pause": "Zorgt een paar maanden voor haar moeder.",
    "stop": "Is verhuisd naar Den Haag.",
}


def load_demo(demo) -> None:
    """Idempotent: experts are found by name, and only the missing ones are made."""
    team = demo.users["team"]
    expert_account = demo.users.get("expert")
    buurtlab = demo.organisations.get("Buurtlab")
    samen010 = demo.organisations.get("Samen010 (Budgetmaatjes)")
    engine = engine_of()
    today = local_today()
    for name, _state, channel, contact, district, source, themes, steps in EXPERTS:
        if db.session.scalar(db.select(Expert.id).where(Expert.name == name)) is not None:
            continue
        expert = Expert(
            name=name,
            channel=channel,
            contact=contact,
            district=district,
            source=source,
            themes=themes,
            languages="Nederlands",
            availability="Doordeweeks overdag",
            registered_by_id=team.id,
            via_organisation_id=buurtlab.id if channel == "via_partner" and buurtlab else None,
            source_organisation_id=(
                buurtlab.id
                if source == "warmtebron" and buurtlab
                else samen010.id
                if source == "network" and samen010
                else None
            ),
        )
        if "activate" in steps:
            expert.consent_on = today - timedelta(days=120)
            expert.consent_how = "Mondeling bij de kennismaking, daarna op papier getekend"
            expert.consent_shares = "Naam en wijk; geen telefoonnummer"
            expert.exemption_note = (
                "Vrijgesteld van de sollicitatieplicht zolang actief (afspraak met de klantmanager)"
            )
        if name == "Fatima Ervaringsdeskundige" and expert_account is not None:
            expert.user_id = expert_account.id
            expert.qualifications.append(
                Qualification(
                    kind="co_auditor",
                    obtained_on=today - timedelta(days=90),
                    expires_on=today + timedelta(days=640),
                    note="Training auditor sociaal incasseren",
                )
            )
            expert.involvements.extend(
                [
                    Involvement(
                        done_on=today - timedelta(days=60),
                        minutes=180,
                        allowance_cents=2500,
                        subproject="Keurmerk Warm Sociaal Incasseren",
                        what="Normen over vroeg contact getest met de klankbordgroep",
                        result="Norm I1 is herschreven in gewone taal.",
                        recorded_by_id=team.id,
                    ),
                    Involvement(
                        done_on=today - timedelta(days=14),
                        minutes=120,
                        allowance_cents=2000,
                        subproject="Jij doet ertoe",
                        what="Meegedacht over de uitnodiging voor nieuwe ervaringsdeskundigen",
                        recorded_by_id=team.id,
                    ),
                ]
            )
        if name == "Samira El Idrissi":
            # Before her pause: she still counts as active (an involvement this past year).
            expert.involvements.append(
                Involvement(
                    done_on=today - timedelta(days=200),
                    minutes=150,
                    allowance_cents=1500,
                    subproject="Passend Werk",
                    what="Meegedacht over de training voor lifecoaches",
                    result="De training begint met een gesprek over wat iemand zelf wil.",
                    recorded_by_id=team.id,
                )
            )
        if name == "Piet de Vries":
            # Longer than a year ago: in the trend of earlier quarters, no longer active now.
            expert.involvements.append(
                Involvement(
                    done_on=today - timedelta(days=400),
                    minutes=60,
                    allowance_cents=0,
                    subproject="Keurmerk Warm Sociaal Incasseren",
                    what="Verteld over ervaringen met deurwaarders",
                    recorded_by_id=team.id,
                )
            )
        if name == "Henk Bakker":
            expert.qualifications.append(
                Qualification(
                    kind="objection_helper",
                    obtained_on=today - timedelta(days=400),
                    expires_on=today - timedelta(days=35),
                )
            )
            expert.involvements.append(
                Involvement(
                    done_on=today - timedelta(days=30),
                    minutes=90,
                    allowance_cents=0,
                    subproject="Warme stad",
                    what="Stuk geschreven voor het magazine",
                    recorded_by_id=team.id,
                )
            )
        db.session.add(expert)
        db.session.flush()
        instance = engine.start(
            WORKFLOW, expert, title=f"Ervaringsdeskundige {expert.id}", actor=team
        )
        db.session.flush()
        for trigger in steps:
            engine.fire_within(instance.id, trigger, actor=team, comment=COMMENTS.get(trigger))
    db.session.flush()

"""Demo data of part 4: agreements in every state (informal partners among them), requests for
an expert's help in every state, and signals, one closed with what came of it. Made up."""

from __future__ import annotations

from datetime import timedelta

from werkzeug.datastructures import MultiDict

from core.api import db, engine_of, local_today

from .agreements.models import Agreement
from .agreements.rules import WORKFLOW as AGREEMENT_WORKFLOW
from .experts.models import Expert, Qualification
from .pools.models import ACCEPTED, PoolProposal, PoolRequest
from .pools.rules import WORKFLOW as POOL_WORKFLOW
from .signals.models import Signal
from .signals.rules import WORKFLOW as SIGNAL_WORKFLOW

# The informal partners the programme works with besides the core's (networks, churches).
INFORMAL_PARTNERS = ("Armoedeplatform Charlois", "Diaconie Rotterdam-Zuid")

# (organisation, contributions, budget in euros, ambassador, state)
AGREEMENTS = [
    ("Geloven in Spangen", "thinking,facilities,network", 0, "Ds. Marieke Smit", "getekend"),
    ("House of Hope", "facilities,thinking", 0, "Wim, coördinator", "getekend"),
    ("Armoedeplatform Charlois", "thinking,network", 0, "Yvonne Brouwer", "getekend"),
    ("Diaconie Rotterdam-Zuid", "facilities,budget", 1500, "Diaken Joost", "in_gesprek"),
    ("Stichting Pluspunt", "facilities,press,thinking", 2500, "Mohamed Partner", "getekend"),
    ("Havensteder", "budget,network,press", 10000, "Afdeling maatschappelijk", "getekend"),
    ("Samen010 (Budgetmaatjes)", "thinking", 0, "Coördinator vrijwilligers", "in_gesprek"),
    ("Buurtlab", "facilities", 0, "Inge", "beeindigd"),
]  # fmt: skip


def _fire(instance_id: int, trigger: str, actor, **answers) -> None:
    engine_of().fire(
        instance_id,
        trigger,
        actor=actor,
        comment=answers.pop("comment", None),
        formdata=MultiDict(answers) if answers else None,
    )


def _agreements(demo, team) -> None:
    if db.session.scalar(db.select(Agreement.id).limit(1)) is not None:
        return
    today = local_today()
    for name in INFORMAL_PARTNERS:
        demo.organisation(name, "informal_network")
    db.session.flush()
    for name, contributions, euros, ambassador, state in AGREEMENTS:
        organisation = demo.organisations.get(name)
        if organisation is None:
            continue
        agreement = Agreement(
            organisation_id=organisation.id,
            contributions=contributions,
            budget_cents=euros * 100,
            ambassador=ambassador,
            contribution_note="Afgesproken in het kennismakingsgesprek.",
            created_by_id=team.id,
        )
        if name == "Stichting Pluspunt" and demo.users.get("partner") is not None:
            agreement.ambassador_user_id = demo.users["partner"].id
        db.session.add(agreement)
        db.session.flush()
        instance = engine_of().start(
            AGREEMENT_WORKFLOW,
            agreement,
            title=f"Overeenkomst {agreement.id}",
            actor=team,
            organisation_id=organisation.id,
        )
        db.session.commit()
        if state in ("getekend", "beeindigd"):
            _fire(
                instance.id,
                "sign",
                team,
                signed_on=(today - timedelta(days=200)).isoformat(),
                starts_on=(today - timedelta(days=190)).isoformat(),
                ends_on=(today + timedelta(days=540)).isoformat(),
            )
        if state == "beeindigd":
            _fire(instance.id, "end", team, reason="Buurtlab stopt met de inloop op dinsdag.")


def _pools(demo, team) -> None:
    if db.session.scalar(db.select(PoolRequest.id).limit(1)) is not None:
        return
    today = local_today()
    fatima = db.session.scalar(db.select(Expert).where(Expert.name == "Fatima Ervaringsdeskundige"))
    if fatima is None:
        return
    # Fatima also trains professionals, so she fits the requests for a training.
    if not any(q.kind == "trainer" for q in fatima.qualifications):
        fatima.qualifications.append(
            Qualification(kind="trainer", obtained_on=today - timedelta(days=300))
        )
    pluspunt = demo.organisations.get("Stichting Pluspunt")
    partner = demo.users.get("partner")
    requests = [
        # (help kind, description, when, where, from a partner?, state)
        ("objection_letter", "Ik wil bezwaar maken tegen de terugvordering van toeslag.",
         "Voor 20 januari", "Bij mij thuis in Charlois", False, "binnengekomen"),
        ("training", "Training 'praten over geldzorgen' voor onze vrijwilligers.",
         "In februari, een dinsdagavond", "Stichting Pluspunt", True, "gekoppeld"),
        ("training", "Training voor klantmanagers over schaamte en schulden.",
         "Afgelopen maand", "Stadskantoor", True, "uitgevoerd"),
        ("other", "Iemand die mee wil naar een gesprek bij de woningcorporatie.",
         "Volgende week", "Feijenoord", False, "geannuleerd"),
    ]  # fmt: skip
    for kind, description, when, where, from_partner, state in requests:
        pool_request = PoolRequest(
            help_kind=kind, description=description, wanted_when=when, wanted_where=where
        )
        if from_partner and pluspunt is not None:
            pool_request.organisation_id = pluspunt.id
            pool_request.requested_by_id = getattr(partner, "id", None)
        else:
            pool_request.requester_name = "Ria de Bewoner"
            pool_request.requester_contact = "06 12 34 56 99"
        db.session.add(pool_request)
        db.session.flush()
        instance = engine_of().start(
            POOL_WORKFLOW,
            pool_request,
            title=f"Verzoek om hulp {pool_request.id}",
            organisation_id=pool_request.organisation_id,
        )
        db.session.commit()
        if state in ("gekoppeld", "uitgevoerd"):
            _fire(instance.id, "link", team, expert_ids=str(fatima.id))
        if state == "uitgevoerd":
            proposal = db.session.scalar(
                db.select(PoolProposal).where(PoolProposal.request_id == pool_request.id)
            )
            proposal.answer = ACCEPTED
            proposal.answered_at = proposal.proposed_at
            proposal.answered_by_id = fatima.user_id
            db.session.commit()
            _fire(
                instance.id,
                "done",
                team,
                done_on=(today - timedelta(days=10)).isoformat(),
                hours="3",
            )
        if state == "geannuleerd":
            _fire(instance.id, "cancel", team, comment="De bewoner heeft al hulp via Samen010.")


def _signals(demo, team) -> None:
    if db.session.scalar(db.select(Signal.id).limit(1)) is not None:
        return
    expert = demo.users.get("expert")
    signals = [
        # (text, district, raised by the demo expert?, steps with answers)
        ("In onze flat krijgen veel mensen een hoge eindafrekening van de energie.",
         "Feijenoord", True, [
             ("weigh", {"note": "Speelt bij meer mensen; past bij Warme stad."}),
             ("forward", {"kind": "partner", "to_whom": "Havensteder, wijkbeheer Feijenoord"}),
             ("close", {"outcome": "Havensteder houdt een inloopspreekuur over de "
                                   "energierekening in de flat, elke eerste maandag."}),
         ]),
        ("Bij de voedselbank in Delfshaven is de wachtlijst lang.", "Delfshaven", False, [
            ("weigh", {"note": "Navragen bij de gemeente."}),
            ("forward", {"kind": "municipality", "to_whom": "Gemeente Rotterdam, wijkteam"}),
        ]),
        ("Jongeren in Noord weten niet waar ze hulp kunnen krijgen met schulden.", "Noord",
         True, [("weigh", {"note": "Goed punt voor het magazine."})]),
        ("De bus naar het Stadswinkel-kantoor rijdt niet meer.", "IJsselmonde", False, [
            ("drop", {"reason": "Hier gaat Warm Rotterdam niet over; we gaven het adres "
                                "van de RET-klantenservice."}),
        ]),
        ("Veel ouders op school kunnen het schoolreisje niet betalen.", None, False, []),
    ]  # fmt: skip
    for text, district, by_expert, steps in signals:
        signal = Signal(text=text, district=district)
        if by_expert and expert is not None:
            signal.raised_by_id = expert.id
        else:
            signal.raiser_name = "Buurtbewoner"
        db.session.add(signal)
        db.session.flush()
        instance = engine_of().start(SIGNAL_WORKFLOW, signal, title=f"Signaal {signal.id}")
        db.session.commit()
        for trigger, answers in steps:
            _fire(instance.id, trigger, team, **answers)


def load_network_demo(demo) -> None:
    """Idempotent: each part is made only when it has no rows yet."""
    team = demo.users["team"]
    _agreements(demo, team)
    _pools(demo, team)
    _signals(demo, team)

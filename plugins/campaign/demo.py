"""Demo data of the campaign, one function per area. Names, stories, places, hours and numbers
are made up, except the names of the Warmtebronnen, which are those of the programme plan."""

from datetime import timedelta

from core.api import db, engine_of, local_today, utcnow

from .warmtebronnen.models import Warmtebron

# (name, district, address, offers, description, opening hours, accessibility, published)
WARMTEBRONNEN = [
    ("Tafelvanzeven", "Feijenoord", "Beijerlandselaan 10, 3074 EA Rotterdam",
     ["meals", "meeting"],
     "Elke week koken en eten we samen. Iedereen schuift aan, ook als je weinig geld hebt.",
     "Dinsdag en donderdag vanaf 17.00 uur", "Drempelvrij, met een invalidentoilet.", True),
    ("Buurtlab", "Delfshaven", "Schiedamseweg 40, 3025 AE Rotterdam",
     ["training", "meeting", "work"],
     "Een werkplaats in de buurt: leer repareren, maken en samenwerken.",
     "Maandag tot en met vrijdag 10.00 tot 16.00 uur", "Ingang aan de straat, geen trappen.", True),
    ("Stichting Pluspunt", "Noord", "Zwart Janstraat 20, 3035 AT Rotterdam",
     ["money_help", "meeting", "training"],
     "Hulp bij post, formulieren en geldzaken, en een kop koffie in het buurthuis.",
     "Maandag tot en met donderdag 9.00 tot 17.00 uur", "Lift naar de eerste verdieping.", True),
    ("Excelsior 4 All", "Kralingen-Crooswijk", "Honingerdijk 110, 3062 NX Rotterdam",
     ["day_activities", "work", "training"],
     "Sport, dagbesteding en werkervaring bij de voetbalclub.",
     "Maandag tot en met vrijdag 9.00 tot 15.00 uur", None, True),
    ("Gaarkeuken", "Centrum", "Westblaak 70, 3012 KM Rotterdam",
     ["meals"],
     "Een warme maaltijd voor weinig geld, elke werkdag.",
     "Maandag tot en met vrijdag 12.00 tot 14.00 uur", "Drempelvrij.", True),
    ("Geloven in Spangen", "Delfshaven", "Spaansebocht 5, 3027 RB Rotterdam",
     ["meeting", "meals"],
     "Kerken en moskeeën in Spangen openen hun deuren voor ontmoeting en een maaltijd.",
     "Woensdag 14.00 tot 20.00 uur", None, True),
    ("House of Hope", "Charlois", "Wolphaertsbocht 200, 3083 KZ Rotterdam",
     ["meeting", "money_help", "day_activities"],
     "Een huiskamer in de wijk: luisteren, helpen en samen iets doen.",
     "Maandag tot en met zaterdag 10.00 tot 17.00 uur", "Twee treden bij de ingang; er is een oprijplaat.", True),
    ("Stichting Mait", "IJsselmonde", "Vlasakkerweg 15, 3077 BS Rotterdam",
     ["day_activities", "training"],
     "Dagbesteding en cursussen voor wie weer mee wil doen.",
     "Maandag tot en met vrijdag 9.30 tot 15.30 uur", None, True),
    ("De Voedseltuin", "Feijenoord", "Sluisjesdijk 1, 3087 AG Rotterdam",
     ["work", "day_activities", "meals"],
     "Samen groente kweken voor de voedselbank. Wie meewerkt, eet mee.",
     "Dinsdag tot en met zaterdag 9.00 tot 16.00 uur", "Paden van gravel; niet overal goed met een rolstoel.", False),
]  # fmt: skip


def load_demo(demo) -> None:
    """Every area's demo data; each part is idempotent on its own."""
    from .challenge.demo import add_council_challenges

    add_warmtebronnen(demo)
    add_council_challenges(demo)
    add_content(demo)


def add_warmtebronnen(demo) -> None:
    """The Warmtebronnen of the plan on the map (De Voedseltuin not yet published)."""
    for name, district, address, offers, description, hours, access, published in WARMTEBRONNEN:
        organisation = demo.organisation(name, kind="social_enterprise")
        if db.session.scalar(
            db.select(Warmtebron.id).where(Warmtebron.organisation_id == organisation.id)
        ):
            continue
        entry = Warmtebron(
            organisation_id=organisation.id,
            description=description,
            district=district,
            address=address,
            opening_hours=hours,
            accessibility=access,
            published=published,
            offers=[],
        )
        entry.set_offers(offers)
        db.session.add(entry)


# ------------------------------------------------------------------ communication calendar

# (title, kind, author role, body, {channel: days from today}, steps to take)
CONTENT = [
    (
        "Oproep: wie wil zijn verhaal vertellen?",
        "social_post",
        "expert",
        "",
        {},
        [],
    ),
    (
        "Rondleiding langs de Warmtebronnen",
        "blog",
        "team",
        "Op zaterdag gaan 24 gasten met de taxi langs vier Warmtebronnen. Wie gaat er mee?",
        {"website": 9},
        ["write"],
    ),
    (
        "Raadsleden gaan de uitdaging aan",
        "press_release",
        "team",
        "Warm Rotterdam daagt de 45 raadsleden uit: leef een week van 50 euro. Kunt u dat?",
        {"website": 12, "linkedin": 12},
        ["write", "submit"],
    ),
    (
        "Wereldarmoededag: doe mee op 17 oktober",
        "social_post",
        "team",
        "Op 17 oktober staan we stil bij armoede in onze stad. Kom naar de bijeenkomst.",
        {"facebook": 5, "instagram": 6},
        ["write", "submit", "schedule"],
    ),
    (
        "Koken voor de buurt bij de Gaarkeuken",
        "magazine_article",
        "team",
        "Elke dinsdag koken vrijwilligers voor wie het krap heeft. Iedereen is welkom aan tafel.",
        {"magazine": -10, "website": -10},
        ["write", "submit", "schedule", "publish"],
    ),
    (
        "Rondkomen van 50 euro per week",
        "life_story",
        "team",
        "Gerda vertelt hoe zij rondkomt, en wat haar helpt: een buurvrouw, een vaste dag "
        "bij de voedseltuin en een schuldhulpmaatje.",
        {"magazine": -10},
        ["write", "submit", "schedule", "publish"],
    ),
]


def add_content(demo) -> None:
    """Pieces in every step, two of them in a published magazine edition; a life story with
    recorded consent. Runs once: a second load finds the pieces and adds nothing."""
    from .content.models import (
        ContentApproval,
        ContentChannel,
        ContentItem,
        LifeStoryConsent,
        MagazineEdition,
    )
    from .content.rules import WORKFLOW

    editor = demo.account("editor", "Rachid Redacteur")
    # An expert by experience on the editorial board: the second approval.
    expert = demo.users["expert"]
    if "editor" not in expert.role_names:
        expert.set_roles(expert.role_names | {"editor"})
    if db.session.scalar(db.select(ContentItem.id).limit(1)) is not None:
        return
    today = local_today()
    engine = engine_of()
    edition = MagazineEdition(
        number=1, title="Samen warm", publication_date=today - timedelta(days=10)
    )
    db.session.add(edition)
    for title, kind, author_role, body, channels, steps in CONTENT:
        author = demo.users[author_role]
        item = ContentItem(kind=kind, title=title, body=body, author_id=author.id)
        item.channels = [
            ContentChannel(channel=channel, planned_on=today + timedelta(days=days))
            for channel, days in channels.items()
        ]
        if kind in ("magazine_article", "life_story"):
            item.edition = edition
        db.session.add(item)
        db.session.flush()
        if kind == "life_story":
            db.session.add(
                LifeStoryConsent(
                    item_id=item.id,
                    person_name="Gerda de Wit",
                    given_how="signed",
                    given_on=today - timedelta(days=30),
                    covers="Tekst en voornaam, in het magazine en op de website.",
                    recorded_by_id=author.id,
                )
            )
        instance = engine.start(WORKFLOW, item, title=f"Stuk {item.id}", actor=author)
        if "submit" in steps:
            db.session.add(ContentApproval(item_id=item.id, reviewer_id=editor.id, review_round=1))
        if "schedule" in steps:
            db.session.add(ContentApproval(item_id=item.id, reviewer_id=expert.id, review_round=1))
        db.session.flush()
        for step in steps:
            actor = author if step in ("write", "submit") else editor
            engine.fire(instance.id, step, actor=actor)
    edition.published_at = utcnow()

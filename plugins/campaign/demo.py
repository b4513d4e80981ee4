"""Demo data of the campaign, one function per area. The places, hours and numbers are made
up; the names are the Warmtebronnen of the programme plan."""

from core.api import db

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

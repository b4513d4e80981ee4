"""The starting lists the team then maintains in the app (Lijsten beheren): a fresh install
gets them from its migration, the demo tops them up."""

from core.api import db

from .catalogue.models import Competence, EndingCause, TrainingModule

COMPETENCES = [
    "Administratie bijhouden",
    "Afspraken nakomen",
    "Begeleiden van kinderen",
    "Computervaardigheden",
    "Doorzetten",
    "Engels spreken",
    "Fietsen repareren",
    "Gastvrijheid",
    "Handvaardigheid",
    "Heftruck rijden",
    "Hygiënisch werken (HACCP)",
    "Kassa bedienen",
    "Klantvriendelijkheid",
    "Koken",
    "Leren en ontwikkelen",
    "Luisteren",
    "Nauwkeurig werken",
    "Nederlands schrijven",
    "Nederlands spreken",
    "Omgaan met stress",
    "Orderpicken",
    "Plannen en organiseren",
    "Rijbewijs B",
    "Samenwerken",
    "Schoonmaken",
    "Technisch inzicht",
    "Telefoon aannemen",
    "Tuinonderhoud",
    "Verantwoordelijkheid nemen",
    "Verkopen",
    "Verzorgen van ouderen",
    "Voorraad beheren",
    "Zelfstandig werken",
]
TRAINING_MODULES = [
    "Communicatie",
    "Digitale vaardigheden",
    "Mentale weerbaarheid",
    "Normen en waarden op het werk",
    "Omgaan met geld",
    "Presenteren",
    "Sociale vaardigheden",
    "Solliciteren en je pitch",
]
ENDING_CAUSES = [
    "Afspraken niet nagekomen",
    "Ander werk gevonden",
    "Gezondheid",
    "Schulden of geldzorgen",
    "Verhuisd",
    "Werk paste toch niet",
    "Zorg voor familie",
]


def top_up() -> None:
    """Add any starting entry that is missing (the team may have removed none; it retires)."""
    for model, names in (
        (Competence, COMPETENCES),
        (TrainingModule, TRAINING_MODULES),
        (EndingCause, ENDING_CAUSES),
    ):
        present = set(db.session.scalars(db.select(model.name)))
        db.session.add_all(model(name=n) for n in names if n not in present)
    db.session.flush()

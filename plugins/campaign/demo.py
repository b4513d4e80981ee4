"""Demo data of the campaign. Names and stories are made up."""

from datetime import timedelta

from core.api import db, engine_of, local_today, utcnow

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

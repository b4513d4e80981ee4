"""The Warmtebronnen map: visitors search and filter the published entries; the team keeps
every entry, a Warmtebron's own people only theirs."""

import pytest
from sqlalchemy import event

from core.api import db
from core.testing import post_form
from plugins.campaign.warmtebronnen.models import Warmtebron, WarmtebronOffer

MAP = "/campaign/warmtebronnen"


@pytest.fixture(autouse=True)
def _campaign_enabled(enable_plugin):
    enable_plugin("campaign")


@pytest.fixture
def add_entry(app, make_organisation):
    """A Warmtebron on the map: ``add_entry("Buurtlab", district="Noord", offers=["meals"])``."""

    def add(name, district="Centrum", offers=("meeting",), published=True, **fields):
        organisation = make_organisation(name)
        with app.app_context():
            entry = Warmtebron(
                organisation_id=organisation.id,
                description=fields.pop("description", f"Welkom bij {name}."),
                district=district,
                address=fields.pop("address", "Coolsingel 40, 3011 AD Rotterdam"),
                published=published,
                offers=[],
                **fields,
            )
            entry.set_offers(offers)
            db.session.add(entry)
            db.session.commit()
            return entry.id, organisation

    return add


def entry_in_db(app, entry_id):
    with app.app_context():
        entry = db.session.get(Warmtebron, entry_id)
        return {
            "description": entry.description,
            "district": entry.district,
            "website": entry.website,
            "published": entry.published,
            "offers": entry.offer_codes,
        }


def names_on(page: str, candidates) -> list[str]:
    return [name for name in candidates if f">{name}</a></h2>" in page]


NAMES = ["Buurtlab", "École du Monde", "Gaarkeuken", "Geheime Tuin"]


@pytest.fixture
def city(add_entry):
    add_entry("Buurtlab", district="Delfshaven", offers=["training", "meeting"])
    add_entry(
        "Gaarkeuken",
        district="Centrum",
        offers=["meals"],
        description="Een warme maaltijd voor weinig geld.",
    )
    add_entry("École du Monde", district="Delfshaven", offers=["meals", "training"])
    add_entry("Geheime Tuin", district="Centrum", offers=["meals"], published=False)


def test_a_visitor_sees_only_published_warmtebronnen(client, city):
    page = client.get(MAP)
    assert page.status_code == 200
    assert names_on(page.text, NAMES) == ["Buurtlab", "École du Monde", "Gaarkeuken"]
    assert "3 Warmtebronnen gevonden." in page.text


def test_search_finds_words_in_name_or_description_whatever_the_case(client, city):
    assert names_on(client.get(MAP, query_string={"q": "BUURTLAB"}).text, NAMES) == ["Buurtlab"]
    # Outside ASCII too, on SQLite as on PostgreSQL.
    assert names_on(client.get(MAP, query_string={"q": "école"}).text, NAMES) == ["École du Monde"]
    assert names_on(client.get(MAP, query_string={"q": "Warme MAALTIJD"}).text, NAMES) == [
        "Gaarkeuken"
    ]
    # Every word must be found; the secret garden stays secret.
    assert names_on(client.get(MAP, query_string={"q": "warme tuin"}).text, NAMES) == []
    assert names_on(client.get(MAP, query_string={"q": "geheime"}).text, NAMES) == []


def test_filter_by_district_and_offer(client, city):
    def found(**args):
        return names_on(client.get(MAP, query_string=args).text, NAMES)

    assert found(district="Delfshaven") == ["Buurtlab", "École du Monde"]
    assert found(offer="meals") == ["École du Monde", "Gaarkeuken"]
    assert found(district="Delfshaven", offer="meals") == ["École du Monde"]
    assert found(district="Centrum", offer="training") == []
    page = client.get(MAP, query_string={"district": "Delfshaven", "offer": "meals"}).text
    assert '<option value="Delfshaven" selected>' in page
    assert '<option value="meals" selected>' in page


def test_the_search_text_stays_in_the_box_escaped(client, city):
    page = client.get(MAP, query_string={"q": '"><script>x</script>'}).text
    assert 'value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in page
    assert "<script>x</script>" not in page


def test_no_match_says_so_plainly(client, city):
    page = client.get(MAP, query_string={"q": "zwembad", "district": "Pernis"}).text
    assert "Geen Warmtebron gevonden. Zoek met minder woorden" in page
    assert "Alle Warmtebronnen tonen" in page


def test_an_empty_map_says_so(client):
    assert "Er staan nog geen Warmtebronnen op de kaart." in client.get(MAP).text


def test_a_district_or_offer_not_in_the_lists_is_ignored(client, city):
    page = client.get(MAP, query_string={"district": "Atlantis", "offer": "<b>x</b>"})
    assert page.status_code == 200
    assert names_on(page.text, NAMES) == ["Buurtlab", "École du Monde", "Gaarkeuken"]
    assert "<b>x</b>" not in page.text


def test_the_map_is_paged_and_a_page_loads_only_its_own_rows(app, client, add_entry):
    for n in range(23):
        add_entry(f"Warmtebron {n:02d}", district="Noord", offers=["meals"])
    add_entry("Elders", district="Charlois", offers=["meals"])
    selects = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "campaign_warmtebron" in statement:
            selects.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        first = client.get(MAP, query_string={"district": "Noord", "offer": "meals"}).text
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    shown = [f"Warmtebron {n:02d}" for n in range(23)]
    assert names_on(first, shown) == shown[:20]
    assert "23 Warmtebronnen gevonden." in first
    # The next page keeps the filters.
    assert "page=2" in first and "district=Noord" in first and "offer=meals" in first
    # The entries are selected with a limit: the page never loads the rows it does not show.
    entry_selects = [s for s in selects if "JOIN organisation" in s and "count(*)" not in s]
    assert len(entry_selects) == 1 and "LIMIT" in entry_selects[0]

    second = client.get(MAP, query_string={"district": "Noord", "offer": "meals", "page": 2})
    assert names_on(second.text, shown) == shown[20:]
    assert "Elders" not in second.text
    assert client.get(MAP, query_string={"page": "nul"}).status_code == 400


def test_an_entry_page_shows_what_a_visitor_needs(client, add_entry):
    entry_id, _ = add_entry(
        "Buurtlab <b>",
        district="Delfshaven",
        offers=["meals", "money_help"],
        opening_hours="Maandag 10.00 tot 16.00 uur",
        phone="010 123 45 67",
        email="hallo@buurtlab.example",
        website="https://buurtlab.example",
        accessibility="Drempelvrij, met een lift.",
    )
    page = client.get(f"{MAP}/{entry_id}")
    assert page.status_code == 200
    assert "<h1>Buurtlab &lt;b&gt;</h1>" in page.text  # escaped
    for text in [
        "Delfshaven",
        "Maaltijden",
        "Hulp bij geldzaken",
        "Maandag 10.00 tot 16.00 uur",
        'href="tel:0101234567"',
        'href="mailto:hallo@buurtlab.example"',
        'href="https://buurtlab.example"',
        "Drempelvrij, met een lift.",
    ]:
        assert text in page.text
    assert "Gegevens wijzigen" not in page.text


def test_an_unpublished_entry_is_not_public(client, add_entry, user_with_role, login):
    entry_id, own = add_entry("Geheime Tuin", published=False)
    assert client.get(f"{MAP}/{entry_id}").status_code == 404
    _, other = add_entry("Buurtlab")
    login(client, user_with_role("partner", organisation=other))
    assert client.get(f"{MAP}/{entry_id}").status_code == 404
    # Its own people see it before the team publishes it, with a note that it is not public.
    own_client = client.application.test_client()
    login(own_client, user_with_role("partner", organisation=own))
    page = own_client.get(f"{MAP}/{entry_id}").text
    assert "Deze Warmtebron staat nog niet op de openbare kaart." in page


def test_the_map_is_gone_while_the_campaign_is_disabled(client, city, enable_plugin):
    enable_plugin("campaign", enabled=False)
    assert client.get(MAP).status_code == 404


ENTRY = {
    "description": "Samen koken en eten.",
    "offer_codes": ["meals", "meeting"],
    "district": "Feijenoord",
    "address": "Beijerlandselaan 10, 3074 EA Rotterdam",
    "opening_hours": "Dinsdag vanaf 17.00 uur",
    "phone": "010 765 43 21",
    "email": "info@tafel.example",
    "website": "https://tafel.example",
    "accessibility": "Drempelvrij.",
}


def test_the_team_adds_a_warmtebron_and_publishes_it(
    app, client, make_organisation, user_with_role, login
):
    tafel = make_organisation("Tafelvanzeven")
    make_organisation("Havensteder", kind="formal_body")
    login(client, user_with_role("team"))
    form = client.get(f"{MAP}/new").text
    assert "Tafelvanzeven" in form and "Havensteder" not in form  # Warmtebronnen only
    response = post_form(
        client, f"{MAP}/new", {**ENTRY, "organisation_id": tafel.id, "published": "y"}
    )
    assert response.status_code == 303
    with app.app_context():
        entry = db.session.scalar(db.select(Warmtebron))
        assert entry.organisation_id == tafel.id and entry.published
        assert sorted(
            db.session.scalars(
                db.select(WarmtebronOffer.offer).where(WarmtebronOffer.warmtebron_id == entry.id)
            )
        ) == ["meals", "meeting"]
        assert response.location.endswith(f"{MAP}/{entry.id}")
    visitor = app.test_client()
    assert names_on(visitor.get(MAP, query_string={"offer": "meeting"}).text, ["Tafelvanzeven"])
    # Once on the map, it is no longer offered for a new entry.
    assert "Tafelvanzeven" not in client.get(f"{MAP}/new").text


def test_the_team_edits_and_unpublishes_any_entry(app, client, add_entry, user_with_role, login):
    entry_id, _ = add_entry("Buurtlab", offers=["meals"])
    login(client, user_with_role("team"))
    kept = client.get(f"{MAP}/manage").text
    assert f"{MAP}/{entry_id}/edit" in kept and "Buurtlab" in kept
    response = post_form(client, f"{MAP}/{entry_id}/edit", ENTRY)  # "published" not ticked
    assert response.status_code == 303
    assert entry_in_db(app, entry_id) == {
        "description": "Samen koken en eten.",
        "district": "Feijenoord",
        "website": "https://tafel.example",
        "published": False,
        "offers": ["meals", "meeting"],
    }
    assert "Buurtlab" not in app.test_client().get(MAP).text


def test_a_partner_keeps_their_own_warmtebron(app, client, add_entry, user_with_role, login):
    entry_id, own = add_entry("Buurtlab", offers=["meals"])
    partner = user_with_role("partner", organisation=own)
    login(client, partner)
    assert f'href="{MAP}/manage"' in client.get("/").text  # "Onze Warmtebron" in the menu
    form = client.get(f"{MAP}/{entry_id}/edit").text
    assert "Op de openbare kaart zetten" not in form  # the team publishes
    changed = {**ENTRY, "description": "Nu ook op zaterdag open.", "published": ""}
    response = post_form(client, f"{MAP}/{entry_id}/edit", changed)
    assert response.status_code == 303
    after = entry_in_db(app, entry_id)
    assert after["description"] == "Nu ook op zaterdag open."
    assert after["published"] is True  # unchanged: the field is not theirs


def test_a_partner_cannot_touch_another_organisations_entry(
    app, client, add_entry, user_with_role, login
):
    _, own = add_entry("Buurtlab")
    other_id, _ = add_entry("Gaarkeuken", offers=["meals"])
    before = entry_in_db(app, other_id)
    login(client, user_with_role("partner", organisation=own))
    assert client.get(f"{MAP}/{other_id}/edit").status_code == 404
    token_from = f"{MAP}/manage"
    response = post_form(
        client, f"{MAP}/{other_id}/edit", {**ENTRY, "published": ""}, form_url=token_from
    )
    assert response.status_code == 404
    assert entry_in_db(app, other_id) == before
    assert "Gaarkeuken" not in client.get(f"{MAP}/manage").text


def test_a_partner_adds_an_entry_only_for_their_own_organisation(
    app, client, make_organisation, user_with_role, login
):
    own = make_organisation("Stichting Mait")
    other = make_organisation("De Voedseltuin")
    login(client, user_with_role("partner", organisation=own))
    form = client.get(f"{MAP}/new").text
    assert "Stichting Mait" in form and "De Voedseltuin" not in form
    assert "Op de openbare kaart zetten" not in form
    response = post_form(client, f"{MAP}/new", {**ENTRY, "organisation_id": other.id})
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Warmtebron.id))) == 0
    response = post_form(
        client, f"{MAP}/new", {**ENTRY, "organisation_id": own.id, "published": "y"}
    )
    assert response.status_code == 303
    with app.app_context():
        entry = db.session.scalar(db.select(Warmtebron))
        assert entry.organisation_id == own.id and not entry.published  # until the team says so
    # Nothing left to add: the form is refused with a reason.
    assert client.get(f"{MAP}/new").status_code == 403


def test_bad_input_says_what_is_wrong_per_field_and_changes_nothing(
    app, client, add_entry, user_with_role, login
):
    entry_id, _ = add_entry("Buurtlab", district="Noord", offers=["meals"])
    before = entry_in_db(app, entry_id)
    login(client, user_with_role("team"))
    bad = {
        **ENTRY,
        "description": "  ",
        "offer_codes": [],
        "district": "Atlantis",
        "address": "",
        "phone": "bel me",
        "email": "geen-adres",
        "website": "javascript://tafel.example/%0aalert(1)",
    }
    response = post_form(client, f"{MAP}/{entry_id}/edit", bad)
    assert response.status_code == 400
    for message in [
        "Schrijf kort wat u doet.",
        "Kies minstens één ding dat u aanbiedt.",
        "Kies de wijk uit de lijst.",
        "Vul het adres in.",
        "Gebruik alleen cijfers, spaties en de tekens + ( ) -.",
        "Dit is geen geldig e-mailadres.",
        "Vul een volledig webadres in, met https://.",
    ]:
        assert message in response.text, message
    assert entry_in_db(app, entry_id) == before
    too_long = post_form(client, f"{MAP}/{entry_id}/edit", {**ENTRY, "description": "x" * 1001})
    assert too_long.status_code == 400 and "Gebruik hoogstens 1000 tekens." in too_long.text
    unknown_offer = post_form(
        client, f"{MAP}/{entry_id}/edit", {**ENTRY, "offer_codes": ["meals", "casino"]}
    )
    assert unknown_offer.status_code == 400
    assert entry_in_db(app, entry_id) == before


def test_a_form_without_its_token_changes_nothing(app, client, add_entry, user_with_role, login):
    entry_id, _ = add_entry("Buurtlab")
    before = entry_in_db(app, entry_id)
    login(client, user_with_role("team"))
    response = client.post(f"{MAP}/{entry_id}/edit", data=ENTRY)
    assert response.status_code == 400
    assert entry_in_db(app, entry_id) == before


def test_keeping_entries_needs_an_account_and_the_permission(
    client, add_entry, user_with_role, login
):
    entry_id, _ = add_entry("Buurtlab")
    response = client.get(f"{MAP}/manage")
    assert response.status_code == 302 and response.location.startswith("/login")
    login(client, user_with_role("expert"))
    assert client.get(f"{MAP}/manage").status_code == 403
    assert client.get(f"{MAP}/{entry_id}/edit").status_code == 403


def test_the_demo_puts_the_plans_warmtebronnen_on_the_map_once(app):
    from core.demo import DemoWorld
    from plugins.campaign.demo import add_warmtebronnen

    with app.app_context():
        for _ in range(2):
            add_warmtebronnen(DemoWorld(password="demo-password-123"))
            db.session.commit()
        names = db.session.scalars(
            db.select(db.literal_column("organisation.name"))
            .select_from(Warmtebron)
            .join(Warmtebron.organisation)
        ).all()
        assert len(names) == 9 and "Tafelvanzeven" in names and "House of Hope" in names
        published = db.select(db.func.count(Warmtebron.id)).where(Warmtebron.published)
        assert db.session.scalar(published) == 8

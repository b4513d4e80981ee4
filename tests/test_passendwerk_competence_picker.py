"""The competence picker: the JSON search, the search without JavaScript, what is refused; the
team's catalogue page (search, filter, pages, bulk retire and activate); the ESCO import that
adds new skills as not offered unless chosen."""

import csv

import pytest

from core.extensions import db
from core.testing import post_form
from plugins.passendwerk.catalogue.models import Competence
from plugins.passendwerk.talent.models import TalentProfile
from plugins.passendwerk.vacancies.models import Vacancy
from tests.factories import make_organisation
from tests.passendwerk_world import competence_ids, make_job_seeker

SEARCH = "/passendwerk/competences/search"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def coach(make_user):
    return make_user(roles={"team"}, name="Tessa Team")


def add_competences(app, names, active=True) -> dict[str, int]:
    with app.app_context():
        rows = [Competence(name=n, active=active) for n in names]
        db.session.add_all(rows)
        db.session.commit()
        return {c.name: c.id for c in rows}


def names(response) -> list[str]:
    assert response.status_code == 200 and response.mimetype == "application/json"
    return [r["name"] for r in response.get_json()["results"]]


def test_search_needs_a_login_and_the_right_to_edit_profiles_or_vacancies(
    app, client, login, make_user
):
    add_competences(app, ["Koken"])
    anonymous = client.get(f"{SEARCH}?q=kok")
    assert anonymous.status_code in (302, 401) and b"Koken" not in anonymous.data
    login(client, make_user(roles={"board"}))
    assert client.get(f"{SEARCH}?q=kok").status_code == 403
    for roles, organisation in (
        ({"lifecoach"}, None),
        ({"partner"}, make_organisation(app, "Stichting Pluspunt")),
        ({"employer"}, make_organisation(app, "Bakkerij De Rotte", "employer")),
        ({"team"}, None),
    ):
        other = app.test_client()
        login(other, make_user(roles=roles, organisation=organisation))
        assert names(other.get(f"{SEARCH}?q=kok")) == ["Koken"], roles


def test_search_is_case_insensitive_limited_and_never_offers_retired_entries(
    app, client, login, coach
):
    add_competences(app, [f"Heftruck rijden {n:02d}" for n in range(30)])
    add_competences(app, ["Één taak tegelijk", "Koken", "Snel koken", "Kok_100%"])
    add_competences(app, ["Kokosnoten oogsten"], active=False)
    login(client, coach)
    found = names(client.get(f"{SEARCH}?q=HEFTRUCK"))
    assert len(found) == 20 and found == sorted(found)
    # starts with the words first, then contains them; a retired entry never
    assert names(client.get(f"{SEARCH}?q=KOK")) == ["Kok_100%", "Koken", "Snel koken"]
    assert names(client.get(f"{SEARCH}?q=%C3%89%C3%89N")) == ["Één taak tegelijk"]  # ÉÉN
    # LIKE's wildcards are plain text
    assert names(client.get(f"{SEARCH}?q=_1")) == ["Kok_100%"]
    assert names(client.get(f"{SEARCH}?q=%25")) == ["Kok_100%"]
    assert names(client.get(f"{SEARCH}?q=")) == []
    assert names(client.get(f"{SEARCH}?q=" + "x" * 5000)) == []


def test_without_javascript_the_search_keeps_what_was_typed_and_saves_nothing(
    app, client, login, coach
):
    person = make_job_seeker(app, coach)
    add_competences(app, [f"Kassa bedienen {n:02d}" for n in range(25)])
    add_competences(app, ["Kassa tellen (oud)"], active=False)
    ids = add_competences(app, ["Koken"])
    login(client, coach)
    url = f"/passendwerk/job-seekers/{person}/profile"
    typed = {
        "hours_min": "16",
        "behaviour": "Rustig <en> precies.",
        "competence_q": "kassa",
        "find_competence": "1",
        f"competence_{ids['Koken']}": "3",
    }
    page = post_form(client, url, typed)
    assert page.status_code == 200
    assert 'value="16"' in page.text and "Rustig &lt;en&gt; precies." in page.text
    assert 'value="kassa"' in page.text
    assert page.text.count(">Kassa bedienen") == 20 and "Kassa tellen" not in page.text
    assert ">Koken</label>" in page.text  # the row chosen before the search stays
    assert "Nog niets is opgeslagen." in page.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(TalentProfile.id))) == 0
        kassa = db.session.scalar(
            db.select(Competence.id).where(Competence.name == "Kassa bedienen 03")
        )
    # choosing a level at a match, then saving, adds it
    saved = post_form(
        client,
        url,
        {"hours_min": "16", f"competence_{ids['Koken']}": "3", f"competence_{kassa}": "2"},
    )
    assert saved.status_code == 303
    with app.app_context():
        assert db.session.scalar(db.select(TalentProfile)).levels() == {
            ids["Koken"]: 3,
            kassa: 2,
        }
    again = client.get(url).text
    assert ">Kassa bedienen 03</label>" in again and ">Kassa bedienen 04<" not in again
    nothing = post_form(client, url, {"competence_q": "zzz", "find_competence": "1"})
    assert "Niets gevonden." in nothing.text
    # Enter in another field presses the first button, Zoeken: it says so and saves nothing
    empty = post_form(client, url, {"hours_min": "20", "competence_q": "", "find_competence": "1"})
    assert empty.status_code == 200 and "Typ eerst (een deel van) de naam" in empty.text
    with app.app_context():
        assert db.session.scalar(db.select(TalentProfile)).hours_min == 16


def test_an_unknown_or_retired_competence_is_refused_and_nothing_changes(app, client, login, coach):
    person = make_job_seeker(app, coach, profile={"levels": {"Koken": 3}})
    retired = add_competences(app, ["Lassen"], active=False)["Lassen"]
    with app.app_context():
        koken = competence_ids("Koken")["Koken"]
    login(client, coach)
    url = f"/passendwerk/job-seekers/{person}/profile"
    for data, message in (
        ({f"competence_{retired}": "2"}, "Wordt niet meer aangeboden: Lassen."),
        ({"competence_999999": "2"}, "Een gekozen competentie bestaat niet (meer)."),
        ({"competence_99999999999": "2"}, "Een gekozen competentie bestaat niet (meer)."),
    ):
        refused = post_form(client, url, {f"competence_{koken}": "4", **data})
        assert refused.status_code == 400 and message in refused.text, data
        with app.app_context():
            assert db.session.scalar(db.select(TalentProfile)).levels() == {koken: 3}
    # a retired entry the profile already has stays, and can be kept or dropped
    with app.app_context():
        db.session.get(Competence, koken).active = False
        db.session.commit()
    page = client.get(url).text
    assert ">Koken</label>" in page and "Wordt niet meer aangeboden; blijft staan" in page
    assert post_form(client, url, {f"competence_{koken}": "4"}).status_code == 303
    with app.app_context():
        assert db.session.scalar(db.select(TalentProfile)).levels() == {koken: 4}


def test_a_vacancy_refuses_a_retired_competence(app, client, login, make_user):
    own = make_organisation(app, "Bakkerij De Rotte", "employer")
    login(client, make_user(roles={"employer"}, organisation=own))
    ids = add_competences(app, ["Klantvriendelijkheid"])
    retired = add_competences(app, ["Kassa bedienen"], active=False)
    data = {
        "organisation_id": str(own.id),
        "title": "Verkoper",
        "sector": "detailhandel",
        "hours": "20",
        "contract": "vast",
        "district": "Noord",
        f"competence_{ids['Klantvriendelijkheid']}": "r3",
        f"competence_{retired['Kassa bedienen']}": "n2",
    }
    refused = post_form(client, "/passendwerk/vacancies/new", data)
    assert refused.status_code == 400
    assert "Wordt niet meer aangeboden: Kassa bedienen." in refused.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Vacancy.id))) == 0
    found = post_form(
        client,
        "/passendwerk/vacancies/new",
        {**data, "competence_q": "klant", "find_competence": "1"},
    )
    assert found.status_code == 200 and 'value="Verkoper"' in found.text
    del data[f"competence_{retired['Kassa bedienen']}"]
    assert post_form(client, "/passendwerk/vacancies/new", data).status_code == 303


def test_team_searches_filters_pages_and_retires_in_bulk(app, client, login, coach):
    ids = add_competences(app, [f"Vaardigheid {n:03d}" for n in range(120)])
    add_competences(app, ["Oude vaardigheid"], active=False)
    login(client, coach)
    first = client.get("/passendwerk/catalogue").text
    assert first.count('name="ids"') == 50 and "Pagina 1 van 3" in first
    assert "Vaardigheid 050" not in first
    third = client.get("/passendwerk/catalogue?page=3").text
    assert "Vaardigheid 119" in third and "Pagina 3 van 3" in third
    searched = client.get("/passendwerk/catalogue?q=VAARDIGHEID+01").text
    assert searched.count('name="ids"') == 10
    retired = client.get("/passendwerk/catalogue?status=retired").text
    assert "Oude vaardigheid" in retired and "Vaardigheid 001" not in retired
    assert client.get("/passendwerk/catalogue?page=0").status_code == 400

    bulk = "/passendwerk/catalogue/competences/bulk"
    chosen = [str(ids[f"Vaardigheid {n:03d}"]) for n in (1, 2, 3)]
    back = "/passendwerk/catalogue?q=vaardigheid+00"
    assert client.post(bulk, data={"ids": chosen, "action": "retire"}).status_code == 400  # CSRF
    done = post_form(
        client,
        bulk,
        {"ids": chosen, "action": "retire", "back": back},
        form_url="/passendwerk/catalogue",
    )
    assert done.status_code == 303 and done.location.endswith(back + "#competences")
    assert "3 competenties worden niet meer aangeboden." in client.get(back).text
    with app.app_context():
        assert not any(db.session.get(Competence, int(i)).active for i in chosen)
    # once more changes nothing, and says so
    post_form(
        client,
        bulk,
        {"ids": chosen, "action": "retire"},
        form_url="/passendwerk/catalogue",
    )
    assert (
        "0 competenties worden niet meer aangeboden." in client.get("/passendwerk/catalogue").text
    )
    post_form(
        client,
        bulk,
        {"ids": chosen[:1], "action": "activate", "back": "https://elders.example/"},
        form_url="/passendwerk/catalogue",
    )
    landing = client.get("/passendwerk/catalogue").text
    assert "1 competentie wordt weer aangeboden." in landing
    with app.app_context():
        assert db.session.get(Competence, int(chosen[0])).active
    nothing = post_form(client, bulk, {"action": "retire"}, form_url="/passendwerk/catalogue")
    assert nothing.status_code == 303
    assert "Vink eerst aan" in client.get("/passendwerk/catalogue").text


def test_esco_import_adds_new_skills_not_offered_unless_chosen(app, tmp_path):
    with app.app_context():
        db.session.add(Competence(name="Koken", active=False))
        db.session.add(Competence(name="Samenwerken"))
        db.session.commit()
    path = tmp_path / "skills_nl.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["conceptUri", "preferredLabel", "description"])
        for uri, label in (
            ("http://data.europa.eu/esco/skill/a", "Koken"),
            ("http://data.europa.eu/esco/skill/b", "samenwerken"),
            ("http://data.europa.eu/esco/skill/c", "Heftruck besturen"),
            ("http://data.europa.eu/esco/skill/d", "Lassen"),
            ("http://data.europa.eu/esco/skill/e", "Metselen"),
        ):
            writer.writerow([uri, label, ""])
    runner = app.test_cli_runner()
    first = runner.invoke(
        args=[
            "passendwerk",
            "import-esco",
            "--activate",
            "heftruck besturen",
            "--activate",
            "http://data.europa.eu/esco/skill/d",
            str(path),
        ]
    )
    assert "3 competences added, 2 skipped" in first.output, first.output
    assert "not offered" in first.output
    again = runner.invoke(args=["passendwerk", "import-esco", "--active", str(path)])
    assert "0 competences added, 5 skipped" in again.output
    with app.app_context():
        rows = {c.name: (c.active, c.esco_uri) for c in db.session.scalars(db.select(Competence))}
    assert rows == {
        "Koken": (False, "http://data.europa.eu/esco/skill/a"),  # known names stay as they are
        "Samenwerken": (True, "http://data.europa.eu/esco/skill/b"),
        "Heftruck besturen": (True, "http://data.europa.eu/esco/skill/c"),
        "Lassen": (True, "http://data.europa.eu/esco/skill/d"),
        "Metselen": (False, "http://data.europa.eu/esco/skill/e"),
    }

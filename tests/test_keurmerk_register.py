# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 12 §4, the public side: anyone searches the register by certificate number or
organisation name, checks a certificate whatever the case of the number, and reads the same
register as JSON, described by an OpenAPI document the app serves itself."""

from datetime import date, timedelta

import pytest
from babel.dates import format_date
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from core.workflow import engine_of
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.certification.rules import WORKFLOW
from plugins.keurmerk.frameworks.models import NormFramework
from tests.factories import make_organisation
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    certify,
    framework_id,
    havensteder,
    people,
    reported,
    suspend,
)

NUMBER = "WR-ABCDEFGH23"


def on_register(app, name, number, state="gecertificeerd", valid_until=None, **facts):
    """An organisation whose certification is in `state`, with certificate `number` (None: a
    certification that never got one). The smallest world the register needs."""
    organisation = make_organisation(app, name, "formal_body")
    with app.app_context():
        today = local_today()
        certification = Certification(
            organisation_id=organisation.id,
            framework=db.session.scalar(db.select(NormFramework)),
            certificate_number=number,
            valid_from=today - timedelta(days=30) if number else None,
            valid_until=(valid_until or today + timedelta(days=300)) if number else None,
            **facts,
        )
        db.session.add(certification)
        db.session.flush()
        engine_of().start(WORKFLOW, certification, title=certification.title).state = state
        db.session.commit()
        return certification.id


@pytest.fixture
def register(app, framework_id):
    """Three organisations in the register and one that only applied."""
    on_register(app, "Havensteder", NUMBER)
    on_register(app, "Woonstad Rotterdam", "WR-WOONSTAD22")
    on_register(
        app,
        "École de Rotterdam",
        "WR-ECOLE23456",
        state="geschorst",
        suspended_on=date(2026, 11, 2),
        suspension_reason="Klachten over brieven",
    )
    on_register(app, "Rotterdamse Aanvrager", None, state="aangevraagd")


def rows(page: str) -> list[str]:
    """The organisation names in the register's table, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return [cell.split("</td>", 1)[0] for cell in body.split("<td>")[1::5]]


# The rules behind it, without a request


def test_search_register_filters_counts_and_pages_in_the_database(app, register):
    from plugins.keurmerk.certification.rules import find_certificate, search_register

    with app.test_request_context():
        page = search_register("rotterdam", page=1, per_page=1)
        assert (page.total, page.pages, page.more, len(page.entries)) == (2, 2, True, 1)
        last = search_register("rotterdam", page=2, per_page=1)
        assert (last.more, len(last.entries)) == (False, 1)
        assert page.entries[0][0].id != last.entries[0][0].id
        assert search_register("").total == 3  # never the one that only applied
        certification, status = find_certificate(" wr-ecole23456 ")
        assert (certification.certificate_number, status.key) == ("WR-ECOLE23456", "geschorst")
        assert find_certificate("WR-ECOLE") is None


# The register page: searching


def test_the_register_page_has_a_labelled_search_form(app, register):
    page = app.test_client().get("/keurmerk/register").text
    assert '<form method="get" role="search"' in page
    assert '<label for="register-q">' in page and 'id="register-q" name="q"' in page
    # By name; where "É" goes depends on the database's collation.
    assert sorted(rows(page)) == ["Havensteder", "Woonstad Rotterdam", "École de Rotterdam"]


def test_search_by_the_exact_number(app, register):
    page = app.test_client().get(f"/keurmerk/register?q={NUMBER}").text
    assert rows(page) == ["Havensteder"]


def test_search_by_the_number_in_lowercase_with_spaces(app, register):
    page = app.test_client().get("/keurmerk/register", query_string={"q": "  wr-abcdefgh23 "}).text
    assert rows(page) == ["Havensteder"]
    assert 'value="wr-abcdefgh23"' in page  # the box keeps what was asked, trimmed


def test_search_by_part_of_the_name_ignores_case(app, register):
    client = app.test_client()
    assert sorted(rows(client.get("/keurmerk/register?q=ROTTER").text)) == [
        "Woonstad Rotterdam",
        "École de Rotterdam",
    ]  # never the one that only applied
    assert rows(client.get("/keurmerk/register?q=stad rot").text) == ["Woonstad Rotterdam"]
    # Beyond ASCII too, where SQLite's own lower() would not help.
    assert rows(client.get("/keurmerk/register?q=école").text) == ["École de Rotterdam"]
    assert rows(client.get("/keurmerk/register?q=ÉCOLE DE").text) == ["École de Rotterdam"]


def test_search_characters_are_taken_literally(app, register):
    client = app.test_client()
    for query in ("%", "_", ".*", "[a-z]", "*", "?", "(", "\\"):
        page = client.get("/keurmerk/register", query_string={"q": query}).text
        assert rows(page) == [], query


def test_nothing_found_says_so(app, register):
    page = app.test_client().get("/keurmerk/register?q=Nergensland").text
    assert "Niets gevonden voor: <q>Nergensland</q>." in page
    assert "<table" not in page


# What a row says


def test_a_row_shows_modules_validity_and_the_status_in_words(app, register):
    page = app.test_client().get("/keurmerk/register?q=école").text
    assert "geschorst sinds 2 nov 2026: Klachten over brieven" in page
    today = local_today()
    start = format_date(today - timedelta(days=30), locale="nl")
    end = format_date(today + timedelta(days=300), locale="nl")
    assert f"{start} – {end}" in page


def test_english_pages_show_english_dates_and_words(app, register):
    client = app.test_client()
    post_form(client, "/language", {"language": "en", "next": "/"}, form_url="/login")
    page = client.get("/keurmerk/register?q=école").text
    assert "suspended since Nov 2, 2026" in page
    assert "Certificate number or organisation name" in page and "Valid from – until" in page
    assert "1 certificate found for: <q>école</q>" in page
    answer = client.get("/api/v1/keurmerk/certificates/WR-ECOLE23456").json
    assert answer["status"] == {"key": "geschorst", "label": "suspended"}


def test_the_day_after_expiry_the_register_says_verlopen_without_a_tick(
    app, client, framework_id, havensteder, people, login
):
    certification_id = reported(app, client, havensteder, people, login)
    certify(app, certification_id, people["committee"])
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        certification.valid_until = local_today() - timedelta(days=1)
        number = certification.certificate_number
        db.session.commit()
    visitor = app.test_client()
    register_page = visitor.get("/keurmerk/register?q=havenSTEDER").text
    assert rows(register_page) == ["Havensteder"]
    row = register_page.split("<tbody>", 1)[1]
    assert "verlopen" in row and "geldig" not in row
    assert "<strong>verlopen</strong>" in visitor.get(f"/keurmerk/register/{number}").text
    assert visitor.get(f"/api/v1/keurmerk/certificates/{number}").json["status"] == {
        "key": "verlopen",
        "label": "verlopen",
    }


def test_the_register_is_shown_a_page_at_a_time(app, framework_id):
    for i in range(30):
        on_register(app, f"Organisatie {i:02}", f"WR-PAGE{i:06}")
    client = app.test_client()
    first = client.get("/keurmerk/register").text
    assert rows(first) == [f"Organisatie {i:02}" for i in range(25)]
    assert "?page=2" in first
    second = client.get("/keurmerk/register?page=2").text
    assert rows(second) == [f"Organisatie {i:02}" for i in range(25, 30)]
    assert client.get("/keurmerk/register?page=0").status_code == 400
    # The search is kept when paging.
    searched = client.get("/keurmerk/register?q=organisatie").text
    assert "q=organisatie" in searched.split('class="pager"', 1)[1]


# Verifying a certificate


def test_verification_ignores_case_and_spaces_and_shows_the_canonical_number(app, register):
    client = app.test_client()
    response = client.get("/keurmerk/register/wr-abcdefgh23")
    assert response.status_code == 302 and response.location == f"/keurmerk/register/{NUMBER}"
    page = client.get(response.location).text
    assert "Havensteder" in page and "<strong>geldig</strong>" in page
    assert client.get("/keurmerk/register/%20wr-abcdefgh23%20").status_code == 302
    unknown = client.get("/keurmerk/register/WR-NIETBESTAAT")
    assert unknown.status_code == 404 and "Dit nummer staat niet in het register" in unknown.text


# The JSON API, checked against its own OpenAPI description


@pytest.fixture
def spec(app):
    response = app.test_client().get("/api/v1/keurmerk/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    validate(response.json)  # a valid OpenAPI 3.1 document
    return response.json


def conforms(spec, path, response):
    """Assert that `response` is one the spec declares for `path`, with a body its schema
    allows."""
    answers = spec["paths"][path]["get"]["responses"]
    assert str(response.status_code) in answers, response.status_code
    declared = answers[str(response.status_code)]["content"]
    assert response.mimetype in declared
    registry = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    schema = declared[response.mimetype]["schema"]
    if "$ref" in schema:
        schema = {"$ref": "urn:spec" + schema["$ref"]}
    Draft202012Validator(schema, registry=registry).validate(response.json)
    return response.json


PUBLIC_FIELDS = {
    "number",
    "organisation",
    "modules",
    "status",
    "valid_from",
    "valid_until",
    "suspended_on",
    "suspension_reason",
    "verification_url",
}


def test_the_spec_names_every_api_route_the_app_has(app, spec):
    routes = {
        rule.rule.removeprefix("/api/v1/keurmerk").replace("<number>", "{number}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/keurmerk/")
    }
    assert spec["servers"][0]["url"].endswith("/api/v1/keurmerk")
    assert set(spec["paths"]) == routes


def test_the_api_lists_the_register_with_public_fields_only(app, register, spec):
    response = app.test_client().get("/api/v1/keurmerk/register")
    body = conforms(spec, "/register", response)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers  # nothing to keep, nothing to send back
    items = {i["organisation"]: i for i in body["items"]}
    assert sorted(items) == ["Havensteder", "Woonstad Rotterdam", "École de Rotterdam"]
    assert all(set(item) == PUBLIC_FIELDS for item in body["items"])
    suspended = items["École de Rotterdam"]
    assert suspended["status"] == {"key": "geschorst", "label": "geschorst"}
    assert (suspended["suspended_on"], suspended["suspension_reason"]) == (
        "2026-11-02",
        "Klachten over brieven",
    )
    assert suspended["verification_url"].endswith("/keurmerk/register/WR-ECOLE23456")
    assert (body["page"], body["per_page"], body["total"], body["next"]) == (1, 25, 3, None)


def test_the_api_searches_like_the_page(app, register, spec):
    client = app.test_client()
    body = conforms(spec, "/register", client.get("/api/v1/keurmerk/register?q= wr-woonstad22 "))
    assert [i["number"] for i in body["items"]] == ["WR-WOONSTAD22"]
    body = conforms(spec, "/register", client.get("/api/v1/keurmerk/register?q=ÉCOLE"))
    assert [i["organisation"] for i in body["items"]] == ["École de Rotterdam"]
    body = conforms(spec, "/register", client.get("/api/v1/keurmerk/register?q=Aanvrager"))
    assert body["items"] == [] and body["total"] == 0  # never one without a certificate


def test_the_api_pages(app, framework_id, spec):
    for i in range(7):
        on_register(app, f"Organisatie {i}", f"WR-API{i:07}")
    client = app.test_client()
    first = conforms(spec, "/register", client.get("/api/v1/keurmerk/register?per_page=5"))
    assert (len(first["items"]), first["total"], first["pages"]) == (5, 7, 2)
    assert first["next"].endswith("/api/v1/keurmerk/register?page=2&per_page=5")
    second = conforms(spec, "/register", client.get(first["next"]))
    assert [i["organisation"] for i in second["items"]] == ["Organisatie 5", "Organisatie 6"]
    assert second["next"] is None and second["prev"].endswith("page=1&per_page=5")
    for bad in ("page=0", "page=x", "per_page=101", "page=10000000"):
        response = client.get(f"/api/v1/keurmerk/register?{bad}")
        assert conforms(spec, "/register", response)["error"] == "bad_request", bad


def test_the_api_checks_one_certificate(app, register, spec):
    client = app.test_client()
    body = conforms(
        spec, "/certificates/{number}", client.get("/api/v1/keurmerk/certificates/wr-abcdefgh23")
    )
    assert (body["number"], body["organisation"], body["status"]["key"]) == (
        NUMBER,
        "Havensteder",
        "geldig",
    )
    assert set(body) == PUBLIC_FIELDS
    assert body["suspended_on"] is None and body["suspension_reason"] is None


def test_an_unknown_number_is_a_json_404(app, register, spec):
    response = app.test_client().get("/api/v1/keurmerk/certificates/WR-NIETBESTAAT")
    assert response.status_code == 404
    assert conforms(spec, "/certificates/{number}", response)["error"] == "not_found"


def test_the_api_answers_404_while_the_plugin_is_disabled(app, register, enable_plugin):
    enable_plugin("keurmerk", False)
    assert app.test_client().get("/api/v1/keurmerk/register").status_code == 404


def test_the_register_is_rendered_once_per_change_and_every_change_shows_at_once(
    app, client, register
):
    from core.organisations.models import Organisation
    from tests.factories import QueryCounter

    first = client.get("/keurmerk/register").text
    assert set(rows(first)) == {"École de Rotterdam", "Havensteder", "Woonstad Rotterdam"}
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        assert client.get("/keurmerk/register").text == first
    assert not [s for s in counter.statements if "keurmerk_certification" in s]  # the cache
    assert counter.count == 1  # only the register's generation
    with app.app_context():  # a renamed organisation
        organisation = db.session.scalar(
            db.select(Organisation).where(Organisation.name == "Havensteder")
        )
        organisation.name = "Havensteder Wonen"
        db.session.commit()
    assert "Havensteder Wonen" in rows(client.get("/keurmerk/register").text)
    with app.app_context():  # a certificate withdrawn (its workflow state)
        certification = db.session.scalar(
            db.select(Certification).where(Certification.certificate_number == NUMBER)
        )
        engine_of().instance_for(WORKFLOW, certification).state = "ingetrokken"
        db.session.commit()
    page = client.get("/keurmerk/register").text
    assert "<td>ingetrokken</td>" in page.split("Havensteder Wonen", 1)[1].split("</tr>", 1)[0]
    # a search and another page are kept apart from the whole register
    assert rows(client.get("/keurmerk/register?q=woonstad").text) == ["Woonstad Rotterdam"]


def test_the_certification_list_is_paged(app, client, framework_id, people, login):
    from plugins.keurmerk.certification.views import PER_PAGE

    for n in range(PER_PAGE + 3):
        on_register(app, f"Corporatie {n:02d}", f"WR-LIST{n:04d}")
    login(client, people["team"])
    first = client.get("/keurmerk/certifications/").text
    assert first.count("WR-LIST") == PER_PAGE and "Volgende" in first
    assert first.count("<td>Gecertificeerd</td>") == PER_PAGE  # each row's phase
    second = client.get("/keurmerk/certifications/?page=2").text
    assert second.count("WR-LIST") == 3 and "Vorige" in second and "Volgende" not in second


def test_a_verification_is_rendered_once_per_change_and_a_suspension_shows_at_once(
    app, client, register
):
    from tests.factories import QueryCounter

    first = client.get(f"/keurmerk/register/{NUMBER}")
    assert first.status_code == 200 and "<strong>geldig</strong>" in first.text
    client.get("/keurmerk/register/WR-NIETBESTAAT")
    client.get("/keurmerk/register/wr-abcdefgh23")
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        again = client.get(f"/keurmerk/register/{NUMBER}")
        assert client.get("/keurmerk/register/WR-NIETBESTAAT").status_code == 404
        assert client.get("/keurmerk/register/wr-abcdefgh23").status_code == 302
    assert again.text == first.text
    # the lookups are cached too: only the register's generation, once per request
    assert counter.count == 3 and not [s for s in counter.statements if "certification" in s]
    with app.app_context():
        certification = db.session.scalar(
            db.select(Certification).where(Certification.certificate_number == NUMBER)
        )
        certification.suspended_on = certification.valid_from
        certification.suspension_reason = "Klachten <onderzocht>"
        engine_of().instance_for(WORKFLOW, certification).state = "geschorst"
        db.session.commit()
    page = client.get(f"/keurmerk/register/{NUMBER}").text
    assert "<strong>geschorst</strong>" in page
    assert "Klachten &lt;onderzocht&gt;" in page and "PDF" not in page

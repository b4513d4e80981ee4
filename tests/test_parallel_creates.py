"""Many people create the same thing at the same moment, over real HTTP requests in parallel:
exactly one gets it made, everyone else the 409 page with a plain message, never a 500, and
the database holds exactly one new row. Runs on SQLite and, in CI, on PostgreSQL."""

import re
import threading

import pytest

from core.accounts.models import User
from core.extensions import db
from core.timeutil import local_today
from core.workflow import engine_of
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.frameworks.models import Module, Norm, NormFramework, PilotAudit, Theme
from plugins.keurmerk.frameworks.rules import create_framework, instance_of
from tests.factories import make_organisation
from tests.test_workflow_concurrency import Browser

PEOPLE = 20


def token(page: str) -> str:
    return re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', page).group(1)


def all_at_once(requests) -> list[tuple[int, str]]:
    """Run the (browser, path, form) requests in parallel threads, released together."""
    results, barrier = [None] * len(requests), threading.Barrier(len(requests))

    def act(n):
        browser, path, form = requests[n]
        barrier.wait()
        results[n] = browser.request(path, form)

    threads = [threading.Thread(target=act, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def browsers(live_server, user, count=PEOPLE) -> list[Browser]:
    people = []
    for _ in range(count):
        browser = Browser(live_server)
        browser.login(user.email)
        people.append(browser)
    return people


def one_success_rest_409(results, success: int, message: str) -> None:
    statuses = sorted(status for status, _ in results)
    assert statuses == [success] + [409] * (len(results) - 1), statuses
    assert all(message in body and "Foutcode 409" in body for s, body in results if s == 409)


@pytest.fixture
def launched(app, make_user, enable_plugin):
    """A launched framework with two modules; returns (framework id, {module name: id})."""
    enable_plugin("keurmerk")
    team = make_user(roles={"team"}, name="Tamara Team")
    with app.app_context():
        actor = db.session.get(User, team.id)
        framework = create_framework("Keurmerk Warm Sociaal Incasseren", actor)
        work = Theme(code="W", name="Werkgeverschap", norms=[Norm(code="W1", title="W", text=".")])
        collect = Theme(code="I", name="Incasso", norms=[Norm(code="I1", title="I", text=".")])
        framework.themes = [work, collect]
        framework.modules = [
            Module(name="Warm Incasseren", themes=[collect]),
            Module(name="Warm Werkgeverschap", themes=[work]),
        ]
        db.session.commit()
        pilots = [
            make_organisation(app, "Pilotorganisatie", "formal_body"),
            make_organisation(app, "Pilotincasso", "collection_agency"),
        ]
        instance_id = instance_of(framework).id
        for trigger in ("consult", "close_consultation", "start_pilot"):
            engine_of().fire(instance_id, trigger, actor=actor)
        for pilot in pilots:
            db.session.add(
                PilotAudit(
                    framework_id=framework.id,
                    organisation_id=pilot.id,
                    held_on=local_today(),
                    completed=True,
                )
            )
        db.session.commit()
        engine_of().fire(instance_id, "finalise", actor=actor)
        engine_of().fire(instance_id, "launch", actor=actor)
        return framework.id, {m.name: m.id for m in framework.modules}, team


def test_parallel_new_versions_make_exactly_one(app, live_server, launched):
    framework_id, _modules, team = launched
    people = browsers(live_server, team)
    page = f"/keurmerk/frameworks/{framework_id}"
    requests = []
    for browser in people:
        html = browser.request(page)[1]
        next_version = re.search(r'name="next_version" value="(\d+)"', html).group(1)
        requests.append(
            (
                browser,
                f"/keurmerk/frameworks/new-version/{framework_id}",
                {"csrf_token": token(html), "next_version": next_version},
            )
        )
    results = all_at_once(requests)
    one_success_rest_409(results, 302, "Versie 2 is intussen al gemaakt")
    with app.app_context():
        assert db.session.scalars(db.select(NormFramework.version)).all() == [1, 2]


def test_a_second_click_on_an_old_page_does_not_make_another_version(app, client, launched, login):
    framework_id, _modules, team = launched
    login(client, team)
    html = client.get(f"/keurmerk/frameworks/{framework_id}").text
    form = {"csrf_token": token(html), "next_version": "2"}
    url = f"/keurmerk/frameworks/new-version/{framework_id}"
    assert client.post(url, data=form).status_code == 302
    again = client.post(url, data=form)
    assert again.status_code == 409 and "Versie 2 is intussen al gemaakt" in again.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(NormFramework.id))) == 2


def test_parallel_applications_make_exactly_one_certification(app, live_server, launched):
    _framework_id, modules, team = launched
    organisation = make_organisation(app, "Havensteder", "formal_body")
    people = browsers(live_server, team)
    requests = []
    for browser in people:
        html = browser.request("/keurmerk/certifications/apply")[1]
        form = {"csrf_token": token(html), "organisation_id": str(organisation.id)}
        form["modules"] = str(modules["Warm Incasseren"])
        requests.append((browser, "/keurmerk/certifications/apply", form))
    results = all_at_once(requests)
    one_success_rest_409(results, 302, "Er loopt al een aanvraag: Havensteder")
    with app.app_context():
        rows = db.session.scalars(db.select(Certification)).all()
        assert len(rows) == 1 and rows[0].organisation_id == organisation.id
        assert engine_of().instance_for("keurmerk.certification", rows[0]).state == "aangevraagd"


def test_a_second_open_application_is_refused_unless_the_modules_differ(
    app, client, launched, login
):
    _framework_id, modules, team = launched
    organisation = make_organisation(app, "Havensteder", "formal_body")
    login(client, team)

    def apply(*names):
        html = client.get("/keurmerk/certifications/apply").text
        form = {"csrf_token": token(html), "organisation_id": str(organisation.id)}
        return client.post(
            "/keurmerk/certifications/apply",
            data={**form, "modules": [str(modules[n]) for n in names]},
        )

    assert apply("Warm Incasseren").status_code == 302
    refused = apply("Warm Incasseren", "Warm Werkgeverschap")
    assert refused.status_code == 409
    assert "Er loopt al een aanvraag: Havensteder · Warm Incasseren" in refused.text
    assert "/keurmerk/certifications/" in refused.text  # a link to the open application
    assert apply("Warm Werkgeverschap").status_code == 302  # no overlap: allowed
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Certification.id))) == 2


def test_parallel_catalogue_additions_make_exactly_one(app, live_server, make_user, enable_plugin):
    from plugins.passendwerk.catalogue.models import Competence

    enable_plugin("passendwerk")
    team = make_user(roles={"team"}, name="Tessa Team")
    people = browsers(live_server, team)
    requests = []
    for browser in people:
        html = browser.request("/passendwerk/catalogue")[1]
        form = {"competences-csrf_token": token(html), "competences-name": "Geduld met klanten"}
        requests.append((browser, "/passendwerk/catalogue/competences", form))
    results = all_at_once(requests)
    one_success_rest_409(results, 303, "&#39;Geduld met klanten&#39; staat al in de lijst.")
    with app.app_context():
        names = db.session.scalars(
            db.select(Competence.name).where(Competence.name == "Geduld met klanten")
        ).all()
        assert names == ["Geduld met klanten"]

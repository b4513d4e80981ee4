"""The core knows no plugin: with every plugin disabled it offers no plugin role, kind or
demo account; each appears once its plugin is enabled."""

import re

from core.demo import ACCOUNTS, ORGANISATIONS, core_demo
from core.extensions import db
from core.organisations.kinds import CORE_KINDS
from core.roles import CORE_ROLES, available_roles
from core.testing import post_form
from tests.factories import make_organisation

CORE_ROLE_NAMES = {role.name for role in CORE_ROLES}
PLUGIN_ROLE_NAMES = {"auditor", "committee", "employer", "lifecoach", "sample_tester"}


def options(html: str, select_name: str) -> set[str]:
    select = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    return set(re.findall(r'<option[^>]*value="([^"]*)"', select.group(1)))


def role_boxes(html: str) -> set[str]:
    return set(re.findall(r'name="roles" [^>]*value="([^"]+)"', html)) | set(
        re.findall(r'value="([^"]+)"[^>]*name="roles"', html)
    )


def test_the_core_declares_only_its_own_roles_kinds_and_accounts():
    assert CORE_ROLE_NAMES == {"admin", "team", "expert", "partner", "board"}
    assert {role for role, _name, _org in ACCOUNTS} == CORE_ROLE_NAMES
    assert {kind for _name, kind, _site in ORGANISATIONS} <= {k.name for k in CORE_KINDS}
    assert "employer" not in {k.name for k in CORE_KINDS}


def test_with_every_plugin_disabled_no_plugin_role_is_offered(app, client, make_user, login):
    with app.test_request_context():
        assert {r.name for r in available_roles()} == CORE_ROLE_NAMES
    login(client, make_user(roles={"admin"}))
    offered = role_boxes(client.get("/admin/users/invite").text)
    assert offered == CORE_ROLE_NAMES


def test_plugin_roles_come_with_their_plugin(app, client, make_user, login, enable_plugin):
    enable_plugin("keurmerk")
    enable_plugin("passendwerk")
    login(client, make_user(roles={"admin"}))
    offered = role_boxes(client.get("/admin/users/invite").text)
    assert offered == CORE_ROLE_NAMES | {"auditor", "committee", "co_auditor", "employer", "lifecoach"}


def test_the_employer_kind_comes_with_passendwerk(app, client, make_user, login, enable_plugin):
    login(client, make_user(roles={"team"}))
    assert "employer" not in options(client.get("/organisations/new").text, "kind")
    enable_plugin("passendwerk")
    assert "employer" in options(client.get("/organisations/new").text, "kind")


def test_an_employer_keeps_its_kind_while_passendwerk_is_off(
    app, client, make_user, login, enable_plugin
):
    from core.organisations.models import Organisation

    roffabriek = make_organisation(app, "Roffabriek", "employer")
    login(client, make_user(roles={"team"}))
    page = f"/organisations/{roffabriek.id}/edit"
    assert "employer" in options(client.get(page).text, "kind")
    response = post_form(client, page, {"name": "Roffabriek BV", "kind": "employer"})
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Organisation, roffabriek.id)
        assert (saved.name, saved.kind) == ("Roffabriek BV", "employer")


def test_the_core_demo_creates_no_plugin_account_or_kind(app):
    with app.test_request_context():
        world = core_demo("demo-password-for-test")
        db.session.commit()
        roles = {role.role for user in world.users.values() for role in user.roles}
        kinds = {org.kind for org in world.organisations.values()}
    assert roles == CORE_ROLE_NAMES
    assert not roles & PLUGIN_ROLE_NAMES
    assert kinds <= {k.name for k in CORE_KINDS}


def test_an_employer_acts_only_for_its_own_organisation_because_passendwerk_says_so(
    app, enable_plugin
):
    from core.roles import organisation_roles

    with app.test_request_context():
        assert organisation_roles() == {"partner"}
    enable_plugin("passendwerk")
    with app.test_request_context():
        assert organisation_roles() == {"partner", "employer"}

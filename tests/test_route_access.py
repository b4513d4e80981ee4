"""Every URL rule is either explicitly public or needs a declared permission."""

from flask import Blueprint

from core import create_app
from core.access import access_rule_for
from core.testing import check_route_access, config_for_tests


def test_every_route_declares_its_access(app):
    check_route_access(app)  # the same check a plugin's own tests run


def test_public_routes_are_the_expected_few(app):
    with app.test_request_context():
        public = sorted(
            rule.rule
            for rule in app.url_map.iter_rules()
            if access_rule_for(rule.endpoint).public and not rule.endpoint.endswith("static")
        )
    assert public == [
        "/",  # the landing page for visitors; the dashboard once logged in
        # the keurmerk's public register as JSON
        "/api/v1/keurmerk/certificates/<number>",
        "/api/v1/keurmerk/openapi.json",
        "/api/v1/keurmerk/register",
        "/calendar/<token>.ics",  # the token is the key (a calendar app has no session)
        # the Politieke Armoede Index (404 until its publication moment) and how it works
        "/campaign/armoede-index/",
        "/campaign/armoede-index/<int:challenge_id>",
        "/campaign/armoede-index/<int:challenge_id>.csv",
        "/campaign/armoede-index/<int:challenge_id>/methode",
        # the campaign's magazine: published editions and their published articles only
        "/campaign/magazine/",
        "/campaign/magazine/<int:number>",
        "/campaign/magazine/<int:number>/<int:item_id>",
        # a council member's own page: the signed link is the key (no account)
        "/campaign/raad/<token>",
        "/campaign/raad/<token>/answer/<trigger>",
        "/campaign/raad/<token>/getuigschrift",
        "/campaign/raad/<token>/getuigschrift.pdf",
        "/campaign/raad/<token>/logbook",
        # the campaign's Warmtebronnen map (published entries only)
        "/campaign/warmtebronnen",
        "/campaign/warmtebronnen/<int:warmtebron_id>",
        "/healthz",
        "/invite/<token>",
        # anyone may sign themselves up as an expert by experience, with consent
        "/jijdoetertoe/aanmelden",
        "/jijdoetertoe/aanmelden/bedankt",
        # a resident asks an expert's help, and passes on a signal, without an account
        "/jijdoetertoe/hulp-vragen",
        "/jijdoetertoe/hulp-vragen/bedankt",
        "/jijdoetertoe/signaal",
        "/jijdoetertoe/signaal/bedankt",
        "/keurmerk/register",
        "/keurmerk/register.csv",
        "/keurmerk/register/<number>",
        "/keurmerk/register/<number>/certificate.pdf",  # only while the register says valid
        "/language",
        "/login",
        # a meeting guest's own invitation: the signed link is the key (no account)
        "/meetings/guest/<token>",
        "/password/forgot",
        "/password/reset/<token>",
        # the quarter figures the team published: counts only, no personal data
        "/voortgang",
    ]


def test_a_view_without_declaration_is_refused(database_url, tmp_path):
    app = create_app(config_for_tests(database_url, tmp_path))
    forgotten = Blueprint("forgotten", __name__)

    @forgotten.route("/forgotten")
    def view():
        return "should never be served"

    app.register_blueprint(forgotten)
    response = app.test_client().get("/forgotten")
    assert response.status_code == 403
    assert "should never be served" not in response.text

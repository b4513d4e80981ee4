"""Every URL rule is either explicitly public or needs a declared permission."""

from flask import Blueprint

from core import create_app
from core.access import access_rule_for, permission_table
from core.testing import config_for_tests


def test_every_route_declares_its_access(app, enable_plugin):
    for name in app.extensions["plugin_host"].plugins:
        enable_plugin(name)  # a plugin's permissions are known while it is enabled
    undeclared, unknown = [], []
    with app.test_request_context():
        permissions = permission_table() | {"authenticated": set()}
        for rule in app.url_map.iter_rules():
            access = access_rule_for(rule.endpoint)
            if access is None:
                undeclared.append(f"{rule.rule} ({rule.endpoint})")
            elif not access.public and access.permission not in permissions:
                unknown.append(f"{rule.rule} needs unknown permission {access.permission!r}")
    assert undeclared == [], "views without @public or @requires: " + ", ".join(undeclared)
    assert unknown == []


def test_public_routes_are_the_expected_few(app):
    with app.test_request_context():
        public = sorted(
            rule.rule
            for rule in app.url_map.iter_rules()
            if access_rule_for(rule.endpoint).public and not rule.endpoint.endswith("static")
        )
    assert public == [
        "/calendar/<token>.ics",  # the token is the key (a calendar app has no session)
        "/healthz",
        "/invite/<token>",
        "/keurmerk/register",
        "/keurmerk/register.csv",
        "/keurmerk/register/<number>",
        "/language",
        "/login",
        "/password/forgot",
        "/password/reset/<token>",
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

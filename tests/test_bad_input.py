"""Bad input gets the app's own 400 or 404 page, never a 500: ids out of any column's range,
huge page numbers, NUL bytes, and free text longer than anyone writes."""

import pytest
from werkzeug.routing import IntegerConverter

from core.extensions import db
from core.testing import post_form
from core.workflow.models import WorkflowHistory, WorkflowInstance
from tests.factories import start_review

# 2^31 overflows PostgreSQL's integer, 2^63 SQLite's; the last fits neither.
HUGE_IDS = [2**31, 2**63, 10**30]


def _int_routes(app):
    """Every GET rule with an integer in its path, with a value for each of its other parts."""
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        converters = rule._converters
        if not any(isinstance(c, IntegerConverter) for c in converters.values()):
            continue
        yield rule, converters


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_out_of_range_are_not_found(app, client, make_user, login, enable_plugin, huge):
    for name in app.extensions["plugin_host"].plugins:
        enable_plugin(name)
    # Every role at once, so no route stops at 403 before it reads the id.
    from core.roles import CORE_ROLES

    with app.test_request_context():
        from core.roles import available_roles

        roles = {r.name for r in available_roles()} | {r.name for r in CORE_ROLES}
    login(client, make_user(roles=roles))
    failures = []
    for rule, converters in _int_routes(app):
        url = rule.rule
        for name, converter in converters.items():
            value = str(huge) if isinstance(converter, IntegerConverter) else "x"
            url = url.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
            url = url.replace(f"<path:{name}>", value)
        status = client.get(url).status_code
        if status != 404:
            failures.append(f"{url} -> {status}")
    assert failures == []


def test_a_page_number_beyond_the_rows_shows_an_empty_page_and_past_the_cap_a_400(
    client, make_user, login
):
    login(client, make_user(roles={"team"}))
    assert client.get("/tasks?page=5000").status_code == 200
    for page in (10**6, 10**19, 10**30):
        response = client.get(f"/tasks?page={page}")
        assert response.status_code == 400, page
        assert "Dit adres klopt niet" in response.text


def test_nul_bytes_in_form_fields_are_refused(app, client, make_user):
    user = make_user(roles={"team"})
    response = post_form(client, "/login", {"email": user.email + "\x00", "password": "x\x00"})
    assert response.status_code == 400
    assert "Er ging iets mis met uw verzoek" in response.text


def test_nul_bytes_in_the_query_string_are_refused(client, make_user, login):
    login(client, make_user(roles={"team"}))
    response = client.get("/tasks?workflow=%00")
    assert response.status_code == 400
    assert "Er ging iets mis met uw verzoek" in response.text


def test_a_transition_comment_has_a_length_limit(app, client, make_user, login, enable_plugin):
    enable_plugin("sample")
    instance_id = start_review(app)
    login(client, make_user(roles={"team"}))
    page = f"/workflows/instances/{instance_id}"
    response = post_form(
        client,
        f"{page}/fire",
        {"trigger": "submit", "comment": "x" * (1024 * 1024), "version": 1},
        form_url=page,
        follow_redirects=True,
    )
    assert "Gebruik hoogstens 4000 tekens voor de toelichting" in response.text
    assert 'maxlength="4000"' in response.text
    with app.app_context():
        rows = db.session.scalars(
            db.select(WorkflowHistory).where(WorkflowHistory.instance_id == instance_id)
        ).all()
        assert len(rows) == 1  # only the start: nothing of the refused step was written


def test_every_free_text_field_has_a_maximum_length(app):
    """A form field people type into is capped, so nobody stores a megabyte of text."""
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm
    from wtforms import StringField, TextAreaField
    from wtforms.validators import Length

    import core
    import plugins

    uncapped = []
    for package in (core, plugins):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if "migrations" in module.name or not module.name.endswith("forms"):
                continue
            imported = importlib.import_module(module.name)
            for form in vars(imported).values():
                if not (isinstance(form, type) and issubclass(form, FlaskForm)):
                    continue
                for name, unbound in vars(form).items():
                    field_class = getattr(unbound, "field_class", None)
                    if field_class is None or not issubclass(
                        field_class, StringField | TextAreaField
                    ):
                        continue
                    validators = unbound.kwargs.get("validators") or (
                        unbound.args[1] if len(unbound.args) > 1 else []
                    )
                    if not any(isinstance(v, Length) and v.max > 0 for v in validators):
                        uncapped.append(f"{form.__module__}.{form.__name__}.{name}")
    assert uncapped == [], uncapped


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_out_of_range_in_form_fields_change_nothing(
    app, client, make_user, login, enable_plugin, huge
):
    enable_plugin("sample")
    instance_id = start_review(app)
    login(client, make_user(roles={"team"}))
    page = f"/workflows/instances/{instance_id}"
    assign = post_form(
        client, f"{page}/assign", {"assignee_id": huge, "version": 1}, form_url=page
    )
    fire = post_form(client, f"{page}/fire", {"trigger": "submit", "version": huge}, form_url=page)
    assert assign.status_code in (303, 400, 409) and fire.status_code in (303, 400, 409)
    with app.app_context():
        assert db.session.get(WorkflowInstance, instance_id).version == 1


@pytest.mark.parametrize("value", ["\u00b2", "abc", "-1"])
def test_a_number_that_is_not_one_is_refused(
    app, client, make_user, login, enable_plugin, value
):
    enable_plugin("sample")
    instance_id = start_review(app, assignee=None)
    login(client, make_user(roles={"team"}))
    assert client.get(f"/tasks?page={value}").status_code == 400
    page = f"/workflows/instances/{instance_id}"
    response = post_form(client, f"{page}/assign", {"assignee_id": value, "version": 1}, form_url=page)
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(WorkflowInstance, instance_id).version == 1

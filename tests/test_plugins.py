"""The plugin host: live enable/disable, hooks gated by the flag, broken plugins reported."""

import logging
import subprocess
import sys

import pytest

from core import create_app
from core.extensions import db
from core.models import PluginState, SecurityEvent
from core.plugin_host import PluginError
from core.testing import config_for_tests, post_form
from tests.factories import menu
from tests.sample_plugin.models import SampleNote

SAMPLE = "sample = tests.sample_plugin"


def toggle(client, enabled: bool):
    return post_form(
        client,
        "/admin/plugins/sample",
        {"enabled": "1" if enabled else "0"},
        form_url="/admin/plugins",
    )


def add_note(app, text="bewaard"):
    with app.app_context():
        db.session.add(SampleNote(text=text))
        db.session.commit()


def test_disabled_plugin_disappears_and_returns_with_its_data(
    app, client, make_user, login, enable_plugin
):
    enable_plugin("sample")
    add_note(app, "blijft bewaard")
    login(client, make_user(roles={"admin"}))
    assert client.get("/sample/").status_code == 200
    assert "Voorbeeld" in menu(client.get("/").text)
    dashboard = client.get("/").text
    assert "Voorbeeldnotities" in dashboard and "<p>1 notities</p>" in dashboard  # the widget

    assert toggle(client, False).status_code == 302
    assert client.get("/sample/").status_code == 404
    dashboard = client.get("/").text
    assert "Voorbeeld" not in menu(dashboard) and "Voorbeeldnotities" not in dashboard
    with app.app_context():
        assert db.session.scalars(db.select(SampleNote.text)).all() == ["blijft bewaard"]

    toggle(client, True)
    page = client.get("/sample/")
    assert page.status_code == 200 and "blijft bewaard" in page.text
    assert "Voorbeeld" in menu(client.get("/").text)
    with app.app_context():
        kinds = db.session.scalars(db.select(SecurityEvent.kind).order_by(SecurityEvent.id)).all()
    assert kinds[-2:] == ["plugin_disabled", "plugin_enabled"]


def test_disabled_plugin_answers_404_even_to_anonymous_visitors(client, enable_plugin):
    enable_plugin("sample", False)
    assert client.get("/sample/").status_code == 404
    enable_plugin("sample", True)
    assert client.get("/sample/").status_code == 302  # to login


def test_plugin_permissions_and_roles_exist_only_while_enabled(
    app, client, make_user, login, enable_plugin
):
    enable_plugin("sample")
    tester = make_user(roles={"sample_tester"})
    login(client, tester)
    assert client.get("/sample/").status_code == 200
    admin_client = app.test_client()
    login(admin_client, make_user(roles={"admin"}))
    assert "Voorbeeldtester" in admin_client.get(f"/admin/users/{tester.id}").text
    enable_plugin("sample", False)
    assert "Voorbeeldtester" not in admin_client.get(f"/admin/users/{tester.id}").text
    enable_plugin("sample", True)
    assert client.get("/sample/").status_code == 200


def test_editing_a_user_keeps_roles_of_a_disabled_plugin(
    app, client, make_user, login, enable_plugin
):
    tester = make_user(roles={"sample_tester", "expert"})
    enable_plugin("sample", False)
    login(client, make_user(roles={"admin"}))
    post_form(
        client,
        f"/admin/users/{tester.id}",
        {"display_name": "T", "roles": ["expert"], "active": "y"},
    )
    from core.accounts.models import User

    with app.app_context():
        assert db.session.get(User, tester.id).role_names == {"sample_tester", "expert"}


def test_only_admin_and_team_may_toggle_plugins(client, make_user, login, enable_plugin):
    enable_plugin("sample")
    login(client, make_user(roles={"expert"}))
    response = post_form(client, "/admin/plugins/sample", {"enabled": "0"}, form_url="/")
    assert response.status_code == 403
    assert client.get("/sample/").status_code == 200


def test_cli_lists_enables_and_disables(app, enable_plugin):
    runner = app.test_cli_runner()
    enable_plugin("sample", False)
    assert "sample" in runner.invoke(args=["plugins", "list"]).output
    assert "disabled" in runner.invoke(args=["plugins", "list"]).output
    result = runner.invoke(args=["plugins", "enable", "sample"])
    assert result.exit_code == 0 and "sample enabled" in result.output
    assert "enabled" in runner.invoke(args=["plugins", "list"]).output
    assert runner.invoke(args=["plugins", "disable", "sample"]).exit_code == 0
    with app.app_context():
        assert db.session.get(PluginState, "sample").enabled is False
    result = runner.invoke(args=["plugins", "enable", "nonexistent"])
    assert result.exit_code != 0 and "not installed" in result.output


def test_plugin_cli_command_is_registered(app, enable_plugin):
    enable_plugin("sample")
    add_note(app)
    result = app.test_cli_runner().invoke(args=["sample", "count"])
    assert result.exit_code == 0 and "1 notes" in result.output


def test_fresh_install_enables_installed_plugins_later_ones_start_disabled(app):
    host = app.extensions["plugin_host"]
    with app.app_context():
        host.sync_states()  # empty table: a fresh install
        assert db.session.get(PluginState, "sample").enabled is True
        db.session.delete(db.session.get(PluginState, "sample"))
        db.session.add(PluginState(name="someone_else", enabled=True))
        db.session.commit()
        host.sync_states()  # sample now appears next to an existing installation
        assert db.session.get(PluginState, "sample").enabled is False


def _app_with(database_url, tmp_path, *plugins, strict=False):
    return create_app(
        config_for_tests(
            database_url,
            tmp_path,
            {
                "PLUGINS_EXTRA": [SAMPLE, *plugins],
                "PLUGINS_STRICT": strict,
            },
        )
    )


def test_broken_plugin_is_reported_and_the_app_still_starts(
    app, database_url, tmp_path, make_user, login, caplog
):
    caplog.set_level(logging.ERROR)
    broken_app = _app_with(database_url, tmp_path, "broken = tests.bad_plugins.raises_on_import")
    host = broken_app.extensions["plugin_host"]
    assert "broken" not in host.plugins and "sample" in host.plugins
    assert "database driver missing" in host.failures["broken"]
    assert "Plugin broken failed to load" in caplog.text
    client = broken_app.test_client()
    login(client, make_user(roles={"admin"}))
    page = client.get("/admin/plugins").text
    assert "konden niet worden geladen" in page and "database driver missing" in page
    assert "broken" in broken_app.test_cli_runner().invoke(args=["plugins", "list"]).output


def test_strict_mode_raises_on_a_broken_plugin(database_url, tmp_path):
    with pytest.raises(RuntimeError, match="database driver missing"):
        _app_with(
            database_url, tmp_path, "broken = tests.bad_plugins.raises_on_import", strict=True
        )


@pytest.mark.parametrize(
    ("module", "message"),
    [
        ("tests.bad_plugins.wrong_blueprint", "blueprint 'something_else' must be named 'wrongbp'"),
        ("tests.bad_plugins.needs_newer_core", "needs core >=99"),
        ("tests.bad_plugins.needs_other_api", r"needs plugin API >=2.0,<3, this is plugin API 1\."),
    ],
)
def test_guard_rails_name_the_plugin_and_the_fix(database_url, tmp_path, module, message):
    with pytest.raises(PluginError, match=message):
        _app_with(database_url, tmp_path, f"wrongbp = {module}", strict=True)


def test_misspelled_hook_fails_loudly(database_url, tmp_path):
    from pluggy import PluginValidationError

    with pytest.raises(PluginValidationError, match="warmrotterdam_navigaton"):
        _app_with(database_url, tmp_path, "typo = tests.bad_plugins.misspelled_hook", strict=True)


def test_unprefixed_table_is_refused(database_url, tmp_path):
    # In a subprocess: the bad model would otherwise stay in this process's metadata.
    code = (
        "from core import create_app; from core.testing import config_for_tests; "
        f"create_app(config_for_tests({database_url!r}, {str(tmp_path)!r}, "
        "{'PLUGINS_EXTRA': ['wrongtable = tests.bad_plugins.wrong_table'], 'PLUGINS_STRICT': True}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert (
        "Plugin wrongtable: table 'thing' of Thing must start with 'wrongtable_'" in result.stderr
    )


# ------------------------------------------------------------ the confirmation page


def test_disabling_first_shows_what_disappears(app, client, make_user, login, enable_plugin):
    from tests.factories import start_review

    enable_plugin("sample")
    make_user(roles={"sample_tester"})
    start_review(app)
    start_review(app)
    login(client, make_user(roles={"team"}))
    page = client.get("/admin/plugins/sample")
    assert page.status_code == 200
    text = page.text
    assert "Voorbeeldproject uitzetten?" in text
    assert "Voorbeeld (<code>/sample/</code>)" in text  # the menu item, with who sees it
    assert "Voorbeeldtester" in text and "Programmateam" in text
    assert "Aantal pagina's: 1." in text
    assert "Voorbeeldnotities" in text  # the dashboard widget
    assert "Voorbeeldbeoordeling · lopende dossiers: 2" in text
    assert "Voorbeeldtester · mensen met deze rol: 1" in text
    assert "De gegevens blijven bewaard" in text
    assert client.get("/sample/").status_code == 200  # looking changes nothing
    response = post_form(client, "/admin/plugins/sample", {"enabled": "0"})
    assert response.status_code == 302
    assert client.get("/sample/").status_code == 404
    with app.app_context():
        event = db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.kind.startswith("plugin_"))
        ).one()
        assert (event.kind, event.detail) == ("plugin_disabled", "sample")


def test_enabling_shows_what_comes_back(client, make_user, login, enable_plugin):
    enable_plugin("sample", False)
    login(client, make_user(roles={"team"}))
    text = client.get("/admin/plugins/sample").text
    assert "Voorbeeldproject aanzetten?" in text
    # the preview asks the plugin as if it were on, so its items are listed
    assert "Voorbeeld (<code>/sample/</code>)" in text and "Voorbeeldnotities" in text
    assert "Ja, zet Voorbeeldproject aan" in text
    # the preview did not switch anything on
    assert "Voorbeeld" not in menu(client.get("/").text)
    assert post_form(client, "/admin/plugins/sample", {"enabled": "1"}).status_code == 302
    assert "Voorbeeld" in menu(client.get("/").text)


def test_the_confirmation_names_public_pages_by_address(client, make_user, login, enable_plugin):
    enable_plugin("keurmerk")
    login(client, make_user(roles={"admin"}))
    text = client.get("/admin/plugins/keurmerk").text
    assert "Openbare pagina" in text
    assert "<code>/keurmerk/register</code>" in text
    assert "<code>/keurmerk/register.csv</code>" in text


def test_switching_refuses_bad_requests(app, client, make_user, login, enable_plugin):
    enable_plugin("sample")
    login(client, make_user(roles={"team"}))
    assert client.get("/admin/plugins/nonexistent").status_code == 404
    assert post_form(client, "/admin/plugins/sample", {"enabled": "maybe"}).status_code == 400
    assert client.post("/admin/plugins/sample", data={"enabled": "0"}).status_code == 400  # no CSRF
    # confirming twice (two tabs) does not switch it back
    post_form(client, "/admin/plugins/sample", {"enabled": "0"})
    again = post_form(client, "/admin/plugins/sample", {"enabled": "0"}, follow_redirects=True)
    assert "stond al zo" in again.text
    assert client.get("/sample/").status_code == 404
    with app.app_context():
        toggles = db.select(db.func.count()).where(SecurityEvent.kind.startswith("plugin_"))
        assert db.session.scalar(toggles) == 1


def test_only_plugin_managers_see_the_confirmation(client, make_user, login, enable_plugin):
    enable_plugin("sample")
    login(client, make_user(roles={"expert", "board"}))
    assert client.get("/admin/plugins/sample").status_code == 403


def test_every_installed_plugin_can_be_previewed_in_both_states(
    app, client, make_user, login, enable_plugin
):
    login(client, make_user(roles={"team"}))
    for name in app.extensions["plugin_host"].plugins:
        for enabled in (True, False):
            enable_plugin(name, enabled)
            page = client.get(f"/admin/plugins/{name}")
            assert page.status_code == 200, (name, enabled)
            assert ("aanzetten?" if not enabled else "uitzetten?") in page.text


def test_each_worker_reads_the_enabled_plugins_once_per_interval_and_at_once_after_its_own_change(
    app, client, make_user, login, enable_plugin, monkeypatch
):
    from tests.factories import QueryCounter

    def reads(counter) -> int:
        return sum(
            s.startswith("SELECT plugin_state.name \nFROM plugin_state") for s in counter.statements
        )

    enable_plugin("sample")
    login(client, make_user(roles={"admin"}))
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        assert client.get("/sample/").status_code == 200
        assert client.get("/sample/").status_code == 200
        assert reads(counter) == 1  # read by the first request, trusted by the next
        with app.app_context():  # another app server disables it
            db.session.get(PluginState, "sample").enabled = False
            db.session.commit()
        assert client.get("/sample/").status_code == 200  # not seen within the interval
        monkeypatch.setitem(app.config, "PLUGIN_STATE_SECONDS", 0.0)
        assert client.get("/sample/").status_code == 404  # the interval is over: read again
        assert reads(counter) == 2
        monkeypatch.setitem(app.config, "PLUGIN_STATE_SECONDS", 3600.0)
        enable_plugin("sample")  # a change made through this worker is seen at once
        assert client.get("/sample/").status_code == 200

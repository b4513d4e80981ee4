"""Issue 13 §4: a plugin's settings are read through one core mechanism, from instance/config.py,
the environment or the caller (in that order, later winning), and shown in Beheer."""

from datetime import timedelta

import pytest

from core import create_app
from core.plugin_host import PluginError
from core.testing import config_for_tests


def fresh_app(tmp_path, **extra):
    url = f"sqlite:///{tmp_path / 'settings.db'}"
    return create_app(config_for_tests(url, tmp_path / "instance", extra))


def setting(app, key):
    plugin = app.extensions["plugin_host"].plugins["passendwerk"]
    return next(s for s in plugin.settings if s.key == key)


def test_the_declared_default_without_anything_set(tmp_path, monkeypatch):
    monkeypatch.delenv("PASSENDWERK_RETENTION_DAYS", raising=False)
    app = fresh_app(tmp_path)
    value = setting(app, "PASSENDWERK_RETENTION_DAYS")
    assert (value.value, value.source) == (730, "default")
    assert app.config["PASSENDWERK_LASTING_AFTER_DAYS"] == 183


def test_the_environment_is_read_and_used(tmp_path, monkeypatch):
    from plugins.passendwerk.retention import retention_period

    monkeypatch.setenv("PASSENDWERK_RETENTION_DAYS", " 30 ")
    app = fresh_app(tmp_path)
    assert (
        setting(app, "PASSENDWERK_RETENTION_DAYS").source,
        app.config["PASSENDWERK_RETENTION_DAYS"],
    ) == (
        "environment",
        30,
    )
    with app.app_context():
        assert retention_period() == timedelta(days=30)


def test_instance_config_then_environment_then_caller(tmp_path, monkeypatch):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "config.py").write_text(
        "PASSENDWERK_RETENTION_DAYS = 100\nPASSENDWERK_LASTING_AFTER_DAYS = 200\n"
    )
    monkeypatch.setenv("PASSENDWERK_LASTING_AFTER_DAYS", "250")
    app = fresh_app(tmp_path, PASSENDWERK_RETENTION_DAYS=400)
    assert setting(app, "PASSENDWERK_RETENTION_DAYS").source == "caller"
    assert app.config["PASSENDWERK_RETENTION_DAYS"] == 400
    lasting = setting(app, "PASSENDWERK_LASTING_AFTER_DAYS")
    assert (lasting.value, lasting.source) == (250, "environment")
    monkeypatch.delenv("PASSENDWERK_LASTING_AFTER_DAYS")
    again = fresh_app(tmp_path)
    assert setting(again, "PASSENDWERK_LASTING_AFTER_DAYS").source == "instance"
    assert again.config["PASSENDWERK_RETENTION_DAYS"] == 100


@pytest.mark.parametrize("bad", ["twee jaar", "0", "-5"])
def test_a_value_the_setting_refuses_stops_the_plugin_with_a_clear_message(
    tmp_path, monkeypatch, bad
):
    monkeypatch.setenv("PASSENDWERK_RETENTION_DAYS", bad)
    with pytest.raises(PluginError, match="PASSENDWERK_RETENTION_DAYS") as refused:
        fresh_app(tmp_path)
    assert "default is 730" in str(refused.value)
    lenient = fresh_app(tmp_path / "lenient", PLUGINS_STRICT=False)
    assert "passendwerk" not in lenient.extensions["plugin_host"].plugins
    assert "PASSENDWERK_RETENTION_DAYS" in lenient.extensions["plugin_host"].failures["passendwerk"]


def test_beheer_shows_each_setting_its_value_and_where_it_came_from(
    app, client, make_user, login, monkeypatch
):
    login(client, make_user(roles={"admin"}))
    page = client.get("/admin/plugins").text
    assert "PASSENDWERK_RETENTION_DAYS" in page and "PASSENDWERK_LASTING_AFTER_DAYS" in page
    assert "Dagen dat een afgesloten dossier" in page
    assert "standaard" in page or "opgegeven bij het starten" in page

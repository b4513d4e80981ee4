"""Test setup: the sample plugin, and real-browser tests on Debian's Chromium."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

SAMPLE_PLUGIN = "sample = tests.sample_plugin"
# In pyproject.toml's entry points, but the shared .venv was installed before it was added:
# until it is reinstalled the tests load the plugin by name (never twice).
JIJDOETERTOE = "jijdoetertoe = plugins.jijdoetertoe"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = (Path(__file__).parent / "assets" / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def app_config():
    from importlib.metadata import entry_points

    installed = {ep.name for ep in entry_points(group="warmrotterdam.plugins")}
    extra = [] if "jijdoetertoe" in installed else [JIJDOETERTOE]
    return {"PLUGINS_EXTRA": [SAMPLE_PLUGIN, *extra]}


def pytest_collection_modifyitems(config, items):
    """Without Chromium browser tests are reported as skipped; CI (REQUIRE_BROWSER=1) fails instead."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Browser tests required but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(
        reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


def run_axe(page) -> dict:
    """axe-core's WCAG 2.1 A/AA results for the page as it is now."""
    page.evaluate(AXE_SOURCE)
    return page.evaluate(
        "([tags]) => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [WCAG_21_AA],
    )


def axe_violations(page) -> list:
    """(rule, elements) for every violation on the page; empty when it passes."""
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in run_axe(page)["violations"]]


@pytest.fixture
def assert_accessible(page):
    def check():
        assert axe_violations(page) == []

    return check

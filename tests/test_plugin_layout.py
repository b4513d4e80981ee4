"""Each plugin lists its pages in one table (blueprint.py), and no module imports a views
module only for what importing it does."""

import ast
import importlib
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
NAMES = ("keurmerk", "passendwerk", "campaign", "jijdoetertoe")


@pytest.mark.parametrize("name", NAMES)
def test_every_route_of_the_plugin_is_in_its_blueprint_table(app, name):
    blueprint = importlib.import_module(f"plugins.{name}.blueprint")
    # A table per URL prefix (keurmerk: its pages and its API), else the one under the
    # blueprint's own prefix.
    mounts = getattr(blueprint, "MOUNTS", [(blueprint.bp.url_prefix, blueprint.ROUTES)])
    listed = {
        ("/" + f"{prefix}/{rule}".strip("/").replace("//", "/"), view)
        for prefix, routes in mounts
        for rule, view, _methods in routes
    }
    mounted = {
        ("/" + rule.rule.strip("/"), app.view_functions[rule.endpoint])
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(f"{name}.") and rule.endpoint != f"{name}.static"
    }
    assert mounted == listed
    # The endpoint stays the view's own name, so url_for("passendwerk.job_seeker") keeps working.
    assert all(
        f"{name}.{view.__name__}" in app.view_functions
        for _prefix, routes in mounts
        for _rule, view, _methods in routes
    )


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield node, node.module or "", [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            yield node, "", [a.name for a in node.names]


def test_no_plugin_module_imports_views_for_side_effects():
    offenders = []
    for path in PLUGINS.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node, module, names in _imports(path):
            touches_views = any(
                part.endswith("views") for part in [*module.split("."), *names] if part
            )
            if touches_views and "noqa: F401" in lines[node.lineno - 1]:
                offenders.append(f"{path.relative_to(PLUGINS)}:{node.lineno}")
    assert not offenders, offenders


@pytest.mark.parametrize("name", NAMES)
def test_only_the_blueprint_module_adds_routes(name):
    """View modules are plain functions: no @bp.route, no Blueprint of their own."""
    for path in (PLUGINS / name).rglob("*.py"):
        if path.name == "blueprint.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "@bp.route" not in text and "Blueprint(" not in text, path

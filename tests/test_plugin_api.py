"""The published plugin API: plugins import only `core.api`, and it holds its promises."""

import ast
import warnings
from pathlib import Path

import pluggy
import pytest

import core.api
from core import hookspecs

ROOT = Path(__file__).resolve().parent.parent
# Everything written as a plugin: ours, the partner example, and the tests' sample plugin.
PLUGIN_SOURCES = [ROOT / "plugins", ROOT / "examples", ROOT / "tests" / "sample_plugin"]
# The API, and the test helpers a plugin's own test suite uses (docs/plugins.md).
PUBLISHED = {"core.api", "core.testing"}


def core_imports(path: Path, root: Path = ROOT) -> list[str]:
    """The core modules a file imports, other than the published API."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            if (module == "core" or module.startswith("core.")) and module not in PUBLISHED:
                found.append(f"{path.relative_to(root)}:{node.lineno} imports {module}")
    return found


def test_plugins_import_only_the_published_api():
    files = [p for folder in PLUGIN_SOURCES for p in folder.rglob("*.py")]
    assert len(files) > 50  # the scan found the plugins
    offenders = [line for path in files for line in core_imports(path)]
    assert offenders == []


def test_the_scan_catches_an_internal_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import core.workflow.engine\nfrom core.extensions import db\n")
    assert core_imports(sneaky, tmp_path) == [
        "sneaky.py:1 imports core.workflow.engine",
        "sneaky.py:2 imports core.extensions",
    ]


def test_every_published_name_is_there():
    missing = [name for name in core.api.__all__ if not hasattr(core.api, name)]
    assert missing == []
    assert core.api.API_VERSION == core.API_VERSION


def test_every_hookspec_has_types_and_documentation():
    specs = [getattr(hookspecs, name) for name in dir(hookspecs) if name.startswith("warmrotterdam_")]
    assert len(specs) >= 11
    for spec in specs:
        assert spec.__doc__ and "return" in spec.__annotations__, spec.__name__


def test_a_deprecated_hook_warns_the_plugin_that_implements_it():
    class Specs:
        @hookspecs.deprecated("warmrotterdam_old is going; return a list from warmrotterdam_new")
        def warmrotterdam_old(self):
            """An old hook."""

    class StillUsesIt:
        @hookspecs.hookimpl
        def warmrotterdam_old(self):
            return []

    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(Specs)
    with pytest.warns(DeprecationWarning, match="warmrotterdam_old is going"):
        manager.register(StillUsesIt())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert manager.hook.warmrotterdam_old() == [[]]  # it still works meanwhile

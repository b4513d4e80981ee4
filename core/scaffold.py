"""`flask --app wsgi plugins new NAME`: a new plugin as an installable package of its own.

The files are in `scaffold_template/`, real files in which `$name`, `$title` and a few more
are filled in with :class:`string.Template` (`$$` for a literal dollar). Python files there end
in `.tmpl`, so neither Python nor pytest nor ruff mistake them for the core's own code; a path
component `plugin` becomes NAME. Nothing is written unless every check passes.
"""

import keyword
import re
import uuid
from datetime import date
from importlib.util import find_spec
from pathlib import Path
from string import Template

from .catalog import compile_catalog
from .database import core_head
from .plugin_host import plugin_host
from .version import API_VERSION

TEMPLATE = Path(__file__).resolve().parent / "scaffold_template"
VALID_NAME = re.compile(r"[a-z][a-z0-9_]*")
UNSAFE_IN_TITLE = re.compile(r'["\\$\n\r]')


class ScaffoldError(Exception):
    """The plugin cannot be made; the message says why and what to do instead."""


def new_plugin(name: str, directory: Path, title: str | None = None) -> Path:
    """Write the package for plugin `name` into `directory/name`; returns that folder."""
    title = title or name.replace("_", " ").capitalize()
    target = Path(directory) / name
    _check(name, title, target)
    values = {
        "name": name,
        "title": title,
        "api_major": API_VERSION.split(".")[0],
        "next_major": int(API_VERSION.split(".")[0]) + 1,
        "core_head": core_head(),
        "revision": uuid.uuid4().hex[:12],
        "today": date.today().isoformat(),
    }
    for source in sorted(TEMPLATE.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(TEMPLATE)
        parts = [name if part == "plugin" else part for part in relative.parts]
        parts[-1] = parts[-1].removesuffix(".tmpl").replace("test_plugin", f"test_{name}")
        destination = target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(Template(source.read_text()).substitute(values))
    compile_catalog(target / name)
    return target


def _check(name: str, title: str, target: Path) -> None:
    if not VALID_NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} is not a valid plugin name: use lowercase letters, digits and _, "
            "starting with a letter (it becomes a Python package name)."
        )
    if name in plugin_host().plugins or name in plugin_host().failures or name == "core":
        raise ScaffoldError(f"A plugin called {name!r} is already installed; pick another name.")
    if find_spec(name) is not None:
        raise ScaffoldError(
            f"A Python module called {name!r} already exists here; pick another name."
        )
    if UNSAFE_IN_TITLE.search(title):
        raise ScaffoldError('The title may not contain ", \\, $ or a line break.')
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another --directory or name.")

"""One English catalog per package (the core, each plugin): extract, update, compile, check.

``python3 dev.py translations`` runs :func:`refresh` for the core and our plugins, and
``flask --app wsgi translations refresh NAME`` for any installed plugin, wherever it lives;
``core.testing.check_translations`` uses :func:`missing_translations` and
:func:`compiled_is_current`. One implementation, so all three agree on what a string is.
"""

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

CORE_MAPPING = Path(__file__).resolve().parent / "babel.cfg"
PO_FILE = Path("translations") / "en" / "LC_MESSAGES" / "messages.po"
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]


def mapping_for(package_dir: Path) -> Path:
    """The package's project may bring its own babel.cfg (next to the package); else ours."""
    own = package_dir.parent / "babel.cfg"
    return own if own.is_file() else CORE_MAPPING


def extract(package_dir: Path, pot: Path) -> None:
    """Write every UI string of the package (`_()`, `_l()`, templates) to `pot`."""
    subprocess.run(
        [
            *PYBABEL,
            "extract",
            "-F",
            str(mapping_for(package_dir)),
            "-k",
            "_l",
            "--no-location",
            "--omit-header",
            "-o",
            str(pot),
            str(package_dir),
        ],
        check=True,
        capture_output=True,
    )


def update(package_dir: Path, pot: Path) -> None:
    """Merge the extracted strings into the English messages.po (started if missing)."""
    catalog = package_dir / "translations"
    if (package_dir / PO_FILE).exists():
        step = ["update", "--no-fuzzy-matching", "--ignore-obsolete"]
    else:
        step = ["init", "-l", "en"]
    subprocess.run(
        [*PYBABEL, *step, "-i", str(pot), "-d", str(catalog), "--width", "100"],
        check=True,
        capture_output=True,
    )


def compile_catalog(package_dir: Path) -> None:
    """Compile messages.po into the messages.mo the app reads."""
    subprocess.run(
        [*PYBABEL, "compile", "-d", str(package_dir / "translations")],
        check=True,
        capture_output=True,
    )


def refresh(package_dir: Path) -> list[str]:
    """Extract, update and compile; returns the strings that still lack an English text."""
    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "messages.pot"
        extract(package_dir, pot)
        update(package_dir, pot)
    compile_catalog(package_dir)
    return missing_translations(package_dir)


def missing_translations(package_dir: Path) -> list[str]:
    """Strings in the package's source without an English msgstr in its messages.po."""
    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "messages.pot"
        extract(package_dir, pot)
        with pot.open("rb") as f:
            extracted = {m.id for m in read_po(f) if m.id}
    po = package_dir / PO_FILE
    if not po.exists():
        return sorted(extracted)
    with po.open("rb") as f:
        translated = {m.id for m in read_po(f) if m.id and _translated(m.string)}
    return sorted(extracted - translated, key=str)


def _translated(string) -> bool:
    # A plural entry has one text per form: all of them must be there.
    return all(string) if isinstance(string, tuple) else bool(string)


def compiled_is_current(package_dir: Path) -> bool:
    """Whether messages.mo is exactly what compiling messages.po gives."""
    po = package_dir / PO_FILE
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return False
    with po.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return mo.read_bytes() == compiled.getvalue()


if __name__ == "__main__":  # python -m core.catalog PACKAGE_DIR...; what dev.py runs
    for argument in sys.argv[1:]:
        package = Path(argument).resolve()
        missing = refresh(package)
        print(f"{package.name}: {len(missing)} string(s) without English text")
        for message in missing:
            print(f"  {message}")

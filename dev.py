#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+.

    python3 dev.py run     install, load demo data, start the app on http://127.0.0.1:5000
    python3 dev.py test    install, run every test suite: the main one, then each example
                           plugin's own (extra arguments go to pytest)
    python3 dev.py translations   extract UI strings, update and compile the English catalog

Dependencies go into .venv/ (created on first use, refreshed when a pyproject.toml changes),
with every example plugin in examples/ installed editable beside the project.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed-from"


def examples() -> list[Path]:
    """The example partner plugins in examples/, each a package of its own."""
    return sorted(p for p in (ROOT / "examples").glob("*/") if (p / "pyproject.toml").exists())


def python() -> str:
    return str(BIN / "python")


def ensure_installed() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an old python3
        sys.exit("Python 3.11 or newer is needed; this is " + sys.version.split()[0])
    # Reinstall when any package's pyproject.toml changes (or an example comes or goes).
    projects = [ROOT / "pyproject.toml", *(p / "pyproject.toml" for p in examples())]
    wanted = hashlib.sha256(b"".join(bytes(p) + p.read_bytes() for p in projects)).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not BIN.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing dependencies ...", flush=True)
    subprocess.run(
        [
            python(),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            f"{ROOT}[test]",
            # Installed like a partner's package, so the app finds them by entry point.
            *(arg for example in examples() for arg in ("-e", str(example))),
        ],
        check=True,
    )
    STAMP.write_text(wanted)


def flask(*args: str, env: dict | None = None) -> None:
    subprocess.run([python(), "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, check=True, env=env)


def run(args: list[str]) -> int:
    # Plain http on localhost: the secure-cookie default would keep the demo from logging in.
    env = {**os.environ, "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0")}
    flask("demo", "load", env=env)
    port = os.environ.get("PORT", "5000")
    print(f"\nWarm Rotterdam runs at http://127.0.0.1:{port}/  (Ctrl+C stops it)\n", flush=True)
    try:
        flask("run", "--port", port, *args, env=env)
    except KeyboardInterrupt:
        pass
    return 0


def test(args: list[str]) -> int:
    """The main suite, then each example's own suite as a session of its own (one after the
    other, so they can share TEST_DATABASE_URL); non-zero if any failed.

    Options go to every session. Test paths (`tests/test_x.py`, `examples/schuldhulp/tests`)
    pick the sessions they belong to, so naming one file does not run the rest."""
    paths = [a for a in args if Path(a.split("::")[0]).exists()]
    failed = False
    for folder in [ROOT, *examples()]:
        inside = [a for a in args if _within(a, folder)]
        if paths and not inside:
            continue
        options = [a for a in args if not Path(a.split("::")[0]).exists()]
        if folder != ROOT:
            print(f"\n== {folder.relative_to(ROOT)}", flush=True)
        pytest = [python(), "-m", "pytest", *options, *(_relative(a, folder) for a in inside)]
        failed |= subprocess.run(pytest, cwd=folder).returncode != 0
    return int(failed)


def _within(arg: str, folder: Path) -> bool:
    """Whether a test path belongs to `folder`'s session (the main one: not an example's)."""
    path = Path(arg.split("::")[0])
    if not path.exists():
        return False
    path = path.resolve()
    owner = next((e for e in examples() if path.is_relative_to(e)), ROOT)
    return owner == folder


def _relative(arg: str, folder: Path) -> str:
    file, sep, rest = arg.partition("::")
    return str(Path(file).resolve().relative_to(folder)) + sep + rest


def translated_packages() -> list[Path]:
    """The core and every plugin (ours, the examples') with a translations/ folder: one
    catalog each."""
    folders = [*(ROOT / "plugins").iterdir(), *(p for e in examples() for p in e.iterdir())]
    return [ROOT / "core", *sorted(p for p in folders if (p / "translations").is_dir())]


def translations(args: list[str]) -> int:
    # The same code as `flask --app wsgi translations refresh NAME` (core/catalog.py).
    packages = [str(p) for p in translated_packages()]
    return subprocess.run([python(), "-m", "core.catalog", *packages], cwd=ROOT).returncode


def main() -> int:
    commands = {"run": run, "test": test, "translations": translations}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    ensure_installed()
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())

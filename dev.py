#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+.

    python3 dev.py run     install, load demo data, start the app on http://127.0.0.1:5000
    python3 dev.py test    install, run the whole test suite (extra arguments go to pytest)
    python3 dev.py translations   extract UI strings, update and compile the English catalog

Dependencies go into .venv/ (created on first use, refreshed when pyproject.toml changes).
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


def python() -> str:
    return str(BIN / "python")


def ensure_installed() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an old python3
        sys.exit("Python 3.11 or newer is needed; this is " + sys.version.split()[0])
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
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
    return subprocess.run([python(), "-m", "pytest", *args], cwd=ROOT).returncode


def translated_packages() -> list[Path]:
    """The core and every in-repo plugin with a translations/ folder: one catalog each."""
    plugins = sorted(p for p in (ROOT / "plugins").iterdir() if (p / "translations").is_dir())
    return [ROOT / "core", *plugins]


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

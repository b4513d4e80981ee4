"""`flask plugins new` makes a plugin a partner can install, enable, migrate and test.

The whole path runs every time: generate, build and install it with pip (into a folder of its
own, so this session's environment, whose later apps discover entry points, stays as it
is), find it disabled, apply its migration, run its own tests, refresh its catalog. Every
subprocess uses a database of its own; the session's database is not touched.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.test_plugin_api import core_imports

ROOT = Path(__file__).resolve().parents[1]
NAME = "buurtkracht"


def scaffold_database(tmp_path) -> str:
    """An empty database for the subprocesses: a file, or a PostgreSQL database of its own."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path / 'scaffold.db'}"
    own = make_url(url).set(database=f"{make_url(url).database}_scaffold")
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    server.dispose()
    engine = create_engine(own)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return own.render_as_string(hide_password=False)


def run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_plugin_installs_starts_disabled_migrates_and_passes_its_own_tests(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["plugins", "new", NAME, "--directory", str(tmp_path), "--title", "Buurtkracht"]
    )
    assert result.exit_code == 0, result.output
    project = tmp_path / NAME

    # Only the published API (and the test helpers in tests), in the platform's code style.
    python_files = sorted(project.rglob("*.py"))
    assert len(python_files) == 8
    offenders = [
        line
        for path in python_files
        for line in core_imports(path, project)
        if not (line.startswith("tests/") and line.endswith("imports core.testing"))
    ]
    assert offenders == []
    run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], project, os.environ)

    site = tmp_path / "site"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(project),
        ],
        tmp_path,
        os.environ,
    )

    database = scaffold_database(tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TEST_DATABASE_URL", "PYTHONPATH"}
    }
    env.update(INSTANCE_PATH=str(tmp_path / "instance"), SECRET_KEY="x", DATABASE_URL=database)

    def flask(*args, with_plugin=True):
        paths = [str(site), str(ROOT)] if with_plugin else [str(ROOT)]
        flask_env = {**env, "PYTHONPATH": os.pathsep.join(paths)}
        return run([sys.executable, "-m", "flask", "--app", "wsgi", *args], ROOT, flask_env)

    flask("upgrade", with_plugin=False)  # a platform in use, before the plugin came
    listed = {line.split()[0]: line.split()[1] for line in flask("plugins", "list").splitlines()}
    assert listed[NAME] == "disabled"  # found by its entry point, off until someone enables it
    flask("upgrade")
    assert "No new upgrade operations detected" in flask("db", "check")

    # On SQLite the plugin's test session makes its own file; on PostgreSQL it gets ours.
    postgres = {"TEST_DATABASE_URL": database} if "TEST_DATABASE_URL" in os.environ else {}
    own_tests = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        project,
        {**env, "PYTHONPATH": str(site), **postgres},
    )
    assert " passed" in own_tests and "failed" not in own_tests, own_tests

    # A new string shows up in the plugin's catalog, found wherever the plugin is installed.
    index = site / NAME / "templates" / NAME / "index.html"
    index.write_text(index.read_text().replace("</h1>", '</h1><p>{{ _("Nieuwe zin") }}</p>'))
    refreshed = flask("translations", "refresh", NAME)
    assert "1 string(s) still need English text" in refreshed and "Nieuwe zin" in refreshed
    po = site / NAME / "translations" / "en" / "LC_MESSAGES" / "messages.po"
    assert 'msgid "Nieuwe zin"' in po.read_text()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Buurt", "not a valid plugin name"),
        ("buurt-kracht", "not a valid plugin name"),
        ("1buurt", "not a valid plugin name"),
        ("class", "not a valid plugin name"),
        ("keurmerk", "already installed"),
        ("sample", "already installed"),
        ("flask", "module called 'flask' already exists"),
    ],
)
def test_plugins_new_refuses_a_bad_name(app, tmp_path, name, message):
    result = app.test_cli_runner().invoke(
        args=["plugins", "new", name, "--directory", str(tmp_path)]
    )
    assert result.exit_code != 0 and message in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_plugins_new_refuses_an_existing_folder(app, tmp_path):
    (tmp_path / NAME).mkdir()
    (tmp_path / NAME / "mine.txt").write_text("keep me")
    result = app.test_cli_runner().invoke(
        args=["plugins", "new", NAME, "--directory", str(tmp_path)]
    )
    assert result.exit_code != 0 and "already exists" in result.output
    assert [p.name for p in (tmp_path / NAME).iterdir()] == ["mine.txt"]


def test_plugins_new_refuses_a_title_that_would_break_the_code(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["plugins", "new", NAME, "--directory", str(tmp_path), "--title", 'Zeg "hoi"']
    )
    assert result.exit_code != 0 and "may not contain" in result.output
    assert list(tmp_path.iterdir()) == []

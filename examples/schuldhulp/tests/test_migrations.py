"""The plugin's own Alembic branch applies on a fresh database and matches the models."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parents[1] / "schuldhulp" / "migrations"


def test_the_branch_is_labelled_and_starts_on_the_core():
    revisions = [runpy.run_path(str(path)) for path in sorted(MIGRATIONS.glob("*.py"))]
    [first] = [r for r in revisions if r["down_revision"] is None]
    assert first["branch_labels"] == ("schuldhulp",)
    assert first["depends_on"]  # the core revision it was made against


def test_upgrade_applies_and_db_check_finds_no_drift(tmp_path):
    env = {
        **os.environ,
        "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
    }

    def flask(*args):
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "core:create_app", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    assert "schuldhulp" in flask("plugins", "list")
    flask("upgrade")
    assert "No new upgrade operations" in flask("db", "check")

"""Migrations: core and each plugin on their own branch; no drift between models and migrations."""

from alembic.script import ScriptDirectory

from core.database import alembic_config, pending_upgrade


def test_models_and_migrations_agree(app):
    result = app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_core_and_plugin_are_separate_branches(app):
    with app.app_context():
        script = ScriptDirectory.from_config(alembic_config())
        labels = {
            label
            for head in script.get_heads()
            for label in script.get_revision(head).branch_labels
        }
        # One branch per installed plugin that has migrations (a partner's too), plus the core.
        plugins = app.extensions["plugin_host"].plugins.values()
        with_branch = {p.name for p in plugins if p.migrations_dir is not None}
        assert labels == {"core"} | with_branch
        assert {"keurmerk", "passendwerk", "sample"} <= labels
        assert not pending_upgrade()


def test_upgrade_command_is_idempotent(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["upgrade"])
        assert result.exit_code == 0 and "Database is up to date." in result.output


def test_accounts_migration_tells_invited_from_deactivated(database_url, tmp_path):
    """Before 0c0e4798652f invited people were inactive; after it they are active without a
    password, while deactivated people stay inactive and lose their open invitation."""
    from datetime import datetime, timedelta

    from alembic import command
    from sqlalchemy import text

    from core import create_app
    from core.extensions import db
    from core.testing import config_for_tests

    if not database_url.startswith("sqlite"):
        return  # the schema under test is SQLite's own file; PostgreSQL runs the same SQL
    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = create_app(config_for_tests(url, tmp_path / "instance"))
    with app.app_context():
        command.downgrade(alembic_config(), "core@f52e640d99b3")
        later = datetime(2030, 1, 1)
        with db.engine.begin() as connection:
            for user_id, email in ((1, "invited"), (2, "switched-off"), (3, "member")):
                connection.execute(
                    text(
                        "INSERT INTO user_account (id, email, display_name, password_hash,"
                        " active, created_at) VALUES (:id, :email, 'X', :hash, :active, :now)"
                    ),
                    {
                        "id": user_id,
                        "email": f"{email}@example.org",
                        "hash": "$argon2id$x" if user_id == 3 else None,
                        "active": user_id == 3,
                        "now": datetime(2026, 1, 1),
                    },
                )
            for user_id in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO invitation (user_id, token_hash, created_at, expires_at)"
                        " VALUES (:id, :hash, :now, :later)"
                    ),
                    {"id": user_id, "hash": str(user_id) * 64, "now": later, "later": later},
                )
            connection.execute(
                text(
                    "INSERT INTO security_event (at, kind, subject_user_id)"
                    " VALUES (:now, 'account_deactivated', 2)"
                ),
                {"now": later - timedelta(days=1)},
            )
        command.upgrade(alembic_config(), "heads")
        with db.engine.connect() as connection:
            active = dict(connection.execute(text("SELECT id, active FROM user_account")).all())
            open_links = (
                connection.execute(
                    text("SELECT user_id FROM invitation WHERE expires_at > :now"),
                    {"now": datetime(2029, 1, 1)},
                )
                .scalars()
                .all()
            )
        assert active == {1: True, 2: False, 3: True}
        assert open_links == [1]
        db.engine.dispose()

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
        assert labels == {"core", "keurmerk", "passendwerk", "sample"}
        assert not pending_upgrade()


def test_upgrade_command_is_idempotent(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["upgrade"])
        assert result.exit_code == 0 and "Database is up to date." in result.output

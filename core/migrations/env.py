"""Alembic environment: runs migrations against the app's database and metadata."""

from alembic import context
from flask import current_app

config = context.config
migrate_ext = current_app.extensions["migrate"]
metadata = migrate_ext.db.metadata


def run_migrations_online() -> None:
    def skip_empty_autogenerate(context_, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []

    engine = migrate_ext.db.engine
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Batch mode copies and drops tables; with foreign keys enforced, dropping a parent
            # would cascade into its children. SQLite ignores this pragma inside a transaction,
            # so it is set before Alembic begins one.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,  # SQLite can only ALTER by copying the table
            compare_type=True,
            process_revision_directives=skip_empty_autogenerate,
        )
        with context.begin_transaction():
            context.run_migrations()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")  # back to the pool as it came
            connection.commit()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run against a database.")
run_migrations_online()

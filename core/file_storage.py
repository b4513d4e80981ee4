"""Uploaded files, where every app server finds them.

Two places, chosen with FILE_STORAGE: ``local`` (the default; a folder in instance/, enough
for one server) or ``database`` (a table, so several app servers on one PostgreSQL database
see the same files without a shared disk). A plugin names its own area ("keurmerk") and keeps
the key it gets back; it never touches paths or the table.

Saving is part of the caller's work: with ``database`` the file is a row in the caller's
transaction; with ``local`` it is written at once (an unused file is harmless). Removing is
done after the caller has committed (``discard_file``), so a rollback never loses a file
that is still referred to.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from io import BytesIO
from pathlib import Path

from flask import abort, current_app, send_file
from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .timeutil import utcnow

BACKENDS = ("local", "database")
_AREA = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


class StoredFile(db.Model):
    """A file kept in the database (FILE_STORAGE = "database")."""

    __tablename__ = "stored_file"

    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def backend() -> str:
    return current_app.config["FILE_STORAGE"]


def _folder(area: str) -> Path:
    if not _AREA.match(area):
        raise ValueError(f"file area {area!r}: lower-case letters, digits, - and _ only")
    path = Path(current_app.instance_path) / "uploads" / area
    path.mkdir(parents=True, exist_ok=True)
    return path


def _local_path(area: str, key: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", key):
        raise ValueError("not a key this storage handed out")
    return _folder(area) / key


def save_file(area: str, data: bytes) -> str:
    """Keep `data` in `area`; returns its key (random, 32 hex characters)."""
    key = secrets.token_hex(16)
    if backend() == "database":
        _folder(area)  # checks the area's name
        db.session.add(StoredFile(area=area, key=key, data=data))
    else:
        _local_path(area, key).write_bytes(data)
    return key


def read_file(area: str, key: str) -> bytes | None:
    """The file's bytes, or None when it is not there."""
    if backend() == "database":
        return db.session.scalar(
            db.select(StoredFile.data).where(StoredFile.area == area, StoredFile.key == key)
        )
    path = _local_path(area, key)
    return path.read_bytes() if path.exists() else None


def discard_file(area: str, key: str) -> None:
    """Remove a file nothing refers to any more; call it after the caller has committed."""
    if backend() == "database":
        db.session.execute(
            db.delete(StoredFile).where(StoredFile.area == area, StoredFile.key == key)
        )
        db.session.commit()
    else:
        _local_path(area, key).unlink(missing_ok=True)


def file_response(area: str, key: str, *, mimetype: str, download_name: str, as_attachment: bool):
    """The file as a download (or shown inline); 404 when it is gone."""
    if backend() == "local":
        path = _local_path(area, key)
        if not path.exists():
            abort(404)
        return send_file(
            path, mimetype=mimetype, as_attachment=as_attachment, download_name=download_name
        )
    data = read_file(area, key)
    if data is None:
        abort(404)
    return send_file(
        BytesIO(data), mimetype=mimetype, as_attachment=as_attachment, download_name=download_name
    )

"""Evidence files for a certification: checked by content (not by name), stored outside the web
root under a random key (core file storage), handed out only to people who may see the
certification."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from datetime import datetime

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.utils import secure_filename

from core.api import User, db, discard_file, file_response, save_file, utcnow

from ..frameworks.models import Norm

MAX_BYTES = 10 * 1024 * 1024

# extension -> (kind shown to people, MIME type)
ALLOWED = {
    "pdf": ("PDF", "application/pdf"),
    "png": (_l("afbeelding"), "image/png"),
    "jpg": (_l("afbeelding"), "image/jpeg"),
    "jpeg": (_l("afbeelding"), "image/jpeg"),
    "docx": (_("Word"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (_("Excel"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (_l("tekstdocument"), "application/vnd.oasis.opendocument.text"),
    "ods": (_l("rekenblad"), "application/vnd.oasis.opendocument.spreadsheet"),
}


class EvidenceError(ValueError):
    """The file cannot be accepted; the message says why, in plain words."""


class Evidence(db.Model):
    __tablename__ = "keurmerk_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"), index=True
    )
    norm_id: Mapped[int | None] = mapped_column(ForeignKey("keurmerk_norm.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(200))  # as shown and downloaded
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    mimetype: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    uploaded_by: Mapped[User | None] = relationship()
    norm: Mapped[Norm | None] = relationship()

    @property
    def size_label(self) -> str:
        return human_size(self.size)

    @property
    def opens_in_browser(self) -> bool:
        return self.mimetype in INLINE_TYPES


def human_size(size: int) -> str:
    """A file size as people read it: bytes below a kilobyte, then kB, then MB."""
    if size < 1024:
        return ngettext("%(num)s byte", "%(num)s bytes", size)
    if size < 1024 * 1024:
        return _("%(n)s kB", n=format_decimal(size / 1024, format="#,##0.#"))
    return _("%(n)s MB", n=format_decimal(size / (1024 * 1024), format="#,##0.#"))


# An Office or ODF file is a zip archive. Its declared sizes are checked before anything is
# unpacked, and the check reads at most the few bytes it needs: a crafted archive (a "zip
# bomb") of a few hundred kilobytes can otherwise unpack to gigabytes in the worker's memory.
MAX_MEMBERS = 2000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all members together, as declared
MAX_RATIO = 100  # unpacked : packed, for a member larger than RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1024 * 1024


class SuspiciousArchive(EvidenceError):
    pass


def _declared_member_count(data: bytes) -> int | None:
    """The member count in the archive's end record, read before the directory is parsed
    (parsing builds an object per member)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65536 - 22))
    if end < 0 or end + 22 > len(data):
        return None
    return struct.unpack_from("<H", data, end + 10)[0]


def _check_declared_sizes(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise SuspiciousArchive()
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_UNPACKED_BYTES:
            raise SuspiciousArchive()
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * packed:
            raise SuspiciousArchive()


def _read_at_most(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with archive.open(name) as member:
        return member.read(limit)


def _content_matches(extension: str, head: bytes, data: bytes) -> bool:
    """Whether the content is what the extension claims; raises SuspiciousArchive."""
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    # Office files are zip archives; look inside for what makes them that kind of document.
    if not head.startswith(b"PK\x03\x04"):
        return False
    count = _declared_member_count(data)
    if count is not None and count > MAX_MEMBERS:
        raise SuspiciousArchive()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_declared_sizes(archive)
            names = set(archive.namelist())
            if extension in {"docx", "xlsx"}:
                return "[Content_Types].xml" in names and (
                    ("word/document.xml" in names)
                    if extension == "docx"
                    else ("xl/workbook.xml" in names)
                )
            expected = ALLOWED[extension][1].encode()
            return _read_at_most(archive, "mimetype", len(expected) + 1) == expected
    except SuspiciousArchive:
        raise
    except (zipfile.BadZipFile, KeyError, EOFError, zlib.error, ValueError):
        # ValueError: e.g. a member name flagged UTF-8 that is not (UnicodeDecodeError).
        return False
    except (NotImplementedError, RuntimeError):
        # An unknown compression method or an encrypted member: not a document we can check.
        return False


# Shown in the browser rather than downloaded: only types a browser displays without running
# anything of the file's own (never SVG or HTML, which can carry scripts).
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


def _checked(upload) -> tuple[str, bytes, str]:
    """The safe name, the content and the MIME type of `upload` (a werkzeug FileStorage), once
    its content is what its name claims; raises EvidenceError."""
    name = secure_filename(upload.filename or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise EvidenceError(
            _("Dit soort bestand kan niet. Kies een PDF, afbeelding (PNG, JPG) of Office-document.")
        )
    data = upload.stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise EvidenceError(
            _(
                "Het bestand is groter dan %(mb)s MB. Kies een kleiner bestand.",
                mb=MAX_BYTES // (1024 * 1024),
            )
        )
    if not data:
        raise EvidenceError(_("Het bestand is leeg."))
    try:
        matches = _content_matches(extension, data[:16], data)
    except SuspiciousArchive:
        raise EvidenceError(
            _(
                "Dit bestand ziet er verdacht uit en kan niet worden toegevoegd: uitgepakt wordt "
                "het veel groter dan een gewoon document. Sla het document opnieuw op, of kies "
                "een PDF."
            )
        ) from None
    if not matches:
        raise EvidenceError(
            _(
                _("Dit bestand is geen echt %(kind)s-bestand. Kies het juiste bestand."),
                kind=ALLOWED[extension][0],
            )
        )
    return name[:200], data, ALLOWED[extension][1]


# The core keeps the files where every app server finds them (FILE_STORAGE); we keep the key.
AREA = "keurmerk"


def _write(evidence: Evidence, name: str, data: bytes, mimetype: str, uploader) -> None:
    evidence.stored_name = save_file(AREA, data)
    evidence.filename, evidence.mimetype = name, mimetype
    evidence.size, evidence.sha256 = len(data), hashlib.sha256(data).hexdigest()
    evidence.uploaded_by_id, evidence.uploaded_at = uploader.id, utcnow()


def store(upload, certification_id: int, norm_id: int | None, uploader) -> Evidence:
    """Check `upload` (a werkzeug FileStorage) and store it; raises EvidenceError. The caller commits."""
    name, data, mimetype = _checked(upload)
    evidence = Evidence(certification_id=certification_id, norm_id=norm_id)
    _write(evidence, name, data, mimetype, uploader)
    db.session.add(evidence)
    return evidence


def replace(evidence: Evidence, upload, uploader) -> str:
    """Put `upload` in the place of `evidence` (same norm), checked like a new file; raises
    EvidenceError. Returns the old file's key, for the caller to remove once it has committed."""
    name, data, mimetype = _checked(upload)
    old = evidence.stored_name
    _write(evidence, name, data, mimetype, uploader)
    return old


def delete(evidence: Evidence) -> str:
    """Remove the record; returns its file's key, for the caller to remove once it has committed."""
    old = evidence.stored_name
    db.session.delete(evidence)
    return old


def remove_file(key: str) -> None:
    discard_file(AREA, key)


def download(evidence: Evidence, *, inline: bool):
    return file_response(
        AREA,
        evidence.stored_name,
        mimetype=evidence.mimetype,
        as_attachment=not inline,
        download_name=evidence.filename,
    )

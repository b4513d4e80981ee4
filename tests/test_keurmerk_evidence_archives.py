"""Office and ODF evidence files are zip archives: a crafted one (a "zip bomb") must be refused
from its declared sizes, without unpacking it, and the check reads only a few bytes."""

import io
import os
import zipfile

import pytest
from werkzeug.datastructures import FileStorage

from plugins.keurmerk.certification import evidence
from plugins.keurmerk.certification.evidence import EvidenceError

ODT = "application/vnd.oasis.opendocument.text"
SUSPICIOUS = "Dit bestand ziet er verdacht uit"


class Uploader:
    id = None


def archive(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def bytes_unpacked(monkeypatch):
    """How many bytes were read out of archive members, in total."""
    counter = {"bytes": 0}
    original = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = original(self, n)
        counter["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    return counter


def check(app, name: str, content: bytes):
    with app.test_request_context():
        upload = FileStorage(stream=io.BytesIO(content), filename=name)
        return evidence.store(upload, certification_id=1, norm_id=None, uploader=Uploader())


def test_a_highly_compressed_member_is_refused_without_unpacking_it(app, bytes_unpacked):
    # 20 MB of zeros behind the right mimetype packs into about 20 KB: ratio ~1000:1.
    bomb = archive({"mimetype": ODT.encode() + b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(EvidenceError, match=SUSPICIOUS):
        check(app, "verslag.odt", bomb)
    assert bytes_unpacked["bytes"] <= 1024


def test_an_archive_declaring_too_much_content_is_refused(app, bytes_unpacked):
    # Members that compress only modestly (random hex, about 2:1), adding up to more than the
    # limit (lowered here, so the test archive stays small).
    members = {"mimetype": ODT.encode()}
    members |= {f"Pictures/{n}.xml": os.urandom(10_000).hex().encode() for n in range(10)}
    with pytest.raises(EvidenceError, match=SUSPICIOUS):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(evidence, "MAX_UNPACKED_BYTES", 100 * 1024)
            check(app, "verslag.odt", archive(members))
    assert bytes_unpacked["bytes"] <= 1024


def test_an_archive_with_very_many_members_is_refused(app, monkeypatch, bytes_unpacked):
    monkeypatch.setattr(evidence, "MAX_MEMBERS", 50)
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"}
    members |= {f"word/media/{n}.xml": b"<x/>" for n in range(60)}
    with pytest.raises(EvidenceError, match=SUSPICIOUS):
        check(app, "brief.docx", archive(members))
    assert bytes_unpacked["bytes"] == 0


def test_real_office_files_still_pass_and_only_the_mimetype_is_read(app, bytes_unpacked):
    body = b"<office:document-content>" + b"<text:p>Beleid bij schulden.</text:p>" * 500
    odt = archive({"mimetype": ODT.encode(), "content.xml": body})
    stored = check(app, "beleid.odt", odt)
    assert stored.mimetype == ODT
    assert bytes_unpacked["bytes"] <= len(ODT) + 1
    docx = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"})
    assert check(app, "brief.docx", docx).filename == "brief.docx"


def test_an_odf_with_the_wrong_mimetype_is_still_refused(app):
    wrong = archive({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    with pytest.raises(EvidenceError, match="geen echt"):
        check(app, "verslag.odt", wrong)


def test_an_archive_with_a_broken_member_name_is_refused_not_a_500(app):
    """A central-directory name flagged UTF-8 that is not UTF-8 makes zipfile raise
    UnicodeDecodeError; that is not a real document, not a server error."""
    data = bytearray(archive({"mimetype": ODT.encode()}))
    central = data.rfind(b"PK\x01\x02")
    flags_at, name_at = central + 8, central + 46
    data[flags_at : flags_at + 2] = (0x800).to_bytes(2, "little")
    data[name_at] = 0xFF
    with pytest.raises(EvidenceError, match="geen echt"):
        check(app, "verslag.odt", bytes(data))

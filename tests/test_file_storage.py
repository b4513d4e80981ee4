"""The core's file storage: the same calls keep files in instance/ or in the database."""

import pytest

from core.extensions import db
from core.file_storage import StoredFile, discard_file, read_file, save_file


@pytest.mark.parametrize("storage", ["local", "database"])
def test_a_saved_file_is_read_back_and_discarded(app, storage, monkeypatch):
    monkeypatch.setitem(app.config, "FILE_STORAGE", storage)
    with app.app_context():
        key = save_file("sample", b"inhoud")
        db.session.commit()
        assert len(key) == 32 and read_file("sample", key) == b"inhoud"
        assert read_file("other", key) is None  # areas do not mix
        rows = db.session.scalar(db.select(db.func.count()).select_from(StoredFile))
        assert rows == (1 if storage == "database" else 0)
        discard_file("sample", key)
        assert read_file("sample", key) is None


@pytest.mark.parametrize("storage", ["local", "database"])
def test_a_rolled_back_save_leaves_nothing_referred_to(app, storage, monkeypatch):
    monkeypatch.setitem(app.config, "FILE_STORAGE", storage)
    with app.app_context():
        key = save_file("sample", b"half af")
        db.session.rollback()
        if storage == "database":
            assert read_file("sample", key) is None


def test_names_that_could_leave_the_folder_are_refused(app):
    with app.app_context():
        with pytest.raises(ValueError):
            save_file("../etc", b"x")
        with pytest.raises(ValueError):
            read_file("sample", "../../secret_key")


def test_an_unknown_storage_setting_stops_the_start(tmp_path):
    from core import create_app

    with pytest.raises(RuntimeError, match="FILE_STORAGE"):
        create_app({"INSTANCE_PATH": str(tmp_path), "FILE_STORAGE": "s3"})

"""The gunicorn settings the deployment docs rely on."""

import gc
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_worker_freezes_what_start_up_made_so_the_collector_skips_it():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["workers"] >= 1 and settings["bind"]
    before = gc.get_freeze_count()
    try:
        settings["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()

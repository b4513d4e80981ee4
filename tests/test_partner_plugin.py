"""A partner's plugin, installed as its own distribution and found by entry point, works
the same way as ours: it gets its own migration branch, its tables, its pages."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLUGIN = {
    "partnerplug/__init__.py": """
        from core.hookspecs import hookimpl
        from . import models  # noqa: F401  (tables join the metadata)

        title = "Partnerproject"
        version = "1.0"
        requires_core = ">=0.1"


        @hookimpl
        def warmrotterdam_blueprints():
            from .views import bp
            return [bp]


        @hookimpl
        def warmrotterdam_permissions():
            return {"partnerplug.view": {"partner"}}
    """,
    "partnerplug/models.py": """
        from sqlalchemy.orm import Mapped, mapped_column
        from core.extensions import db


        class Item(db.Model):
            __tablename__ = "partnerplug_item"
            id: Mapped[int] = mapped_column(primary_key=True)
            name: Mapped[str]
    """,
    "partnerplug/views.py": """
        from flask import Blueprint, render_template
        from core.access import requires
        from core.extensions import db
        from .models import Item

        bp = Blueprint("partnerplug", __name__, url_prefix="/partnerplug", template_folder="templates")


        @bp.route("/")
        @requires("partnerplug.view")
        def index():
            return render_template("partnerplug/index.html", count=db.session.query(Item).count())
    """,
    "partnerplug/templates/partnerplug/index.html": """
        {% extends "core/base.html" %}{% block content %}<h1>Partner: {{ count }}</h1>{% endblock %}
    """,
    "partnerplug-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: partnerplug\nVersion: 1.0\n",
    "partnerplug-1.0.dist-info/entry_points.txt": "[warmrotterdam.plugins]\npartnerplug = partnerplug\n",
}

CHECK_PAGE = """
from core import create_app
from core.testing import TEST_PASSWORD, post_form
from core.extensions import db
from core.accounts.models import User
from core.accounts.passwords import hash_password
app = create_app({"SESSION_COOKIE_SECURE": False})
with app.app_context():
    user = User(email="p@example.org", display_name="P", password_hash=hash_password(TEST_PASSWORD))
    user.set_roles({"partner"})
    db.session.add(user)
    db.session.commit()
client = app.test_client()
post_form(client, "/login", {"email": "p@example.org", "password": TEST_PASSWORD})
print(client.get("/partnerplug/").get_data(as_text=True))
"""


def test_partner_plugin_found_by_entry_point_gets_its_own_branch(tmp_path):
    site = tmp_path / "site"
    for name, text in PLUGIN.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "x",
    }
    env.pop("DATABASE_URL", None)

    def flask(*args):
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    assert "partnerplug" in flask("plugins", "list")
    flask("revision", "partnerplug", "-m", "partner items")
    [revision] = (site / "partnerplug" / "migrations").glob("*.py")
    source = revision.read_text()
    assert "branch_labels = ('partnerplug',)" in source
    assert f"depends_on = '{_core_head()}'" in source  # the core head when it was made
    assert "partnerplug_item" in source and "user_account" not in source

    flask("upgrade")
    flask("db", "check")
    page = subprocess.run(
        [sys.executable, "-c", CHECK_PAGE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "<h1>Partner: 0</h1>" in page.stdout, page.stderr



def _core_head() -> str:
    from alembic.script import ScriptDirectory

    core_migrations = Path(__file__).resolve().parents[1] / "core" / "migrations"
    [head] = ScriptDirectory(str(core_migrations)).get_heads()
    return head

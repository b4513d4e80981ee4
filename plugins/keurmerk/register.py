"""The public register: anyone can see who holds the keurmerk and check a certificate number."""

from flask import render_template

from core.api import public

from . import certifications
from .views import bp


@bp.route("/register")
@public
def register():
    return render_template("keurmerk/register.html", entries=certifications.register_entries())


@bp.route("/register/<number>")
@public
def verify(number: str):
    entry = next(
        (e for e in certifications.register_entries() if e[0].certificate_number == number), None
    )
    status = 200 if entry else 404
    return render_template("keurmerk/verify.html", entry=entry, number=number), status

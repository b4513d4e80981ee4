"""The public register: anyone can see who holds the keurmerk and check a certificate number."""

from flask import render_template

from core.api import public

from . import rules


@public
def register():
    return render_template("keurmerk/register.html", entries=rules.register_entries())


@public
def verify(number: str):
    entry = next((e for e in rules.register_entries() if e[0].certificate_number == number), None)
    status = 200 if entry else 404
    return render_template("keurmerk/verify.html", entry=entry, number=number), status

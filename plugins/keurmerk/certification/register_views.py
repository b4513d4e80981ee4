"""The public register: anyone can see who holds the keurmerk and check a certificate number."""

from flask import redirect, render_template, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from core.api import local_today, page_number, public

from . import register_cache, rules


@public
def register():
    query = request.args.get("q", "").strip()[: rules.MAX_QUERY]
    page, today = page_number(), local_today()

    def render() -> str:
        result = rules.search_register(query, page, today=today)
        return render_template("keurmerk/_register_results.html", result=result, query=query)

    results = register_cache.cached((today, query, page, str(get_locale())), render)
    return render_template("keurmerk/register.html", results=Markup(results), query=query)


@public
def verify(number: str):
    entry = rules.find_certificate(number)
    if entry is not None and entry[0].certificate_number != number:
        # Typed in small letters or with spaces: show it under its own number.
        return redirect(url_for("keurmerk.verify", number=entry[0].certificate_number))
    status = 200 if entry else 404
    return render_template("keurmerk/verify.html", entry=entry, number=number), status

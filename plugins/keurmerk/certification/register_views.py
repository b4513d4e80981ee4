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
    def look_up() -> tuple[str | None, str | None]:
        """(the number as the register writes it, the rendered answer) or (None, None)."""
        entry = rules.find_certificate(number)
        if entry is None:
            return None, None
        found = entry[0].certificate_number
        html = render_template("keurmerk/_verification.html", entry=entry, number=found)
        return found, html

    found, html = register_cache.cached(
        ("verify", local_today(), number, str(get_locale())), look_up
    )
    if found is not None and found != number:
        # Typed in small letters or with spaces: show it under its own number.
        return redirect(url_for("keurmerk.verify", number=found))
    status = 200 if found else 404
    return render_template(
        "keurmerk/verify.html", answer=Markup(html) if html else None, number=number
    ), status

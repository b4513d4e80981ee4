"""The public register as read-only JSON: a search a page at a time, and one certificate."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from core.api import absolute_url, int_arg, page_number, public

from . import rules
from .register_openapi import openapi_document


def _answer(body: dict, status: int = 200):
    response = jsonify(body)
    response.status_code = status
    # Public data, no cookies needed: any site may show it (an embedded register widget).
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _error(key: str, message: str, status: int):
    return _answer({"error": key, "message": message}, status)


def certificate_json(certification, status: rules.PublicStatus) -> dict:
    """Only what the register page shows."""
    suspended = status.key == "geschorst"
    return {
        "number": certification.certificate_number,
        "organisation": certification.organisation.name,
        "modules": [m.name for m in certification.granted],
        "status": {"key": status.key, "label": status.label},
        "valid_from": certification.valid_from.isoformat(),
        "valid_until": certification.valid_until.isoformat(),
        "suspended_on": (
            certification.suspended_on.isoformat()
            if suspended and certification.suspended_on
            else None
        ),
        "suspension_reason": certification.suspension_reason if suspended else None,
        "verification_url": absolute_url(
            "keurmerk.verify", number=certification.certificate_number
        ),
    }


@public
def api_register():
    try:
        page = page_number()
        per_page = int_arg("per_page", default=rules.PER_PAGE, maximum=rules.MAX_PER_PAGE)
    except HTTPException as refused:
        return _error("bad_request", str(refused.description), 400)
    query = request.args.get("q", "").strip()[: rules.MAX_QUERY]
    result = rules.search_register(query, page, per_page)

    def link(to_page: int) -> str:
        args = {"page": to_page, "per_page": per_page, **({"q": query} if query else {})}
        return absolute_url("keurmerk.api_register", **args)

    return _answer(
        {
            "items": [certificate_json(c, status) for c, status in result.entries],
            "page": result.page,
            "per_page": result.per_page,
            "total": result.total,
            "pages": result.pages,
            "next": link(page + 1) if result.more else None,
            "prev": link(page - 1) if page > 1 else None,
        }
    )


@public
def api_certificate(number: str):
    entry = rules.find_certificate(number)
    if entry is None:
        return _error(
            "not_found", _("Dit nummer staat niet in het register. Controleer het nummer."), 404
        )
    return _answer(certificate_json(*entry))


@public
def api_openapi():
    from .. import version

    server = absolute_url("keurmerk.api_openapi").removesuffix("/openapi.json")
    return _answer(openapi_document(server, version))

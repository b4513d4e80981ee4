"""Error pages in plain language, also when the database is down."""

from flask import Flask, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy import exc as sa
from werkzeug.exceptions import HTTPException

from .extensions import db, login_manager

MESSAGES = {
    400: (
        _l("Er ging iets mis met uw verzoek"),
        _l("Controleer wat u invulde en probeer het opnieuw."),
    ),
    403: (_l("Geen toegang"), _l("U heeft geen toestemming om deze pagina te bekijken.")),
    404: (
        _l("Pagina niet gevonden"),
        _l("Deze pagina bestaat niet (meer), of u mag hem niet zien."),
    ),
    405: (_l("Dat kan hier niet"), _l("Deze actie is op deze pagina niet mogelijk.")),
    409: (
        _l("Intussen gewijzigd"),
        _l("Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe stand."),
    ),
    410: (_l("Niet meer geldig"), _l("Deze link is verlopen of al gebruikt.")),
    413: (_l("Bestand te groot"), _l("Het bestand is te groot. Kies een kleiner bestand.")),
    429: (_l("Even wachten"), _l("Te veel pogingen. Probeer het later opnieuw.")),
    500: (_l("Er ging iets mis"), _l("Er ging bij ons iets mis. Probeer het later opnieuw.")),
}


def render_error(code: int, detail: str | None = None, link: str | None = None):
    """The error page; `link` points to where the user can see the current state."""
    title, text = MESSAGES.get(code, MESSAGES[500])
    return render_template(
        "core/error.html", code=code, title=title, text=detail or text, link=link
    ), code


def database_unavailable(error: BaseException) -> bool:
    """Whether `error` means the database cannot be reached (rather than refused a statement)."""
    if isinstance(error, sa.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(
        error, sa.OperationalError | sa.InterfaceError | sa.DisconnectionError | sa.TimeoutError
    )


# The last resort when even the error template cannot be rendered: no template, no database.
BARE_500 = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{title} · Warm Rotterdam</title>
<link rel="stylesheet" href="/static/core/app.css"></head>
<body><main id="main"><p>Warm Rotterdam</p><h1>{title}</h1><p>{text}</p>
<p class="hint">Foutcode 500</p><p><a href="/">Naar het overzicht</a></p></main></body></html>"""


def _rollback(app: Flask) -> None:
    try:
        db.session.rollback()
    except sa.SQLAlchemyError:
        # The connection is gone; the session is discarded at the end of the request anyway.
        app.logger.warning("Rollback after an error failed; the database is unreachable")


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            _(
                "Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code not in MESSAGES:
            return error
        # A view may pass its own plain-language message: abort(409, description=...).
        own = error.description if error.description != type(error).description else None
        return render_error(error.code, own)

    @app.errorhandler(sa.IntegrityError)
    def integrity_error(error: sa.IntegrityError):
        """A unique key or reference another request got to first: 409, not 500. Views that
        can say more catch the conflict themselves; this is the safety net."""
        _rollback(app)
        # Neither the statement's parameters nor the database's detail: they may hold personal data.
        constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
        app.logger.warning(
            "Integrity conflict in %s (%s%s)",
            request.endpoint,
            type(error.orig).__name__,
            f", {constraint}" if constraint else "",
        )
        return render_error(
            409,
            _(
                "Dit bestaat al of is intussen gewijzigd. Bekijk de nieuwe stand en probeer het "
                "zo nodig opnieuw."
            ),
        )

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error
        _rollback(app)
        app.logger.exception("Unhandled error")
        if database_unavailable(error):
            # The page shell would load the user and the plugins' menus from the database:
            # render it as for a visitor who is not logged in.
            g._login_user = login_manager.anonymous_user()
        try:
            return render_error(500)
        except Exception:
            app.logger.exception("The error page itself failed; answering with the bare page")
            title, text = MESSAGES[500]
            return BARE_500.format(title=escape(str(title)), text=escape(str(text))), 500

"""Error pages in plain language."""

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db

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

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return render_error(500)

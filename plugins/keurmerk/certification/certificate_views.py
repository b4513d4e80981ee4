"""The certificate as a PDF: public, like the register, and only while it is valid."""

from flask import abort, url_for
from flask_babel import gettext as _

from core.api import public, render_error

from . import documents, rules


@public
def certificate_pdf(number: str):
    entry = rules.find_certificate(number)  # as the verification page finds it
    if entry is None:
        abort(404)  # not in the register: no certificate to print
    certification, status = entry
    if status.key != "geldig":
        # A printed certificate travels without its status: one that is suspended, withdrawn or
        # expired is not handed out, so no one can show it as if it still counted. The
        # verification page says what became of it.
        return render_error(
            410,
            _(
                "Dit certificaat is %(status)s. Een certificaat downloaden kan alleen zolang het "
                "geldig is.",
                status=status.label,
            ),
            link=url_for("keurmerk.verify", number=certification.certificate_number),
        )
    return documents.pdf_response(
        documents.certificate_pdf(certification),
        f"certificaat-{certification.certificate_number}.pdf",
        private=False,
    )

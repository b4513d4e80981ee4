"""The getuigschrift: a printable page and a PDF for a member who took the challenge on."""

from __future__ import annotations

from pathlib import Path

from flask import Response
from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF

from core.api import euros

from .models import Participation

# DejaVu Sans, bundled (fonts/LICENSE.txt): the PDF core fonts know latin-1 only, and names
# of council members do not keep to it.
FONTS = Path(__file__).resolve().parents[1] / "fonts"


def may_have_certificate(state: str) -> bool:
    """Whoever saw their period through gets one, within budget or not."""
    return state in ("volbracht", "niet_gelukt")


def certificate_text(participation: Participation, completed: bool) -> str:
    budget = euros(participation.budget_cents)
    if completed:
        return _(
            "%(name)s heeft %(days)s dagen geleefd van %(budget)s, en hield een logboek bij.",
            name=participation.member.name,
            days=participation.period_days,
            budget=budget,
        )
    return _(
        "%(name)s nam de uitdaging aan om %(days)s dagen te leven van %(budget)s, en hield vol tot het einde.",
        name=participation.member.name,
        days=participation.period_days,
        budget=budget,
    )


def certificate_pdf(participation: Participation, completed: bool) -> Response:
    challenge = participation.challenge
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(_("Getuigschrift"))
    pdf.set_author("Warm Rotterdam")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 32)
    pdf.ln(25)
    pdf.cell(0, 16, _("Getuigschrift"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 16)
    pdf.ln(6)
    pdf.multi_cell(0, 9, challenge.question, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(0, 12, participation.member.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 14)
    pdf.ln(6)
    pdf.multi_cell(
        0, 8, certificate_text(participation, completed), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(14)
    pdf.set_font("DejaVu", "", 11)
    if participation.ends_on:
        pdf.cell(
            0,
            6,
            _("Rotterdam, %(date)s", date=format_date(participation.ends_on, "long")),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.cell(0, 6, "Warm Rotterdam", align="C")
    return Response(
        bytes(pdf.output()),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="getuigschrift.pdf"',
            "Cache-Control": "no-store",
        },
    )

"""PDFs of the audit report and the certificate, built on the server from the report's facts."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import segno
from flask import Response
from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF

from core.api import absolute_url

from .report import AuditReport

# DejaVu Sans is bundled (see fonts/LICENSE.txt): the PDF core fonts know latin-1 only, and
# Dutch text holds "–", "…" and quotes beyond it. Bundled rather than taken from the system,
# so every server prints the same, and none fails for lack of a font package.
FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"


class _Document(FPDF):
    def __init__(self, title: str, orientation: str = "portrait"):
        super().__init__(orientation=orientation, format="A4")
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_title(title)
        self.set_author("Warm Rotterdam")
        self.set_lang("nl")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_font(FONT, size=10)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, _("Pagina %(page)s", page=self.page_no()), align="C")

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(3)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=10)
        self.ln(1)

    def paragraph(self, text: str, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", 10)
        self.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=10)

    def facts(self, rows: list[tuple[str, str]]) -> None:
        with self.table(
            col_widths=(45, 135),
            first_row_as_headings=False,
            borders_layout="NONE",
            text_align="LEFT",
            v_align="TOP",
            line_height=5,
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label)
                row.cell(value)


def _date(value: date | None) -> str:
    return format_date(value, "long") if value else "–"


def pdf_response(data: bytes, filename: str, private: bool = True) -> Response:
    """A PDF to save; a private one (the report names people) is kept out of shared caches,
    as the core does for pages."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if private:
        headers["Cache-Control"] = "no-store"
    return Response(data, mimetype="application/pdf", headers=headers)


def report_pdf(report: AuditReport) -> bytes:
    c = report.certification
    title = _("Auditrapport:") + " " + c.organisation.name
    pdf = _Document(title)
    pdf.heading(title, 16)
    pdf.facts(
        [
            (_("Normenkader"), c.framework.label),
            (
                _("Aangevraagde modules"),
                ", ".join(m.name for m in c.modules) or _("Alle normen"),
            ),
            (_("Fase"), report.state_label),
            (_("Aangevraagd op"), _date(c.applied_at.date())),
            (_("Audit"), _date(c.audit_date)),
            (_("Auditoren"), ", ".join(report.auditors) or _("nog niet gekozen")),
        ]
    )

    pdf.heading(_("Samenvatting"))
    headings = [*report.verdict_labels.values(), _("Niet beoordeeld")]
    for caption, rows in ((_("Thema"), report.themes), (_("Module"), report.modules)):
        if not rows:
            continue
        with pdf.table(col_widths=(60, *[24] * len(headings)), text_align="LEFT") as table:
            table.row([caption, *headings])
            for tally in rows:
                table.row(
                    [
                        tally.name,
                        *[str(tally.counts[key]) for key in report.verdict_labels],
                        str(tally.not_judged),
                    ]
                )
        pdf.ln(3)

    pdf.heading(_("Oordeel per norm"))
    for row in report.norms:
        pdf.heading(f"{row.norm.code} · {row.norm.title}", 11)
        j = row.judgement
        if j is None:
            pdf.paragraph(_("Niet beoordeeld."))
        else:
            pdf.paragraph(j.verdict_label, bold=True)
            pdf.paragraph(j.narrative)
            # Names are joined to the translated text, never formatted into it.
            by = row.judged_by or _("een auditor")
            judged_by = _("Beoordeeld door")
            pdf.paragraph(f"{judged_by}: {by}, {_date(j.judged_at.date())}")
        for f in row.findings:
            pdf.ln(1)
            if not f.needs_action:
                pdf.paragraph(_("Observatie bij %(code)s", code=row.norm.code), bold=True)
                pdf.paragraph(f.description)
                if f.corrective_action:
                    pdf.paragraph(_("Suggestie:") + " " + f.corrective_action)
                pdf.paragraph(_("Geen actie nodig."))
                continue
            pdf.paragraph(_("Bevinding bij %(code)s", code=row.norm.code), bold=True)
            status = (
                _("opgelost")
                if f.closed
                else (_("reactie wacht op de auditor") if f.awaiting_review else _("open"))
            )
            facts = [
                (_("Zwaarte"), f.grade_label),
                (_("Wat er mis is"), f.description),
                (_("Wat de organisatie moet verbeteren"), f.corrective_action or "–"),
                (_("Uiterlijk"), _date(f.deadline)),
                (_("Reactie van de organisatie"), f.response or _("nog geen reactie")),
            ]
            if f.review_note or f.reviewed_at:
                facts.append((_("Beoordeling door de auditor"), f.review_note or "–"))
            facts.append((_("Stand"), status))
            pdf.facts(facts)
        if row.evidence:
            pdf.ln(1)
            pdf.paragraph(_("Bewijs bij %(code)s", code=row.norm.code), bold=True)
            for e in row.evidence:
                pdf.paragraph(f"• {e.filename} ({e.size_label}, {_date(e.uploaded_at.date())})")
    if report.general_evidence:
        pdf.heading(_("Bestanden bij de hele certificering"))
        for e in report.general_evidence:
            pdf.paragraph(f"• {e.filename} ({e.size_label}, {_date(e.uploaded_at.date())})")

    pdf.heading(_("Besluiten"))
    if not report.decisions:
        pdf.paragraph(_("De commissie heeft nog niet besloten."))
    for d in report.decisions:
        # Names are joined to the translated text, never formatted into it.
        pdf.paragraph(f"{d.label}: {d.by}, {_date(d.at.date())}", bold=True)
        if d.comment:
            pdf.paragraph(_("Toelichting:") + " " + d.comment)
    if report.certificate_number:
        pdf.ln(2)
        pdf.facts(
            [
                (_("Toegekende modules"), ", ".join(report.granted) or _("Alle normen")),
                (_("Certificaatnummer"), report.certificate_number),
                (_("Geldig van"), _date(report.valid_from)),
                (_("Geldig tot en met"), _date(report.valid_until)),
            ]
        )
    return bytes(pdf.output())


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


def certificate_pdf(certification) -> bytes:
    """The certificate of a valid keurmerk; its QR code leads to the public verification page,
    which always tells the status of today."""
    url = absolute_url("keurmerk.verify", number=certification.certificate_number)
    modules = ", ".join(m.name for m in certification.granted) or _("Alle normen")
    pdf = _Document(
        _("Certificaat %(number)s", number=certification.certificate_number), "landscape"
    )
    pdf.set_y(25)
    pdf.set_font(FONT, "B", 26)
    pdf.cell(0, 14, _("Certificaat"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 14)
    pdf.cell(0, 9, _("Keurmerk Warm Sociaal Incasseren"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(0, 8, _("Warm Rotterdam verklaart dat"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 22)
    pdf.multi_cell(0, 12, certification.organisation.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 14)
    pdf.multi_cell(
        0,
        8,
        _("voldoet aan de normen van:") + " " + modules,
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(
        0,
        7,
        _("Getoetst aan het normenkader %(label)s", label=certification.framework.label),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)
    top = pdf.get_y()
    pdf.set_x(40)
    pdf.set_font(FONT, "", 11)
    for label, value in (
        (_("Certificaatnummer"), certification.certificate_number),
        (_("Geldig van"), _date(certification.valid_from)),
        (_("Geldig tot en met"), _date(certification.valid_until)),
    ):
        pdf.set_x(40)
        pdf.set_font(FONT, "", 11)
        pdf.cell(45, 7, label)
        pdf.set_font(FONT, "B", 11)
        pdf.cell(100, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_x(40)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(
        150,
        5,
        _(
            "Controleer of dit certificaat nog geldig is: scan de QR-code of ga naar %(url)s",
            url=url,
        ),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.image(_qr_png(url), x=210, y=top - 4, w=40, h=40, alt_text=url)
    return bytes(pdf.output())

"""Every page of the plugin in one table."""

from flask import Blueprint

from .certification import (
    certificate_views,
    export_views,
    register_api,
    register_views,
    surveillance_views,
)
from .certification import views as certification_views
from .frameworks import views as framework_views

# No prefix of its own: the pages live under /keurmerk, the JSON API under /api/v1/keurmerk,
# and both answer 404 while the plugin is disabled.
bp = Blueprint("keurmerk", __name__, template_folder="templates")
PAGES, API = "/keurmerk", "/api/v1/keurmerk"

GET, POST, FORM = ["GET"], ["POST"], ["GET", "POST"]

# (rule, view, methods); the endpoint is the view's name: url_for("keurmerk.certification").
ROUTES = [
    # The norm framework: versions, norms, consultation, pilot audits, comparison.
    ("/", framework_views.index, GET),
    ("/frameworks/<int:framework_id>", framework_views.framework, GET),
    ("/frameworks/new-version/<int:framework_id>", framework_views.new_version, POST),
    ("/frameworks/<int:framework_id>/norms/new", framework_views.new_norm, FORM),
    ("/norms/<int:norm_id>/edit", framework_views.edit_norm, FORM),
    ("/norms/<int:norm_id>", framework_views.norm, GET),
    ("/norms/<int:norm_id>/comments", framework_views.add_comment, POST),
    ("/comments/<int:comment_id>/resolve", framework_views.resolve_comment, FORM),
    ("/my-comments", framework_views.my_comments, GET),
    ("/frameworks/<int:framework_id>/pilot-audits", framework_views.add_pilot_audit, POST),
    ("/pilot-audits/<int:audit_id>/complete", framework_views.complete_pilot_audit, POST),
    ("/pilot-audits/<int:audit_id>.ics", framework_views.pilot_audit_ics, GET),
    ("/compare", framework_views.compare, GET),
    # Certification: applying, the audit norm by norm, findings, evidence, the report.
    ("/certifications/", certification_views.certifications_index, GET),
    ("/certifications/apply", certification_views.apply, FORM),
    ("/certifications/<int:certification_id>", certification_views.certification, GET),
    ("/certifications/<int:certification_id>/audit.ics", certification_views.audit_ics, GET),
    ("/certifications/<int:certification_id>/renew", certification_views.renew, POST),
    (
        "/certifications/<int:certification_id>/self-assessment",
        certification_views.self_assessment,
        FORM,
    ),
    (
        "/certifications/<int:certification_id>/audit/<int:norm_id>",
        certification_views.judge,
        FORM,
    ),
    ("/surveillances/<int:surveillance_id>", surveillance_views.surveillance, GET),
    ("/surveillances/<int:surveillance_id>/plan", surveillance_views.plan_surveillance, FORM),
    (
        "/surveillances/<int:surveillance_id>/norms/<int:norm_id>",
        surveillance_views.judge_surveillance,
        FORM,
    ),
    ("/findings/<int:finding_id>/respond", certification_views.respond_to_finding, POST),
    ("/findings/<int:finding_id>/review", certification_views.review_finding, POST),
    (
        "/certifications/<int:certification_id>/evidence",
        certification_views.upload_evidence,
        POST,
    ),
    ("/evidence/<int:evidence_id>", certification_views.download_evidence, GET),
    ("/evidence/<int:evidence_id>/delete", certification_views.delete_evidence, POST),
    ("/evidence/<int:evidence_id>/replace", certification_views.replace_evidence, POST),
    ("/certifications/<int:certification_id>/report", certification_views.report, GET),
    ("/certifications/<int:certification_id>/report.pdf", certification_views.report_pdf, GET),
    ("/register/<number>/certificate.pdf", certificate_views.certificate_pdf, GET),
    # The public register, and the CSV exports.
    ("/register", register_views.register, GET),
    ("/register/<number>", register_views.verify, GET),
    ("/register.csv", export_views.register_csv, GET),
    ("/findings.csv", export_views.findings_csv, GET),
]

# The public register as read-only JSON, described by its own OpenAPI document.
API_ROUTES = [
    ("/register", register_api.api_register, GET),
    ("/certificates/<number>", register_api.api_certificate, GET),
    ("/openapi.json", register_api.api_openapi, GET),
]

MOUNTS = [(PAGES, ROUTES), (API, API_ROUTES)]

for _prefix, _routes in MOUNTS:
    for _rule, _view, _methods in _routes:
        bp.add_url_rule(_prefix + _rule, view_func=_view, methods=_methods)

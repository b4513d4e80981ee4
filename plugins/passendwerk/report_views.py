"""The programme team's funnel, and its anonymous figures as CSV."""

from flask import render_template

from core.api import csv_response, requires

from .reports import csv_rows, figures
from .views import bp


@bp.route("/report")
@requires("passendwerk.reports")
def report():
    return render_template("passendwerk/report.html", f=figures())


@bp.route("/report.csv")
@requires("passendwerk.reports")
def report_csv():
    header, *rows = csv_rows(figures())
    return csv_response("passendwerk-cijfers.csv", header, rows)

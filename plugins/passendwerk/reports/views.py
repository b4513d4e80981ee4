"""The programme team's funnel, and its anonymous figures as CSV."""

from flask import render_template

from core.api import csv_response, requires

from .figures import csv_rows, figures


@requires("passendwerk.reports")
def report():
    return render_template("passendwerk/report.html", f=figures())


@requires("passendwerk.reports")
def report_csv():
    header, *rows = csv_rows(figures())
    return csv_response("passendwerk-cijfers.csv", header, rows)

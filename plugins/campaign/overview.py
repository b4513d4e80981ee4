"""The campaign's start page for the team: what runs now, with a link to each area."""

from flask import render_template

from core.api import requires


@requires("campaign.view")
def index():
    return render_template("campaign/index.html")


ROUTES = [("/", index, ["GET"])]

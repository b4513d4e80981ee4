"""Every page of the plugin in one table: each area lists its own routes."""

from flask import Blueprint

from . import overview
from .content import magazine_views
from .content import views as content

bp = Blueprint("campaign", __name__, url_prefix="/campaign", template_folder="templates")

# (rule, view, methods); the endpoint is the view's name: url_for("campaign.index").
ROUTES = [
    *overview.ROUTES,
    *content.ROUTES,
    *magazine_views.ROUTES,
]
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)

"""Every page of the plugin in one table: each area lists its own routes."""

from flask import Blueprint

from . import overview
from .challenge import index_views, member_views
from .challenge import views as challenge_views
from .content import magazine_views
from .content import views as content
from .council import views as council_views
from .warmtebronnen import views as warmtebronnen

bp = Blueprint("campaign", __name__, url_prefix="/campaign", template_folder="templates")

# (rule, view, methods); the endpoint is the view's name: url_for("campaign.index").
ROUTES = [
    *overview.ROUTES,
    # The council and the challenge to it, for the team.
    *council_views.ROUTES,
    *challenge_views.ROUTES,
    # A council member's own page, through the personal link in their mail.
    *member_views.ROUTES,
    # The Politieke Armoede Index, public once published.
    *index_views.ROUTES,
    # The Warmtebronnen map, public; each entry kept by the team or the Warmtebron itself.
    *warmtebronnen.ROUTES,
    # The communication calendar, the editorial board and the magazine (public editions).
    *content.ROUTES,
    *magazine_views.ROUTES,
]
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)

"""Every page of the plugin in one table: each area lists its own routes."""

from flask import Blueprint

from .agreements import views as agreements
from .bodies import views as bodies
from .evaluation import views as evaluation
from .evaluation.rules import period_label
from .experts import views as experts
from .pools import views as pools
from .signals import views as signals
from .subprojects import views as subprojects
from .time_units import hours

bp = Blueprint("jijdoetertoe", __name__, url_prefix="/jijdoetertoe", template_folder="templates")

# (rule, view, methods); the endpoint is the view's name: url_for("jijdoetertoe.index").
ROUTES = [
    # The register of experts by experience, and an expert's own overview.
    *experts.ROUTES,
    # Bodies: the advisory committee, working groups, editorial board, the board; advice.
    *bodies.ROUTES,
    # New subprojects: from an idea to a working group, and the own list of ideas.
    *subprojects.ROUTES,
    # Part 4: partner agreements, expert pools on request, signals from the neighbourhood.
    *agreements.ROUTES,
    *pools.ROUTES,
    *signals.ROUTES,
    # The evaluation of a started subproject per period, with the committee's verdict.
    *evaluation.ROUTES,
]
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)
bp.add_app_template_filter(hours, "jijdoetertoe_hours")
bp.add_app_template_filter(period_label, "jijdoetertoe_period")

"""The home page: for a visitor, what Warm Rotterdam is and the public pages of enabled
plugins; for someone logged in, the dashboard (own work, programme targets, widgets)."""

from datetime import date

from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .access import public
from .data_cache import cached
from .figures import targets as figures
from .figures.publishing import anything_published
from .plugin_host import plugin_host
from .tasks import plugin_tasks
from .timeutil import local_today
from .ui import NavItem, Target
from .workflow import engine_of
from .workflow.inbox import inbox_page

# The home page shows the first few of each; "Mijn taken" has the rest.
HOME_ROWS = 5

bp = Blueprint("dashboard", __name__)


def programme_targets(today: date) -> list[Target]:
    """Progress against the programme plan's targets today: one query per target."""
    return [
        Target(target.label, target.values_on([today])[0], target.goal)
        for target in figures.programme_targets()
    ]


def own_work(user) -> dict:
    """What `user` must do, soonest first: the steps waiting for them and their plugin tasks."""
    rows, more = inbox_page(engine_of(), user, size=HOME_ROWS)
    tasks = plugin_tasks(user, HOME_ROWS + 1)
    return {
        "rows": rows,
        "tasks": tasks[:HOME_ROWS],
        "more": more or len(tasks) > HOME_ROWS,
    }


def public_pages() -> list:
    """The pages enabled plugins offer to everyone, for the landing page; and the programme's
    published figures, once there are any."""
    pages = plugin_host().call("warmrotterdam_public_pages")
    if anything_published():
        pages.append(NavItem(_l("Voortgang van het programma"), url_for("figures.progress"), 10))
    return sorted(pages, key=lambda p: p.order)


@bp.route("/")
@public  # the landing page for visitors; the dashboard once logged in
def index():
    if not current_user.is_authenticated:
        return render_template("core/landing.html", pages=public_pages())
    host = plugin_host()
    widgets = sorted(
        host.call("warmrotterdam_dashboard_widgets", user=current_user), key=lambda w: w.order
    )
    return render_template(
        "core/dashboard.html",
        work=own_work(current_user),
        # The same for everyone, until the data, the day, the language or the plugins change.
        targets=cached(("dashboard.targets",), lambda: tuple(programme_targets(local_today()))),
        widgets=widgets,
    )

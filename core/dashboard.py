"""The home page: for a visitor, what Warm Rotterdam is and the public pages of enabled
plugins; for someone logged in, the dashboard (own work, programme targets, widgets)."""

from datetime import date, timedelta

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func

from .access import public
from .accounts.models import User, UserRole
from .extensions import db
from .meetings.models import Meeting
from .organisations.kinds import INFORMAL_KINDS
from .organisations.models import Organisation
from .plugin_host import plugin_host
from .tasks import plugin_tasks
from .timeutil import local_midnight_utc, local_today
from .ui import Target
from .workflow import engine_of
from .workflow.inbox import expected_steps, inbox_page
from .workflow.titles import subject_titles

# The home page shows the first few of each; "Mijn taken" has the rest.
HOME_ROWS = 5

bp = Blueprint("dashboard", __name__)


def programme_targets(today: date) -> list[Target]:
    """Progress against the programme plan's targets (2019-2022)."""
    experts = (
        db.select(func.count(func.distinct(UserRole.user_id)))
        .join(User)
        .where(UserRole.role == "expert", User.active, User.password_hash.is_not(None))
    )
    informal = db.select(func.count()).where(Organisation.kind.in_(INFORMAL_KINDS))
    organisations = db.select(func.count(Organisation.id))
    # The year as Rotterdam counts it: a meeting at 00:30 on 1 January is this year's.
    this_year = Meeting.starts_at.between(
        local_midnight_utc(date(today.year, 1, 1)),
        local_midnight_utc(date(today.year + 1, 1, 1)) - timedelta(microseconds=1),
    )
    meetings = db.select(func.count(Meeting.id)).where(this_year)
    knowledge = db.select(func.count(Meeting.id)).where(
        this_year, Meeting.kind == "knowledge_source"
    )
    counts = (experts, informal, organisations, meetings, knowledge)
    # One round trip for the five counts.
    experts, informal, organisations, meetings, knowledge = db.session.execute(
        db.select(*(q.scalar_subquery() for q in counts))
    ).one()
    return [
        Target(_l("Ervaringsdeskundigen betrokken"), experts, 200),
        Target(_l("Informele partners, sociale ondernemingen en netwerken"), informal, 150),
        Target(_l("Partnerorganisaties aangesloten"), organisations, 250),
        Target(_l("Bijeenkomsten dit jaar"), meetings, 20),
        Target(_l("Bijeenkomsten met kennisbronnen dit jaar"), knowledge, 15),
    ]


def own_work(user) -> dict:
    """What `user` must do, soonest first: the steps waiting for them and their plugin tasks."""
    engine = engine_of()
    instances, more = inbox_page(engine, user, size=HOME_ROWS)
    tasks = plugin_tasks(user, HOME_ROWS + 1)
    return {
        "instances": instances,
        "titles": subject_titles(instances),
        "steps": expected_steps(engine, user, instances),
        "tasks": tasks[:HOME_ROWS],
        "more": more or len(tasks) > HOME_ROWS,
    }


def public_pages() -> list:
    """The pages enabled plugins offer to everyone, for the landing page."""
    return sorted(plugin_host().call("warmrotterdam_public_pages"), key=lambda p: p.order)


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
        targets=programme_targets(local_today()),
        widgets=widgets,
    )

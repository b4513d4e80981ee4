"""Warm Rotterdam Werkt (Passend Werk): long-term unemployed Rotterdammers into fitting work,
talent first, with the privacy of vulnerable people built in."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import (
    NavItem,
    OrganisationKind,
    Role,
    Setting,
    Task,
    Widget,
    cached,
    hookimpl,
    user_can,
    whole_number,
)

title = "Warm Rotterdam Werkt"
version = "0.1.0"
requires_api = ">=1.6,<2"


@hookimpl
def warmrotterdam_settings():
    return [
        Setting(
            "RETENTION_DAYS",
            730,
            whole_number(1),
            _l("Dagen dat een afgesloten dossier van een werkzoekende bewaard blijft."),
        ),
        Setting(
            "LASTING_AFTER_DAYS",
            183,
            whole_number(1),
            _l("Dagen inwerken waarna werk als duurzaam kan gelden."),
        ),
        # The plan asks for trained lifecoaches without a number; the team sets its own goal.
        Setting(
            "LIFECOACHES_GOAL",
            5,
            whole_number(1),
            _l("Doel: zoveel lifecoaches hebben de training afgerond."),
        ),
    ]


@hookimpl
def warmrotterdam_blueprints():
    from .blueprint import bp

    return [bp]


@hookimpl
def warmrotterdam_cli_commands():
    from .cli import passendwerk

    return [passendwerk]


@hookimpl
def warmrotterdam_workflows():
    from .workflows import PRIVACY_REQUEST, ROUTE

    return [ROUTE, PRIVACY_REQUEST]


@hookimpl
def warmrotterdam_roles():
    return [
        Role(
            "employer",
            _l("Werkgever"),
            _l("Biedt vacatures en begeleidt nieuwe medewerkers."),
            acts_for_organisation=True,
        ),
        Role(
            "lifecoach", _l("Lifecoach"), _l("Helpt een werkzoekende bij persoonlijke obstakels.")
        ),
    ]


@hookimpl
def warmrotterdam_organisation_kinds():
    return [OrganisationKind("employer", _l("Werkgever"))]


@hookimpl
def warmrotterdam_permissions():
    return {
        "passendwerk.view": {"team", "partner", "lifecoach"},
        "passendwerk.refer": {"team", "partner"},
        "passendwerk.all": {"team"},
        # Maintain the competence catalogue, training modules, causes; run Meet & Greets.
        "passendwerk.manage": {"team"},
        # Search the competence catalogue: whoever edits a talent profile (passendwerk.view)
        # or a vacancy (passendwerk.vacancies); the search view checks one of those too.
        "passendwerk.competences": {"team", "partner", "lifecoach", "employer"},
        # Publish vacancies (an employer for its own organisation) and answer introductions.
        "passendwerk.vacancies": {"team", "employer"},
        "passendwerk.vacancies.view": {"team", "partner", "employer"},
        "passendwerk.reports": {"team", "board"},
    }


@hookimpl
def warmrotterdam_navigation(user):
    if user_can(user, "passendwerk.view"):
        return [NavItem(_l("Passend werk"), url_for("passendwerk.index"), 45)]
    if user_can(user, "passendwerk.vacancies.view"):
        return [NavItem(_l("Vacatures"), url_for("passendwerk.vacancies"), 45)]
    return []


@hookimpl
def warmrotterdam_dashboard_widgets(user):
    if not user_can(user, "passendwerk.reports"):
        return []
    from .reports.figures import figures

    # The programme's figures, the same for the whole team: worked out once per change.
    body = cached(
        ("passendwerk.widget",), lambda: render_template("passendwerk/widget.html", f=figures())
    )
    return [Widget(_l("Passend werk"), body, order=45)]


@hookimpl
def warmrotterdam_tasks(user, limit):
    # Asked on every dashboard and "Mijn taken" view; the answer changes only with the data.
    return list(cached(("passendwerk.tasks", user.id, limit), lambda: tuple(_tasks(user, limit))))


def _tasks(user, limit):
    from .access import employer_ids
    from .introductions.induction import feedback_due
    from .introductions.models import ANSWER_WITHIN, awaiting_answer, placements_without_mentor

    # A name is joined to the translated text, never formatted into it.
    talk, answer = _("Feedbackgesprek"), _("Antwoord op de kennismaking")
    mentor = _("Mentor en inwerkplan")
    tasks = []
    if user_can(user, "passendwerk.view"):
        tasks += [
            Task(
                f"{talk}: {due.name}",
                url_for("passendwerk.job_seeker", job_seeker_id=due.job_seeker_id) + "#werk",
                due.due,
            )
            for due in feedback_due(coach_id=user.id)
        ]
    if user_can(user, "passendwerk.vacancies") and (own := employer_ids(user)):
        tasks += [
            Task(
                f"{answer}: {i.job_seeker.name} ({i.vacancy.title})",
                url_for("passendwerk.introduction", introduction_id=i.id),
                (i.introduced_at + ANSWER_WITHIN).date(),
            )
            for i in awaiting_answer(own)
        ]
        tasks += [
            Task(
                f"{mentor}: {p.job_seeker.name}",
                url_for("passendwerk.induction_plan", placement_id=p.id),
                p.start_date,
            )
            for p in placements_without_mentor(own)
        ]
    # A coach's and an employer's own people: few, and already one query each.
    return sorted(tasks, key=lambda t: t.due)[:limit]


@hookimpl
def warmrotterdam_calendar_items(user):
    from .calendar import calendar_items

    return calendar_items(user)


@hookimpl
def warmrotterdam_demo_data(demo):
    from .demo import load_demo

    load_demo(demo)

"""Jij doet ertoe: experts by experience steer the programme. Part 1: the register of experts,
their recruitment, qualifications and involvement, and what came of it."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import NavItem, Setting, hookimpl, user_can, whole_number

title = "Jij doet ertoe"
version = "0.1.0"
requires_api = ">=1.5,<2"

# Names other plugins ask `qualified_people()` for, and the qualification that answers them.
QUALIFIED_FOR = {"keurmerk.co_auditor": "co_auditor"}


@hookimpl
def warmrotterdam_blueprints():
    from .blueprint import bp

    return [bp]


@hookimpl
def warmrotterdam_settings():
    return [
        # Read as JIJDOETERTOE_VOLUNTEER_ALLOWANCE_YEARLY_MAX_EUROS. The legal maximum of the
        # tax-free volunteer allowance changes by year (2026: € 2,100); the team updates it.
        Setting(
            "VOLUNTEER_ALLOWANCE_YEARLY_MAX_EUROS",
            2100,
            whole_number(0),
            _l("Wettelijk maximum vrijwilligersvergoeding per persoon per jaar, in euro."),
        )
    ]


@hookimpl
def warmrotterdam_permissions():
    from .network import PERMISSIONS

    return {
        # The register with contact details and consent: the programme team only.
        "jijdoetertoe.team": {"team"},
        # An expert's own overview of what they did and what came of it.
        "jijdoetertoe.own": {"expert"},
        # An idea for a new subproject, and the own list "Mijn ideeën": anyone who takes part.
        "jijdoetertoe.ideas": {"expert", "partner", "team"},
        # Part 4: agreements, expert pools, signals.
        **PERMISSIONS,
    }


@hookimpl
def warmrotterdam_workflows():
    from .workflows import WORKFLOWS

    return WORKFLOWS


@hookimpl
def warmrotterdam_navigation(user):
    from . import network

    return _register_navigation(user) + network.navigation(user)


def _register_navigation(user):
    if user_can(user, "jijdoetertoe.team"):
        return [
            NavItem(_l("Jij doet ertoe"), url_for("jijdoetertoe.index"), 60),
            NavItem(_l("Organen"), url_for("jijdoetertoe.bodies"), 61),
            NavItem(_l("Nieuwe deelprojecten"), url_for("jijdoetertoe.ideas"), 62),
        ]
    items = []
    if user_can(user, "jijdoetertoe.own"):
        items.append(NavItem(_l("Mijn inbreng"), url_for("jijdoetertoe.my_involvement"), 60))
    items += _body_navigation(user)
    if user_can(user, "jijdoetertoe.ideas"):
        items.append(NavItem(_l("Mijn ideeën"), url_for("jijdoetertoe.my_ideas"), 62))
    return items


def _body_navigation(user) -> list:
    # A current member of a body reads it; the menu shows it only to members.
    from .bodies.rules import bodies_of

    if bodies_of(user):
        return [NavItem(_l("Mijn organen"), url_for("jijdoetertoe.my_bodies"), 61)]
    return []


@hookimpl
def warmrotterdam_public_pages():
    from . import network

    # Anyone who lives with poverty may sign up as an expert by experience.
    return [
        NavItem(_l("Meedenken als ervaringsdeskundige"), url_for("jijdoetertoe.sign_up"), 60),
        *network.public_pages(),
    ]


@hookimpl
def warmrotterdam_qualified_people(qualification):
    # Other plugins learn only who (the account, so a name) holds a qualification: no contact
    # details, no consent, nothing else of the register.
    kind = QUALIFIED_FOR.get(qualification)
    if kind is None:
        return []
    from .experts.rules import qualified_accounts

    return qualified_accounts(kind)


@hookimpl
def warmrotterdam_programme_targets():
    from .figures import programme_targets

    return programme_targets()


@hookimpl
def warmrotterdam_tasks(user, limit):
    # An expert proposed for a request for help says yes or no: a task until they answer.
    if not user_can(user, "jijdoetertoe.own"):
        return []
    from .pools.rules import proposals_to_answer

    return proposals_to_answer(user, limit)


@hookimpl
def warmrotterdam_demo_data(demo):
    from .demo import load_demo
    from .network_demo import load_network_demo

    load_demo(demo)
    # Part 2: the bodies, with their meetings and advice.
    from .bodies.demo import load_bodies_demo

    load_bodies_demo(demo)
    # Part 3: ideas for new subprojects, one started with its working group.
    from .subprojects.demo import load_subprojects_demo

    load_subprojects_demo(demo)
    # Part 4: agreements, requests for help, signals.
    load_network_demo(demo)
    # Part 5: the started subproject's evaluation, with the committee's verdict.
    from .evaluation.demo import load_evaluation_demo

    load_evaluation_demo(demo)

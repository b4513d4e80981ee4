"""Warme stad, hand in hand: the permanent campaign. The council challenge and its Politieke
Armoede Index, events, the communication calendar and magazine, the Warmtebronnen map."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import NavItem, Role, hookimpl, user_can

title = "Warme stad"
version = "0.1.0"
requires_api = ">=1.5,<2"
# The team starts the campaign when it is ready; a fresh install begins without it.
enabled_on_install = False


@hookimpl
def warmrotterdam_blueprints():
    from .blueprint import bp

    return [bp]


@hookimpl
def warmrotterdam_roles():
    # The editorial board includes experts by experience: they hold the core's expert role
    # and this one.
    return [
        Role(
            "editor",
            _l("Redacteur"),
            _l("Zit in de redactieraad: beoordeelt en keurt stukken goed."),
        ),
        Role(
            "volunteer",
            _l("Vrijwilliger"),
            _l("Belt raadsleden na die nog niet op de uitdaging antwoordden."),
        ),
    ]


@hookimpl
def warmrotterdam_permissions():
    return {
        # The campaign's pages for the programme team; the board looks along.
        "campaign.view": {"team", "board"},
        # Keep council members and challenges, follow up, publish the index.
        "campaign.manage": {"team"},
        # A council member's page in the challenge (a volunteer: those they may act on) ...
        "campaign.follow_up": {"team", "board", "volunteer"},
        # ... and noting a call to them and what was said.
        "campaign.call": {"team", "volunteer"},
        # Keep the Warmtebronnen map's entry of one's own organisation; with campaign.manage,
        # every entry. Checked against the organisation on every request.
        "campaign.warmtebron.own": {"team", "partner"},
        # The communication calendar: write ideas and comment on pieces.
        "campaign.content": {"team", "editor", "expert"},
        # Approve pieces as a member of the editorial board (redactieraad).
        "campaign.editorial": {"editor"},
        # Put magazine editions together and publish them.
        "campaign.magazine": {"team", "editor"},
    }


@hookimpl
def warmrotterdam_workflows():
    from .workflows import WORKFLOWS

    return WORKFLOWS


@hookimpl
def warmrotterdam_tick(now):
    from .challenge.index import freeze_published
    from .challenge.invitations import send_due_reminders

    done = []
    if sent := send_due_reminders(now):
        done.append(f"campaign: {sent} herinnering(en) aan raadsleden verstuurd")
    if frozen := freeze_published(now):
        done.append(f"campaign: {frozen} Politieke Armoede Index(en) bekendgemaakt")
    return done


@hookimpl
def warmrotterdam_navigation(user):
    if user_can(user, "campaign.view"):
        return [NavItem(_l("Warme stad"), url_for("campaign.index"), 50)]
    items = []
    if user_can(user, "campaign.warmtebron.own"):
        # A partner keeps only their own Warmtebron's entry; the team finds it on the start page.
        items.append(NavItem(_l("Onze Warmtebron"), url_for("campaign.warmtebronnen_kept"), 50))
    if user_can(user, "campaign.content"):
        # Editors and experts who write for the campaign, without its other pages.
        items.append(NavItem(_l("Communicatie"), url_for("campaign.content_index"), 51))
    return items


@hookimpl
def warmrotterdam_public_pages():
    return [
        NavItem(_l("Warmtebronnen in Rotterdam"), url_for("campaign.warmtebron_map"), 50),
        NavItem(_l("Politieke Armoede Index"), url_for("campaign.index_list"), 55),
    ]


@hookimpl
def warmrotterdam_demo_data(demo):
    from .demo import load_demo

    load_demo(demo)

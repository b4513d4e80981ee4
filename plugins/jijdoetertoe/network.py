"""Part 4, partners and the network: permissions, menu items and public pages of agreements,
expert pools and signals."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import NavItem, user_can

PERMISSIONS = {
    # Agreements and requests for help: the team all, a partner its own organisation's.
    "jijdoetertoe.agreements": {"team", "partner"},
    "jijdoetertoe.pools": {"team", "partner"},
    # A partner's user asks an expert's help for their organisation.
    "jijdoetertoe.ask": {"partner"},
}


def navigation(user) -> list[NavItem]:
    items = []
    if user_can(user, "jijdoetertoe.team"):
        items += [
            NavItem(_l("Partners"), url_for("jijdoetertoe.agreements"), 63),
            NavItem(_l("Inzet op verzoek"), url_for("jijdoetertoe.pools"), 64),
            NavItem(_l("Signalen"), url_for("jijdoetertoe.signals"), 65),
        ]
    elif user_can(user, "jijdoetertoe.agreements"):
        items += [
            NavItem(_l("Partnerschap"), url_for("jijdoetertoe.agreements"), 63),
            NavItem(_l("Hulpvragen"), url_for("jijdoetertoe.pools"), 64),
        ]
    if getattr(user, "is_authenticated", False):
        items.append(NavItem(_l("Mijn signalen"), url_for("jijdoetertoe.my_signals"), 66))
    return items


def public_pages() -> list[NavItem]:
    return [
        NavItem(
            _l("Hulp vragen aan een ervaringsdeskundige"), url_for("jijdoetertoe.ask_for_help"), 63
        ),
        NavItem(_l("Signaal uit de wijk doorgeven"), url_for("jijdoetertoe.raise_signal"), 64),
    ]

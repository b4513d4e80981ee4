"""The programme targets whose figures this plugin keeps, for the dashboard, /cijfers and the
published quarter figures (core.api.ProgrammeTarget)."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import ProgrammeTarget

from .agreements.rules import count_signed_agreement_organisations
from .experts.rules import count_active_experts


def programme_targets() -> list[ProgrammeTarget]:
    return [
        # The plan: at least 200 experts by experience involved. Active means at least one
        # involvement in the twelve months up to the day counted.
        ProgrammeTarget(
            key="jijdoetertoe.active_experts",
            label=_l("Ervaringsdeskundigen actief (het afgelopen jaar)"),
            goal=200,
            counts=count_active_experts,
            url=url_for("jijdoetertoe.index", filter="actief"),
            order=10,
        ),
        # The plan: 250 partner organisations that joined; joined means an agreement signed
        # and in its term on the day (agreements/rules.py).
        ProgrammeTarget(
            key="jijdoetertoe.partner_agreements",
            label=_l("Partnerorganisaties met een getekende overeenkomst"),
            goal=250,
            counts=count_signed_agreement_organisations,
            url=url_for("jijdoetertoe.agreements"),
            order=30,
        ),
    ]

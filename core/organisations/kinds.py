"""Kinds of organisation: the core's, plus those enabled plugins add through
`warmrotterdam_organisation_kinds` (an employer, say, for a plugin that places people)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..plugin_host import plugin_host


@dataclass(frozen=True)
class OrganisationKind:
    name: str
    label: str


CORE_KINDS = [
    OrganisationKind("informal_network", _l("Informeel netwerk (armoedeplatform, kerk, diaconie)")),
    OrganisationKind("social_enterprise", _l("Sociale onderneming / Warmtebron")),
    OrganisationKind(
        "formal_body", _l("Formele instantie (gemeente, welzijn, schuldhulp, woningcorporatie)")
    ),
    OrganisationKind("collection_agency", _l("Incassobureau of deurwaarder")),
    OrganisationKind("fund", _l("Fonds")),
    OrganisationKind("other", _l("Anders")),
]

# The kinds the programme counts towards "150 informal partners / social enterprises / networks".
INFORMAL_KINDS = ("informal_network", "social_enterprise")


def organisation_kinds() -> list[OrganisationKind]:
    """The core's kinds, then those of enabled plugins ("Anders" stays last)."""
    *named, other = CORE_KINDS
    return named + plugin_host().call("warmrotterdam_organisation_kinds") + [other]


def kind_label(name: str) -> str:
    """The kind's label; a kind of a disabled plugin shows its name."""
    return next((str(k.label) for k in organisation_kinds() if k.name == name), name)


def kind_choices(current: str | None = None) -> list[tuple[str, str]]:
    """Options for a form; an organisation keeps a kind whose plugin is now disabled."""
    options = [(k.name, str(k.label)) for k in organisation_kinds()]
    if current and current not in {name for name, _label in options}:
        options.append((current, current))
    return options

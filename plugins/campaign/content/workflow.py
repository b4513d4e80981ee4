"""The way of a content item, from idea to published, as declared to the workflow engine."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow, db

from . import rules
from .models import ContentItem

WRITERS = {"team", "editor", "expert"}
EDITORS = {"team", "editor"}


def by_author_or_board(instance, actor) -> str | None:
    if actor is not None and not rules.may_edit(rules.item_of(instance), actor):
        return _("Alleen de schrijver of de redactie zet dit stuk een stap verder.")
    return None


def _item_page(instance) -> str:
    return url_for("campaign.content_item", item_id=instance.subject_id)


def _titles(instances) -> dict[int, str]:
    by_subject = {i.subject_id: i.id for i in instances}
    rows = db.session.execute(
        db.select(ContentItem.id, ContentItem.title).where(ContentItem.id.in_(by_subject))
    )
    return {by_subject[item_id]: title for item_id, title in rows}


CONTENT = Workflow(
    key=rules.WORKFLOW,
    version=1,
    title=_l("Communicatiekalender"),
    initial="idee",
    description=_l("Van idee via de redactieraad naar een datum per kanaal en publicatie."),
    subject_url=_item_page,
    subject_titles=_titles,
    viewer_roles={"team", "board", "editor", "expert"},
    states=(
        State("idee", _l("Idee"), _l("Een idee voor een stuk; nog geen tekst nodig.")),
        State("concept", _l("Concept"), _l("De schrijver werkt de tekst uit.")),
        State(
            "redactie",
            _l("Bij de redactie"),
            _l(
                "De redactieraad leest het stuk. Twee redacteuren keuren het goed, "
                "of vragen om wijzigingen."
            ),
            notify=Notify(),
        ),
        State(
            "ingepland",
            _l("Ingepland"),
            _l("Het stuk heeft een datum per kanaal en wacht op publicatie."),
        ),
        State("gepubliceerd", _l("Gepubliceerd"), _l("Het stuk is verschenen.")),
        State(
            "ingetrokken",
            _l("Ingetrokken"),
            _l("Het stuk verschijnt niet (meer)."),
            terminal=True,
        ),
    ),
    transitions=(
        Transition(
            "write",
            _l("Uitwerken tot concept"),
            "idee",
            "concept",
            roles=WRITERS,
            guards=(by_author_or_board,),
        ),
        Transition(
            "submit",
            _l("Naar de redactie sturen"),
            "concept",
            "redactie",
            roles=WRITERS,
            guards=(by_author_or_board, rules.has_text),
        ),
        Transition(
            "request_changes",
            _l("Wijzigingen vragen"),
            "redactie",
            "concept",
            roles={"editor"},
            comment_required=True,
            effect=rules.new_review_round,
        ),
        Transition(
            "schedule",
            _l("Inplannen"),
            "redactie",
            "ingepland",
            roles=EDITORS,
            guards=(rules.two_approvals, rules.has_dated_channel, rules.consent_given),
        ),
        Transition(
            "publish",
            _l("Publiceren"),
            "ingepland",
            "gepubliceerd",
            roles=EDITORS,
            guards=(rules.has_dated_channel, rules.consent_given),
            effect=rules.mark_published,
        ),
        Transition(
            "withdraw",
            _l("Intrekken"),
            ("idee", "concept", "redactie", "ingepland", "gepubliceerd"),
            "ingetrokken",
            roles=EDITORS,
            comment_required=True,
        ),
    ),
)

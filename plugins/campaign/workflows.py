"""The campaign's processes, as declared to the workflow engine."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.api import State, Transition, Workflow

from .challenge import rules
from .challenge.forms import AcceptForm, DeclineForm
from .content.workflow import CONTENT

TEAM = frozenset({"team"})
# Who records an answer a member gave by phone: the team, and the volunteers who call.
CALLERS = frozenset({"team", "volunteer"})

# One council member's answer to the challenge, and how their week went. The member answers
# through their personal mail link (by_link); the team, or a volunteer who called them,
# records an answer given by phone.
CHALLENGE = Workflow(
    key="campaign.challenge",
    version=1,
    title=_l("Uitdaging aan een raadslid"),
    description=_l(
        "Een raadslid krijgt de uitdaging per mail, antwoordt via een persoonlijke link en "
        "houdt een logboek bij als het meedoet."
    ),
    initial="uitgenodigd",
    viewer_roles=frozenset({"team", "board"}),
    subject_titles=rules.member_names,
    subject_url=lambda instance: url_for(
        "campaign.participation", participation_id=instance.subject_id
    ),
    states=(
        State(
            "uitgenodigd",
            _l("Uitgenodigd"),
            _l("Wacht op een antwoord; krijgt herinneringen volgens het schema."),
            deadline=rules.answer_deadline,
        ),
        State(
            "weigert", _l("Weigert"), _l("Wil of kan niet meedoen, en zegt waarom."), terminal=True
        ),
        State(
            "onzin",
            _l("Vindt het onzin"),
            _l("Zou het kunnen, maar vindt het onzin."),
            terminal=True,
        ),
        State(
            "geen_reactie",
            _l("Geen reactie"),
            _l("Heeft niet geantwoord voor de uiterste datum."),
            terminal=True,
        ),
        State(
            "accepteert",
            _l("Doet mee"),
            _l("Heeft de uitdaging aangenomen; de periode begint op de gekozen dag."),
            deadline=rules.start_of_period,
        ),
        State(
            "bezig",
            _l("Bezig"),
            _l("Leeft van het budget en houdt elke dag het logboek bij."),
            deadline=rules.end_of_period,
        ),
        State(
            "volbracht",
            _l("Volbracht"),
            _l("Binnen het budget gebleven, met logboek."),
            terminal=True,
        ),
        State(
            "niet_gelukt",
            _l("Niet gelukt"),
            _l("Meegedaan, maar niet binnen het budget gebleven."),
            terminal=True,
        ),
        State("afgehaakt", _l("Afgehaakt"), _l("Begonnen en tussentijds gestopt."), terminal=True),
    ),
    transitions=(
        Transition(
            "decline",
            _l("Ik doe niet mee"),
            "uitgenodigd",
            "weigert",
            roles=CALLERS,
            by_link=True,
            form=DeclineForm,
            guards=(rules.answered_in_time,),
            effect=rules.record_decline,
        ),
        Transition(
            "accept",
            _l("Ik neem de uitdaging aan"),
            "uitgenodigd",
            "accepteert",
            roles=CALLERS,
            by_link=True,
            form=AcceptForm,
            guards=(rules.answered_in_time,),
            effect=rules.record_accept,
        ),
        Transition(
            "call_it_nonsense",
            _l("Ik kan het wel, maar vind het onzin"),
            "uitgenodigd",
            "onzin",
            roles=CALLERS,
            by_link=True,
            guards=(rules.answered_in_time,),
            effect=rules.record_answer,
        ),
        Transition("no_answer", _l("Geen reactie"), "uitgenodigd", "geen_reactie", timeout=True),
        Transition("begin", _l("De periode begint"), "accepteert", "bezig", timeout=True),
        Transition(
            "drop_out",
            _l("Ik stop ermee"),
            ("accepteert", "bezig"),
            "afgehaakt",
            roles=TEAM,
            by_link=True,
        ),
        # At the end of the period the tick decides by the logbook, one way or the other.
        Transition(
            "complete",
            _l("Volbracht"),
            "bezig",
            "volbracht",
            timeout=True,
            guards=(rules.within_budget_with_logbook,),
        ),
        Transition(
            "fall_short",
            _l("Niet gelukt"),
            "bezig",
            "niet_gelukt",
            timeout=True,
            guards=(rules.over_budget_or_no_logbook,),
        ),
    ),
)


WORKFLOWS = [CHALLENGE, CONTENT]

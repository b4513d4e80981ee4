"""Who hears of an introduction: the employer when a candidate is introduced or placed (to name
a mentor), the coach when the employer answers or writes the induction plan, the lifecoach when
they start guiding someone. Employers are told the
vacancy, never the candidate's file; nobody is told a name, which stays on the pages."""

from flask import url_for
from flask_babel import gettext as _

from core.api import User, active_users_with_roles, db, notify

from .models import RESPONSES, Introduction, Placement


def tell_employer(introduction: Introduction) -> None:
    vacancy = introduction.vacancy
    employers = active_users_with_roles({"employer"}, vacancy.organisation_id)
    notify(
        employers,
        "action",
        lambda: _(
            "Een kandidaat is voorgesteld voor uw vacature %(title)s. Geef binnen twee weken antwoord.",
            title=vacancy.title,
        ),
        url_for("passendwerk.introduction", introduction_id=introduction.id),
    )


def tell_coach(introduction: Introduction) -> None:
    # Without the candidate's name: the notification and its mail outlive an erasure of the
    # file, the page they lead to does not.
    person = introduction.job_seeker
    notify(
        [person.coach, introduction.introduced_by],
        "events",
        lambda: _(
            "%(employer)s heeft geantwoord op een kennismaking voor %(title)s: %(answer)s.",
            employer=introduction.vacancy.organisation.name,
            title=introduction.vacancy.title,
            answer=RESPONSES[introduction.response],
        ),
        url_for("passendwerk.job_seeker", job_seeker_id=person.id) + "#werk",
    )


def tell_new_lifecoach(person, actor) -> None:
    """The lifecoach hears they now guide someone (not when they chose themselves)."""
    if person.lifecoach_id in (None, actor.id):
        return
    notify(
        [db.session.get(User, person.lifecoach_id)],
        "assignment",
        lambda: _("U bent nu lifecoach in een route naar werk. Op de pagina ziet u van wie."),
        url_for("passendwerk.job_seeker", job_seeker_id=person.id),
    )


def flush_and_tell_employer(introduction: Introduction) -> None:
    db.session.flush()  # the link needs the introduction's id
    tell_employer(introduction)


def flush_and_ask_for_mentor(placement: Placement) -> None:
    db.session.flush()  # the link needs the placement's id
    notify(
        active_users_with_roles({"employer"}, placement.organisation_id),
        "action",
        lambda: _("Een nieuwe medewerker begint bij u. Noem een mentor en schrijf het inwerkplan."),
        url_for("passendwerk.induction_plan", placement_id=placement.id),
    )


def tell_coach_of_plan(placement: Placement, person) -> None:
    notify(
        [person.coach, db.session.get(User, person.lifecoach_id) if person.lifecoach_id else None],
        "events",
        lambda: _("De werkgever heeft de mentor en het inwerkplan ingevuld."),
        url_for("passendwerk.job_seeker", job_seeker_id=person.id) + "#werk",
    )

"""Domain rules of signals: each step records what the team wrote, and the raiser hears."""

from __future__ import annotations

from flask_babel import gettext as _

from core.api import absolute_url, db, local_today, queue_mail

from .models import Signal

WORKFLOW = "jijdoetertoe.signal"


def signal_of(instance) -> Signal:
    return db.session.get(Signal, instance.subject_id)


def record_weighing(instance, actor, data: dict) -> None:
    signal_of(instance).weighing_note = data["note"].strip()


def record_forwarding(instance, actor, data: dict) -> None:
    signal = signal_of(instance)
    signal.forwarded_kind = data["kind"]
    signal.forwarded_to = data["to_whom"].strip()


def record_outcome(instance, actor, data: dict) -> None:
    """Effect of 'Afgerond': what came of it; a public raiser who left a mail address is told."""
    signal = signal_of(instance)
    signal.outcome = data["outcome"].strip()
    signal.closed_on = local_today()
    if signal.raised_by_id is None and signal.raiser_email:
        body = "\n\n".join(
            [
                # The name is joined to the translated word, never formatted into it.
                f"{_('Beste')} {signal.raiser_name}," if signal.raiser_name else _("Hallo,"),
                # Not their own words again: the address was typed by whoever sent the form,
                # so the mail carries only what the team wrote.
                _("U gaf ons een signaal uit de wijk door. Dit is ermee gebeurd:"),
                signal.outcome,
                _(
                    "Dank u wel dat u het doorgaf. Ziet u weer iets? Geef het door via %(url)s",
                    url=absolute_url("jijdoetertoe.raise_signal"),
                ),
                _("Het programmateam van Warm Rotterdam"),
            ]
        )
        queue_mail(signal.raiser_email, _("Wat er met uw signaal is gebeurd"), body)


def record_not_taken_up(instance, actor, data: dict) -> None:
    signal = signal_of(instance)
    signal.outcome = data["reason"].strip()
    signal.closed_on = local_today()

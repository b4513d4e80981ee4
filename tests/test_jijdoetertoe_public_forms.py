"""The forms a visitor sends without an account are limited per address: found, a script
that fetched the CSRF token could send the help request or the signal form endlessly, each
sending a row, a workflow instance and a task for the team."""

from datetime import timedelta

import pytest

from core.accounts.models import AttemptCounter
from core.api import WorkflowInstance
from core.extensions import db
from core.testing import post_form
from plugins.jijdoetertoe.experts.models import Expert
from plugins.jijdoetertoe.pools.models import PoolRequest
from plugins.jijdoetertoe.public_forms import PER_HOUR
from plugins.jijdoetertoe.signals.models import Signal

FORMS = {
    "signal": (
        "/jijdoetertoe/signaal",
        {"text": "De wachtlijst bij de voedselbank is lang.", "district": "Delfshaven"},
        Signal,
    ),
    "help": (
        "/jijdoetertoe/hulp-vragen",
        {
            "help_kind": "objection_letter",
            "description": "Ik wil bezwaar maken.",
            "requester_name": "Ria de Bewoner",
            "requester_contact": "06 99 88 77 66",
        },
        PoolRequest,
    ),
    "sign_up": (
        "/jijdoetertoe/aanmelden",
        {
            "name": "Ria van Dam",
            "channel": "phone",
            "contact": "06 12 34 56 01",
            "district": "Charlois",
            "consent": "y",
        },
        Expert,
    ),
}


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


def count(app, model) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(db.select(db.func.count()).select_from(model)),
            db.session.scalar(db.select(db.func.count(WorkflowInstance.id))),
        )


@pytest.mark.parametrize("form", FORMS)
def test_a_visitor_sends_a_form_a_few_times_an_hour_then_is_told_to_wait(app, client, form):
    url, data, model = FORMS[form]
    for _ in range(PER_HOUR):
        assert post_form(client, url, data).status_code == 303
    assert count(app, model) == (PER_HOUR, PER_HOUR)

    refused = post_form(client, url, data)
    assert refused.status_code == 429
    assert "al vaak verstuurd vanaf dit adres" in refused.text
    assert count(app, model) == (PER_HOUR, PER_HOUR)  # nothing kept

    other = post_form(client, url, data, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 303  # someone else, elsewhere, is not held up

    with app.app_context():  # an hour later the address may send again
        db.session.execute(
            db.update(AttemptCounter).values(last_at=AttemptCounter.last_at - timedelta(hours=1))
        )
        db.session.commit()
    assert post_form(client, url, data).status_code == 303


def test_bad_input_does_not_use_up_the_sendings(app, client):
    url, data, model = FORMS["signal"]
    for _ in range(PER_HOUR + 2):
        assert post_form(client, url, {**data, "text": " "}).status_code == 400
    assert post_form(client, url, data).status_code == 303


@pytest.mark.parametrize(
    ("form", "change", "message"),
    [
        # Found walking the demo: "geen-email" was accepted as an e-mail address, and an
        # untouched list signed everyone up in Centrum and saved every request as a letter.
        ("sign_up", {"channel": "mail", "contact": "geen-email"}, "Vul een geldig e-mailadres in."),
        ("sign_up", {"channel": "phone", "contact": "0612"}, "minstens 10 cijfers"),
        ("sign_up", {"channel": "phone", "contact": "bel me maar"}, "minstens 10 cijfers"),
        ("sign_up", {"district": ""}, "Kies een wijk."),
        ("help", {"help_kind": ""}, "Kies waar u hulp bij wilt."),
    ],
)
def test_a_way_to_reach_them_that_does_not_fit_and_an_untouched_list_are_refused(
    app, client, form, change, message
):
    url, data, model = FORMS[form]
    response = post_form(client, url, {**data, **change})
    assert response.status_code == 400 and message in response.text
    assert count(app, model) == (0, 0)


def test_the_lists_start_with_nothing_chosen(client):
    assert '<option value="">Kies uw wijk</option>' in client.get(FORMS["sign_up"][0]).text
    page = client.get(FORMS["help"][0]).text
    assert '<option value="">Kies waar u hulp bij wilt</option>' in page


def test_a_mail_address_and_a_phone_number_written_as_people_do_are_accepted(app, client):
    url, data, model = FORMS["sign_up"]
    for channel, contact in (("mail", "ria.van.dam@example.nl"), ("phone", "+31 (0)6-12 34 56 01")):
        response = post_form(client, url, {**data, "channel": channel, "contact": contact})
        assert response.status_code == 303, response.text
    assert count(app, model) == (2, 2)


@pytest.mark.parametrize("form", FORMS)
def test_the_thank_you_page_leads_back_to_the_home_page(client, form):
    url, data, _model = FORMS[form]
    thanks = client.get(post_form(client, url, data).headers["Location"]).text
    assert '<a href="/">Naar de startpagina</a>' in thanks  # found walking: no way on

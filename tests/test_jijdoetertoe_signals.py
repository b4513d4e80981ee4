"""Jij doet ertoe, part 4: signals from the neighbourhood. Anyone passes one on; the team
weighs it, passes it on, and writes what came of it (or why it was not taken up); whoever
raised it reads that on 'Mijn signalen', or gets a mail when they left an address."""

import pytest

from core.api import WorkflowError, WorkflowInstance, engine_of, local_today
from core.extensions import db
from core.models import OutboxMessage
from core.testing import post_form
from plugins.jijdoetertoe.signals.models import Signal
from plugins.jijdoetertoe.signals.rules import WORKFLOW

RAISE = "/jijdoetertoe/signaal"
MINE = "/jijdoetertoe/mijn-signalen"
WEIGH = {"note": "Speelt bij meer mensen."}
FORWARD = {"kind": "partner", "to_whom": "Havensteder, wijkbeheer Feijenoord"}
CLOSE = {"outcome": "Havensteder houdt een spreekuur over de energierekening."}


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def make_signal(app, start_workflow):
    """A signal in state binnengekomen; returns (signal id, instance id)."""

    def make(raised_by=None, email=None, text="Hoge eindafrekening energie in onze flat"):
        with app.app_context():
            signal = Signal(
                text=text,
                district="Feijenoord",
                raised_by_id=getattr(raised_by, "id", None),
                raiser_name=None if raised_by else "Buurtbewoner",
                raiser_email=email,
            )
            db.session.add(signal)
            db.session.commit()
            return signal.id, start_workflow(WORKFLOW, signal)

    return make


def stored(app, signal_id):
    with app.app_context():
        signal = db.session.get(Signal, signal_id)
        db.session.expunge(signal)
        return signal


def outcome_mails(app):
    """Mails telling a raiser what came of their signal (the team's own notices left out)."""
    with app.app_context():
        return [
            (m.recipient, m.subject, m.body)
            for m in db.session.scalars(
                db.select(OutboxMessage)
                .where(OutboxMessage.subject == "Wat er met uw signaal is gebeurd")
                .order_by(OutboxMessage.id)
            )
        ]


def test_someone_signed_in_passes_on_a_signal_and_follows_it(app, client, login, make_user):
    partner = make_user(roles={"partner"}, name="Mohamed Partner")
    login(client, partner)
    form = client.get(RAISE).text
    assert 'name="raiser_email"' not in form  # the account says who it is
    response = post_form(
        client, RAISE, {"text": "Veel ouders kunnen het schoolreisje niet betalen.", "district": ""}
    )
    assert response.status_code == 303 and response.headers["Location"].endswith(MINE)
    with app.app_context():
        signal = db.session.scalar(db.select(Signal))
        assert (signal.raised_by_id, signal.district, signal.raiser_email) == (
            partner.id,
            None,
            None,
        )
        instance = engine_of().instance_for(WORKFLOW, signal)
        assert instance.state == "binnengekomen" and "schoolreisje" not in instance.title
    page = client.get(MINE).text
    assert "Veel ouders kunnen het schoolreisje niet betalen." in page
    assert "Binnengekomen" in page and "Het team is ermee bezig" in page


def test_a_visitor_passes_on_a_signal_with_a_mail_address(app, client):
    response = post_form(
        client,
        RAISE,
        {
            "text": "De wachtlijst bij de voedselbank is lang.",
            "district": "Delfshaven",
            "raiser_name": "Ria",
            "raiser_email": "ria@example.org",
        },
    )
    assert response.status_code == 303
    assert "Bedankt voor uw signaal" in client.get(response.headers["Location"]).text
    with app.app_context():
        signal = db.session.scalar(db.select(Signal))
        assert (signal.raised_by_id, signal.raiser_name, signal.raiser_email) == (
            None,
            "Ria",
            "ria@example.org",
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", " ", "Schrijf op wat u ziet of hoort."),
        ("text", "x" * 4001, "Gebruik hoogstens 4000 tekens."),
        ("district", "Atlantis", "Ongeldige keuze."),
        ("raiser_email", "geen adres", "Vul een geldig e-mailadres in."),
        ("raiser_name", "x" * 201, "Gebruik hoogstens 200 tekens."),
    ],
)
def test_bad_input_on_the_signal_form_saves_nothing(app, client, field, value, message):
    data = {"text": "Iets in de wijk", "district": "Noord", "raiser_email": "a@example.org"}
    data[field] = value
    response = post_form(client, RAISE, data)
    assert response.status_code == 400 and message in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Signal.id))) == 0
        assert db.session.scalar(db.select(db.func.count(WorkflowInstance.id))) == 0


def test_weighed_passed_on_and_closed_the_raiser_reads_what_came_of_it(
    app, client, login, team, fire, make_signal, make_user
):
    raiser = make_user(roles={"expert"}, name="Fatima")
    signal_id, instance_id = make_signal(raised_by=raiser)
    # Each step asks what the team decided; nothing changes without it.
    with pytest.raises(WorkflowError):
        fire(instance_id, "weigh", team, data={"note": ""})
    with pytest.raises(WorkflowError):
        fire(instance_id, "close", team, data=CLOSE)  # not before it was passed on
    assert fire(instance_id, "weigh", team, data=WEIGH) == "gewogen"
    for bad in ({"kind": "the_press", "to_whom": "NRC"}, {"kind": "partner", "to_whom": " "}):
        with pytest.raises(WorkflowError):
            fire(instance_id, "forward", team, data=bad)
    assert fire(instance_id, "forward", team, data=FORWARD) == "doorgezet"
    with pytest.raises(WorkflowError):
        fire(instance_id, "close", team, data={"outcome": ""})
    assert stored(app, signal_id).outcome is None
    assert fire(instance_id, "close", team, data=CLOSE) == "afgerond"
    signal = stored(app, signal_id)
    assert (signal.weighing_note, signal.forwarded_kind, signal.forwarded_to) == (
        "Speelt bij meer mensen.",
        "partner",
        "Havensteder, wijkbeheer Feijenoord",
    )
    assert (signal.outcome, signal.closed_on) == (CLOSE["outcome"], local_today())
    # Someone with an account reads it on their page, and is not mailed.
    assert outcome_mails(app) == []
    login(client, raiser)
    page = client.get(MINE).text
    assert "Afgerond" in page and CLOSE["outcome"] in page
    assert "Een partner, Havensteder, wijkbeheer Feijenoord" in page
    # Nobody else sees it.
    other = app.test_client()
    login(other, make_user(roles={"partner"}))
    assert "Hoge eindafrekening" not in other.get(MINE).text


def test_a_visitor_who_left_a_mail_address_is_mailed_the_outcome(app, team, fire, make_signal):
    _signal_id, instance_id = make_signal(email="ria@example.org")
    _silent_id, silent = make_signal(email=None, text="Zonder adres")
    for instance in (instance_id, silent):
        fire(instance, "weigh", team, data=WEIGH)
        fire(instance, "forward", team, data=FORWARD)
    assert outcome_mails(app) == []
    fire(instance_id, "close", team, data=CLOSE)
    fire(silent, "close", team, data=CLOSE)
    [(recipient, subject, body)] = outcome_mails(app)
    assert (recipient, subject) == ("ria@example.org", "Wat er met uw signaal is gebeurd")
    assert CLOSE["outcome"] in body and "Beste Buurtbewoner," in body
    # The address was typed by a visitor: the mail carries only the team's words, not the
    # visitor's own text (found in review: our server would send anyone's text anywhere).
    assert "Hoge eindafrekening energie in onze flat" not in body


@pytest.mark.parametrize("steps", [[], ["weigh"], ["weigh", "forward"]])
def test_not_taken_up_from_every_open_state_with_a_reason(
    app, client, login, team, fire, make_signal, make_user, steps
):
    raiser = make_user(roles={"partner"})
    signal_id, instance_id = make_signal(raised_by=raiser)
    answers = {"weigh": WEIGH, "forward": FORWARD}
    for trigger in steps:
        fire(instance_id, trigger, team, data=answers[trigger])
    with pytest.raises(WorkflowError):
        fire(instance_id, "drop", team, data={"reason": ""})
    reason = "Hier gaat Warm Rotterdam niet over; wij gaven het adres van de RET."
    assert fire(instance_id, "drop", team, data={"reason": reason}) == "niet_opgepakt"
    assert stored(app, signal_id).outcome == reason
    login(client, raiser)
    page = client.get(MINE).text
    assert "Niet opgepakt" in page and "Waarom het niet is opgepakt:" in page and reason in page


def test_only_the_team_takes_the_steps(app, fire, make_signal, make_user):
    raiser = make_user(roles={"expert"})
    _signal_id, instance_id = make_signal(raised_by=raiser)
    for someone in (raiser, make_user(roles={"partner"}), make_user(roles={"board"})):
        with pytest.raises(WorkflowError):
            fire(instance_id, "weigh", someone, data=WEIGH)
        with pytest.raises(WorkflowError):
            fire(instance_id, "drop", someone, data={"reason": "Nee"})


def test_who_may_open_the_signal_pages(app, client, login, make_user, make_signal, team):
    signal_id, _i = make_signal(email="ria@example.org")
    assert client.get(MINE).status_code == 302
    assert client.get("/jijdoetertoe/signalen").status_code == 302
    login(client, make_user(roles={"expert"}))
    assert client.get(MINE).status_code == 200
    assert client.get("/jijdoetertoe/signalen").status_code == 403
    assert client.get(f"/jijdoetertoe/signalen/{signal_id}").status_code == 403
    team_client = app.test_client()
    login(team_client, team)
    assert team_client.get(f"/jijdoetertoe/signalen/{signal_id + 9}").status_code == 404
    page = team_client.get(f"/jijdoetertoe/signalen/{signal_id}").text
    # The team sees who raised it and how to tell them; the panel has the next step.
    assert "ria@example.org" in page and "Wegen" in page
    assert "Hoge eindafrekening" in team_client.get("/jijdoetertoe/signalen").text

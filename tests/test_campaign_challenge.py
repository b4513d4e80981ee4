"""The council challenge: inviting the council, answers through the personal link,
reminders that stop on an answer, the logbook, the getuigschrift, the call list."""

from datetime import timedelta

import pytest

from core.extensions import db
from core.models import OutboxMessage
from core.testing import post_form
from core.timeutil import local_today, utcnow
from core.workflow import engine_of
from core.workflow.errors import NotAllowed
from core.workflow.maintenance import tick
from core.workflow.models import WorkflowHistory, WorkflowInstance
from plugins.campaign.challenge.invitations import send_due_reminders
from plugins.campaign.challenge.models import Challenge, LogbookEntry, Participation, Reminder
from plugins.campaign.challenge.rules import link_token
from tests.campaign_world import (
    add_challenge,
    add_council,
    links_in_outbox,
    local_noon,
    on_day,
    participation_of,
)


@pytest.fixture(autouse=True)
def _campaign_enabled(enable_plugin):
    enable_plugin("campaign")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def council(app):
    with app.app_context():
        return add_council(
            [("Anna de Vries", "Partij A"), ("Bram Bakker", "Partij A"), ("Chris Smit", "Partij B")]
        )


@pytest.fixture
def invited(app, client, team, login, council):
    """A challenge with the whole council invited by the team: {member id: token}."""
    with app.app_context():
        challenge_id = add_challenge()
    login(client, team)
    page = f"/campaign/challenges/{challenge_id}"
    response = post_form(client, f"{page}/invite", {}, form_url=page)
    assert response.status_code == 303
    with app.app_context():
        tokens = links_in_outbox()
        by_member = {}
        for member_id in council:
            participation = participation_of(member_id, challenge_id)
            by_member[member_id] = tokens[participation.member.email]
    return challenge_id, by_member


def state_of(app, member_id, challenge_id):
    with app.app_context():
        participation = participation_of(member_id, challenge_id)
        return engine_of().instance_for("campaign.challenge", participation).state


def answer(client, token, trigger, data=None):
    page = f"/campaign/raad/{token}"
    return post_form(client, f"{page}/answer/{trigger}", data or {}, form_url=page)


# --------------------------------------------------------------------------- inviting


def test_inviting_mails_every_seated_member_a_link_of_their_own(app, invited, council):
    challenge_id, tokens = invited
    with app.app_context():
        messages = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [m.subject for m in messages] == ["WARM ROTTERDAM DAAGT RAADSLEDEN UIT"] * 3
        assert "Wij dagen u uit." in messages[0].body
        # The stored copy loses the link once sent: the link is one of the mail's secrets.
        assert all(m.secrets and "/campaign/raad/" in m.secrets[0] for m in messages)
        assert len(set(tokens.values())) == 3
        assert db.session.get(Challenge, challenge_id).invited_on == local_today()
    assert {state_of(app, m, challenge_id) for m in council} == {"uitgenodigd"}


def test_inviting_again_invites_only_who_is_new(app, client, invited, council):
    challenge_id, _tokens = invited
    with app.app_context():
        new = add_council([("Dirk Dekker", "Partij B")])[0]
        left = db.session.get(Participation, participation_of(council[0], challenge_id).id)
        assert left is not None
    page = f"/campaign/challenges/{challenge_id}"
    post_form(client, f"{page}/invite", {}, form_url=page)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 4
        assert participation_of(new, challenge_id) is not None


def test_a_member_no_longer_seated_is_not_invited(app, client, team, login, council):
    with app.app_context():
        from plugins.campaign.council.models import CouncilMember

        db.session.get(CouncilMember, council[2]).seated_until = local_today() - timedelta(days=1)
        db.session.commit()
        challenge_id = add_challenge()
    login(client, team)
    page = f"/campaign/challenges/{challenge_id}"
    post_form(client, f"{page}/invite", {}, form_url=page)
    with app.app_context():
        assert participation_of(council[2], challenge_id) is None
        assert participation_of(council[0], challenge_id) is not None


def test_only_the_team_invites(app, client, make_user, login, council):
    with app.app_context():
        challenge_id = add_challenge()
    login(client, make_user(roles={"board"}))
    page = f"/campaign/challenges/{challenge_id}"
    assert client.get(page).status_code == 200  # the board looks along
    response = client.post(f"{page}/invite", data={"csrf_token": "x"})
    assert response.status_code in (400, 403)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Participation.id))) == 0


# --------------------------------------------------------------------------- the link


def test_the_link_opens_only_that_members_own_page(app, invited, council):
    challenge_id, tokens = invited
    visitor = app.test_client()
    page = visitor.get(f"/campaign/raad/{tokens[council[0]]}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Anna de Vries" in text and "Bram Bakker" not in text
    assert "Inloggen" not in text or "Uitloggen" not in text  # no account involved


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),  # one character of the signature
        lambda t: t.split("-")[0],  # the number alone
        lambda t: "9999-" + t.split("-")[1],  # the signature with another number
        lambda t: "x" + t,
        lambda t: "1-" + "a" * 40,
        lambda t: "\u00b2-" + t.split("-")[1],  # a digit to str.isdigit, not to int()
    ],
)
def test_a_guessed_or_altered_link_finds_nothing(app, invited, council, tamper):
    _challenge_id, tokens = invited
    visitor = app.test_client()
    assert visitor.get(f"/campaign/raad/{tamper(tokens[council[0]])}").status_code == 404


def test_one_members_signature_does_not_open_another_members_record(app, invited, council):
    challenge_id, tokens = invited
    with app.app_context():
        other = participation_of(council[1], challenge_id).id
    signature = tokens[council[0]].split("-")[1]
    visitor = app.test_client()
    forged = f"{other}-{signature}"
    assert visitor.get(f"/campaign/raad/{forged}").status_code == 404
    response = visitor.post(f"/campaign/raad/{forged}/answer/call_it_nonsense", data={})
    assert response.status_code in (400, 404)
    assert state_of(app, council[1], challenge_id) == "uitgenodigd"


def test_the_link_expires_some_months_after_the_challenge(app, invited, council):
    challenge_id, tokens = invited
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        challenge.respond_by = local_today() - timedelta(days=130)
        challenge.ends_on = local_today() - timedelta(days=91)
        db.session.commit()
    page = app.test_client().get(f"/campaign/raad/{tokens[council[0]]}")
    assert page.status_code == 410
    assert "de uitdaging is voorbij" in page.get_data(as_text=True)


def test_a_new_nonce_makes_an_old_link_useless(app, invited, council):
    challenge_id, tokens = invited
    with app.app_context():
        participation = participation_of(council[0], challenge_id)
        participation.link_nonce = "0" * 32
        db.session.commit()
        fresh = link_token(participation)
    visitor = app.test_client()
    assert visitor.get(f"/campaign/raad/{tokens[council[0]]}").status_code == 404
    assert visitor.get(f"/campaign/raad/{fresh}").status_code == 200


def test_a_disabled_campaign_answers_no_link(app, invited, council, enable_plugin):
    _challenge_id, tokens = invited
    enable_plugin("campaign", False)
    assert app.test_client().get(f"/campaign/raad/{tokens[council[0]]}").status_code == 404


# --------------------------------------------------------------------------- answers


def test_a_member_declines_with_a_reason_through_the_link(app, invited, council):
    challenge_id, tokens = invited
    visitor = app.test_client()
    missing = answer(visitor, tokens[council[0]], "decline", {"reason": "  "})
    assert missing.status_code == 400
    assert "Schrijf op waarom u niet meedoet." in missing.get_data(as_text=True)
    assert state_of(app, council[0], challenge_id) == "uitgenodigd"
    done = answer(visitor, tokens[council[0]], "decline", {"reason": "Geen tijd in de zomer"})
    assert done.status_code == 303
    assert state_of(app, council[0], challenge_id) == "weigert"
    with app.app_context():
        participation = participation_of(council[0], challenge_id)
        assert participation.reason == "Geen tijd in de zomer"
        assert participation.responded_at is not None
        instance = engine_of().instance_for("campaign.challenge", participation)
        last = db.session.scalar(
            db.select(WorkflowHistory)
            .where(WorkflowHistory.instance_id == instance.id)
            .order_by(WorkflowHistory.id.desc())
        )
        assert (last.trigger, last.actor_id) == ("decline", None)


def test_a_member_calls_it_nonsense(app, invited, council):
    challenge_id, tokens = invited
    assert answer(app.test_client(), tokens[council[1]], "call_it_nonsense").status_code == 303
    assert state_of(app, council[1], challenge_id) == "onzin"


def test_a_member_accepts_with_their_own_budget_and_period(app, invited, council):
    challenge_id, tokens = invited
    visitor = app.test_client()
    start = local_today() + timedelta(days=3)
    bad = answer(
        visitor,
        tokens[council[0]],
        "accept",
        {
            "starts_on": (local_today() - timedelta(days=1)).isoformat(),
            "budget": "40",
            "period_days": "14",
        },
    )
    assert bad.status_code == 400
    assert "Kies vandaag of een dag later." in bad.get_data(as_text=True)
    assert state_of(app, council[0], challenge_id) == "uitgenodigd"
    ok = answer(
        visitor,
        tokens[council[0]],
        "accept",
        {"starts_on": start.isoformat(), "budget": "40", "period_days": "14"},
    )
    assert ok.status_code == 303
    assert state_of(app, council[0], challenge_id) == "accepteert"
    with app.app_context():
        participation = participation_of(council[0], challenge_id)
        assert (participation.budget_cents, participation.period_days) == (4000, 14)
        assert participation.ends_on == start + timedelta(days=13)
        instance = engine_of().instance_for("campaign.challenge", participation)
        assert instance.deadline_at is not None  # the period begins at the tick on the start day


def test_a_period_that_runs_past_the_challenge_is_refused(app, invited, council):
    challenge_id, tokens = invited
    with app.app_context():
        ends_on = db.session.get(Challenge, challenge_id).ends_on
    response = answer(
        app.test_client(),
        tokens[council[0]],
        "accept",
        {
            "starts_on": (ends_on - timedelta(days=2)).isoformat(),
            "budget": "50",
            "period_days": "7",
        },
    )
    assert response.status_code == 400
    assert state_of(app, council[0], challenge_id) == "uitgenodigd"


def test_the_team_records_an_answer_given_by_phone(app, client, invited, council):
    challenge_id, _tokens = invited
    with app.app_context():
        participation_id = participation_of(council[2], challenge_id).id
        instance = engine_of().instance_for(
            "campaign.challenge", db.session.get(Participation, participation_id)
        )
        instance_id, version = instance.id, instance.version
    page = f"/workflows/instances/{instance_id}"
    response = post_form(
        client,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": "call_it_nonsense", "version": version},
        form_url=page,
    )
    assert response.status_code in (302, 303)
    assert state_of(app, council[2], challenge_id) == "onzin"


def test_a_step_without_link_permission_is_refused_by_link(app, invited, council):
    challenge_id, _tokens = invited
    with app.app_context():
        instance = engine_of().instance_for(
            "campaign.challenge", participation_of(council[0], challenge_id)
        )
        with pytest.raises(NotAllowed):
            engine_of().fire(instance.id, "no_answer", actor=None, by_link=True)
        with pytest.raises(NotAllowed):  # no account and no link: nobody
            engine_of().fire(instance.id, "call_it_nonsense", actor=None)
    assert state_of(app, council[0], challenge_id) == "uitgenodigd"


def test_an_answer_after_an_answer_changes_nothing(app, invited, council):
    challenge_id, tokens = invited
    visitor = app.test_client()
    answer(visitor, tokens[council[0]], "call_it_nonsense")
    again = answer(visitor, tokens[council[0]], "decline", {"reason": "toch niet"})
    assert again.status_code == 303  # back to the page, with the reason it did not happen
    assert state_of(app, council[0], challenge_id) == "onzin"


# --------------------------------------------------------------------------- timeouts


def test_no_answer_by_the_deadline_becomes_geen_reactie(app, invited, council):
    challenge_id, tokens = invited
    answer(app.test_client(), tokens[council[0]], "call_it_nonsense")
    with app.app_context():
        respond_by = db.session.get(Challenge, challenge_id).respond_by
        tick(engine_of(), now=local_noon(respond_by))
    assert state_of(app, council[1], challenge_id) == "uitgenodigd"  # the day is not over
    with app.app_context():
        tick(engine_of(), now=local_noon(respond_by + timedelta(days=1)))
    assert state_of(app, council[0], challenge_id) == "onzin"
    assert state_of(app, council[1], challenge_id) == "geen_reactie"


def accept_today(app, token, period_days=7, budget="50"):
    return answer(
        app.test_client(),
        token,
        "accept",
        {"starts_on": local_today().isoformat(), "budget": budget, "period_days": str(period_days)},
    )


def write(client, token, day, amount, spent_on="boodschappen"):
    page = f"/campaign/raad/{token}"
    return post_form(
        client,
        f"{page}/logbook",
        {"day": day.isoformat(), "amount": amount, "spent_on": spent_on, "note": ""},
        form_url=page,
    )


def test_the_period_begins_then_ends_by_the_logbook(app, invited, council):
    challenge_id, tokens = invited
    assert accept_today(app, tokens[council[0]]).status_code == 303
    assert accept_today(app, tokens[council[1]]).status_code == 303
    with app.app_context():
        tick(engine_of(), now=utcnow())
    assert state_of(app, council[0], challenge_id) == "bezig"
    visitor = app.test_client()
    today = local_today()
    assert write(visitor, tokens[council[0]], today, "12,50").status_code == 303
    assert write(visitor, tokens[council[1]], today, "49").status_code == 303
    tomorrow = today + timedelta(days=1)
    assert write(visitor, tokens[council[0]], tomorrow, "30").status_code == 400  # not yet
    with on_day(tomorrow):
        assert write(visitor, tokens[council[0]], tomorrow, "30.00").status_code == 303
        assert write(visitor, tokens[council[1]], tomorrow, "7").status_code == 303
    with app.app_context():
        assert participation_of(council[0], challenge_id).spent_cents == 4250
        tick(engine_of(), now=local_noon(today + timedelta(days=7)))
    assert state_of(app, council[0], challenge_id) == "volbracht"
    assert state_of(app, council[1], challenge_id) == "niet_gelukt"  # € 56 of € 50


def test_through_the_link_a_period_cannot_begin_in_the_past(app, invited, council, team, login):
    """Else a member could accept a week that is over and earn its points unseen."""
    challenge_id, tokens = invited
    with on_day(local_today() + timedelta(days=10)):
        backdated = answer(
            app.test_client(),
            tokens[council[0]],
            "accept",
            {
                "starts_on": (local_today() - timedelta(days=8)).isoformat(),
                "budget": "50",
                "period_days": "7",
            },
        )
        assert backdated.status_code == 400
        assert "Kies vandaag of een dag later." in backdated.get_data(as_text=True)
        assert state_of(app, council[0], challenge_id) == "uitgenodigd"
        with app.app_context():  # nor by the engine, whatever the page does
            instance = engine_of().instance_for(
                "campaign.challenge", participation_of(council[0], challenge_id)
            )
            instance_id = instance.id
            from werkzeug.datastructures import MultiDict

            from core.workflow.errors import WorkflowError

            with pytest.raises(WorkflowError):
                engine_of().fire(
                    instance_id,
                    "accept",
                    actor=None,
                    by_link=True,
                    formdata=MultiDict(
                        {
                            "starts_on": (local_today() - timedelta(days=8)).isoformat(),
                            "budget": "50",
                            "period_days": "7",
                        }
                    ),
                )
        # The team records what a member said by phone: "I began on Monday".
        client = app.test_client()
        login(client, team)  # ten days on: a session of its own
        page = f"/workflows/instances/{instance_id}"
        recorded = post_form(
            client,
            f"/workflows/instances/{instance_id}/fire",
            {
                "trigger": "accept",
                "version": 1,
                "starts_on": (local_today() - timedelta(days=3)).isoformat(),
                "budget": "50",
                "period_days": "7",
            },
            form_url=page,
        )
        assert recorded.status_code in (302, 303)
    assert state_of(app, council[0], challenge_id) == "accepteert"


def test_an_answer_after_the_answer_day_does_not_count_even_when_the_tick_is_late(
    app, invited, council
):
    challenge_id, tokens = invited
    with app.app_context():
        respond_by = db.session.get(Challenge, challenge_id).respond_by
    with on_day(respond_by):
        assert answer(app.test_client(), tokens[council[0]], "call_it_nonsense").status_code == 303
    with on_day(respond_by + timedelta(days=1)):
        member = app.test_client()
        late = answer(member, tokens[council[1]], "call_it_nonsense")
        assert late.status_code == 303
        page = member.get(f"/campaign/raad/{tokens[council[1]]}")
        assert "De antwoorddatum is voorbij" in page.get_data(as_text=True)
    assert state_of(app, council[0], challenge_id) == "onzin"
    assert state_of(app, council[1], challenge_id) == "uitgenodigd"  # until the tick


def test_after_the_last_day_the_link_reads_but_takes_nothing(app, invited, council):
    challenge_id, tokens = invited
    accept_today(app, tokens[council[0]])
    with app.app_context():
        ends_on = db.session.get(Challenge, challenge_id).ends_on
        tick(engine_of(), now=utcnow())
    with on_day(ends_on + timedelta(days=1)):
        visitor = app.test_client()
        page = visitor.get(f"/campaign/raad/{tokens[council[0]]}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "De uitdaging is voorbij" in text and "Opschrijven</button>" not in text
        posted = visitor.post(f"/campaign/raad/{tokens[council[0]]}/answer/drop_out", data={})
        assert posted.status_code in (400, 410)  # the CSRF token or the end, never a change
    with on_day(ends_on + timedelta(days=100)):
        assert app.test_client().get(f"/campaign/raad/{tokens[council[0]]}").status_code == 410
    assert state_of(app, council[0], challenge_id) == "bezig"


def test_the_panel_says_which_steps_came_by_link(app, client, invited, council):
    challenge_id, tokens = invited
    answer(app.test_client(), tokens[council[0]], "call_it_nonsense")
    participation_id = participation_of_id(app, council[0], challenge_id)
    text = client.get(f"/campaign/participations/{participation_id}").get_data(as_text=True)
    assert "via persoonlijke link" in text


def test_an_empty_logbook_is_not_volbracht(app, invited, council):
    challenge_id, tokens = invited
    accept_today(app, tokens[council[0]])
    with app.app_context():
        tick(engine_of(), now=utcnow())
        tick(engine_of(), now=local_noon(local_today() + timedelta(days=7)))
    assert state_of(app, council[0], challenge_id) == "niet_gelukt"


def test_the_logbook_takes_only_days_of_the_period_and_bad_amounts_change_nothing(
    app, invited, council
):
    challenge_id, tokens = invited
    accept_today(app, tokens[council[0]], period_days=3)
    with app.app_context():
        tick(engine_of(), now=utcnow())
    visitor = app.test_client()
    today = local_today()
    late = write(visitor, tokens[council[0]], today + timedelta(days=3), "5")
    assert late.status_code == 400
    assert "Kies een dag van uw periode tot en met vandaag" in late.get_data(as_text=True)
    for amount in ("-1", "veel", "", "5000"):
        assert write(visitor, tokens[council[0]], today, amount).status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LogbookEntry.id))) == 0


def test_no_logbook_before_the_period(app, invited, council):
    _challenge_id, tokens = invited
    response = write(app.test_client(), tokens[council[0]], local_today(), "5")
    assert response.status_code == 400
    accept_today(app, tokens[council[0]])  # accepted, but the tick has not begun the period
    assert write(app.test_client(), tokens[council[0]], local_today(), "5").status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LogbookEntry.id))) == 0


def test_a_member_drops_out(app, invited, council):
    challenge_id, tokens = invited
    accept_today(app, tokens[council[0]])
    with app.app_context():
        tick(engine_of(), now=utcnow())
    assert answer(app.test_client(), tokens[council[0]], "drop_out").status_code == 303
    assert state_of(app, council[0], challenge_id) == "afgehaakt"


# --------------------------------------------------------------------------- reminders


def mails_to(app, email):
    with app.app_context():
        return db.session.scalars(
            db.select(OutboxMessage.subject)
            .where(OutboxMessage.recipient == email)
            .order_by(OutboxMessage.id)
        ).all()


def test_reminders_follow_the_schedule_and_stop_on_an_answer(app, invited, council):
    challenge_id, tokens = invited
    with app.app_context():
        anna = participation_of(council[0], challenge_id).member.email
        bram = participation_of(council[1], challenge_id).member.email
    today = local_today()
    with app.test_request_context():
        assert send_due_reminders(local_noon(today + timedelta(days=6))) == 0
        assert send_due_reminders(local_noon(today + timedelta(days=7))) == 3
        assert send_due_reminders(local_noon(today + timedelta(days=7))) == 0  # once a day
        assert send_due_reminders(local_noon(today + timedelta(days=10))) == 0
    answer(app.test_client(), tokens[council[0]], "call_it_nonsense")
    with app.test_request_context():
        assert send_due_reminders(local_noon(today + timedelta(days=14))) == 2
    reminder = "Herinnering: WARM ROTTERDAM DAAGT RAADSLEDEN UIT"
    assert mails_to(app, anna) == ["WARM ROTTERDAM DAAGT RAADSLEDEN UIT", reminder]
    assert mails_to(app, bram) == ["WARM ROTTERDAM DAAGT RAADSLEDEN UIT", reminder, reminder]
    with app.app_context():
        steps = db.session.scalars(
            db.select(Reminder.step)
            .where(Reminder.participation_id == participation_of(council[1], challenge_id).id)
            .order_by(Reminder.step)
        ).all()
        assert steps == [7, 14]
        body = db.session.scalars(
            db.select(OutboxMessage.body).where(OutboxMessage.recipient == bram)
        ).all()[-1]
        assert "herinnering 2 van 3" in body and tokens[council[1]] in body


def test_no_reminder_for_a_member_who_answered_after_the_list_was_read(app, invited, council):
    from plugins.campaign.challenge.invitations import _remind

    challenge_id, tokens = invited
    with app.app_context():
        participation = participation_of(council[0], challenge_id)
        instance_id = engine_of().instance_for("campaign.challenge", participation).id
        participation_id = participation.id
    answer(app.test_client(), tokens[council[0]], "call_it_nonsense")
    with app.test_request_context():
        assert _remind(participation_id, instance_id, 7, position=1, of=3) is False
        assert db.session.scalar(db.select(db.func.count(Reminder.id))) == 0


def test_a_late_tick_sends_one_reminder_not_a_backlog(app, invited, council):
    challenge_id, _tokens = invited
    with app.test_request_context():
        assert send_due_reminders(local_noon(local_today() + timedelta(days=15))) == 3
        steps = db.session.scalars(db.select(Reminder.step)).all()
    assert steps == [14, 14, 14]


def test_the_tick_sends_the_reminders(app, invited, council):
    _challenge_id, _tokens = invited
    with app.app_context():
        report = tick(engine_of(), now=local_noon(local_today() + timedelta(days=7)))
    assert report.plugin_work == ["campaign: 3 herinnering(en) aan raadsleden verstuurd"]


def test_no_reminders_after_the_answer_day(app, invited, council):
    challenge_id, _tokens = invited
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        challenge.respond_by = local_today() + timedelta(days=5)
        db.session.commit()
        assert send_due_reminders(local_noon(local_today() + timedelta(days=7))) == 0


# --------------------------------------------------------------------------- follow-up


def test_the_team_keeps_a_call_list(app, client, invited, council):
    challenge_id, _tokens = invited
    with app.app_context():
        participation_id = participation_of(council[1], challenge_id).id
    page = f"/campaign/participations/{participation_id}"
    bad = post_form(client, f"{page}/calls", {"called_at": "", "summary": ""}, form_url=page)
    assert bad.status_code == 400
    ok = post_form(
        client,
        f"{page}/calls",
        {"called_at": "2026-12-01T10:15", "summary": "Belt volgende week terug"},
        form_url=page,
    )
    assert ok.status_code == 303
    text = client.get(page).get_data(as_text=True)
    assert "Belt volgende week terug" in text and "Tamara Team" in text


def test_the_team_assigns_a_non_responder_for_follow_up(app, client, invited, council, make_user):
    challenge_id, _tokens = invited
    caller = make_user(roles={"team"}, name="Vera Vrijwilliger")
    with app.app_context():
        instance = engine_of().instance_for(
            "campaign.challenge", participation_of(council[1], challenge_id)
        )
        instance_id = instance.id
    page = f"/campaign/participations/{participation_of_id(app, council[1], challenge_id)}"
    assert "Wie pakt dit op?" in client.get(page).get_data(as_text=True)
    response = post_form(
        client,
        f"/workflows/instances/{instance_id}/assign",
        {"assignee_id": caller.id, "version": 1},
        form_url=page,
    )
    assert response.status_code in (302, 303)
    with app.app_context():
        assert db.session.get(WorkflowInstance, instance_id).assignee_id == caller.id
    overview = client.get(f"/campaign/challenges/{challenge_id}").get_data(as_text=True)
    assert "Vera Vrijwilliger" in overview


def participation_of_id(app, member_id, challenge_id):
    with app.app_context():
        return participation_of(member_id, challenge_id).id


# --------------------------------------------------------------------------- getuigschrift


def test_a_member_who_saw_it_through_gets_a_getuigschrift(app, client, invited, council):
    challenge_id, tokens = invited
    accept_today(app, tokens[council[0]])
    visitor = app.test_client()
    with app.app_context():
        tick(engine_of(), now=utcnow())
    write(visitor, tokens[council[0]], local_today(), "20")
    assert visitor.get(f"/campaign/raad/{tokens[council[0]]}/getuigschrift").status_code == 404
    with app.app_context():
        tick(engine_of(), now=local_noon(local_today() + timedelta(days=7)))
    page = visitor.get(f"/campaign/raad/{tokens[council[0]]}/getuigschrift")
    assert page.status_code == 200
    assert "Anna de Vries heeft 7 dagen geleefd van" in page.get_data(as_text=True)
    pdf = visitor.get(f"/campaign/raad/{tokens[council[0]]}/getuigschrift.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Cache-Control"] == "no-store"
    participation_id = participation_of_id(app, council[0], challenge_id)
    assert (
        client.get(f"/campaign/participations/{participation_id}/getuigschrift").status_code == 200
    )
    declined = participation_of_id(app, council[1], challenge_id)
    assert client.get(f"/campaign/participations/{declined}/getuigschrift").status_code == 404


# --------------------------------------------------------------------------- access


def test_campaign_pages_need_the_campaign_permission(app, make_user, login, invited, council):
    challenge_id, _tokens = invited
    expert = app.test_client()
    login(expert, make_user(roles={"expert"}))
    for path in ("/campaign/", "/campaign/council/", f"/campaign/challenges/{challenge_id}"):
        assert expert.get(path).status_code == 403
    anonymous = app.test_client()
    assert anonymous.get("/campaign/challenges/").status_code == 302  # to the login page


def test_a_volunteer_calls_a_member_and_records_the_answer(
    app, client, invited, council, make_user, login
):
    challenge_id, tokens = invited
    volunteer = make_user(roles={"volunteer"}, name="Vera Vrijwilliger")
    with app.app_context():
        instance = engine_of().instance_for(
            "campaign.challenge", participation_of(council[1], challenge_id)
        )
        instance_id = instance.id
    participation_id = participation_of_id(app, council[1], challenge_id)
    page = f"/campaign/participations/{participation_id}"
    # The team gives Bram to Vera to call.
    post_form(
        client,
        f"/workflows/instances/{instance_id}/assign",
        {"assignee_id": volunteer.id, "version": 1},
        form_url=page,
    )
    vera = app.test_client()
    login(vera, volunteer)
    assert "Bram Bakker" in vera.get("/tasks").get_data(as_text=True)
    assert vera.get(page).status_code == 200
    assert vera.get(f"/campaign/challenges/{challenge_id}").status_code == 403
    called = post_form(
        vera,
        f"{page}/calls",
        {"called_at": "2026-12-01T10:15", "summary": "Doet niet mee"},
        form_url=page,
    )
    assert called.status_code == 303
    answered = post_form(
        vera,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": "decline", "version": 2, "reason": "Zei aan de telefoon: geen tijd"},
        form_url=page,
    )
    assert answered.status_code in (302, 303)
    assert state_of(app, council[1], challenge_id) == "weigert"
    # The council's list and the challenge's settings stay the team's.
    assert vera.get("/campaign/council/").status_code == 403
    assert vera.get(f"/campaign/challenges/{challenge_id}/edit").status_code == 403


def test_the_board_looks_along_but_notes_no_calls(app, invited, council, make_user, login):
    challenge_id, _tokens = invited
    board = app.test_client()
    login(board, make_user(roles={"board"}))
    page = f"/campaign/participations/{participation_of_id(app, council[0], challenge_id)}"
    assert board.get(page).status_code == 200
    assert "Gesprek vastleggen" not in board.get(page).get_data(as_text=True)
    refused = board.post(f"{page}/calls", data={"csrf_token": "x", "summary": "x"})
    assert refused.status_code in (400, 403)

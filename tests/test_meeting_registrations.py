"""Registering for meetings: places, the waiting list that moves up by itself, options with
their own limit (the Warmtebronnen tour: taxis of four), guests and their personal link,
reminders before the start, the check-in list and the closing report."""

import re
import threading
import time
from datetime import timedelta

import pytest

from core.extensions import db
from core.meetings import registrations
from core.meetings.models import Meeting, MeetingOption, MeetingRegistration
from core.meetings.registrations import link_token
from core.models import OutboxMessage
from core.notifications.models import Notification
from core.testing import post_form
from core.timeutil import utcnow
from core.workflow import engine_of
from core.workflow.maintenance import tick
from tests.test_workflow_concurrency import Browser


@pytest.fixture
def organiser(make_user):
    return make_user(roles={"team"}, name="Olga Organisator")


@pytest.fixture
def make_meeting(app, organiser):
    def make(capacity=None, options=(), starts_in=timedelta(days=7), remind=24):
        with app.app_context():
            meeting = Meeting(
                title="Tour langs de Warmtebronnen",
                starts_at=utcnow() + starts_in,
                kind="event",
                capacity=capacity,
                organiser_id=organiser.id,
                remind_hours_before=remind,
                options=[MeetingOption(name=n, capacity=c) for n, c in options],
            )
            db.session.add(meeting)
            db.session.commit()
            return meeting.id, [o.id for o in meeting.options]

    return make


def page(meeting_id: int) -> str:
    return f"/meetings/{meeting_id}"


def register(client, meeting_id, option_id=None):
    data = {"option_id": str(option_id)} if option_id else {}
    return post_form(client, f"{page(meeting_id)}/register", data, form_url=page(meeting_id))


def statuses(app, meeting_id) -> dict[str, str]:
    with app.app_context():
        rows = db.session.scalars(
            db.select(MeetingRegistration).where(MeetingRegistration.meeting_id == meeting_id)
        ).all()
        return {r.name: r.status for r in rows}


def registration_id(app, meeting_id, name) -> int:
    with app.app_context():
        rows = db.session.scalars(
            db.select(MeetingRegistration).where(MeetingRegistration.meeting_id == meeting_id)
        ).all()
        return next(r.id for r in rows if r.name == name)


def notifications_of(app, user) -> list[str]:
    with app.app_context():
        return db.session.scalars(
            db.select(Notification.text).where(Notification.user_id == user.id)
        ).all()


def mails_to(app, address) -> list[OutboxMessage]:
    with app.app_context():
        rows = db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.recipient == address)
        ).all()
        db.session.expunge_all()
        return rows


def person(app, make_user, login, name, roles=("expert",)):
    client = app.test_client()
    user = make_user(roles=set(roles), name=name)
    login(client, user)
    return client, user


def test_full_meeting_puts_the_next_on_the_waiting_list_and_a_cancellation_promotes(
    app, make_user, login, make_meeting, organiser
):
    meeting_id, _ = make_meeting(capacity=1)
    anna, _anna = person(app, make_user, login, "Anna")
    bram, bram_user = person(app, make_user, login, "Bram")
    assert register(anna, meeting_id).status_code == 302
    response = register(bram, meeting_id)
    assert response.status_code == 302
    assert "U staat op de wachtlijst" in bram.get(page(meeting_id)).text
    assert statuses(app, meeting_id) == {"Anna": "registered", "Bram": "waiting"}
    # A second registration of the same person is refused, nothing changes.
    again = register(anna, meeting_id)
    assert again.status_code == 400 and "U bent al aangemeld" in again.text

    cancelled = post_form(anna, f"{page(meeting_id)}/cancel", {}, form_url=page(meeting_id))
    assert cancelled.status_code == 302
    assert statuses(app, meeting_id) == {"Anna": "cancelled", "Bram": "registered"}
    assert notifications_of(app, organiser) == [
        "Bram is van de wachtlijst aangemeld voor Tour langs de Warmtebronnen."
    ]
    assert notifications_of(app, bram_user) == [
        "Er is plaats: u bent nu aangemeld voor Tour langs de Warmtebronnen."
    ]


def test_a_full_taxi_sends_to_the_waiting_list_while_another_taxi_has_places(
    app, make_user, login, make_meeting
):
    meeting_id, (taxi_1, taxi_2) = make_meeting(capacity=24, options=[("Taxi 1", 4), ("Taxi 2", 4)])
    for n in range(4):
        client, _ = person(app, make_user, login, f"Gast {n}")
        assert register(client, meeting_id, taxi_1).status_code == 302
    late, _ = person(app, make_user, login, "Laat")
    register(late, meeting_id, taxi_1)
    other, _ = person(app, make_user, login, "Ander")
    register(other, meeting_id, taxi_2)
    found = statuses(app, meeting_id)
    assert [found[f"Gast {n}"] for n in range(4)] == ["registered"] * 4
    assert (found["Laat"], found["Ander"]) == ("waiting", "registered")
    newcomer, _ = person(app, make_user, login, "Nieuw")
    assert "Taxi 1 (vol: wachtlijst)" in newcomer.get(page(meeting_id)).text

    # A place in taxi 2 freeing does not promote someone waiting for taxi 1.
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    ander = registration_id(app, meeting_id, "Ander")
    post_form(
        team, f"{page(meeting_id)}/registrations/{ander}/cancel", {}, form_url=page(meeting_id)
    )
    assert statuses(app, meeting_id)["Laat"] == "waiting"
    # A place in taxi 1 does.
    first = registration_id(app, meeting_id, "Gast 0")
    post_form(
        team, f"{page(meeting_id)}/registrations/{first}/cancel", {}, form_url=page(meeting_id)
    )
    assert statuses(app, meeting_id)["Laat"] == "registered"


def test_a_meeting_with_options_needs_one_chosen(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(options=[("Taxi 1", 4)])
    client, _ = person(app, make_user, login, "Anna")
    response = register(client, meeting_id)
    assert response.status_code == 400 and "Kies hoe u meedoet." in response.text
    other_meeting, (other_option,) = make_meeting(options=[("Op de fiets", None)])
    response = register(client, meeting_id, other_option)  # an option of another meeting
    assert response.status_code == 400 and "Kies hoe u meedoet." in response.text
    assert statuses(app, meeting_id) == {}


PEOPLE = 8


def test_parallel_requests_for_the_last_seat_give_one_place_and_the_rest_wait(
    app, live_server, make_user, make_meeting, monkeypatch
):
    """One seat, many requests at the same moment over real HTTP: the meeting's row is
    locked before the places are counted, so exactly one gets the seat and the others land
    on the waiting list (SQLite and PostgreSQL)."""
    meeting_id, (taxi,) = make_meeting(capacity=10, options=[("Taxi 1", 1)])
    count = registrations.taken

    def slow_count(*args, **kwargs):
        # A slow count widens the moment between counting and saving, in which requests
        # without the lock would all see the seat free (checked: they then all get it).
        found = count(*args, **kwargs)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(registrations, "taken", slow_count)
    requests = []
    for n in range(PEOPLE):
        browser = Browser(live_server)
        browser.login(make_user(roles={"expert"}, name=f"Persoon {n}").email)
        token = browser.token(page(meeting_id))
        requests.append((browser, {"option_id": str(taxi), "csrf_token": token}))
    results, barrier = [None] * PEOPLE, threading.Barrier(PEOPLE)

    def act(n):
        browser, form = requests[n]
        barrier.wait()
        results[n] = browser.request(f"{page(meeting_id)}/register", form)

    threads = [threading.Thread(target=act, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [status for status, _ in results] == [302] * PEOPLE, results
    found = sorted(statuses(app, meeting_id).values())
    assert found == ["registered"] + ["waiting"] * (PEOPLE - 1)


def test_only_the_team_adds_guests_and_checks_people_in(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting()
    expert, _ = person(app, make_user, login, "Eva")
    register(expert, meeting_id)
    eva = registration_id(app, meeting_id, "Eva")
    guest = {"guest_name": "Gijs", "guest_email": "gijs@example.org"}
    here = page(meeting_id)
    assert post_form(expert, f"{here}/guests", guest, form_url=here).status_code == 403
    assert expert.get(f"{page(meeting_id)}/checkin").status_code == 403
    attend = f"{here}/registrations/{eva}/attend"
    assert post_form(expert, attend, {"present": "1"}, form_url=here).status_code == 403
    assert expert.get(f"{page(meeting_id)}/report").status_code == 403
    assert "Gast toevoegen" not in expert.get(page(meeting_id)).text
    partner, _ = person(app, make_user, login, "Piet", roles=("partner",))
    assert partner.get(page(meeting_id)).status_code == 403
    refused = post_form(partner, f"{page(meeting_id)}/register", {}, form_url="/profile/")
    assert refused.status_code == 403
    assert statuses(app, meeting_id) == {"Eva": "registered"}


def test_a_guest_is_added_and_a_bad_guest_form_changes_nothing(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(capacity=1)
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    url = f"{page(meeting_id)}/guests"
    bad = post_form(
        team, url, {"guest_name": "", "guest_email": "geen-adres"}, form_url=page(meeting_id)
    )
    assert bad.status_code == 400
    assert "Vul de naam in." in bad.text and "Vul een geldig e-mailadres in." in bad.text
    assert statuses(app, meeting_id) == {}
    ok = post_form(
        team,
        url,
        {"guest_name": "Gijs", "guest_email": "gijs@example.org"},
        form_url=page(meeting_id),
    )
    assert ok.status_code == 302
    twice = post_form(
        team,
        url,
        {"guest_name": "Gijs", "guest_email": "GIJS@example.org"},
        form_url=page(meeting_id),
    )
    assert twice.status_code == 400 and "Deze gast staat al op de lijst." in twice.text
    post_form(
        team,
        url,
        {"guest_name": "Hanna", "guest_email": "hanna@example.org"},
        form_url=page(meeting_id),
    )
    assert statuses(app, meeting_id) == {"Gijs": "registered", "Hanna": "waiting"}
    # Gijs cancels through the organiser: Hanna moves up and is told by mail (no account).
    gijs = registration_id(app, meeting_id, "Gijs")
    post_form(
        team, f"{page(meeting_id)}/registrations/{gijs}/cancel", {}, form_url=page(meeting_id)
    )
    assert statuses(app, meeting_id)["Hanna"] == "registered"
    (mail,) = mails_to(app, "hanna@example.org")
    assert mail.subject == "Er is plaats: Tour langs de Warmtebronnen"
    assert "/meetings/guest/" in mail.body


def invite(app, make_user, login, meeting_id, name, email):
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    response = post_form(
        team,
        f"{page(meeting_id)}/guests",
        {"guest_name": name, "guest_email": email, "invite": "y"},
        form_url=page(meeting_id),
    )
    assert response.status_code == 302
    (mail,) = mails_to(app, email)
    return re.search(r"/meetings/guest/[^\s]+", mail.body).group(0)


def test_an_invited_guest_answers_through_their_own_link(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(capacity=5)
    link = invite(app, make_user, login, meeting_id, "Gijs", "gijs@example.org")
    other = invite(app, make_user, login, meeting_id, "Hanna", "hanna@example.org")
    assert statuses(app, meeting_id) == {"Gijs": "invited", "Hanna": "invited"}
    guest = app.test_client()
    shown = guest.get(link)
    assert shown.status_code == 200 and "Gijs" in shown.text and "Hanna" not in shown.text
    yes = post_form(guest, link, {"answer": "yes"})
    assert yes.status_code == 302
    assert statuses(app, meeting_id) == {"Gijs": "registered", "Hanna": "invited"}
    # Later Gijs cannot come after all; Hanna says no: each touches only their own row.
    post_form(guest, link, {"answer": "no"})
    post_form(app.test_client(), other, {"answer": "no"})
    assert statuses(app, meeting_id) == {"Gijs": "declined", "Hanna": "declined"}


def test_a_wrong_or_expired_guest_link_is_refused(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(capacity=5)
    link = invite(app, make_user, login, meeting_id, "Gijs", "gijs@example.org")
    number, signature = link.rsplit("/", 1)[1].split("-")
    guest = app.test_client()
    # Another registration's number with this signature, a changed signature, nonsense.
    for token in (f"{int(number) + 1}-{signature}", f"{number}-{'0' * 40}", "abc", "1-"):
        assert guest.get(f"/meetings/guest/{token}").status_code == 404, token
    with app.app_context():
        db.session.execute(
            db.update(Meeting)
            .where(Meeting.id == meeting_id)
            .values(starts_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
    expired = guest.get(link)
    assert expired.status_code == 410 and "de bijeenkomst is al begonnen" in expired.text
    assert statuses(app, meeting_id) == {"Gijs": "invited"}


def test_the_reminder_goes_once_a_day_before_even_with_two_ticks(
    app, make_user, login, make_meeting
):
    meeting_id, _ = make_meeting(starts_in=timedelta(hours=30))
    client, user = person(app, make_user, login, "Anna")
    register(client, meeting_id)
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    post_form(
        team,
        f"{page(meeting_id)}/guests",
        {"guest_name": "Gijs", "guest_email": "gijs@example.org"},
        form_url=page(meeting_id),
    )
    with app.app_context():
        assert tick(engine_of()).meeting_reminders == 0  # 30 hours ahead: not yet
        later = utcnow() + timedelta(hours=7)
        assert tick(engine_of(), now=later).meeting_reminders == 2
        assert tick(engine_of(), now=later).meeting_reminders == 0
    assert notifications_of(app, user) == [
        "Herinnering: Tour langs de Warmtebronnen begint binnenkort."
    ]
    (mail,) = mails_to(app, "gijs@example.org")
    assert mail.subject == "Herinnering: Tour langs de Warmtebronnen"


def test_two_ticks_at_once_send_each_reminder_once(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(starts_in=timedelta(hours=2))
    for n in range(5):
        client, _ = person(app, make_user, login, f"Gast {n}")
        register(client, meeting_id)
    sent, barrier = [], threading.Barrier(2)

    def run():
        with app.app_context():
            barrier.wait()
            sent.append(tick(engine_of()).meeting_reminders)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(sent) == 5
    with app.app_context():
        told = db.session.scalar(
            db.select(db.func.count(Notification.id)).where(Notification.text.like("Herinnering:%"))
        )
    assert told == 5


def test_check_in_counts_for_the_closing_report(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting()
    for name in ("Anna", "Bram", "Cem"):
        client, _ = person(app, make_user, login, name)
        register(client, meeting_id)
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    checkin = f"{page(meeting_id)}/checkin"
    assert "0 aanwezig van 3 aangemeld" in team.get(checkin).text
    for name in ("Anna", "Bram"):
        rid = registration_id(app, meeting_id, name)
        response = post_form(
            team,
            f"{page(meeting_id)}/registrations/{rid}/attend",
            {"present": "1"},
            form_url=checkin,
        )
        assert response.status_code == 302
    bram = registration_id(app, meeting_id, "Bram")
    post_form(
        team, f"{page(meeting_id)}/registrations/{bram}/attend", {"present": "0"}, form_url=checkin
    )
    assert "1 aanwezig van 3 aangemeld" in team.get(checkin).text
    assert statuses(app, meeting_id) == {
        "Anna": "attended",
        "Bram": "registered",
        "Cem": "registered",
    }

    report = f"{page(meeting_id)}/report"
    assert "Aantal aanwezig: 1" in team.get(report).text
    empty = post_form(team, report, {"contributions": "", "follow_ups": "Niets"})
    assert empty.status_code == 400 and "Schrijf kort wat er is ingebracht." in empty.text
    with app.app_context():
        assert db.session.get(Meeting, meeting_id).reported_at is None
    saved = post_form(
        team,
        report,
        {"contributions": "Drie ideeën voor de buurt.", "follow_ups": "Anna belt de Warmtebron."},
    )
    assert saved.status_code == 302
    shown = team.get(page(meeting_id)).text
    assert "Drie ideeën voor de buurt." in shown and "Anna belt de Warmtebron." in shown


def test_nobody_is_checked_in_who_is_not_registered(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(capacity=1)
    for name in ("Anna", "Bram"):
        client, _ = person(app, make_user, login, name)
        register(client, meeting_id)
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    bram = registration_id(app, meeting_id, "Bram")  # on the waiting list
    checkin = f"{page(meeting_id)}/checkin"
    response = post_form(
        team, f"{page(meeting_id)}/registrations/{bram}/attend", {"present": "1"}, form_url=checkin
    )
    assert response.status_code == 302
    assert "Alleen wie is aangemeld kan aanwezig zijn." in team.get(checkin).text
    assert statuses(app, meeting_id)["Bram"] == "waiting"
    # A registration of another meeting is not reachable through this one.
    other_id, _ = make_meeting()
    elsewhere = f"/meetings/{other_id}/registrations/{bram}/attend"
    assert post_form(team, elsewhere, {"present": "1"}, form_url=checkin).status_code == 404


def test_the_link_token_names_one_registration(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting()
    invite(app, make_user, login, meeting_id, "Gijs", "gijs@example.org")
    with app.app_context():
        registration = db.session.scalar(db.select(MeetingRegistration))
        token = link_token(registration)
        registration.link_nonce = "0" * 32  # a new nonce: the old link no longer opens it
        db.session.commit()
    assert app.test_client().get(f"/meetings/guest/{token}").status_code == 404


def edit_form(**fields) -> dict:
    return {
        "title": "Tour langs de Warmtebronnen",
        "starts_at": "2030-06-01T13:00",
        "kind": "event",
        "host_id": "0",
        "remind_hours_before": "24",
        **fields,
    }


def test_more_places_move_the_waiting_list_up(app, make_user, login, make_meeting, organiser):
    meeting_id, _ = make_meeting(capacity=1)
    for name in ("Anna", "Bram"):
        client, _ = person(app, make_user, login, name)
        register(client, meeting_id)
    team = app.test_client()
    login(team, organiser)
    edit = f"{page(meeting_id)}/edit"
    shown = team.get(edit).text
    assert 'value="Tour langs de Warmtebronnen"' in shown
    response = post_form(team, edit, edit_form(capacity="2", organiser_id=str(organiser.id)))
    assert response.status_code == 302, response.text
    assert statuses(app, meeting_id) == {"Anna": "registered", "Bram": "registered"}
    assert notifications_of(app, organiser) == [
        "Bram is van de wachtlijst aangemeld voor Tour langs de Warmtebronnen."
    ]
    with app.app_context():
        # 13:00 in Rotterdam in summer is 11:00 UTC.
        assert db.session.get(Meeting, meeting_id).starts_at.hour == 11


def test_an_option_people_chose_cannot_be_removed(app, make_user, login, make_meeting, organiser):
    meeting_id, (taxi_1, _taxi_2) = make_meeting(options=[("Taxi 1", 4), ("Taxi 2", 4)])
    client, _ = person(app, make_user, login, "Anna")
    register(client, meeting_id, taxi_1)
    team = app.test_client()
    login(team, organiser)
    edit = f"{page(meeting_id)}/edit"
    assert "Taxi 1: 4\nTaxi 2: 4" in team.get(edit).text
    refused = post_form(team, edit, edit_form(title="Anders", options="Taxi 2: 4"))
    assert refused.status_code == 400
    assert "Taxi 1 kan niet weg: er zijn mensen voor aangemeld." in refused.text
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting.title == "Tour langs de Warmtebronnen"
        assert [o.name for o in meeting.options] == ["Taxi 1", "Taxi 2"]
    # Taxi 2 is free to go; a new option comes; Taxi 1's limit changes.
    saved = post_form(team, edit, edit_form(options="Taxi 1: 3\nOp de fiets"))
    assert saved.status_code == 302
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert [(o.name, o.capacity) for o in meeting.options] == [
            ("Taxi 1", 3),
            ("Op de fiets", None),
        ]
        assert db.session.get(MeetingRegistration, 1).option_id == taxi_1


def test_a_guest_the_organiser_took_off_cannot_take_the_place_back(
    app, make_user, login, make_meeting
):
    meeting_id, _ = make_meeting(capacity=1)
    link = invite(app, make_user, login, meeting_id, "Gijs", "gijs@example.org")
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    gijs = registration_id(app, meeting_id, "Gijs")
    post_form(
        team, f"{page(meeting_id)}/registrations/{gijs}/cancel", {}, form_url=page(meeting_id)
    )
    assert statuses(app, meeting_id) == {"Gijs": "cancelled"}
    post_form(app.test_client(), link, {"answer": "yes"})
    assert statuses(app, meeting_id) == {"Gijs": "cancelled"}


def test_after_the_start_a_cancellation_promotes_nobody(app, make_user, login, make_meeting):
    meeting_id, _ = make_meeting(capacity=1)
    anna, _anna = person(app, make_user, login, "Anna")
    bram, _bram = person(app, make_user, login, "Bram")
    register(anna, meeting_id)
    register(bram, meeting_id)
    with app.app_context():
        db.session.get(Meeting, meeting_id).starts_at = utcnow() - timedelta(hours=3)
        db.session.commit()
    refused = post_form(anna, f"{page(meeting_id)}/cancel", {}, form_url=page(meeting_id))
    assert refused.status_code == 302
    assert statuses(app, meeting_id) == {"Anna": "registered", "Bram": "waiting"}
    with app.app_context():  # nor when the organiser marks a no-show afterwards
        registrations.cancel(
            db.session.get(MeetingRegistration, registration_id(app, meeting_id, "Anna"))
        )
        db.session.commit()
    assert statuses(app, meeting_id) == {"Anna": "cancelled", "Bram": "waiting"}


def test_a_check_in_after_a_cancellation_does_not_bring_it_back(
    app, make_user, login, make_meeting
):
    meeting_id, _ = make_meeting(capacity=1)
    anna, _anna = person(app, make_user, login, "Anna")
    register(anna, meeting_id)
    with app.app_context():
        stale = db.session.get(MeetingRegistration, registration_id(app, meeting_id, "Anna"))
        assert stale.status == "registered"
        with app.app_context():  # meanwhile, elsewhere: Anna cancels
            registrations.cancel(db.session.get(MeetingRegistration, stale.id))
            db.session.commit()
        with pytest.raises(registrations.RegistrationRefused):
            registrations.check_in(stale, present=True)
        db.session.rollback()
    assert statuses(app, meeting_id) == {"Anna": "cancelled"}


def test_moving_a_meeting_sends_its_reminder_again(app, make_user, login, make_meeting, organiser):
    meeting_id, _ = make_meeting(capacity=5, starts_in=timedelta(hours=12), remind=24)
    anna, _anna = person(app, make_user, login, "Anna")
    register(anna, meeting_id)
    with app.app_context():
        tick(engine_of())
        assert db.session.scalar(db.select(MeetingRegistration.reminded_at)) is not None
    team = app.test_client()
    login(team, organiser)
    edit = f"{page(meeting_id)}/edit"
    form = team.get(edit).text
    assert "Olga Organisator" in form
    with app.app_context():
        from core.timeutil import utc_to_local

        later = utc_to_local(utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    moved = post_form(
        team,
        edit,
        {
            "title": "Tour langs de Warmtebronnen",
            "starts_at": later,
            "kind": "event",
            "organiser_id": str(organiser.id),
            "host_id": "0",
            "capacity": "5",
            "remind_hours_before": "24",
        },
    )
    assert moved.status_code == 302, moved.text
    with app.app_context():
        assert db.session.scalar(db.select(MeetingRegistration.reminded_at)) is None

"""On the profile page each person chooses how each kind of notification reaches them."""

import re

from core.extensions import db
from core.notifications.preferences import DEFAULTS, NotificationPreference, preferences_of
from core.testing import post_form

CHOICES = {"assignment": "off", "action": "digest", "deadline": "immediate", "events": "digest"}


def test_the_profile_shows_the_defaults_deadlines_as_a_digest(client, make_user, login):
    login(client, make_user(roles={"team"}))
    page = client.get("/profile/").text
    assert "E-mail over meldingen" in page
    checked = re.findall(r'<input checked id="[a-z]+-\d" name="([a-z]+)"[^>]* value="([a-z]+)"', page)
    assert dict(checked) == DEFAULTS
    assert DEFAULTS["deadline"] == "digest"


def test_a_person_saves_their_choices(app, client, make_user, login):
    user = make_user(roles={"partner"})
    login(client, user)
    response = post_form(client, "/profile/notifications", CHOICES, form_url="/profile/")
    assert response.status_code == 302
    assert "Uw keuzes voor e-mail zijn opgeslagen." in client.get("/profile/").text
    with app.app_context():
        assert preferences_of(user.id) == CHOICES
    # saved again with other values: the same rows change, none are added
    post_form(client, "/profile/notifications", {**CHOICES, "action": "off"}, form_url="/profile/")
    with app.app_context():
        assert preferences_of(user.id)["action"] == "off"
        assert db.session.scalar(db.select(db.func.count(NotificationPreference.id))) == 4


def test_an_unknown_choice_is_refused_and_changes_nothing(app, client, make_user, login):
    user = make_user(roles={"partner"})
    login(client, user)
    response = post_form(
        client, "/profile/notifications", {**CHOICES, "events": "every-minute"}, form_url="/profile/"
    )
    assert response.status_code == 400
    assert "Controleer het formulier" in response.text
    missing = post_form(client, "/profile/notifications", {"action": "off"}, form_url="/profile/")
    assert missing.status_code == 400 and "Kies hoe u dit wilt horen." in missing.text
    with app.app_context():
        assert preferences_of(user.id) == DEFAULTS
        assert db.session.scalar(db.select(db.func.count(NotificationPreference.id))) == 0


def test_choices_are_ones_own(app, client, make_user, login):
    first, second = make_user(roles={"team"}), make_user(roles={"team"})
    login(client, first)
    post_form(client, "/profile/notifications", CHOICES, form_url="/profile/")
    with app.app_context():
        assert preferences_of(second.id) == DEFAULTS

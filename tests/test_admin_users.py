"""Beheer → Gebruikers: editing keeps what the page shows."""

from core.accounts.models import User
from core.extensions import db
from tests.factories import form_as_submitted


def test_the_edit_page_ticks_the_roles_the_user_has(client, make_user, login):
    login(client, make_user(roles={"admin"}))
    person = make_user(roles={"auditor", "expert"})
    fields = form_as_submitted(client.get(f"/admin/users/{person.id}").text)
    assert sorted(fields["roles"]) == ["auditor", "expert"]


def test_saving_the_edit_page_unchanged_keeps_every_role(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    person = make_user(roles={"auditor", "expert"}, name="Ans Auditor")
    url = f"/admin/users/{person.id}"
    response = client.post(url, data=form_as_submitted(client.get(url).text))
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user.role_names == {"auditor", "expert"}
        assert user.display_name == "Ans Auditor" and user.active

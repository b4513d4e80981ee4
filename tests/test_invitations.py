"""An admin invites someone; they set their own password through a one-time, expiring link."""

import re
from datetime import timedelta

from core.accounts.models import Invitation, User
from core.extensions import db
from core.models import OutboxMessage, SecurityEvent
from core.testing import post_form
from tests.factories import make_organisation

NEW_PASSWORD = "een lange zin als wachtwoord"


def invite(client, **fields):
    data = {
        "email": "nieuw@example.org",
        "display_name": "Nieuwe Auditor",
        "roles": ["auditor"],
        "organisation_id": "0",
        "organisation_role": "staff",
        **fields,
    }
    return post_form(client, "/admin/users/invite", data)


def invitation_link(app) -> str:
    with app.app_context():
        body = (
            db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc()))
            .first()
            .body
        )
    return re.search(r"http://localhost(/invite/\S+)", body).group(1)


def test_admin_invites_and_invitee_sets_password_then_logs_in(app, client, make_user, login):
    organisation = make_organisation(app, "Havensteder", "formal_body")
    admin = make_user(roles={"admin"})
    login(client, admin)
    response = invite(client, organisation_id=str(organisation.id), roles=["auditor", "expert"])
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "nieuw@example.org"))
        assert user.active is False and user.password_hash is None
        assert user.role_names == {"auditor", "expert"}
        assert [m.organisation_id for m in user.memberships] == [organisation.id]
        message = db.session.scalars(db.select(OutboxMessage)).one()
        assert message.recipient == "nieuw@example.org"
        kinds = db.session.scalars(db.select(SecurityEvent.kind)).all()
        assert "invite" in kinds
    assert "nieuw@example.org" in client.get("/admin/outbox").text

    link = invitation_link(app)
    invitee = app.test_client()
    page = invitee.get(link)
    assert page.status_code == 200 and "Welkom, Nieuwe Auditor" in page.text
    response = post_form(invitee, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/login"

    response = post_form(
        invitee, "/login", {"email": "nieuw@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_invitation_link_works_only_once(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    link = invitation_link(app)
    invitee = app.test_client()
    post_form(invitee, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    again = invitee.get(link)
    assert again.status_code == 410
    assert "verlopen of al gebruikt" in again.text


def test_expired_invitation_is_refused(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    link = invitation_link(app)
    with app.app_context():
        invitation = db.session.scalars(db.select(Invitation)).one()
        invitation.expires_at -= timedelta(days=8)
        db.session.commit()
    assert app.test_client().get(link).status_code == 410


def test_token_is_stored_only_as_a_hash(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    token = invitation_link(app).rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalars(db.select(Invitation.token_hash)).one()
    assert token not in stored and len(stored) == 64


def test_mismatched_or_short_password_is_refused_and_changes_nothing(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    link = invitation_link(app)
    invitee = app.test_client()
    response = post_form(
        invitee, link, {"password": NEW_PASSWORD, "confirm": "iets anders dan dat"}
    )
    assert response.status_code == 400 and "De twee wachtwoorden zijn niet gelijk." in response.text
    response = post_form(invitee, link, {"password": "kort", "confirm": "kort"})
    assert response.status_code == 400 and "minstens 12 tekens" in response.text
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "nieuw@example.org"))
        assert user.password_hash is None and not user.active
        assert db.session.scalars(db.select(Invitation.used_at)).one() is None


def test_reinvite_makes_the_old_link_lapse(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    first = invitation_link(app)
    with app.app_context():
        user_id = db.session.scalar(db.select(User.id).where(User.email == "nieuw@example.org"))
    assert (
        post_form(
            client, f"/admin/users/{user_id}/reinvite", {}, form_url="/admin/users"
        ).status_code
        == 302
    )
    second = invitation_link(app)
    assert first != second
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200


def test_inviting_an_existing_email_is_refused(app, client, make_user, login):
    admin = make_user(roles={"admin"})
    login(client, admin)
    response = invite(client, email=admin.email)
    assert response.status_code == 400
    assert "Er bestaat al een account met dit e-mailadres." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_only_admins_may_invite(client, make_user, login):
    login(client, make_user(roles={"team"}))
    assert client.get("/admin/users/invite").status_code == 403


def test_a_common_password_is_refused_when_accepting(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    link = invitation_link(app)
    invitee = app.test_client()
    for weak in ("1234567890", "Qwerty123456"):
        response = post_form(invitee, link, {"password": weak, "confirm": weak})
        assert response.status_code == 400
    assert "veel gebruikt" in response.text
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "nieuw@example.org"))
        assert user.password_hash is None

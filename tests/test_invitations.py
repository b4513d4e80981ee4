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
        "roles": ["board"],
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
    response = invite(client, organisation_id=str(organisation.id), roles=["board", "expert"])
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "nieuw@example.org"))
        assert user.active is True and user.password_hash is None  # invited, not deactivated
        assert user.role_names == {"board", "expert"}
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
        assert user.password_hash is None
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


def test_only_admins_and_the_team_may_invite(client, make_user, login):
    # the team may invite too, but not as admin: tests/test_admin_users.py
    login(client, make_user(roles={"expert", "partner", "board"}))
    assert client.get("/admin/users/invite").status_code == 403
    assert post_form(client, "/admin/users/invite", {}, form_url="/").status_code == 403


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


def invited_user_id(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(User.id).where(User.email == "nieuw@example.org"))


def test_admin_revokes_an_invitation_and_the_link_stops_working(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    link = invitation_link(app)
    user_id = invited_user_id(app)
    page = client.get("/admin/users").text
    assert f"/admin/users/{user_id}/revoke-invitation" in page
    response = post_form(
        client, f"/admin/users/{user_id}/revoke-invitation", {}, form_url="/admin/users"
    )
    assert response.status_code == 302
    assert "De uitnodiging van Nieuwe Auditor is ingetrokken." in client.get("/admin/users").text
    assert app.test_client().get(link).status_code == 410
    with app.app_context():
        events = db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.kind == "invite_revoked")
        ).all()
        assert [e.subject_user_id for e in events] == [user_id]


def test_revoking_without_an_open_invitation_changes_nothing(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    other = make_user(roles={"team"})
    response = post_form(
        client, f"/admin/users/{other.id}/revoke-invitation", {}, form_url="/admin/users"
    )
    assert response.status_code == 302
    assert "heeft geen open uitnodiging" in client.get("/admin/users").text
    with app.app_context():
        kinds = db.session.scalars(db.select(SecurityEvent.kind)).all()
        assert "invite_revoked" not in kinds


def test_revoking_needs_csrf_and_the_users_permission(app, client, make_user, login):
    target = make_user(roles={"team"})
    login(client, make_user(roles={"team"}))
    assert client.post(f"/admin/users/{target.id}/revoke-invitation").status_code in (400, 403)
    token_client = app.test_client()
    login(token_client, make_user(roles={"admin"}))
    assert token_client.post(f"/admin/users/{target.id}/revoke-invitation").status_code == 400


def test_accepting_never_reactivates_a_deactivated_account(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    invite(client)
    link = invitation_link(app)
    user_id = invited_user_id(app)
    # The admin switches the invited account off; the link sent earlier lapses with it.
    response = post_form(
        client, f"/admin/users/{user_id}", {"display_name": "Nieuwe Auditor", "roles": ["board"]}
    )
    assert response.status_code == 302
    invitee = app.test_client()
    assert invitee.get(link).status_code == 410
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user.active is False and user.password_hash is None


def test_accept_refuses_a_deactivated_account_even_with_an_open_link(app, make_user):
    from core.accounts import invitations

    admin = make_user(roles={"admin"})
    deactivated = make_user(roles={"team"}, active=False, password=None)
    with app.test_request_context():
        user = db.session.get(User, deactivated.id)
        invitation = invitations.invite(user, invited_by=db.session.get(User, admin.id))
        db.session.commit()
        assert invitations.accept(invitation, NEW_PASSWORD) is None
        db.session.rollback()
        user = db.session.get(User, deactivated.id)
        assert user.active is False and user.password_hash is None


def test_invited_people_get_no_work_before_they_set_a_password(app, make_user):
    from core.accounts.queries import active_users_with_roles

    member = make_user(roles={"board"})
    make_user(roles={"board"}, password=None)  # invited, not accepted yet
    make_user(roles={"board"}, active=False)
    with app.app_context():
        assert [u.id for u in active_users_with_roles({"board"})] == [member.id]


def test_a_deactivated_account_gets_no_new_invitation(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    switched_off = make_user(roles={"team"}, active=False, password=None)
    response = post_form(
        client, f"/admin/users/{switched_off.id}/reinvite", {}, form_url="/admin/users"
    )
    assert response.status_code == 302
    assert "staat uit. Zet het eerst aan." in client.get("/admin/users").text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0
        assert db.session.get(User, switched_off.id).active is False


def test_the_team_cannot_revoke_an_admins_invitation(app, client, make_user, login):
    from core.accounts import invitations

    admin = make_user(roles={"admin"})
    invited_admin = make_user(roles={"admin"}, password=None)
    with app.test_request_context():
        invitations.invite(db.session.get(User, invited_admin.id), db.session.get(User, admin.id))
        db.session.commit()
    login(client, make_user(roles={"team"}))
    response = post_form(
        client, f"/admin/users/{invited_admin.id}/revoke-invitation", {}, form_url="/admin/users"
    )
    assert response.status_code == 403
    with app.app_context():
        assert invitations.has_open_invitation([invited_admin.id]) == {invited_admin.id}

"""The communication calendar and magazine: an item's way from idea to published, the
editorial board's two-approval rule, consent for life stories, the month view per channel,
and the public magazine pages."""

from datetime import date, timedelta

import pytest

from core.accounts.models import User
from core.api import WorkflowError, WorkflowInstance, local_today, utcnow
from core.extensions import db
from core.testing import post_form
from plugins.campaign.content import rules
from plugins.campaign.content.models import (
    ContentApproval,
    ContentChannel,
    ContentItem,
    LifeStoryConsent,
    MagazineEdition,
)

WORKFLOW = "campaign.content"


@pytest.fixture
def board(make_user, enable_plugin):
    """The editorial board: two editors (one an expert by experience), a writer from the team."""
    enable_plugin("campaign")
    return {
        "writer": make_user(roles={"team"}, name="Tamara Team"),
        "editor": make_user(roles={"editor"}, name="Rachid Redacteur"),
        "expert_editor": make_user(roles={"expert", "editor"}, name="Fatima Ervaring"),
        "expert": make_user(roles={"expert"}, name="Esra Ervaring"),
    }


@pytest.fixture
def make_item(app, start_workflow):
    """An item of `author` in the workflow; returns (item id, instance id)."""

    def make(author, kind="blog", body="Een tekst in gewone taal.", channels=None, title=None):
        with app.app_context():
            item = ContentItem(
                kind=kind, title=title or f"Stuk over {kind}", body=body, author_id=author.id
            )
            item.channels = [
                ContentChannel(channel=c, planned_on=d) for c, d in (channels or {}).items()
            ]
            db.session.add(item)
            db.session.commit()
            item_id = item.id
            db.session.expunge(item)
        return item_id, start_workflow(WORKFLOW, item, actor=author)

    return make


def approve(app, item_id, user):
    with app.app_context():
        item = db.session.get(ContentItem, item_id)
        rules.approve(item, db.session.get(User, user.id))
        db.session.commit()


def state_of(app, instance_id):
    with app.app_context():
        return db.session.get(WorkflowInstance, instance_id).state


def in_review(board, make_item, fire, **kwargs):
    item_id, instance_id = make_item(board["writer"], **kwargs)
    fire(instance_id, "write", board["writer"])
    fire(instance_id, "submit", board["writer"])
    return item_id, instance_id


SOON = {"website": date(2026, 12, 20)}


# ------------------------------------------------------------------ the whole way


def test_an_item_goes_from_idea_through_two_approvals_to_published(app, board, make_item, fire):
    item_id, instance_id = make_item(board["writer"], channels=SOON)
    assert fire(instance_id, "write", board["writer"]) == "concept"
    assert fire(instance_id, "submit", board["writer"]) == "redactie"
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    assert fire(instance_id, "schedule", board["editor"]) == "ingepland"
    assert fire(instance_id, "publish", board["editor"]) == "gepubliceerd"
    with app.app_context():
        (channel,) = db.session.get(ContentItem, item_id).channels
        assert channel.published_at is not None


def test_the_editorial_board_can_withdraw_an_item_with_a_reason(app, board, make_item, fire):
    _item_id, instance_id = make_item(board["writer"])
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(instance_id, "withdraw", board["editor"])
    assert fire(instance_id, "withdraw", board["editor"], comment="Dubbel") == "ingetrokken"


def test_an_expert_cannot_withdraw_or_schedule(app, board, make_item, fire):
    item_id, instance_id = in_review(board, make_item, fire, channels=SOON)
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    with pytest.raises(WorkflowError):
        fire(instance_id, "withdraw", board["expert"], comment="Weg ermee")
    with pytest.raises(WorkflowError):
        fire(instance_id, "schedule", board["expert"])
    assert state_of(app, instance_id) == "redactie"


def test_only_the_author_or_the_board_moves_an_item_on(app, board, make_item, fire, make_user):
    _item_id, instance_id = make_item(board["expert"])
    other_expert = make_user(roles={"expert"})
    with pytest.raises(WorkflowError, match="Alleen de schrijver of de redactie"):
        fire(instance_id, "write", other_expert)
    assert fire(instance_id, "write", board["expert"]) == "concept"


def test_an_item_goes_to_the_board_only_with_its_text(app, board, make_item, fire):
    _item_id, instance_id = make_item(board["writer"], body="")
    fire(instance_id, "write", board["writer"])
    with pytest.raises(WorkflowError, match="Schrijf eerst de tekst"):
        fire(instance_id, "submit", board["writer"])


# ------------------------------------------------------------------ two approvals


def test_one_approval_is_not_enough_to_schedule(app, board, make_item, fire):
    item_id, instance_id = in_review(board, make_item, fire, channels=SOON)
    approve(app, item_id, board["editor"])
    with pytest.raises(WorkflowError, match="2 goedkeuringen van verschillende redacteuren"):
        fire(instance_id, "schedule", board["editor"])
    assert state_of(app, instance_id) == "redactie"


def test_two_different_editors_let_it_be_scheduled(app, board, make_item, fire):
    item_id, instance_id = in_review(board, make_item, fire, channels=SOON)
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    assert fire(instance_id, "schedule", board["writer"]) == "ingepland"


def test_the_author_cannot_approve_their_own_item(app, client, board, make_item, fire, login):
    editor = board["editor"]
    item_id, instance_id = make_item(editor, channels=SOON)
    fire(instance_id, "write", editor)
    fire(instance_id, "submit", editor)
    login(client, editor)
    page = f"/campaign/content/{item_id}"
    assert "zelf geschreven" in client.get(page).get_data(as_text=True)
    response = post_form(client, f"{page}/approve", {}, form_url=page)
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ContentApproval.id))) == 0
        item = db.session.get(ContentItem, item_id)
        assert "zelf geschreven" in rules.approval_refusal(
            item, "redactie", db.session.get(User, editor.id)
        )


def test_an_editor_approves_once_per_round(app, client, board, make_item, fire, login):
    item_id, _instance_id = in_review(board, make_item, fire)
    login(client, board["editor"])
    page = f"/campaign/content/{item_id}"
    response = post_form(client, f"{page}/approve", {}, form_url=page)
    assert response.status_code == 303
    assert "Uw goedkeuring is vastgelegd" in client.get(page).get_data(as_text=True)
    # The page no longer offers the button; a second post (an old tab) is refused.
    assert "al goedgekeurd" in client.get(page).get_data(as_text=True)
    response = post_form(client, f"{page}/approve", {}, form_url=page)
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ContentApproval.id))) == 1


def test_an_expert_without_the_editor_role_cannot_approve(
    app, client, board, make_item, fire, login
):
    item_id, _instance_id = in_review(board, make_item, fire)
    login(client, board["expert"])
    page = f"/campaign/content/{item_id}"
    body = client.get(page).get_data(as_text=True)
    assert "Goedkeuren</button>" not in body
    assert post_form(client, f"{page}/approve", {}, form_url=page).status_code == 403
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ContentApproval.id))) == 0


def test_an_expert_on_the_board_can_approve(app, client, board, make_item, fire, login):
    item_id, _instance_id = in_review(board, make_item, fire)
    login(client, board["expert_editor"])
    page = f"/campaign/content/{item_id}"
    assert post_form(client, f"{page}/approve", {}, form_url=page).status_code == 303
    with app.app_context():
        (approval,) = db.session.scalars(db.select(ContentApproval)).all()
        assert approval.reviewer_id == board["expert_editor"].id
        assert approval.review_round == 1


def test_approving_is_only_for_an_item_in_review(app, client, board, make_item, fire, login):
    item_id, instance_id = make_item(board["writer"])
    fire(instance_id, "write", board["writer"])
    login(client, board["editor"])
    page = f"/campaign/content/{item_id}"
    assert post_form(client, f"{page}/approve", {}, form_url=page).status_code == 403


def test_a_request_for_changes_needs_two_fresh_approvals(app, board, make_item, fire):
    item_id, instance_id = in_review(board, make_item, fire, channels=SOON)
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(instance_id, "request_changes", board["editor"])
    assert (
        fire(instance_id, "request_changes", board["editor"], comment="Korter graag") == "concept"
    )
    fire(instance_id, "submit", board["writer"])
    with pytest.raises(WorkflowError, match="nu 0"):
        fire(instance_id, "schedule", board["editor"])
    approve(app, item_id, board["editor"])
    with pytest.raises(WorkflowError, match="nu 1"):
        fire(instance_id, "schedule", board["editor"])
    approve(app, item_id, board["expert_editor"])
    assert fire(instance_id, "schedule", board["editor"]) == "ingepland"
    with app.app_context():
        assert db.session.get(ContentItem, item_id).review_round == 2


def test_only_editors_request_changes(app, board, make_item, fire):
    _item_id, instance_id = in_review(board, make_item, fire)
    with pytest.raises(WorkflowError):
        fire(instance_id, "request_changes", board["expert"], comment="Anders")
    assert state_of(app, instance_id) == "redactie"


def test_requesting_changes_through_the_panel_returns_to_the_item(
    app, client, board, make_item, fire, login
):
    item_id, instance_id = in_review(board, make_item, fire)
    login(client, board["editor"])
    page = f"/campaign/content/{item_id}"
    form = f"/workflows/instances/{instance_id}/fire/request_changes"
    assert client.get(page).status_code == 200
    assert form in client.get(page).get_data(as_text=True)
    response = post_form(
        client,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": "request_changes", "comment": "Kortere zinnen"},
        form_url=form,
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(page)
    assert state_of(app, instance_id) == "concept"
    assert "Kortere zinnen" in client.get(page).get_data(as_text=True)


# ------------------------------------------------------------------ channels


def test_scheduling_needs_a_channel_with_a_date(app, board, make_item, fire):
    item_id, instance_id = in_review(board, make_item, fire, channels={"website": None})
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    with pytest.raises(WorkflowError, match="minstens één kanaal met een datum"):
        fire(instance_id, "schedule", board["editor"])


def test_channels_and_dates_are_set_on_the_item_page(app, client, board, make_item, login):
    item_id, _instance_id = make_item(board["writer"])
    login(client, board["writer"])
    page = f"/campaign/content/{item_id}"
    response = post_form(
        client,
        f"{page}/channels",
        {"channel": "instagram", "planned_on": "2026-12-15"},
        form_url=page,
    )
    assert response.status_code == 303
    post_form(
        client,
        f"{page}/channels",
        {"channel": "instagram", "planned_on": "2026-12-16"},
        form_url=page,
    )
    with app.app_context():
        (channel,) = db.session.get(ContentItem, item_id).channels
        assert (channel.channel, channel.planned_on) == ("instagram", date(2026, 12, 16))
        channel_id = channel.id
    post_form(client, f"{page}/channels/{channel_id}/remove", {}, form_url=page)
    with app.app_context():
        assert db.session.get(ContentItem, item_id).channels == []


def test_a_scheduled_item_keeps_a_dated_channel(app, client, board, make_item, fire, login):
    item_id, instance_id = in_review(board, make_item, fire, channels=SOON)
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    fire(instance_id, "schedule", board["editor"])
    login(client, board["writer"])
    page = f"/campaign/content/{item_id}"
    with app.app_context():
        channel_id = db.session.get(ContentItem, item_id).channels[0].id
    post_form(client, f"{page}/channels/{channel_id}/remove", {}, form_url=page)
    post_form(client, f"{page}/channels", {"channel": "website", "planned_on": ""}, form_url=page)
    with app.app_context():
        (channel,) = db.session.get(ContentItem, item_id).channels
        assert channel.planned_on == SOON["website"]


def test_someone_else_cannot_change_an_item(app, client, board, make_item, login):
    item_id, _instance_id = make_item(board["writer"])
    login(client, board["expert"])
    page = f"/campaign/content/{item_id}"
    assert client.get(f"{page}/edit").status_code == 403
    response = post_form(
        client, f"{page}/channels", {"channel": "x", "planned_on": "2026-12-15"}, form_url=page
    )
    assert response.status_code == 403


def test_the_text_is_fixed_once_with_the_board(app, client, board, make_item, fire, login):
    item_id, _instance_id = in_review(board, make_item, fire)
    login(client, board["writer"])
    assert client.get(f"/campaign/content/{item_id}/edit").status_code == 403


# ------------------------------------------------------------------ consent for life stories


def record_consent(client, item_id, name="Gerda de Wit"):
    page = f"/campaign/content/{item_id}/consent"
    return post_form(
        client,
        page,
        {
            "person_name": name,
            "given_how": "signed",
            "given_on": "2026-11-01",
            "covers": "Tekst en voornaam, in het magazine.",
        },
    )


def test_a_life_story_without_consent_cannot_be_scheduled(app, board, make_item, fire):
    item_id, instance_id = in_review(
        board, make_item, fire, kind="life_story", channels={"magazine": SOON["website"]}
    )
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    with pytest.raises(WorkflowError, match="is toestemming nodig"):
        fire(instance_id, "schedule", board["editor"])


def test_consent_is_recorded_and_lets_the_story_be_scheduled(
    app, client, board, make_item, fire, login
):
    item_id, instance_id = in_review(
        board, make_item, fire, kind="life_story", channels={"magazine": SOON["website"]}
    )
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    login(client, board["writer"])
    assert record_consent(client, item_id).status_code == 303
    with app.app_context():
        consent = db.session.scalar(db.select(LifeStoryConsent))
        assert (consent.person_name, consent.given_how, consent.revoked_on) == (
            "Gerda de Wit",
            "signed",
            None,
        )
        assert consent.recorded_by_id == board["writer"].id
    assert fire(instance_id, "schedule", board["editor"]) == "ingepland"


def test_consent_needs_the_name_and_what_it_covers(app, client, board, make_item, login):
    item_id, _instance_id = make_item(board["writer"], kind="life_story")
    login(client, board["writer"])
    response = post_form(client, f"/campaign/content/{item_id}/consent", {"given_how": "signed"})
    assert response.status_code == 400
    assert "Vul de naam in" in response.get_data(as_text=True)


def test_a_revoked_consent_stops_scheduling_and_publishing(
    app, client, board, make_item, fire, login
):
    item_id, instance_id = in_review(
        board, make_item, fire, kind="life_story", channels={"magazine": SOON["website"]}
    )
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    login(client, board["writer"])
    record_consent(client, item_id)
    fire(instance_id, "schedule", board["editor"])
    with app.app_context():
        consent_id = db.session.scalar(db.select(LifeStoryConsent.id))
    post_form(
        client,
        f"/campaign/content/consent/{consent_id}/revoke",
        {},
        form_url=f"/campaign/content/{item_id}",
    )
    with app.app_context():
        assert db.session.get(LifeStoryConsent, consent_id).revoked_on == local_today()
    with pytest.raises(WorkflowError, match="ingetrokken"):
        fire(instance_id, "publish", board["editor"])


def test_consent_is_not_asked_of_other_pieces(app, client, board, make_item, login):
    item_id, _instance_id = make_item(board["writer"])
    login(client, board["writer"])
    assert client.get(f"/campaign/content/{item_id}/consent").status_code == 404


# ------------------------------------------------------------------ the public magazine


def published(app, board, make_item, fire, kind="magazine_article", title=None):
    """A published magazine piece; a life story gets its consent first."""
    item_id, instance_id = in_review(
        board, make_item, fire, kind=kind, channels={"magazine": SOON["website"]}, title=title
    )
    approve(app, item_id, board["editor"])
    approve(app, item_id, board["expert_editor"])
    if kind == "life_story":
        with app.app_context():
            db.session.add(
                LifeStoryConsent(
                    item_id=item_id,
                    person_name="Gerda de Wit",
                    given_how="signed",
                    given_on=date(2026, 11, 1),
                    covers="Alles",
                    recorded_by_id=board["writer"].id,
                )
            )
            db.session.commit()
    fire(instance_id, "schedule", board["editor"])
    fire(instance_id, "publish", board["editor"])
    return item_id, instance_id


def make_edition(app, item_ids, number=1, published_now=True):
    with app.app_context():
        edition = MagazineEdition(
            number=number,
            title="Samen warm",
            publication_date=date(2026, 12, 1),
            published_at=utcnow() if published_now else None,
        )
        db.session.add(edition)
        db.session.flush()
        for item_id in item_ids:
            db.session.get(ContentItem, item_id).edition_id = edition.id
        db.session.commit()
        return edition.id


def test_a_published_edition_is_public_with_its_published_articles(
    app, client, board, make_item, fire
):
    article_id, _ = published(app, board, make_item, fire, title="Koken voor de buurt")
    draft_id, _ = in_review(
        board, make_item, fire, kind="magazine_article", title="Nog een concept"
    )
    make_edition(app, [article_id, draft_id])
    listing = client.get("/campaign/magazine/").get_data(as_text=True)
    assert "Samen warm" in listing
    page = client.get("/campaign/magazine/1")
    assert page.status_code == 200
    assert "Koken voor de buurt" in page.get_data(as_text=True)
    assert "Nog een concept" not in page.get_data(as_text=True)
    assert client.get(f"/campaign/magazine/1/{article_id}").status_code == 200
    assert client.get(f"/campaign/magazine/1/{draft_id}").status_code == 404


def test_an_unpublished_edition_is_not_public(app, client, board, make_item, fire):
    article_id, _ = published(app, board, make_item, fire, title="Koken voor de buurt")
    make_edition(app, [article_id], published_now=False)
    assert "Samen warm" not in client.get("/campaign/magazine/").get_data(as_text=True)
    assert client.get("/campaign/magazine/1").status_code == 404
    assert client.get(f"/campaign/magazine/1/{article_id}").status_code == 404
    assert client.get("/campaign/magazine/2").status_code == 404


def test_an_article_of_another_edition_is_not_shown_under_this_one(
    app, client, board, make_item, fire
):
    article_id, _ = published(app, board, make_item, fire)
    make_edition(app, [article_id], number=1)
    make_edition(app, [], number=2)
    assert client.get(f"/campaign/magazine/2/{article_id}").status_code == 404


def test_revoking_consent_after_publication_takes_the_story_off_every_public_page(
    app, client, board, make_item, fire, login
):
    story_id, _ = published(
        app, board, make_item, fire, kind="life_story", title="Rondkomen van 50 euro"
    )
    make_edition(app, [story_id])
    assert "Rondkomen van 50 euro" in client.get("/campaign/magazine/1").get_data(as_text=True)
    assert client.get(f"/campaign/magazine/1/{story_id}").status_code == 200

    staff = app.test_client()
    login(staff, board["writer"])
    with app.app_context():
        consent_id = db.session.scalar(db.select(LifeStoryConsent.id))
    response = post_form(
        staff,
        f"/campaign/content/consent/{consent_id}/revoke",
        {},
        form_url=f"/campaign/content/{story_id}",
    )
    assert response.status_code == 303

    assert "Rondkomen van 50 euro" not in client.get("/campaign/magazine/1").get_data(as_text=True)
    assert client.get(f"/campaign/magazine/1/{story_id}").status_code == 404
    # On the team's own page it says why.
    assert "De toestemming is ingetrokken" in staff.get(f"/campaign/content/{story_id}").get_data(
        as_text=True
    )


def test_a_withdrawn_article_leaves_the_public_edition(app, client, board, make_item, fire):
    article_id, instance_id = published(app, board, make_item, fire, title="Koken voor de buurt")
    make_edition(app, [article_id])
    fire(instance_id, "withdraw", board["editor"], comment="Fout in de tekst")
    assert client.get(f"/campaign/magazine/1/{article_id}").status_code == 404


def test_the_board_puts_an_edition_together_and_publishes_it(
    app, client, board, make_item, fire, login
):
    article_id, _ = published(app, board, make_item, fire, title="Koken voor de buurt")
    login(client, board["editor"])
    response = post_form(
        client,
        "/campaign/magazine/editions/new",
        {"number": "3", "title": "Winter", "publication_date": "2026-12-20"},
    )
    assert response.status_code == 303
    with app.app_context():
        edition_id = db.session.scalar(db.select(MagazineEdition.id))
    page = f"/campaign/magazine/editions/{edition_id}"
    # Without a published article there is nothing to publish.
    assert "minstens één gepubliceerd artikel" in client.get(page).get_data(as_text=True)
    assert post_form(client, f"{page}/publish", {}, form_url=page).status_code == 409
    post_form(client, f"{page}/articles", {"item_id": str(article_id)}, form_url=page)
    assert post_form(client, f"{page}/publish", {}, form_url=page).status_code == 303
    assert client.get("/campaign/magazine/3").status_code == 200
    post_form(client, f"{page}/unpublish", {}, form_url=page)
    assert app.test_client().get("/campaign/magazine/3").status_code == 404


def test_an_edition_number_is_used_once(app, client, board, login):
    make_edition(app, [], number=4)
    login(client, board["editor"])
    response = post_form(
        client,
        "/campaign/magazine/editions/new",
        {"number": "4", "title": "Nog eens", "publication_date": "2026-12-20"},
    )
    assert response.status_code == 400
    assert "al een editie met dit nummer" in response.get_data(as_text=True)


def test_an_expert_cannot_publish_an_edition(app, client, board, make_item, fire, login):
    article_id, _ = published(app, board, make_item, fire)
    edition_id = make_edition(app, [article_id], published_now=False)
    login(client, board["expert"])
    page = f"/campaign/magazine/editions/{edition_id}"
    assert client.get(page).status_code == 200
    assert post_form(client, f"{page}/publish", {}, form_url=page).status_code == 403


# ------------------------------------------------------------------ month view


def test_the_month_view_shows_only_that_month_of_that_channel(app, client, board, make_item, login):
    make_item(board["writer"], title="November-stuk", channels={"website": date(2026, 11, 30)})
    make_item(board["writer"], title="December-stuk", channels={"website": date(2026, 12, 1)})
    make_item(board["writer"], title="Oudjaar-stuk", channels={"website": date(2026, 12, 31)})
    make_item(board["writer"], title="Januari-stuk", channels={"website": date(2027, 1, 1)})
    make_item(board["writer"], title="Instagram-stuk", channels={"instagram": date(2026, 12, 10)})
    login(client, board["expert"])
    body = client.get("/campaign/content/calendar?channel=website&month=2026-12").get_data(
        as_text=True
    )
    assert "December-stuk" in body and "Oudjaar-stuk" in body
    assert "November-stuk" not in body and "Januari-stuk" not in body
    assert "Instagram-stuk" not in body
    assert "month=2026-11" in body and "month=2027-01" in body
    instagram = client.get("/campaign/content/calendar?channel=instagram&month=2026-12")
    assert "Instagram-stuk" in instagram.get_data(as_text=True)


def test_the_month_view_counts_a_publication_in_its_own_month(app, board, make_item):
    item_id, _ = make_item(board["writer"], channels={"website": date(2026, 11, 28)})
    with app.app_context():
        channel = db.session.get(ContentItem, item_id).channels[0]
        # Published just after midnight in Rotterdam on 1 December (23:30 UTC the day before).
        channel.published_at = rules.local_midnight_utc(date(2026, 12, 1)) + timedelta(minutes=30)
        db.session.commit()
        assert [r.item_id for r in rules.month_rows("website", date(2026, 12, 1))] == [item_id]
        assert [r.item_id for r in rules.month_rows("website", date(2026, 11, 1))] == [item_id]
        assert rules.month_rows("website", date(2026, 10, 1)) == []


def test_a_month_that_is_no_month_shows_this_month(app, client, board, login):
    login(client, board["writer"])
    first, following = rules.month_bounds(local_today())
    before = rules.month_bounds(first - timedelta(days=1))[0]
    for month in ("2026-13", "9999-12", "0001-01", "soon"):
        response = client.get(f"/campaign/content/calendar?channel=nowhere&month={month}")
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert f'name="month" value="{first:%Y-%m}"' in body
        assert f"month={before:%Y-%m}" in body and f"month={following:%Y-%m}" in body


# ------------------------------------------------------------------ pages and access


def test_a_writer_starts_an_idea_and_comments(app, client, board, login):
    login(client, board["expert"])
    assert client.get("/campaign/content/").status_code == 200
    response = post_form(
        client,
        "/campaign/content/new",
        {"kind": "social_post", "title": "Oproep aan de buurt", "body": ""},
    )
    assert response.status_code == 303
    with app.app_context():
        item = db.session.scalar(db.select(ContentItem))
        assert item.author_id == board["expert"].id
        assert rules.instance_of(item).state == "idee"
        page = f"/campaign/content/{item.id}"
    post_form(client, f"{page}/comments", {"body": "Ook op Instagram?"}, form_url=page)
    body = client.get(page).get_data(as_text=True)
    assert "Ook op Instagram?" in body
    assert "Oproep aan de buurt" in client.get("/campaign/content/?state=idee").get_data(
        as_text=True
    )
    assert "Oproep aan de buurt" not in client.get("/campaign/content/?state=concept").get_data(
        as_text=True
    )


def test_a_comment_too_long_comes_back_as_typed_and_is_not_saved(
    app, client, board, make_item, login
):
    item_id, _ = make_item(board["writer"], title="Lang verhaal")
    login(client, board["writer"])
    page = f"/campaign/content/{item_id}"
    text = "Heel lang. " * 500
    response = post_form(client, f"{page}/comments", {"body": text}, form_url=page)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Heel lang. Heel lang." in body  # in the box again, to shorten
    with app.app_context():
        from plugins.campaign.content.models import ContentComment

        assert db.session.scalar(db.select(db.func.count(ContentComment.id))) == 0


def test_user_text_is_escaped(app, client, board, make_item, login):
    item_id, _ = make_item(board["writer"], title="<script>alert(1)</script>")
    login(client, board["writer"])
    body = client.get(f"/campaign/content/{item_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_the_board_and_partners_do_not_see_the_calendar(
    app, client, board, make_item, user_with_role, login
):
    item_id, _ = make_item(board["writer"])
    login(client, user_with_role("board"))
    assert client.get("/campaign/content/").status_code == 403
    assert client.get(f"/campaign/content/{item_id}").status_code == 403
    other = app.test_client()
    login(other, user_with_role("partner"))
    assert other.get("/campaign/content/calendar").status_code == 403


def test_the_pages_are_gone_when_the_plugin_is_off(app, client, board, enable_plugin, login):
    login(client, board["writer"])
    enable_plugin("campaign", False)
    assert client.get("/campaign/content/").status_code == 404
    assert app.test_client().get("/campaign/magazine/").status_code == 404


def test_the_editor_role_is_offered_with_its_description(app, board):
    from core.roles import available_roles

    with app.test_request_context():
        editor = next(r for r in available_roles() if r.name == "editor")
        assert str(editor.label) == "Redacteur"


def test_the_demo_adds_the_calendar_once(app, enable_plugin):
    from core.demo import core_demo
    from plugins.campaign.demo import add_content

    enable_plugin("campaign")
    with app.test_request_context():
        world = core_demo("demo-password")
        add_content(world)
        db.session.commit()
        counted = db.session.scalar(db.select(db.func.count(ContentItem.id)))
        add_content(world)
        db.session.commit()
        assert db.session.scalar(db.select(db.func.count(ContentItem.id))) == counted == 6
        states = set(rules.states_of(db.session.scalars(db.select(ContentItem)).all()).values())
        assert states == {"idee", "concept", "redactie", "ingepland", "gepubliceerd"}
        edition = db.session.scalar(db.select(MagazineEdition))
        assert edition.published
        assert {a.kind for a in rules.public_articles(edition)} == {
            "magazine_article",
            "life_story",
        }
        assert "editor" in world.users["expert"].role_names

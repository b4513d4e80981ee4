"""Keurmerk: the norm framework from concept through consultation and pilot to launch."""

from datetime import date, timedelta

import pytest

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.timeutil import local_midnight_utc, local_today
from core.workflow import engine_of
from core.workflow.errors import WorkflowError
from plugins.keurmerk.frameworks.models import Norm, NormComment, NormFramework, PilotAudit, Theme
from plugins.keurmerk.frameworks.rules import compare, copy_framework, create_framework, instance_of
from tests.factories import make_organisation


@pytest.fixture(autouse=True)
def _keurmerk_enabled(enable_plugin):
    enable_plugin("keurmerk")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def framework_id(app, team):
    """Version 1 in concept: two themes, three norms."""
    with app.app_context():
        actor = db.session.get(User, team.id)
        framework = create_framework("Keurmerk Warm Sociaal Incasseren", actor)
        work = Theme(code="W", name="Werkgeverschap", position=0)
        collect = Theme(code="I", name="Eigen incassobeleid", position=1)
        work.norms = [
            Norm(
                code="W1",
                title="Geldzorgen bespreekbaar",
                text="Medewerkers kunnen praten over geldzorgen.",
            )
        ]
        collect.norms = [
            Norm(
                code="I1",
                title="Vroeg contact",
                text="Bel bij de eerste gemiste betaling.",
                position=0,
            ),
            Norm(
                code="I2",
                title="Geen stapeling",
                text="Geen extra kosten tijdens een regeling.",
                position=1,
                mandatory=False,
            ),
        ]
        framework.themes = [work, collect]
        db.session.commit()
        return framework.id


def fire(app, framework_id, trigger, user, **form):
    from werkzeug.datastructures import MultiDict

    with app.app_context():
        framework = db.session.get(NormFramework, framework_id)
        return (
            engine_of()
            .fire(
                instance_of(framework).id,
                trigger,
                actor=db.session.get(User, user.id),
                formdata=MultiDict(form) if form else None,
            )
            .state
        )


def state(app, framework_id):
    with app.app_context():
        return instance_of(db.session.get(NormFramework, framework_id)).state


def norm_id(app, code, framework_id):
    with app.app_context():
        return db.session.scalar(
            db.select(Norm.id)
            .join(Theme)
            .where(Theme.framework_id == framework_id, Norm.code == code)
        )


def comment(app, framework_id, author, code="I1", body="Bel niet alleen, stuur ook een sms."):
    with app.app_context():
        db.session.add(
            NormComment(norm_id=norm_id(app, code, framework_id), author_id=author.id, body=body)
        )
        db.session.commit()


def resolve_all(app):
    with app.app_context():
        for c in db.session.scalars(db.select(NormComment)):
            c.resolution, c.explanation = "adopted", "Overgenomen in de tekst."
        db.session.commit()


_pilots = iter(range(1, 10_000))


def pilot_audits(app, framework_id, completed, kinds=("formal_body", "collection_agency")):
    """`completed` pilot audits, each at an organisation of its own, of the kinds in turn."""
    organisations = [
        make_organisation(app, f"Pilotorganisatie {next(_pilots)}", kinds[i % len(kinds)])
        for i in range(completed)
    ]
    with app.app_context():
        for organisation in organisations:
            db.session.add(
                PilotAudit(
                    framework_id=framework_id,
                    organisation_id=organisation.id,
                    held_on=local_today(),
                    completed=True,
                )
            )
        db.session.commit()


def to_definitief(app, framework_id, team):
    for trigger in ("consult", "close_consultation", "start_pilot"):
        fire(app, framework_id, trigger, team)
    pilot_audits(app, framework_id, 2)
    fire(app, framework_id, "finalise", team)


def test_consultation_cannot_close_while_comments_are_unresolved(
    app, framework_id, team, make_user
):
    expert = make_user(roles={"expert"})
    fire(app, framework_id, "consult", team)
    comment(app, framework_id, expert)
    comment(app, framework_id, expert, code="W1", body="Noem ook de vertrouwenspersoon.")
    with pytest.raises(WorkflowError, match="Er zijn nog 2 reacties zonder besluit"):
        fire(app, framework_id, "close_consultation", team)
    resolve_all(app)
    assert fire(app, framework_id, "close_consultation", team) == "herschrijven"


def test_pilot_cannot_close_without_two_different_organisations(
    app, client, framework_id, team, login
):
    for trigger in ("consult", "close_consultation", "start_pilot"):
        fire(app, framework_id, trigger, team)
    pilot_audits(app, framework_id, 1)
    with pytest.raises(WorkflowError, match="minstens 2 verschillende organisaties; nu 1"):
        fire(app, framework_id, "finalise", team)
    # A second audit at the same organisation tests the norms in the same place again.
    with app.app_context():
        first = db.session.scalar(db.select(PilotAudit))
        db.session.add(
            PilotAudit(
                framework_id=framework_id,
                organisation_id=first.organisation_id,
                held_on=local_today(),
                completed=True,
            )
        )
        db.session.commit()
    with pytest.raises(WorkflowError, match="minstens 2 verschillende organisaties; nu 1"):
        fire(app, framework_id, "finalise", team)
    assert state(app, framework_id) == "pilot"
    # Another organisation of the same kind is enough, with a word of warning on the page.
    pilot_audits(app, framework_id, 1)
    login(client, team)
    page = client.get(f"/keurmerk/frameworks/{framework_id}").text
    assert "alle afgeronde pilotaudits waren bij hetzelfde soort organisatie" in page
    assert fire(app, framework_id, "finalise", team) == "definitief"


def test_pilots_at_different_kinds_of_organisation_carry_no_warning(
    app, client, framework_id, team, login
):
    for trigger in ("consult", "close_consultation", "start_pilot"):
        fire(app, framework_id, trigger, team)
    pilot_audits(app, framework_id, 2)  # a formal body and a collection agency
    login(client, team)
    page = client.get(f"/keurmerk/frameworks/{framework_id}").text
    assert "hetzelfde soort organisatie" not in page
    assert fire(app, framework_id, "finalise", team) == "definitief"


def test_launching_a_new_version_replaces_the_old_one(app, framework_id, team):
    to_definitief(app, framework_id, team)
    assert fire(app, framework_id, "launch", team) == "gelanceerd"
    with app.app_context():
        v2 = copy_framework(
            db.session.get(NormFramework, framework_id), db.session.get(User, team.id)
        )
        db.session.commit()
        v2_id = v2.id
    assert state(app, v2_id) == "concept"
    to_definitief(app, v2_id, team)
    fire(app, v2_id, "launch", team)
    assert (state(app, framework_id), state(app, v2_id)) == ("vervangen", "gelanceerd")
    with app.app_context():
        from core.workflow.models import WorkflowHistory, WorkflowInstance

        launched = db.session.scalar(
            db.select(db.func.count()).where(
                WorkflowInstance.workflow_key == "keurmerk.framework",
                WorkflowInstance.state == "gelanceerd",
            )
        )
        assert launched == 1
        replaced = db.session.scalars(
            db.select(WorkflowHistory).where(WorkflowHistory.trigger == "replace")
        ).one()
        assert replaced.comment.startswith("Vervangen door") and replaced.actor_id == team.id


def test_replacing_by_hand_is_refused(app, framework_id, team):
    to_definitief(app, framework_id, team)
    fire(app, framework_id, "launch", team)
    with pytest.raises(WorkflowError, match="vanzelf vervangen"):
        fire(app, framework_id, "replace", team)


def test_an_older_version_cannot_be_launched_over_a_newer_one(app, framework_id, team):
    to_definitief(app, framework_id, team)
    with app.app_context():
        v2 = copy_framework(
            db.session.get(NormFramework, framework_id), db.session.get(User, team.id)
        )
        db.session.commit()
        v2_id = v2.id
    to_definitief(app, v2_id, team)
    fire(app, v2_id, "launch", team)
    with pytest.raises(WorkflowError, match="Versie 2 is al gelanceerd"):
        fire(app, framework_id, "launch", team)
    assert (state(app, framework_id), state(app, v2_id)) == ("definitief", "gelanceerd")


def test_only_the_team_moves_a_framework(app, framework_id, make_user):
    from core.workflow.errors import NotAllowed

    with pytest.raises(NotAllowed):
        fire(app, framework_id, "consult", make_user(roles={"expert"}))


def test_new_version_is_a_copy_and_comparison_shows_the_changes(
    app, client, login, framework_id, team
):
    with app.app_context():
        v1 = db.session.get(NormFramework, framework_id)
        v2 = copy_framework(v1, db.session.get(User, team.id))
        db.session.commit()
        assert [n.code for n in v2.norms] == ["W1", "I1", "I2"]
        assert all(n.origin_id for n in v2.norms) and v2.previous_id == v1.id
        changed = next(n for n in v2.norms if n.code == "I1")
        changed.text = "Bel binnen een week na de eerste gemiste betaling."
        removed = next(n for n in v2.norms if n.code == "I2")
        removed.theme.norms.remove(removed)
        v2.themes[0].norms.append(
            Norm(code="W2", title="Vertrouwenspersoon", text="Er is een vertrouwenspersoon.")
        )
        db.session.commit()
        changes = {c.code: (c.kind, c.fields) for c in compare(v1, v2)}
    assert changes == {
        "W1": ("same", ()),
        "W2": ("added", ()),
        "I1": ("changed", ("text",)),
        "I2": ("removed", ()),
    }
    login(client, team)
    response = client.get(f"/keurmerk/compare?old={v1.id}&new={v2.id}")
    assert response.status_code == 200
    assert "Gewijzigd: Norm" in response.get_data(as_text=True)


# ------------------------------------------------------------------ over HTTP


def test_team_edits_norms_only_while_the_framework_is_editable(
    app, client, framework_id, team, login
):
    login(client, team)
    i1 = norm_id(app, "I1", framework_id)
    response = post_form(
        client,
        f"/keurmerk/norms/{i1}/edit",
        {
            "theme_id": str(_theme_id(app, framework_id, "I")),
            "code": "I1",
            "title": "Vroeg en persoonlijk contact",
            "text": "Bel zelf bij de eerste gemiste betaling.",
            "mandatory": "y",
        },
    )
    assert response.status_code == 302
    fire(app, framework_id, "consult", team)
    assert client.get(f"/keurmerk/norms/{i1}/edit").status_code == 403
    assert client.get(f"/keurmerk/frameworks/{framework_id}/norms/new").status_code == 403


def _theme_id(app, framework_id, code):
    with app.app_context():
        return db.session.scalar(
            db.select(Theme.id).where(Theme.framework_id == framework_id, Theme.code == code)
        )


def test_norm_form_refuses_bad_input_and_duplicate_codes(app, client, framework_id, team, login):
    login(client, team)
    url = f"/keurmerk/frameworks/{framework_id}/norms/new"
    theme = str(_theme_id(app, framework_id, "I"))
    response = post_form(client, url, {"theme_id": theme, "code": "", "title": "", "text": ""})
    assert response.status_code == 400
    assert "Vul een code in" in response.text and "Schrijf de norm op." in response.text
    response = post_form(
        client, url, {"theme_id": theme, "code": "I1", "title": "Dubbel", "text": "Dubbel."}
    )
    assert response.status_code == 400 and "Deze code bestaat al in dit thema." in response.text
    response = post_form(
        client,
        url,
        {"theme_id": theme, "code": "I3", "title": "Bereikbaar", "text": "Goed bereikbaar."},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Norm.id))) == 4


def test_expert_comments_during_consultation_and_sees_the_resolution(
    app, client, framework_id, team, make_user, login
):
    expert = make_user(roles={"expert"}, name="Esra Ervaring")
    other_expert = make_user(roles={"expert"})
    i1 = norm_id(app, "I1", framework_id)
    login(client, expert)
    assert "Uw reactie op deze norm" not in client.get(f"/keurmerk/norms/{i1}").text  # not yet open
    assert client.post(f"/keurmerk/norms/{i1}/comments").status_code in (400, 403)
    fire(app, framework_id, "consult", team, ends_on=in_weeks(6), private="y")
    response = post_form(
        client,
        f"/keurmerk/norms/{i1}/comments",
        {"body": "Een sms werkt beter dan een brief."},
        form_url=f"/keurmerk/norms/{i1}",
    )
    assert response.status_code == 303
    assert "Een sms werkt beter dan een brief." in client.get("/keurmerk/my-comments").text
    # a private consultation: another expert does not see it; the team does
    other = app.test_client()
    login(other, other_expert)
    assert "Een sms werkt" not in other.get(f"/keurmerk/norms/{i1}").text
    team_client = app.test_client()
    login(team_client, team)
    page = team_client.get(f"/keurmerk/norms/{i1}").text
    assert "Esra Ervaring" in page and "Een sms werkt" in page
    with app.app_context():
        comment_id = db.session.scalar(db.select(NormComment.id))
    bad = post_form(
        team_client,
        f"/keurmerk/comments/{comment_id}/resolve",
        {"resolution": "adopted", "explanation": ""},
    )
    assert bad.status_code == 400 and "Leg uit wat er met de reactie gebeurt." in bad.text
    good = post_form(
        team_client,
        f"/keurmerk/comments/{comment_id}/resolve",
        {"resolution": "adapted", "explanation": "We noemen sms als voorbeeld."},
    )
    assert good.status_code == 303
    mine = client.get("/keurmerk/my-comments").text
    assert "Besluit: Aangepast overgenomen." in mine and "We noemen sms als voorbeeld." in mine


def in_weeks(n: int) -> str:
    from datetime import timedelta

    return (local_today() + timedelta(weeks=n)).isoformat()


def test_an_open_consultation_shows_every_participant_the_reactions(
    app, client, framework_id, team, make_user, login
):
    i1 = norm_id(app, "I1", framework_id)
    fire(app, framework_id, "consult", team)  # the defaults: six weeks, open
    with app.app_context():
        framework = db.session.get(NormFramework, framework_id)
        assert framework.consultation_ends_on.isoformat() == in_weeks(6)
        assert not framework.consultation_private
        deadline = instance_of(framework).deadline_at
    last_day = date.fromisoformat(in_weeks(6))
    assert deadline == local_midnight_utc(last_day + timedelta(days=1))  # the day after
    login(client, make_user(roles={"expert"}, name="Esra Ervaring"))
    post_form(client, f"/keurmerk/norms/{i1}/comments", {"body": "Een sms werkt beter."})
    other = app.test_client()
    login(other, make_user(roles={"partner"}))
    assert "Een sms werkt beter." in other.get(f"/keurmerk/norms/{i1}").text
    board = app.test_client()  # reads the norms, takes no part in the consultation
    login(board, make_user(roles={"board"}))
    assert "Een sms werkt beter." not in board.get(f"/keurmerk/norms/{i1}").text


def test_a_reaction_given_in_private_stays_private_in_a_later_open_round(
    app, client, framework_id, team, make_user, login
):
    i1 = norm_id(app, "I1", framework_id)
    fire(app, framework_id, "consult", team, ends_on=in_weeks(2), private="y")
    login(client, make_user(roles={"expert"}))
    post_form(client, f"/keurmerk/norms/{i1}/comments", {"body": "Alleen voor het team."})
    resolve_all(app)
    fire(app, framework_id, "close_consultation", team)
    fire(app, framework_id, "consult_again", team, ends_on=in_weeks(2))  # open this time
    other = app.test_client()
    login(other, make_user(roles={"partner"}))
    assert "Alleen voor het team." not in other.get(f"/keurmerk/norms/{i1}").text


def test_reactions_after_the_end_date_are_refused(
    app, client, framework_id, team, make_user, login
):
    from datetime import timedelta

    i1 = norm_id(app, "I1", framework_id)
    fire(app, framework_id, "consult", team, ends_on=in_weeks(2))
    with app.app_context():
        framework = db.session.get(NormFramework, framework_id)
        framework.consultation_ends_on = local_today() - timedelta(days=1)  # it has passed
        db.session.commit()
    login(client, make_user(roles={"expert"}))
    page = client.get(f"/keurmerk/norms/{i1}").text
    assert "Uw reactie op deze norm" not in page  # no form any more
    refused = post_form(
        client,
        f"/keurmerk/norms/{i1}/comments",
        {"body": "Te laat, maar toch."},
        form_url=f"/keurmerk/norms/{i1}",
    )
    assert refused.status_code == 403 and "De consultatie is gesloten" in refused.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(NormComment.id))) == 0


@pytest.mark.parametrize(
    "ends_on, message",
    [
        (local_today().isoformat(), "Kies een datum na vandaag."),
        ("2099-01-01", "hoogstens een half jaar"),
        ("geen datum", "Vul een geldige datum in."),
    ],
)
def test_a_consultation_end_must_be_in_the_next_half_year(
    app, client, framework_id, team, login, ends_on, message
):
    login(client, team)
    with app.app_context():
        instance = instance_of(db.session.get(NormFramework, framework_id))
        instance_id, version = instance.id, instance.version
    response = post_form(
        client,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": "consult", "version": str(version), "ends_on": ends_on},
    )
    assert message in response.text
    assert state(app, framework_id) == "concept"


def test_empty_comment_is_refused(app, client, framework_id, team, make_user, login):
    fire(app, framework_id, "consult", team)
    login(client, make_user(roles={"expert"}))
    i1 = norm_id(app, "I1", framework_id)
    post_form(
        client, f"/keurmerk/norms/{i1}/comments", {"body": ""}, form_url=f"/keurmerk/norms/{i1}"
    )
    assert "Schrijf uw reactie op." in client.get(f"/keurmerk/norms/{i1}").text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(NormComment.id))) == 0


@pytest.mark.parametrize(
    ("role", "view", "comment", "manage"),
    [
        ("team", 200, True, True),
        ("expert", 200, True, False),
        ("partner", 200, True, False),
        ("auditor", 200, False, False),
        ("board", 200, False, False),
        ("employer", 403, False, False),
        ("lifecoach", 403, False, False),
    ],
)
def test_who_may_do_what(
    app, client, framework_id, team, make_user, login, role, view, comment, manage
):
    fire(app, framework_id, "consult", team)
    login(client, make_user(roles={role}))
    assert client.get(f"/keurmerk/frameworks/{framework_id}").status_code == view
    assert (client.get("/keurmerk/my-comments").status_code == 200) == comment
    with app.app_context():
        comment_exists = NormComment(norm_id=norm_id(app, "I1", framework_id), body="x")
        db.session.add(comment_exists)
        db.session.commit()
        cid = comment_exists.id
    assert (client.get(f"/keurmerk/comments/{cid}/resolve").status_code == 200) == manage


def test_pilot_audits_are_recorded_on_the_framework_page(app, client, framework_id, team, login):
    for trigger in ("consult", "close_consultation", "start_pilot"):
        fire(app, framework_id, trigger, team)
    organisation = make_organisation(app, "Havensteder", "formal_body")
    login(client, team)
    page_url = f"/keurmerk/frameworks/{framework_id}"
    response = post_form(
        client,
        f"{page_url}/pilot-audits",
        {"organisation_id": str(organisation.id), "held_on": "2026-11-01"},
        form_url=page_url,
    )
    assert response.status_code == 303
    page = client.get(page_url).text
    assert "Havensteder · nog niet afgerond" in page
    assert "minstens 2 verschillende organisaties; nu 0" in page  # the disabled action says why


def test_demo_data_lets_a_newcomer_walk_both_journeys(app, enable_plugin):
    from plugins.keurmerk.certification.models import Certification
    from plugins.keurmerk.certification.rules import WORKFLOW

    enable_plugin("sample", False)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        first, second = db.session.scalars(
            db.select(NormFramework).order_by(NormFramework.version)
        ).all()
        assert (instance_of(first).state, instance_of(second).state) == (
            "gelanceerd",
            "consultatie",
        )
        assert len(first.norms) == 15 and {t.code for t in first.themes} == {"W", "I", "U"}
        assert [m.name for m in first.modules] == ["Warm Incasseren", "Warm Werkgeverschap"]
        comments = db.session.scalars(db.select(NormComment)).all()
        assert comments and all(c.resolution and c.explanation for c in comments)
        stages = {
            c.organisation.name: engine_of().instance_for(WORKFLOW, c).state
            for c in db.session.scalars(db.select(Certification))
        }
        assert stages == {
            "Havensteder": "gecertificeerd",
            "Faircasso": "audit",
            "Stichting Pluspunt": "intake",
            "Gemeente Rotterdam": "verlopen",
        }
        havensteder = next(
            c
            for c in db.session.scalars(db.select(Certification))
            if c.organisation.name == "Havensteder"
        )
        assert [(f.grade, f.closed) for f in havensteder.findings] == [("minor", False)]
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0  # idempotent
    assert app.test_cli_runner().invoke(args=["workflows", "verify"]).exit_code == 0


def test_keurmerk_pages_switch_to_english(app, client, framework_id, team, login):
    login(client, team)
    post_form(client, "/language", {"language": "en", "next": "/keurmerk/"}, form_url="/")
    index = client.get("/keurmerk/").text
    assert "Versions of the norm framework" in index and "Draft" in index  # the phase label too
    page = client.get(f"/keurmerk/frameworks/{framework_id}").text
    assert "Themes and norms" in page and "Submit to the sounding board" in page
    assert "Quality mark" in client.get("/").text  # menu item and widget

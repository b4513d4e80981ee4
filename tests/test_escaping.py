"""User text is shown to other users as text, never as markup (issue 9).

A coach, an employer or an organisation can type anything into a name or a description;
whoever sees it on another page must see those characters, not what a browser makes of them.
"""

import ast
from pathlib import Path
from types import SimpleNamespace

from markupsafe import escape

from core.testing import post_form
from core.timeutil import local_today
from tests.factories import make_organisation
from tests.passendwerk_world import TO_MATCHING, make_job_seeker, make_vacancy

# What reached an employer's "Mijn taken": a redirect, plain markup, an attribute break-out.
REDIRECT = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
MARKUP = '<b>x</b> "><img src=x>'
RAW = ("<meta http-equiv", "<img src=x", "<b>x</b>")


def assert_escaped(html: str, where: str) -> None:
    """No payload reached the page as markup, and it is there as (escaped) text."""
    for raw in RAW:
        assert raw not in html, f"raw {raw!r} on {where}"
    assert "&lt;meta http-equiv=" in html or "&lt;img src=x&gt;" in html, f"no payload on {where}"


def introduce_markup_name(app, client, make_user, login):
    """A job seeker introduced to a bakery's vacancy, whom the coach then names with markup.
    Returns (job seeker id, vacancy id, the bakery's employer)."""
    pluspunt = make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Priya Coach")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)})
    person = make_job_seeker(
        app,
        coach,
        pluspunt.id,
        profile={"levels": {"Klantvriendelijkheid": 3}},
        steps=[*TO_MATCHING, ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"})],
    )
    login(client, coach)
    response = post_form(
        client,
        f"/passendwerk/job-seekers/{person}/edit",
        {"first_name": REDIRECT, "last_name": MARKUP, "district": "Noord"},
    )
    assert response.status_code in (302, 303), response.text
    employer = make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker")
    return person, vacancy, employer


def test_a_job_seekers_name_on_the_employers_tasks_is_text(
    app, client, make_user, login, enable_plugin
):
    enable_plugin("passendwerk")
    _, _, employer = introduce_markup_name(app, client, make_user, login)
    employer_client = app.test_client()
    login(employer_client, employer)
    tasks = employer_client.get("/tasks").text
    assert "Antwoord op de kennismaking:" in tasks
    assert_escaped(tasks, "/tasks")
    assert "&lt;meta http-equiv=&#34;refresh&#34;" in tasks
    assert "&lt;b&gt;x&lt;/b&gt; &#34;&gt;&lt;img src=x&gt;" in tasks


# --- the mistake behind it, found in the source --------------------------------------------

LAZY = {"_l", "lazy_gettext", "lazy_ngettext", "lazy_pgettext", "lazy_npgettext"}
EAGER = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
ROOT = Path(__file__).resolve().parents[1]


def _is_call_to(node, names) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) in names
    )


def lazy_strings_with_values(source: str) -> list[tuple[int, str]]:
    """(line, code) of every lazy translation that is given values to format: keyword
    arguments, `%`, `.format`, or wrapped in gettext with keyword arguments."""
    found = []
    for node in ast.walk(ast.parse(source)):
        formatted = (
            (_is_call_to(node, LAZY) and node.keywords)
            or (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Mod)
                and _is_call_to(node.left, LAZY)
            )
            or (
                isinstance(node, ast.Attribute)
                and node.attr == "format"
                and _is_call_to(node.value, LAZY)
            )
            or (_is_call_to(node, EAGER) and any(_is_call_to(a, LAZY) for a in node.args))
        )
        if formatted:
            found.append((node.lineno, ast.unparse(node)[:80]))
    return found


def test_the_scan_recognises_each_form_of_the_mistake():
    mistakes = [
        '_l("Feedbackgesprek met %(name)s", name=person.name)',
        'lazy_gettext("Hallo %(n)s", n=1)',
        '_l("Hallo %s") % name',
        '_l("Hallo {}").format(name)',
        '_(_l("Hallo %(n)s"), n=name)',
        'flask_babel.lazy_gettext("Hallo %(n)s", n=1)',
    ]
    assert [len(lazy_strings_with_values(m)) for m in mistakes] == [1] * len(mistakes)
    fine = '_l("Naam")\n_("Hallo %(n)s", n=name)\nstr(_l("Onbekend"))\n'
    assert lazy_strings_with_values(fine) == []


def test_no_lazy_translation_is_formatted_with_values():
    """Only gettext (`_`) may format values in: it returns a plain str, which Jinja escapes.
    A lazy string has `__html__`, so Jinja would print what was formatted into it raw."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {code}"
        for folder in ("core", "plugins", "examples")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, code in lazy_strings_with_values(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_what_plugins_hand_to_the_shell_is_plain_text(app):
    """Even a plugin that still formats a name into a lazy string (or hands over Markup) gets
    its label escaped: the core's UI dataclasses keep no `__html__`."""
    from flask_babel import lazy_gettext
    from markupsafe import Markup

    from core.ui import NavItem, Task, Widget

    with app.test_request_context():
        lazy = lazy_gettext("Feedbackgesprek met %(name)s", name=REDIRECT)  # the old mistake
        texts = [
            Task(lazy, "/tasks", None).title,
            NavItem(Markup(MARKUP), "/x").label,
            Widget(lazy, Markup("<p>ok</p>")).title,
        ]
        assert all(type(text) is str for text in texts)
        assert texts[0] == f"Feedbackgesprek met {REDIRECT}"
        assert Widget("Titel", "<p>ok</p>").body.__html__() == "<p>ok</p>"  # the body is HTML


# --- the sweep: every free text another user sees ------------------------------------------
# Each value is "<what it is> <payload>", so a page that shows it escaped proves that field.

PAYLOAD = REDIRECT + MARKUP


def hostile(what: str) -> str:
    return f"{what} {PAYLOAD}"


def assert_shown_as_text(html: str, values, where: str) -> None:
    """Every value is on the page, escaped; nothing of the payload arrived as markup."""
    for raw in RAW:
        assert raw not in html, f"raw {raw!r} on {where}"
    for value in values:
        assert str(escape(value)) in html, f"{value[:30]!r} not shown (escaped) on {where}"


def as_user(app, login, user):
    other = app.test_client()
    login(other, user)
    return other


def test_sweep_core_names_organisations_meetings_and_history(
    app, client, make_user, login, enable_plugin
):
    from core.accounts.models import User
    from core.extensions import db
    from tests.factories import start_review

    enable_plugin("sample")
    admin = make_user(roles={"admin"})
    login(client, admin)
    # the team adds an organisation (name, description, address) through its form
    organisation = {
        "name": hostile("Organisatienaam"),
        "description": hostile("Omschrijving"),
        "address": hostile("Adres"),
        "phone": "010 123 4567",
        "kind": "social_enterprise",
    }
    response = post_form(client, "/organisations/new", organisation)
    assert response.status_code == 302, response.text
    flashed = client.get(response.location).text  # "Organisatie ... is toegevoegd."
    assert "is toegevoegd" in flashed
    assert_shown_as_text(flashed, [organisation["name"]], "flash message")
    with app.app_context():
        from core.organisations.models import Organisation

        org_id = db.session.scalar(db.select(Organisation.id))
    # the admin invites a partner into it, and renames an existing user
    invited_name = hostile("Uitgenodigde")
    response = post_form(
        client,
        "/admin/users/invite",
        {
            "email": "nieuw@example.org",
            "display_name": invited_name,
            "roles": ["partner"],
            "organisation_id": str(org_id),
            "organisation_role": "staff",
        },
    )
    assert response.status_code == 302, response.text
    renamed = make_user(roles={"partner"})
    renamed_name = hostile("Hernoemde")
    response = post_form(
        client,
        f"/admin/users/{renamed.id}",
        {"display_name": renamed_name, "roles": ["partner"], "active": "y"},
    )
    assert response.status_code == 302, response.text
    # a meeting with a hostile title, place and notes
    meeting = {
        "title": hostile("Onderwerp"),
        "place": hostile("Plaats"),
        "notes": hostile("Notities"),
    }
    response = post_form(
        client,
        "/meetings/new",
        {**meeting, "starts_at": "2026-06-01T10:00", "kind": "meeting", "host_id": "0"},
    )
    assert response.status_code == 302, response.text
    # a workflow step with a hostile comment, assigned to the renamed user
    instance_id = start_review(app, text="Een notitie die lang genoeg is", assignee=renamed)
    comment = hostile("Toelichting")
    with app.app_context():
        from core.workflow import engine_of

        team_user = db.session.get(User, make_user(roles={"team"}).id)
        engine_of().fire(instance_id, "submit", actor=team_user, comment=comment)
        db.session.commit()

    team = as_user(app, login, make_user(roles={"team"}))
    org_values = [organisation["name"], organisation["description"], organisation["address"]]
    assert_shown_as_text(team.get("/organisations/").text, org_values[:1], "organisations")
    assert_shown_as_text(
        team.get(f"/organisations/{org_id}").text,
        [*org_values, invited_name],
        "organisation page (team)",
    )
    partner = make_user(roles={"partner"}, organisation=SimpleNamespace(id=org_id))
    assert_shown_as_text(
        as_user(app, login, partner).get(f"/organisations/{org_id}").text,
        [*org_values, invited_name],
        "organisation page (partner)",
    )
    board = as_user(app, login, make_user(roles={"board"}))
    assert_shown_as_text(
        board.get("/meetings/").text, [meeting["title"], meeting["place"]], "meetings"
    )
    history = team.get(f"/workflows/instances/{instance_id}").text
    assert_shown_as_text(history, [comment, renamed_name], "workflow history and assignee")
    assert_shown_as_text(team.get("/tasks").text, [renamed_name], "inbox (assignee)")
    assert_shown_as_text(
        client.get("/admin/users").text, [invited_name, renamed_name], "admin user list"
    )


def test_sweep_keurmerk_framework_consultation_findings_and_register(
    app, client, make_user, login, enable_plugin
):
    from datetime import timedelta

    from core.accounts.models import User
    from core.extensions import db
    from core.workflow import engine_of
    from plugins.keurmerk.certification.models import Certification, Finding
    from plugins.keurmerk.frameworks.models import Module, Norm, NormComment, PilotAudit, Theme
    from plugins.keurmerk.frameworks.rules import create_framework, instance_of
    from tests.test_keurmerk_certification import apply_as, certify, fire, judge, plan

    enable_plugin("keurmerk")
    org = make_organisation(app, hostile("Gecertificeerde"), "formal_body")
    people = {
        "team": make_user(roles={"team"}),
        "auditor": make_user(roles={"auditor"}),
        "expert": make_user(roles={"expert", "co_auditor"}, name=hostile("Ervaringsdeskundige")),
        "committee": make_user(roles={"committee"}),
        "partner": make_user(roles={"partner"}, organisation=org),
    }
    texts = {
        key: hostile(key)
        for key in (
            "Kadertitel", "Samenvatting", "Thema", "Themaomschrijving", "Module",
            "Normtitel", "Normtekst", "Toelichting", "Bewijs", "Lessen",
        )
    }  # fmt: skip
    with app.app_context():
        team = db.session.get(User, people["team"].id)
        framework = create_framework(texts["Kadertitel"], team, summary=texts["Samenvatting"])
        theme = Theme(
            code="I",
            name=texts["Thema"],
            description=texts["Themaomschrijving"],
            norms=[
                Norm(
                    code="I1",
                    title=texts["Normtitel"],
                    text=texts["Normtekst"],
                    guidance=texts["Toelichting"],
                    evidence=texts["Bewijs"],
                )
            ],
        )
        framework.themes = [theme]
        framework.modules = [Module(name=texts["Module"], themes=[theme])]
        db.session.commit()
        framework_id, norm_id = framework.id, theme.norms[0].id
        framework_instance = instance_of(framework).id
        engine_of().fire(framework_instance, "consult", actor=team)
        db.session.commit()

    # consultation: an expert comments through the form, the team resolves it through its form
    expert = as_user(app, login, people["expert"])
    body = hostile("Reactie")
    norm_url = f"/keurmerk/norms/{norm_id}"
    post_form(expert, f"{norm_url}/comments", {"body": body}, form_url=norm_url)
    login(client, people["team"])
    with app.app_context():
        comment_id = db.session.scalar(db.select(NormComment.id))
    assert comment_id is not None
    assert_shown_as_text(
        client.get(norm_url).text, [body, people["expert"].display_name], "norm (team)"
    )
    explanation = hostile("Uitleg")
    resolve_url = f"/keurmerk/comments/{comment_id}/resolve"
    assert_shown_as_text(client.get(resolve_url).text, [body], "resolve form")
    response = post_form(client, resolve_url, {"resolution": "adapted", "explanation": explanation})
    assert response.status_code == 303, response.text

    with app.app_context():
        team = db.session.get(User, people["team"].id)
        engine = engine_of()
        engine.fire(framework_instance, "close_consultation", actor=team)
        engine.fire(framework_instance, "start_pilot", actor=team)
        other = make_organisation(app, "Tweede pilot", "collection_agency")
        for lessons, at in ((texts["Lessen"], org), (None, other)):
            db.session.add(
                PilotAudit(
                    framework_id=framework_id,
                    organisation_id=at.id,
                    held_on=local_today(),
                    completed=True,
                    lessons=lessons,
                )
            )
        db.session.commit()
        engine.fire(framework_instance, "finalise", actor=team)
        engine.fire(framework_instance, "launch", actor=team)
        db.session.commit()

    norm_values = [texts[k] for k in ("Normtitel", "Normtekst")]
    assert_shown_as_text(
        expert.get(f"/keurmerk/frameworks/{framework_id}").text,
        [texts[k] for k in ("Kadertitel", "Samenvatting", "Thema", "Themaomschrijving", "Normtitel", "Lessen")],
        "framework (expert)",
    )  # fmt: skip
    assert_shown_as_text(
        expert.get(norm_url).text, [*norm_values, body, explanation], "norm (expert)"
    )
    assert_shown_as_text(
        expert.get("/keurmerk/my-comments").text, [body, explanation], "my comments"
    )
    assert_shown_as_text(expert.get("/keurmerk/").text, [texts["Kadertitel"]], "keurmerk index")

    # certification: the partner applies, the auditor finds, the partner responds
    partner = as_user(app, login, people["partner"])
    certification_id = apply_as(partner, org, [texts["Module"]], app)
    plan(app, certification_id, people)
    auditor = as_user(app, login, people["auditor"])
    narrative, action = hostile("Oordeel"), hostile("Verbeteractie")
    deadline = (local_today() + timedelta(days=30)).isoformat()
    judged = judge(
        auditor, certification_id, "I1", app, verdict="fails", grade="minor",
        narrative=narrative, corrective_action=action, deadline=deadline,
    )  # fmt: skip
    assert judged.status_code == 302, judged.text
    with app.app_context():
        finding_id = db.session.scalar(db.select(Finding.id))
    page_url = f"/keurmerk/certifications/{certification_id}"
    answer = hostile("Verbetering")
    post_form(
        partner, f"/keurmerk/findings/{finding_id}/respond", {"response": answer}, form_url=page_url
    )
    note = hostile("Beoordeling")
    post_form(
        auditor, f"/keurmerk/findings/{finding_id}/review", {"decision": "reject", "note": note},
        form_url=page_url,
    )  # fmt: skip
    with app.app_context():
        finding = db.session.get(Finding, finding_id)
        assert (finding.response, finding.review_note) == (answer, note)
    org_and_module = [org.name, texts["Module"]]
    assert_shown_as_text(
        partner.get(page_url).text, [*org_and_module, narrative, action, answer, note], "certification (partner)"
    )  # fmt: skip
    assert_shown_as_text(
        auditor.get(page_url).text, [org.name, answer, note], "certification (auditor)"
    )
    assert_shown_as_text(
        auditor.get(f"/keurmerk/certifications/{certification_id}/audit/{norm_id}").text,
        [*norm_values, texts["Toelichting"], texts["Bewijs"]],
        "judging a norm (auditor)",
    )
    assert_shown_as_text(
        partner.get("/keurmerk/certifications/").text, [org.name], "certifications"
    )
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    committee = as_user(app, login, people["committee"])
    assert_shown_as_text(
        committee.get(f"/keurmerk/certifications/{certification_id}/report").text,
        [*org_and_module, narrative, action],
        "report (committee)",
    )
    assert certify(app, certification_id, people["committee"]) == "gecertificeerd"
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number
    public = app.test_client()
    assert_shown_as_text(public.get("/keurmerk/register").text, org_and_module, "public register")
    assert_shown_as_text(
        public.get(f"/keurmerk/register/{number}").text, org_and_module, "verification page"
    )


def test_sweep_passendwerk_people_vacancies_introductions_events_and_catalogue(
    app, client, make_user, login, enable_plugin
):
    from werkzeug.datastructures import MultiDict

    from core.accounts.models import User
    from core.extensions import db
    from core.workflow import engine_of
    from plugins.passendwerk.catalogue.models import Competence
    from plugins.passendwerk.introductions.models import Introduction
    from tests.passendwerk_world import route_id

    enable_plugin("passendwerk")
    pluspunt = make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, hostile("Werkgever"), "employer")
    team_user = make_user(roles={"team"})
    coach_user = make_user(roles={"partner"}, organisation=pluspunt, name=hostile("Coach"))
    employer_user = make_user(roles={"employer"}, organisation=bakery, name=hostile("Werkgever"))

    # the team fills the catalogue and plans a Meet & Greet, through their forms
    login(client, team_user)
    catalogue = {kind: hostile(kind) for kind in ("competences", "trainings", "causes")}
    for kind, name in catalogue.items():
        post_form(
            client,
            f"/passendwerk/catalogue/{kind}",
            {f"{kind}-name": name, f"{kind}-description": hostile("Uitleg")},
            form_url="/passendwerk/catalogue",
        )
        flashed = client.get("/passendwerk/catalogue").text  # "'...' is toegevoegd."
        assert "is toegevoegd" in flashed
        assert_shown_as_text(flashed, [name], "catalogue and its flash message")
    with app.app_context():
        competence_id = db.session.scalar(db.select(Competence.id))
    assert competence_id is not None
    event = {
        "title": hostile("Meet"),
        "place": hostile("Warmtebron"),
        "description": hostile("Over"),
    }
    response = post_form(
        client,
        "/passendwerk/meet-and-greets/new",
        {**event, "starts_at": "2026-12-20T14:00", "employer_ids": [str(bakery.id)]},
    )
    assert response.status_code in (302, 303), response.text
    event_id = int(response.location.rstrip("/").rsplit("/", 1)[1])

    # the employer publishes a vacancy through its form
    employer = as_user(app, login, employer_user)
    vacancy = {"title": hostile("Functie"), "description": hostile("Werk")}
    response = post_form(
        employer,
        "/passendwerk/vacancies/new",
        {
            **vacancy,
            "organisation_id": str(bakery.id),
            "sector": "detailhandel",
            "hours": "24",
            "contract": "vast",
            "district": "Noord",
            "is_open": "y",
            f"competence_{competence_id}": "r2",
        },
    )
    assert response.status_code in (302, 303), response.text
    vacancy_id = int(response.location.rstrip("/").rsplit("/", 1)[1])

    # the coach's job seeker, with a hostile name and profile, invited and introduced
    profile = {"behaviour": hostile("Gedrag"), "personality": hostile("Persoonlijkheid")}
    person = make_job_seeker(
        app,
        coach_user,
        pluspunt.id,
        first_name=hostile("Voornaam"),
        last_name="Achterberg",
        profile={"levels": {catalogue["competences"]: 3}, **profile},
        steps=TO_MATCHING,
    )
    name = f"{hostile('Voornaam')} Achterberg"
    coach = as_user(app, login, coach_user)
    event_url = f"/passendwerk/meet-and-greets/{event_id}"
    post_form(coach, f"{event_url}/guests", {"job_seeker_id": str(person)}, form_url=event_url)
    with app.app_context():
        engine_of().fire(
            route_id(app, person),
            "introduce",
            actor=db.session.get(User, coach_user.id),
            formdata=MultiDict({"vacancy_id": str(vacancy_id), "meet_and_greet_id": str(event_id)}),
        )
        introduction_id = db.session.scalar(db.select(Introduction.id))
    intro_url = f"/passendwerk/introductions/{introduction_id}"
    employer_note = hostile("Antwoord")
    assert_shown_as_text(
        employer.get(intro_url).text,
        [name, *profile.values(), catalogue["competences"], vacancy["title"]],
        "introduction (employer)",
    )
    response = post_form(
        employer, f"{intro_url}/respond", {"response": "interview", "note": employer_note},
        form_url=intro_url,
    )  # fmt: skip
    assert response.status_code == 303, response.text
    assert_shown_as_text(
        employer.get("/passendwerk/vacancies").text, [vacancy["title"]], "vacancies (employer)"
    )

    # what the coach sees of the employer's and the team's text
    file_url = f"/passendwerk/job-seekers/{person}"
    with app.app_context():
        from plugins.passendwerk.catalogue.models import TrainingModule

        module_id = db.session.scalar(db.select(TrainingModule.id))
    post_form(coach, f"{file_url}/trainings", {"module_id": str(module_id)}, form_url=file_url)
    assert_shown_as_text(
        coach.get(file_url).text,
        [name, vacancy["title"], bakery.name, employer_note, catalogue["trainings"]],
        "job seeker file (coach)",
    )
    assert_shown_as_text(coach.get("/passendwerk/").text, [name], "job seeker list (coach)")
    assert_shown_as_text(
        coach.get("/passendwerk/vacancies").text,
        [vacancy["title"], bakery.name],
        "vacancies (coach)",
    )
    assert_shown_as_text(
        coach.get(f"/passendwerk/vacancies/{vacancy_id}").text,
        [*vacancy.values(), bakery.name, catalogue["competences"]],
        "vacancy (coach)",
    )
    assert_shown_as_text(
        coach.get(f"{file_url}/vacancies").text, [vacancy["title"], bakery.name], "matching (coach)"
    )
    assert_shown_as_text(
        coach.get("/passendwerk/meet-and-greets").text, [event["title"], event["place"]], "events"
    )
    assert_shown_as_text(
        coach.get(event_url).text,
        [*event.values(), bakery.name, name, vacancy["title"]],
        "Meet & Greet (coach)",
    )
    # a route ended with the team's hostile cause shows in the board's report
    with app.app_context():
        from plugins.passendwerk.catalogue.models import EndingCause

        cause_id = db.session.scalar(db.select(EndingCause.id))
    make_job_seeker(
        app, coach_user, pluspunt.id, steps=[("end_route", {"cause_id": str(cause_id)})]
    )
    board = as_user(app, login, make_user(roles={"board"}))
    assert_shown_as_text(
        board.get("/passendwerk/report").text, [catalogue["causes"]], "report (board)"
    )

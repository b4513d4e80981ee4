"""The programme's figures on hand-computed data: what counts towards each target on a date
(an account with the expert role that never did anything does not; an involvement 13 months
ago does not), the trend per quarter-end in one query per target, publishing a quarter, and
the public progress page that shows what was published and nothing personal."""

from datetime import date, datetime, time, timedelta

import pytest

from core.accounts.models import User
from core.extensions import db
from core.figures.models import PublishedFigure
from core.figures.targets import (
    Quarter,
    completed_quarters,
    count_informal_partners,
    count_knowledge_meetings,
    count_meetings,
    programme_targets,
)
from core.meetings.models import Meeting
from core.organisations.models import Organisation
from core.testing import post_form
from core.timeutil import local_to_utc, local_today, utcnow
from plugins.jijdoetertoe.experts.models import Expert, Involvement
from plugins.jijdoetertoe.experts.rules import count_active_experts, year_before
from tests.factories import QueryCounter

# Seven quarter-ends, 2025 Q1 to 2026 Q3 (the counts take any dates).
ENDS = [
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
    date(2025, 12, 31),
    date(2026, 3, 31),
    date(2026, 6, 30),
    date(2026, 9, 30),
]


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


def add_expert(app, name, involved_on=(), user=None) -> int:
    with app.app_context():
        expert = Expert(
            name=name,
            channel="phone",
            contact="06 12 34 56 78",
            district="Charlois",
            source="team",
            user_id=user.id if user else None,
        )
        expert.involvements = [
            Involvement(done_on=day, what="Meegedacht", subproject="Jij doet ertoe")
            for day in involved_on
        ]
        db.session.add(expert)
        db.session.commit()
        return expert.id


def rotterdam(day: date, hour: int, minute: int = 0) -> datetime:
    return local_to_utc(datetime.combine(day, time(hour, minute)))


# ------------------------------------------------------------------ quarters and twelve months


def test_the_trend_covers_the_eight_quarters_that_are_over():
    quarters = completed_quarters(date(2026, 12, 4))
    assert [q.end for q in quarters] == [
        date(2024, 12, 31),
        *ENDS,
    ]
    assert quarters[-1] == Quarter(2026, 3)
    # On 1 January the last quarter of the year before is over; on 31 March the first is not.
    assert completed_quarters(date(2027, 1, 1))[-1] == Quarter(2026, 4)
    assert completed_quarters(date(2026, 3, 31))[-1] == Quarter(2025, 4)
    assert [Quarter(2026, n).end for n in (1, 2, 3, 4)] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]


def test_twelve_months_back_from_a_leap_day_is_the_28th_of_february():
    assert year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert year_before(date(2026, 9, 30)) == date(2025, 9, 30)


# ------------------------------------------------------------------ what counts


def test_an_expert_account_that_never_did_anything_does_not_count(app, make_user):
    day = date(2026, 9, 30)
    account = make_user(roles={"expert"}, name="Alleen Een Account")
    add_expert(app, "In het register, nog niets gedaan", user=account)
    add_expert(app, "Dertien maanden geleden", involved_on=[date(2025, 8, 30)])
    add_expert(app, "Elf maanden geleden", involved_on=[date(2025, 10, 30), date(2026, 9, 1)])
    make_user(roles={"expert"}, name="Nog Een Account")
    with app.app_context():
        # One expert: the one with involvements in the twelve months (counted once).
        assert count_active_experts([day]) == [1]


def test_active_experts_at_each_quarter_end_by_hand(app):
    # A: once, February 2025. B: on the last day of 2025 Q2 and in May 2026. C: exactly on
    # 30 September 2025, which is twelve months (not less) before 30 September 2026.
    add_expert(app, "A", involved_on=[date(2025, 2, 10)])
    add_expert(app, "B", involved_on=[date(2025, 6, 30), date(2026, 5, 1)])
    add_expert(app, "C", involved_on=[date(2025, 9, 30)])
    add_expert(app, "D, nog niets gedaan")
    with app.app_context():
        assert count_active_experts(ENDS) == [1, 2, 3, 3, 2, 2, 1]
        # Any order of dates, answered in that order.
        assert count_active_experts([ENDS[2], ENDS[0]]) == [3, 1]
        assert count_active_experts([]) == []


def test_informal_partners_count_from_the_day_they_joined(app):
    with app.app_context():
        db.session.add_all(
            [
                Organisation(
                    name="Buurtlab", kind="social_enterprise", created_at=datetime(2025, 5, 1, 9)
                ),
                Organisation(
                    name="Geloven in Spangen",
                    kind="informal_network",
                    created_at=datetime(2026, 2, 1, 9),
                ),
                # Not informal: a formal body counts towards nothing here.
                Organisation(
                    name="Gemeente Rotterdam", kind="formal_body", created_at=datetime(2025, 1, 1)
                ),
                # 23:30 UTC on 31 March is 1 April in Rotterdam: it joined in the second quarter.
                Organisation(
                    name="House of Hope",
                    kind="informal_network",
                    created_at=datetime(2026, 3, 31, 23, 30),
                ),
            ]
        )
        db.session.commit()
        assert count_informal_partners([ENDS[0], ENDS[1], ENDS[4], ENDS[5]]) == [0, 1, 2, 3]


def test_meetings_count_in_the_year_of_the_date_up_to_that_day(app):
    with app.app_context():
        db.session.add_all(
            [
                Meeting(
                    title="Kennis 1",
                    starts_at=rotterdam(date(2025, 3, 15), 10),
                    kind="knowledge_source",
                ),
                Meeting(title="Zomer", starts_at=rotterdam(date(2025, 8, 1), 10), kind="experts"),
                # 23:30 on New Year's Eve in Rotterdam: still 2025.
                Meeting(title="Oudjaar", starts_at=rotterdam(date(2025, 12, 31), 23, 30)),
                # 00:30 on 1 January in Rotterdam (still 31 December in UTC): 2026's.
                Meeting(title="Nieuwjaar", starts_at=rotterdam(date(2026, 1, 1), 0, 30)),
                Meeting(
                    title="Kennis 2",
                    starts_at=rotterdam(date(2026, 5, 1), 14),
                    kind="knowledge_source",
                ),
            ]
        )
        db.session.commit()
        dates = [ENDS[0], ENDS[2], ENDS[3], ENDS[4], ENDS[5]]
        assert count_meetings(dates) == [1, 2, 3, 1, 2]
        assert count_knowledge_meetings(dates) == [1, 1, 1, 0, 1]


def test_each_target_counts_eight_quarter_ends_in_one_query(app, enable_plugin):
    enable_plugin("jijdoetertoe")
    add_expert(app, "A", involved_on=[date(2025, 2, 10)])
    dates = [q.end for q in completed_quarters(local_today())]
    assert len(dates) == 8
    with app.test_request_context():
        targets = programme_targets()
        assert [t.key for t in targets] == [
            "jijdoetertoe.active_experts",
            "informal_partners",
            "jijdoetertoe.partner_agreements",
            "meetings",
            "knowledge_meetings",
        ]
        for target in targets:
            with QueryCounter(db.engine) as queries:
                values = target.values_on(dates)
            assert queries.count == 1, (target.key, queries.statements)
            assert len(values) == 8


def test_the_dashboard_asks_one_query_per_target(app, enable_plugin):
    from core.dashboard import programme_targets as dashboard_targets

    enable_plugin("jijdoetertoe")
    with app.test_request_context():
        targets = programme_targets()
        with QueryCounter(db.engine) as queries:
            shown = dashboard_targets(local_today())
        # The plugin states are read once per request; then one query per target.
        counting = [s for s in queries.statements if "count(" in s.lower()]
        assert len(counting) == len(targets) == len(shown) == 5


def test_the_dashboard_counts_again_only_after_a_change(app, client, make_user, login, team):
    login(client, team)
    client.get("/")
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as queries:
        assert "0 van 20" in client.get("/").text
    assert not [s for s in queries.statements if "FROM meeting" in s and "count(" in s.lower()]
    with app.app_context():
        db.session.add(Meeting(title="Vandaag", starts_at=utcnow()))
        db.session.commit()
    assert "1 van 20" in client.get("/").text


def test_without_the_plugin_the_core_counts_only_its_own_targets(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    page = client.get("/").text
    assert "Ervaringsdeskundigen actief" not in page and "van 200" not in page
    assert "0 van 150" in page and "0 van 20" in page and "0 van 15" in page


def test_the_dashboard_shows_the_active_experts_and_links_the_team_to_the_figures(
    app, client, make_user, login, enable_plugin, team
):
    enable_plugin("jijdoetertoe")
    today = local_today()
    add_expert(app, "Actief", involved_on=[today - timedelta(days=30)])
    add_expert(app, "Lang geleden", involved_on=[today - timedelta(days=400)])
    add_expert(app, "Alleen een account", user=make_user(roles={"expert"}))
    login(client, team)
    page = client.get("/").text
    assert "Ervaringsdeskundigen actief (het afgelopen jaar)" in page and "1 van 200" in page
    assert 'href="/cijfers"' in page
    board = app.test_client()
    login(board, make_user(roles={"board"}))
    page = board.get("/").text
    assert "1 van 200" in page and 'href="/cijfers"' not in page  # the page is the team's


# ------------------------------------------------------------------ the lists behind the figures


def test_the_register_lists_the_active_experts_behind_the_figure(
    app, client, enable_plugin, login, team
):
    enable_plugin("jijdoetertoe")
    today = local_today()
    add_expert(app, "Actieve Anna", involved_on=[today - timedelta(days=30)])
    add_expert(app, "Vroegere Vera", involved_on=[today - timedelta(days=400)])
    add_expert(app, "Nieuwe Nina")
    login(client, team)
    page = client.get("/jijdoetertoe/?filter=actief").text
    assert "Actieve Anna" in page and "Vroegere Vera" not in page and "Nieuwe Nina" not in page
    everyone = client.get("/jijdoetertoe/").text
    assert "Vroegere Vera" in everyone and "Nieuwe Nina" in everyone
    response = client.get("/jijdoetertoe/?filter=iedereen")
    assert response.status_code == 400
    assert "Deze lijst kent alleen de keuze filter=actief." in response.text
    cijfers = client.get("/cijfers").text
    assert 'href="/jijdoetertoe/?filter=actief"' in cijfers


def test_the_core_lists_filter_informal_partners_and_knowledge_meetings(
    app, client, login, team, make_organisation
):
    make_organisation("Buurtlab", "social_enterprise")
    make_organisation("Gemeente Rotterdam", "formal_body")
    with app.app_context():
        db.session.add_all(
            [
                Meeting(title="Kennissessie", starts_at=utcnow(), kind="knowledge_source"),
                Meeting(title="Met partners", starts_at=utcnow(), kind="partners"),
            ]
        )
        db.session.commit()
    login(client, team)
    page = client.get("/organisations/?soort=informeel").text
    assert "Buurtlab" in page and "Gemeente Rotterdam" not in page
    page = client.get("/meetings/?soort=knowledge_source").text
    assert "Kennissessie" in page and "Met partners" not in page
    for url, message in (
        ("/organisations/?soort=formeel", "Deze lijst kent alleen de keuze soort=informeel."),
        ("/meetings/?soort=feest", "Deze soort bijeenkomst bestaat niet."),
    ):
        response = client.get(url)
        assert response.status_code == 400 and message in response.text, url
    cijfers = client.get("/cijfers").text
    assert 'href="/organisations/?soort=informeel"' in cijfers
    assert 'href="/meetings/?soort=knowledge_source"' in cijfers


# ------------------------------------------------------------------ /cijfers and publishing


def test_the_figures_page_shows_the_trend_as_a_chart_and_a_table(
    app, client, login, team, enable_plugin
):
    enable_plugin("jijdoetertoe")
    quarters = completed_quarters(local_today())
    add_expert(app, "A", involved_on=[quarters[-1].end])
    login(client, team)
    page = client.get("/cijfers").text
    assert page.count('<svg class="trend-chart"') == 5  # one per target
    assert 'role="img"' in page and "De cijfers staan ook in de tabel." in page
    assert page.count('<th scope="row">') == 5 * 8
    assert "<caption>Ervaringsdeskundigen actief (het afgelopen jaar): de stand" in page
    last = quarters[-1]
    assert f"Publiceer cijfers van kwartaal {last.number} van {last.year}" in page


@pytest.mark.parametrize(
    "role, status", [("expert", 403), ("partner", 403), ("board", 403), ("admin", 200)]
)
def test_only_the_team_opens_the_figures_page(client, make_user, login, role, status):
    login(client, make_user(roles={role}))
    assert client.get("/cijfers").status_code == status


def test_a_visitor_is_sent_to_log_in_for_the_figures_page(client):
    response = client.get("/cijfers")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_the_team_publishes_the_last_quarter_counted_on_its_last_day(
    app, client, login, team, enable_plugin
):
    enable_plugin("jijdoetertoe")
    last = completed_quarters(local_today())[-1]
    add_expert(app, "Op de laatste dag", involved_on=[last.end])
    # Involved after the quarter ended: not in that quarter's figure.
    add_expert(app, "Daarna", involved_on=[last.end + timedelta(days=1)])
    with app.app_context():
        db.session.add(Meeting(title="In het kwartaal", starts_at=rotterdam(last.end, 10)))
        db.session.commit()
    login(client, team)
    response = post_form(client, "/cijfers/publiceren", {"quarter": last.code}, form_url="/cijfers")
    assert response.status_code == 303
    page = client.get(response.location).text
    assert f"De cijfers van kwartaal {last.number} van {last.year} staan op de pagina" in page
    with app.app_context():
        figures = {
            f.key: (f.value, f.goal, f.label, f.published_by_id)
            for f in db.session.scalars(db.select(PublishedFigure))
        }
    assert figures == {
        "jijdoetertoe.active_experts": (
            1,
            200,
            "Ervaringsdeskundigen actief (het afgelopen jaar)",
            team.id,
        ),
        "informal_partners": (
            0,
            150,
            "Informele partners, sociale ondernemingen en netwerken",
            team.id,
        ),
        "jijdoetertoe.partner_agreements": (
            0,
            250,
            "Partnerorganisaties met een getekende overeenkomst",
            team.id,
        ),
        "meetings": (1, 20, "Bijeenkomsten dit jaar", team.id),
        "knowledge_meetings": (0, 15, "Bijeenkomsten met kennisbronnen dit jaar", team.id),
    }


def test_publishing_a_quarter_again_replaces_its_figures(app, client, login, team, enable_plugin):
    enable_plugin("jijdoetertoe")
    last = completed_quarters(local_today())[-1]
    login(client, team)
    post_form(client, "/cijfers/publiceren", {"quarter": last.code}, form_url="/cijfers")
    add_expert(app, "Later vastgelegd", involved_on=[last.end - timedelta(days=10)])
    post_form(client, "/cijfers/publiceren", {"quarter": last.code}, form_url="/cijfers")
    with app.app_context():
        rows = db.session.scalars(db.select(PublishedFigure)).all()
        assert len(rows) == 5  # one per target, not two
        assert {r.key: r.value for r in rows}["jijdoetertoe.active_experts"] == 1


def test_a_publication_that_collides_with_one_at_the_same_moment_changes_nothing(
    app, client, login, team, monkeypatch
):
    import core.figures.views as views

    def collide(quarter, user):
        # What a second publisher finds when the first one's rows arrived in between.
        for _ in range(2):
            db.session.add(
                PublishedFigure(
                    year=quarter.year,
                    quarter=quarter.number,
                    key="meetings",
                    label="B",
                    value=1,
                    goal=20,
                )
            )
        db.session.flush()

    monkeypatch.setattr(views, "publish_quarter", collide)
    last = completed_quarters(local_today())[-1]
    login(client, team)
    response = post_form(client, "/cijfers/publiceren", {"quarter": last.code}, form_url="/cijfers")
    assert response.status_code == 303
    assert "Iemand anders publiceerde dit kwartaal net." in client.get(response.location).text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PublishedFigure.id))) == 0


def test_a_target_key_given_twice_is_counted_once(app, caplog, monkeypatch):
    from core.figures import targets as module

    with app.test_request_context():
        twice = module.core_targets()[0]
        monkeypatch.setattr(module, "core_targets", lambda: [twice, twice])
        assert [t.key for t in module.programme_targets()] == ["informal_partners"]
    assert "declared twice" in caplog.text


def test_publishing_in_english_keeps_the_dutch_labels(app, client, login, team):
    last = completed_quarters(local_today())[-1]
    login(client, team)
    post_form(client, "/language", {"language": "en", "next": "/cijfers"}, form_url="/cijfers")
    assert "Figures per quarter" in client.get("/cijfers").text
    post_form(client, "/cijfers/publiceren", {"quarter": last.code}, form_url="/cijfers")
    with app.app_context():
        labels = set(db.session.scalars(db.select(PublishedFigure.label)))
    assert "Bijeenkomsten dit jaar" in labels


@pytest.mark.parametrize("quarter", ["", "2026-9", "nonsense", "2099-1", "1999-4", "x" * 500])
def test_a_quarter_that_is_not_over_or_not_on_the_page_is_refused(
    app, client, login, team, quarter
):
    login(client, team)
    current = Quarter(local_today().year, (local_today().month - 1) // 3 + 1)
    for code in (quarter, current.code):
        response = post_form(client, "/cijfers/publiceren", {"quarter": code}, form_url="/cijfers")
        assert response.status_code == 400, code
        assert "Dit kwartaal kan niet gepubliceerd worden." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PublishedFigure.id))) == 0


def test_a_nine_quarters_old_quarter_is_not_offered(app, client, login, team):
    ninth = completed_quarters(local_today(), count=9)[0]
    login(client, team)
    response = post_form(
        client, "/cijfers/publiceren", {"quarter": ninth.code}, form_url="/cijfers"
    )
    assert response.status_code == 400


def test_only_the_team_publishes(app, client, make_user, login):
    last = completed_quarters(local_today())[-1]
    for role in ("expert", "partner", "board"):
        other = app.test_client()
        login(other, make_user(roles={role}))
        response = post_form(other, "/cijfers/publiceren", {"quarter": last.code}, form_url="/")
        assert response.status_code == 403, role
    visitor = app.test_client()
    response = post_form(visitor, "/cijfers/publiceren", {"quarter": last.code}, form_url="/login")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PublishedFigure.id))) == 0


# ------------------------------------------------------------------ the public page


def test_the_public_page_shows_only_what_was_published_and_nothing_personal(
    app, client, login, team, enable_plugin
):
    enable_plugin("jijdoetertoe")
    visitor = app.test_client()
    page = visitor.get("/voortgang")
    assert page.status_code == 200
    assert "Er zijn nog geen cijfers gepubliceerd." in page.text
    assert 'href="/voortgang"' not in visitor.get("/").text  # nothing to show yet

    last = completed_quarters(local_today())[-1]
    add_expert(app, "Ria van Dam", involved_on=[last.end])
    login(client, team)
    post_form(client, "/cijfers/publiceren", {"quarter": last.code}, form_url="/cijfers")
    # Recorded after publishing: the public page keeps the published figure.
    add_expert(app, "Kofi Mensah", involved_on=[last.end])

    page = visitor.get("/voortgang").text
    assert f"Kwartaal {last.number} van {last.year}" in page
    section = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert (
        '<th scope="row">Ervaringsdeskundigen actief (het afgelopen jaar)</th>\n'
        '        <td data-label="Stand">1</td>\n'
        '        <td data-label="Doel">200</td>'
    ) in section
    for personal in ("Ria van Dam", "Kofi Mensah", "Tamara Team", "06 12 34 56 78", "Charlois"):
        assert personal not in page, personal
    assert "Voortgang van het programma" in visitor.get("/").text  # listed once published
    assert visitor.get("/").text.count('href="/voortgang"') == 1


def test_the_public_page_lists_quarters_newest_first(app, team):
    with app.test_request_context():
        user = db.session.get(User, team.id)
        from core.figures.publishing import publish_quarter

        quarters = completed_quarters(local_today())
        publish_quarter(quarters[0], user)
        publish_quarter(quarters[-1], user)
        db.session.commit()
    page = app.test_client().get("/voortgang").text
    newest = f"Kwartaal {quarters[-1].number} van {quarters[-1].year}"
    oldest = f"Kwartaal {quarters[0].number} van {quarters[0].year}"
    assert page.index(newest) < page.index(oldest)


# ------------------------------------------------------------------ the demo


def test_the_demo_counts_the_experts_active_this_past_year_and_publishes_a_quarter(app):
    from core.demo import load_demo

    with app.test_request_context():
        load_demo("demo-wachtwoord")
        load_demo("demo-wachtwoord")  # again: nothing changes
        today = local_today()
        # Fatima (60 and 14 days ago), Henk (30) and Samira (200, before her pause); not Piet
        # (400 days ago) and not the three without involvements.
        assert count_active_experts([today]) == [3]
        assert count_active_experts([today - timedelta(days=150)]) == [2]  # Samira, Piet
        # The core's eight social enterprises and three informal networks joined over two
        # years (plugins' demos may add more, today).
        now, year_ago = count_informal_partners([today, today - timedelta(weeks=52)])
        assert now >= 11 and 0 < year_ago < 11
        published = db.session.scalars(db.select(PublishedFigure)).all()
        assert len(published) == 5
        assert {(p.year, p.quarter) for p in published} == {
            (completed_quarters(today)[-1].year, completed_quarters(today)[-1].number)
        }

"""The lists behind the programme's figures (organisations, meetings) are shown 50 at a time:
found in review, both drew every row, however many there were."""

from datetime import timedelta

from core.extensions import db
from core.meetings.models import Meeting
from core.organisations.models import Organisation
from core.timeutil import utcnow


def test_organisations_and_meetings_are_listed_fifty_a_page(app, client, login, user_with_role):
    with app.app_context():
        db.session.add_all(
            Organisation(name=f"Netwerk {n:02d}", kind="informal_network") for n in range(52)
        )
        now = utcnow()
        db.session.add_all(
            Meeting(
                title=f"Bijeenkomst {n:02d}", starts_at=now - timedelta(days=n), kind="partners"
            )
            for n in range(53)
        )
        db.session.commit()
    login(client, user_with_role("team"))

    first = client.get("/organisations/?soort=informeel").text
    assert "Netwerk 49" in first and "Netwerk 50" not in first
    assert (
        "/organisations/?page=2&amp;soort=informeel" in first
        or "soort=informeel&amp;page=2" in first
    )
    second = client.get("/organisations/?soort=informeel&page=2").text
    assert "Netwerk 50" in second and "Netwerk 51" in second and "Netwerk 49" not in second

    first = client.get("/meetings/").text  # newest first
    assert "Bijeenkomst 00" in first and "Bijeenkomst 49" in first and "Bijeenkomst 50" not in first
    second = client.get("/meetings/?page=2").text
    assert [f"Bijeenkomst {n}" in second for n in (50, 51, 52)] == [True] * 3
    assert client.get("/meetings/?page=x").status_code == 400

# ruff: noqa: F811  (fixtures imported from the introduction tests are parameters here)
"""Issue 11 §2: the home page shows a person's own open work first, whatever their role:
the employer the candidate to answer, the coach the next step of each person's route."""

from tests.test_passendwerk_introductions import _enabled, world  # noqa: F401  (fixtures)


def own_work(page: str) -> str:
    """The "Uw werk" section, which must come before every other section."""
    first_section = page.split("<section", 2)[1]
    assert 'id="work-title"' in first_section
    return first_section


def test_the_employer_sees_the_candidate_to_answer_first(client, login, world):
    login(client, world["baker"])
    work = own_work(client.get("/").text)
    assert "Antwoord op de kennismaking: Noor Achterberg (Verkoper)" in work
    assert "/passendwerk/introductions/" in work


def test_an_employer_of_another_company_has_nothing_to_do(client, login, world):
    login(client, world["hotelier"])
    work = own_work(client.get("/").text)
    assert "Noor" not in work and "U heeft nu geen taken." in work


def test_the_coach_sees_the_route_by_the_persons_name_and_the_step_it_waits_for(
    client, login, world
):
    login(client, world["coach"])
    work = own_work(client.get("/").text)
    assert "Noor Achterberg" in work
    assert f"/passendwerk/job-seekers/{world['person']}" in work
    assert "Alle taken" in work

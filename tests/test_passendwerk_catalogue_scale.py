"""An ESCO-sized catalogue (14,000 skills through the documented `import-esco` path): the
forms and the catalogue page stay small, because they search and page instead of listing."""

import csv

import pytest

from core.extensions import db
from plugins.passendwerk.catalogue.models import Competence
from tests.factories import make_organisation
from tests.passendwerk_world import make_job_seeker, make_vacancy

SKILLS = 14_000
MAX_PAGE_BYTES = 200_000


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


def esco_export(path, count: int):
    """An ESCO-like skills export: URIs, labels of ESCO's length, descriptions."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["conceptType", "conceptUri", "preferredLabel", "description"])
        for n in range(count):
            writer.writerow(
                [
                    "KnowledgeSkillCompetence",
                    f"http://data.europa.eu/esco/skill/{n:08x}-0000-4000-8000-000000000000",
                    f"vaardigheid {n:05d} toepassen bij het werk in de logistiek",
                    "Een beschrijving van de vaardigheid zoals ESCO die geeft. " * 3,
                ]
            )
    return path


def test_forms_and_catalogue_stay_small_with_an_esco_sized_catalogue(
    app, client, login, make_user, tmp_path
):
    path = esco_export(tmp_path / "skills_nl.csv", SKILLS)
    result = app.test_cli_runner().invoke(
        args=["passendwerk", "import-esco", "--active", str(path)]
    )
    assert f"{SKILLS} competences added" in result.output, result.output
    with app.app_context():
        assert (
            db.session.scalar(db.select(db.func.count(Competence.id)).where(Competence.active))
            >= SKILLS
        )
    team = make_user(roles={"team"})
    employer = make_organisation(app, "Bakkerij De Rotte", "employer")
    person = make_job_seeker(
        app,
        team,
        profile={"levels": {"vaardigheid 00042 toepassen bij het werk in de logistiek": 3}},
    )
    vacancy = make_vacancy(
        app, employer.id, {"vaardigheid 00007 toepassen bij het werk in de logistiek": (2, True)}
    )
    login(client, team)
    pages = {
        "talent profile form": f"/passendwerk/job-seekers/{person}/profile",
        "new vacancy form": "/passendwerk/vacancies/new",
        "vacancy form": f"/passendwerk/vacancies/{vacancy}/edit",
        "catalogue page": "/passendwerk/catalogue",
    }
    sizes = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        sizes[name] = len(response.data)
    print("page sizes with", SKILLS, "entries:", sizes)
    assert all(size < MAX_PAGE_BYTES for size in sizes.values()), sizes
    profile = client.get(pages["talent profile form"]).text
    assert "vaardigheid 00042" in profile and profile.count("<option") < 100

"""Uploading a publiccode.yml on the web: creates or updates a software solution; a bad file
changes nothing and every problem is listed by key in the reader's language."""

from pathlib import Path

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.accounts.services import COMMAND_LINE
from spira.core.models import ActivityLogEntry
from spira.spread import services
from spira.spread.forms import MAX_PUBLICCODE_BYTES
from spira.spread.models import Solution
from spira.spread.tests.factories import SolutionFactory

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent / "publiccode"
MINIMAL = (HERE / "spec-examples" / "publiccodeyml__standard-example__publiccode.minimal.yml").read_text()
REAL_WORLD = HERE / "real-world" / "CatalaLang__catala__publiccode.yml"
UPLOAD = reverse("spread:publiccode_upload")


def upload(client, content, owner=None, name="publiccode.yml", language=""):
    if isinstance(content, str):
        content = content.encode("utf-8")
    data = {"file": SimpleUploadedFile(name, content, content_type="application/yaml")}
    if owner is not None:
        data["owner"] = owner.slug
    return client.post(language + UPLOAD, data)


def problems(response) -> dict[str, str]:
    return dict(response.context.get("problems") or [])


def test_member_creates_a_solution_from_a_file(client, stockholm, owner_member):
    client.force_login(owner_member)

    response = upload(client, MINIMAL, stockholm)

    solution = Solution.objects.get()
    assert response.status_code == 200
    assert (solution.name, solution.owner, solution.kind) == ("Medusa", stockholm, "software")
    assert solution.repository_url == "https://example.com/italia/medusa.git"
    assert "Lösningen har skapats" in response.content.decode()
    assert ActivityLogEntry.objects.filter(action="spread.solution.imported").count() == 1


def test_the_same_repository_again_updates_the_solution(client, stockholm, owner_member):
    client.force_login(owner_member)
    upload(client, MINIMAL, stockholm)

    response = upload(
        client, MINIMAL.replace('softwareType: "standalone/desktop"', "softwareType: library"), stockholm
    )

    solution = Solution.objects.get()
    assert response.context["created"] is False
    assert solution.software_type == "library"


def test_real_world_file_is_imported_with_its_deviations_listed(client, stockholm, owner_member):
    client.force_login(owner_member)

    response = upload(client, REAL_WORLD.read_bytes(), stockholm)

    assert response.status_code == 200
    assert Solution.objects.count() == 1
    assert response.context["created"] is True


def test_page_needs_an_organisation_or_moderator(client, outsider):
    client.force_login(outsider)

    assert client.get(UPLOAD).status_code == 403
    assert upload(client, MINIMAL).status_code == 403
    assert Solution.objects.count() == 0


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def test_member_cannot_upload_for_another_organisation(client, ostersund, owner_member):
    client.force_login(owner_member)

    response = upload(client, MINIMAL, ostersund)

    assert response.status_code == 200
    assert response.context["form"].errors["owner"]
    assert Solution.objects.count() == 0


def test_member_cannot_update_another_organisations_solution(client, ostersund, stockholm, owner_member):
    theirs = SolutionFactory(
        owner=ostersund, kind="software", name="Deras", repository_url="https://example.com/italia/medusa.git"
    )
    client.force_login(owner_member)

    response = upload(client, MINIMAL, stockholm)

    theirs.refresh_from_db()
    assert response.status_code == 200
    assert "har redan den här adressen" in response.content.decode()
    assert theirs.name == "Deras"
    assert Solution.objects.count() == 1


def test_moderator_can_let_the_file_name_the_publisher(client, moderator):
    client.force_login(moderator)

    response = upload(client, MINIMAL)

    solution = Solution.objects.get()
    assert response.status_code == 200
    assert solution.owner.name == "italia"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name: [unclosed\n", {"file": "inte giltig YAML (rad 2, kolumn 1)"}),
        ("- just\n- a list\n", {"file": "filen måste vara en YAML-avbildning av nycklar till värden"}),
        (
            "publiccodeYmlVersion: '0'\n",
            {"name": "obligatoriskt", "url": "obligatoriskt", "legal": "obligatoriskt"},
        ),
        (
            MINIMAL.replace('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "7"'),
            {"publiccodeYmlVersion": "stöds inte"},
        ),
        (
            "a: &a ['x', 'x']\n"
            + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            {"file": "YAML-alias"},
        ),
        ("a: &a [*a]\n", {"file": "YAML-alias"}),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", {"file": "nästlad för djupt"}),
        ("n: " + "9" * 5000 + "\n", {"file": "inte giltig YAML"}),
    ],
    ids=[
        "not-yaml",
        "not-a-mapping",
        "missing-keys",
        "unknown-version",
        "alias-bomb",
        "self-alias",
        "deep",
        "huge-int",
    ],
)
def test_bad_file_lists_each_problem_by_key_in_swedish_and_saves_nothing(
    client, stockholm, owner_member, content, expected
):
    client.force_login(owner_member)

    response = upload(client, content, stockholm)

    found = {("file" if key == "" else key): message for key, message in problems(response).items()}
    assert response.status_code == 200
    for key, words in expected.items():
        assert words in found[key], found
    assert Solution.objects.count() == 0
    assert "Inget sparades" in response.content.decode()


def test_problems_are_in_english_on_english_pages(client, stockholm, owner_member):
    client.force_login(owner_member)

    response = upload(client, "publiccodeYmlVersion: '0'\n", stockholm, language="/en")

    assert problems(response)["name"] == "required"
    assert "Nothing was saved" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "ingen textfil"),
        ("name: Medusa\nbeskrivning: åäö\n".encode("latin-1"), "inte UTF-8"),
        (b"", "tom"),
        (b"# " + b"x" * MAX_PUBLICCODE_BYTES, "för stor"),
    ],
    ids=["binary", "latin-1", "empty", "huge"],
)
def test_file_that_is_not_a_publiccode_yml_is_refused(client, stockholm, owner_member, content, message):
    client.force_login(owner_member)

    response = upload(client, content, stockholm)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert Solution.objects.count() == 0


def test_file_with_values_json_cannot_hold_is_stored_safely(stockholm):
    """NUL characters, infinity, binary data and explicitly tagged dates cannot go into a JSON
    column as they are (PostgreSQL refuses the first two): they are stored as text."""
    text = MINIMAL + 'extra: "a\\0b"\nnumber: .inf\nblob: !!binary aGVq\nwhen: !!timestamp 2020-01-02\n'

    solution, created, _deviations = services.import_publiccode(COMMAND_LINE, text, stockholm)

    solution.refresh_from_db()
    assert created
    assert solution.publiccode["extra"] == "ab"
    assert solution.publiccode["number"] == "inf"
    assert solution.publiccode["blob"] == "hej"
    assert solution.publiccode["when"] == "2020-01-02"


KEYS = ["publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType",
        "description", "legal", "maintenance", "localisation", "landingURL", "releaseDate", "logo",
        "usedBy", "it", "IT", "dependsOn", "intendedAudience", "organisation"]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["0", "1", "en"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(KEYS), values, max_size=10))
def test_any_mapping_either_imports_or_is_refused_with_problems(stockholm, data):
    base = yaml.safe_load(MINIMAL)
    text = yaml.safe_dump({**base, **data}, allow_unicode=True)
    before = list(Solution.objects.values_list("pk", "name", "updated_at"))

    try:
        solution, _created, _deviations = services.import_publiccode(COMMAND_LINE, text, stockholm)
    except services.PubliccodeInvalid as invalid:
        refused = invalid
    else:
        refused = None
        solution.refresh_from_db()

    if refused is None:
        assert solution.kind == "software"
    else:
        assert refused.problems
        assert all(problem.localised() for problem in refused.problems)
        assert list(Solution.objects.values_list("pk", "name", "updated_at")) == before


def test_upload_page_answers_in_both_languages(client, owner_member):
    client.force_login(owner_member)

    swedish = client.get(UPLOAD).content.decode()
    english = client.get("/en" + UPLOAD).content.decode()

    assert "Ladda upp en publiccode.yml" in swedish
    assert "Upload a publiccode.yml" in english

"""The big list of naughty strings through every text field of intake and the case file: stored or
refused with 422, rendered escaped, never a 500."""

from datetime import date

import pytest
from sqlalchemy import select

from kimweb.clients.casework_models import Assessment, Goal
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from tests.helpers import shared_data

HX = {"HX-Request": "true"}
# Free text, stored as typed (up to its length)...
INTAKE_TEXT = (
    "family_name",
    "given_names",
    "name_original",
    "other_spellings",
    "street",
    "city",
    "azr_number",
    "bamf_file_number",
    "abh_file_number",
    "consent_interpreter",
    "household-0-family_name",
)
# ...and fields with rules, where nearly every naughty string is a 422.
INTAKE_CHECKED = (
    "phone",
    "email",
    "postcode",
    "birth_date",
    "privacy_info_on",
    "gender",
    "district_id",
    "languages",
    "household-0-birth_date",
    "household-0-relation",
)


@pytest.fixture
def naughty():
    lines = shared_data("blns.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    return [line[:200] for line in lines if line.strip() and not line.startswith("#")]


def spread(lines: list[str], fields: tuple[str, ...], shift: int = 0):
    """Forms in which every line lands in some field, a different one with each shift."""
    for start in range(0, len(lines), len(fields)):
        chunk = lines[start : start + len(fields)]
        yield {fields[(i + shift) % len(fields)]: line for i, line in enumerate(chunk)}


def assert_escaped(text: str) -> None:
    assert "<script>alert(" not in text
    assert "<img src=x onerror" not in text.lower()


def test_intake_and_duplicate_hints(client, login_as, naughty):
    login_as("case_manager")
    stored = 0
    forms = [*spread(naughty, INTAKE_TEXT), *spread(naughty, INTAKE_TEXT, 5), *spread(naughty, INTAKE_CHECKED)]
    for data in forms:
        data.setdefault("family_name", "Naughty")
        hints = client.post("/aufnahme/dubletten", data=data, headers=HX)
        assert hints.status_code == 200
        assert_escaped(hints.text)
        response = client.post("/aufnahme", data=data)
        assert response.status_code in (303, 422), data
        assert_escaped(response.text)
        if response.status_code == 303:
            stored += 1
            page = client.get(response.headers["Location"])
            assert page.status_code == 200
            assert_escaped(page.text)
        search = client.post("/klienten/", data={"q": data["family_name"]}, headers=HX)
        assert search.status_code == 200
        assert_escaped(search.text)
    assert stored > 40


def test_case_file_sections(client, login_as, make_client, agency, naughty):
    me = login_as("case_manager")
    person = make_client(me, "Naughty", "Strings", date(1980, 1, 1))
    org = agency()
    area = db.session.scalar(select(LifeArea.id).limit(1))
    base = f"/klienten/{person.id}"
    client.post(f"{base}/ziele/neu", data={"text": "Ziel", "status": "open"})
    goal = db.session.scalar(select(Goal.id))
    sections = [
        (
            f"{base}/aufenthalt/neu",
            {"status_type": "duldung_60a"},
            ("legal_basis", "file_number", "notes", "valid_until"),
        ),
        (f"{base}/einschaetzung/{area}", {"need": "some"}, ("situation", "resources")),
        (f"{base}/ziele/neu", {"status": "open"}, ("text", "target_on")),
        (f"{base}/ziele/{goal}/massnahmen/neu", {"responsible": "client"}, ("what", "due_on")),
        (
            f"{base}/einwilligungen/neu",
            {"organization_id": str(org.id), "given_on": "01.01.2026", "purposes": "referral"},
            ("purpose", "data_kinds", "interpreted_by", "paper_reference"),
        ),
        (f"{base}/beteiligte/neu", {"organization_id": str(org.id)}, ("contact_person", "role", "since")),
        (f"{base}/wiedervorlagen/neu", {"due_on": "01.01.2026", "assignee_id": str(me.id)}, ("title",)),
    ]
    for url, fixed, fields in sections:
        for data in spread(naughty, fields):
            version = db.session.scalar(select(Assessment.version)) or 0  # the section edited in place
            response = client.post(url, data={**fixed, "version": str(version), **data}, headers=HX)
            assert response.status_code in (303, 422), (url, data)
            assert_escaped(response.text)
    page = client.get(base)
    assert page.status_code == 200
    assert_escaped(page.text)

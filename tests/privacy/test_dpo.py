"""The data-protection officer: the audit trail and the registers, never file content; a case
conference without consent reaches the disclosure log; the record of processing activities."""

from datetime import timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.referrals.models import Disclosure
from kimweb.timeutil import local_today
from tests.helpers import note_form


def _conference(orgs, **values) -> dict:
    return note_form(kind="case_conference", organization_ids=[str(o.id) for o in orgs], text="Fallkonferenz", **values)


def test_dpo_sees_no_file_content(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["dpo"])
    for url in (
        f"/klienten/{person.id}",
        f"/klienten/{person.id}/stammdaten",
        "/klienten/",
        "/datenschutz/aufbewahrung",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/klienten/{person.id}/auskunft").status_code == 404
    for url in ("/datenschutz/protokoll", "/datenschutz/register", "/datenschutz/verzeichnis"):
        page = client.get(url)
        assert page.status_code == 200 and "Al-Hassan" not in page.get_data(as_text=True), url


def test_only_the_dpo_reads_the_dpo_pages(client, enter, staff):
    for role in ("cm", "lead", "desk", "admin"):
        enter(staff[role])
        for url in ("/datenschutz/protokoll", "/datenschutz/register", "/datenschutz/verzeichnis"):
            assert client.get(url).status_code == 404, (role, url)


def test_audit_search_by_person_user_action_and_period(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    other = make_client(staff["cm"], family="Kovalenko")
    enter(staff["cm"])
    client.get(f"/klienten/{person.id}")
    client.get(f"/klienten/{other.id}")
    enter(staff["dpo"])
    today = local_today().strftime("%d.%m.%Y")
    page = client.post(
        "/datenschutz/protokoll",
        data={
            "person": person.case_number,
            "user": "mueller1",
            "action": "client.opened",
            "start": today,
            "end": today,
        },
    ).get_data(as_text=True)
    assert "1 Eintrag" in page and f"client {person.id}" in page and f"client {other.id}" not in page
    yesterday = (local_today() - timedelta(days=1)).strftime("%d.%m.%Y")
    page = client.post("/datenschutz/protokoll", data={"person": str(person.id), "end": yesterday}).text
    assert "0 Einträge" in page
    assert client.post("/datenschutz/protokoll", data={"person": "2099/999"}).status_code == 422
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "audit.searched")) is not None


def test_conference_without_consent_is_in_the_disclosure_log_and_the_register(
    client, enter, staff, make_client, agency
):
    person = make_client(staff["cm"])
    centre = agency("Psychosoziales Zentrum")
    enter(staff["cm"])
    url = f"/klienten/{person.id}/notizen/neu"
    data = _conference([centre], consent_override="y", consent_override_reason="Akute Gefährdung")
    assert client.post(url, data=data).status_code == 303
    entries = db.session.scalars(select(Disclosure)).all()
    assert [(d.organization_name, d.channel, d.override_reason) for d in entries] == [
        ("Psychosoziales Zentrum", "conference", "Akute Gefährdung")
    ]
    enter(staff["dpo"])
    page = client.get("/datenschutz/register").text
    assert page.count("Psychosoziales Zentrum") == 2 and "Akute Gefährdung" in page and "Al-Hassan" not in page
    record = client.get("/datenschutz/verzeichnis").text
    assert "Psychosoziales Zentrum" in record and "1095" in record
    pdf = client.get("/datenschutz/verzeichnis?format=pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")

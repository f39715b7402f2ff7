"""Who sees which KIM report how: the team lead their team exactly, the coordination every team
suppressed and never a file; downloads always suppressed; every run audited without client data."""

import csv
import html
import io
import re
import zipfile

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.kim_reports.kim import REPORTS

Q1 = {"von": "01.01.2026", "bis": "31.03.2026"}


def sheet_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            html.unescape(n) for n in re.findall(r'<sheet name="([^"]*)"', archive.read("xl/workbook.xml").decode())
        ]


def strings(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return html.unescape(archive.read("xl/sharedStrings.xml").decode())


def csv_rows(response) -> list[list[str]]:
    text = response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("role", ["reception", "case_manager", "admin"])
def test_reports_are_for_team_leads_and_coordination_only(client, login_as, role):
    login_as(role)
    for url in ("/berichte/", "/berichte/kim/faelle", "/berichte/kim/faelle.csv", "/berichte/sachbericht.xlsx"):
        assert client.get(url).status_code == 403
    assert client.get("/berichte/team").status_code == 403


def test_the_coordination_reads_no_file(client, login_as, world):
    login_as("coordination", team=None)
    # The clients area hides itself from whoever may not read files (404, like a missing file).
    assert client.get(f"/klienten/{world.files['old'].id}").status_code == 404
    assert client.get("/klienten/").status_code == 404
    assert client.get("/berichte/team").status_code == 403
    page = client.get("/berichte/kim/faelle", query_string=Q1)
    assert page.status_code == 200
    assert "Geheimname" not in page.get_data(as_text=True)


def test_team_lead_sees_own_team_exactly(client, enter, world):
    enter(world.lead)
    page = client.get("/berichte/kim/faelle", query_string=Q1 | {"team": str(world.b.team_id)})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # The team filter is the lead's own team whatever the link says: 5 open at the end in Osterfeld.
    assert "Team: Osterfeld" in text
    assert '<th scope="row">Offen am Ende</th><td>5</td>' in text
    assert '<th scope="row">An andere abgegeben</th><td>1</td>' in text
    assert "&lt;3" not in text  # exact: no suppression on the lead's own page
    assert "Geheimname" not in text


def test_coordination_sees_every_team_suppressed(client, login_as, world):
    login_as("coordination", team=None)
    text = client.get("/berichte/kim/faelle", query_string=Q1).get_data(as_text=True)
    assert '<th scope="row">Offen am Ende</th><td>6</td>' in text
    assert '<th scope="row">Wieder aufgenommen</th><td>&lt;3</td>' in text
    assert "„&lt;3“ steht für 0, 1 oder 2" in text
    team_b = client.get("/berichte/kim/faelle", query_string=Q1 | {"team": str(world.b.team_id)})
    assert '<th scope="row">Offen am Ende</th><td>&lt;3</td>' in team_b.get_data(as_text=True)


def test_downloads_are_suppressed_even_for_the_team_lead(client, enter, world):
    enter(world.lead)
    response = client.get("/berichte/kim/faelle.csv", query_string=Q1 | {"tabelle": "ueberblick"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == ["Kennzahl", "Fälle"]
    figures = dict(row for row in rows[1:8])
    assert figures["Offen am Ende"] == "5"
    assert figures["Wieder aufgenommen"] == "<3"
    assert "<3" in rows[-1][0] and "zurückrechnen" in rows[-1][0]
    names = sheet_names(client.get("/berichte/kim/personen.xlsx", query_string=Q1).get_data())
    assert names[0] == "Hinweise"
    assert len(names) == 1 + len(REPORTS["personen"].build([], _scope()))


def _scope():
    from kimweb.kim_reports.facts import Scope

    return Scope()


def test_an_invalid_period_answers_422(client, enter, world):
    enter(world.lead)
    assert (
        client.get("/berichte/kim/faelle", query_string={"von": "31.03.2026", "bis": "01.01.2026"}).status_code == 422
    )
    assert client.get("/berichte/kim/unbekannt").status_code == 404


def test_every_run_is_audited_with_its_filters_only(client, login_as, world):
    user = login_as("coordination", team=None)
    client.get("/berichte/kim/netzwerk", query_string=Q1 | {"fm": str(world.a1.id)})
    client.get("/berichte/kim/netzwerk.xlsx", query_string=Q1)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report.run")).all()
    assert [(e.object_id, e.user_id) for e in events] == [("netzwerk", user.id), ("netzwerk", user.id)]
    assert (
        events[0].detail
        == f"from=2026-01-01; to=2026-03-31; team=-; traeger=-; case_manager={world.a1.id}; format=html"
    )
    assert events[1].detail.endswith("format=xlsx")
    assert not any("Geheimname" in (e.detail or "") for e in events)


def test_every_report_page_renders_for_both_roles(client, enter, login_as, world):
    enter(world.lead)
    for name in REPORTS:
        page = client.get(f"/berichte/kim/{name}", query_string=Q1)
        assert page.status_code == 200
        assert "<svg" in page.get_data(as_text=True)
    assert client.get("/berichte/", query_string=Q1).status_code == 200
    login_as("coordination", team=None)
    for name in REPORTS:
        assert client.get(f"/berichte/kim/{name}", query_string=Q1).status_code == 200


def test_sachbericht_workbook_and_print_page(client, enter, world):
    enter(world.lead)
    response = client.get("/berichte/sachbericht.xlsx", query_string={"jahr": "2026"})
    assert response.status_code == 200
    total = sum(len(report.build([], _scope())) for report in REPORTS.values())
    names = sheet_names(response.get_data())
    assert len(names) == 1 + total and len(set(names)) == len(names)
    assert all(len(name) <= 31 for name in names)
    text = strings(response.get_data())
    assert "01.01.2026 – 31.12.2026" in text and "Team: Osterfeld" in text
    assert "Geheimname" not in text
    page = client.get("/berichte/sachbericht", query_string={"jahr": "2026"}).get_data(as_text=True)
    assert "Sachbericht 2026" in page
    assert page.count('class="kim-page"') == 2
    assert page.count("<svg") == 6


def test_dates_in_the_period_form_come_from_presets(client, enter, world):
    enter(world.lead)
    page = client.get("/berichte/kim/faelle").get_data(as_text=True)
    assert "Dieses Quartal" in page

"""The list import in a real browser: a team lead uploads an office list, checks the proposed
mapping, sees the preview with a duplicate to decide, imports, and undoes the batch; axe scans
every step. Screenshots of the mapping and preview pages go to /tmp/import-*.png."""

import re
from datetime import datetime

from playwright.sync_api import expect

from tests.imports.conftest import xlsx

LIST = xlsx(
    [
        ["Fallliste Sterkrade-Mitte"],
        [],
        [
            "Name ",
            "Geb.-Datum",
            "Aufenthaltsstatus",
            "gültig bis ",
            "Staatsang.",
            "Fallmanager/in",
            "Sozialraum",
            "nächster Schritt",
            "Wiedervorlage",
        ],
        [
            "Browsertest, Amal",
            "3.4.88",
            "AE § 25 Abs. 2",
            datetime(2027, 5, 31),
            "Syrien",
            "SM",
            "Sterkrade-Mitte",
            "Verlängerung beantragen",
            "15.01.2027",
        ],
        ["Browsertest, Olha", "02/1979", "Fiktion", "28.02.2027", "Ukraine", "SM", "Sterkrade-Mitte", "", ""],
        ["Browsertest, Jonas", "31.02.1990", "AE", "", "Polen", "SM", "", "", ""],
        ["Browsertest, Amaal", "03.04.1988", "AE", "", "Syrien", "SM", "", "", ""],
    ]
)


def test_wizard_upload_map_preview_import_undo(page, login, axe_violations):
    login(page, "leitung")
    page.get_by_role("link", name="Listen-Import").click()
    expect(page.get_by_role("heading", name="Bestehende Listen übernehmen")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Liste (XLSX, ODS oder CSV)").set_input_files(
        files=[{"name": "liste.xlsx", "mimeType": "application/octet-stream", "buffer": LIST}]
    )
    page.get_by_role("button", name="Hochladen und weiter").click()
    expect(page).to_have_url(re.compile(r"/import/\d+/zuordnung"))
    expect(page.get_by_role("heading", name="2. Spalten zuordnen")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("full_name")
    expect(page.get_by_label("Geb.-Datum")).to_have_value("birth_date")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/import-mapping.png", full_page=True)

    page.get_by_role("button", name="Weiter zur Vorschau").click()
    expect(page).to_have_url(re.compile(r"/import/\d+/vorschau"))
    expect(page.get_by_role("table", name="Was aus jeder Zeile wird")).to_be_visible()
    expect(page.get_by_text("Zeile 6, Spalte B: „31.02.1990“")).to_be_visible()
    expect(page.get_by_text("ungenaues Datum („02/1979“)")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/import-preview.png", full_page=True)

    # the duplicate within the list must be decided first
    page.get_by_role("button", name="4. Jetzt importieren").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte entscheiden Sie")
    page.get_by_role("radio", name="dieselbe Person wie Zeile 4 dieser Liste").check()
    page.get_by_role("button", name="4. Jetzt importieren").click()
    expect(page).to_have_url(re.compile(r"/import/lauf/\d+"))
    expect(page.get_by_role("heading", name=re.compile("Importbericht"))).to_be_visible()
    expect(page.get_by_text("Import abgeschlossen: 2 angelegt, 0 ergänzt, 2 übersprungen.")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/import-report.png", full_page=True)

    page.get_by_role("button", name="Ganzen Import rückgängig machen").click()
    expect(page.get_by_text(re.compile("Der Import wurde rückgängig gemacht"))).to_be_visible()
    expect(page.get_by_text(re.compile("rückgängig gemacht am"))).to_be_visible()

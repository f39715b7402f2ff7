"""Appointments in a real browser: "Meine Woche" with a new appointment made by keyboard only,
an appointment's edit form, an interpreter booked for an appointment, the interpreters' list and
its forms, reception's "Erwartet heute" with one-click check-in; axe scans of every page.
Screenshots go to /tmp/appointments-*.png."""

import re

from playwright.sync_api import expect

SHOTS = "/tmp/appointments-{}.png"


def _shot(page, name):
    page.screenshot(path=SHOTS.format(name), full_page=True)


def test_week_view_and_new_appointment_by_keyboard(page, login, axe_violations):
    login(page, "mueller")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Woche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meine Woche")
    expect(page.locator(".ap-item").first).to_be_visible()
    assert axe_violations(page) == []
    _shot(page, "week")

    # Next week, by keyboard: focus the link and press Enter (a real URL).
    heading = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name=re.compile("Nächste Woche")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(heading)
    expect(page).to_have_url(re.compile(r"/termine/woche/\d{4}-\d{2}-\d{2}$"))
    week_url = page.url

    add = page.locator(".ap-add").nth(1)  # Tuesday
    add.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuer Termin")
    assert axe_violations(page) == []
    page.get_by_label("Person").focus()
    page.keyboard.press("ArrowDown")  # the first file in the list
    page.get_by_label("Beginn").focus()
    page.keyboard.type("10:00")
    page.keyboard.press("Tab")
    page.keyboard.type("11:15")
    page.get_by_label("Bitte mitbringen").focus()
    page.keyboard.type("Mietvertrag")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_load_state("networkidle")
    if page.get_by_role("heading", name="Bitte prüfen Sie").is_visible():  # a holiday next week
        page.get_by_label("Trotz der Hinweise speichern").check()
        page.get_by_label("Trotz der Hinweise speichern").press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("wurde eingetragen")
    assert page.url == week_url
    item = page.locator(".ap-item", has_text="10:00–11:15")
    expect(item).to_be_visible()
    _shot(page, "week-after-create")

    item.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beratung im Büro")
    assert axe_violations(page) == []
    _shot(page, "detail")
    page.get_by_role("link", name="Ändern / verschieben").click()
    expect(page.get_by_label("Bitte mitbringen")).to_have_value("Mietvertrag")
    assert axe_violations(page) == []
    _shot(page, "edit")
    page.go_back()
    page.get_by_role("link", name="Terminzettel drucken").click()
    expect(page.locator(".ap-slip")).to_contain_text("Ihr Termin")
    expect(page.locator(".ap-slip")).to_contain_text("Mietvertrag")
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    _shot(page, "slip-print")
    page.emulate_media(media="screen")


def test_book_an_interpreter(page, login, axe_violations):
    login(page, "mueller")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Woche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meine Woche")
    page.locator(".ap-item", has_text="Begleitung").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Begleitung zu einer Behörde")
    page.get_by_role("link", name="Dolmetscher/in anfragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dolmetscher/in anfragen")
    expect(page.get_by_label("Sprache", exact=True)).to_have_value("ar")
    assert axe_violations(page) == []
    page.get_by_label("Art", exact=True).select_option("pool")
    page.get_by_role("button", name="Anfrage speichern").click()
    # Legal consequences: the volunteer pool is refused with a German message.
    expect(page.locator(".field-invalid")).to_contain_text("Rechtsfolgen")
    page.get_by_label("Art", exact=True).select_option("professional")
    page.get_by_label("Hinweise für die Sprachmittlung").fill("Termin bei der Ausländerbehörde, Zimmer 112")
    page.get_by_role("button", name="Anfrage speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anfrage Sprachmittlung")
    expect(page.locator(".ap-request")).to_contain_text("Arabisch")
    assert axe_violations(page) == []
    _shot(page, "interpreter-request")

    page.get_by_label("Antwort", exact=True).select_option("confirmed")
    page.get_by_label("Dolmetscher/in aus der Liste").select_option(
        label="Dolmetschdienst Rhein-Ruhr (ar fa prs ps tr ti)"
    )
    page.get_by_role("button", name="Antwort speichern").click()
    expect(page.locator(".flash-success")).to_contain_text("Antwort wurde gespeichert")
    expect(page.locator(".ap-request")).to_contain_text("zugesagt: Dolmetschdienst Rhein-Ruhr")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Dolmetschen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dolmetschen")
    expect(page.get_by_role("heading", name="Offene Anfragen")).to_be_visible()
    assert axe_violations(page) == []
    _shot(page, "interpreters")

    page.goto("/termine/kalender")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalender")
    page.get_by_role("button", name=re.compile("Adresse erstellen")).click()
    expect(page.get_by_label("Adresse", exact=True)).to_have_value(re.compile(r"/kalender/.+\.ics$"))
    assert axe_violations(page) == []
    _shot(page, "feed")


def test_reception_expected_today_and_check_in(page, login, axe_violations):
    login(page, "empfang")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Erwartet heute").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erwartet heute")
    rows = page.locator(".ap-expected tbody tr")
    expect(rows.first).to_be_visible()
    expect(page.locator(".ap-expected")).to_contain_text("verspätet")
    assert axe_violations(page) == []
    _shot(page, "expected")
    button = page.get_by_role("button", name=re.compile("^Anmelden")).first
    button.click()
    expect(page.locator(".flash-success, .flash-info")).to_contain_text("Nummer")
    expect(page.locator(".ap-expected")).to_contain_text("angemeldet")


def test_interpreter_list_and_its_forms(page, login, axe_violations):
    login(page, "leitung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Dolmetschen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dolmetschen")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Neuer Eintrag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuer Eintrag")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Speichern").click()
    # The form comes back with its messages (422): still accessible.
    expect(page.get_by_text("mindestens eine Sprache")).to_be_visible()
    assert axe_violations(page) == []
    _shot(page, "interpreter-form-errors")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Dolmetschen").click()
    page.get_by_role("link", name="Samira Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eintrag ändern")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Samira Haddad")
    assert axe_violations(page) == []


def test_team_lead_statistics(page, login, axe_violations):
    login(page, "leitung")
    page.goto("/termine/statistik")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terminstatistik")
    assert axe_violations(page) == []
    _shot(page, "stats")

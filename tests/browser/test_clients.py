"""Intake and case file in a real browser: duplicate hint while typing, household rows, a residence
status added in place and its alert on the start page; axe scans of intake and case file."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from kimweb.timeutil import local_today


def test_full_intake_with_duplicate_hint_household_and_status(page, login, axe_violations, screenshot):
    login(page, "mueller")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Neue Person").click()
    expect(page.get_by_role("heading", name="Neue Person aufnehmen")).to_be_visible()
    assert axe_violations(page) == []

    # Typing a known person in another spelling brings up the hint: name, year, district, case manager.
    page.get_by_label("Familienname", exact=True).first.fill("Alhasan")
    page.get_by_label("Vorname(n)", exact=True).first.fill("Muhamad")
    page.get_by_label("Geburtsdatum", exact=True).first.fill("12.3.85")
    hint = page.locator("#duplicate-hints .dup-hint")
    expect(hint).to_contain_text("Al-Hassan, Mohammed")
    expect(hint).to_contain_text("1985")
    expect(hint).to_contain_text("Sabine Müller")
    screenshot(page, "clients-intake-duplicate-hint")
    hint.get_by_role("button", name=re.compile("Nicht dieselbe Person")).click()
    expect(page.locator("#duplicate-hints .dup-hint")).to_have_count(0)
    expect(page.locator("#duplicate-hints input[name=not_same]")).to_have_count(1)
    expect(page.locator("#duplicate-hints .dup-title")).to_be_focused()

    # Household rows: two added, the first removed again.
    add = page.get_by_role("button", name="Person hinzufügen")
    add.click()
    expect(page.locator(".household-row")).to_have_count(1)
    expect(page.locator("#household-0-family_name")).to_be_focused()
    expect(page.locator("#household-0-family_name")).to_have_value("Alhasan")
    page.locator("#household-0-given_names").fill("Erstes Kind")
    add.click()
    expect(page.locator(".household-row")).to_have_count(2)
    # Focus moves to the new row once htmx has settled; typing before that would land there too.
    expect(page.locator("#household-1-family_name")).to_be_focused()
    page.locator("#household-1-given_names").fill("Zweites Kind")
    page.locator("#household-1-birth_date").fill("1.2.15")
    page.locator(".household-row").first.get_by_role("button", name=re.compile("Entfernen")).click()
    expect(page.locator(".household-row")).to_have_count(1)
    expect(page.locator("#household-0-given_names")).to_have_value("Zweites Kind")

    # The district follows from the postcode.
    page.get_by_label("PLZ").fill("46149")
    page.get_by_label("Ort", exact=True).click()
    expect(page.locator("#district-field")).to_contain_text("Nach PLZ und Straße: Sterkrade-Mitte")
    screenshot(page, "clients-intake-filled")

    page.get_by_role("button", name="Akte anlegen").click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alhasan, Muhamad")
    page.locator(".cf-tabs").get_by_role("link", name="Haushalt").click()
    expect(page.locator("#section-household")).to_contain_text("Zweites Kind")
    expect(page.locator("#section-household")).not_to_contain_text("Erstes Kind")
    # A residence status, added in place, with a Duldung running out in ten days.
    page.locator(".cf-tabs").get_by_role("link", name="Aufenthalt").click()
    page.wait_for_url(re.compile(r"/abschnitt/status$"))
    file_url = page.url
    page.locator("#section-status").get_by_role("link", name="Neuen Status eintragen").click()
    expect(page.locator("#section-status form")).to_be_visible()
    page.get_by_label("Art des Aufenthalts").select_option("duldung_60a")
    page.get_by_label("Gültig bis", exact=True).fill((local_today() + timedelta(days=10)).strftime("%d.%m.%Y"))
    page.locator("#section-status").get_by_role("button", name="Speichern").click()
    expect(page.locator("#section-status form[action$='/neu']")).to_have_count(0)
    expect(page.locator("#section-status")).to_contain_text("Duldung läuft ab")
    expect(page.locator("#h-status")).to_be_focused()
    assert page.url == file_url

    page.reload()
    expect(page.locator(".cf-alerts")).to_contain_text("Duldung läuft ab")
    assert axe_violations(page) == []
    screenshot(page, "clients-case-file")

    page.get_by_role("link", name="Start").click()
    panel = page.locator(".due-panel")
    expect(panel).to_contain_text("Alhasan, Muhamad")
    expect(panel).to_contain_text("Duldung läuft ab")
    screenshot(page, "clients-start-page")


def test_caseload_search_as_you_type_and_stale_edit(new_page, login, axe_violations, screenshot):
    page = new_page()
    login(page, "yilmaz")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Fälle").click()
    search = page.get_by_label("Name oder Fallnummer")
    expect(search).to_be_focused()  # the page is ready: htmx has set up search as you type
    search.fill("ayse")
    expect(page.locator("#caseload-results tbody tr")).to_have_count(1)
    expect(page.locator("#caseload-results")).to_contain_text("Yıldız, Ayşe")
    assert "ayse" not in page.url
    assert axe_violations(page) == []
    screenshot(page, "clients-caseload")

    # Two people edit the same section; the second save answers 409 and keeps the text.
    page.get_by_role("link", name="Yıldız, Ayşe").click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))
    page.locator(".cf-tabs").get_by_role("link", name="Stammdaten").click()
    page.wait_for_url(re.compile(r"/abschnitt/personal$"))
    other = new_page()
    login(other, "yilmaz")
    other.goto(page.url)
    for p in (page, other):
        p.locator("#section-personal").get_by_role("link", name="Stammdaten bearbeiten").click()
        expect(p.locator("#section-personal form")).to_be_visible()
    other.locator("#section-personal").get_by_label("Telefon").fill("0208 1111")
    other.locator("#section-personal").get_by_role("button", name="Speichern").click()
    expect(other.locator("#section-personal form")).to_have_count(0)
    page.locator("#section-personal").get_by_label("Telefon").fill("0208 2222")
    page.locator("#section-personal").get_by_role("button", name="Speichern").click()
    expect(page.locator("#section-personal .error-summary")).to_contain_text("inzwischen")
    expect(page.locator("#section-personal").get_by_label("Telefon")).to_have_value("0208 2222")
    screenshot(page, "clients-conflict")

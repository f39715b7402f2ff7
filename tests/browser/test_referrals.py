"""Referrals in a real browser: from a service page to one of my clients, blocked for a missing
consent, the consent recorded in place, the referral saved, an appointment set; axe scans."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from kimweb.timeutil import local_today


def test_refer_from_service_page_blocked_then_consent_then_appointment(page, login, axe_violations, screenshot):
    login(page, "mueller")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Wegweiser").click()
    expect(page).to_have_url(re.compile(r"/wegweiser/"))
    page.wait_for_load_state("networkidle")  # the boosted page has settled before typing
    page.get_by_label("Suchbegriff").fill("Schuldner")
    expect(page).to_have_url(re.compile(r"q=Schuldner"))
    expect(page.locator(".dir-result-title a").first).to_contain_text("Schuldner")
    page.wait_for_load_state("networkidle")  # the results are in and stay
    first = page.locator(".dir-result-title a").first
    service_name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(service_name)
    expect(page.get_by_role("heading", name="Vermittlungen der letzten 12 Monate")).to_be_visible()

    page.get_by_role("link", name="Person hierhin vermitteln").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wen vermitteln Sie an")
    assert axe_violations(page) == []
    page.get_by_label("Name oder Fallnummer").fill("Kowalenko")  # another spelling finds her
    pick = page.locator("#client-results").get_by_role("link", name=re.compile("Vermitteln.*Kovalenko"))
    expect(pick).to_be_visible()
    pick.click()

    expect(page.get_by_role("heading", name=f"Vermittlung an {service_name}")).to_be_visible()
    page.get_by_label("Worum geht es?").fill("Mietschulden, Räumungsklage angedroht.")
    page.get_by_label("Wie").select_option(label="Telefonat mit der Stelle")
    page.get_by_role("checkbox", name="Name und Geburtsdatum").check()
    page.get_by_role("checkbox", name="Anliegen und Grund der Vermittlung").check()
    page.get_by_role("button", name="Vermittlung speichern").click()

    blocked = page.locator(".ref-blocked")
    expect(blocked).to_contain_text("Nicht gespeichert: keine passende Einwilligung")
    expect(blocked).to_contain_text("liegt keine Einwilligung vor")
    assert axe_violations(page) == []
    screenshot(page, "referrals-blocked")

    blocked.get_by_role("link", name="Einwilligung eintragen").click()
    panel = page.locator("#consent-panel")
    expect(panel.get_by_role("heading", name="Einwilligung eintragen")).to_be_focused()
    expect(panel.get_by_label("Vermittlung und Überleitung an diese Stelle")).to_be_checked()
    expect(panel.get_by_label("Name und Geburtsdatum")).to_be_checked()
    panel.get_by_label("Ablage des unterschriebenen Formulars").fill("Ordner 3, Blatt 12")
    screenshot(page, "referrals-consent-in-place")
    panel.get_by_role("button", name="Einwilligung speichern").click()
    expect(panel).to_contain_text("Sie können die Vermittlung jetzt speichern")
    # The referral form kept what was typed.
    expect(page.get_by_label("Worum geht es?")).to_have_value("Mietschulden, Räumungsklage angedroht.")

    page.get_by_role("button", name="Vermittlung speichern").click()
    expect(page.locator(".flash-success")).to_contain_text("wurde gespeichert")
    expect(page).to_have_url(re.compile(r"/klienten/\d+/vermittlungen/\d+$"))
    expect(page.locator(".ref-state")).to_contain_text("übermittelt")
    assert axe_violations(page) == []

    appointment = (local_today() + timedelta(days=6)).strftime("%d.%m.%Y")
    page.get_by_label("Neuer Stand").select_option(label="Termin vereinbart")
    page.get_by_label("Datum", exact=True).fill(appointment)
    page.get_by_label("Uhrzeit, bei wem").fill("10:30 Uhr, Herr Brandt")
    page.get_by_role("button", name="Stand speichern").click()
    expect(page.locator(".ref-state")).to_contain_text(f"Termin am {appointment}")
    expect(page.locator(".ref-history")).to_contain_text("Termin vereinbart")
    screenshot(page, "referrals-detail")

    page.get_by_role("link", name=re.compile("Kovalenko")).first.click()
    page.wait_for_url(re.compile(r"/klienten/\d+/abschnitt/referrals$"))  # the breadcrumb leads to the section
    section = page.locator("#section-referrals")
    expect(section).to_contain_text(service_name)
    expect(section).to_contain_text("Termin vereinbart")
    log = section.locator("details")
    if not log.evaluate("details => details.open"):  # closed once the log is longer than three rows
        section.locator("summary").click()
    expect(
        log.get_by_role("cell", name="Name und Geburtsdatum, Anliegen und Grund der Vermittlung").first
    ).to_be_visible()
    assert axe_violations(page) == []
    page.locator(".cf-tabs").get_by_role("link", name="Beteiligte", exact=True).click()
    expect(page.locator("#section-network")).to_contain_text(service_name)

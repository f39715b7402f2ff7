"""Data protection in a real browser: the team lead restricts a file and lifts it again, the
DPO searches the audit trail and reads the registers; axe scans every page."""

import re

from playwright.sync_api import expect


def test_team_lead_restricts_a_file_and_the_dpo_reads_the_trail(page, new_page, login, axe_violations):
    login(page, "leitung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Fälle").click()
    page.locator("table a[href^='/klienten/']").first.click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))
    page.locator(".cf-tabs").get_by_role("link", name="Datenschutz").click()
    expect(page.get_by_role("heading", name="Datenschutz")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Grund der Einschränkung").fill("Person bestreitet die Richtigkeit")
    page.get_by_role("button", name="Verarbeitung einschränken").click()
    expect(page.get_by_text(re.compile("Verarbeitung eingeschränkt"))).to_be_visible()
    page.get_by_role("button", name="Einschränkung aufheben").click()
    expect(page.get_by_role("button", name="Verarbeitung einschränken")).to_be_visible()
    page.goto("/datenschutz/aufbewahrung")
    assert axe_violations(page) == []

    dpo = new_page()
    login(dpo, "datenschutz")
    dpo.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Datenschutz").click()
    dpo.get_by_label("Benutzername").fill("leitung")
    dpo.get_by_role("button", name="Suchen").click()
    expect(dpo.get_by_text("client.restricted")).to_be_visible()
    assert axe_violations(dpo) == []
    dpo.goto("/datenschutz/register")
    expect(dpo.get_by_text("Person bestreitet die Richtigkeit")).to_be_visible()
    assert axe_violations(dpo) == []
    dpo.goto("/datenschutz/verzeichnis")
    assert axe_violations(dpo) == []

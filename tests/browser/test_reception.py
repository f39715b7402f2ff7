"""The desk in a real browser: reception checks a walk-in in; in a second context the case
manager's badge shows it without a reload; calling the ticket puts it on the waiting-room screen
(a third context, no login); axe scans of the desk, the screen and the statistics."""

import re

from playwright.sync_api import expect

from kimweb.reception.demo import DEMO_SCREEN_KEY

POLL_WAIT = 20_000  # ms: the badge polls every 10 s, the screen every 4 s


def test_walk_in_to_badge_to_call_to_screen(new_page, login, axe_violations, screenshot):
    manager = new_page()
    login(manager, "mueller")
    badge = manager.locator("#waiting-badge a")
    expect(badge).to_contain_text("warten auf Sie")
    before = int(re.match(r"\d+", badge.inner_text()).group())

    screen = new_page(1600, 900)
    screen.goto(f"/wartezimmer/{DEMO_SCREEN_KEY}")
    expect(screen.get_by_role("heading", name=re.compile("Aufgerufen"))).to_be_visible()

    desk = new_page()
    login(desk, "empfang")
    desk.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Empfang").click()
    search = desk.get_by_label("Name der Person")
    expect(search).to_be_focused()
    screenshot(desk, "reception-desk-morning")
    assert axe_violations(desk) == []

    # A known client in another spelling: name, birth year and case manager, nothing else.
    search.fill("Muhammad Alhasan")
    found = desk.locator("#desk-results .rc-person")
    expect(found.first).to_contain_text("Al-Hassan, Mohammed")
    expect(found.first).to_contain_text("Sabine Müller")
    assert "/suche" not in desk.url and "Alhasan" not in desk.url

    # Nobody on file: the walk-in form opens with the typed name.
    search.fill("Iryna Petrenko")
    expect(desk.locator("#desk-results .rc-none")).to_be_visible()
    form = desk.locator(".rc-walkin-form")
    expect(form.get_by_label("Familienname")).to_have_value("Petrenko")
    form.get_by_label("Sprache").select_option("uk")
    form.get_by_label("Dolmetschung").select_option("child")
    expect(form.locator(".rc-child-warning")).to_be_visible()
    form.get_by_label("Dolmetschung").select_option("phone")
    expect(form.locator(".rc-child-warning")).to_be_hidden()
    form.get_by_label("Anliegen (Lebensbereich)").select_option(label="Wohnen")
    form.get_by_label("Kurz: worum geht es?").fill("Kündigung der Wohnung erhalten")
    form.get_by_label("Zu wem?").select_option(label="Sabine Müller")
    screenshot(desk, "reception-walk-in-form")
    form.get_by_role("button", name="Anmelden und Nummer vergeben").click()
    ticket = desk.locator(".rc-just-ticket")
    expect(ticket).to_have_text(re.compile(r"A-\d{3}"))
    number = ticket.inner_text()
    expect(desk.locator("#queue-board")).to_contain_text("Petrenko, Iryna")
    screenshot(desk, "reception-checked-in")

    # The case manager's badge counts one more without a reload.
    expect(badge).to_contain_text(f"{before + 1} warten auf Sie", timeout=POLL_WAIT)
    badge.click()
    expect(manager.get_by_role("heading", name="Wer wartet auf mich")).to_be_visible()
    row = manager.locator("#mine-list tr", has_text=number)
    expect(row).to_contain_text("Kündigung der Wohnung erhalten")
    manager.get_by_label("Raum").fill("2.14")
    row.get_by_role("button", name=re.compile("Aufrufen")).click()
    expect(manager.locator(".rc-card", has_text=number)).to_contain_text("Raum 2.14")
    screenshot(manager, "reception-case-manager-called")

    # The screen shows the number and the room, never the name, without a reload.
    latest = screen.locator(".rc-screen-latest")
    expect(latest).to_contain_text(number, timeout=POLL_WAIT)
    expect(latest).to_contain_text("Raum 2.14")
    assert "Petrenko" not in screen.content()
    screenshot(screen, "reception-waiting-room-screen")
    assert axe_violations(screen) == []

    # The desk's board follows the call by itself too.
    expect(desk.locator("#queue-board tr", has_text=number)).to_contain_text("aufgerufen", timeout=POLL_WAIT)
    assert axe_violations(desk) == []


def test_screen_without_key_shows_nothing(page):
    response = page.goto("/wartezimmer/kein-schluessel")
    assert response.status == 404


def test_statistics_with_presets_chart_and_downloads(new_page, login, axe_violations):
    lead = new_page()
    login(lead, "leitung")
    lead.goto("/empfang/statistik")
    lead.get_by_role("link", name="Dieses Quartal").click()
    expect(lead.get_by_role("link", name="Dieses Quartal")).to_have_attribute("aria-current", "true")
    expect(lead.get_by_role("img", name=re.compile("Balkendiagramm: Besuche pro Tag"))).to_be_visible()
    expect(lead.get_by_role("link", name="Als Excel-Datei herunterladen").first).to_be_visible()
    assert axe_violations(lead) == []

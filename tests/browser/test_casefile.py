"""The case file at a glance in a real browser at 1366×768: the first screen without scrolling,
sections on demand with a working back button, the header's due list refreshed after a save, an
involved person added by keyboard, the printable case summary; axe and the console on each page."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from kimweb.timeutil import local_today
from tests.browser.steps import open_file

SHOTS = "/tmp/casefile-{}.png"


def _watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def _open_file(page, family: str):
    open_file(page, family)
    expect(page.get_by_role("heading", level=1)).to_contain_text(family)


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 60) <= size["height"]


def test_first_screen_sections_back_button_and_header_refresh(new_page, login, axe_violations):
    page = new_page(1366, 768)
    problems = _watch_console(page)
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    file_url = page.url
    # Who, what is due, life areas, who is involved, latest contacts: all on the first screen.
    for region in ("h-alerts", "h-areas", "h-involved", "h-contacts"):
        heading = page.locator(f"#{region}")
        expect(heading).to_be_visible()
        assert _in_viewport(page, heading), region
    assert _in_viewport(page, page.locator(".cf-tabs"))
    assert page.evaluate("document.scrollingElement.scrollTop") == 0
    assert axe_violations(page) == []
    page.screenshot(path=SHOTS.format("first-screen"))
    # The loading bar: hidden for quick requests, shown once one takes longer than 300 ms.
    bar = page.locator("#loading")
    visibility = "getComputedStyle(document.getElementById('loading')).visibility"
    page.evaluate("document.getElementById('loading').classList.add('htmx-request')")
    assert page.evaluate(visibility) == "hidden"
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("role", "status")
    page.evaluate("document.getElementById('loading').classList.remove('htmx-request')")
    expect(bar).to_be_hidden()

    # A section loads in place, gets a URL of its own, and the back button returns to the first screen.
    page.locator(".cf-tabs").get_by_role("link", name="Aufenthalt").click()
    expect(page.locator("#section-status")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/abschnitt/status$"))
    expect(page.locator("#h-status")).to_be_focused()
    expect(page.locator(".cf-tabs a[aria-current=page]")).to_have_text("Aufenthalt")
    page.go_back()
    page.wait_for_url(file_url)
    expect(page.locator("#h-areas")).to_be_visible()
    page.go_forward()
    page.wait_for_url(re.compile(r"/abschnitt/status$"))
    expect(page.locator("#section-status")).to_be_visible()

    # Saving a residence status that expires in six weeks: the header says so without a reload.
    page.locator("#section-status").get_by_role("link", name="Neuen Status eintragen").click()
    expect(page.locator("#section-status form")).to_be_visible()
    page.get_by_label("Art des Aufenthalts").select_option("aufenthaltserlaubnis")
    until = local_today() + timedelta(weeks=6)
    page.get_by_label("Gültig ab", exact=True).fill(local_today().strftime("%d.%m.%Y"))
    page.get_by_label("Gültig bis", exact=True).fill(until.strftime("%d.%m.%Y"))
    page.locator("#section-status").get_by_role("button", name="Speichern").click()
    expect(page.locator("#section-status form[action$='/neu']")).to_have_count(0)
    expect(page.locator("#cf-due")).to_contain_text(until.strftime("%d.%m.%Y"))
    assert axe_violations(page) == []
    page.screenshot(path=SHOTS.format("status-saved"))

    # The "who opened" list: one entry for this visit, keyboard-scrollable.
    page.locator(".cf-tabs").get_by_role("link", name="Wer hat geöffnet").click()
    listing = page.get_by_role("region", name=re.compile("Protokoll"))
    expect(listing).to_be_visible()
    expect(listing.locator("li.cf-opening-current")).to_have_count(1)
    assert axe_violations(page) == []
    assert not [p for p in problems if "Content Security Policy" in p or "favicon" in p], problems


def test_add_an_involved_person_by_keyboard(new_page, login, axe_violations):
    page = new_page(1366, 768)
    problems = _watch_console(page)
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    page.locator(".cf-tabs").get_by_role("link", name="Beteiligte").click()
    add = page.locator("#section-network").get_by_role("link", name="Person hinzufügen")
    add.focus()
    page.keyboard.press("Enter")
    kind = page.get_by_label("Wer")
    expect(kind).to_be_focused()
    kind.select_option("guardian")
    page.keyboard.press("Tab")
    page.keyboard.type("Bettina Betreuerin")
    page.keyboard.press("Tab")
    page.keyboard.type("Betreuung für Behörden")
    page.keyboard.press("Tab")
    page.keyboard.type("0208 123456")
    page.get_by_label("E-Mail").fill("kein-mail")
    page.get_by_label("E-Mail").press("Enter")
    expect(page.locator("#section-network")).to_contain_text("gültige E-Mail-Adresse")
    expect(page.get_by_label("E-Mail")).to_be_focused()
    page.get_by_label("E-Mail").fill("b.betreuerin@example.org")
    page.get_by_label("E-Mail").press("Enter")
    expect(page.get_by_role("table", name="Beteiligte Personen")).to_contain_text("Bettina Betreuerin")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Auf einen Blick").click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))
    expect(page.locator(".cf-involved")).to_contain_text("Bettina Betreuerin")
    page.screenshot(path=SHOTS.format("involved"))
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_case_summary_prints_on_a4(new_page, login, axe_violations):
    page = new_page(1366, 768)
    problems = _watch_console(page)
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    page.get_by_role("link", name="Fallübersicht (Druck)").click()
    page.wait_for_url(re.compile(r"/uebersicht$"))
    expect(page.get_by_role("heading", name="Hilfeplan")).to_be_visible()
    assert axe_violations(page) == []
    page.evaluate("window.print = () => { document.body.dataset.printed = '1'; }")
    page.get_by_role("button", name="Drucken").click()
    expect(page.locator("body")).to_have_attribute("data-printed", "1")
    page.screenshot(path=SHOTS.format("summary"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=SHOTS.format("summary-print"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert not [p for p in problems if "Content Security Policy" in p], problems

"""Forms in a real browser: the chooser for long code lists used by keyboard only (type to filter,
space to tick, submit, values saved), a month-and-year birth date shown as such, the warning for a
letter deadline on a weekend, the team note search with marked hits; axe on each page."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.steps import open_file, open_section

SHOTS = Path("/tmp")


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"forms13-{name}.png"), full_page=True)


def test_the_chooser_works_by_keyboard_alone(page, login, axe_violations):
    login(page, "mueller")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Neue Person").click()
    expect(page.get_by_role("heading", name="Neue Person aufnehmen")).to_be_visible()
    keyboard = page.keyboard
    page.get_by_label("Familienname", exact=True).first.focus()
    keyboard.type("Tastaturova")
    keyboard.press("Tab")
    keyboard.type("Irina")
    page.get_by_label("Geburtsdatum", exact=True).first.focus()
    keyboard.type("3/1985")

    nationalities = page.get_by_role("group", name="Staatsangehörigkeit(en)")
    expect(nationalities.get_by_label("Liste filtern")).to_be_visible()  # shown by kimweb.js
    nationalities.get_by_label("Liste filtern").focus()
    keyboard.type("turk")  # without the umlaut: finds "Türkei"
    expect(nationalities.locator("li:visible")).to_have_count(1)
    expect(nationalities.get_by_role("checkbox", name="Türkei")).to_be_visible()
    keyboard.press("Tab")
    expect(nationalities.get_by_role("checkbox", name="Türkei")).to_be_focused()
    keyboard.press("Space")
    expect(nationalities.locator("output")).to_have_text("1 ausgewählt")
    # Another search keeps the ticked entry visible; Enter in the box jumps to the first entry.
    nationalities.get_by_label("Liste filtern").focus()
    keyboard.press("Control+a")
    keyboard.type("syr")
    keyboard.press("Enter")
    expect(nationalities.get_by_role("checkbox", name="Syrien")).to_be_focused()
    keyboard.press("Space")
    expect(nationalities.locator("output")).to_have_text("2 ausgewählt")
    expect(nationalities.get_by_role("checkbox", name="Türkei")).to_be_checked()
    expect(page.get_by_role("heading", name="Neue Person aufnehmen")).to_be_visible()  # Enter sent nothing

    languages = page.get_by_role("group", name="Sprachen")
    languages.get_by_label("Liste filtern").focus()
    keyboard.type("arab")
    keyboard.press("Tab")
    expect(languages.get_by_role("checkbox", name="Arabisch", exact=True)).to_be_focused()
    keyboard.press("Space")
    expect(languages.locator("output")).to_have_text("1 ausgewählt")
    _shot(page, "intake-chooser")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Akte anlegen").focus()
    keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/klienten/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tastaturova, Irina")
    open_section(page, "Stammdaten", "personal")
    personal = page.locator("#section-personal")
    expect(personal).to_contain_text("Türkei, Syrien")
    expect(personal).to_contain_text("Arabisch")
    expect(personal).to_contain_text("03.1985")
    expect(personal).not_to_contain_text("01.03.1985")
    _shot(page, "file-month-birth")
    assert axe_violations(page) == []


def test_a_letter_deadline_on_a_saturday_is_warned_about(page, login, axe_violations):
    login(page, "mueller")
    open_file(page, "Kovalenko")
    open_section(page, "Notizen", "notes")
    page.locator("#section-notes").get_by_role("link", name=re.compile("Neue Notiz|Entwurf weiterschreiben")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neue Notiz")
    page.get_by_label("Art des Kontakts").select_option("letter_in")
    agencies = page.get_by_role("group", name="Beteiligte Stellen (Wegweiser)")
    agencies.get_by_label("Liste filtern").fill("Jobcenter")
    expect(agencies.locator("li:visible").first).to_contain_text("Jobcenter")
    agencies.locator("li:visible input").first.check()
    expect(agencies.locator("output")).to_have_text("1 ausgewählt")
    page.get_by_label("Behörde oder Stelle").select_option(index=1)
    page.get_by_label("Betreff").fill("Anhörung")
    page.get_by_label("Datum des Schreibens (versandt oder erhalten)").fill("01.12.2026")
    page.get_by_label("Notiz", exact=True).fill("Schreiben mit Frist zur Stellungnahme.")
    deadline = page.get_by_label("Antwort- oder Widerspruchsfrist")
    deadline.fill("12.12.2026")
    deadline.press("Tab")
    warning = page.locator("#deadline-warning")
    expect(warning).to_contain_text("kein Werktag (Samstag)")
    expect(warning).to_contain_text("Montag, 14.12.2026")
    page.get_by_label("Ich habe die Frist am Schreiben geprüft und bestätige sie").check()
    _shot(page, "letter-weekend-warning")
    assert axe_violations(page) == []
    # The warning was seen: saving keeps the Saturday.
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url(re.compile(r"/abschnitt/notes#note-\d+$"))
    expect(page.locator("#section-notes article").first).to_contain_text("12.12.2026")


def test_team_search_from_the_navigation_with_marked_hits(page, login, axe_violations):
    login(page, "leitung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Notizsuche").click()
    page.wait_for_url(re.compile(r"/notizen/teamsuche$"))
    page.get_by_label("Suchbegriffe").fill("Termine")
    page.get_by_label("Suchbegriffe").press("Enter")
    results = page.locator("#team-results")
    expect(results.locator("mark").first).to_be_visible()
    expect(results).to_contain_text("Treffer im Text")
    assert "teamsuche?" not in page.url  # the words stay out of the address
    _shot(page, "team-search")
    assert axe_violations(page) == []

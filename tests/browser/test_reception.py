"""The desk in a real browser: reception checks a walk-in in; in a second context the case
manager's badge shows it without a reload; calling the ticket puts it on the waiting-room screen
(a third context, no login); axe scans of the desk, the screen and the statistics."""

import re

import pytest
from playwright.sync_api import expect

from kimweb.reception.demo import DEMO_SCREEN_KEY

POLL_WAIT = 20_000  # ms: the badge polls every 10 s, the screen every 4 s


@pytest.fixture(scope="module", autouse=True)
def _demo_banner(live_server):
    """Served as `make run` serves it: with the demo banner, which the axe scans check too."""
    live_server.app.config["DEMO"] = True


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


def _desk(new_page, login):
    """Reception logs in and lands on the desk, the search field focused."""
    desk = new_page(1366, 900)
    login(desk, "empfang")
    desk.wait_for_url(re.compile(r"/empfang/anmeldung$"))
    expect(desk.get_by_label("Name der Person")).to_be_focused()
    expect(desk.get_by_role("complementary", name="Demo-Hinweis")).to_contain_text("Demo-Betrieb")
    return desk


def _board_row(desk, ticket):
    return desk.locator("#queue-board > table > tbody > tr", has_text=ticket)


def test_known_client_with_interpreter_need_then_left_and_undo(new_page, login, axe_violations, screenshot):
    desk = _desk(new_page, login)
    desk.get_by_label("Name der Person").fill("Selam Tesfaye")
    person = desk.locator("#desk-results .rc-person", has_text="Tesfaye, Selam")
    person.get_by_role("button", name=re.compile("^Einchecken")).click()
    just = desk.locator(".rc-just")
    expect(just).to_contain_text("Tigrinya")
    expect(just).to_contain_text("nötig – noch zu organisieren")
    expect(just).to_contain_text("zu Deniz Yılmaz")
    ticket = desk.locator(".rc-just-ticket").inner_text()
    row = _board_row(desk, ticket)
    expect(row).to_contain_text("nötig – noch zu organisieren")
    screenshot(desk, "reception13-known-client-checked-in")
    assert axe_violations(desk) == []

    # "Gegangen": the flash says what happened, the undo is one click away, the visit stays
    # visible among today's finished ones.
    row.get_by_role("button", name=re.compile("^Gegangen")).click()
    expect(desk.locator("#flash")).to_contain_text(f"Nummer {ticket} ist als „gegangen, ohne Gespräch“ ausgetragen.")
    undo = desk.get_by_role("button", name=re.compile("Rückgängig: wieder einreihen"))
    expect(undo).to_be_visible()
    expect(_board_row(desk, ticket)).to_have_count(0)
    closed = desk.locator("#queue-board details.rc-closed")
    closed.locator("summary").click()
    expect(closed.locator("tr", has_text=ticket)).to_contain_text("gegangen, ohne Gespräch")
    screenshot(desk, "reception13-left-with-undo")
    assert axe_violations(desk) == []
    undo.click()
    expect(desk.locator("#flash")).to_contain_text(f"Nummer {ticket} wartet wieder.")
    expect(_board_row(desk, ticket)).to_contain_text("wartet")
    expect(desk.get_by_role("button", name=re.compile("Rückgängig"))).to_have_count(0)


def test_crisis_comes_first_in_the_queue(new_page, login, axe_violations, screenshot):
    desk = _desk(new_page, login)
    desk.get_by_label("Name der Person").fill("Amira Nasser")
    form = desk.locator(".rc-walkin-form")
    expect(form.get_by_label("Familienname")).to_have_value("Nasser")
    form.get_by_label("Dringlichkeit").select_option(label="Krise – sofort")
    form.get_by_label("Kurz: worum geht es?").fill("Ist heute aus der Wohnung ausgesperrt")
    form.get_by_role("button", name="Anmelden und Nummer vergeben").click()
    ticket = desk.locator(".rc-just-ticket")
    expect(ticket).to_have_text(re.compile(r"A-\d{3}"))
    number = ticket.inner_text()
    first = desk.locator("#queue-board > table > tbody > tr").first
    expect(first).to_contain_text(number)
    expect(first).to_contain_text("Krise – sofort")
    # The urgent demo walk-in comes next, before those who came earlier.
    expect(desk.locator("#queue-board > table > tbody > tr").nth(1)).to_contain_text("dringend")
    screenshot(desk, "reception13-desk-queue-priority")
    assert axe_violations(desk) == []

    lead = new_page()
    login(lead, "leitung")
    lead.goto("/empfang/statistik")
    expect(lead.locator(".rc-figures")).to_contain_text("Krise")
    assert axe_violations(lead) == []


def test_a_walk_in_found_later_is_linked_to_the_file(new_page, login, axe_violations, screenshot):
    desk = _desk(new_page, login)
    search = desk.get_by_label("Name der Person")
    # In the morning rush the desk noted Mr Ahmadi without looking him up properly.
    search.fill("Farid Ahmadi")
    expect(desk.locator("#desk-results .rc-person", has_text="Ahmadi, Farid")).to_be_visible()
    desk.get_by_role("button", name="Keine dieser Personen – ohne Akte anmelden").click()
    form = desk.locator(".rc-walkin-form")
    expect(form.get_by_label("Familienname")).to_have_value("Ahmadi")
    form.get_by_role("button", name="Anmelden und Nummer vergeben").click()
    number = desk.locator(".rc-just-ticket").inner_text()
    expect(_board_row(desk, number)).to_contain_text("ohne Akte")

    # Found by name later: offered as already waiting, and linked to his file in one click.
    desk.get_by_label("Name der Person").fill("Farid Ahmadi")
    expect(desk.locator(".rc-waiting-already")).to_contain_text(number)
    screenshot(desk, "reception13-already-waiting")
    assert axe_violations(desk) == []
    desk.get_by_role("button", name=re.compile(f"Nummer {number} gehört zu dieser Akte")).click()
    expect(desk.locator("#flash")).to_contain_text(f"Nummer {number} gehört jetzt zur Akte und wartet zu Deniz Yılmaz.")
    row = _board_row(desk, number)
    expect(row).not_to_contain_text("ohne Akte")
    expect(row).to_contain_text("Deniz Yılmaz")
    # The file says Dari with an interpreter: the visit now says so too.
    expect(row).to_contain_text("nötig – noch zu organisieren")
    assert axe_violations(desk) == []


def test_surname_only_asks_for_the_given_name(new_page, login):
    desk = _desk(new_page, login)
    desk.get_by_label("Name der Person").fill("Okafor")
    expect(desk.locator(".rc-ask-given")).to_contain_text("Bitte auch den Vornamen eingeben")
    expect(desk.locator(".rc-walkin-form")).to_have_count(0)
    desk.get_by_label("Name der Person").fill("Chidi Okafor")
    expect(desk.locator(".rc-walkin-form")).to_be_visible()


def test_called_card_links_to_the_file(new_page, login, axe_violations, screenshot):
    manager = new_page(1366, 900)
    login(manager, "mueller")
    manager.goto("/empfang/fuer-mich")
    row = manager.locator("#mine-list tr", has_text="Popescu, Ion")
    manager.get_by_label("Raum").fill("1.05")
    row.get_by_role("button", name=re.compile("Aufrufen")).click()
    card = manager.locator(".rc-card", has_text="Popescu, Ion")
    expect(card).to_contain_text("Raum 1.05")
    screenshot(manager, "reception13-case-manager-card")
    assert axe_violations(manager) == []
    card.get_by_role("link", name=re.compile("Popescu, Ion")).click()
    manager.wait_for_url(re.compile(r"/klienten/\d+$"))
    expect(manager.get_by_role("heading", level=1)).to_contain_text("Popescu")

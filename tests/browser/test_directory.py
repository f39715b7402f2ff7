"""The directory in a real browser: search as you type, language filter, service page, handout print
view, and axe scans of the search and service pages."""

import re

from playwright.sync_api import expect


def result_titles(page) -> list[str]:
    return page.locator(".dir-result-title a").all_inner_texts()


def test_search_as_you_type_filter_open_and_print(page, login, axe_violations, screenshot):
    login(page, "mueller")
    page.get_by_role("link", name="Wegweiser", exact=True).click()
    page.wait_for_url(re.compile(r"/wegweiser/"))
    assert axe_violations(page) == []

    before = page.locator("#result-count").inner_text()
    page.get_by_label("Suchbegriff").press_sequentially("Sprachk", delay=40)
    expect(page.locator("#result-count")).not_to_have_text(before)
    expect(page).to_have_url(re.compile(r"q=Sprachk"))
    titles = result_titles(page)
    assert titles and "sprachkurs" in titles[0].lower(), titles

    page.get_by_label("Suchbegriff").fill("")
    page.get_by_label("Suchbegriff").press_sequentially("Beratung", delay=30)
    expect(page).to_have_url(re.compile(r"q=Beratung"))
    unfiltered = page.locator("#result-count").inner_text()
    page.get_by_label("Sprache", exact=True).select_option("ar")
    expect(page).to_have_url(re.compile(r"sprache=ar"))
    expect(page.locator("#result-count")).not_to_have_text(unfiltered)
    for languages in page.locator(".dir-result .dir-meta").all_inner_texts():
        assert "Arabisch" in languages  # names, not codes (issue 14)
    screenshot(page, "directory-search")

    first = page.locator(".dir-result-title a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.get_by_role("heading", name="So vermitteln Sie")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "directory-service")

    page.get_by_role("link", name="Handzettel für Klient:in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".dir-handout h1")).to_be_visible()
    screenshot(page, "directory-handout-print")


def test_schuldnerberatung_finds_the_service_and_its_handout_shows_a_phone(page, login, axe_violations):
    login(page, "mueller")
    page.goto("/wegweiser/")
    page.get_by_label("Suchbegriff").press_sequentially("Schuldnerberatung", delay=30)
    expect(page).to_have_url(re.compile(r"q=Schuldnerberatung"))
    expect(page.locator(".dir-result-title a").first).to_have_text("Schuldner- und Insolvenzberatung")
    page.locator(".dir-result-title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schuldner- und Insolvenzberatung")
    page.get_by_role("link", name="Handzettel für Klient:in").click()
    expect(page.locator(".dir-handout a[href^='tel:']").first).to_be_visible()
    expect(page.get_by_role("button", name="Drucken")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Englisch").click()
    expect(page.locator(".dir-handout")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Opening hours")).to_be_visible()


def test_plain_form_works_without_javascript(browser, live_server, login):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="de-DE", timezone_id="Europe/Berlin"
    )
    page = context.new_page()
    try:
        login(page, "empfang")
        page.goto("/wegweiser/")
        page.get_by_label("Suchbegriff").fill("ABH")
        page.get_by_role("button", name="Suchen").click()
        expect(page).to_have_url(re.compile(r"q=ABH"))
        assert any("Aufenthalt" in t for t in result_titles(page))
    finally:
        context.close()


def test_shelter_address_hidden_on_handout(page, login):
    login(page, "empfang")
    page.goto("/wegweiser/?q=Frauenhaus")
    page.locator(".dir-result-title a").first.click()
    expect(page.get_by_text("Geschützter Ort 1")).to_be_visible()
    page.get_by_role("link", name="Handzettel für Klient:in").click()
    expect(page.get_by_text("Die Adresse erhalten Sie telefonisch.")).to_be_visible()
    assert "Geschützter Ort" not in page.content()

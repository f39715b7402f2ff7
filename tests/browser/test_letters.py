"""Letters in a real browser: from the case file, pick a template and the agency, edit the filled
text, save; the letter is in the correspondence register (the file's timeline) and its PDF
downloads; the forms page; axe scans on every page."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from kimweb.timeutil import local_today
from tests.browser.steps import open_file, open_section


def test_write_edit_save_and_find_it_in_the_register(page, login, axe_violations, screenshot):
    login(page, "mueller")
    open_file(page, "Al-Hassan")
    open_section(page, "Briefe und Formulare", "letters")
    section = page.locator("#section-letters")
    expect(section.get_by_role("heading", name="Briefe und Formulare")).to_be_visible()
    section.get_by_role("link", name="Brief schreiben").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brief schreiben")
    assert axe_violations(page) == []

    page.get_by_label("Vorlage", exact=True).select_option(label="Bitte um Terminvergabe")
    page.get_by_label("An (Stelle aus dem Wegweiser)").select_option(label="Stadt Oberhausen (Demo) – Ausländerbehörde")
    wish = (local_today() + timedelta(days=21)).strftime("%d.%m.%Y")
    page.get_by_label("Frist oder Wunschdatum").fill(wish)
    page.get_by_role("button", name="Brief ausfüllen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brief bearbeiten: Bitte um Terminvergabe")
    body = page.get_by_label("Text des Briefs")
    expect(body).to_contain_text(f"möglichst bis zum {wish}")
    expect(page.get_by_label("Anschrift (Fensterumschlag, höchstens 6 Zeilen)")).to_contain_text("Ausländerbehörde")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/letters-edit.png", full_page=True)
    screenshot(page, "letters-edit")

    text = body.input_value().replace(
        "Mit freundlichen Grüßen", "Herr Al-Hassan ist vormittags gut erreichbar.\n\nMit freundlichen Grüßen"
    )
    body.fill(text)
    page.get_by_label("Betreff").fill("Bitte um einen Termin zur Vorsprache – Mohammed Al-Hassan")
    page.get_by_role("button", name="Brief speichern").click()
    page.wait_for_url(re.compile(r"/briefe/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brief an")
    expect(page.locator("main")).to_contain_text("vormittags gut erreichbar")
    expect(page.locator("#flash")).to_contain_text("im Schriftverkehr eingetragen")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/letters-detail.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    target = "/tmp/letters-browser.pdf"
    download.save_as(target)
    with open(target, "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.get_by_role("link", name=re.compile("Al-Hassan")).first.click()
    page.wait_for_url(re.compile(r"/klienten/\d+(#.*)?$"))
    # The correspondence register: the letter note with its deadline on the file's timeline.
    open_section(page, "Notizen", "notes")
    register = page.locator("#section-notes article", has_text="Bitte um einen Termin zur Vorsprache")
    expect(register).to_contain_text("Brief versandt")
    open_section(page, "Briefe und Formulare", "letters")
    expect(page.locator("#section-letters")).to_contain_text("Bitte um einen Termin zur Vorsprache")
    page.locator("#section-letters").screenshot(path="/tmp/letters-file-section.png")
    assert axe_violations(page) == []

    page.locator("#section-letters").get_by_role("link", name="Formulare zum Unterschreiben").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formulare zum Unterschreiben")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Formular drucken").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Einwilligung in die Weitergabe")
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    page.screenshot(path="/tmp/letters-consent.png", full_page=True)


def test_admin_adds_arabic_privacy_text_printed_beside_german(new_page, login, axe_violations, screenshot):
    admin = new_page()
    login(admin, "admin")
    admin.goto("/briefvorlagen/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Briefvorlagen und Texte")
    assert axe_violations(admin) == []
    admin.get_by_role("link", name="Sprache hinzufügen").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Datenschutzinformation in einer neuen Sprache")
    admin.get_by_label(re.compile("Sprache \\(Code")).fill("ar")
    admin.get_by_label("Überschrift").fill("معلومات حول حماية البيانات")
    admin.get_by_label("Text").fill("نحن نساعدك في أمور الإقامة والعمل.\n\nيمكنك سحب موافقتك في أي وقت.")
    admin.get_by_role("button", name="Speichern").click()
    admin.wait_for_url(re.compile(r"/briefvorlagen/$"))
    expect(admin.locator("main")).to_contain_text("معلومات حول حماية البيانات")

    page = new_page()
    login(page, "mueller")
    open_file(page, "Al-Hassan")
    open_section(page, "Briefe und Formulare", "letters")
    page.locator("#section-letters").get_by_role("link", name="Formulare zum Unterschreiben").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formulare zum Unterschreiben")
    page.get_by_label("Neben Deutsch in der Sprache der Person").select_option("ar")
    page.get_by_role("button", name="Datenschutzinformation drucken").click()
    page.wait_for_url(re.compile(r"/formulare/datenschutz"))
    arabic = page.locator('section[lang="ar"][dir="rtl"]')
    german = page.locator('section[lang="de"][dir="ltr"]')
    expect(arabic).to_contain_text("يمكنك سحب موافقتك")
    # Side by side: German on the left, the Arabic column to its right, its text right-aligned.
    assert german.bounding_box()["x"] < arabic.bounding_box()["x"]
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    page.screenshot(path="/tmp/letters-privacy.png", full_page=True)
    screenshot(page, "letters-privacy")

"""Documents in a real browser: attach a scanned letter to a letter note through the file input,
see the preview and the text once read, find it in the case file; axe scans."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from kimweb import create_app
from kimweb.clients.models import Client
from kimweb.directory.models import Organization
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteLetter, snapshot
from kimweb.timeutil import utcnow
from tests.browser.conftest import LiveServer
from tests.documents import files


@pytest.fixture(scope="module")
def live_server(_chromium_ready, db_template, tmp_path_factory):
    """The demo app, with the document store in the test's folder and a letter note to attach to."""
    from tests.conftest import base_config

    tmp = tmp_path_factory.mktemp("live-documents")
    app = create_app(base_config(db_template.fresh(tmp)) | {"DOCUMENTS_PATH": str(tmp / "documents")})
    with app.app_context():
        from kimweb.auth.models import User
        from kimweb.demo import seed_all

        seed_all()
        person = db.session.scalar(select(Client).where(Client.family_name == "Kovalenko"))
        author = db.session.scalar(select(User).where(User.username == "mueller"))
        note = ContactNote(
            client_id=person.id, author_id=author.id, occurred_at=utcnow(), kind="letter_in", text="Post"
        )
        note.letter = NoteLetter(
            client_id=person.id,
            organization=Organization(name="Jobcenter Oberhausen"),
            subject="Bewilligungsbescheid",
            letter_date=date(2026, 11, 5),
        )
        db.session.add(note)
        snapshot(note, "created", author.id)
        db.session.commit()
        db.session.remove()
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


def test_attach_a_scan_to_a_letter_note_and_see_it(page, login, axe_violations, screenshot, tmp_path):
    scan = tmp_path / "Bescheid Jobcenter.png"
    scan.write_bytes(files.png())
    login(page, "mueller")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Fälle").click()
    page.wait_for_url(re.compile(r"/klienten/?$"))
    page.get_by_role("link", name=re.compile("Kovalenko")).first.click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))
    page.locator(".cf-tabs").get_by_role("link", name="Notizen", exact=True).click()
    page.wait_for_url(re.compile(r"/abschnitt/notes$"))
    letter = page.locator("#section-notes article", has_text="Bewilligungsbescheid")
    letter.get_by_role("link", name=re.compile("Dokument anhängen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumente hochladen")
    expect(page.locator("main")).to_contain_text("gehört zur Notiz")
    assert axe_violations(page) == []
    page.get_by_label("Dateien").set_input_files(str(scan))
    page.get_by_label("Art des Dokuments").select_option(label="Bescheid")
    page.get_by_label("Titel", exact=True).fill("Bescheid November")
    page.get_by_role("button", name="Hochladen").click()
    page.wait_for_url(re.compile(r"/dokumente/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bescheid November")
    preview = page.get_by_role("img", name="Vorschau: Bescheid November")
    expect(preview).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", preview.element_handle()) > 0
    # The text arrives without reloading (htmx polls "Text wird gelesen …"), or says OCR is off.
    expect(page.locator("#doc-text")).not_to_contain_text("Text wird gelesen", timeout=60_000)
    # Once read, the page reloads itself with what the letter's text proposes for the note.
    expect(page.locator("main")).to_contain_text(
        re.compile(r"Datum des Schreibens: 03\.11\.2026|Texterkennung \(OCR\) ist aus"), timeout=30_000
    )
    screenshot(page, "documents-detail")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Zurück zur Akte")).click()
    documents = page.locator("#section-documents")
    expect(documents).to_contain_text("Bescheid November")
    expect(documents.locator("img").first).to_be_visible()
    assert axe_violations(page) == []


def test_the_upload_form_without_javascript(browser, live_server, login, tmp_path):
    """A plain multipart form: works with JavaScript off."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        login(page, "mueller")
        page.goto("/klienten/")
        page.get_by_role("link", name=re.compile("Kovalenko")).first.click()
        page.get_by_role("link", name="Dokumente", exact=True).click()  # a plain link without JavaScript
        page.get_by_role("link", name="Dokumente hochladen").click()
        pdf = tmp_path / "antrag.pdf"
        pdf.write_bytes(files.text_pdf(["Antrag auf Wohngeld"]))
        page.get_by_label("Dateien").set_input_files(str(pdf))
        page.get_by_label("Art des Dokuments").select_option(label="Antrag")
        page.get_by_role("button", name="Hochladen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("antrag")
        expect(page.locator("iframe.doc-pdf")).to_have_count(1)
    finally:
        context.close()

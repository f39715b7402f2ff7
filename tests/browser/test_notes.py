"""Contact notes in a real browser: write a note with a follow-up and see it on the timeline and
the start page; reload while typing and find the draft; scroll to load more; axe scans."""

import re
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, snapshot
from kimweb.timeutil import local_today, utcnow


def _open_file(page, family: str):
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Fälle").click()
    page.get_by_role("link", name=re.compile(family)).first.click()
    page.wait_for_url(re.compile(r"/klienten/\d+$"))


def test_write_a_note_with_a_follow_up_and_a_restored_draft(page, login, axe_violations, screenshot):
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    notes = page.locator("#section-notes")
    expect(notes).to_contain_text("Brief")  # the filter choices at least
    assert axe_violations(page) == []
    notes.get_by_role("link", name="Neue Notiz").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neue Notiz")
    page.get_by_label("Art des Kontakts").select_option("phone")
    page.get_by_label("Notiz", exact=True).fill("Telefonat mit der VHS:\nKursbeginn am Montag, siehe https://www.vhs.example/kurs")
    # The autosave answers while typing; a reload brings the draft back.
    expect(page.locator("#draft-status")).to_contain_text("Entwurf gespeichert um")
    page.reload()
    expect(page.get_by_text("wurde wiederhergestellt")).to_be_visible()
    expect(page.get_by_label("Notiz", exact=True)).to_have_value(re.compile("Kursbeginn am Montag"))
    assert axe_violations(page) == []
    due = (local_today() + timedelta(days=3)).strftime("%d.%m.%Y")
    page.get_by_label("Wiedervorlage: was").fill("VHS-Zusage prüfen")
    page.get_by_label("Wiedervorlage: fällig am").fill(due)
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url(re.compile(r"/klienten/\d+#note-\d+$"))
    entry = page.locator("#section-notes article").first
    expect(entry).to_contain_text("Telefonat")
    expect(entry).to_contain_text("Kursbeginn am Montag")
    expect(entry.get_by_role("link", name="https://www.vhs.example/kurs")).to_be_visible()
    expect(page.locator("#section-followups")).to_contain_text("VHS-Zusage prüfen")
    expect(page.locator("#section-notes")).not_to_contain_text("Entwurf weiterschreiben")
    screenshot(page, "notes-timeline")
    assert axe_violations(page) == []


def test_scrolling_loads_more_and_filters_swap_the_list(page, live_server, login, axe_violations):
    with live_server.app.app_context():
        person = db.session.scalar(select(Client).where(Client.family_name == "Popescu"))
        for i in range(40):
            note = ContactNote(client_id=person.id, author_id=person.case_manager_id, kind="other",
                               occurred_at=utcnow() - timedelta(days=30 + i), text=f"Ältere Notiz Nr. {i}")
            db.session.add(note)
            snapshot(note, "created", person.case_manager_id)
        db.session.commit()
        person_id = person.id
        db.session.remove()
    login(page, "mueller")
    page.goto(f"/klienten/{person_id}")
    articles = page.locator("#section-notes article")
    expect(articles).to_have_count(25)
    page.locator(".note-more").scroll_into_view_if_needed()
    expect(articles).to_have_count(41)  # 40 + the demo note, all loaded via "revealed"
    expect(page.locator(".note-more")).to_have_count(0)
    assert page.url.endswith(f"/klienten/{person_id}")  # no page jump, no history entry
    page.get_by_label("Art").select_option("accompaniment")
    expect(articles).to_have_count(1)
    assert axe_violations(page) == []


def test_letter_suggestion_and_conference_consent_warning_while_typing(page, login, axe_violations, screenshot):
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    page.locator("#section-notes").get_by_role("link", name=re.compile("Neue Notiz|Entwurf weiterschreiben")).click()
    page.get_by_label("Art des Kontakts").select_option("letter_in")
    page.get_by_label("Art des Bescheids (für den Fristvorschlag)").select_option("jobcenter")
    page.get_by_label("Zugestellt am").fill("03.03.2026")
    page.get_by_label("Zugestellt am").blur()
    expect(page.locator("#letter-suggestion")).to_contain_text("Vorschlag: 07.04.2026")
    expect(page.locator("#letter-suggestion")).to_contain_text("Ostermontag")
    # A case conference with an agency the client gave no consent for: warned before saving.
    page.get_by_label("Art des Kontakts").select_option("case_conference")
    agencies = page.get_by_label("Beteiligte Stellen (Wegweiser)")
    first_without = agencies.locator("option").nth(0).get_attribute("value")
    agencies.select_option([first_without])
    expect(page.locator("#consent-check")).to_contain_text("keine gültige Einwilligung")
    expect(page.locator("#draft-status")).to_be_attached()
    screenshot(page, "notes-form-conference")
    assert axe_violations(page) == []

"""Contact notes in a real browser: write a note with a follow-up and see it on the timeline and
the start page; reload while typing a note or an edit and find the draft; change a case
conference's agreements; scroll to load more; axe scans."""

import re
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from kimweb.clients.casework_models import FollowUp
from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteAgreement, NoteConference, snapshot
from kimweb.timeutil import format_date, local_today, utcnow
from tests.browser.steps import open_file, open_section


def _open_file(page, family: str):
    open_file(page, family)
    open_section(page, "Notizen", "notes")


def test_a_note_with_a_follow_up_shows_on_the_timeline_and_the_start_page(page, login, axe_violations, screenshot):
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    notes = page.locator("#section-notes")
    expect(notes).to_contain_text("Brief")  # the filter choices at least
    assert axe_violations(page) == []
    notes.get_by_role("link", name="Neue Notiz").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neue Notiz")
    page.get_by_label("Art des Kontakts").select_option("phone")
    page.get_by_label("Notiz", exact=True).fill(
        "Telefonat mit der VHS:\nKursbeginn am Montag, siehe https://www.vhs.example/kurs"
    )
    today = format_date(local_today())
    page.get_by_label("Wiedervorlage: was").fill("VHS-Zusage prüfen")
    page.get_by_label("Wiedervorlage: fällig am").fill(today)
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url(re.compile(r"/abschnitt/notes#note-\d+$"))
    entry = page.locator("#section-notes article").first
    expect(entry).to_contain_text("Telefonat")
    expect(entry).to_contain_text("Kursbeginn am Montag")
    expect(entry).to_contain_text(f"Wiedervorlage am {today}: VHS-Zusage prüfen")
    expect(entry.get_by_role("link", name="https://www.vhs.example/kurs")).to_be_visible()
    expect(page.locator("#section-notes")).not_to_contain_text("Entwurf weiterschreiben")
    screenshot(page, "notes-timeline")
    assert axe_violations(page) == []
    open_section(page, "Wiedervorlagen", "followups")
    expect(page.locator("#section-followups")).to_contain_text("VHS-Zusage prüfen")
    # Due today: on the case manager's start page, leading back to the file.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Start").click()
    due = page.locator(".due-panel")
    expect(due).to_contain_text("VHS-Zusage prüfen")
    due.locator("li", has_text="VHS-Zusage prüfen").get_by_role("link", name=re.compile("Kovalenko")).click()
    page.wait_for_url(re.compile(r"/abschnitt/followups$"))
    expect(page.locator("#section-followups")).to_contain_text("VHS-Zusage prüfen")


def test_reloading_while_typing_a_note_restores_the_draft(page, login, axe_violations):
    login(page, "mueller")
    _open_file(page, "Kovalenko")
    page.locator("#section-notes").get_by_role("link", name="Neue Notiz").click()
    page.get_by_label("Art des Kontakts").select_option("in_person")
    page.get_by_label("Notiz", exact=True).fill("Gespräch über die Anerkennung:\nZeugnisse liegen übersetzt vor")
    # The autosave answers while typing; a reload brings the draft back.
    expect(page.locator("#draft-status")).to_contain_text("Entwurf gespeichert um")
    page.reload()
    expect(page.get_by_text(re.compile("Ihr Entwurf vom .* wurde wiederhergestellt"))).to_be_visible()
    expect(page.get_by_label("Notiz", exact=True)).to_have_value(re.compile("Zeugnisse liegen übersetzt vor"))
    expect(page.get_by_label("Art des Kontakts")).to_have_value("in_person")
    assert axe_violations(page) == []
    # The file says a draft is waiting; discarding it empties the form again.
    page.get_by_role("link", name=re.compile("Zurück zur Akte")).click()
    expect(page.locator("#section-notes")).to_contain_text("Ungespeicherter Entwurf vom")
    page.locator("#section-notes").get_by_role("link", name="Entwurf weiterschreiben").click()
    page.get_by_role("button", name="Entwurf verwerfen").click()
    expect(page.get_by_text("Der Entwurf wurde verworfen.")).to_be_visible()
    expect(page.get_by_label("Notiz", exact=True)).to_have_value("")


def test_scrolling_loads_more_and_filters_swap_the_list(page, live_server, login, axe_violations):
    with live_server.app.app_context():
        person = db.session.scalar(select(Client).where(Client.family_name == "Popescu"))
        for i in range(40):
            note = ContactNote(
                client_id=person.id,
                author_id=person.case_manager_id,
                kind="other",
                occurred_at=utcnow() - timedelta(days=30 + i),
                text=f"Ältere Notiz Nr. {i}",
            )
            db.session.add(note)
            snapshot(note, "created", person.case_manager_id)
        db.session.commit()
        person_id = person.id
        db.session.remove()
    login(page, "mueller")
    page.goto(f"/klienten/{person_id}/abschnitt/notes")
    articles = page.locator("#section-notes article")
    expect(articles).to_have_count(25)
    page.locator(".note-more").scroll_into_view_if_needed()
    expect(articles).to_have_count(41)  # 40 + the demo note, all loaded via "revealed"
    expect(page.locator(".note-more")).to_have_count(0)
    assert page.url.endswith(f"/klienten/{person_id}/abschnitt/notes")  # no page jump, no history entry
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
    agencies = page.get_by_role("group", name="Beteiligte Stellen (Wegweiser)")
    agencies.get_by_role("checkbox").first.check()
    expect(page.locator("#consent-check")).to_contain_text("keine gültige Einwilligung")
    expect(page.locator("#draft-status")).to_be_attached()
    screenshot(page, "notes-form-conference")
    assert axe_violations(page) == []


def _note_article(page, text: str):
    return page.locator("#section-notes article", has_text=text)


def test_reloading_while_editing_a_note_restores_the_draft(page, login, axe_violations, screenshot):
    login(page, "mueller")
    _open_file(page, "Al-Hassan")
    _note_article(page, "Telefonat mit der ABH").get_by_role("link", name=re.compile("^Bearbeiten")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"Notiz vom .* bearbeiten"))
    text = page.get_by_label("Notiz", exact=True)
    text.fill(text.input_value() + "\nNachtrag: Termin am Donnerstag, Pass mitbringen.")
    expect(page.locator("#draft-status")).to_contain_text("Entwurf gespeichert um")
    page.reload()
    expect(page.get_by_text(re.compile("Ihr Entwurf vom .* wurde wiederhergestellt"))).to_be_visible()
    expect(page.get_by_label("Notiz", exact=True)).to_have_value(re.compile("Nachtrag: Termin am Donnerstag"))
    expect(page.get_by_role("button", name=re.compile("Entwurf verwerfen"))).to_be_visible()
    screenshot(page, "notes-edit-draft-restored")
    assert axe_violations(page) == []
    # The start page offers the unsaved edit (as after a session that expired while typing).
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Start").click()
    drafts = page.locator(".note-drafts-panel")
    expect(drafts).to_contain_text("Änderung an der Notiz vom")
    assert axe_violations(page) == []
    drafts.get_by_role("link", name=re.compile("Al-Hassan")).click()
    expect(page.get_by_label("Notiz", exact=True)).to_have_value(re.compile("Nachtrag: Termin am Donnerstag"))
    # Until it is saved, the timeline shows the note as it was, marked as having an unsaved edit.
    page.get_by_role("link", name=re.compile("Zurück zur Akte")).click()
    entry = _note_article(page, "Telefonat mit der ABH")
    expect(entry).to_contain_text("ungespeicherte Änderung")
    expect(entry).not_to_contain_text("Nachtrag")
    entry.get_by_role("link", name=re.compile("Änderung weiterschreiben")).click()
    expect(page.get_by_label("Notiz", exact=True)).to_have_value(re.compile("Nachtrag: Termin am Donnerstag"))
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url(re.compile(r"/abschnitt/notes#note-\d+$"))
    entry = _note_article(page, "Telefonat mit der ABH")
    expect(entry).to_contain_text("Nachtrag: Termin am Donnerstag, Pass mitbringen.")
    expect(entry).to_contain_text("bearbeitet")
    expect(entry).not_to_contain_text("ungespeicherte Änderung")


def test_changing_a_conference_agreement_moves_its_follow_up(page, live_server, login, axe_violations, screenshot):
    today = local_today()
    with live_server.app.app_context():
        person = db.session.scalar(select(Client).where(Client.family_name == "Al-Hassan"))
        author = person.case_manager_id
        note = ContactNote(
            client_id=person.id,
            author_id=author,
            kind="case_conference",
            occurred_at=utcnow() - timedelta(hours=2),
            conference=NoteConference(),
            text="Fallkonferenz mit Jobcenter und Kita-Träger.",
        )
        for what, who, days in (
            ("Kita-Platz bei der Kita Regenbogen anfragen", "Frau Al-Hassan", 14),
            ("Bescheid der Familienkasse prüfen", None, 7),
        ):
            follow_up = FollowUp(
                client_id=person.id,
                title=f"{what} ({who})" if who else what,
                due_on=today + timedelta(days=days),
                assignee_id=author,
                created_by_id=author,
            )
            note.agreements.append(
                NoteAgreement(what=what, who=who, due_on=today + timedelta(days=days), follow_up=follow_up)
            )
        db.session.add(note)
        snapshot(note, "created", author)
        db.session.commit()
        db.session.remove()
    login(page, "mueller")
    _open_file(page, "Al-Hassan")
    open_section(page, "Wiedervorlagen", "followups")
    followups = page.locator("#section-followups")
    expect(followups).to_contain_text("Bescheid der Familienkasse prüfen")
    open_section(page, "Notizen", "notes")
    _note_article(page, "Fallkonferenz mit Jobcenter").get_by_role(
        "link", name=re.compile("Vereinbarungen ändern")
    ).click()
    page.wait_for_url(re.compile(r"/bearbeiten#agreements$"))
    agreements = page.locator("#agreements")
    expect(agreements).to_be_in_viewport()  # the long form opens where the agreements are
    expect(agreements).to_contain_text("offen")
    later = format_date(today + timedelta(days=21))
    page.get_by_label("Bis wann (Vereinbarung 1)").fill(later)
    page.get_by_label("Vereinbarung 2 entfernen").check()
    page.get_by_label("Was (Vereinbarung 3)").fill("Sprachkurs mit Kinderbetreuung suchen")
    page.get_by_label("Wer (Vereinbarung 3)").fill("Fallmanagement")
    page.get_by_label("Bis wann (Vereinbarung 3)").fill(format_date(today + timedelta(days=10)))
    screenshot(page, "notes-edit-agreements")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url(re.compile(r"/abschnitt/notes#note-\d+$"))
    entry = _note_article(page, "Fallkonferenz mit Jobcenter")
    expect(entry).to_contain_text(f"Kita-Platz bei der Kita Regenbogen anfragen · Frau Al-Hassan · bis {later}")
    expect(entry).to_contain_text("Sprachkurs mit Kinderbetreuung suchen")
    expect(entry).not_to_contain_text("Familienkasse")
    open_section(page, "Wiedervorlagen", "followups")
    kita = followups.locator("li", has_text="Kita Regenbogen")
    expect(kita).to_contain_text(later)
    expect(followups).to_contain_text("Sprachkurs mit Kinderbetreuung suchen (Fallmanagement)")
    expect(followups).not_to_contain_text("Bescheid der Familienkasse prüfen")
    screenshot(page, "notes-timeline-conference")
    # The history keeps what had been agreed before.
    open_section(page, "Notizen", "notes")
    entry.get_by_role("link", name=re.compile("^Verlauf")).click()
    expect(page.locator(".note-revisions")).to_contain_text("Bescheid der Familienkasse prüfen")
    assert axe_violations(page) == []

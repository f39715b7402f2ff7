"""Writing a letter: the placeholders' values for a client and an agency, the filled draft, the
consent check for what it passes on, and saving it as a letter note of the correspondence
register (through the notes' own letter code) with its PDF as a document of the file."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..clients import consent_scope
from ..clients.choices import LABELS
from ..clients.models import Client
from ..clients.residence import current_record, history
from ..directory.models import Location, Organization
from ..documents.models import TEXT_DONE, Document, DocumentType
from ..documents.storage import put_bytes
from ..extensions import db
from ..notes import letters as note_letters
from ..notes.forms import NoteForm
from ..notes.models import MAX_TEXT, ContactNote, snapshot
from ..textfold import fold
from ..timeutil import format_date, utcnow
from . import output, sandbox
from .contact import staff_contact
from .models import Letter, LetterTemplateVersion

# Letters are passed on to "exchange" information with the agency (consent_scope.PURPOSES).
PURPOSE = "exchange"
DOCUMENT_TYPE = "eigenes Schreiben"


class Refused(Exception):
    """The letter would pass data no consent covers: the check says why (German)."""

    def __init__(self, check: consent_scope.Check):
        super().__init__(check.reasons)
        self.check = check


@dataclass
class Draft:
    address: str
    subject: str
    body: str


def address_of(organization: Organization) -> str:
    """The agency's postal address for the window: its name and the first address that may be
    printed (a confidential one, a women's shelter's, never)."""
    lines = [organization.name]
    location = db.session.scalar(
        select(Location)
        .where(
            Location.organization_id == organization.id,
            Location.address_confidential.is_(False),
            Location.address_1.is_not(None),
        )
        .order_by(Location.id)
        .limit(1)
    )
    if location is not None:
        lines += [x for x in (location.address_1, location.address_2) if x]
        town = " ".join(x for x in (location.postal_code, location.city) if x)
        if town:
            lines.append(town)
    return "\n".join(lines)


def values_for(client: Client, organization: Organization, today: date, filled: dict[str, str]) -> dict[str, str]:
    record = current_record(history(client.id))
    manager = staff_contact(current_user)
    birth = ""
    if client.birth_date:
        birth = str(client.birth_date.year) if client.birth_date_approximate else format_date(client.birth_date)
    town = " ".join(x for x in (client.postcode, client.city) if x)
    values = {
        "heute": format_date(today),
        "klient_name": " ".join(x for x in (client.given_names, client.family_name) if x),
        "klient_vorname": client.given_names or "",
        "klient_nachname": client.family_name,
        "klient_geburtsdatum": birth,
        "klient_anschrift": ", ".join(x for x in (client.street, town) if x),
        "aufenthalt_art": LABELS.status_type(record.status_type) if record else "",
        "aufenthalt_gueltig_bis": format_date(record.valid_until) if record and record.valid_until else "",
        "aktenzeichen_abh": client.abh_file_number or (record.file_number if record and record.file_number else ""),
        "stelle_name": organization.name,
        "fallmanager_name": manager.name,
        "fallmanager_telefon": manager.phone,
        "fallmanager_email": manager.email,
        "buero_name": current_app.config["LETTERS_OFFICE_NAME"],
    }
    for name, kind in sandbox.USER_FIELDS.items():
        value = filled.get(name)
        values[name] = format_date(value) if kind == "date" and isinstance(value, date) else str(value or "")
    return values


def fill(
    version: LetterTemplateVersion, client: Client, organization: Organization, today: date, filled: dict
) -> Draft:
    values = values_for(client, organization, today, filled)
    subject = " ".join(sandbox.render(version.subject, values).split())
    return Draft(address_of(organization), subject[:500], sandbox.render(version.body, values).strip())


def consent_check(
    client: Client, organization: Organization, version: LetterTemplateVersion, today: date
) -> consent_scope.Check:
    """Which consent covers what the template passes on to the agency (its placeholders' kinds of
    data); nothing needed for a paper the client signs (Vollmacht, Schweigepflichtentbindung)."""
    if not version.passes_data:
        return consent_scope.Check(organization.name, needed=False)
    scope = sandbox.check(version.subject).scope | sandbox.check(version.body).scope
    return consent_scope.check(client.id, organization.id, organization.name, PURPOSE, scope, False, today)


def deadline_for(version: LetterTemplateVersion, today: date) -> date | None:
    return today + timedelta(days=version.deadline_days) if version.deadline_days else None


def save(
    client: Client,
    version: LetterTemplateVersion,
    organization: Organization,
    draft: Draft,
    deadline: date | None,
    today: date,
) -> Letter:
    """Store the letter, its note in the register and its PDF; Refused when a consent is missing."""
    check = consent_check(client, organization, version, today)
    if not check.covered:
        raise Refused(check)
    letter = Letter(
        client_id=client.id,
        template_version_id=version.id,
        organization_id=organization.id,
        address=draft.address,
        subject=draft.subject,
        body=draft.body,
        letter_date=today,
        deadline=deadline,
        consent_id=check.consent.id if check.consent else None,
        created_by_id=current_user.id,
    )
    letter.template_version, letter.organization, letter.created_by = version, organization, current_user
    note = _letter_note(client, organization, letter)
    letter.note_id = note.id
    if output.pdf_available():
        letter.document_id = _document(client, letter, note, output.pdf(letter, client)).id
    db.session.add(letter)
    db.session.flush()
    audit.record(
        "letter.created",
        "letter",
        letter.id,
        detail=f"client={client.id}; template_version={version.id}; organization={organization.id}; "
        f"consent={letter.consent_id or '-'}; note={note.id}; document={letter.document_id}",
    )
    return letter


def _letter_note(client: Client, organization: Organization, letter: Letter) -> ContactNote:
    """The letter note, filled in by the notes' own code as if the note form had been sent."""
    form = NoteForm(formdata=None, meta={"csrf": False})
    form.kind.data = "letter_out"
    form.letter_authority.data = str(organization.id)
    form.letter_subject.data = letter.subject
    form.letter_date.data = letter.letter_date
    form.letter_deadline.data = letter.deadline
    form.letter_status.data = "open"
    now = utcnow()
    intro = _(
        "Brief aus kimweb (Vorlage „%(title)s“); das PDF liegt bei den Dokumenten.", title=letter.template_version.title
    )
    note = ContactNote(
        client_id=client.id,
        author_id=current_user.id,
        occurred_at=now,
        kind="letter_out",
        text=f"{intro}\n\n{letter.body}"[:MAX_TEXT],
        created_at=now,
        updated_at=now,
    )
    note.organizations = [organization]
    note_letters.apply_letter(form, note)
    db.session.add(note)
    snapshot(note, "created", current_user.id)
    db.session.flush()
    audit.record("note.created", "contact_note", note.id, detail=f"client={client.id}; letter=1")
    return note


def _document(client: Client, letter: Letter, note: ContactNote, pdf: bytes) -> Document:
    kind = db.session.scalar(select(DocumentType).where(DocumentType.label == DOCUMENT_TYPE)) or db.session.scalar(
        select(DocumentType).order_by(DocumentType.sort_order).limit(1)
    )
    assert kind is not None  # the types are seeded by migration 0011
    title = f"{letter.organization.name}: {letter.subject}"[:200]
    document = Document(
        client_id=client.id,
        type_id=kind.id,
        title=title,
        document_date=letter.letter_date,
        filename=output.filename(letter, "pdf"),
        media_type="application/pdf",
        size=len(pdf),
        sha256=put_bytes(pdf),
        uploaded_by_id=current_user.id,
        note_id=note.id,
        text_status=TEXT_DONE,
        text_source="pdf",
        text=f"{letter.subject}\n\n{letter.body}",
        search_text=fold(f"{title} {letter.body}"),
    )
    db.session.add(document)
    db.session.flush()
    audit.record(
        "document.uploaded",
        "document",
        document.id,
        detail=f"client={client.id}; type={kind.id}; media=application/pdf; size={len(pdf)}; note={note.id}",
    )
    return document

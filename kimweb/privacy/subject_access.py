"""The Art. 15 export: a ZIP with a printable document in German and in English (HTML, and PDF
where WeasyPrint is installed; the office's privacy information in the person's language where
the office has written it), the same data as JSON, and the person's document files. Built in a temporary file
that is gone once it is sent; nothing of it stays on the server."""

import json
import re
import tempfile
import zipfile
from typing import IO

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..clients.models import Client
from ..documents.storage import is_key, store
from ..letters.office_texts import PRIVACY_KEY, direction, lang_attribute, text_for
from ..timeutil import local_today, utcnow
from .records import access_log, collect, readable

try:  # WeasyPrint needs Pango from the system (Debian: libpango-1.0-0 libpangoft2-1.0-0).
    from weasyprint import HTML as _PdfHtml
except (ImportError, OSError):  # pragma: no cover - depends on the machine
    _PdfHtml = None

# The sections of the document; tables not named here are shown under their own name.
SECTION_TITLES = {
    "client": _l("Stammdaten"),
    "client_name_key": _l("Suchschlüssel des Namens"),
    "client_deputy": _l("Vertretungen"),
    "client_distinct": _l("Als verschiedene Personen bestätigt"),
    "household_member": _l("Haushalt"),
    "phase_entry": _l("Phasen"),
    "residence_status": _l("Aufenthaltsstatus (mit Korrekturen)"),
    "client_deadline": _l("Fristen"),
    "deadline_confirmation": _l("Bestätigte Fristen"),
    "assessment": _l("Einschätzung"),
    "goal": _l("Ziele"),
    "measure": _l("Maßnahmen"),
    "consent": _l("Einwilligungen und Widerrufe"),
    "involvement": _l("Beteiligte Stellen und Personen"),
    "follow_up": _l("Wiedervorlagen"),
    "contact_note": _l("Kontaktnotizen (vertrauliche gekennzeichnet)"),
    "contact_note_revision": _l("Fassungen der Kontaktnotizen"),
    "contact_note_life_area": _l("Lebensbereiche der Notizen"),
    "contact_note_organization": _l("Stellen der Notizen"),
    "note_letter": _l("Schreiben von Behörden"),
    "note_conference": _l("Fallkonferenzen"),
    "note_agreement": _l("Vereinbarungen"),
    "note_draft": _l("Entwürfe"),
    "referral": _l("Vermittlungen"),
    "referral_event": _l("Verlauf der Vermittlungen"),
    "disclosure": _l("Weitergaben: wer wann welche Daten erhalten hat"),
    "disclosure_document": _l("Weitergegebene Dokumente"),
    "document": _l("Dokumente"),
    "id_sighting": _l("Vorgelegte Ausweise"),
    "visit": _l("Besuche am Empfang"),
    "privacy_restriction": _l("Einschränkung der Verarbeitung"),
    "privacy_hold": _l("Aufbewahrungssperren"),
    "privacy_erasure": _l("Löschungen und Anonymisierungen"),
}

# Column names as a reader understands them (the same name means the same in every table);
# others are shown as they are. The JSON keeps the column names.
COLUMN_LABELS = {
    "case_number": _l("Aktenzeichen"),
    "family_name": _l("Familienname"),
    "given_names": _l("Vornamen"),
    "name_original": _l("Name in Originalschrift"),
    "other_spellings": _l("Andere Schreibweisen"),
    "birth_date": _l("Geburtsdatum"),
    "birth_date_precision": _l("Genauigkeit des Geburtsdatums (day, month, year)"),
    "gender": _l("Geschlecht"),
    "nationalities": _l("Staatsangehörigkeiten"),
    "languages": _l("Sprachen"),
    "phone": _l("Telefon"),
    "email": _l("E-Mail"),
    "street": _l("Straße"),
    "postcode": _l("Postleitzahl"),
    "city": _l("Ort"),
    "district_id": _l("Sozialraum"),
    "case_manager_id": _l("Fallmanagement"),
    "phase": _l("Phase"),
    "created_at": _l("Angelegt am"),
    "created_by_id": _l("Angelegt von"),
    "updated_at": _l("Geändert am"),
    "organization_id": _l("Stelle"),
    "organization_name": _l("Name der Stelle"),
    "life_area_id": _l("Lebensbereich"),
    "text": _l("Text"),
    "title": _l("Titel"),
    "reason": _l("Grund"),
    "purpose": _l("Zweck"),
    "given_on": _l("Erteilt am"),
    "valid_until": _l("Gültig bis"),
    "revoked_on": _l("Widerrufen am"),
    "status": _l("Status"),
    "status_type": _l("Aufenthaltsart"),
    "legal_basis": _l("Rechtsgrundlage"),
    "file_number": _l("Aktenzeichen der Behörde"),
    "notes": _l("Bemerkungen"),
    "occurred_at": _l("Zeitpunkt"),
    "kind": _l("Art"),
    "confidential": _l("Vertraulich"),
    "author_id": _l("Verfasst von"),
    "due_on": _l("Fällig am"),
    "disclosed_on": _l("Weitergegeben am"),
    "disclosed_by_id": _l("Weitergegeben von"),
    "data_scope": _l("Umfang der Daten"),
    "health_data": _l("Gesundheitsdaten"),
    "channel": _l("Weg"),
    "consent_id": _l("Einwilligung"),
    "override_reason": _l("Begründung ohne Einwilligung"),
    "filename": _l("Dateiname"),
    "relation": _l("Beziehung"),
    "day": _l("Tag"),
}

_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def notice_text() -> str:
    """Purposes, legal bases and retention periods as the office configured them."""
    retention = current_app.config["PRIVACY_RETENTION_DAYS"]
    return current_app.config["PRIVACY_NOTICE"].format(
        case_file_years=round(retention["case_file"] / 365),
        visit_days=retention["visit_without_file"],
        audit_years=round(retention["audit"] / 365),
    )


def own_language_notice(client: Client) -> dict | None:
    """The office's privacy information in the first of the person's languages it is written in
    (German and English are the document's own languages)."""
    for code in (client.languages or "").split():
        if code in ("de", "en"):
            continue
        found = text_for(PRIVACY_KEY, code)
        if found is not None:
            return {"language": code, "title": found.title, "body": found.body}
    return None


def export_data(client: Client) -> dict:
    """Everything stored about the person, as JSON-ready data."""
    collected = collect(client.id)
    documents = next((part.rows for part in collected if part.table.name == "document"), [])
    return {
        "created_at": utcnow().isoformat(),
        "case_number": client.case_number,
        "notice": notice_text(),
        "notice_in_own_language": own_language_notice(client),
        "records": {part.table.name: [readable(part.table, row) for row in part.rows] for part in collected},
        "access_log": list(access_log(client.id, [row["id"] for row in documents])),
        "document_files": {str(row["id"]): _document_path(row) for row in documents},
    }


def _document_path(row: dict) -> str:
    name = _UNSAFE_NAME.sub("_", row["filename"] or "datei")[:80]
    return f"dokumente/{row['id']}-{name}"


def _sections(data: dict) -> list[dict]:
    """The tables as the reader sees them: a title, and per row the fields under their names in the
    document's language (called inside force_locale)."""
    return [
        {
            "name": name,
            "title": str(SECTION_TITLES.get(name, name)),
            "rows": [[(str(COLUMN_LABELS.get(key, key)), value) for key, value in row.items()] for row in rows],
        }
        for name, rows in data["records"].items()
    ]


# The document's languages and the names of its files in the ZIP.
DOCUMENTS = (("de", "auskunft"), ("en", "auskunft-en"))


def render_html(data: dict, locale: str = "de") -> str:
    if not has_request_context():
        # From the command line: the app's context processors expect a request.
        with current_app.test_request_context():
            return render_html(data, locale)
    own = data.get("notice_in_own_language")
    with force_locale(locale):
        return render_template(
            "privacy/export.html",
            data=data,
            sections=_sections(data),
            today=local_today(),
            locale=locale,
            own=own,
            own_dir=direction(own["language"]) if own else "ltr",
            own_lang=lang_attribute(own["language"]) if own else "",
        )


def pdf_available() -> bool:
    return _PdfHtml is not None


def pdf_bytes(html: str) -> bytes:
    if _PdfHtml is None:
        raise RuntimeError("WeasyPrint is not installed")
    return _PdfHtml(string=html).write_pdf()


def write_zip(client: Client, target: IO[bytes]) -> dict:
    """Write the export to `target`; the data, for the audit and the tests."""
    data = export_data(client)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for locale, name in DOCUMENTS:
            html = render_html(data, locale)
            archive.writestr(f"{name}.html", html)
            if _PdfHtml is not None:
                archive.writestr(f"{name}.pdf", pdf_bytes(html))
        archive.writestr("auskunft.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        storage = store()
        for row in data["records"].get("document", []):
            if is_key(row.get("sha256") or "") and storage.exists(row["sha256"]):
                archive.write(storage.path(row["sha256"]), data["document_files"][str(row["id"])])
    return data


def spooled_zip(client: Client) -> tuple[IO[bytes], dict]:
    """The export in a temporary file (memory up to 16 MB) that disappears when closed."""
    target = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    try:
        data = write_zip(client, target)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target, data

"""The interpreter request as the pool or agency receives it: the lines the printed page and the
e-mail share (so the e-mail never says more than the paper, and never names the person), and the
mailto: links to the interpreters on the office's list who can take it."""

from dataclasses import dataclass
from urllib.parse import quote

from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..reception.choices import language_label
from ..timeutil import format_date, format_datetime, format_time, to_local
from .blueprint import WEEKDAYS
from .choices import INTERPRETER_KINDS, KINDS, REQUEST_STATES
from .models import Appointment, Interpreter, InterpreterRequest

# Who takes a request of each kind: the volunteer pool, or an agency for paid and phone work.
SOURCE_FOR_KIND = {"pool": "pool", "professional": "agency", "phone": "agency"}


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class MailLink:
    name: str
    email: str
    href: str


def _when(appointment: Appointment) -> str:
    start = appointment.starts_at
    day = f"{WEEKDAYS[to_local(start).weekday()]}, {format_date(start)}"
    if appointment.time_open:
        return f"{day}, {_('Uhrzeit offen')}"
    return f"{day}, {format_time(start)}–{format_time(appointment.ends_at)} {_('Uhr')}"


def _where(appointment: Appointment) -> str:
    """The place without the person's home address, and a directory address only if it may be
    passed on (a confidential address, such as a shelter's, stays in the office)."""
    if appointment.place == "room":
        return appointment.room or _("Büro")
    if appointment.place == "home":
        return _("bei der Person zu Hause")
    location = appointment.location
    if appointment.place == "location" and location is not None:
        if location.address_confidential or not location.address_line:
            return location.name
        return f"{location.name}, {location.address_line}"
    if appointment.organization is not None:
        return appointment.organization.name
    return "–"


def heading_line(entry: InterpreterRequest) -> str:
    by = entry.requested_by.display_name if entry.requested_by else ""
    requested = _("angefragt am %(date)s von %(name)s", date=format_datetime(entry.requested_at), name=by)
    return f"{_('Kommunales Integrationsmanagement')} · {requested}"


def request_facts(entry: InterpreterRequest) -> list[Fact]:
    """Everything the printed request shows below its heading, in order."""
    appointment = entry.appointment
    state = str(REQUEST_STATES.get(entry.state, entry.state))
    facts = [
        Fact("language", _("Sprache"), f"{language_label(entry.language)} ({entry.language})"),
        Fact("when", _("Datum und Uhrzeit"), _when(appointment)),
        Fact("where", _("Ort"), _where(appointment)),
        Fact("kind", _("Art des Termins"), str(KINDS.get(appointment.kind, appointment.kind))),
        Fact("interpreting", _("Art der Sprachmittlung"), str(INTERPRETER_KINDS.get(entry.kind, entry.kind))),
        Fact("legal", _("Gespräch mit Rechtsfolgen"), _("ja") if entry.legal_consequences else _("nein")),
        Fact("contact", _("Ansprechperson"), appointment.case_manager.display_name),
    ]
    if entry.note:
        facts.append(Fact("note", _("Hinweise"), entry.note))
    facts.append(Fact("state", _("Stand"), f"{state}: {entry.interpreter_name}" if entry.interpreter_name else state))
    return facts


def mail_text(entry: InterpreterRequest) -> tuple[str, str]:
    """Subject and body of the e-mail: the printed request as plain text."""
    appointment = entry.appointment
    subject = f"{_('Anfrage Sprachmittlung')}: {language_label(entry.language)}, {format_date(appointment.starts_at)}"
    lines = [_("Anfrage Sprachmittlung"), heading_line(entry), ""]
    for fact in request_facts(entry):
        value = fact.value.replace("\r\n", "\n").replace("\n", "\n  ")
        lines.append(f"{fact.label}: {value}")
    return subject, "\n".join(lines)


def recipients(entry: InterpreterRequest) -> list[Interpreter]:
    """Who can be sent the request: the interpreter who confirmed it, if the list has their
    address; else the available entries of the right kind (pool or agency) for the language."""
    if entry.state == "confirmed" and entry.interpreter is not None and entry.interpreter.email:
        return [entry.interpreter]
    rows = db.session.scalars(
        select(Interpreter)
        .where(
            Interpreter.active.is_(True),
            Interpreter.source == SOURCE_FOR_KIND.get(entry.kind, "agency"),
            Interpreter.email.is_not(None),
            Interpreter.email != "",
        )
        .order_by(Interpreter.name)
    ).all()
    return [i for i in rows if entry.language in i.languages.split()]


def mail_links(entry: InterpreterRequest) -> list[MailLink]:
    subject, body = mail_text(entry)
    # RFC 6068: percent-encoded UTF-8, line breaks as CRLF.
    query = f"subject={quote(subject, safe='')}&body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}"
    return [
        MailLink(i.name, i.email or "", f"mailto:{quote(i.email or '', safe='@')}?{query}") for i in recipients(entry)
    ]

"""What the client views share: fragment or page, saving a section, conflicts, audit of changes."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import audit
from ..contributions import CLIENT_FILE, parts_for, section_part
from ..htmx import render
from ..timeutil import local_today, utcnow
from .access import is_responsible
from .glance import due_context
from .models import Client
from .sections import SECTIONS, section_context


def form_response(template: str, client: Client, section: str, status: int = 200, **context):
    """The form as a fragment for htmx (swapped into its section), or as a page of its own."""
    context.update(client=client, section=section)
    return render("clients/edit_page.html", template, inner=template, **context), status


def conflict(template: str, client: Client, section: str, **context):
    flash(
        _(
            "Jemand anderes hat diesen Abschnitt inzwischen geändert. Ihre Eingaben sind noch da: "
            "Bitte prüfen Sie sie und speichern Sie erneut."
        ),
        "error",
    )
    return form_response(template, client, section, 409, conflict=True, **context)


def saved(client: Client, section: str, message: str | None = None):
    """303 after a write: htmx fetches the refreshed section (a fragment), a plain browser the
    section's page."""
    client.updated_at = utcnow()
    if message:
        flash(message, "success")
    return redirect(url_for("clients.section", client_id=client.id, name=section), code=303)


def section_page_context(client: Client, name: str) -> dict:
    """A section's context: the file's own (sections.py) or a contributed part's."""
    if name in SECTIONS:
        return section_context(client, name)
    part = section_part(CLIENT_FILE, name)
    if part is None:
        abort(404)
    data = parts_for(CLIENT_FILE, client, sections=False)
    data["parts"][part.key] = part.context(client)
    return {"client": client, "today": local_today(), "responsible": is_responsible(client), **data}


def render_section(client: Client, name: str):
    """A section as a fragment, with the header's list of what is due out of band: whatever was
    just saved (a status, a consent, a follow-up) the header says what is due now."""
    part = None if name in SECTIONS else section_part(CLIENT_FILE, name)
    template = SECTIONS[name][0] if part is None or part.template is None else part.template
    # focus: the section's heading takes the keyboard focus after htmx swapped it in.
    html = render_template(template, focus=True, **section_page_context(client, name))
    return html + render_template("clients/_due.html", oob=True, client=client, **due_context(client))


def apply(obj, values: dict) -> list[str]:
    """Set the values that differ; the changed field names, for the audit trail."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def record_change(client: Client, action: str, fields=(), **ids) -> None:
    """Audit a change: field names and record ids only, never what was written."""
    parts = [f"{key}={value}" for key, value in ids.items()]
    if fields:
        parts.append("fields=" + ",".join(fields))
    audit.record(f"client.{action}", "client", client.id, detail="; ".join(parts) or None)

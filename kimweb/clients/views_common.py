"""What the client views share: fragment or page, saving a section, conflicts, audit of changes."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import audit
from ..htmx import is_partial, render
from ..timeutil import utcnow
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
    """303 after a write: htmx fetches the refreshed section, a plain browser the whole file."""
    client.updated_at = utcnow()
    if message:
        flash(message, "success")
    if is_partial():
        return redirect(url_for("clients.section", client_id=client.id, name=section), code=303)
    return redirect(url_for("clients.file", client_id=client.id, _anchor=f"section-{section}"), code=303)


def render_section(client: Client, name: str):
    # focus: the section's heading takes the keyboard focus after htmx swapped it in.
    return render_template(SECTIONS[name][0], focus=True, **section_context(client, name))


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

"""The office's letter templates and texts (admin): every save adds a version; letters keep the
version they were written from. A template that is not plain text with offered placeholders is
refused with the list of valid ones."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from .. import audit
from ..extensions import db
from ..security import requires
from . import sandbox
from .blueprint import bp
from .forms import OfficeTextForm, TemplateForm
from .models import LetterTemplate, LetterTemplateVersion, OfficeText
from .office_texts import PRIVACY_KEY, current_texts, text_for
from .queries import templates


@bp.route("/briefvorlagen/")
@requires("letter.templates")
def template_list():
    return render_template(
        "letters/templates.html", templates=templates(active_only=False), texts=current_texts(PRIVACY_KEY)
    )


@bp.route("/briefvorlagen/<int:template_id>", methods=["GET", "POST"])
@requires("letter.templates")
def template_edit(template_id: int):
    template = db.session.get(LetterTemplate, template_id) or abort(404)
    current = template.current
    form = TemplateForm()
    if not form.is_submitted():
        form.title.data, form.subject.data, form.body.data = current.title, current.subject, current.body
        form.passes_data.data = current.passes_data
        form.deadline_days.data = str(current.deadline_days or "")
        form.version.data = str(current.number)
    context = {"template": template, "form": form, "placeholders": sandbox.PLACEHOLDERS}
    if form.is_submitted() and form.version.stale(current.number):
        flash(
            _(
                "Diese Vorlage wurde inzwischen geändert. Ihr Text steht unten; bitte prüfen Sie ihn und speichern Sie erneut."
            ),
            "error",
        )
        form.version.data = str(current.number)
        return render_template("letters/template_form.html", **context), 409
    if not form.validate_on_submit():
        return render_template("letters/template_form.html", **context), 422 if form.is_submitted() else 200
    version = LetterTemplateVersion(
        template_id=template.id,
        number=current.number + 1,
        title=form.title.data,
        subject=form.subject.data,
        body=form.body.data,
        passes_data=bool(form.passes_data.data),
        deadline_days=int(form.deadline_days.data) if form.deadline_days.data else None,
        created_by_id=current_user.id,
    )
    db.session.add(version)
    db.session.flush()
    audit.record("letter_template.edited", "letter_template", template.id, detail=f"version={version.number}")
    db.session.commit()
    flash(_("Die Vorlage wurde als Fassung %(n)d gespeichert.", n=version.number), "success")
    return redirect(url_for("letters.template_list"), code=303)


@bp.route("/texte/datenschutz/neu", methods=["GET", "POST"], defaults={"language": None})
@bp.route("/texte/datenschutz/<language>", methods=["GET", "POST"])
@requires("letter.templates")
def office_text_edit(language: str | None):
    current = text_for(PRIVACY_KEY, language) if language else None
    if language and current is None:
        abort(404)
    form = OfficeTextForm()
    if not form.is_submitted():
        form.language.data = language or ""
        if current is not None:
            form.title.data, form.body.data = current.title, current.body
        form.version.data = str(current.number if current else 0)
    context = {"form": form, "current": current}
    if form.is_submitted() and form.version.stale(current.number if current else 0):
        form.version.data = str(current.number if current else 0)
        flash(_("Dieser Text wurde inzwischen geändert. Bitte prüfen Sie ihn und speichern Sie erneut."), "error")
        return render_template("letters/office_text_form.html", **context), 409
    if form.is_submitted() and current is None and form.language.data and text_for(PRIVACY_KEY, form.language.data):
        form.language.errors = [_("Für diese Sprache gibt es den Text schon; bitte bearbeiten Sie ihn dort.")]
        return render_template("letters/office_text_form.html", **context), 422
    if not form.validate_on_submit():
        return render_template("letters/office_text_form.html", **context), 422 if form.is_submitted() else 200
    code = current.language if current else form.language.data
    number = (
        db.session.scalar(
            select(func.max(OfficeText.number)).where(OfficeText.key == PRIVACY_KEY, OfficeText.language == code)
        )
        or 0
    ) + 1
    text = OfficeText(
        key=PRIVACY_KEY,
        language=code,
        number=number,
        title=form.title.data,
        body=form.body.data,
        created_by_id=current_user.id,
    )
    db.session.add(text)
    db.session.flush()
    audit.record(
        "office_text.edited", "office_text", text.id, detail=f"key={PRIVACY_KEY}; language={code}; version={number}"
    )
    db.session.commit()
    flash(_("Der Text wurde gespeichert."), "success")
    return redirect(url_for("letters.template_list"), code=303)

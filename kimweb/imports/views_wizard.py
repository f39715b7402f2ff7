"""The import wizard: upload, map columns and values, preview with duplicate decisions, import.

The uploaded file waits in the database (import_upload) between the steps, for its uploader only,
and is deleted after the import, on cancel, or after UPLOAD_HOURS. URLs carry ids only."""

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import delete, or_, select

from .. import audit
from ..clients.choices import STATUS_TYPES
from ..extensions import db
from ..fields import choices, clean, parse_id
from ..htmx import is_partial
from ..security import has_permission, requires
from ..timeutil import local_today, utcnow
from .blueprint import bp
from .duplicates import apply_decisions as decide
from .duplicates import found_duplicates, with_duplicates
from .forms import MappingForm, UploadForm
from .mapping import (
    FIELD_LABELS,
    REPEATABLE,
    Mapping,
    Sheet,
    column_letter,
    column_name,
    find_header,
    propose,
    value_key,
)
from .models import ImportBatch, ImportMapping, ImportUpload
from .plan import build_plan, importer_for
from .readers import TableError, read_table
from .service import UPLOAD_HOURS, purge_expired, run_import
from .values import cell_text, read_status

MAX_VALUES = 60  # distinct values offered for mapping per field


def _upload_or_404(upload_id: int) -> ImportUpload:
    upload = db.session.scalar(
        select(ImportUpload).where(ImportUpload.id == upload_id, ImportUpload.user_id == current_user.id)
    )
    if upload is None or upload.created_at < utcnow() - timedelta(hours=UPLOAD_HOURS):
        abort(404)
    return upload


def _sheet(upload: ImportUpload) -> Sheet:
    try:
        return find_header(read_table(upload.data, upload.filename))
    except TableError:
        abort(404)


def templates_for_user() -> list[ImportMapping]:
    query = select(ImportMapping).order_by(ImportMapping.name)
    if not has_permission("import.all"):
        query = query.where(or_(ImportMapping.team_id == current_user.team_id, ImportMapping.team_id.is_(None)))
    return list(db.session.scalars(query))


def _batches() -> list[ImportBatch]:
    query = select(ImportBatch).order_by(ImportBatch.created_at.desc()).limit(20)
    if not has_permission("import.all"):
        query = query.where(
            or_(ImportBatch.team_id == current_user.team_id, ImportBatch.created_by_id == current_user.id)
        )
    return list(db.session.scalars(query))


def _start_page(form: UploadForm, status: int = 200, problem: str | None = None):
    return render_template(
        "imports/start.html", form=form, problem=problem, batches=_batches(), templates=templates_for_user()
    ), status


@bp.route("/")
@requires("import.run")
def start():
    return _start_page(UploadForm(formdata=None))


@bp.route("/hochladen", methods=["POST"])
@requires("import.run")
def upload():
    form = UploadForm()
    if not form.validate_on_submit():
        return _start_page(form, 422)
    data = form.file.data.read()
    name = clean(form.file.data.filename or "")[:200] or "Liste"
    try:
        find_header(read_table(data, name))
    except TableError as error:
        form.file.errors = [error.message]
        return _start_page(form, 422, _("Die Datei wurde nicht übernommen. Es wurde nichts geändert."))
    purge_expired()
    stored = ImportUpload(user_id=current_user.id, filename=name, data=data)
    db.session.add(stored)
    db.session.flush()
    audit.record("import.uploaded", "import_upload", stored.id, detail=f"bytes={len(data)}")
    db.session.commit()
    template_id = parse_id(request.form.get("vorlage"))
    return redirect(url_for("imports.mapping", upload_id=stored.id, vorlage=template_id), code=303)


def _distinct(sheet: Sheet, mapping: Mapping, key: str) -> list[str]:
    """The different values of the column(s) mapped to `key`, as the list writes them."""
    found: dict[str, str] = {}
    for index, label in enumerate(sheet.columns):
        if mapping.field_of(index, label) != key:
            continue
        for _number, values in sheet.rows:
            text = cell_text(values[index]) if index < len(values) else ""
            if text and value_key(text) not in found:
                found[value_key(text)] = text
            if len(found) >= MAX_VALUES:
                break
    return [found[k] for k in sorted(found)]


def _status_choices():
    return choices({k: v for k, v in STATUS_TYPES.items()}, empty=_("– automatisch erkennen –"))


def _mapping_page(upload: ImportUpload, sheet: Sheet, mapping: Mapping, form: MappingForm, problems=(), status=200):
    importer = importer_for(current_user)
    samples = {
        index: [cell_text(values[index]) for _n, values in sheet.rows[:3] if index < len(values)]
        for index in range(len(sheet.columns))
    }
    status_values = _distinct(sheet, mapping, "status_type")
    manager_values = _distinct(sheet, mapping, "case_manager")
    return render_template(
        "imports/mapping.html",
        upload=upload,
        sheet=sheet,
        mapping=mapping,
        form=form,
        problems=problems,
        samples=samples,
        letters=[column_letter(i) for i in range(len(sheet.columns))],
        field_labels=FIELD_LABELS,
        status_values=status_values,
        status_choices=_status_choices(),
        known_status={v: bool(read_status(v, {})) for v in status_values},
        manager_values=manager_values,
        managers=importer.managers,
        templates=templates_for_user(),
        value_key=value_key,
    ), status


def _manager_choices(form: MappingForm) -> None:
    importer = importer_for(current_user)
    form.default_case_manager.choices = choices(
        {u.username: u.display_name for u in importer.managers}, empty=_("– keine –")
    )


@bp.route("/<int:upload_id>/zuordnung", methods=["GET", "POST"])
@requires("import.run")
def mapping(upload_id: int):
    upload = _upload_or_404(upload_id)
    sheet = _sheet(upload)
    if request.method == "GET":
        current = Mapping.from_json(upload.mapping) if upload.mapping else propose(sheet)
        template = db.session.get(ImportMapping, parse_id(request.args.get("vorlage")) or 0)
        if template is not None and template in templates_for_user():
            current = Mapping.from_json(template.spec)
            flash(
                _("Die Vorlage „%(name)s“ wurde angewendet. Bitte prüfen Sie die Zuordnung.", name=template.name),
                "info",
            )
        form = MappingForm(
            formdata=None,
            data={
                "source_label": current.source_label or upload.filename,
                "default_case_manager": current.default_case_manager,
            },
        )
        _manager_choices(form)
        return _mapping_page(upload, sheet, current, form)
    form = MappingForm()
    _manager_choices(form)
    chosen, problems = _read_mapping(sheet, Mapping.from_json(upload.mapping) if upload.mapping else propose(sheet))
    valid = form.validate()
    chosen.default_case_manager = form.default_case_manager.data or ""
    chosen.source_label = form.source_label.data or upload.filename
    if request.form.get("aktion") == "anwenden" or not valid or problems:
        status = 422 if (problems or not valid) else 200
        return _mapping_page(upload, sheet, chosen, form, problems, status)
    upload.mapping = chosen.to_json()
    upload.duplicates = None
    if form.template_name.data:
        _save_template(form.template_name.data, chosen)
    db.session.commit()
    return redirect(url_for("imports.preview", upload_id=upload.id), code=303)


def _read_mapping(sheet: Sheet, before: Mapping) -> tuple[Mapping, list[str]]:
    """The columns and value mappings as posted, checked against what the page offered."""
    problems: list[str] = []
    columns: dict[str, str] = {}
    used: dict[str, str] = {}
    for index, label in enumerate(sheet.columns):
        name = column_name(index, label)
        key = request.form.get(f"spalte-{index}", "")
        if key and key not in FIELD_LABELS:
            problems.append(_("Spalte %(column)s: Bitte wählen Sie einen Eintrag aus der Liste.", column=name))
            key = ""
        if key and key in used and key not in REPEATABLE:
            problems.append(
                _(
                    "„%(field)s“ ist zwei Spalten zugeordnet (%(a)s und %(b)s).",
                    field=FIELD_LABELS[key],
                    a=used[key],
                    b=name,
                )
            )
        used.setdefault(key, name)
        columns[name] = key
    if not ({"family_name", "full_name"} & set(columns.values())):
        problems.append(_("Bitte ordnen Sie eine Spalte dem Familiennamen zu (oder „Name, Vorname“)."))
    chosen = Mapping(columns=columns, decisions=before.decisions)
    status_codes = {c.value for c in _status_choices()}
    usernames = {u.username for u in importer_for(current_user).managers}
    for key, prefix, allowed in (("status_type", "status", status_codes), ("case_manager", "fm", usernames)):
        mapped: dict[str, str] = {}
        for number, value in enumerate(_distinct(sheet, chosen, key)):
            target = request.form.get(f"{prefix}-{number}", "")
            if target and target not in allowed:
                problems.append(_("„%(value)s“: Bitte wählen Sie einen Eintrag aus der Liste.", value=value[:60]))
            elif target:
                mapped[value_key(value)] = target
        if mapped:
            chosen.values[key] = mapped
    return chosen, problems


def _save_template(name: str, mapping: Mapping) -> None:
    team_id = None if has_permission("import.all") else current_user.team_id
    spec = Mapping(columns=mapping.columns, values=mapping.values, default_case_manager=mapping.default_case_manager)
    existing = db.session.scalar(
        select(ImportMapping).where(
            ImportMapping.team_id.is_(team_id) if team_id is None else ImportMapping.team_id == team_id,
            ImportMapping.name == name,
        )
    )
    if existing is None:
        existing = ImportMapping(team_id=team_id, name=name, created_by_id=current_user.id, spec="")
        db.session.add(existing)
    existing.spec = spec.to_json()
    db.session.flush()
    audit.record("import.mapping_saved", "import_mapping", existing.id)
    flash(_("Die Zuordnung wurde als Vorlage „%(name)s“ gespeichert.", name=name), "success")


def _plan(upload: ImportUpload, *, search: bool):
    """The plan of the upload; its duplicates searched (search=True, stored for the import) or
    taken from what the preview stored."""
    sheet = _sheet(upload)
    mapping = Mapping.from_json(upload.mapping) if upload.mapping else propose(sheet)
    fresh = search or upload.duplicates is None
    plan = build_plan(sheet, mapping, importer_for(current_user), local_today(), check_duplicates=fresh)
    if fresh:
        upload.duplicates = found_duplicates(plan)
    else:
        with_duplicates(plan, upload.duplicates or "", mapping)
    return sheet, mapping, plan


def _preview_page(upload, sheet, mapping, plan, status=200, problem=None):
    template = "imports/_preview_table.html" if is_partial() else "imports/preview.html"
    return render_template(
        template,
        upload=upload,
        sheet=sheet,
        mapping=mapping,
        plan=plan,
        problem=problem,
        lazy=False,
        status_labels=STATUS_TYPES,
    ), status


@bp.route("/<int:upload_id>/vorschau")
@requires("import.run")
def preview(upload_id: int):
    """The page at once; the check of the list (seconds for a long one) is a POST it loads."""
    upload = _upload_or_404(upload_id)
    return render_template("imports/preview.html", upload=upload, lazy=True, plan=None, sheet=None, problem=None)


@bp.route("/<int:upload_id>/vorschau", methods=["POST"])
@requires("import.run")
def check(upload_id: int):
    """Check every row and search the duplicates; kept with the upload for the import."""
    upload = _upload_or_404(upload_id)
    sheet, mapping, plan = _plan(upload, search=True)
    db.session.commit()
    return _preview_page(upload, sheet, mapping, plan)


def _decisions() -> dict[int, str]:
    chosen = {}
    for name, value in request.form.items():
        if name.startswith("d-") and (number := parse_id(name[2:])) is not None:
            chosen[number] = value[:40]
    return chosen


@bp.route("/<int:upload_id>/import", methods=["POST"])
@requires("import.run")
def run(upload_id: int):
    upload = _upload_or_404(upload_id)
    sheet, mapping, plan = _plan(upload, search=False)
    decide(plan, _decisions())
    undecided = plan.undecided
    if undecided and request.form.get("unentschiedene") != "ueberspringen":
        numbers = ", ".join(str(r.number) for r in undecided[:20])
        problem = _(
            "Bitte entscheiden Sie bei jeder möglichen Dublette (Zeilen %(rows)s) oder wählen Sie unten „nicht entschiedene überspringen“.",
            rows=numbers,
        )
        return _preview_page(upload, sheet, mapping, plan, 422, problem)
    label = mapping.source_label or upload.filename
    # The file goes in the import's own transaction: imported, it is no longer needed.
    db.session.execute(delete(ImportUpload).where(ImportUpload.id == upload.id))
    report = run_import(plan, importer_for(current_user), label)
    flash(
        _(
            "Import abgeschlossen: %(created)d angelegt, %(updated)d ergänzt, %(skipped)d übersprungen.",
            created=report.count("created"),
            updated=report.count("updated"),
            skipped=report.count("skipped") + report.count("error"),
        ),
        "success",
    )
    return redirect(url_for("imports.batch", batch_id=report.batch_id), code=303)


@bp.route("/<int:upload_id>/abbrechen", methods=["POST"])
@requires("import.run")
def cancel(upload_id: int):
    upload = _upload_or_404(upload_id)
    db.session.execute(delete(ImportUpload).where(ImportUpload.id == upload.id))
    audit.record("import.cancelled", "import_upload", upload_id)
    db.session.commit()
    flash(_("Der Import wurde abgebrochen; die Datei ist gelöscht."), "info")
    return redirect(url_for("imports.start"), code=303)

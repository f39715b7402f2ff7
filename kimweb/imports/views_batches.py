"""A finished import: its report (also as CSV for Excel) and undoing the whole batch."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..extensions import db
from ..reports.downloads import Table, csv_response
from ..security import has_permission, requires
from ..timeutil import utcnow
from .blueprint import bp
from .models import ImportBatch
from .service import OUTCOMES, REPORT_HEADER, Report, UndoRefused, report_table_rows, undo_batch, undo_deadline


def _batch_or_404(batch_id: int) -> ImportBatch:
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        abort(404)
    mine = batch.created_by_id == current_user.id or (
        batch.team_id is not None and batch.team_id == current_user.team_id
    )
    if not (has_permission("import.all") or mine):
        abort(404)
    return batch


def _page(batch: ImportBatch, status: int = 200, refused: UndoRefused | None = None):
    return render_template(
        "imports/batch.html",
        batch=batch,
        report=Report.from_json(batch.report),
        undo_until=undo_deadline(batch),
        can_undo=batch.undone_at is None and utcnow() <= undo_deadline(batch),
        refused=refused,
        outcome_labels=OUTCOMES,
    ), status


@bp.route("/lauf/<int:batch_id>")
@requires("import.run")
def batch(batch_id: int):
    return _page(_batch_or_404(batch_id))


@bp.route("/lauf/<int:batch_id>/bericht.csv")
@requires("import.run")
def batch_csv(batch_id: int):
    found = _batch_or_404(batch_id)
    audit.record("import.report_downloaded", "import_batch", found.id)
    table = Table(REPORT_HEADER, report_table_rows(Report.from_json(found.report)), title=_("Importbericht"))
    return csv_response(table, f"importbericht-{found.id}.csv")


@bp.route("/lauf/<int:batch_id>/rueckgaengig", methods=["POST"])
@requires("import.run")
def undo(batch_id: int):
    found = _batch_or_404(batch_id)
    try:
        count = undo_batch(found, current_user)
    except UndoRefused as refused:
        db.session.rollback()
        audit.record(
            "import.undo_refused",
            "import_batch",
            batch_id,
            outcome="refused",
            detail=f"changed={len(refused.case_numbers)}",
        )
        db.session.commit()
        return _page(_batch_or_404(batch_id), 409, refused)
    flash(_("Der Import wurde rückgängig gemacht (%(count)d Akten).", count=count), "success")
    return redirect(url_for("imports.batch", batch_id=batch_id), code=303)

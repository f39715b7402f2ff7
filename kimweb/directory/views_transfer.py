"""Import and export pages for directory editors: HSDS package upload and download, flat CSV upload."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..security import requires
from ..timeutil import local_today
from .blueprint import bp
from .editing import get_or_404
from .flat_import import import_flat
from .forms import UploadForm
from .hsds_export import export_zip
from .hsds_import import import_package
from .import_report import Report, save_run
from .upkeep_models import ImportRun


def _page(hsds_form=None, table_form=None, status=200):
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.at.desc()).limit(15)).all()
    return render_template(
        "directory/exchange.html",
        runs=runs,
        hsds_form=hsds_form or UploadForm(formdata=None, prefix="hsds"),
        table_form=table_form or UploadForm(formdata=None, prefix="tabelle"),
    ), status


@bp.route("/austausch")
@requires("directory.import")
def exchange():
    return _page()


def _upload(kind: str, prefix: str, run_import):
    form = UploadForm(prefix=prefix)
    if not form.validate_on_submit():
        return _page(**{f"{'hsds' if kind == 'hsds' else 'table'}_form": form, "status": 422})
    upload = form.file.data
    name = (upload.filename or "upload")[:200]
    report = run_import(upload.read(), name)
    run = save_run(report, kind, current_user)
    if report.ok:
        flash(_("Import abgeschlossen."), "success")
    else:
        flash(_("Import abgebrochen: Es wurde nichts geändert. Die Fehler stehen im Bericht."), "error")
    return redirect(url_for("directory.import_report", run_id=run.id), code=303)


@bp.route("/austausch/hsds", methods=["POST"])
@requires("directory.import")
def import_hsds_upload():
    return _upload("hsds", "hsds", import_package)


@bp.route("/austausch/tabelle", methods=["POST"])
@requires("directory.import")
def import_table_upload():
    return _upload("table", "tabelle", import_flat)


@bp.route("/austausch/bericht/<int:run_id>")
@requires("directory.import")
def import_report(run_id: int):
    run = get_or_404(ImportRun, run_id)
    return render_template("directory/import_report.html", run=run, report=Report.from_json(run.report))


@bp.route("/austausch/hsds.zip")
@requires("directory.import")
def export_hsds_download():
    internal = request.args.get("intern") == "1"
    data = export_zip(internal=internal)
    audit.record("directory.export", "directory", None, detail=f"hsds; internal={internal}")
    filename = f"wegweiser-hsds-{'intern-' if internal else ''}{local_today():%Y-%m-%d}.zip"
    return Response(
        data, mimetype="application/zip", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )

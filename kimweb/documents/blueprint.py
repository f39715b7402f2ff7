"""The documents blueprint; whoever may not use it learns nothing about it (403 answers 404)."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..security import hide_forbidden
from .choices import ID_KINDS

bp = Blueprint("documents", __name__)
hide_forbidden(bp)


@bp.app_template_filter("id_kind")
def id_kind(code: str) -> str:
    return str(ID_KINDS.get(code, code))


@bp.app_template_filter("filesize")
def filesize(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


ACTIONS = {
    "document.uploaded": _l("hochgeladen"),
    "document.viewed": _l("Seite angesehen"),
    "document.opened": _l("Datei geöffnet"),
    "document.downloaded": _l("heruntergeladen"),
    "document.deleted": _l("gelöscht"),
    "document.id_copy_kept": _l("Ausweiskopie aufbewahrt"),
    "document.passed_on": _l("weitergegeben"),
}


@bp.app_template_filter("document_action")
def document_action(code: str) -> str:
    return str(ACTIONS.get(code, code))

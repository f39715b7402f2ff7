"""Documents in the case file: uploads checked by content, kept by hash, read (text layer, OCR),
viewed and downloaded only within the file's scope, every access audited."""

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..contributions import CLIENT_DUE, CLIENT_FILE, NOTE_SEARCH, Part, contribute
from . import views_documents, views_passing, views_sightings, views_types  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp
from .cli import documents_cli
from .queries import due_items, file_context
from .search import search_hits

DEFAULTS = {
    "DOCUMENTS_MAX_BYTES": 20 * 1024 * 1024,
    # OCR when Tesseract with German is installed; False switches it off.
    "DOCUMENTS_OCR": True,
    "DOCUMENTS_TESSERACT": "tesseract",
}


def init_app(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.config.setdefault("DOCUMENTS_PATH", str(Path(app.instance_path) / "documents"))
    app.register_blueprint(bp)
    app.cli.add_command(documents_cli)
    contribute(
        app,
        Part(
            CLIENT_FILE,
            "documents",
            file_context,
            "documents/_file_section.html",
            order=65,
            permission="document.read",
            label=_l("Dokumente"),
        ),
    )
    contribute(app, Part(CLIENT_DUE, "documents", due_items, permission="document.read"))
    contribute(
        app,
        Part(
            CLIENT_FILE,
            "disclosed_documents",
            views_passing.passed_on,
            permission="document.read",
            sections_only=True,
        ),
    )
    contribute(
        app,
        Part(NOTE_SEARCH, "document_search", search_hits, "documents/_search_hits.html", permission="document.read"),
    )

"""German error pages that tell the user what to do and leak nothing; fragments for htmx."""

from urllib.parse import urlsplit

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db
from .htmx import is_htmx, is_partial

MESSAGES = {
    400: (
        _l("Ungültige Anfrage"),
        _l(
            "Die Anfrage konnte nicht verarbeitet werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."
        ),
    ),
    403: (
        _l("Keine Berechtigung"),
        _l("Für diese Seite fehlt Ihnen die Berechtigung. Wenden Sie sich bei Bedarf an Ihre Teamleitung."),
    ),
    404: (_l("Nicht gefunden"), _l("Diese Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.")),
    405: (_l("Nicht erlaubt"), _l("Diese Aktion ist hier nicht möglich.")),
    409: (
        _l("Inzwischen geändert"),
        _l(
            "Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte laden Sie ihn neu; Ihre Eingaben sind noch sichtbar."
        ),
    ),
    413: (_l("Zu groß"), _l("Die gesendeten Daten sind zu groß.")),
    422: (_l("Eingaben prüfen"), _l("Bitte prüfen Sie die markierten Eingaben.")),
    429: (_l("Zu viele Versuche"), _l("Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einige Minuten.")),
    # A part of kimweb that needs something the server lacks (e.g. WeasyPrint for PDFs).
    503: (_l("Nicht verfügbar"), _l("Diese Funktion steht auf diesem Server gerade nicht zur Verfügung.")),
    500: (
        _l("Technischer Fehler"),
        _l(
            "Es ist ein technischer Fehler aufgetreten. Ihre letzte Aktion wurde nicht gespeichert. "
            "Bitte versuchen Sie es erneut; bleibt der Fehler, melden Sie ihn der Administration."
        ),
    ),
}
CSRF_MESSAGE = _l(
    "Das Formular war abgelaufen oder unvollständig. Bitte laden Sie die Seite neu und senden Sie es erneut."
)


def error_response(status: int, message=None):
    title, text = MESSAGES.get(status, MESSAGES[500])
    text = message or text
    if is_partial():
        # Leave the page as it is and show the message in the flash area.
        flash(text, "error")
        response = make_response(render_template("_flash.html", messages=[("error", text)], oob=True), status)
        response.headers["HX-Reswap"] = "none"
        return response
    return render_template("errors/error.html", status=status, title=title, text=text), status


def _current_path() -> str | None:
    """The path of the page htmx sent from (HX-Current-URL): only a plain path of this site; a
    malformed, oversized or foreign value counts as none."""
    raw = request.headers.get("HX-Current-URL", "")
    if not raw or len(raw) > 2000:
        return None
    try:
        path = urlsplit(raw).path
    except ValueError:  # "http://[" and the like
        return None
    if not path.startswith("/") or path.startswith("//") or not path.isprintable() or "\\" in path:
        return None
    return path


def unauthorized_response():
    """Not logged in (or the session expired): to the login page, also from an htmx request."""
    if is_htmx():
        current = _current_path()
        response = make_response("", 401)
        response.headers["HX-Redirect"] = url_for("auth.login", next=current)
        return response
    # Only the path: query strings may hold search words, which must not land in logs.
    return redirect(url_for("auth.login", next=request.path))


def register(app) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error):
        return error_response(400, CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        # abort(409, _("...")) brings its own German text; werkzeug's English defaults never show.
        own = error.description if error.description != type(error).description else None
        return error_response(error.code if error.code in MESSAGES else 400, own)

    @app.errorhandler(InternalServerError)
    def _internal(_error):
        db.session.rollback()
        return error_response(500)

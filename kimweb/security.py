"""Who may do what: roles -> permissions, @requires on every view, sessions, security headers.

Permissions are data: the table below is the one place to read or change them. Which records a
user may see is decided by one scoped helper per kind of record; views load records only through
them, and a record the user may not open answers 404, like one that does not exist:

- clients: kimweb/clients/access.py: visibility() (the WHERE condition: case manager, named
  deputies, team lead of the district or of the case manager's team), visible_clients(),
  client_or_404() (audits the read), part_or_404() for a record of a file (status, consent,
  goal...), reception_lookup() (the reception-safe fields, for check-in).
- notes: kimweb/notes/access.py: readable(), can_read(), can_change(), note_or_404(); always
  after the client came through client_or_404().
- referrals: parts of a file: part_or_404(Referral, id, client) after client_or_404(); the lists
  (kimweb/referrals/queries.py) filter with clients.access.visibility().
- visits: kimweb/reception/queue.py: visit_or_404() (scoped by visits.in_scope), may_see_reason() (the concern only for the
  desk and the colleague it is meant for); which step a user may take on a visit is decided by
  the queue service (kimweb/reception/visits.py: allowed_targets()).
- appointments: parts of a file (kimweb/appointments/queries.py: appointment_of() after
  client_or_404()); the week, the start page and the interpreter requests filter with
  clients.access.visibility(); reception's expected_today() gives the check-in fields only.
- report figures: counts only, never a client's data; a team lead's reports are fixed to their
  own team (kimweb/kim_reports/views_kim.py: own_team()), the coordination's are always suppressed.
"""

from functools import wraps

from flask import abort, current_app, flash, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from .errors import error_response
from .timeutil import utcnow

# Endpoints that answer without login. Everything else must carry @requires.
# reception.screen: the waiting-room wall screen, reachable only with a revocable screen key.
# auth.oidc_*: the way to the city's login page and back (state, nonce and PKCE checked).
# appointments.feed: a case manager's calendar feed, reachable only with a long renewable token,
# without client names or case content (kimweb/appointments/feed.py).
PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "auth.login",
        "auth.oidc_start",
        "auth.oidc_callback",
        "home.healthz",
        "reception.screen",
        "appointments.feed",
    }
)

_EVERYONE = {"start.view", "account.own"}
# directory.internal: internal contacts and confidential addresses (never on client handouts).
# referral.stats: a service's referral figures (counts only, never client data).
_STAFF = _EVERYONE | {"directory.read", "directory.suggest", "directory.tip", "directory.internal", "referral.stats"}
# client.lookup: name, birth year and case manager only (reception check-in), see clients/access.py.
# notes.write: contact notes on the files one may open (which notes: kimweb/notes/access.py).
# document.read/write: the documents of the files one may open (confidential ones: kimweb/documents/access.py).
# referral.write: refer clients of the files one may open; data leaves only under a matching consent.
# directory.propose: propose a new agency or service (waits in the moderation queue).
# appointment.read/write: the appointments of the files one may open, and one's own week;
# interpreter.request: ask for an interpreter for such an appointment (kimweb/appointments/);
# interpreter.read: the office's list of interpreters and their languages.
_CASEWORK = _STAFF | {
    "appointment.read",
    "appointment.write",
    "interpreter.request",
    "interpreter.read",
    "directory.propose",
    "client.read",
    "client.create",
    "client.write",
    "client.lookup",
    "directory.verify",
    "notes.write",
    "referral.write",
    "document.read",
    "document.write",
}
# letter.write: letters from templates and forms to sign, for the files one may open (kimweb/letters/).
_LETTERS = {"letter.write"}
# Reception desk: check-in and corrections at the counter; calling people in ("who is waiting
# for me"); reception.visit lets both move a visit on, the queue service decides which step.
# appointment.expected: today's expected arrivals (time, name as for check-in, case manager, room).
_DESK = {"reception.desk", "reception.board", "reception.visit", "appointment.expected"}
_CALLING = {"reception.queue_own", "reception.visit"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "reception": frozenset(_STAFF | {"client.lookup"} | _DESK),
    # privacy.export: the Art. 15 export of a file one answers for (kimweb/privacy/).
    "case_manager": frozenset(_CASEWORK | _CALLING | _LETTERS | {"privacy.export"}),
    # notes.search_team: full-text search over the notes of all the team's files (audited).
    # referral.override: pass data on without a matching consent, with a written reason (logged).
    "team_lead": frozenset(
        _CASEWORK
        | _CALLING
        | _LETTERS
        | {
            "client.reassign",
            "team.read",
            "reception.board",
            "reception.stats",
            "notes.search_team",
            "referral.override",
            "privacy.export",
            "privacy.restrict",
            "privacy.erase",
            "privacy.retention",
            "report.read",
            "appointment.stats",
            "interpreter.manage",
            "import.run",
        }
    ),
    # import.run: take over the office's Excel lists (kimweb/imports/): a team lead for the case
    # managers of their team, an admin (import.all) for any, matching against every file.
    # The KIM coordinator: the figures of every team, aggregated and with small numbers
    # suppressed (kimweb/reports/suppression.py), never a client's file (no client.read).
    # report.all: all teams; report.exact would show exact small counts (only a team lead's own).
    "coordination": frozenset(_STAFF | {"report.read", "report.all"}),
    # The data-protection officer: the audit trail and the privacy registers, never file content
    # (no client.read, so every file answers 404).
    "dpo": frozenset(_EVERYONE | {"audit.read", "privacy.dpo"}),
    "admin": frozenset(
        _STAFF
        | {
            "users.manage",
            "audit.read",
            "directory.edit",
            "directory.moderate",
            "directory.propose",
            "directory.import",
            "directory.verify",
            "reception.screens",
            "document.types",
            # letter.templates: the letter templates and the office's texts (privacy information).
            "letter.templates",
            "interpreter.read",
            "interpreter.manage",
            "import.run",
            "import.all",
        }
    ),
}

ROLE_LABELS = {
    "reception": _l("Empfang"),
    "case_manager": _l("Fallmanagement"),
    "team_lead": _l("Teamleitung"),
    "coordination": _l("KIM-Koordination"),
    "admin": _l("Administration"),
    "dpo": _l("Datenschutz"),
}


ROLES = tuple(ROLE_PERMISSIONS)


def roles_with(permission: str) -> tuple[str, ...]:
    """The roles that hold a permission, e.g. who can be assigned files: roles_with("client.read")."""
    return tuple(role for role, granted in ROLE_PERMISSIONS.items() if permission in granted)


def hide_forbidden(bp) -> None:
    """Whoever may not use a blueprint's area learns nothing about it, not even that it exists: a 403
    there answers the same 404 as a record they may not open."""

    @bp.errorhandler(403)
    def _hide_existence(_error):
        return error_response(404)


def has_permission(permission: str, user=None) -> bool:
    user = user or current_user
    if not user.is_authenticated:
        return False
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def requires(*permissions: str):
    """Declare what a view needs; unauthenticated users are sent to the login page."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if not all(has_permission(p) for p in permissions):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permissions = permissions
        return wrapped

    return decorator


def enforce_idle_timeout() -> None:
    """Log out a session idle for longer than IDLE_TIMEOUT, or older than SESSION_MAX_AGE however
    busy (a working day); the server decides, not the cookie."""
    if not current_user.is_authenticated:
        return
    now = utcnow().timestamp()
    last_seen = session.get("seen", 0)
    # A session without its login time (from before this rule) counts as ended.
    if now - session.get("since", 0) > current_app.config["SESSION_MAX_AGE"].total_seconds():
        hours = current_app.config["SESSION_MAX_AGE"].total_seconds() / 3600
        _end_session(
            _l(
                "Ihre Sitzung ist nach %(hours)s Stunden abgelaufen. Bitte melden Sie sich erneut an.",
                hours=f"{hours:g}".replace(".", ","),
            )
        )
        return
    if now - last_seen > current_app.config["IDLE_TIMEOUT"].total_seconds():
        _end_session(_l("Ihre Sitzung ist wegen Inaktivität abgelaufen. Bitte melden Sie sich erneut an."))
        return
    # Automatic refreshes (a polling queue board) do not count as activity. Writing the cookie
    # at most once a minute keeps responses cacheable and cheap.
    if request.headers.get("X-Kimweb-Poll") != "1" and now - last_seen > 60:
        session["seen"] = now


def _end_session(message) -> None:
    logout_user()
    session.clear()
    flash(message, "info")


def start_session(user) -> None:
    """Replace whatever session there was with a fresh one for this user; its login time bounds
    its life (SESSION_MAX_AGE), however busy it stays."""
    session.clear()
    session["seen"] = session["since"] = utcnow().timestamp()


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.endpoint != "static":
        # Pages may hold personal data: never in a browser or proxy cache.
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
        response.vary.add("HX-Request")
        response.vary.add("Cookie")
    return response

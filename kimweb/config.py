"""Default settings; instance/config.py and KIMWEB_* environment variables override them."""

from datetime import timedelta

# A key that only debug, demo and test runs may use: create_app refuses it otherwise.
INSECURE_DEFAULT_SECRET_KEY = "kimweb-insecure-default-key"


# Settings that are yes or no. From the environment they arrive as text (Flask's from_prefixed_env
# turns "true"/"1" into True/1 and leaves "False" or "no" a non-empty, truthy string): create_app
# reads them strictly with parse_boolean and refuses anything else, so KIMWEB_DEMO=no is off.
BOOLEAN_SETTINGS = (
    "DEBUG",
    "TESTING",
    "DEMO",
    "SESSION_COOKIE_HTTPONLY",
    "LOCAL_LOGIN",
    "LDAP_STARTTLS",
    "LDAP_ALLOW_PLAIN",
    "DOCUMENTS_OCR",
)
# Yes, no, or unset (None: decided per request, see Defaults.SESSION_COOKIE_SECURE).
TRISTATE_SETTINGS = ("SESSION_COOKIE_SECURE",)
_TRUE = frozenset({"1", "true", "yes", "ja", "on"})
_FALSE = frozenset({"0", "false", "no", "nein", "off"})
_UNSET = frozenset({"", "auto", "none", "null"})


def parse_boolean(name: str, value: object, *, unset_allowed: bool = False) -> bool | None:
    """True or False from a bool, 1/0, or true/false, yes/no, ja/nein, on/off in any case; None
    (unset) only for tri-state settings. Anything else raises, naming the setting."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if value is None and unset_allowed:
        return None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        if unset_allowed and word in _UNSET:
            return None
    allowed = "1/0, true/false, yes/no, ja/nein, on/off" + (
        ", or auto (empty) to decide per request" if unset_allowed else ""
    )
    raise RuntimeError(
        f"kimweb refuses to start: {name} (KIMWEB_{name} or instance/config.py) is {value!r}, which is not "
        f"a yes or no. Use one of {allowed} (any case)."
    )


class Defaults:
    SECRET_KEY = INSECURE_DEFAULT_SECRET_KEY
    # Filled in by create_app: instance/kimweb.sqlite3 unless DATABASE_URL is set.
    DATABASE_URL = None
    # create_app gives each app its own copy (and adds pool_pre_ping on PostgreSQL).
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {}
    # PostgreSQL: seconds to wait for a connection, and the longest a statement may run (0: no
    # limit; e.g. for a long migration: KIMWEB_DATABASE_STATEMENT_TIMEOUT=0 kimweb-flask db upgrade).
    # Below gunicorn's --timeout 60, so a stuck database answers 500/503 instead of hanging workers.
    DATABASE_CONNECT_TIMEOUT = 5
    DATABASE_STATEMENT_TIMEOUT = 30
    # SQLite: FULL (every commit on disk before it returns) or NORMAL (faster, may lose the last
    # commits on power loss) or EXTRA.
    SQLITE_SYNCHRONOUS = "FULL"
    # /healthz: 503 when the database takes longer than this (seconds), or the instance folder or
    # the document store has less free space than either limit.
    HEALTHZ_SLOW_SECONDS = 2
    HEALTHZ_MIN_FREE_MB = 500
    HEALTHZ_MIN_FREE_PERCENT = 5
    # Demo mode allows the default key and shows the demo banner (make run sets it).
    DEMO = False

    # Sessions: a browser-session cookie, idle timeout enforced on the server.
    SESSION_COOKIE_NAME = "kimweb_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # None: Secure whenever the request came over HTTPS (behind a proxy: set PROXY_FIX).
    SESSION_COOKIE_SECURE = None
    IDLE_TIMEOUT = timedelta(minutes=30)
    # However busy, a session ends this long after its login: a working day (minutes or a timedelta).
    SESSION_MAX_AGE = timedelta(hours=10)
    # How many reverse proxies set X-Forwarded-* in front of the app (0: none).
    PROXY_FIX = 0

    # CSRF tokens live as long as the session does, so a long note never fails on submit.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]

    # Login throttling: failures within the window, per account and per address.
    LOGIN_WINDOW = timedelta(minutes=15)
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20

    # Single sign-on with the city's accounts (docs/deploy.md, "Anmeldung mit Stadtkonten").
    # LOCAL_LOGIN False: kimweb passwords only for the break-glass accounts in LOCAL_LOGIN_USERS.
    LOCAL_LOGIN = True
    LOCAL_LOGIN_USERS: list[str] = []
    # Directory group or OIDC group/role -> kimweb role and team; the first group listed that
    # a person belongs to decides. No role, no account.
    SSO_GROUP_ROLES: dict[str, str] = {}
    SSO_GROUP_TEAMS: dict[str, str] = {}
    # How often a signed-in SSO session asks the directory again (minutes or a timedelta).
    SSO_RECHECK_INTERVAL = timedelta(minutes=5)

    # OpenID Connect: on when OIDC_ISSUER is set.
    OIDC_ISSUER = None
    OIDC_METADATA_URL = None  # default: OIDC_ISSUER + /.well-known/openid-configuration
    OIDC_CLIENT_ID = None
    OIDC_CLIENT_SECRET = None
    OIDC_SCOPES = "openid profile email"
    OIDC_USERNAME_CLAIM = "preferred_username"
    OIDC_NAME_CLAIM = "name"
    OIDC_GROUPS_CLAIM = "groups"  # dotted for nested claims, e.g. realm_access.roles
    OIDC_TIMEOUT = 10

    # LDAP / Active Directory: on when LDAP_URL is set. ldaps:// or LDAP_STARTTLS; plain LDAP
    # only with LDAP_ALLOW_PLAIN (tests).
    LDAP_URL = None
    LDAP_STARTTLS = False
    LDAP_ALLOW_PLAIN = False
    LDAP_CA_FILE = None
    LDAP_BIND_DN = None
    LDAP_BIND_PASSWORD = None
    LDAP_USER_BASE_DN = None
    LDAP_USER_FILTER = "(&(objectClass=inetOrgPerson)(uid={username}))"
    LDAP_NAME_ATTRIBUTE = "displayName"
    # Accounts this filter matches are disabled (AD: userAccountControl bit 2).
    LDAP_DISABLED_FILTER = None
    LDAP_GROUP_BASE_DN = None
    LDAP_GROUP_FILTER = "(|(member={dn})(uniqueMember={dn}))"
    LDAP_TIMEOUT = 5

    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    LANGUAGES = {"de": "Deutsch", "en": "English"}

    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    # Directory imports (HSDS package or flat list): at most this many data rows in one import.
    DIRECTORY_IMPORT_MAX_ROWS = 100_000
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=1)

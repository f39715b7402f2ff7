"""Default settings; instance/config.py and KIMWEB_* environment variables override them."""

from datetime import timedelta

# A key that only debug, demo and test runs may use: create_app refuses it otherwise.
INSECURE_DEFAULT_SECRET_KEY = "kimweb-insecure-default-key"


class Defaults:
    SECRET_KEY = INSECURE_DEFAULT_SECRET_KEY
    # Filled in by create_app: instance/kimweb.sqlite3 unless DATABASE_URL is set.
    DATABASE_URL = None
    # create_app gives each app its own copy (and adds pool_pre_ping on PostgreSQL).
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {}
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

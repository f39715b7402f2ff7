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
    # How many reverse proxies set X-Forwarded-* in front of the app (0: none).
    PROXY_FIX = 0

    # CSRF tokens live as long as the session does, so a long note never fails on submit.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]

    # Login throttling: failures within the window, per account and per address.
    LOGIN_WINDOW = timedelta(minutes=15)
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20

    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    LANGUAGES = {"de": "Deutsch", "en": "English"}

    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=1)

"""kimweb: case management for the Kommunales Integrationsmanagement. create_app() builds the app."""

import logging
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    admin,
    appointments,
    audit,
    auth,
    cli,
    clients,
    directory,
    documents,
    errors,
    home,
    imports,
    kim_reports,
    letters,
    lifeareas,
    notes,
    privacy,
    reception,
    referrals,
    templating,
)
from . import config as config_module
from .auth.models import User
from .database import configure_engine, hide_values_in_logs
from .extensions import babel, csrf, db, login_manager, migrate
from .fields import IdConverter, parse_id, parse_number
from .htmx import add_oob_flashes
from .security import enforce_idle_timeout, set_security_headers

ROOT = Path(__file__).resolve().parent.parent

# The features in the order they build on each other; each plugs in with init_app(app).
FEATURES = (
    home,
    auth,
    admin,
    directory,
    clients,
    notes,
    referrals,
    documents,
    letters,
    reception,
    appointments,
    kim_reports,
    privacy,
    imports,
)
# Models outside the features, imported so their tables join db.metadata (migrations, tests).
_CORE_MODELS = (audit, lifeareas)


class _SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over HTTPS, unless config says."""

    def get_cookie_secure(self, app):
        configured = app.config["SESSION_COOKIE_SECURE"]
        return request.is_secure if configured is None else bool(configured)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("KIMWEB_INSTANCE_PATH", str(ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config_module.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("KIMWEB")
    if test_config:
        app.config.from_mapping(test_config)
    _finish_config(app)

    app.session_interface = _SessionInterface()
    app.url_map.converters["int"] = IdConverter
    if app.config["PROXY_FIX"]:
        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, default_translation_directories="translations")

    with app.app_context():
        configure_engine(db.engine)

    # Before the features: they may add commands to the groups cli.py builds (`flask users`).
    cli.register(app)
    for feature in FEATURES:
        feature.init_app(app)
    _register_hooks(app)
    hide_values_in_logs()

    errors.register(app)
    templating.register(app)
    return app


def _finish_config(app: Flask) -> None:
    config = app.config
    if app.template_folder is None or not Path(app.template_folder).is_dir():
        raise RuntimeError(
            f"kimweb cannot find its templates at {app.template_folder}. Install it from its source "
            "folder with `pip install -e .` (templates/ and static/ live beside the package)."
        )
    # Yes/no settings strictly: KIMWEB_DEMO=no or False must be off, not a truthy string.
    for key in config_module.BOOLEAN_SETTINGS:
        if key in config:
            config[key] = config_module.parse_boolean(key, config[key])
    for key in config_module.TRISTATE_SETTINGS:
        if key in config:
            config[key] = config_module.parse_boolean(key, config[key], unset_allowed=True)
    # Durations may come from the environment as plain numbers: minutes.
    for key in ("IDLE_TIMEOUT", "SESSION_MAX_AGE", "LOGIN_WINDOW"):
        value = config[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            config[key] = timedelta(minutes=value)
        elif not isinstance(value, timedelta):
            raise RuntimeError(f"{key} must be a number of minutes or a timedelta, not {value!r}")
    url = config.get("DATABASE_URL") or f"sqlite:///{Path(app.instance_path) / 'kimweb.sqlite3'}"
    # psycopg 3 is the driver we install; accept the plain postgresql:// spelling too.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    config["SQLALCHEMY_DATABASE_URI"] = url
    # A copy of its own for each app: the default is one dict on the Defaults class.
    config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    # Parameters are what people typed (client names, search words): an error message or an echo
    # log of a statement never shows them, whatever the configuration says.
    config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] = True
    for key in (
        "DATABASE_CONNECT_TIMEOUT",
        "DATABASE_STATEMENT_TIMEOUT",
        "HEALTHZ_SLOW_SECONDS",
        "HEALTHZ_MIN_FREE_MB",
        "HEALTHZ_MIN_FREE_PERCENT",
    ):
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise RuntimeError(f"{key} must be a number (0 or more), not {value!r}")
    synchronous = str(config["SQLITE_SYNCHRONOUS"]).upper()
    if synchronous not in ("NORMAL", "FULL", "EXTRA"):
        raise RuntimeError(f"SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA, not {config['SQLITE_SYNCHRONOUS']!r}")
    config["SQLITE_SYNCHRONOUS"] = synchronous
    if url.startswith("postgresql"):
        options = config["SQLALCHEMY_ENGINE_OPTIONS"]
        options.setdefault("pool_pre_ping", True)
        # A server that accepts connections but never answers must not hold every request.
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("connect_timeout", max(1, round(config["DATABASE_CONNECT_TIMEOUT"])))
        if config["DATABASE_STATEMENT_TIMEOUT"]:
            milliseconds = round(config["DATABASE_STATEMENT_TIMEOUT"] * 1000)
            connect_args.setdefault("options", f"-c statement_timeout={milliseconds}")
        options["connect_args"] = connect_args
    if url.startswith("sqlite:///"):
        database = Path(url.removeprefix("sqlite:///"))
        if not database.exists() and not (app.testing or config["DEMO"]):
            # Decided here: start (a new installation runs `flask db upgrade` next), but say so;
            # /healthz answers 503 until the database is migrated and has accounts.
            logging.getLogger(__name__).warning(
                "kimweb: the SQLite database %s does not exist yet and will be created empty. If this is "
                "not a new installation, check KIMWEB_INSTANCE_PATH / KIMWEB_DATABASE_URL.",
                database,
            )
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    insecure = config["SECRET_KEY"] in (None, "", config_module.INSECURE_DEFAULT_SECRET_KEY)
    if insecure and not (app.debug or app.testing or config["DEMO"]):
        raise RuntimeError(
            "kimweb refuses to start with the default SECRET_KEY. Set KIMWEB_SECRET_KEY (a long random "
            "value, e.g. from `python -c 'import secrets; print(secrets.token_hex(32))'`) or SECRET_KEY "
            "in instance/config.py. Only debug and demo mode (KIMWEB_DEMO=1) may use the default."
        )


def _select_locale():
    if not has_request_context():
        return None
    if current_user and current_user.is_authenticated:
        return current_user.locale
    return request.accept_languages.best_match(["de", "en"], default="de")


# Every request's account, with its team (every page's header names it): built once, since
# building the statement costs more than running it.
_USER_WITH_TEAM = select(User).options(joinedload(User.team)).where(User.id == bindparam("user_id"))


def _register_hooks(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        # The cookie holds "<id>.<session version>": an old copy no longer matches.
        id_text, _, version_text = token.partition(".")
        user_id, version = parse_id(id_text), parse_number(version_text)
        if user_id is None or version is None:
            return None
        user = db.session.scalar(_USER_WITH_TEAM, {"user_id": user_id})
        if user is None or not user.active or user.session_version != version:
            return None
        return user

    @login_manager.unauthorized_handler
    def unauthorized():
        return errors.unauthorized_response()

    @app.before_request
    def _idle_timeout():
        if request.endpoint != "static":
            enforce_idle_timeout()

    app.after_request(add_oob_flashes)
    app.after_request(set_security_headers)

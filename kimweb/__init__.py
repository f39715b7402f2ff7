"""kimweb: case management for the Kommunales Integrationsmanagement. create_app() builds the app."""

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from . import (
    admin,
    audit,
    auth,
    cli,
    clients,
    directory,
    documents,
    errors,
    home,
    lifeareas,
    notes,
    reception,
    referrals,
    reports,
    templating,
)
from . import config as config_module
from .auth.models import User
from .database import configure_engine
from .extensions import babel, csrf, db, login_manager, migrate
from .htmx import add_oob_flashes
from .security import enforce_idle_timeout, set_security_headers

ROOT = Path(__file__).resolve().parent.parent

# The features in the order they build on each other; each plugs in with init_app(app).
FEATURES = (home, auth, admin, directory, clients, notes, referrals, documents, reception, reports)
# Models outside the features, imported so their tables join db.metadata (migrations, tests).
_CORE_MODELS = (audit, lifeareas)


class _IdConverter(IntegerConverter):
    """<int:...> in routes: ids past the database's integer range cannot exist, so they answer 404
    instead of reaching PostgreSQL as an out-of-range error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


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
    app.url_map.converters["int"] = _IdConverter
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
    # Durations may come from the environment as plain numbers: minutes.
    for key in ("IDLE_TIMEOUT", "LOGIN_WINDOW"):
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
    if url.startswith("postgresql"):
        config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault("pool_pre_ping", True)
    if url.startswith("sqlite:///"):
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


def _register_hooks(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        # The cookie holds "<id>.<session version>": an old copy no longer matches.
        user_id, _, version = token.partition(".")
        if not user_id.isdigit() or not version.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.session_version != int(version):
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

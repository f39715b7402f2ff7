"""The app factory: configuration layers, refusal of the default key, the database URL."""

import pytest

from kimweb import create_app
from kimweb.config import INSECURE_DEFAULT_SECRET_KEY, Defaults


@pytest.fixture
def instance(tmp_path, monkeypatch):
    for name in ("KIMWEB_SECRET_KEY", "KIMWEB_DATABASE_URL", "KIMWEB_DEMO", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KIMWEB_INSTANCE_PATH", str(tmp_path))
    return tmp_path


def test_refuses_default_secret_key_outside_debug_and_demo(instance):
    with pytest.raises(RuntimeError, match="KIMWEB_SECRET_KEY"):
        create_app()


def test_demo_mode_may_use_default_key(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_DEMO", "1")
    app = create_app()
    assert app.config["SECRET_KEY"] == INSECURE_DEFAULT_SECRET_KEY


def test_testing_may_use_default_key(instance):
    assert create_app({"TESTING": True}).testing


def test_layers_defaults_then_instance_file_then_environment(instance, monkeypatch):
    (instance / "config.py").write_text("SECRET_KEY = 'from-instance-file'\nIDLE_TIMEOUT_NOTE = 'x'\n")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-instance-file"
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "from-environment")
    assert create_app().config["SECRET_KEY"] == "from-environment"


def test_sqlite_in_instance_folder_is_the_default(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'kimweb.sqlite3'}"


def test_postgresql_url_uses_psycopg3(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_DATABASE_URL", "postgresql://kim@db.local/kimweb")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://kim@db.local/kimweb"


def test_wsgi_exposes_app(instance, monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    sys.modules.pop("wsgi", None)
    wsgi = importlib.import_module("wsgi")
    assert wsgi.app.name == "kimweb"


def test_proxy_fix_is_optional(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_PROXY_FIX", "1")
    app = create_app()
    assert type(app.wsgi_app).__name__ == "ProxyFix"


def test_durations_from_the_environment_are_minutes(instance, monkeypatch):
    from datetime import timedelta

    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_IDLE_TIMEOUT", "20")
    assert create_app().config["IDLE_TIMEOUT"] == timedelta(minutes=20)
    monkeypatch.setenv("KIMWEB_IDLE_TIMEOUT", '"soon"')
    with pytest.raises(RuntimeError, match="IDLE_TIMEOUT"):
        create_app()


def test_apps_do_not_share_engine_options(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_DATABASE_URL", "postgresql://kim@db.local/kimweb")
    on_postgresql = create_app()
    monkeypatch.delenv("KIMWEB_DATABASE_URL")
    on_sqlite = create_app()
    assert on_postgresql.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert "pool_pre_ping" not in on_sqlite.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert Defaults.SQLALCHEMY_ENGINE_OPTIONS == {}


@pytest.mark.parametrize("word", ["False", "false", "no", "NO", "nein", "off", "0", " Off "])
def test_demo_switched_off_in_words_is_off(instance, monkeypatch, word):
    """KIMWEB_DEMO=False used to be a truthy string: demo mode, and with it the public default key."""
    monkeypatch.setenv("KIMWEB_DEMO", word)
    with pytest.raises(RuntimeError, match="default SECRET_KEY"):
        create_app()
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    assert create_app().config["DEMO"] is False


@pytest.mark.parametrize("word", ["True", "true", "yes", "Ja", "ON", "1"])
def test_demo_switched_on_in_words_is_on(instance, monkeypatch, word):
    monkeypatch.setenv("KIMWEB_DEMO", word)
    assert create_app().config["DEMO"] is True


@pytest.mark.parametrize(
    "key", ["DEMO", "TESTING", "LOCAL_LOGIN", "LDAP_STARTTLS", "LDAP_ALLOW_PLAIN", "DOCUMENTS_OCR", "DEBUG"]
)
@pytest.mark.parametrize("word", ["2", "maybe", "nope", "", "null", "[]"])
def test_unknown_yes_no_values_refuse_to_start(instance, monkeypatch, key, word):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv(f"KIMWEB_{key}", word)
    with pytest.raises(RuntimeError, match=f"{key} .*is not a yes or no"):
        create_app()


def test_yes_no_settings_are_read_strictly(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_LOCAL_LOGIN", "nein")
    monkeypatch.setenv("KIMWEB_LDAP_STARTTLS", "yes")
    monkeypatch.setenv("KIMWEB_LDAP_ALLOW_PLAIN", "False")
    monkeypatch.setenv("KIMWEB_DOCUMENTS_OCR", "off")
    config = create_app().config
    assert (config["LOCAL_LOGIN"], config["LDAP_STARTTLS"], config["LDAP_ALLOW_PLAIN"]) == (False, True, False)
    assert config["DOCUMENTS_OCR"] is False


@pytest.mark.parametrize(
    ("word", "expected"), [("true", True), ("no", False), ("Nein", False), ("auto", None), ("", None), ("null", None)]
)
def test_session_cookie_secure_is_yes_no_or_auto(instance, monkeypatch, word, expected):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_SESSION_COOKIE_SECURE", word)
    assert create_app().config["SESSION_COOKIE_SECURE"] is expected


def test_session_cookie_secure_refuses_nonsense(instance, monkeypatch):
    monkeypatch.setenv("KIMWEB_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("KIMWEB_SESSION_COOKIE_SECURE", "sometimes")
    with pytest.raises(RuntimeError, match="SESSION_COOKIE_SECURE"):
        create_app()

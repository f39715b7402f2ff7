"""Logging in and out (kimweb passwords, OIDC, LDAP), one's own password and language."""

from datetime import timedelta

import click
from flask import Flask

from . import views_account, views_login, views_sso  # noqa: F401  (the routes join the blueprint)
from .blueprint import bp
from .cli_sync import sync_ldap
from .ldap_login import check_settings as check_ldap_settings
from .login_session import recheck
from .oidc import allow_logout_redirect, init_oidc
from .oidc import check_settings as check_oidc_settings
from .oidc import configured as oidc_configured
from .sso_accounts import check_mapping


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    _finish_sso_config(app)
    init_oidc(app)
    if oidc_configured(app):
        # Registered before security.py's headers hook, so it runs after it and sees the CSP.
        app.after_request(allow_logout_redirect)
    app.before_request(recheck)
    # `flask users` is built by kimweb/cli.py (registered before the features); the sync joins it.
    users = app.cli.commands.get("users")
    if not isinstance(users, click.Group):
        raise RuntimeError("kimweb/cli.py must register the `users` command group before the features")
    users.add_command(sync_ldap)

    @app.context_processor
    def _login_methods():
        return {"oidc_login": oidc_configured(app), "local_login": app.config["LOCAL_LOGIN"]}


def _finish_sso_config(app: Flask) -> None:
    config = app.config
    interval = config["SSO_RECHECK_INTERVAL"]
    if isinstance(interval, (int, float)) and not isinstance(interval, bool) and interval > 0:
        config["SSO_RECHECK_INTERVAL"] = timedelta(minutes=interval)
    elif not isinstance(interval, timedelta):
        raise RuntimeError(f"SSO_RECHECK_INTERVAL must be a number of minutes or a timedelta, not {interval!r}")
    check_mapping(config)
    check_ldap_settings(config)
    check_oidc_settings(config)

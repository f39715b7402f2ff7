"""Administration: staff accounts (admins manage users and the directory, never case content)."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import views  # noqa: E402,F401

"""The blueprint for logging in and out and one's own account."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

"""The blueprint of the start page and the health check."""

from flask import Blueprint

bp = Blueprint("home", __name__)

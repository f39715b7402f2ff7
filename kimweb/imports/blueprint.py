"""The list import's blueprint, under /import: for admin and team lead only (import.run)."""

from flask import Blueprint

from ..security import hide_forbidden

bp = Blueprint("imports", __name__, url_prefix="/import")
hide_forbidden(bp)

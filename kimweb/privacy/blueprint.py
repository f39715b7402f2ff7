"""The privacy blueprint: a person's rights (export, restriction, erasure), retention and the DPO's
pages. Whoever may not use a page learns nothing about it (403 answers 404)."""

from flask import Blueprint

from ..security import hide_forbidden

bp = Blueprint("privacy", __name__)
hide_forbidden(bp)

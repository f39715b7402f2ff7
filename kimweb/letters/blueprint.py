"""The letters blueprint: letters and forms in the case file (/klienten/<id>/briefe/...,
/klienten/<id>/formulare/...) and the office's templates and texts (/briefvorlagen/, /texte/)."""

from flask import Blueprint

from ..security import hide_forbidden

bp = Blueprint("letters", __name__)
hide_forbidden(bp)

"""The reports blueprint: the KIM reports, the Sachbericht and the team lead's overview under /berichte."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/berichte")

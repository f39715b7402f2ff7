"""The directory's search page: search as you type, the filters, the result list."""

from flask import render_template, request
from sqlalchemy import func, select

from ..extensions import db
from ..htmx import is_partial
from ..lifeareas import all_life_areas
from ..security import has_permission, requires
from .blueprint import bp
from .search import Filters, district_choices, find
from .upkeep_models import Suggestion


@bp.route("/")
@requires("directory.read")
def search():
    filters = Filters.from_args(request.args)
    results = find(filters)
    # Not htmx.render: each keystroke needs only the result list, not the page's other queries.
    if is_partial():
        return render_template("directory/_results.html", filters=filters, results=results, oob=True)
    open_suggestions = (
        db.session.scalar(select(func.count()).select_from(Suggestion).where(Suggestion.status == "open"))
        if has_permission("directory.moderate")
        else 0
    )
    return render_template(
        "directory/search.html",
        filters=filters,
        results=results,
        life_areas=all_life_areas(),
        districts=district_choices(),
        open_suggestions=open_suggestions,
    )

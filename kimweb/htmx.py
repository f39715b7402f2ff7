"""htmx conventions: what counts as a fragment request, redirects htmx follows, OOB flashes."""

from flask import get_flashed_messages, render_template, request


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def is_partial() -> bool:
    """True for an htmx request that wants a fragment: not boosted navigation, not a history
    restore (both need the whole page)."""
    return (
        is_htmx()
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render(full_template: str, fragment_template: str, **context):
    """Render the fragment for htmx fragment requests and the whole page otherwise."""
    return render_template(fragment_template if is_partial() else full_template, **context)


def add_oob_flashes(response):
    """Fragment responses carry pending flash messages out of band into the page's flash area."""
    if (
        not is_partial()
        or response.direct_passthrough
        or not response.mimetype == "text/html"
        or "HX-Redirect" in response.headers
        or response.status_code in (204, 301, 302, 303)
    ):
        return response
    messages = get_flashed_messages(with_categories=True)
    if messages:
        response.set_data(response.get_data() + render_template("_flash.html", messages=messages, oob=True).encode())
    return response

"""The security baseline across every route: permissions declared, CSRF enforced, headers set,
German error pages and fragments that leak nothing."""

import re

import pytest
from flask import abort
from werkzeug.routing import Rule

from kimweb.security import PUBLIC_ENDPOINTS, ROLE_PERMISSIONS

SAMPLE_ARGS = {"int": 1, "string": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def url_for_rule(rule: Rule) -> str:
    url = rule.rule
    for converter, name in re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule.rule):
        value = SAMPLE_ARGS.get(converter or "string", "x")
        url = re.sub(r"<[^>]*\b" + name + r">", str(value), url, count=1)
    return url


def all_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint != "static"]


def test_every_route_declares_a_permission(app):
    missing = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        if not getattr(view, "required_permissions", None):
            missing.append(rule.endpoint)
    assert missing == [], f"routes without @requires: {missing}"


def test_declared_permissions_exist_in_the_role_table(app):
    known = set().union(*ROLE_PERMISSIONS.values())
    for endpoint, view in app.view_functions.items():
        for permission in getattr(view, "required_permissions", ()):
            assert permission in known, f"{endpoint} needs unknown permission {permission}"


def test_public_allow_list_is_short():
    assert PUBLIC_ENDPOINTS == {
        "static",
        "auth.login",
        "auth.oidc_start",
        "auth.oidc_callback",
        "home.healthz",
        "reception.screen",
        "appointments.feed",
    }


def test_anonymous_users_are_sent_to_login_everywhere(app, client):
    for rule in all_rules(app):
        if rule.endpoint in PUBLIC_ENDPOINTS or "GET" not in rule.methods:
            continue
        response = client.get(url_for_rule(rule))
        assert response.status_code == 302, rule.rule
        assert "/login" in response.headers["Location"]


def test_every_post_without_csrf_token_is_refused(app, client, login_as):
    login_as("admin")
    posts = [r for r in all_rules(app) if "POST" in r.methods]
    assert posts
    for rule in posts:
        response = client.post(url_for_rule(rule), data={}, csrf=False)
        assert response.status_code == 400, rule.rule
        assert "Das Formular war abgelaufen" in response.text


def test_csrf_token_in_form_field_is_accepted(client, login_as):
    login_as("case_manager")
    token = client.csrf_token()
    response = client.post("/konto/sprache", data={"locale": "de", "csrf_token": token}, csrf=False)
    assert response.status_code == 303


REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def check_headers(response, where):
    for name, value in REQUIRED_HEADERS.items():
        assert response.headers.get(name) == value, (where, name)
    csp = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp, where
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, where
    assert response.headers.get("Cache-Control") == "no-store", where
    assert "HX-Request" in response.headers.get("Vary", ""), where


@pytest.mark.parametrize("role", [None, "reception", "case_manager", "team_lead", "admin"])
def test_headers_on_every_route_and_fragment(app, client, login_as, role):
    if role:
        login_as(role)
    for rule in all_rules(app):
        url = url_for_rule(rule)
        for headers in ({}, {"HX-Request": "true"}):
            if "GET" in rule.methods:
                check_headers(client.get(url, headers=headers), f"GET {url} {headers}")
            if "POST" in rule.methods:
                check_headers(client.post(url, data={}, headers=headers), f"POST {url} {headers}")
    check_headers(client.get("/does-not-exist"), "404")


def test_static_files_are_cacheable_and_safe(client):
    # Closed at the end: a file response holds the file open until then.
    with client.get("/static/kimweb.css") as response:
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_healthz_answers_without_login(client, make_user):
    make_user("admin")  # a database without accounts is unhealthy (tests/test_health.py)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


def test_role_without_permission_gets_403(client, login_as):
    login_as("case_manager")
    response = client.get("/admin/benutzer")
    assert response.status_code == 403
    assert "Keine Berechtigung" in response.text


@pytest.mark.parametrize(
    "status, title",
    [
        (400, "Ungültige Anfrage"),
        (403, "Keine Berechtigung"),
        (404, "Nicht gefunden"),
        (409, "Inzwischen geändert"),
        (422, "Eingaben prüfen"),
        (429, "Zu viele Versuche"),
    ],
)
def test_german_error_pages(app, client, login_as, status, title):
    app.add_url_rule(f"/test-error-{status}", f"error_{status}", lambda: abort(status))
    response = client.get(f"/test-error-{status}")
    assert response.status_code == status
    assert title in response.text
    assert "<html" in response.text
    # As an htmx fragment: nothing swapped, the message goes to the flash area.
    fragment = client.get(f"/test-error-{status}", headers={"HX-Request": "true"})
    assert fragment.status_code == status
    assert fragment.headers["HX-Reswap"] == "none"
    assert 'hx-swap-oob="true"' in fragment.text
    assert "<html" not in fragment.text


def test_500_page_leaks_nothing(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def boom():
        raise ValueError("secret internal detail /srv/kimweb/db password=hunter2")

    app.add_url_rule("/test-boom", "boom", boom)
    response = client.get("/test-boom")
    assert response.status_code == 500
    assert "Technischer Fehler" in response.text
    assert "hunter2" not in response.text and "Traceback" not in response.text


def test_expired_session_on_htmx_request_answers_hx_redirect(app, client, login_as):
    login_as("case_manager")
    with client.session_transaction() as session:
        session["seen"] -= app.config["IDLE_TIMEOUT"].total_seconds() + 5
    response = client.get("/konto", headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/konto?q=x"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/login?next=/konto"
    assert response.text == ""


def test_flash_messages_ride_out_of_band_on_fragments(app, client, login_as):
    from flask import flash

    login_as("case_manager")

    def fragment():
        flash("Gespeichert.", "success")
        return "<p>fragment</p>"

    app.add_url_rule("/test-fragment", "fragment", fragment)
    response = client.get("/test-fragment", headers={"HX-Request": "true"})
    assert '<div id="flash"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "Gespeichert." in response.text
    # A boosted (whole-page) request gets no OOB copy: the page renders the flash area itself.
    client.get("/test-fragment")  # consumes nothing new
    boosted = client.get("/test-fragment", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "hx-swap-oob" not in boosted.text


def test_page_has_htmx_config_and_csrf_header(client, login_as):
    login_as("case_manager")
    html = client.get("/").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html).group(1)
    import json

    parsed = json.loads(config)
    assert parsed["selfRequestsOnly"] is True
    assert parsed["allowScriptTags"] is False and parsed["allowEval"] is False
    assert parsed["historyCacheSize"] == 0 and parsed["refreshOnHistoryMiss"] is True
    assert any(rule["code"] == "422" and rule["swap"] for rule in parsed["responseHandling"])
    assert re.search(r'<div id="app"[^>]*hx-headers=\'\{"X-CSRFToken": "[^"]+"\}\'', html)
    assert "<body hx-headers" not in html
    assert "<script>" not in html and " style=" not in html


def test_ids_beyond_the_integer_range_are_404(client, login_as):
    login_as("admin")
    assert client.get("/admin/benutzer/99999999999999999999").status_code == 404
    assert client.get("/admin/benutzer/2147483648").status_code == 404

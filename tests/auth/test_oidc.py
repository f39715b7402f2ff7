"""OIDC login against a test double of the provider that signs real ID tokens: the happy path with PKCE,
forged state, wrong nonce, expired token, wrong audience and issuer, unknown groups, logout at the
provider, and the session guarantees for SSO users."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.auth.models import User
from kimweb.auth.sso_models import SsoGrant
from kimweb.extensions import db
from kimweb.timeutil import utcnow


@pytest.fixture
def sso_config(oidc_settings):
    return oidc_settings


def start(client, next_path="/konto"):
    response = client.get("/login/stadtkonto", query_string={"next": next_path})
    assert response.status_code == 302
    return response.headers["Location"]


def log_in(client, provider, **claims):
    """The whole round trip: kimweb -> provider (the person logs in) -> back to kimweb."""
    authorize_url = start(client)
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]
    code = provider.issue_code(authorize_url, **claims)
    return client.get("/login/stadtkonto/rueckkehr", query_string={"code": code, "state": state})


def actions():
    return [(e.action, e.detail) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_login_page_offers_the_city_account(client):
    page = client.get("/login").text
    assert "Mit dem Stadtkonto anmelden" in page
    assert 'href="/login/stadtkonto"' in page


def test_authorization_request_uses_pkce_state_and_nonce(client, provider):
    params = parse_qs(urlsplit(start(client)).query)
    assert urlsplit(start(client)).netloc == urlsplit(provider.issuer).netloc
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) >= 43
    assert params["state"][0] and params["nonce"][0]
    assert params["scope"] == ["openid profile email"]
    assert params["redirect_uri"] == ["http://localhost/login/stadtkonto/rueckkehr"]


def test_happy_path_creates_the_account_and_logs_in(client, provider):
    response = log_in(client, provider)
    assert response.status_code == 303
    assert response.headers["Location"] == "/konto"
    anna = db.session.scalar(select(User).where(User.username == "anna.becker"))
    assert (anna.auth_source, anna.external_id) == ("oidc", "f3b1c2d4-0000-4000-8000-000000000001")
    assert (anna.role, anna.team.name, anna.display_name) == ("case_manager", "Osterfeld", "Anna Becker")
    page = client.get("/konto").text
    assert "Anna Becker" in page
    assert "Ihr Passwort ändern Sie dort" in page
    assert ("login", "method=oidc") in actions()
    # The provider's keys were fetched once and are reused for the next login.
    assert provider.requests.count("/realms/stadt/protocol/openid-connect/certs") == 1
    client.post("/logout")
    assert log_in(client, provider).status_code == 303
    assert provider.requests.count("/realms/stadt/protocol/openid-connect/certs") == 1


def test_a_second_login_finds_the_account_by_subject(client, provider):
    log_in(client, provider)
    client.post("/logout")
    log_in(client, provider, preferred_username="anna.mueller", groups=["kim-teamleitung", "kim-sozialraum-osterfeld"])
    users = db.session.scalars(select(User)).all()
    assert [(u.username, u.role) for u in users] == [("anna.becker", "team_lead")]


def test_keycloak_group_paths_and_nested_role_claims(other_app, provider):
    with other_app(OIDC_GROUPS_CLAIM="realm_access.roles") as client:
        assert log_in(client, provider, groups=[], realm_access={"roles": ["/kim-admin"]}).status_code == 303
        assert db.session.scalar(select(User.role)) == "admin"


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"nonce": "a-nonce-from-another-login"}, id="wrong nonce"),
        pytest.param({"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}, id="expired"),
        pytest.param({"aud": "another-client"}, id="wrong audience"),
        pytest.param({"iss": "http://127.0.0.1:1/realms/evil"}, id="wrong issuer"),
    ],
)
def test_untrustworthy_id_tokens_are_refused(client, provider, claims):
    response = log_in(client, provider, **claims)
    assert response.status_code == 400
    assert "Die Anmeldung mit dem Stadtkonto ist fehlgeschlagen." in response.text
    assert client.get("/").status_code == 302
    assert db.session.scalar(select(User.id)) is None
    assert any(action == "login.failed" and detail.startswith("oidc") for action, detail in actions())


def test_token_signed_by_another_key_is_refused(client, provider, monkeypatch):
    forger = RSAKey.generate_key(2048, parameters={"kid": "key-1"})
    monkeypatch.setattr(provider, "sign", lambda claims: jwt.encode({"alg": "RS256", "kid": "key-1"}, claims, forger))
    assert log_in(client, provider).status_code == 400
    assert client.get("/").status_code == 302
    assert db.session.scalar(select(User.id)) is None


def test_wrong_state_is_refused(client, provider):
    authorize_url = start(client)
    code = provider.issue_code(authorize_url)
    response = client.get("/login/stadtkonto/rueckkehr", query_string={"code": code, "state": "forged-state"})
    assert response.status_code == 400
    assert "Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen." in response.text
    assert client.get("/").status_code == 302


def test_callback_in_another_browser_is_refused(app, client, provider):
    authorize_url = start(client)
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]
    code = provider.issue_code(authorize_url)
    # An attacker's code and state, sent to a victim's browser that started no login.
    victim = app.test_client()
    response = victim.get("/login/stadtkonto/rueckkehr", query_string={"code": code, "state": state})
    assert response.status_code == 400


def test_provider_error_is_refused(client):
    authorize_url = start(client)
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]
    response = client.get("/login/stadtkonto/rueckkehr", query_string={"error": "access_denied", "state": state})
    assert response.status_code == 400


def test_unknown_group_means_no_account(client, provider):
    response = log_in(client, provider, groups=["stadt-alle", "kim-sozialraum-osterfeld"])
    assert response.status_code == 403
    assert "Ihr Stadtkonto ist für kimweb nicht freigeschaltet." in response.text
    assert db.session.scalar(select(User.id)) is None
    assert ("login.refused", "oidc; no role") in actions()
    assert client.get("/").status_code == 302


def test_case_manager_without_team_gets_no_account(client, provider):
    assert log_in(client, provider, groups=["kim-fallmanagement"]).status_code == 403
    assert db.session.scalar(select(User.id)) is None


def test_losing_the_group_deactivates_the_account(client, provider):
    log_in(client, provider)
    client.post("/logout")
    assert log_in(client, provider, groups=["stadt-alle"]).status_code == 403
    assert db.session.scalar(select(User.active)) is False


def test_break_glass_account_cannot_be_taken_over(other_app, provider, make_user):
    with other_app(LOCAL_LOGIN_USERS=["anna.becker"]) as client:
        make_user("admin", username="anna.becker", team=None)
        response = log_in(client, provider)
        assert response.status_code == 403
        assert "lokales Notfallkonto" in response.text
        assert db.session.scalar(select(User.auth_source)) == "local"


def test_session_is_replaced_at_login(client, provider):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = client.get_cookie("kimweb_session").value
    log_in(client, provider)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert not any(key.startswith("_state_") for key in session)
        assert session["sso"]["method"] == "oidc"
        # The tokens stay on the server; the cookie holds only a random key.
        assert "refresh" not in str(session["sso"]) and len(session["sso"]["grant"]) >= 40
    assert client.get_cookie("kimweb_session").value != before


def test_logout_is_a_post_and_ends_the_provider_session_too(client, provider):
    log_in(client, provider)
    stolen = client.get_cookie("kimweb_session").value
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.issuer}/protocol/openid-connect/logout"
    params = parse_qs(target.query)
    assert params["post_logout_redirect_uri"] == ["http://localhost/login"]
    assert params["client_id"] == ["kimweb"]
    assert params["id_token_hint"][0].count(".") == 2
    assert db.session.scalar(select(SsoGrant.id)) is None
    client.set_cookie("kimweb_session", stolen)
    assert client.get("/").status_code == 302


def test_old_cookie_is_refused_after_deactivation(client, provider):
    log_in(client, provider)
    user = db.session.scalar(select(User))
    user.active = False
    user.end_all_sessions()
    db.session.commit()
    assert client.get("/").status_code == 302


def test_session_check_keeps_a_live_provider_session(client, provider):
    log_in(client, provider)
    with client.session_transaction() as session:
        session["sso"] = {**session["sso"], "checked": 0}
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        assert session["sso"]["checked"] > 0


def test_a_file_opened_in_the_request_that_checked_the_session_is_audited(client, provider, make_client):
    # The check writes (the provider's new refresh token) and commits; the page it let through
    # is a read again, whose audit row must commit on its own, not join a transaction never
    # committed.
    log_in(client, provider)
    person = make_client(db.session.scalar(select(User).where(User.username == "anna.becker")))
    with client.session_transaction() as session:
        session["sso"] = {**session["sso"], "checked": 0}
    assert client.get(f"/klienten/{person.id}").status_code == 200
    db.session.rollback()
    opened = db.session.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "client.opened")).all()
    assert opened == [str(person.id)]


def test_session_check_ends_access_when_the_provider_says_no(client, provider):
    log_in(client, provider)
    assert client.get("/").status_code == 200
    provider.refresh_tokens.clear()  # the account was disabled at the provider
    assert client.get("/").status_code == 200  # within the interval nothing is asked
    with client.session_transaction() as session:
        session["sso"] = {**session["sso"], "checked": 0}
    response = client.get("/")
    assert response.status_code == 302
    assert db.session.scalar(select(SsoGrant.id)) is None
    assert "Ihre Anmeldung beim Stadtkonto ist abgelaufen." in client.get("/login").text


def test_the_routes_are_gone_without_oidc(other_app):
    with other_app(OIDC_ISSUER=None) as client:
        assert client.get("/login/stadtkonto").status_code == 404
        assert client.get("/login/stadtkonto/rueckkehr").status_code == 404
        assert "Mit dem Stadtkonto anmelden" not in client.get("/login").text


def test_pages_allow_the_logout_form_to_end_at_the_provider(client, provider):
    log_in(client, provider)
    policy = client.get("/").headers["Content-Security-Policy"]
    assert f"form-action 'self' {provider.issuer.split('/realms')[0]};" in policy
    assert "script-src 'self';" in policy


def test_an_sso_session_ends_after_a_working_day_too(app, client, provider):
    assert log_in(client, provider).status_code == 303
    with client.session_transaction() as session:
        assert abs(session["since"] - utcnow().timestamp()) < 60  # the login time, stored at login
        session["since"] -= app.config["SESSION_MAX_AGE"].total_seconds() + 5
    assert client.get("/konto").status_code == 302

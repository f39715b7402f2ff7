"""Fixtures for single sign-on: a real OpenLDAP server (Debian's slapd through python-ldap's slapdtest,
on a free 127.0.0.1 port with a temporary database), a test double of an OpenID provider that signs
real ID tokens, and an `app` built with their settings (set `sso_config` in a test module)."""

import base64
import hashlib
import json
import os
import secrets
import shutil
import threading
import time
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from kimweb import create_app
from kimweb.extensions import db
from tests.conftest import KimClient, base_config

LDAP_SUFFIX = "dc=stadt,dc=test"
LDAP_SERVICE_DN = f"cn=kimweb,ou=services,{LDAP_SUFFIX}"
LDAP_SERVICE_PASSWORD = "service-secret-for-tests"
LDAP_PASSWORD = "Stadt-Passwort 2026"

GROUP_ROLES = {
    "kim-fallmanagement": "case_manager",
    "kim-teamleitung": "team_lead",
    "kim-empfang": "reception",
    "kim-admin": "admin",
}
GROUP_TEAMS = {"kim-sozialraum-osterfeld": "Osterfeld"}


def _people_ldif() -> str:
    people = [
        ("anna", "Anna Becker", ""),
        ("bernd", "Bernd Wolf", ""),
        ("carla", "Carla Jansen", ""),  # in no kimweb group
        ("dora", "Dora Lenz", "disabled"),
        ("anna2", "Anna Zweite", ""),
    ]
    entries = [
        f"dn: {LDAP_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: stadt\no: Stadt Test\n",
        f"dn: ou=people,{LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: ou=groups,{LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n",
        f"dn: ou=services,{LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: services\n",
        f"dn: {LDAP_SERVICE_DN}\nobjectClass: person\ncn: kimweb\nsn: kimweb\nuserPassword: {LDAP_SERVICE_PASSWORD}\n",
    ]
    for uid, name, employee_type in people:
        entry = (
            f"dn: uid={uid},ou=people,{LDAP_SUFFIX}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\n"
            f"sn: {name.split()[-1]}\ndisplayName: {name}\nuserPassword: {LDAP_PASSWORD}\n"
        )
        if employee_type:
            entry += f"employeeType: {employee_type}\n"
        entries.append(entry)
    groups = {
        "kim-fallmanagement": ["anna", "dora", "anna2"],
        "kim-teamleitung": ["bernd"],
        "kim-sozialraum-osterfeld": ["anna", "bernd", "dora", "anna2"],
        "andere-gruppe": ["carla"],
    }
    for cn, members in groups.items():
        lines = "".join(f"member: uid={m},ou=people,{LDAP_SUFFIX}\n" for m in members)
        entries.append(f"dn: cn={cn},ou=groups,{LDAP_SUFFIX}\nobjectClass: groupOfNames\ncn: {cn}\n{lines}")
    return "\n".join(entries)


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    """A running OpenLDAP server with people and groups; skipped only where slapd is missing outside CI."""
    if shutil.which("slapd", path="/usr/sbin:/usr/local/sbin:" + os.environ.get("PATH", "")) is None:
        if os.environ.get("CI"):
            pytest.fail("slapd is missing in CI: .ci/run installs it (apt-get install slapd ldap-utils)")
        pytest.skip("slapd is not installed (apt-get install slapd ldap-utils); CI runs these tests")
    try:
        import slapdtest  # noqa: PLC0415  (only where python-ldap is installed)
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("python-ldap is not installed")

    class Server(slapdtest.SlapdObject):
        suffix = LDAP_SUFFIX
        openldap_schema_files = ("core.ldif", "cosine.ldif", "inetorgperson.ldif")
        TMPDIR = str(tmp_path_factory.mktemp("slapd"))

    server = Server()
    server.start()
    server.ldapadd(_people_ldif())
    yield server
    server.stop()


@pytest.fixture
def ldap_settings(slapd) -> dict:
    return {
        "LDAP_URL": slapd.ldap_uri.replace("localhost", "127.0.0.1"),
        "LDAP_STARTTLS": True,
        "LDAP_CA_FILE": slapd.cafile,
        "LDAP_BIND_DN": LDAP_SERVICE_DN,
        "LDAP_BIND_PASSWORD": LDAP_SERVICE_PASSWORD,
        "LDAP_USER_BASE_DN": f"ou=people,{LDAP_SUFFIX}",
        "LDAP_USER_FILTER": "(&(objectClass=inetOrgPerson)(uid={username}))",
        "LDAP_GROUP_BASE_DN": f"ou=groups,{LDAP_SUFFIX}",
        "LDAP_GROUP_FILTER": "(&(objectClass=groupOfNames)(member={dn}))",
        "LDAP_DISABLED_FILTER": "(employeeType=disabled)",
        "SSO_GROUP_ROLES": GROUP_ROLES,
        "SSO_GROUP_TEAMS": GROUP_TEAMS,
    }


class TestProvider:
    """An OpenID provider's endpoints (discovery, keys, token, end session) served on 127.0.0.1; the
    login at the provider itself is `issue_code`, which the tests call as the person would."""

    client_id = "kimweb"
    client_secret = "provider-secret-for-tests"

    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "key-1", "use": "sig", "alg": "RS256"})
        self.server = make_server("127.0.0.1", 0, self.wsgi, threaded=True)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}/realms/stadt"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.reset()

    def reset(self):
        self.codes: dict[str, dict] = {}
        self.refresh_tokens: dict[str, dict] = {}
        self.requests: list[str] = []

    def stop(self):
        self.server.shutdown()

    def sign(self, claims: dict) -> str:
        return jwt.encode({"alg": "RS256", "kid": "key-1"}, claims, self.key)

    def issue_code(self, authorize_url: str, *, groups=("kim-fallmanagement", "kim-sozialraum-osterfeld"), **claims):
        """The person logs in at the provider: a code for the authorization request in `authorize_url`.
        `claims` override what goes into the ID token (nonce, aud, exp, iss, ...)."""
        params = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        now = int(time.time())
        id_claims = {
            "iss": self.issuer,
            "sub": "f3b1c2d4-0000-4000-8000-000000000001",
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": params.get("nonce"),
            "preferred_username": "anna.becker",
            "name": "Anna Becker",
            "groups": list(groups),
        }
        id_claims.update(claims)
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"params": params, "claims": id_claims}
        return code

    def _token_response(self, claims: dict) -> dict:
        refresh = secrets.token_urlsafe(24)
        self.refresh_tokens[refresh] = claims
        return {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 300,
            "refresh_token": refresh,
            "id_token": self.sign(claims),
        }

    def _token(self, request: Request) -> Response:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if request.headers.get("Authorization") != f"Basic {expected}":
            return _json({"error": "invalid_client"}, 401)
        form = request.form
        if form.get("grant_type") == "refresh_token":
            claims = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if claims is None:
                return _json({"error": "invalid_grant", "error_description": "Session not active"}, 400)
            return _json(self._token_response(claims))
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant["params"].get("redirect_uri"):
            return _json({"error": "invalid_grant"}, 400)
        # PKCE: the verifier must hash to the challenge sent with the authorization request.
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if grant["params"].get("code_challenge_method") != "S256" or challenge != grant["params"].get("code_challenge"):
            return _json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
        return _json(self._token_response(grant["claims"]))

    def wsgi(self, environ, start_response):
        request = Request(environ)
        self.requests.append(request.path)
        base = "/realms/stadt"
        if request.path == f"{base}/.well-known/openid-configuration":
            response = _json(
                {
                    "issuer": self.issuer,
                    "authorization_endpoint": f"{self.issuer}/protocol/openid-connect/auth",
                    "token_endpoint": f"{self.issuer}/protocol/openid-connect/token",
                    "jwks_uri": f"{self.issuer}/protocol/openid-connect/certs",
                    "end_session_endpoint": f"{self.issuer}/protocol/openid-connect/logout",
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "code_challenge_methods_supported": ["S256"],
                }
            )
        elif request.path == f"{base}/protocol/openid-connect/certs":
            response = _json(KeySet([self.key]).as_dict(private=False))
        elif request.path == f"{base}/protocol/openid-connect/token" and request.method == "POST":
            response = self._token(request)
        else:
            response = _json({"error": "not_found"}, 404)
        return response(environ, start_response)


def _json(data: dict, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


@pytest.fixture(scope="session")
def _provider_server():
    provider = TestProvider()
    yield provider
    provider.stop()


@pytest.fixture
def provider(_provider_server) -> TestProvider:
    _provider_server.reset()
    return _provider_server


@pytest.fixture
def oidc_settings(provider) -> dict:
    return {
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": provider.client_id,
        "OIDC_CLIENT_SECRET": provider.client_secret,
        "SSO_GROUP_ROLES": GROUP_ROLES,
        "SSO_GROUP_TEAMS": GROUP_TEAMS,
    }


@pytest.fixture
def sso_config() -> dict:
    """Overridden by the test modules: the SSO settings their app is built with."""
    return {}


@pytest.fixture
def other_app(db_template, tmp_path, sso_config):
    """other_app(KEY=value) builds an app with changed settings; a context manager that gives its client."""

    @contextmanager
    def _build(**changes):
        app = create_app({**base_config(db_template.fresh(tmp_path)), **sso_config, **changes})
        app.test_client_class = KimClient
        with app.app_context():
            yield app.test_client()
            db.session.remove()
            db.engine.dispose()

    return _build


@pytest.fixture
def app(db_template, tmp_path, sso_config):
    app = create_app({**base_config(db_template.fresh(tmp_path)), **sso_config})
    app.test_client_class = KimClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()

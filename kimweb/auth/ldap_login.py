"""LDAP / Active Directory: find a person with the service account, check their password by binding as
them, read their groups and whether the directory has disabled them (python-ldap)."""

from dataclasses import dataclass

from flask import current_app

from .sso_accounts import DirectoryPerson

try:
    import ldap
    from ldap.dn import str2dn
    from ldap.filter import escape_filter_chars
except ImportError:  # python-ldap is optional: it builds only where OpenLDAP's headers are installed
    ldap = None


class _NoDirectoryLibrary(Exception):
    """Stands in for ldap.LDAPError where python-ldap is missing (LDAP is then refused at start-up)."""


# What goes wrong on the way to the directory (down, TLS refused, timeout): never a "no".
DirectoryUnavailable = ldap.LDAPError if ldap is not None else _NoDirectoryLibrary


@dataclass
class LdapEntry:
    dn: str
    username: str
    display_name: str
    groups: list[str]
    disabled: bool

    def person(self) -> DirectoryPerson:
        return DirectoryPerson("ldap", self.username, self.dn, self.display_name, self.groups)


def configured() -> bool:
    return bool(current_app.config.get("LDAP_URL"))


def check_settings(config) -> None:
    """Refuse to start with a directory reached without transport security (outside the tests)."""
    url = config.get("LDAP_URL")
    if not url:
        return
    if ldap is None:
        raise RuntimeError(
            "LDAP_URL is set, but python-ldap is not installed. It builds against OpenLDAP's headers: "
            "apt-get install libldap2-dev libsasl2-dev, then `make setup` (or pip install -e '.[ldap]')."
        )
    if not (url.lower().startswith("ldaps://") or config["LDAP_STARTTLS"] or config["LDAP_ALLOW_PLAIN"]):
        raise RuntimeError(
            "LDAP_URL must use ldaps:// or LDAP_STARTTLS must be on: passwords would cross the network "
            "in clear text. (LDAP_ALLOW_PLAIN is for the test suite only.)"
        )
    for key in ("LDAP_USER_BASE_DN", "LDAP_USER_FILTER"):
        if not config.get(key):
            raise RuntimeError(f"LDAP_URL is set, so {key} must be set too.")
    if "{username}" not in config["LDAP_USER_FILTER"]:
        raise RuntimeError("LDAP_USER_FILTER must contain {username}.")


def _connect():
    config = current_app.config
    conn = ldap.initialize(config["LDAP_URL"], bytes_mode=False)
    conn.set_option(ldap.OPT_REFERRALS, 0)  # AD: referrals would need binds elsewhere
    conn.set_option(ldap.OPT_PROTOCOL_VERSION, 3)
    conn.set_option(ldap.OPT_NETWORK_TIMEOUT, config["LDAP_TIMEOUT"])
    conn.set_option(ldap.OPT_TIMEOUT, config["LDAP_TIMEOUT"])
    conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)
    if config["LDAP_CA_FILE"]:
        conn.set_option(ldap.OPT_X_TLS_CACERTFILE, config["LDAP_CA_FILE"])
    conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)  # apply the TLS options above to this connection
    if config["LDAP_STARTTLS"] and not config["LDAP_URL"].lower().startswith("ldaps://"):
        conn.start_tls_s()
    return conn


def _service_connection():
    config = current_app.config
    conn = _connect()
    conn.simple_bind_s(config["LDAP_BIND_DN"] or "", config["LDAP_BIND_PASSWORD"] or "")
    return conn


def _text(attrs: dict, name: str) -> str:
    for key, values in attrs.items():
        if key.lower() == name.lower() and values:
            return values[0].decode("utf-8", "replace")
    return ""


def _group_names(dn: str) -> list[str]:
    """A group by its DN and its first RDN's value (its CN), so the mapping may use either."""
    try:
        first = str2dn(dn)[0][0][1]
    except (ldap.DECODING_ERROR, IndexError):
        return [dn]
    return [dn, first]


def _groups(conn, dn: str, attrs: dict) -> list[str]:
    config = current_app.config
    groups: list[str] = []
    # Active Directory and OpenLDAP's memberof overlay list the groups on the person.
    for key, values in attrs.items():
        if key.lower() == "memberof":
            for value in values:
                groups.extend(_group_names(value.decode("utf-8", "replace")))
    if config["LDAP_GROUP_BASE_DN"]:
        group_filter = config["LDAP_GROUP_FILTER"].replace("{dn}", escape_filter_chars(dn))
        for group_dn, _attrs in conn.search_s(config["LDAP_GROUP_BASE_DN"], ldap.SCOPE_SUBTREE, group_filter, ["cn"]):
            if group_dn:
                groups.extend(_group_names(group_dn))
    return groups


def _disabled(conn, dn: str) -> bool:
    disabled_filter = current_app.config["LDAP_DISABLED_FILTER"]
    if not disabled_filter:
        return False
    return bool([hit for hit, _attrs in conn.search_s(dn, ldap.SCOPE_BASE, disabled_filter, ["1.1"]) if hit])


def _lookup(conn, username: str) -> LdapEntry | None:
    config = current_app.config
    # Escaped: a name like "*)(uid=*" is a literal name, never a wildcard or a second condition.
    user_filter = config["LDAP_USER_FILTER"].replace("{username}", escape_filter_chars(username))
    name_attribute = config["LDAP_NAME_ATTRIBUTE"]
    hits = [
        (dn, attrs)
        for dn, attrs in conn.search_s(
            config["LDAP_USER_BASE_DN"], ldap.SCOPE_SUBTREE, user_filter, [name_attribute, "cn", "memberOf"]
        )
        if dn  # AD answers referrals as entries without a DN
    ]
    if len(hits) != 1:
        # None, or ambiguous: never guess which of two people is meant.
        return None
    dn, attrs = hits[0]
    return LdapEntry(
        dn=dn,
        username=username,
        display_name=_text(attrs, name_attribute) or _text(attrs, "cn") or username,
        groups=_groups(conn, dn, attrs),
        disabled=_disabled(conn, dn),
    )


def find(username: str) -> LdapEntry | None:
    """The person with this account name as the directory sees them now (for checks and the sync)."""
    conn = _service_connection()
    try:
        return _lookup(conn, username)
    finally:
        conn.unbind_s()


def authenticate(username: str, password: str) -> LdapEntry | None:
    """The directory entry when the password is right and the account is not disabled, else None.
    Raises DirectoryUnavailable when the directory cannot answer."""
    if not username or not password:
        # An empty password is an anonymous bind, which many servers accept: never a login.
        return None
    conn = _service_connection()
    try:
        entry = _lookup(conn, username)
    finally:
        conn.unbind_s()
    if entry is None or entry.disabled:
        return None
    user_conn = _connect()
    try:
        user_conn.simple_bind_s(entry.dn, password)
    except (ldap.INVALID_CREDENTIALS, ldap.UNWILLING_TO_PERFORM, ldap.INAPPROPRIATE_AUTH):
        return None
    finally:
        user_conn.unbind_s()
    return entry

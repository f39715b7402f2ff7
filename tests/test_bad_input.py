"""Bad input never gives a 500, and nothing typed comes back unescaped.

For every role (and anonymous), the test walks the app from its start page over the links and
forms it renders, so every object route is reached with real ids of the demo data; it matches
each page against `app.url_map`, fills the routes whose form it did not see from the WTForms
classes' own fields, and pushes a fixed sample of the Big List of Naughty Strings plus the kinds
that broke pages before (Unicode digits, numbers beyond 32 and 64 bits, NUL and control
characters, very long and 10 MB strings, a malformed HX-Current-URL) through every field of every
form and search box. It asserts: no 500 (an exception counts as one) and no unescaped marker in
an HTML answer.

`make bench` runs the whole list (marker `bench`); the default run samples it to stay fast.
"""

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect
from wtforms import Form

from kimweb.auth.models import User
from kimweb.demo import seed_all
from kimweb.extensions import db
from tests.helpers import log_in, naughty_strings

HTML_MARKERS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>")
SPECIAL = [
    "²",
    "٢",
    "１２",
    "-1",
    "0",
    str(2**31),
    str(2**63),
    str(2**64 + 1),
    "9" * 40,
    "1e3",
    " 7 ",
    "a\x00b",
    "\x00",
    "\x01\x07\x1b[31m\x7f",
    "Zeile\r\nzwei\x0bdrei",
    "\ufeff\u202eabc",
    "x" * 50_000,
    *HTML_MARKERS,
]
TEN_MB = "y" * (10 * 1024 * 1024 + 10)
BAD_HEADERS = ["http://[", "http://\x00/x", "h" * 10_000, "//evil.example/x", "/klienten/\x01"]
# Never posted to: they end the session or leave the app.
SKIP_ENDPOINTS = {"auth.logout", "auth.oidc_start", "auth.oidc_callback", "static", "reception.screen"}
MAX_PAGES_PER_ENDPOINT = 1
SAMPLE_SIZE = 30
SEED = 12


@dataclass
class FoundForm:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> default values
    blind: bool = False  # not seen on a page: every field name of every form class

    def base(self) -> list[tuple[str, str]]:
        return [(name, value) for name, values in self.fields.items() for value in values]


class _FormParser(HTMLParser):
    """Links, and forms with their fields, of one HTML page (also htmx hx-get/hx-post targets)."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: set[str] = set()
        self.forms: list[FoundForm] = []
        self._form: FoundForm | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_seen = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.add(a["href"].split("#")[0])
        for attr, method in (("hx-get", "get"), ("hx-post", "post")):
            if a.get(attr, "").startswith("/"):
                target = a[attr]
                if tag == "form" or self._form is None:
                    self.forms.append(FoundForm(target, method))
                elif self._form is not None:
                    self.forms.append(FoundForm(target, method, self._form.fields))
        if tag == "form":
            action = a.get("action") or self.page_url
            if action.startswith("/"):
                self._form = FoundForm(action, (a.get("method") or "get").lower())
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "file":
                self._form.fields.setdefault(name, [])
            elif kind in ("checkbox", "radio"):
                values = self._form.fields.setdefault(name, [])
                if "checked" in a:
                    values.append(a.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                self._form.fields.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select, self._select_seen = name, False
            self._form.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            values = self._form.fields[self._select]
            if "selected" in a or not self._select_seen:
                if not self._select_seen and values and "selected" in a:
                    values.pop()
                values.append(a.get("value", ""))
                self._select_seen = True

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _wtforms_field_names() -> list[str]:
    """Every field name of every WTForms class in kimweb (for routes whose form was not seen)."""
    import importlib
    import pkgutil

    import kimweb

    for module in pkgutil.walk_packages(kimweb.__path__, "kimweb."):
        if "migrations" not in module.name:
            importlib.import_module(module.name)
    names: set[str] = set()
    todo = list(Form.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("kimweb."):
            names.update(getattr(cls, "_unbound_fields", None) and [n for n, _ in cls._unbound_fields] or [])
            names.update(n for n, v in vars(cls).items() if hasattr(v, "field_class"))
    return sorted(names - {"csrf_token"})


class Prober:
    def __init__(self, app, client, pool: list[str], per_field: int):
        self.app, self.client, self.pool, self.per_field = app, client, pool, per_field
        self.adapter = app.url_map.bind("localhost")
        self.failures: list[str] = []
        self.requests = 0
        self.rng = random.Random(SEED)

    def endpoint(self, path: str, method: str = "GET"):
        try:
            return self.adapter.match(urlsplit(path).path, method=method)
        except (NotFound, MethodNotAllowed, RequestRedirect):
            return None, {}

    def send(self, method: str, path: str, data=None, headers=None, sent: tuple[str, ...] = ()):
        self.requests += 1
        label = f"{method} {urlsplit(path).path} {sorted((data or {}).keys()) if isinstance(data, dict) else ''}"
        try:
            if method == "get":
                response = self.client.get(path, headers=headers or {})
            else:
                response = self.client.post(path, data=data, headers=headers or {})
        except Exception as error:  # noqa: BLE001 - an exception is the 500 this test looks for
            db.session.rollback()
            self.failures.append(f"{label}: {type(error).__name__}: {str(error)[:200]}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{label}: {response.status_code}")
        elif "text/html" in response.content_type:
            body = response.get_data(as_text=True)
            for value in sent:
                if len(value) >= 8 and re.search(r"<[a-zA-Z/!]|\"\s*>|'\s*>", value) and value in body:
                    self.failures.append(f"{label}: unescaped {value[:60]!r}")
        return response

    def crawl(self, start: str, limit: int = 150) -> tuple[dict[str, str], list[FoundForm]]:
        seen_per_endpoint: dict[str, int] = defaultdict(int)
        pages: dict[str, str] = {}
        forms: list[FoundForm] = []
        queue, visited = [start], set()
        while queue and len(pages) < limit:
            path = queue.pop(0)
            if path in visited:
                continue
            visited.add(path)
            endpoint, _ = self.endpoint(path)
            if endpoint is None or endpoint in SKIP_ENDPOINTS or seen_per_endpoint[endpoint] >= MAX_PAGES_PER_ENDPOINT:
                continue
            seen_per_endpoint[endpoint] += 1
            response = self.send("get", path)
            if response is None or response.status_code != 200 or "text/html" not in response.content_type:
                continue
            pages[path] = endpoint
            parser = _FormParser(path)
            parser.feed(response.get_data(as_text=True))
            forms.extend(parser.forms)
            queue.extend(sorted(parser.links - visited))
        return pages, forms

    def values(self, index: int) -> list[str]:
        return [self.pool[(index * 7 + k) % len(self.pool)] for k in range(self.per_field)]

    def push(self, form: FoundForm, ten_mb: bool):
        endpoint, _ = self.endpoint(form.action, form.method.upper())
        if endpoint is None or endpoint in SKIP_ENDPOINTS:
            return
        base = form.base()
        names = [n for n in form.fields if n not in ("csrf_token",)]
        for index, name in enumerate([] if form.blind else names):
            for value in self.values(index):
                data = [(k, v) for k, v in base if k != name] + [(name, value)]
                self._submit(form, data, (value,))
        # Everything at once (each field its own value), and one field 10 MB long.
        for _round in range(3 if form.blind else 2):
            data = [(k, v) for k, v in base if k not in names]
            chosen = [self.pool[self.rng.randrange(len(self.pool))] for _ in names]
            data += list(zip(names, chosen, strict=True))
            self._submit(form, data, tuple(chosen))
        if ten_mb and names and form.method == "post":
            data = [(k, v) for k, v in base if k != names[0]] + [(names[0], TEN_MB)]
            response = self._submit(form, data, ())
            assert response is None or response.status_code in (413, 400, 422, 200, 303, 302, 404, 403, 409, 429)

    def _submit(self, form: FoundForm, data: list[tuple[str, str]], sent: tuple[str, ...]):
        if form.method == "get":
            query = urlencode(data)
            path = form.action.split("?")[0] + ("?" + query if query else "")
            return self.send("get", path, sent=sent, headers={"HX-Request": "true"})
        from werkzeug.datastructures import MultiDict

        return self.send("post", form.action, data=MultiDict(data), sent=sent)


def _pool(full: bool) -> list[str]:
    strings = naughty_strings()
    if not full:
        strings = random.Random(SEED).sample(strings, SAMPLE_SIZE)
    return list(strings) + SPECIAL


def _run(app, client, username: str | None, full: bool) -> Prober:
    seed_all()
    prober = Prober(app, client, _pool(full), per_field=len(_pool(full)) if full else 1)
    if username:
        user = db.session.query(User).filter_by(username=username).one()
        log_in(client, user)
        start = "/"
    else:
        start = "/login"
    pages, forms = prober.crawl(start)
    # Routes of the url map whose form no page showed: post every known field name to them.
    reached = {prober.endpoint(f.action, f.method.upper())[0] for f in forms}
    known_args: dict[str, set] = defaultdict(set)
    for path in pages:
        for key, value in prober.endpoint(path)[1].items():
            known_args[key].add(value)
    names = _wtforms_field_names()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS or rule.endpoint in reached or "POST" not in rule.methods:
            continue
        if not all(known_args.get(arg) for arg in rule.arguments):
            continue
        values = {arg: min(known_args[arg]) for arg in rule.arguments}
        path = re.sub(r"<(?:[^:<>]+:)?(\w+)>", lambda m, v=values: str(v[m.group(1)]), rule.rule)
        forms.append(FoundForm(path, "post", {name: [""] for name in names}, blind=True))
    pushed = set()
    for form in forms:
        # One form per route and set of fields: the same form on another client's file adds nothing.
        key = (prober.endpoint(form.action, form.method.upper())[0], form.method, tuple(sorted(form.fields)))
        if key in pushed:
            continue
        pushed.add(key)
        prober.push(form, ten_mb=len(pushed) % 3 == 1)
    # Ids of every kind in every route (Unicode digits, beyond 32 and 64 bits, zero, signs).
    for path in [p for p in pages if re.search(r"/[0-9]+(/|$)", p)][:12]:
        endpoint, args = prober.endpoint(path)
        for arg in args:
            if not isinstance(args[arg], int):
                continue
            for bad in ("²", "٢", "１２", "0", str(2**31), str(2**63), "-1", "1e3"):
                prober.send("get", path.replace(f"/{args[arg]}", f"/{bad}", 1))
    # Every query parameter of the links found (filters, page numbers, years, dates), once per
    # route and parameter: odd numbers, markup, control characters, a very long value.
    probed: set[tuple[str, str]] = set()
    for path in list(pages):
        base, _sep, query = path.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        endpoint = prober.endpoint(base)[0]
        for index, (name, _value) in enumerate(params):
            if (endpoint, name) in probed:
                continue
            probed.add((endpoint, name))
            for bad in QUERY_VALUES:
                changed = params[:index] + [(name, bad)] + params[index + 1 :]
                prober.send("get", f"{base}?{urlencode(changed)}", sent=(bad,))
    # A malformed HX-Current-URL header on every page (logged in) and an htmx request.
    for path in list(pages)[:10]:
        for header in BAD_HEADERS:
            prober.send("get", path, headers={"HX-Request": "true", "HX-Current-URL": header})
    return prober


QUERY_VALUES = ["²", "١٢", str(2**63), "-1", "31.02.2026", "<b onmouseover=x>fett</b>", "a\x00b", "ä" * 5000]

ROLES = [None, "empfang", "mueller", "leitung", "koordination", "admin", "datenschutz"]


@pytest.mark.parametrize("username", ROLES, ids=lambda u: u or "anonymous")
def test_bad_input_never_500_nor_unescaped(app, client, username):
    prober = _run(app, client, username, full=False)
    assert prober.requests > 50
    if username:  # still logged in: nothing on the way ended the session and skipped the rest
        # (reception's start page is the desk: "/" redirects there)
        start = client.get("/", follow_redirects=True)
        assert start.status_code == 200 and start.request.path != "/login"
    print(f"{username or 'anonymous'}: {prober.requests} requests")
    assert not prober.failures, "\n".join(prober.failures[:40])

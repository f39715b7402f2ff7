"""What tests share beyond fixtures: the test configuration, logging in, shared data, form builders."""

import os
import re
import threading
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kimweb.auth.models import User
from kimweb.timeutil import local_today, utcnow


def _per_worker(url: str | None) -> str | None:
    """With pytest-xdist each worker gets a database of its own beside the configured one
    (test -> test_gw0, test_gw1), created when first needed, so workers never share tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    base, _, name = url.rpartition("/")
    return f"{base}/{name}_{worker}"


PG_URL = _per_worker(os.environ.get("KIMWEB_TEST_DATABASE_URL"))
SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
TEST_PASSWORD = "correct horse battery staple"


def base_config(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": database_url,
    }


def _ensure_postgres_database(url: str) -> None:
    base, _, name = url.rpartition("/")
    server = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()


def reset_postgres_schema(url: str) -> None:
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    _ensure_postgres_database(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def log_in(client, user: User) -> None:
    """Put a logged-in session into the client's cookie, as a real login would."""
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["seen"] = session["since"] = utcnow().timestamp()


def shared_data(*parts: str) -> Path:
    """A path below ../shared/data; the test is skipped when that folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not there (a plain clone without shared/)")
    return path


def naughty_strings() -> list[str]:
    """The big list of naughty strings without its comments and empty lines (skips without shared/)."""
    return list(_naughty_strings(shared_data("blns.txt")))


@cache
def _naughty_strings(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


def intake_data(**overrides) -> dict:
    """The intake form (a new client file) as posted."""
    data = {"family_name": "Kovalenko", "given_names": "Olena", "birth_date": "1.2.79", "city": "Oberhausen"}
    data.update(overrides)
    return data


def note_form(**values) -> dict:
    """The contact-note form as posted; a value of None leaves that field out."""
    form = {
        "occurred_on": local_today().strftime("%d.%m.%Y"),
        "occurred_time": "09:30",
        "kind": "phone",
        "duration_minutes": "15",
        "participants_text": "",
        "text": "Telefonat mit dem Jobcenter.",
        "version": "0",
    }
    form.update(values)
    return {k: v for k, v in form.items() if v is not None}


def referral_form(service, **values) -> dict:
    """The referral form for `service` as posted; data_scope is a list of the scopes shared."""
    form = {
        "service_id": str(service.id),
        "reason": "Schulden bei Stromanbieter, Mahnbescheid liegt vor.",
        "life_area_id": "",
        "urgency": "soon",
        "channel": "phone",
        "send_now": "1",
        "follow_up_on": "",
    }
    scope = values.pop("data_scope", ["identity", "contact", "concern"])
    form.update(values)
    data = {k: v for k, v in form.items() if v is not None}
    if scope:
        data["data_scope"] = list(scope)
    return data


def titles(response) -> list[str]:
    """The service titles of a directory result list, in order."""
    return re.findall(r'class="dir-result-title"><a [^>]*>([^<]*)</a>', response.text)


def post_at_once(clients, posts: list[tuple[str, dict]], headers: dict | None = None) -> list[int | None]:
    """Send posts[i] (path, form) from clients[i], all at the same moment, each in a thread of its
    own with its own app context (the real database, as under gunicorn). Returns the status
    codes; an exception in any thread fails the test."""
    from kimweb.extensions import db

    app = clients[0].application
    count = len(clients)
    barrier = threading.Barrier(count)
    statuses: list[int | None] = [None] * count
    errors: list[BaseException] = []
    tokens = [c.csrf_token() for c in clients]
    # The test's own session must not hold SQLite's write lock while the requests run.
    db.session.rollback()

    def runner(index):
        with app.app_context():
            try:
                barrier.wait()
                path, data = posts[index]
                sent = {**(headers or {}), "X-CSRFToken": tokens[index]}
                response = clients[index].post(path, data=data, headers=sent)
                statuses[index] = response.status_code
            except BaseException as error:  # reported in the test thread
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [], [repr(e) for e in errors]
    return statuses


class WholeFile:
    """A case file's first screen and every section it links to, read as one text: what the file
    page showed before its sections loaded on demand."""

    def __init__(self, responses):
        self.responses = responses
        self.status_code = responses[0].status_code
        self.headers = responses[0].headers
        self.text = "\n".join(r.get_data(as_text=True) for r in responses)

    def get_data(self, as_text: bool = False):
        return self.text if as_text else self.text.encode()


SECTION_LINK = re.compile(r'href="(/klienten/\d+/abschnitt/[a-z_]+)"')


def whole_file(client, client_id: int) -> WholeFile:
    """GET the file and, if it opened, each of its sections (as pages of their own)."""
    first = client.get(f"/klienten/{client_id}")
    if first.status_code != 200:
        return WholeFile([first])
    links = dict.fromkeys(SECTION_LINK.findall(first.get_data(as_text=True)))
    return WholeFile([first, *(client.get(link) for link in links)])

"""Real-browser fixtures: the app served from a thread on a fresh demo database, headless
Chromium driven by Playwright, login through the real form, and an axe-core scan."""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from kimweb import create_app
from kimweb.extensions import db

CHROMIUM = os.environ.get("KIMWEB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "kimweb-demo-passwort"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _chromium_ready():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}; CI must run the browser tests")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); browser tests skipped")


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture(scope="module")
def live_server(_chromium_ready, db_template, tmp_path_factory):
    """A real HTTP server on a fresh database with the demo data (module scope: seed once)."""
    from tests.helpers import base_config

    tmp = tmp_path_factory.mktemp("live")
    url = db_template.fresh(tmp)
    app = create_app(base_config(url))
    with app.app_context():
        from kimweb.demo import seed_all

        seed_all()
        db.session.remove()
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def _playwright(_chromium_ready):
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait up to 15 s (Playwright's default is 5): a CI machine running two test
    # processes beside the browser can take longer than 5 s for one navigation.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a context of its own (cookies apart), e.g. reception and a case manager."""
    contexts = []

    def _new(width: int = 1280, height: int = 900):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="de-DE",
            timezone_id="Europe/Berlin",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def login():
    """Log in through the real login form."""

    def _login(page, username: str, password: str = DEMO_PASSWORD):
        page.goto("/login")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(lambda url: "/login" not in url)

    return _login


@pytest.fixture
def axe_violations():
    """The serious and critical axe-core violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _scan(page) -> list[dict]:
        results = axe.run(page)
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return _scan


@pytest.fixture
def screenshot():
    """Save a screenshot to test-artifacts/ (for people to look at; never asserted on)."""

    def _shot(page, name: str):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return _shot


@pytest.fixture(autouse=True, scope="session")
def _quiet_werkzeug():
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

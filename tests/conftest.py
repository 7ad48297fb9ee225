"""Shared fixtures: a real DuckDB file built with the project's own schema and data,
the app in-process (AppTest), and the app in a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from gebrookerbos import db
from gebrookerbos.services import bootstrap
from tests import ROOT
from tests.actors import add_staff

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1",
                  "data:", "blob:", "about:")


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A database file with the CBS geography, the demo data and the staff accounts of
    ``tests.actors``, built once per run."""
    path = tmp_path_factory.mktemp("db") / "demo.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con, demo=True)
    add_staff(con)
    con.close()
    return path


@pytest.fixture()
def db_file(demo_db_file, tmp_path) -> Path:
    """A private copy of the demo database that a test may change."""
    path = tmp_path / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    return path


@pytest.fixture()
def con(store):
    """A connection to the test's database: the DuckDB file, or in a module that sets
    ``ON_BOTH_STORES = True``, each store in turn (see :func:`store`)."""
    connection = db.connect(store)
    yield connection
    connection.close()


def pytest_generate_tests(metafunc):
    """The tests of a module with ``ON_BOTH_STORES = True`` that use a database run twice:
    on the DuckDB file and on PostgreSQL."""
    if (getattr(metafunc.module, "ON_BOTH_STORES", False) and "store" in metafunc.fixturenames
            and metafunc.definition.get_closest_marker("duckdb_only") is None):
        metafunc.parametrize("store", ["duckdb", "postgres"], indirect=True)


@pytest.fixture(scope="session")
def ro_con(demo_db_file):
    """A read-only connection to the shared demo database (tests that only read)."""
    connection = db.connect(demo_db_file, read_only=True)
    yield connection
    connection.close()


# --- AppTest ------------------------------------------------------------------------------


@pytest.fixture()
def app_env(store, monkeypatch) -> str:
    """The app's database: the test's DuckDB file, or (``ON_BOTH_STORES``) each store."""
    monkeypatch.setenv("GEBROOKERBOS_DB", store)
    monkeypatch.chdir(ROOT)
    return store


@pytest.fixture()
def app(app_env):
    """The dashboard in-process, on a private copy of the demo database."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    return at


# --- the app in a real browser ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str | None:
    explicit = os.environ.get("GEBROOKERBOS_CHROMIUM")
    if explicit:
        return explicit
    return next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)


def _need_browser() -> str:
    path = chromium_path()
    try:
        import playwright  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        message = ("headless Chromium with Playwright is needed for browser tests "
                   "(apt-get install chromium; pip install -r requirements-dev.txt)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class AppServer:
    def __init__(self, db_file: Path, extra_env: dict[str, str] | None = None):
        self.port = _free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "GEBROOKERBOS_DB": str(db_file), **(extra_env or {})}
        self.log = open(db_file.parent / f"streamlit-{self.port}.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
             "--server.port", str(self.port), "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the dashboard did not start within 60 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, demo_db_file) -> Iterator[AppServer]:
    """The dashboard served on localhost, on its own copy of the demo database."""
    path = tmp_path_factory.mktemp("server") / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    server = AppServer(path)
    yield server
    server.stop()


class Offline:
    """Records every request the page made outside localhost (all of them are blocked)."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def handle(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def blocked_except_tiles(self) -> list[str]:
        tile_hosts = ("service.pdok.nl", "tile.openstreetmap.org")
        return [u for u in self.blocked if not any(h in u for h in tile_hosts)]


@pytest.fixture(scope="module")
def browser():
    path = _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh browser page that can reach nothing but localhost."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    offline = Offline()
    context.route("**/*", offline.handle)
    pg = context.new_page()
    pg.offline = offline
    yield pg
    context.close()


# The map frames of st_folium (their title says what the map shows, see maps.access).
MAP_FRAME = 'iframe[src*="streamlit_folium"]'


def wait_until_idle(page, quiet_ms: int = 1500, timeout: int = 120_000) -> None:
    """Wait until no script run has been going on for ``quiet_ms`` (Streamlit's status
    widget shows while the app reruns, e.g. when the map reports its view after loading)."""
    page.wait_for_function(
        """(quiet) => {
            const busy = document.querySelector('[data-testid="stStatusWidget"]');
            const now = performance.now();
            if (busy) { window.__gbIdleSince = null; return false; }
            if (!window.__gbIdleSince) window.__gbIdleSince = now;
            return now - window.__gbIdleSince >= quiet;
        }""",
        arg=quiet_ms, timeout=timeout, polling=100,
    )


def open_sidebar(page) -> bool:
    """Open the sidebar when it is closed (on a narrow screen it starts closed), as a user
    would: with the button at the top left. Whether it was closed."""
    if not page.locator('[data-testid="stSidebar"][data-collapsed="true"]').count():
        return False
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
    page.wait_for_function(  # it has slid in
        "document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().left >= 0")
    return True


def close_sidebar(page) -> None:
    """Close the sidebar again with its own button (on a narrow screen it covers the page)."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.hover()  # (the button shows while the pointer is on the sidebar)
    sidebar.locator('[data-testid="stSidebarCollapseButton"] button').click()
    page.locator('[data-testid="stSidebar"][data-collapsed="true"]').wait_for(state="attached")


def log_in(page, username: str, password: str, lang: str = "nl") -> None:
    """Log in through the sidebar form in the page's current session (whose language is
    ``lang``) and wait until the sidebar names the user. A submit that lands while a run is
    still going can be dropped by the app: then the form still holds the input and is
    submitted again, as a person would click again."""
    from gebrookerbos import i18n

    text = lambda key: i18n.t(key, lang)  # noqa: E731
    logged_in = text("auth.logged_in_as").split("**")[0].strip()
    opened = False
    for attempt in range(3):
        wait_until_idle(page, quiet_ms=500)
        opened = open_sidebar(page) or opened
        field = page.get_by_label(text("auth.username"), exact=True)
        if not field.is_visible():
            page.get_by_text(text("auth.login"), exact=True).first.click()  # open the expander
        field.fill(username)
        page.get_by_label(text("auth.password"), exact=True).fill(password)
        form = page.locator('[data-testid="stForm"]').filter(
            has=page.get_by_label(text("auth.username"), exact=True))
        form.get_by_role("button", name=text("auth.login_button")).click()
        try:
            page.get_by_text(f"{logged_in} {username}").first.wait_for(timeout=30_000)
            break
        except Exception:
            if attempt == 2:
                raise
    if opened:
        close_sidebar(page)


def settle(page) -> None:
    """The run is over and any map on the page has drawn its plots (its layer file fetched)."""
    wait_until_idle(page, quiet_ms=800)
    for frame_el in page.query_selector_all(MAP_FRAME):
        frame = frame_el.content_frame()
        if frame is None:
            continue
        try:  # a plot map (its script is loaded) says when it has drawn; others are done
            frame.wait_for_function(
                "document.readyState === 'complete' && (window.gbPlotLayer === undefined ||"
                " /^(detail|points|raster):/.test((document.querySelector('[data-plots]')"
                " || {getAttribute: () => ''}).getAttribute('data-plots')))",
                timeout=60_000)
        except Exception:  # noqa: BLE001 - Playwright's error, imported lazily here
            if not frame.is_detached():  # (a slide of the screen replaced it: fine)
                raise
    wait_until_idle(page, quiet_ms=500)


def states(plot: str, initiative: str) -> list[str]:
    """The pages, and states by URL, where a plot's and an initiative's texts show."""
    return ["/", f"/kavels?plot={plot}", f"/kavels?match=true&initiative={initiative}",
            f"/initiatieven?initiatief={initiative}", "/wijken", "/scherm?interval=5",
            "/beheer"]


def open_as(page, url: str, username: str | None, password: str, lang: str = "nl") -> None:
    """Open ``url`` in a new session and, for ``username``, log in within that same session
    so the state of the URL stays (the public screen has no sidebar: it shows the same to
    everyone); returns when the runs are over and the maps drawn."""
    page.goto(url)
    page.locator('[data-testid="stMain"]').wait_for(timeout=60_000)
    settle(page)
    if username is not None and "/scherm" not in url:
        log_in(page, username, password, lang)
        settle(page)


# --- PostgreSQL with PostGIS (the shared store) -------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server with PostGIS for the tests: $GEBROOKERBOS_TEST_POSTGRES (a
    server URL whose user may create databases), else a cluster of its own in a temporary
    folder, started here and stopped at the end (Debian's postgresql and postgis)."""
    from tests.pg import LocalCluster, Unavailable

    explicit = os.environ.get("GEBROOKERBOS_TEST_POSTGRES")
    if explicit:
        yield explicit.rstrip("/")
        return
    try:
        cluster = LocalCluster()
    except Unavailable as exc:
        message = f"PostgreSQL with PostGIS is needed for these tests: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield cluster.url
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_server) -> str:
    """A PostgreSQL database with the demo data and the staff, built once per run through
    the app's own bootstrap (the template of every test's database)."""
    from tests.pg import create_database

    url = create_database(postgres_server, "gb_template")
    con = db.connect(url)
    bootstrap.initialise(con, demo=True)
    add_staff(con)
    con.close()
    return "gb_template"


@pytest.fixture()
def postgres_url(postgres_server, postgres_template) -> Iterator[str]:
    """A private PostgreSQL database, a copy of the demo database, that a test may change."""
    from tests.pg import create_database, drop_database

    name = f"gb_test_{os.getpid()}_{time.monotonic_ns()}"
    url = create_database(postgres_server, name, template=postgres_template)
    yield url
    drop_database(postgres_server, name)


@pytest.fixture()
def store(request) -> str:
    """The test's database, a private copy of the demo database: the DuckDB file, or where
    the module runs on both stores (``ON_BOTH_STORES``), also a PostgreSQL database."""
    if getattr(request, "param", "duckdb") == "duckdb":
        return str(request.getfixturevalue("db_file"))
    return request.getfixturevalue("postgres_url")


@pytest.fixture()
def empty_postgres_url(postgres_server) -> Iterator[str]:
    """A private PostgreSQL database with the app's schema and nothing in it."""
    from tests.pg import create_database, drop_database

    name = f"gb_empty_{os.getpid()}_{time.monotonic_ns()}"
    url = create_database(postgres_server, name)
    con = db.connect(url)
    db.ensure_schema(con)
    con.close()
    yield url
    drop_database(postgres_server, name)

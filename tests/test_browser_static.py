"""The static folder and the security headers, against a real running server over HTTP.

- ``/app/static/`` serves the app's assets and layer files, and nothing else: no directory
  listing, no path traversal in any spelling, no secrets, config, database or source; a file
  that is not one of the app's assets is removed from ``static/`` at start-up.
- The headers the README's nginx block adds (``Content-Security-Policy`` and the others) are
  put on the app's documents by the browser test itself, exactly as written in the README:
  the pages, their maps and the public screen embedded by another origin draw without one
  violation of the policy, and another origin cannot frame the rest of the app.
"""

from __future__ import annotations

import http.client
import re
import shutil
from urllib.parse import urlparse

import pytest

from gebrookerbos.maps import assets, layers
from tests import ROOT

from .conftest import LOCAL_PREFIXES, MAP_FRAME, AppServer, wait_until_idle

pytestmark = pytest.mark.browser

STATIC = ROOT / "static"
SECRETS = ROOT / ".streamlit" / "secrets.toml"
MARKER = "gebrookerbos-test-secret-7f3a"
PLANTED = ("notes.txt", "index.html", "cache/map/backup.duckdb",
           f"cache/map/{'a' * 24}.html", "vendor/leaflet/secrets.toml", "cache/.gitignore")


@pytest.fixture(scope="module")
def static_server(tmp_path_factory, demo_db_file):
    """A server on its own database, after files that are not assets were put into static/
    (and, when the checkout has none, a secrets.toml with a marker into .streamlit/)."""
    path = tmp_path_factory.mktemp("static") / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    for name in PLANTED:
        target = STATIC / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{MARKER} {name}", encoding="utf-8")
    own_secrets = not SECRETS.exists()
    if own_secrets:
        SECRETS.write_text(f'test_marker = "{MARKER}"\n', encoding="utf-8")
    try:
        server = AppServer(path)
        try:
            yield server
        finally:
            server.stop()
    finally:
        if own_secrets:
            SECRETS.unlink(missing_ok=True)
        for name in PLANTED:
            (STATIC / name).unlink(missing_ok=True)


def _get(server: AppServer, raw_path: str) -> tuple[int, dict[str, str], bytes]:
    """GET exactly ``raw_path`` (no client-side normalisation of ``..`` or escapes)."""
    conn = http.client.HTTPConnection("localhost", server.port, timeout=30)
    try:
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _open_map(page, server: AppServer) -> list[str]:
    """Open Kaart (its first session: the start-up work runs) until its plots are drawn;
    returns the layer files the map fetched."""
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url) if "/app/static/cache/map/" in r.url
            and r.status == 200 else None)
    page.goto(server.url + "/kaart")
    page.frame_locator(MAP_FRAME).locator("[data-plots^='detail:'], [data-plots^='points:']"
                                          ).first.wait_for(timeout=90_000)
    return fetched


def test_the_static_folder_serves_only_the_apps_assets(static_server, page):
    fetched = _open_map(page, static_server)
    assert fetched, "the map fetched no layer file"

    # a layer file, and Leaflet: served, with their type and nosniff
    status, headers, body = _get(static_server, urlparse(fetched[-1]).path)
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert headers["x-content-type-options"] == "nosniff" and body.startswith(b"{")
    status, headers, body = _get(static_server, assets.LEAFLET_JS_URL)
    assert status == 200 and "javascript" in headers["content-type"] and b"Leaflet" in body

    # what was planted is gone from the folder, and not served
    for name in PLANTED:
        assert not (STATIC / name).exists(), name
        assert _get(static_server, f"/app/static/{name}")[0] == 404, name
    files = [p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file()]
    assert all(assets.is_static_asset(f) or f.endswith(".tmp") for f in files)

    # no directory listing (without its slash, /app/static is just another app page)
    for folder in ("/app/static/", "/app/static", "/app/static/vendor/",
                   "/app/static/vendor/leaflet", f"/app/static/{layers.CACHE_DIR}/"):
        status, _, body = _get(static_server, folder)
        assert status == (200 if folder == "/app/static" else 404), folder
        assert not re.search(rb"[0-9a-f]{24}\.json|leaflet\.js|vendor/|cache/map", body)


TRAVERSALS = [
    "/app/static/../.streamlit/secrets.toml",
    "/app/static/../.streamlit/config.toml",
    "/app/static/%2e%2e/.streamlit/secrets.toml",
    "/app/static/%2E%2E%2F.streamlit%2Fsecrets.toml",
    "/app/static/..%2f..%2f.streamlit/secrets.toml",
    "/app/static/vendor/../../.streamlit/secrets.toml",
    "/app/static/cache/map/../../../data/gebrookerbos.duckdb",
    "/app/static/%252e%252e/.streamlit/secrets.toml",
    "/app/static/..%5c.streamlit%5csecrets.toml",
    "/app/static//etc/passwd",
    "/app/static/%2fetc%2fpasswd",
    f"/app/static/{ROOT.as_posix()}/.streamlit/secrets.toml",
    f"/app/static/%2F{ROOT.as_posix().lstrip('/')}/README.md",
    "/app/static/leaflet.js%00.png",
    "/app/static/../dashboard.py",
    "/app/static/../src/gebrookerbos/config.py",
]


@pytest.mark.parametrize("raw_path", TRAVERSALS)
def test_no_way_out_of_the_static_folder(static_server, raw_path):
    status, _, body = _get(static_server, raw_path)
    assert status in (400, 404), (raw_path, status)
    for secret in (MARKER.encode(), b"[server]", b"enableStaticServing", b"root:",
                   b"DUCK", b"import streamlit", b"GEBROOKERBOS_"):
        assert secret not in body, (raw_path, secret)


@pytest.mark.parametrize("raw_path", [
    "/.streamlit/secrets.toml", "/.streamlit/config.toml", "/data/gebrookerbos.duckdb",
    "/dashboard.py", "/README.md", "/static/../.streamlit/secrets.toml",
    "/app/../.streamlit/secrets.toml", "/component/../.streamlit/secrets.toml",
])
def test_nothing_of_the_checkout_is_served_elsewhere(static_server, raw_path):
    """Outside /app/static/ Streamlit answers with its own page (or refuses), never a file."""
    status, _, body = _get(static_server, raw_path)
    assert status in (200, 400, 404)
    for secret in (MARKER.encode(), b"[server]", b"enableStaticServing", b"DUCK",
                   b"import streamlit", b"Gebrookerbos dashboard"):
        assert secret not in body, (raw_path, secret)


# --- the headers of the README's nginx block ----------------------------------------------


def _nginx_headers() -> dict[str, dict[str, str]]:
    """The headers each ``location`` of the README's nginx block adds, with ``$csp``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, flags=re.S).group(1)
    csp = re.search(r'set \$csp "([^"]+)";', block).group(1)
    found = {}
    # (a location of one line, such as the refused counters, adds no headers)
    for location, body in re.findall(r"location ([^{\n]+?) \{\n(.*?)\n    \}", block,
                                     flags=re.S):
        found[location.strip()] = {
            name: value.replace("$csp", csp)
            for name, value in re.findall(r'add_header ([\w-]+) "([^"]+)" always;', body)
        }
    return found


def test_the_readme_documents_every_header():
    headers = _nginx_headers()
    assert set(headers) == {"/", "= /scherm"}
    for name in ("Strict-Transport-Security", "Content-Security-Policy",
                 "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
        assert name in headers["/"] and name in headers["= /scherm"], name
    assert headers["/"]["X-Frame-Options"] == "SAMEORIGIN"
    assert "X-Frame-Options" not in headers["= /scherm"]  # it may be framed by one site
    assert "frame-ancestors 'self'" in headers["/"]["Content-Security-Policy"]
    policy = headers["/"]["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert not re.search(r"(script|style|font|connect|frame)-src[^;]*https://", policy)


def test_the_readme_proxy_keeps_streamlits_counters_from_the_public(static_server):
    """Streamlit answers /_stcore/metrics to anyone (it has no setting against it): the
    README's proxy refuses that address, and only that one of Streamlit's own."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, flags=re.S).group(1)
    assert re.search(r"location = /_stcore/metrics \{ return 404; \}", block)
    assert _get(static_server, "/_stcore/metrics")[0] == 200  # what the proxy is for
    assert _get(static_server, "/_stcore/health")[0] == 200  # the load balancer's, passed on
    assert "location = /_stcore/health" not in block


def _with_headers(context, server: AppServer, parent_origin: str, violations: list[str],
                  blocked: list[str]) -> None:
    """Serve the app as behind the README's proxy: its documents get the headers of the
    ``location`` they fall in (the embedding site is ``parent_origin``, over plain HTTP)."""
    headers = _nginx_headers()
    host = f"localhost:{server.port}"

    def for_path(path: str) -> dict[str, str]:
        chosen = headers["= /scherm"] if path == "/scherm" else headers["/"]
        return {k: v.replace("wss://$host", f"ws://{host}")
                .replace("https://www.heerlen.nl", parent_origin) for k, v in chosen.items()}

    def handle(route):
        request = route.request
        if not request.url.startswith(LOCAL_PREFIXES):
            blocked.append(request.url)
            route.abort()
        elif request.resource_type == "document" and request.url.startswith(server.url):
            response = route.fetch()
            route.fulfill(response=response, headers={
                **response.headers, **for_path(urlparse(request.url).path)})
        else:
            route.continue_()

    context.route("**/*", handle)
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")

    def on_console(message):
        if "Content Security Policy" in message.text or "CSP violation" in message.text:
            violations.append(message.text)

    context.on("console", on_console)


@pytest.fixture(scope="module")
def proxied_browser(browser):
    """Chromium as in ``conftest.browser``, without its Local Network Access checks: a
    document the test fulfils itself counts as one from the internet, whose scripts may not
    reach localhost (behind the real proxy the page and its websocket share one origin)."""
    from .conftest import chromium_path

    b = browser.browser_type.launch(
        executable_path=chromium_path(),
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--disable-quic", "--disable-features=LocalNetworkAccessChecks"],
    )
    yield b
    b.close()


def _drawn(locator, violations: list[str], timeout: int = 90_000) -> None:
    """Wait for ``locator``; if it never comes, say which violations of the policy came."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        locator.first.wait_for(timeout=timeout)
    except PlaywrightTimeout:
        pytest.fail(f"not drawn under the README's headers; violations: {violations}")


def test_the_pages_draw_under_the_readme_headers(static_server, proxied_browser, ro_con):
    browser = proxied_browser
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    violations: list[str] = []
    _with_headers(context, static_server, "http://127.0.0.1", violations, [])
    page = context.new_page()
    try:
        page.goto(static_server.url + "/kaart")
        _drawn(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive"), violations)
        wait_until_idle(page)
        ini = ro_con.execute("SELECT initiative_id FROM initiative_plots ORDER BY 1 LIMIT 1"
                             ).fetchone()[0]
        page.goto(static_server.url + f"/initiatieven?initiatief={ini}")
        _drawn(page.locator("[data-testid='stVegaLiteChart'] canvas, "
                            "[data-testid='stVegaLiteChart'] svg"), violations)
        _drawn(page.frame_locator(MAP_FRAME).locator("[data-plots^='detail:']"), violations)
        wait_until_idle(page)
        assert violations == []
    finally:
        context.close()


def test_the_screen_can_be_embedded_by_the_named_site_only(static_server, proxied_browser):
    """/scherm?embed=true inside a page of another origin (127.0.0.1 is not localhost):
    it runs, and the rest of the app refuses to be framed there."""
    parent = f"http://127.0.0.1:{static_server.port}"
    context = proxied_browser.new_context(viewport={"width": 1600, "height": 1000}, locale="nl-NL")
    violations: list[str] = []
    _with_headers(context, static_server, parent, violations, [])
    embedding = (f'<html><body><iframe id="screen" width="1400" height="800" '
                 f'src="{static_server.url}/scherm?embed=true&interval=5"></iframe>'
                 f'<iframe id="kaart" src="{static_server.url}/kaart?embed=true"></iframe>'
                 "</body></html>")
    context.route(f"{parent}/embedding.html",
                  lambda route: route.fulfill(body=embedding, content_type="text/html"))
    page = context.new_page()
    try:
        page.goto(f"{parent}/embedding.html")
        screen = page.frame_locator("#screen")
        _drawn(screen.locator(".gb-slide-title"), violations)
        # the next slides come by themselves: the embedded screen keeps running, its map too
        _drawn(screen.locator(".gb-slide-title", has_text="Initiatief in de buurt"), violations)
        _drawn(screen.frame_locator('iframe[title^="Kaart met"]').locator(
            "[data-plots^='detail:'], [data-plots^='raster:']"), violations, 30_000)
        # /kaart was refused (the screen, drawn above, was not), and nothing else was
        assert [v for v in violations if "frame-ancestors" in v]
        assert [v for v in violations if "frame-ancestors" not in v] == []
        assert page.frame_locator("#kaart").get_by_text("Kaart van open ruimtes").count() == 0
    finally:
        context.close()

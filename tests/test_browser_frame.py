"""A direct link to any page on a freshly started server gets the whole app: the frame of
dashboard.py (navigation, language, login) and the CBS/Kadaster attribution in the footer."""

from __future__ import annotations

import shutil

import pytest

from .conftest import AppServer

pytestmark = pytest.mark.browser

ATTRIBUTION = "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024"


@pytest.mark.parametrize("path, heading", [
    ("/initiatieven", "Initiatieven"),
    ("/wijken", "Wijken en buurten"),
    ("/beheer", "Beheer"),
])
def test_direct_link_on_a_fresh_server_has_the_frame(browser, demo_db_file, tmp_path, path, heading):
    db_file = tmp_path / "fresh.duckdb"
    shutil.copyfile(demo_db_file, db_file)
    server = AppServer(db_file)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("http://localhost", "ws://localhost", "data:", "blob:", "about:")) else r.abort())
    page = context.new_page()
    try:
        page.goto(server.url + path)  # the very first request this server gets
        page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
        footer = page.locator('[data-testid="stCaptionContainer"]', has_text="Grenzen: " + ATTRIBUTION)
        footer.last.wait_for(timeout=60_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        for text in ("Taal", "Kaart", "Kavels"):  # the frame may still be drawing: wait for it
            sidebar.get_by_text(text, exact=True).first.wait_for(timeout=60_000)
    finally:
        context.close()
        server.stop()

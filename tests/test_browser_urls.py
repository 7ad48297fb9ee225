"""The worst addresses, opened in a real browser on a running server: a calm message, the
page's main content, no exception, no traceback, and nothing of the address run or shown.
(``test_url_params.py`` drives every parameter of every page in-process.)"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from gebrookerbos import db

from .conftest import wait_until_idle

pytestmark = pytest.mark.browser

LONG = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'
LINK = "[klik](javascript:alert(3))"


def _open(page, url: str) -> tuple[str, list[str]]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.locator('[data-testid="stAlertContentInfo"], .gb-notice').first.wait_for(
        timeout=90_000)
    wait_until_idle(page)
    return page.locator("body").inner_text(), dialogs


def _calm(page, text: str, dialogs: list[str]) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    for word in ("Traceback", 'File "', "Error"):
        assert word not in text
    assert dialogs == []  # nothing of the address ran
    assert LONG not in text and "<script>" not in text and "onerror" not in text
    assert "javascript:" not in page.content()


def test_kavels_with_the_worst_address(page, app_server, ro_con):
    query = "&".join([
        "free_from=9999-12-31", "months=600", "area_min=-1", "area_max=1e400",
        f"plot={LONG}", f"owner={quote(SCRIPT)}", f"wijk={quote(IMAGE)}",
        f"initiative={quote(LINK)}", "sort=", "match=true", "match=false", "lang=xx",
    ])
    text, dialogs = _open(page, f"{app_server.url}/kavels?{query}")
    _calm(page, text, dialogs)
    total = db.fetch_value(ro_con, "plot_count")
    assert f"{total} van {total} kavels" in text  # the main content, all plots (defaults)
    for name in ("free_from", "area_min", "area_max", "plot", "owner", "wijk", "initiative",
                 "match", "lang"):
        assert f"‘{name}’" in text, name
    assert "‘months’" not in text  # 600 is fine: the rest of the address applies
    page.get_by_role("heading", name="Kavels: zoeken, matchen en in optie geven").wait_for()


def test_the_public_screen_with_the_worst_address(page, app_server):
    query = f"embed=true&interval=1e400&wijk={quote(IMAGE)}&lang=en&lang=nl&x={LONG}"
    text, dialogs = _open(page, f"{app_server.url}/scherm?{query}")
    _calm(page, text, dialogs)
    page.locator(".gb-slide-title", has_text="Zo staat het ervoor").wait_for(timeout=60_000)
    notices = page.locator(".gb-notice").all_inner_texts()
    assert any("‘interval’" in n for n in notices) and any("‘wijk’" in n for n in notices)
    assert any("‘lang’" in n for n in notices)
    assert page.locator('[data-testid="stAlertContentInfo"]').count() == 0  # its own bar only

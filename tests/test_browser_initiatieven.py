"""Page Initiatieven and the map's play button in a real headless Chromium that can reach
nothing but the app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import MAP_FRAME, wait_until_idle

pytestmark = pytest.mark.browser


def _initiative_with_plots(ro_con) -> tuple[str, str, int]:
    return ro_con.execute(
        "SELECT i.initiative_id, i.title, count(*) FROM initiatives i "
        "JOIN initiative_plots USING (initiative_id) WHERE i.stage = 'realised' "
        "GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()


def test_detail_shows_plots_on_a_small_map_and_the_timeline(page, app_server, ro_con):
    ini, title, n_plots = _initiative_with_plots(ro_con)
    page.goto(f"{app_server.url}/initiatieven?initiatief={ini}")
    page.get_by_role("heading", name=title).wait_for(timeout=60_000)
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    assert frame.locator("path.leaflet-interactive").count() == n_plots
    # the timeline chart is drawn (Vega renders into a canvas or svg)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)
    assert page.get_by_text("Geschiedenis (fasen en kavels)").is_visible()
    # the public sees no contact details
    email = ro_con.execute("SELECT contact_email FROM initiatives WHERE initiative_id = $i",
                           {"i": ini}).fetchone()[0]
    assert email not in page.content()
    assert page.offline.blocked_except_tiles() == []


def test_programme_charts_download_as_csv_and_png(page, app_server, tmp_path):
    page.goto(f"{app_server.url}/initiatieven")
    page.get_by_role("tab", name="Programma door de tijd").click()
    page.get_by_text("Grond in gebruik door initiatieven").first.wait_for(timeout=60_000)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] canvas, "
        "[data-testid=\"stVegaLiteChart\"] svg.marks').length >= 3", timeout=30_000)
    assert charts.count() >= 3
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name=re.compile("Download CSV")).first.click()
    csv_path = Path(got.value.path())
    text = csv_path.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == "Datum;Fase;Aantal initiatieven"
    assert got.value.suggested_filename.endswith(".csv")
    with page.expect_download(timeout=60_000) as got:
        page.get_by_role("button", name=re.compile("Download PNG")).first.click()
    assert Path(got.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.offline.blocked_except_tiles() == []


def test_the_map_plays_through_the_years_and_pauses(page, app_server):
    page.goto(app_server.url + "/")
    page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(
        timeout=60_000)
    assert page.get_by_text(re.compile("Stand van vandaag")).is_visible()
    page.get_by_role("button", name="Afspelen").click()
    page.get_by_text("Stand op 1 januari 2014").wait_for(timeout=30_000)
    page.get_by_text("Stand op 1 januari 2015").wait_for(timeout=30_000)
    page.get_by_text("Stand op 1 januari 2016").wait_for(timeout=30_000)
    page.get_by_role("button", name="Pauze").click()
    page.get_by_role("button", name="Afspelen").wait_for(timeout=30_000)
    heading = page.get_by_text(re.compile(r"^Stand op ")).first.inner_text()
    # paused: no more runs (playing runs the page every second), the date stays
    wait_until_idle(page, quiet_ms=3000)
    assert page.get_by_text(re.compile(r"^Stand op ")).first.inner_text() == heading
    # the map shows the plots of that date
    assert page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").count() > 0
    assert page.offline.blocked_except_tiles() == []

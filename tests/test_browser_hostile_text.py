"""Text from users and files is never rendered as HTML, in a real browser.

A plot imported from a GeoPackage and an initiative registered by a broker carry script and
markup in every text field: an <img> with onerror, a <script>, an attribute break-out into
an <svg onload>, and a markdown link to javascript:. Every page is opened in the states that
show them (the plot chosen with its details, the initiative open, the map's tooltip, match
mode, Wijken, the screen, Beheer as a broker); no script may run (each payload would count
in window.top.__xss) and no such element may exist in any frame.
"""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
import shapely
from playwright.sync_api import Error as PlaywrightError

from gebrookerbos import config, db
from gebrookerbos.domain import Stage
from gebrookerbos.domain.auth import COMMAND_LINE
from gebrookerbos.services import edits, importer, reservations, stages

from .actors import BROKER, PASSWORD
from .conftest import MAP_FRAME, AppServer, open_as, settle, states

pytestmark = pytest.mark.browser

HOSTILE = ('<img src=x onerror="window.top.__xss=(window.top.__xss||0)+1"> '
           '<script>window.top.__xss=(window.top.__xss||0)+1</script> '
           '"><svg onload="window.top.__xss=(window.top.__xss||0)+1"> '
           '[klik](javascript:window.top.__xss=(window.top.__xss||0)+1)')
PLOT = "XSS-1"
# what a payload that got through would leave in a document
INJECTED = ('img[src="x"], svg[onload], [onerror], a[href^="javascript"], '
            'script:not([src])')


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, demo_db_file):
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    con = db.connect(path)
    # a plot in a file, next to a demo plot, its texts hostile
    wkb = con.execute("SELECT ST_AsWKB(geom) FROM plots WHERE plot_id = 'KV-0004'").fetchone()[0]
    outline = shapely.from_wkb(bytes(wkb)).buffer(-1.0)
    source = folder / "kavels.gpkg"
    gpd.GeoDataFrame(
        {"plot_id": [PLOT], "name": [f"Kavel {HOSTILE}"], "location_description": [HOSTILE],
         "zoning": ["groen"], "notes": [HOSTILE]},
        geometry=[outline], crs=config.RD_NEW).to_file(source, layer="kavels", driver="GPKG")
    report = importer.import_plots(con, source, actor=COMMAND_LINE)
    assert report.ok, report.problems
    # an initiative registered by a broker, every text hostile, holding that plot
    initiative = edits.create_initiative(
        con, {"title": f"Tuin {HOSTILE}", "theme": "nature", "public_summary": HOSTILE,
              "partners": HOSTILE, "next_action": HOSTILE, "initiator_group": HOSTILE,
              "contact_name": HOSTILE, "account_manager": HOSTILE},
        actor=BROKER, note=HOSTILE)
    stages.change_stage(con, initiative, Stage.EXPLORING, actor=BROKER, note=HOSTILE)
    reservations.reserve(con, PLOT, initiative, actor=BROKER, note=HOSTILE)
    con.close()
    server = AppServer(path)
    yield server, initiative
    server.stop()


def _injected(page) -> list[str]:
    """Elements a payload would have made, in the page and every frame."""
    found = []
    for frame in page.frames:
        try:
            found += frame.evaluate(
                "sel => Array.from(document.querySelectorAll(sel)).filter(e => "
                "e.tagName !== 'SCRIPT' || /__xss/.test(e.textContent))"
                ".map(e => e.outerHTML.slice(0, 120))", INJECTED)
        except PlaywrightError:  # a frame replaced meanwhile (the screen's slides)
            continue
    return found


def _hover_the_plot(page) -> None:
    """Show the plot's tooltip on the map (its name and status as the map writes them)."""
    frame = page.frame_locator(MAP_FRAME).first
    # (until the map's script has run, window.map_div is the map's element, not the map)
    frame.locator("#map_div").evaluate(
        "el => new Promise(done => { const check = () => window.map_div &&"
        " window.map_div.eachLayer ? done() : requestAnimationFrame(check); check(); })")
    point = frame.locator("#map_div").evaluate(
        "(el) => { let out = null; window.map_div.eachLayer(l => {"
        " if (!out && l.feature && l.feature.properties &&"
        " l.feature.properties.plot_id === 'XSS-1') {"
        " const p = window.map_div.latLngToContainerPoint(l.getBounds().getCenter());"
        " out = [p.x, p.y]; } }); return out; }")
    if point is None:  # not drawn as an outline at this zoom: close in on it first
        return
    frame.locator("#map_div").hover(position={"x": point[0], "y": point[1]})
    frame.locator(".leaflet-tooltip").first.wait_for(timeout=10_000)


@pytest.mark.parametrize("who", [None, "bea"])
def test_hostile_text_is_shown_as_text_and_never_runs(page, hostile, who):
    server, initiative = hostile
    for path in states(PLOT, initiative):
        open_as(page, server.url + path, who, PASSWORD)
        if path.startswith("/kavels?plot="):
            # the map is framed on the chosen plot: its outline and tooltip are there
            _hover_the_plot(page)
            page.get_by_text("Geschiedenis van deze kavel").first.click()
            settle(page)
        assert page.evaluate("window.__xss") is None, path
        assert _injected(page) == [], path
    # the texts are there, as text
    open_as(page, server.url + f"/initiatieven?initiatief={initiative}", None, PASSWORD)
    assert "<svg onload=" in page.inner_text('[data-testid="stMain"]')
    assert page.evaluate("window.__xss") is None

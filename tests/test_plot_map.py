"""The map builder, tested on what it emits."""

from __future__ import annotations

import json

import pytest

from gebrookerbos import assets, plots
from gebrookerbos.plot_map import (
    AVAILABILITY_COLOURS,
    STAGE_COLOURS,
    Basemap,
    ColourBy,
    MapOptions,
    build_map,
    external_links,
    plots_feature_collection,
)


@pytest.fixture(scope="module")
def shown(ro_con):
    return plots.filtered_plots(ro_con)


def _html(m) -> str:
    return m.get_root().render()


def test_every_plot_feature_carries_its_id(shown):
    fc = plots_feature_collection(shown, ColourBy.AVAILABILITY, "nl")
    ids = [f["properties"]["plot_id"] for f in fc["features"]]
    assert ids == list(shown["plot_id"]) and len(ids) > 100
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in fc["features"])


def test_colours_follow_the_chosen_property(shown):
    by_avail = plots_feature_collection(shown, ColourBy.AVAILABILITY, "nl")
    by_stage = plots_feature_collection(shown, ColourBy.STAGE, "nl")
    for row, fa, fs in zip(shown.to_dict("records"), by_avail["features"], by_stage["features"],
                           strict=True):
        assert fa["properties"]["fill"] == AVAILABILITY_COLOURS[row["availability"]]
        stage = row["stage"] if isinstance(row["stage"], str) else "none"
        assert fs["properties"]["fill"] == STAGE_COLOURS[stage]


def test_coordinates_are_wgs84_in_heerlen(shown):
    fc = plots_feature_collection(shown.head(5), ColourBy.AVAILABILITY, "nl")
    for f in fc["features"]:
        coords = f["geometry"]["coordinates"]
        ring = coords[0] if f["geometry"]["type"] == "Polygon" else coords[0][0]
        lon, lat = ring[0]
        assert 5.85 < lon < 6.05 and 50.8 < lat < 50.95


def test_map_uses_only_local_assets(ro_con, shown):
    m = build_map(shown, plots.municipality_bounds(ro_con), MapOptions(basemap=Basemap.NONE))
    links = external_links(m)
    assert links == [assets.LEAFLET_JS_URL, assets.LEAFLET_CSS_URL]
    html = _html(m)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html


def test_basemaps_and_attribution(ro_con, shown):
    bounds = plots.municipality_bounds(ro_con)
    pdok = _html(build_map(shown, bounds, MapOptions(basemap=Basemap.PDOK)))
    assert "service.pdok.nl/brt/achtergrondkaart" in pdok and "Kadaster" in pdok
    osm = _html(build_map(shown, bounds, MapOptions(basemap=Basemap.OSM)))
    assert "tile.openstreetmap.org" in osm and "pdok" not in osm
    bare = _html(build_map(shown, bounds, MapOptions(basemap=Basemap.NONE)))
    assert "tile.openstreetmap.org" not in bare and "service.pdok.nl" not in bare
    # the CBS/Kadaster attribution is on the map whatever the basemap
    for html in (pdok, osm, bare):
        assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in html


def test_legend_in_the_chosen_language(ro_con, shown):
    bounds = plots.municipality_bounds(ro_con)
    nl = _html(build_map(shown, bounds, MapOptions(colour_by=ColourBy.STAGE, lang="nl")))
    assert "Gerealiseerd" in nl and "Verkenning" in nl
    en = _html(build_map(shown, bounds, MapOptions(colour_by=ColourBy.AVAILABILITY, lang="en")))
    assert "Reserved" in en and "In use" in en


def test_boundaries_are_layers(ro_con, shown):
    m = build_map(shown, plots.municipality_bounds(ro_con), MapOptions(),
                  buurten=plots.boundaries(ro_con, "buurt"), wijken=plots.boundaries(ro_con, "wijk"))
    html = _html(m)
    assert "Buurtgrenzen" in html and "Wijkgrenzen" in html
    assert html.count("BU0917") >= 57


def test_feature_collection_is_valid_json(shown):
    text = json.dumps(plots_feature_collection(shown, ColourBy.STAGE, "en"))
    assert json.loads(text)["type"] == "FeatureCollection"

"""The map builder, tested on what it emits."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from gebrookerbos import i18n
from gebrookerbos.domain import plot_filter, plots
from gebrookerbos.maps import access, assets, layers, map_view
from gebrookerbos.maps.plot_map import (
    Basemap,
    MapOptions,
    _legend_html,
    build_map,
    external_links,
    plot_layer_group,
    selection_group,
)
from gebrookerbos.maps.style import (
    AVAILABILITY_COLOURS,
    AVAILABILITY_OUTLINES,
    BACKGROUNDS,
    STAGE_COLOURS,
    STAGE_OUTLINES,
    ColourBy,
    contrast_ratio,
    legend_swatches,
)


@pytest.fixture(scope="module")
def shown(ro_con):
    return plot_filter.filtered_plots(ro_con)


def _html(m) -> str:
    return m.get_root().render()


@pytest.fixture(scope="module")
def layer(ro_con, shown, tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    made = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None, static_dir=folder)
    return made, folder


def test_every_plot_feature_carries_its_id(layer, shown):
    made, folder = layer
    data = json.loads(layers.layer_path(made.url, folder).read_text(encoding="utf-8"))
    ids = [f["properties"]["plot_id"] for f in data["features"]]
    assert ids == list(shown["plot_id"]) and len(ids) > 100
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"])


def test_coordinates_are_wgs84_in_heerlen(layer):
    made, folder = layer
    data = json.loads(layers.layer_path(made.url, folder).read_text(encoding="utf-8"))
    for f in data["features"][:5]:
        coords = f["geometry"]["coordinates"]
        ring = coords[0] if f["geometry"]["type"] == "Polygon" else coords[0][0]
        lon, lat = ring[0]
        assert 5.85 < lon < 6.05 and 50.8 < lat < 50.95


def test_map_uses_only_local_assets(ro_con, layer):
    m = build_map(layer[0], plots.municipality_bounds(ro_con), MapOptions(basemap=Basemap.NONE))
    links = external_links(m)
    assert links == [assets.LEAFLET_JS_URL, assets.LEAFLET_CSS_URL]
    html = _html(m)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html


def test_basemaps_and_attribution(ro_con, layer):
    bounds = plots.municipality_bounds(ro_con)
    pdok = _html(build_map(layer[0], bounds, MapOptions(basemap=Basemap.PDOK)))
    assert "service.pdok.nl/brt/achtergrondkaart" in pdok and "Kadaster" in pdok
    osm = _html(build_map(layer[0], bounds, MapOptions(basemap=Basemap.OSM)))
    assert "tile.openstreetmap.org" in osm and "pdok" not in osm
    bare = _html(build_map(layer[0], bounds, MapOptions(basemap=Basemap.NONE)))
    assert "tile.openstreetmap.org" not in bare and "service.pdok.nl" not in bare
    # the CBS/Kadaster attribution is on the map whatever the basemap
    for html in (pdok, osm, bare):
        assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in html


def test_legend_in_the_chosen_language(ro_con, layer):
    bounds = plots.municipality_bounds(ro_con)
    nl = _html(build_map(layer[0], bounds, MapOptions(colour_by=ColourBy.STAGE, lang="nl")))
    assert "Gerealiseerd" in nl and "Verkenning" in nl and "Fase van het initiatief" in nl
    en = _html(build_map(layer[0], bounds, MapOptions(colour_by=ColourBy.AVAILABILITY, lang="en")))
    assert "Reserved" in en and "In use" in en


def test_boundaries_are_layers(ro_con, layer):
    m = build_map(layer[0], plots.municipality_bounds(ro_con), MapOptions(),
                  buurten=plots.boundaries(ro_con, "buurt"), wijken=plots.boundaries(ro_con, "wijk"))
    html = _html(m)
    assert "Buurtgrenzen" in html and "Wijkgrenzen" in html
    assert html.count("BU0917") >= 57


def test_a_map_to_look_at_cannot_be_panned_or_clicked(ro_con, layer):
    html = _html(build_map(layer[0], plots.municipality_bounds(ro_con),
                           MapOptions(basemap=Basemap.NONE, interactive=False)))
    assert '"dragging": false' in html and '"scrollWheelZoom": false' in html
    assert '"interactive": false' in html  # the plot layer's own option
    assert layer[0].url in html


def test_best_matches_are_ranks_of_the_one_layer(ro_con, shown, tmp_path):
    best = list(shown["plot_id"].iloc[[7, 3, 11]])
    emphasis = layers.Emphasis(ranks=tuple(best))
    made = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                             emphasis=emphasis, static_dir=tmp_path)
    data = json.loads(layers.layer_path(made.url, tmp_path).read_text(encoding="utf-8"))
    ranked = {f["properties"]["plot_id"]: f["properties"] for f in data["features"]
              if "r" in f["properties"]}
    assert {pid: props["r"] for pid, props in ranked.items()} == {
        best[0]: 1, best[1]: 2, best[2]: 3}
    outlines = _wgs84_outlines(ro_con, set(best))
    for pid, props in ranked.items():  # the number sits inside its plot
        assert outlines[pid].distance(shapely.Point(*props["rp"])) < 1e-5
    assert len(data["features"]) == len(shown)  # no second copy of the best plots
    # the same ranks on the dots of a large set
    dots = json.loads(layers.points_payload(ro_con, shown, ColourBy.AVAILABILITY,
                                            emphasis=emphasis))
    ids = dots["ids"]
    assert sorted((ids[i], r) for i, r in dots["r"]) == sorted(
        (pid, rank) for rank, pid in enumerate(best, start=1))


def test_marked_plots_are_flagged_in_the_layer(ro_con, shown, tmp_path):
    marked = set(shown["plot_id"].head(4))
    made = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                             emphasis=layers.Emphasis(marked=frozenset(marked)),
                             static_dir=tmp_path)
    data = json.loads(layers.layer_path(made.url, tmp_path).read_text(encoding="utf-8"))
    assert data["marked"] is True
    assert {f["properties"]["plot_id"] for f in data["features"]
            if f["properties"].get("m")} == marked


def test_a_map_frames_its_plots_from_their_boxes(ro_con, shown):
    boxes = layers.label_points(ro_con)
    some = list(shown["plot_id"].head(6))
    west, south, east, north = layers.bounds_of(boxes, some, (0, 0, 1, 1), margin=0)
    outlines = _wgs84_outlines(ro_con, set(some))
    truth = shapely.total_bounds(list(outlines.values()))
    assert np.allclose((west, south, east, north), truth, atol=1e-6)
    assert layers.bounds_of(boxes, [], (0, 0, 1, 1)) == (0, 0, 1, 1)


# --- the map at scale: layer files, detail and dots ------------------------------

TO_WGS84 = pyproj.Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def _wgs84_outlines(con, ids=None) -> dict[str, shapely.Geometry]:
    """The plots' outlines in WGS84, computed here with shapely/pyproj from the WKB."""
    rows = con.execute("SELECT plot_id, ST_AsWKB(geom) FROM plots").fetchall()
    return {
        pid: shapely.transform(shapely.from_wkb(bytes(wkb)),
                               lambda xy: np.column_stack(TO_WGS84.transform(xy[:, 0], xy[:, 1])))
        for pid, wkb in rows if ids is None or pid in ids
    }


def _read_layer(layer, static_dir) -> dict:
    return json.loads(layers.layer_path(layer.url, static_dir).read_text(encoding="utf-8"))


def test_small_sets_get_every_outline_with_every_vertex(ro_con, shown, tmp_path):
    layer = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                                static_dir=tmp_path)
    assert layer.mode == layers.DETAIL and layer.drawn == layer.total == len(shown)
    assert layer.url.startswith("/app/static/cache/map/") and layer.url.endswith(".json")
    data = _read_layer(layer, tmp_path)
    assert [f["properties"]["plot_id"] for f in data["features"]] == list(shown["plot_id"])
    outlines = _wgs84_outlines(ro_con)
    for feature in data["features"]:
        drawn = shapely.geometry.shape(feature["geometry"])
        truth = outlines[feature["properties"]["plot_id"]]
        # full geometry: every vertex, each within 10 cm (6 decimals), nothing simplified
        assert shapely.get_num_coordinates(drawn) == shapely.get_num_coordinates(truth)
        assert drawn.hausdorff_distance(truth) < 2e-6
        text = json.dumps(feature["geometry"]["coordinates"])
        assert max(len(x.split(".")[1]) for x in text.replace("[", "").replace("]", "")
                   .split(",") if "." in x) <= 6


def test_layer_colours_and_tooltip_text(ro_con, shown, tmp_path):
    layer = layers.plot_layer(ro_con, shown, ColourBy.STAGE, "en", None, static_dir=tmp_path)
    data = _read_layer(layer, tmp_path)
    by_id = shown.set_index("plot_id")
    for feature in data["features"]:
        p = feature["properties"]
        row = by_id.loc[p["plot_id"]]
        stage = row["stage"] if isinstance(row["stage"], str) else "none"
        assert data["palette"][p["c"]] == STAGE_COLOURS[stage]
        assert p["name"] == row["name"]
        assert p["area"] == f"{round(row['area_m2']):,} m²".replace(",", ".")
    assert any("·" in f["properties"]["status"] for f in data["features"])  # with a stage


def test_same_layer_is_one_file(ro_con, shown, tmp_path):
    a = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None, static_dir=tmp_path)
    b = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None, static_dir=tmp_path)
    c = layers.plot_layer(ro_con, shown.head(10), ColourBy.AVAILABILITY, "nl", None,
                            static_dir=tmp_path)
    assert a.url == b.url != c.url
    assert len(list((tmp_path / "cache" / "map").glob("*.json"))) == 2
    written = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(assets.is_static_asset(p) for p in written)  # nothing else


def test_dots_are_inside_their_plots_and_carry_their_ids(ro_con, shown, tmp_path):
    subset = shown[shown["availability"] == "available"]
    data = json.loads(layers.points_payload(ro_con, subset, ColourBy.AVAILABILITY))
    assert data["mode"] == layers.POINTS and data["n"] == len(subset)
    assert len(base64.b64decode(data["xy"])) == 4 * len(subset)  # two uint16 per plot
    points = layers.decode_points(data)
    assert list(points["plot_id"]) == list(subset["plot_id"])
    assert set(points["c"]) == {list(AVAILABILITY_COLOURS).index("available")}
    outlines = _wgs84_outlines(ro_con, set(subset["plot_id"]))
    step = max(data["step"])
    for row in points.itertuples():
        # inside the plot, up to the rounding of the coordinates to the uint16 grid
        assert outlines[row.plot_id].distance(shapely.Point(row.lon, row.lat)) <= step


def test_large_sets_become_dots_and_close_views_detail(ro_con, shown, tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "DETAIL_MAX_PLOTS", 20)  # the demo set stands for a big one
    whole = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                                static_dir=tmp_path)
    assert whole.mode == layers.POINTS and whole.drawn == len(shown)
    # a close view on one plot: outlines of the plots in and around it, and of no others
    wkb = ro_con.execute("SELECT ST_AsWKB(geom) FROM plots WHERE plot_id = $p",
                         {"p": shown["plot_id"].iloc[0]}).fetchone()[0]
    x, y = TO_WGS84.transform(*shapely.from_wkb(bytes(wkb)).centroid.coords[0])
    view = layers.Viewport(x - 0.004, y - 0.002, x + 0.004, y + 0.002, 17)
    close = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", view,
                                static_dir=tmp_path)
    assert close.mode == layers.DETAIL and close.region is not None
    drawn = {f["properties"]["plot_id"] for f in _read_layer(close, tmp_path)["features"]}
    box = shapely.box(*close.region)
    expected = {pid for pid, g in _wgs84_outlines(ro_con, set(shown["plot_id"])).items()
                if g.intersects(box)}
    assert shown["plot_id"].iloc[0] in drawn
    # the box is reprojected to RD as its envelope, so it may take in a plot just outside
    assert expected <= drawn and len(drawn - expected) <= 2


def test_candidate_regions_hold_the_view_and_stay_put_on_a_small_pan():
    view = layers.Viewport(5.97, 50.88, 5.976, 50.884, 16)
    regions = list(layers.candidate_regions(view))
    for west, south, east, north in regions:
        assert west <= view.west and south <= view.south
        assert east >= view.east and north >= view.north
    nudged = layers.Viewport(5.9701, 50.8801, 5.9761, 50.8841, 16)
    assert list(layers.candidate_regions(nudged))[0] == regions[0]


def test_viewport_and_click_from_st_folium():
    state = {"bounds": {"_southWest": {"lat": 50.8, "lng": 5.9},
                        "_northEast": {"lat": 50.9, "lng": 6.0}}, "zoom": 14,
             "last_active_drawing": {"type": "Feature", "properties": {"plot_id": "KV-0001"}}}
    assert map_view.viewport_from(state) == layers.Viewport(5.9, 50.8, 6.0, 50.9, 14)
    assert map_view.clicked_plot_id(state) == "KV-0001"
    assert map_view.viewport_from(None) is None
    assert map_view.viewport_from({"bounds": {"_southWest": {"lat": None, "lng": None},
                                              "_northEast": {"lat": None, "lng": None}},
                                   "zoom": 13}) is None
    assert map_view.clicked_plot_id({"last_active_drawing": None}) is None


def test_map_with_a_layer_file_stays_small(ro_con, shown, tmp_path):
    layer = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                                static_dir=tmp_path)
    bounds = plots.municipality_bounds(ro_con)
    html = _html(build_map(layer, bounds, MapOptions(basemap=Basemap.NONE)))
    assert layer.url in html and "window.gbPlotLayer" in html
    assert shown["plot_id"].iloc[0] not in html  # the plots are in the file, not the page
    base = _html(build_map(None, bounds, MapOptions(basemap=Basemap.NONE, layer_control=False)))
    assert layer.url not in base
    assert "L.control.layers" not in base and "Kadaster / Centraal Bureau" in base
    group = _html_of_group(plot_layer_group(layer, "nl"))
    assert layer.url in group


def _html_of_group(group) -> str:
    import folium

    m = folium.Map()
    group.add_to(m)
    return m.get_root().render()


def test_selection_outline_and_ring(ro_con, shown):
    plot_id = shown["plot_id"].iloc[0]
    outline = layers.plot_outline(ro_con, plot_id)
    assert json.loads(outline["geojson"])["type"] in ("Polygon", "MultiPolygon")
    truth = _wgs84_outlines(ro_con, {plot_id})[plot_id]
    assert truth.distance(shapely.Point(outline["lon"], outline["lat"])) < 1e-9
    html = _html_of_group(selection_group(outline, points=True))
    assert "circle_marker" in html and '"weight": 5' in html
    assert layers.plot_outline(ro_con, "no-such-plot") is None


def test_label_points_of_all_plots_and_of_some_agree(ro_con):
    every = layers.label_points(ro_con).set_index("plot_id")
    assert len(every) == plots.plot_count(ro_con)
    some_ids = list(every.index[:5])
    some = layers.label_points(ro_con, some_ids).set_index("plot_id")
    assert np.allclose(every.loc[some_ids, ["lon", "lat"]], some.loc[some_ids, ["lon", "lat"]])
    assert layers.label_points(ro_con, []).empty


def test_every_plot_has_its_place_on_the_map_even_one_written_by_hand(con):
    # the demo's plots got their place when they were written: inside the outline, its box
    # holding the outline
    stored = con.execute("SELECT plot_id FROM plot_places").fetchall()
    assert len(stored) == plots.plot_count(con)
    outlines = _wgs84_outlines(con)
    every = layers.label_points(con)
    for plot_id, place in every.sample(20, random_state=1).iterrows():
        outline = outlines[plot_id]
        assert outline.contains(shapely.Point(place["lon"], place["lat"]))
        west, south, east, north = outline.bounds
        assert place["west"] <= west + 1e-7 and place["east"] >= east - 1e-7
        assert place["south"] <= south + 1e-7 and place["north"] >= north - 1e-7
    # a plot written straight into the table (not through the import) is on the map too
    wkt = "POLYGON((193000 320000, 193040 320000, 193040 320030, 193000 320030, 193000 320000))"
    con.execute("INSERT INTO plots (plot_id, name, geom, area_m2, availability) VALUES "
                "('HAND-1', 'By hand', ST_GeomFromText($wkt), 1200, 'available')", {"wkt": wkt})
    by_hand = _wgs84_outlines(con, {"HAND-1"})["HAND-1"]
    for found in (layers.label_points(con), layers.label_points(con, ["HAND-1"])):
        place = found.loc["HAND-1"]
        assert by_hand.contains(shapely.Point(place["lon"], place["lat"]))
        assert place["vertices"] == 5


def test_above_a_limit_the_overview_is_a_picture_and_a_click_finds_its_plot(
        ro_con, shown, tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(layers, "DETAIL_MAX_PLOTS", 20)  # the demo set stands for a big one
    monkeypatch.setattr(layers, "RASTER_MIN_PLOTS", 100)
    made = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                             static_dir=tmp_path)
    assert made.mode == layers.RASTER and made.drawn == len(shown)
    data = json.loads(layers.layer_path(made.url, tmp_path).read_text(encoding="utf-8"))
    assert data["n"] == len(shown) and "ids" not in data  # no list of a million ids
    picture = Image.open(layers.layer_path(data["png"], tmp_path)).convert("RGBA")
    west, south, east, north = data["box"]
    # the picture covers every plot's point, and shows a dot in the plot's colour there
    places = layers.label_points(ro_con).set_index("plot_id").loc[list(shown["plot_id"])]
    assert (places["lon"].between(west, east) & places["lat"].between(south, north)).all()
    one = shown.iloc[0]
    lon, lat = places.loc[one["plot_id"], ["lon", "lat"]]
    proj = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    (x0, x1), (y0, y1) = proj.transform([west, east], [north, south])
    x, y = proj.transform(lon, lat)
    px = int((x - x0) / (x1 - x0) * picture.width)
    py = int((y - y0) / (y1 - y0) * picture.height)
    colours = {picture.getpixel((px + dx, py + dy))[:3] for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    wanted = AVAILABILITY_COLOURS[one["availability"]].lstrip("#")
    assert tuple(int(wanted[i:i + 2], 16) for i in (0, 2, 4)) in colours
    # a click on that dot is answered with that plot, a click far from any plot with none
    xs, ys = layers.points_of(ro_con, shown, None)
    assert shown["plot_id"].iloc[layers.pick(xs, ys, lon, lat, 16)] == one["plot_id"]
    assert layers.pick(xs, ys, west - 0.05, south - 0.05, 16) == -1


def test_a_click_on_the_picture_is_read_back_safely():
    state = {"last_active_drawing": {"properties": {"pick": [5.97, 50.88, 13]}}}
    assert map_view.clicked_point(state) == (5.97, 50.88, 13.0)
    assert map_view.clicked_plot_id(state) is None
    for bad in ([5.97, 50.88], ["x", 50.88, 13], [5.97, 50.88, 2000], [999, 50, 13], None):
        assert map_view.clicked_point({"last_active_drawing": {"properties": {"pick": bad}}}) \
            is None


def test_a_map_nobody_clicks_takes_a_picture_as_soon_as_outlines_do_not_fit(
        ro_con, shown, tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "DETAIL_MAX_PLOTS", 20)  # the demo set stands for a big one
    clickable = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                                  static_dir=tmp_path)
    screen = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                               picture_above=20, static_dir=tmp_path)
    assert (clickable.mode, screen.mode) == (layers.POINTS, layers.RASTER)
    assert screen.drawn == len(shown)


# --- the map by keyboard, and its colours (WCAG 2.1 AA) -----------------------------------


def test_contrast_ratio_is_wcag_s():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#777777") == contrast_ratio("#777777", "#FFFFFF")
    # the plot colours that carried the outline before: too faint on the empty map
    assert contrast_ratio("#F0E442", "#DDDDDD") == pytest.approx(1.03, abs=0.01)
    assert contrast_ratio("#E69F00", "#DDDDDD") == pytest.approx(1.66, abs=0.01)


@pytest.mark.parametrize("outlines", [AVAILABILITY_OUTLINES, STAGE_OUTLINES],
                         ids=["availability", "stage"])
def test_every_plot_outline_stands_out_on_white_and_the_basemap_greys(outlines):
    fills = AVAILABILITY_COLOURS if outlines is AVAILABILITY_OUTLINES else STAGE_COLOURS
    assert list(outlines) == list(fills)  # one outline per colour
    assert {"#FFFFFF", "#F2F2F2", "#E6E6E6", "#DDDDDD"} <= set(BACKGROUNDS)
    too_faint = {
        (code, colour, ground): round(contrast_ratio(colour, ground), 2)
        for code, colour in outlines.items() for ground in BACKGROUNDS
        if contrast_ratio(colour, ground) < 4.5  # WCAG 1.4.11 asks 3:1; we keep 4.5:1
    }
    assert too_faint == {}


def test_reserved_plots_are_hatched_on_the_map_and_in_every_legend(ro_con, shown, tmp_path):
    layer = layers.plot_layer(ro_con, shown, ColourBy.AVAILABILITY, "nl", None,
                              static_dir=tmp_path)
    data = _read_layer(layer, tmp_path)
    reserved = list(AVAILABILITY_COLOURS).index("reserved")
    assert data["hatched"][reserved] is True and sum(data["hatched"]) == 1
    assert data["outlines"] == list(AVAILABILITY_OUTLINES.values())
    swatches = {s.label: s for s in legend_swatches(ColourBy.AVAILABILITY, "nl")}
    assert swatches["In optie"].hatched and not swatches["Beschikbaar"].hatched
    beside = map_view.legend_html(ColourBy.AVAILABILITY, "nl")
    inside = _legend_html(ColourBy.AVAILABILITY, "nl")
    for legend in (beside, inside):
        assert "repeating-linear-gradient" in legend and "In optie" in legend
        assert legend.count("repeating-linear-gradient") == 1
    stage = layers.plot_layer(ro_con, shown, ColourBy.STAGE, "nl", None, static_dir=tmp_path)
    assert not any(_read_layer(stage, tmp_path)["hatched"])


def test_the_legends_follow_the_colouring(ro_con, layer):
    for colour_by, word in ((ColourBy.AVAILABILITY, "Beschikbaarheid"),
                            (ColourBy.STAGE, "Fase van het initiatief")):
        group = plot_layer_group(layer[0], "nl", colour_by=colour_by)
        text = _html_of_group(group)
        assert word in text  # the legend travels with the layer the page swaps in place
        assert word in map_view.legend_html(colour_by, "nl")


def test_every_map_is_one_named_keyboard_stop_in_its_language(ro_con, layer):
    bounds = plots.municipality_bounds(ro_con)
    for lang, name in (("nl", f"Kaart met {i18n.format_number(layer[0].total, 'nl')} kavels"),
                       ("en", f"Map with {i18n.format_number(layer[0].total, 'en')} plots")):
        html = _html(build_map(layer[0], bounds, MapOptions(lang=lang)))
        assert _access_config(html) == {"name": name, "lang": lang, "interactive": True,
                                        "frame": True}
        assert "user-scalable" not in html and "maximum-scale" not in html
        assert '"name": "' + name + '"' in html  # the plot layer renames it when drawn
    still = _html(build_map(layer[0], bounds, MapOptions(interactive=False)))
    assert _access_config(still)["interactive"] is False and not _access_config(still)["frame"]


def _access_config(html: str) -> dict:
    """What the map's page asks of ``window.gbMapAccess.setUp`` (see maps.access)."""
    call = html.rsplit("window.gbMapAccess.setUp(", 1)[1]
    return json.loads(call.split(", ", 1)[1].split(");", 1)[0])


def test_the_map_script_quiets_every_stop_inside_the_map():
    code = access.map_access_script()
    assert 'setAttribute("tabindex", "0")' in code  # the container
    assert 'setAttribute("tabindex", "-1")' in code  # all inside it
    assert "MutationObserver" in code  # also what Leaflet adds later
    assert "outline: 3px solid #0B3D91" in code
    assert "text-decoration: underline" in code  # the attribution's links


def test_the_choropleth_is_a_named_keyboard_stop_too(ro_con):
    from gebrookerbos.maps import choropleth

    buurten = plots.boundaries(ro_con, "buurt")
    values = pd.Series(range(len(buurten)), index=buurten["code"], dtype=float)
    m = choropleth.build_choropleth(
        buurten, values, choropleth.classify(values), plots.municipality_bounds(ro_con),
        choropleth.ChoroplethOptions(title="Inwoners", value_label="Inwoners", source="",
                                     lang="en"))
    html = _html(m)
    assert _access_config(html) == {"name": f"Map of Inwoners with {len(buurten)} areas",
                                    "lang": "en", "interactive": True, "frame": True}
    assert "user-scalable" not in html


def test_a_plot_chosen_beside_the_map_is_zoomed_to_once(ro_con, shown):
    outline = layers.plot_outline(ro_con, shown["plot_id"].iloc[0])
    west, south, east, north = shapely.from_geojson(outline["geojson"]).bounds
    chosen = _fit_config(_html_of_group(selection_group(outline, zoom=True)))
    assert chosen == {"id": outline["plot_id"], "bounds": [[south, west], [north, east]]}
    clicked = _fit_config(_html_of_group(selection_group(outline)))
    assert clicked == {"id": outline["plot_id"], "bounds": None}  # noted, not zoomed to
    assert _fit_config(_html_of_group(selection_group(None))) == {"id": None, "bounds": None}


def _fit_config(html: str) -> dict:
    assert "map._gbFitted === fit.id" in html  # once per choice
    return json.loads(html.rsplit("})(", 1)[1].split(", ", 1)[1].split(");", 1)[0])

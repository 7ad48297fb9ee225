"""The public screen's logic: URL configuration, slide order, public queries, slide HTML.

Expected figures are computed by a different route (pandas over the plain tables, shapely
for areas), never by the screen's own queries.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from gebrookerbos import db, i18n
from gebrookerbos.domain import PERSONAL_COLUMNS, screen
from gebrookerbos.domain.screen import ROUND, SlideKind
from gebrookerbos.maps import layers
from gebrookerbos.maps.screen_map import Focus, build_screen_map, map_html
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import screen as screen_view

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

SCREEN_QUERIES = sorted(n for n, q in db.QUERIES.items() if q.source == "screen.sql")
RUNNING = {"idea", "exploring", "plan", "approved", "in_progress"}


# --- the plain tables, read without the screen's queries ---------------------------------


@pytest.fixture(scope="module")
def tables(ro_con):
    plots = ro_con.execute(
        "SELECT plot_id, name, availability, buurt_code, ST_AsWKB(geom) AS wkb FROM plots"
    ).fetchdf()
    plots["area"] = [shapely.from_wkb(bytes(w)).area for w in plots["wkb"]]
    hoods = ro_con.execute("SELECT code, level, name, wijk_code FROM neighbourhoods").fetchdf()
    buurt_wijk = dict(zip(hoods["code"], hoods["wijk_code"], strict=True))
    plots["wijk_code"] = plots["buurt_code"].map(buurt_wijk)
    inits = ro_con.execute("SELECT * FROM initiatives").fetchdf()
    links = ro_con.execute("SELECT initiative_id, plot_id FROM initiative_plots").fetchdf()
    return {"plots": plots, "hoods": hoods, "inits": inits, "links": links}


def _wijken_of(tables, initiative_id: str) -> set[str]:
    linked = tables["links"][tables["links"]["initiative_id"] == initiative_id]
    if len(linked):
        return set(tables["plots"].set_index("plot_id").loc[linked["plot_id"], "wijk_code"])
    row = tables["inits"].set_index("initiative_id").loc[initiative_id]
    needs = [c.strip() for c in (row["need_wijken"] or "").split(",") if c.strip()]
    return {"WK" + c[2:8] for c in needs}


def _expected_headline(tables, wijk: str | None) -> dict:
    plots, inits, links = tables["plots"], tables["inits"], tables["links"]
    scoped = plots if wijk is None else plots[plots["wijk_code"] == wijk]
    in_scope = inits if wijk is None else inits[
        [wijk in _wijken_of(tables, i) for i in inits["initiative_id"]]]
    active = set(inits.loc[inits["stage"].isin(["in_progress", "realised"]), "initiative_id"])
    used = set(links.loc[links["initiative_id"].isin(active), "plot_id"])
    handed = scoped[(scoped["availability"] == "in_use") & scoped["plot_id"].isin(used)]
    available = scoped[scoped["availability"] == "available"]
    return {
        "realised": int((in_scope["stage"] == "realised").sum()),
        "running": int(in_scope["stage"].isin(RUNNING).sum()),
        "plots_handed_back": len(handed),
        "area_handed_back_m2": handed["area"].sum(),
        "plots_available": len(available),
        "area_available_m2": available["area"].sum(),
    }


@pytest.fixture(scope="module")
def busiest_wijk(tables) -> str:
    return tables["plots"]["wijk_code"].value_counts().index[0]


# --- configuration from the URL -----------------------------------------------------------

WIJKEN = {"WK091720": "Wijk 20 Vrieheide-De Stack", "WK091724": "Wijk 24 Rennemig-Beersdal"}


def test_defaults_without_parameters():
    cfg = screen_view.parse_config({}, WIJKEN, {})
    assert (cfg.wijk, cfg.interval, cfg.lang, cfg.notices) == (None, 15, "nl", ())
    assert cfg.scope_name() == "heel Heerlen"
    assert cfg.signup_url == screen.DEFAULT_SIGNUP_URL


def test_a_known_wijk_any_case():
    cfg = screen_view.parse_config({"wijk": "wk091724"}, WIJKEN, {})
    assert cfg.wijk == "WK091724" and cfg.scope_name() == "Wijk 24 Rennemig-Beersdal"
    assert cfg.notices == ()


def test_an_unknown_wijk_falls_back_to_all_heerlen_with_a_message():
    cfg = screen_view.parse_config({"wijk": "WK099999"}, WIJKEN, {})
    assert cfg.wijk is None and cfg.scope_name() == "heel Heerlen"
    assert cfg.notices == ("‘wijk’ bevat een onbekende code; die is genegeerd.",)


@pytest.mark.parametrize(
    ("given", "interval", "notice"),
    [("20", 20, False), ("5", 5, False), ("60", 60, False), ("2", 5, True), ("0", 5, True),
     ("-30", 5, True), ("3600", 60, True), ("7.5", 15, True), ("abc", 15, True),
     ("nan", 15, True), ("inf", 15, True), ("1e400", 15, True), ("", 15, False),
     ("9" * 10_000, 15, True), (["20", "30"], 15, True)],
)
def test_interval_is_clamped_to_5_to_60_seconds(given, interval, notice):
    cfg = screen_view.parse_config({"interval": given}, WIJKEN, {})
    assert cfg.interval == interval
    assert bool(cfg.notices) == notice
    if notice:
        assert "‘interval’" in cfg.notices[0]
        assert (f"{interval} wordt gebruikt" in cfg.notices[0]) == (interval != 15)
        given = [given] if isinstance(given, str) else given
        assert all(g not in cfg.notices[0] for g in given if len(g) > 2)  # not repeated


def test_language_from_the_url_and_a_bad_one():
    assert screen_view.parse_config({"lang": "en"}, WIJKEN, {}).lang == "en"
    assert screen_view.parse_config({"lang": "EN"}, WIJKEN, {}).lang == "en"
    assert screen_view.parse_config({}, WIJKEN, {}, default_lang="en").lang == "en"
    bad = screen_view.parse_config({"lang": "fr"}, WIJKEN, {})
    assert bad.lang == "nl" and bad.notices == ("‘lang’ bevat een onbekende code; die is genegeerd.",)
    # notices speak the screen's language and never repeat what the address held
    en = screen_view.parse_config({"lang": "en", "wijk": "<b>nope</b>"}, WIJKEN, {})
    assert en.notices == ("‘wijk’ holds an unknown code, which has been ignored.",)


def test_several_bad_values_give_several_messages():
    cfg = screen_view.parse_config({"wijk": "x", "interval": "y", "lang": "z"}, WIJKEN, {})
    assert len(cfg.notices) == 3 and cfg.wijk is None and cfg.interval == 15


def test_signup_url_from_the_environment():
    env = {screen.SIGNUP_ENV: "https://example.org/meedoen"}
    assert screen_view.parse_config({}, WIJKEN, env).signup_url == "https://example.org/meedoen"
    bad = screen_view.parse_config({}, WIJKEN, {screen.SIGNUP_ENV: "javascript:alert(1)"})
    assert bad.signup_url == screen.DEFAULT_SIGNUP_URL and bad.notices


# --- slide order ---------------------------------------------------------------------------


def test_slides_follow_the_round_and_cycle_forever():
    kinds = [screen.slide_at(c, 3).kind for c in range(3 * len(ROUND))]
    assert kinds == list(ROUND) * 3
    assert set(kinds) == set(SlideKind)
    # two steps in a row never show the same slide
    for c in range(40):
        a, b = screen.slide_at(c, 3), screen.slide_at(c + 1, 3)
        assert (a.kind, a.initiative_index) != (b.kind, b.initiative_index)


def test_map_slides_take_each_initiative_in_turn():
    n = 7
    shown = [s.initiative_index for s in (screen.slide_at(c, n) for c in range(60))
             if s.kind == SlideKind.INITIATIVE]
    assert shown[: 2 * n] == list(range(n)) * 2


def test_without_initiatives_there_are_no_map_slides():
    kinds = {screen.slide_at(c, 0).kind for c in range(20)}
    assert SlideKind.INITIATIVE not in kinds
    assert kinds == set(SlideKind) - {SlideKind.INITIATIVE}


# --- the public queries -------------------------------------------------------------------


def test_screen_queries_never_touch_personal_columns(ro_con, busiest_wijk):
    assert len(SCREEN_QUERIES) >= 6
    for name in SCREEN_QUERIES:
        sql = db.query(name).sql.lower()
        for column in PERSONAL_COLUMNS:
            assert column not in sql, (name, column)
        assert "select *" not in sql and "i.*" not in sql, name
    results = [
        screen.initiatives(ro_con, None), screen.map_plots(ro_con, None),
        screen.neighbourhood_overview(ro_con, busiest_wijk),
        db.fetch_df(ro_con, "screen_headline_figures", wijk=None),
    ]
    for frame in results:
        assert not set(frame.columns) & set(PERSONAL_COLUMNS)


@pytest.mark.parametrize("scope", ["all", "busiest"])
def test_headline_figures(ro_con, tables, busiest_wijk, scope):
    wijk = None if scope == "all" else busiest_wijk
    fig = screen.headline_figures(ro_con, wijk)
    expected = _expected_headline(tables, wijk)
    assert fig.realised == expected["realised"] > 0
    assert fig.running == expected["running"] > 0
    assert fig.plots_handed_back == expected["plots_handed_back"] > 0
    assert fig.area_handed_back_m2 == pytest.approx(expected["area_handed_back_m2"], rel=1e-6)
    assert fig.plots_available == expected["plots_available"] > 0
    assert fig.area_available_m2 == pytest.approx(expected["area_available_m2"], rel=1e-6)


def test_a_wijk_without_anything_has_zeroes(ro_con, tables):
    wijken = set(tables["hoods"].loc[tables["hoods"]["level"] == "wijk", "code"])
    empty = sorted(wijken - set(tables["plots"]["wijk_code"]))
    assert empty, "the demo data has a wijk without plots"
    fig = screen.headline_figures(ro_con, empty[0])
    assert (fig.plots_available, fig.plots_handed_back, fig.area_handed_back_m2) == (0, 0, 0)


def test_initiatives_on_the_map_are_not_stopped_and_have_a_plot_in_scope(
        ro_con, tables, busiest_wijk):
    links, plots, inits = tables["links"], tables["plots"], tables["inits"]
    stopped = set(inits.loc[inits["stage"] == "stopped", "initiative_id"])
    for wijk in (None, busiest_wijk):
        frame = screen.initiatives(ro_con, wijk)
        scoped_plots = set(plots["plot_id"] if wijk is None
                           else plots.loc[plots["wijk_code"] == wijk, "plot_id"])
        expected = set(links.loc[links["plot_id"].isin(scoped_plots), "initiative_id"]) - stopped
        assert set(frame["initiative_id"]) == expected
        assert list(frame["initiative_id"]) == sorted(frame["initiative_id"])


def test_an_initiatives_box_holds_its_plots(ro_con, tables):
    to_wgs84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    plots = tables["plots"].set_index("plot_id")
    for row in screen.initiatives(ro_con, None).to_dict("records"):
        box = shapely.box(*screen.initiative_bounds(row)).buffer(1e-7)
        for plot_id in row["plot_ids"]:
            rd = shapely.from_wkb(bytes(plots.loc[plot_id, "wkb"])).representative_point()
            lon, lat = to_wgs84.transform(rd.x, rd.y)
            assert box.contains(shapely.Point(lon, lat)), (row["initiative_id"], plot_id)
        near = screen.plots_near(ro_con, row)
        assert set(row["plot_ids"]) <= set(near["plot_id"])
        assert len(near) > len(row["plot_ids"])  # neighbours for context


def test_neighbourhood_overview_per_wijk_and_per_buurt(ro_con, tables, busiest_wijk):
    plots, hoods = tables["plots"], tables["hoods"]
    per_wijk = screen.neighbourhood_overview(ro_con, None).set_index("code")
    assert set(per_wijk.index) == set(hoods.loc[hoods["level"] == "wijk", "code"])
    counts = plots.groupby("wijk_code").size()
    free = plots[plots["availability"] == "available"].groupby("wijk_code").size()
    for code, row in per_wijk.iterrows():
        assert row["plots"] == counts.get(code, 0)
        assert row["plots_available"] == free.get(code, 0)
    per_buurt = screen.neighbourhood_overview(ro_con, busiest_wijk).set_index("code")
    buurten = hoods[(hoods["level"] == "buurt") & (hoods["wijk_code"] == busiest_wijk)]
    assert set(per_buurt.index) == set(buurten["code"])
    assert per_buurt["plots"].sum() == counts[busiest_wijk]
    # m2 handed back per wijk adds up to the headline figure
    assert per_wijk["area_handed_back_m2"].sum() == pytest.approx(
        _expected_headline(tables, None)["area_handed_back_m2"])


def test_inhabitants_are_the_latest_cbs_figure(ro_con):
    figures = ro_con.execute(
        "SELECT region_code, year, value FROM neighbourhood_figures "
        "WHERE variable = 'Bevolking_Aantal_inwoners' AND value IS NOT NULL").fetchdf()
    latest = figures.sort_values("year").groupby("region_code")["value"].last()
    per_wijk = screen.neighbourhood_overview(ro_con, None).set_index("code")
    known = per_wijk["inhabitants"].dropna()
    assert len(known) > 10
    for code, value in known.items():
        assert value == latest[code]


def test_ideas_without_a_place(ro_con, tables, busiest_wijk):
    inits, links = tables["inits"], tables["links"]
    placeless = inits[inits["stage"].isin(RUNNING)
                      & ~inits["initiative_id"].isin(links["initiative_id"])]
    assert screen.ideas_without_place(ro_con, None) == len(placeless) > 0
    in_wijk = [i for i in placeless["initiative_id"] if busiest_wijk in _wijken_of(tables, i)]
    assert screen.ideas_without_place(ro_con, busiest_wijk) == len(in_wijk)


def test_overview_rows_put_the_most_active_first():
    frame = pd.DataFrame({
        "code": ["A", "B", "C", "D"], "name": list("abcd"), "inhabitants": [1, 2, 3, 4],
        "plots": [1, 5, 0, 2], "plots_available": [0, 0, 0, 0], "running": [0, 3, 0, 1],
        "realised": [1, 1, 0, 0], "area_handed_back_m2": [10.0, 0.0, 0.0, 0.0],
    })
    rows, more = screen.overview_rows(frame, limit=2)
    assert list(rows["code"]) == ["B", "A"] and more == 1  # C has nothing and is left out


# --- QR code and slide HTML ----------------------------------------------------


def test_the_qr_code_decodes_to_the_signup_url():
    zxingcpp = pytest.importorskip("zxingcpp")
    url = "https://example.org/gebrookerbos/meld-je-idee?wijk=WK091720"
    qr = screen_view.qr_code(url)
    image = np.array([[0 if dark else 255 for dark in row]
                      for row in qr.matrix_iter(scale=6, border=4)], dtype=np.uint8)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]
    uri = screen_view.qr_data_uri(url)
    assert uri.startswith("data:image/svg+xml")
    assert "http" not in uri.split(",", 1)[0]  # nothing to fetch


def _screen_map(con, plots, bounds, focus, marked, folder, lang="nl") -> tuple[str, str]:
    """A screen map as the page makes it: the map's HTML and the text of its layer file."""
    layer = layers.plot_layer(con, plots, ColourBy.AVAILABILITY, lang, None,
                              emphasis=layers.Emphasis(marked=frozenset(marked)),
                              static_dir=folder)
    page = map_html(build_screen_map(layer, bounds, focus=focus, lang=lang))
    return page, layers.layer_path(layer.url, folder).read_text(encoding="utf-8")


def _all_slide_html(con, cfg, folder) -> list[str]:
    """Every slide of the round, with every initiative's card and map (and its layer file)."""
    parts = [screen_view.screen_css()]
    inits = screen.initiatives(con, cfg.wijk)
    fig = screen.headline_figures(con, cfg.wijk)
    plots = screen.map_plots(con, cfg.wijk)
    for c in range(len(ROUND)):
        parts.append(screen_view.topbar_html(cfg, screen.slide_at(c, len(inits)), c))
    parts.append(screen_view.headlines_html(fig, cfg))
    parts.append(screen_view.overview_html(screen.neighbourhood_overview(con, cfg.wijk),
                                      screen.ideas_without_place(con, cfg.wijk), cfg))
    parts.append(screen_view.available_html(plots, fig, cfg))
    parts.extend(_screen_map(con, plots, (5.9, 50.85, 6.0, 50.95), Focus.AVAILABLE,
                             plots.loc[plots["availability"] == "available", "plot_id"],
                             folder, cfg.lang))
    parts.append(screen_view.join_html(cfg))
    for i, row in enumerate(inits.to_dict("records")):
        parts.append(screen_view.initiative_card_html(row, i + 1, len(inits), cfg.lang))
        parts.extend(_screen_map(con, screen.plots_near(con, row), screen.initiative_bounds(row),
                                 Focus.INITIATIVE, row["plot_ids"], folder, cfg.lang))
    return parts


def test_no_personal_data_in_any_slide_or_map(ro_con, busiest_wijk, tmp_path):
    personal = ro_con.execute(
        f"SELECT {', '.join(PERSONAL_COLUMNS)} FROM initiatives").fetchall()
    values = {v for row in personal for v in row if isinstance(v, str) and len(v) > 3}
    assert len(values) > 50
    for wijk in (None, busiest_wijk):
        cfg = screen_view.parse_config({"wijk": wijk} if wijk else {}, {busiest_wijk: "W"}, {})
        text = "\n".join(_all_slide_html(ro_con, cfg, tmp_path))
        leaked = [v for v in values if v in text]
        assert leaked == []


def test_initiative_card_shows_the_public_fields(ro_con):
    row = screen.initiatives(ro_con, None).iloc[0].to_dict()
    card = screen_view.initiative_card_html(row, 1, 9, "nl")
    assert row["title"] in card and row["public_summary"] in card
    assert i18n.label("stage", row["stage"], "nl") in card
    assert f"{int(row['progress'])}% klaar" in card and "1 / 9" in card


def test_values_are_escaped():
    row = {"title": "<script>x</script>", "public_summary": "a & b", "theme": "nature",
           "stage": "idea", "progress": 5, "area_m2": 10.0, "plot_names": ["<b>"],
           "buurt_names": None}
    card = screen_view.initiative_card_html(row, 1, 1, "nl")
    assert "<script>" not in card and "&lt;script&gt;" in card and "<b>" not in card


def test_the_map_uses_only_the_apps_own_leaflet_and_highlights_the_initiative(ro_con, tmp_path):
    row = screen.initiatives(ro_con, None).iloc[0].to_dict()
    near = screen.plots_near(ro_con, row)
    page, layer_text = _screen_map(ro_con, near, screen.initiative_bounds(row),
                                   Focus.INITIATIVE, row["plot_ids"], tmp_path)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/app/static/") for s in sources), sources
    assert "Centraal Bureau voor de Statistiek" in page  # attribution on the map
    assert '"interactive": false' in page  # nothing to click on a wall screen
    data = json.loads(layer_text)
    marked = {f["properties"]["plot_id"] for f in data["features"] if f["properties"].get("m")}
    assert marked == set(row["plot_ids"])  # the initiative's plots stand out
    assert {f["properties"]["plot_id"] for f in data["features"]} == set(near["plot_id"])


def test_a_screen_map_says_its_language_and_what_it_shows(ro_con, tmp_path):
    row = screen.initiatives(ro_con, None).iloc[0].to_dict()
    layer = layers.plot_layer(ro_con, screen.plots_near(ro_con, row), ColourBy.AVAILABILITY,
                              "en", None, static_dir=tmp_path)
    fmap = build_screen_map(layer, screen.initiative_bounds(row), focus=Focus.INITIATIVE,
                            lang="en")
    page = map_html(fmap, lang="en", title='Map of "Tuin <b>De Koumen</b>" & its plots')
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    # the title as text: a name from the data never becomes markup in the frame
    assert ("<title>Map of &quot;Tuin &lt;b&gt;De Koumen&lt;/b&gt;&quot; &amp; its plots"
            "</title>") in page

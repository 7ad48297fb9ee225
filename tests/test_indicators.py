"""Neighbourhood indicators against figures computed independently from the CBS files and
the demo files (pandas, geopandas and shapely here; never the code under test)."""

from __future__ import annotations

import io
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from gebrookerbos import config, i18n
from gebrookerbos.domain import indicators
from gebrookerbos.present import wijken_view
from tests import GEODATA
from tests.actors import BROKER, POLICY_OFFICER

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

CSV = GEODATA / "heerlen_kerncijfers_wijken_buurten_2016_2020.csv"
WIJKEN = GEODATA / "heerlen_wijken_2024.geojson"
BUURTEN = GEODATA / "heerlen_buurten_2024.geojson"
PLOTS = GEODATA / "demo_plots.geojson"

SOME_BUURTEN = ("BU09171000", "BU09172402", "BU09173602", "BU09174103")
SOME_WIJKEN = ("WK091712", "WK091734", "WK091736")


@pytest.fixture(scope="module")
def table(ro_con) -> pd.DataFrame:
    return indicators.neighbourhood_indicators(ro_con).set_index("code")


@pytest.fixture(scope="module")
def csv() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype={"regiocode_indeling2024": str})


@pytest.fixture(scope="module")
def wijken_2024() -> pd.DataFrame:
    props = [f["properties"] for f in json.loads(WIJKEN.read_text())["features"]]
    return pd.DataFrame(props).set_index("wijkcode")


def _row(csv: pd.DataFrame, code: str, year: int) -> pd.Series:
    match = csv[(csv["regiocode_indeling2024"] == code) & (csv["kwb_jaar"] == year)]
    assert len(match) == 1
    return match.iloc[0]


# --- CBS figures ---------------------------------------------------------------------------


def test_hand_computed_values_for_maria_gewanden(table):
    # From the CSV by hand: 2016 3700 inhabitants, 2020 3460 (2020: 755 aged 65+, 1845
    # households, density 2496); 2016: 640 aged 65+.
    row = table.loc["BU09171000"]
    assert row["cbs_year"] == 2020
    assert row["inhabitants"] == 3460
    assert row["households"] == 1845
    assert row["density"] == 2496
    assert row["share_65plus"] == pytest.approx(755 / 3460 * 100)  # 21.82 %
    assert row["population_change"] == pytest.approx(-6.486, abs=0.001)  # (3460-3700)/3700
    assert row["share_65plus_change"] == pytest.approx(21.821 - 17.297, abs=0.001)


@pytest.mark.parametrize("code", SOME_BUURTEN)
def test_buurt_figures_match_the_cbs_file(table, csv, code):
    now, then = _row(csv, code, 2020), _row(csv, code, 2016)
    row = table.loc[code]
    inh, old = now["Bevolking_Aantal_inwoners"], now["Bevolking_Leeftijdsgroepen_65_jaar_of_ouder"]
    assert row["inhabitants"] == inh
    assert row["households"] == now["Bevolking_Particuliere_huishoudens_Huishoudens_totaal"]
    assert row["share_65plus"] == pytest.approx(old / inh * 100)
    assert row["density"] == now["Bevolking_Bevolkingsdichtheid"]
    inh0 = then["Bevolking_Aantal_inwoners"]
    assert row["population_change"] == pytest.approx((inh - inh0) / inh0 * 100)
    share0 = then["Bevolking_Leeftijdsgroepen_65_jaar_of_ouder"] / inh0 * 100
    assert row["share_65plus_change"] == pytest.approx(old / inh * 100 - share0)


@pytest.mark.parametrize("code", SOME_WIJKEN)
def test_wijk_figures_are_the_2024_figures(table, wijken_2024, csv, code):
    w = wijken_2024.loc[code]
    row = table.loc[code]
    assert row["cbs_year"] == 2024
    assert row["inhabitants"] == w["inwoners_2024"]
    assert row["households"] == w["huishoudens_2024"]
    assert row["share_65plus"] == w["pct_65plus_2024"]
    # density from the CBS land area (ha -> km2), not from a polygon
    assert row["density"] == pytest.approx(w["inwoners_2024"] / (w["oppervlakte_land_ha_2024"] / 100))
    # the change indicators compare 2016 with 2020, also for wijken
    inh0 = _row(csv, code, 2016)["Bevolking_Aantal_inwoners"]
    inh1 = _row(csv, code, 2020)["Bevolking_Aantal_inwoners"]
    assert row["population_change"] == pytest.approx((inh1 - inh0) / inh0 * 100)


def test_density_is_not_from_the_generalised_polygons(table, wijken_2024):
    shapes = gpd.read_file(WIJKEN).to_crs(config.RD_NEW).set_index("wijkcode")
    polygon_density = shapes["inwoners_2024"] / (shapes.geometry.area / 1e6)
    ours = table.loc[shapes.index, "density"]
    cbs = wijken_2024.loc[shapes.index, "inwoners_2024"] / (
        wijken_2024.loc[shapes.index, "oppervlakte_land_ha_2024"] / 100)
    assert np.allclose(ours, cbs)
    # the generalised polygons give clearly different densities for some wijken
    assert (abs(polygon_density / ours - 1) > 0.02).any()


def test_shrinkage_and_ageing_for_the_municipality(table, csv):
    gm0, gm1 = _row(csv, "GM0917", 2016), _row(csv, "GM0917", 2020)
    row = table.loc["GM0917"]
    change = (gm1["Bevolking_Aantal_inwoners"] / gm0["Bevolking_Aantal_inwoners"] - 1) * 100
    assert row["population_change"] == pytest.approx(change)
    assert row["population_change"] < 0  # Heerlen shrank
    assert row["share_65plus_change"] > 0  # and aged


def test_empty_cbs_values_stay_unknown(table, csv, ro_con):
    # In de Cramer: 5 inhabitants, the density cell in the CSV is empty in every year
    assert pd.isna(_row(csv, "BU09173002", 2020)["Bevolking_Bevolkingsdichtheid"])
    stored = ro_con.execute(
        "SELECT value FROM neighbourhood_figures WHERE region_code = 'BU09173002' "
        "AND year = 2020 AND variable = 'Bevolking_Bevolkingsdichtheid'").fetchone()
    assert stored == (None,)
    assert math.isnan(table.loc["BU09173002", "density"])
    # a real zero stays a zero: 0 households is what CBS says
    assert table.loc["BU09173002", "households"] == 0
    # buurten have no 2024 figures: asking for 2024 gives unknown, not 0
    t2024 = indicators.neighbourhood_indicators(ro_con, 2024).set_index("code")
    assert t2024.loc[list(SOME_BUURTEN), "inhabitants"].isna().all()
    assert t2024.loc[list(SOME_BUURTEN), "cbs_year"].isna().all()


def test_unknown_inputs_give_unknown_indicators():
    areas = pd.DataFrame({"code": ["A", "B"], "level": "buurt", "name": ["a", "b"],
                          "wijk_code": "W", "wijk_name": "w"})
    v = indicators.VARIABLES_2016_2020
    figures = pd.DataFrame(
        [("A", 2016, v["inhabitants"], None), ("A", 2020, v["inhabitants"], 100.0),
         ("A", 2020, v["persons_65plus"], 20.0),
         ("B", 2016, v["inhabitants"], 0.0), ("B", 2020, v["inhabitants"], 0.0),
         ("B", 2020, v["persons_65plus"], 0.0)],
        columns=["code", "year", "variable", "value"])
    programme = pd.DataFrame({"code": ["A", "B"], "plot_count": [1, 1],
                              "m2_available": [0.0, 0.0], "m2_in_use": [500.0, 500.0]})
    stages = pd.DataFrame(columns=["code", "stage", "initiatives"])
    out = indicators.assemble(areas, figures, programme, stages).set_index("code")
    assert math.isnan(out.loc["A", "population_change"])  # 2016 unknown
    assert out.loc["A", "share_65plus"] == 20.0
    assert math.isnan(out.loc["A", "households"])  # never loaded
    assert math.isnan(out.loc["B", "share_65plus"])  # 0 of 0 inhabitants
    assert math.isnan(out.loc["B", "population_change"])
    assert out.loc["A", "m2_in_use_per_1000"] == 5000.0
    assert math.isnan(out.loc["B", "m2_in_use_per_1000"])


def test_trends_run_from_2016_to_2024_for_wijken_and_2020_for_buurten(ro_con, csv):
    by_year = indicators.neighbourhood_trends(ro_con)
    long = indicators.trends_for(by_year, ["WK091712", "BU09171200"], {})
    years_w = sorted(set(long.loc[long["code"] == "WK091712", "year"]))
    years_b = sorted(set(long.loc[long["code"] == "BU09171200", "year"]))
    assert years_w == [2016, 2017, 2018, 2019, 2020, 2024]
    assert years_b == [2016, 2017, 2018, 2019, 2020]
    inh_2018 = long[(long["code"] == "BU09171200") & (long["year"] == 2018)
                    & (long["indicator"] == "inhabitants")]["value"].item()
    assert inh_2018 == _row(csv, "BU09171200", 2018)["Bevolking_Aantal_inwoners"]
    areas = indicators.load_areas(ro_con)
    assert indicators.available_years(by_year, areas, "buurt") == [2020, 2019, 2018, 2017, 2016]
    assert indicators.available_years(by_year, areas, "wijk")[0] == 2024


def test_a_trend_chart_is_described_in_words_for_screen_readers(ro_con):
    by_year = indicators.neighbourhood_trends(ro_con)
    names = {"WK091712": "Wijk 12 Eikenderveld", "BU09171200": "Eikenderveld"}
    long = indicators.trends_for(by_year, list(names), names)
    text = wijken_view.trend_alt(long, "inhabitants", "nl")
    assert text.startswith("Lijngrafiek van Inwoners (aantal) per jaar (2016-2024) voor: ")
    assert "Eikenderveld, Wijk 12 Eikenderveld." in text  # every line named
    assert "Line chart of" in wijken_view.trend_alt(long, "inhabitants", "en")


# --- programme figures: plots assigned to buurten independently with shapely ---------------


@pytest.fixture(scope="module")
def plots_by_buurt() -> pd.DataFrame:
    """Every demo plot with the buurt that holds most of it, by shapely on the files."""
    plots = gpd.read_file(PLOTS).to_crs(config.RD_NEW)
    buurten = gpd.read_file(BUURTEN).to_crs(config.RD_NEW)
    codes = []
    for geom in plots.geometry:
        overlaps = [(geom.intersection(b).area, c)
                    for b, c in zip(buurten.geometry, buurten["buurtcode"], strict=True)
                    if geom.intersects(b)]
        codes.append(max(overlaps)[1])
    wijk_of = dict(zip(buurten["buurtcode"], buurten["wijkcode"], strict=True))
    plots["buurt"] = codes
    plots["wijk"] = plots["buurt"].map(wijk_of)
    plots["area"] = plots.geometry.area
    return plots


def test_plots_are_assigned_to_the_right_buurt(ro_con, plots_by_buurt):
    stored = dict(ro_con.execute("SELECT plot_id, buurt_code FROM plots").fetchall())
    expected = dict(zip(plots_by_buurt["plot_id"], plots_by_buurt["buurt"], strict=True))
    assert stored == expected
    # and, point in polygon: a point on each plot lies in its buurt's polygon
    buurten = gpd.read_file(BUURTEN).to_crs(config.RD_NEW).set_index("buurtcode")
    inside = [buurten.loc[b].geometry.contains(g.representative_point())
              for g, b in zip(plots_by_buurt.geometry, plots_by_buurt["buurt"], strict=True)]
    assert sum(inside) >= 0.95 * len(inside)


@pytest.mark.parametrize("level", ["buurt", "wijk"])
def test_plot_counts_and_areas_per_area(table, plots_by_buurt, level):
    group = plots_by_buurt.groupby(level)
    count = group.size()
    available = plots_by_buurt[plots_by_buurt["availability"] == "available"].groupby(level)["area"].sum()
    in_use = plots_by_buurt[plots_by_buurt["availability"] == "in_use"].groupby(level)["area"].sum()
    rows = table[table["level"] == level]
    assert rows["plot_count"].sum() == len(plots_by_buurt)
    for code, row in rows.iterrows():
        assert row["plot_count"] == count.get(code, 0), code
        assert row["m2_available"] == pytest.approx(available.get(code, 0.0), abs=0.5), code
        assert row["m2_in_use"] == pytest.approx(in_use.get(code, 0.0), abs=0.5), code
    assert (rows["plot_count"] == 0).any()  # areas without plots are 0, and that is known


def test_initiatives_per_stage_and_m2_per_1000(table, plots_by_buurt):
    inits = pd.read_csv(GEODATA / "demo_initiatives.csv")
    links = pd.read_csv(GEODATA / "demo_initiative_plots.csv")
    located = links.merge(inits[["initiative_id", "stage"]], on="initiative_id").merge(
        plots_by_buurt[["plot_id", "buurt", "wijk"]], on="plot_id")
    for level in ("buurt", "wijk"):
        counts = located.drop_duplicates(["initiative_id", level]).groupby([level, "stage"]).size()
        for code, row in table[table["level"] == level].iterrows():
            for stage in ("idea", "exploring", "plan", "approved", "in_progress", "realised",
                          "stopped"):
                assert row[f"initiatives_{stage}"] == counts.get((code, stage), 0), (code, stage)
            active = sum(counts.get((code, s), 0)
                         for s in ("idea", "exploring", "plan", "approved", "in_progress"))
            assert row["initiatives_active"] == active
    busiest = table[table["level"] == "buurt"].sort_values("m2_in_use").iloc[-1]
    assert busiest["m2_in_use"] > 0
    assert busiest["m2_in_use_per_1000"] == pytest.approx(
        busiest["m2_in_use"] / busiest["inhabitants"] * 1000)


# --- initiatives of a wijk: public and personal columns ------------------------------------


def test_initiatives_in_a_wijk_hide_personal_data_unless_allowed(ro_con, plots_by_buurt):
    wijk = plots_by_buurt["wijk"].value_counts().index[0]
    public = indicators.initiatives_in_area(ro_con, wijk)
    assert not public.empty
    for col in ("initiator_group", "contact_name", "contact_email", "contact_phone",
                "account_manager"):
        assert col not in public.columns
    personal = indicators.initiatives_in_area(ro_con, wijk, actor=BROKER)
    assert personal["contact_name"].notna().all()
    assert list(personal["initiative_id"]) == list(public["initiative_id"])
    # a policy officer is not allowed the initiators' data: the public columns only
    assert list(indicators.initiatives_in_area(ro_con, wijk, actor=POLICY_OFFICER).columns) \
        == list(public.columns)


# --- the registry and the export -----------------------------------------------------------


def test_every_indicator_has_a_label_unit_and_source():
    for item in indicators.INDICATORS:
        for lang in i18n.LANGUAGES:
            assert item.label(lang) and item.unit(lang)
        assert {"buurt", "wijk"} <= item.levels
        text = indicators.source_text(item, 2020, "nl", True)
        if item.is_cbs:
            assert text.startswith("Bron: CBS, Kerncijfers wijken en buurten")
            assert "2020" in text
        else:
            assert text == "Gebrookerbos (demodata)"
    assert indicators.cbs_source(2024) == ("Bron: CBS, Kerncijfers wijken en buurten "
                                          "(85984NED), 2024")


def test_csv_export_loads_back_with_sources_and_unknown_as_empty(ro_con):
    table = indicators.neighbourhood_indicators(ro_con)
    data = wijken_view.csv_bytes(table, "nl", demo=True)
    back = pd.read_csv(io.BytesIO(data), dtype={"CBS-code": str})
    assert len(back) == len(table)
    row = back.set_index("CBS-code").loc["BU09173002"]
    assert pd.isna(row["Bevolkingsdichtheid (inw. per km² land)"])
    assert row["Huishoudens (aantal)"] == 0
    assert row["Bron CBS-cijfers"] == "Bron: CBS, Kerncijfers wijken en buurten, 2020"
    wijk = back.set_index("CBS-code").loc["WK091712"]
    assert wijk["Bron CBS-cijfers"] == "Bron: CBS, Kerncijfers wijken en buurten (85984NED), 2024"
    assert wijk["Bron veranderingen 2016-2020"].startswith("Bron: CBS")
    assert set(back["Bron programmacijfers"]) == {"Gebrookerbos (demodata)"}
    assert back["Naamsvermelding"].str.contains("Kadaster / Centraal Bureau").all()
    # the raw text has an empty cell, not 0 and not "nan"
    line = next(ln for ln in data.decode().splitlines() if ln.startswith("BU09173002"))
    assert ",," in line and "nan" not in line.lower()

"""The choropleth builder, tested on what it emits."""

from __future__ import annotations

import html as html_lib
import math

import numpy as np
import pandas as pd
import pytest

from gebrookerbos.domain import plots
from gebrookerbos.maps import choropleth
from gebrookerbos.maps.choropleth import Scheme
from gebrookerbos.maps.plot_map import Basemap, external_links

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_natural_breaks_find_the_obvious_groups():
    values = pd.Series([1, 2, 3, 10, 11, 12, 50, 51], dtype=float)
    classes = choropleth.classify(values, Scheme.NATURAL_BREAKS, k=3)
    assert classes.upper == (3.0, 12.0, 51.0)
    assert [classes.index(v) for v in (1, 3, 10, 12, 50)] == [0, 0, 1, 1, 2]


def test_quantiles_make_equal_groups():
    values = pd.Series(np.arange(1, 21), dtype=float)
    classes = choropleth.classify(values, Scheme.QUANTILES, k=4)
    counts = pd.Series([classes.index(v) for v in values]).value_counts().sort_index()
    assert list(counts) == [5, 5, 5, 5]


def test_unknown_values_are_not_classified_and_get_the_hatch():
    values = pd.Series([5.0, np.nan, 7.0, 100.0, None])
    classes = choropleth.classify(values, Scheme.QUANTILES)
    assert classes.index(float("nan")) == -1
    assert classes.colour(None) == choropleth.UNKNOWN_FILL
    assert classes.index(0.0) == 0  # a real 0 is a value, not unknown
    entries = choropleth.legend_entries(classes, 0, "nl")
    assert entries[-1] == ("onbekend", choropleth.UNKNOWN_FILL)
    assert choropleth.legend_entries(classes, 0, "en")[-1][0] == "unknown"


def test_few_distinct_values_get_one_class_each():
    classes = choropleth.classify(pd.Series([0, 0, 1, 2, 2, 0], dtype=float))
    assert classes.exact and classes.upper == (0.0, 1.0, 2.0)
    assert [e[0] for e in choropleth.legend_entries(classes, 0, "nl")] == ["0", "1", "2",
                                                                         "onbekend"]


def test_all_unknown_gives_only_the_unknown_entry():
    classes = choropleth.classify(pd.Series([np.nan, np.nan]))
    assert classes.upper == ()
    assert choropleth.legend_entries(classes, 0, "nl") == [("onbekend", choropleth.UNKNOWN_FILL)]


def test_legend_shows_class_bounds_in_dutch_notation():
    classes = choropleth.Classes(1.5, (10.26, 1234.5), choropleth.PALETTES[2])
    labels = [e[0] for e in choropleth.legend_entries(classes, 1, "nl")]
    assert labels[:2] == ["1,5 – 10,3", "> 10,3 – 1.234,5"]
    labels_en = [e[0] for e in choropleth.legend_entries(classes, 1, "en")]
    assert labels_en[1] == "> 10.3 – 1,234.5"


@pytest.mark.parametrize("k", sorted(choropleth.PALETTES))
def test_palettes_are_sequential_light_to_dark(k):
    lum = [_luminance(c) for c in choropleth.PALETTES[k]]
    assert lum == sorted(lum, reverse=True)
    assert len(set(choropleth.PALETTES[k])) == k


@pytest.fixture(scope="module")
def buurten(ro_con) -> pd.DataFrame:
    return plots.boundaries(ro_con, "buurt")


def _build(ro_con, boundaries, values):
    classes = choropleth.classify(values)
    fmap = choropleth.build_choropleth(
        boundaries, values, classes, plots.municipality_bounds(ro_con),
        choropleth.ChoroplethOptions(title="Inwoners (aantal)", value_label="Inwoners",
                                     source="Bron: CBS, Kerncijfers wijken en buurten, 2020",
                                     basemap=Basemap.NONE),
    )
    return fmap, classes


def test_every_area_is_a_feature_with_its_cbs_code(ro_con, buurten):
    values = pd.Series(np.arange(len(buurten), dtype=float), index=buurten["code"])
    values.iloc[3] = np.nan
    collection = choropleth.feature_collection(buurten, values, choropleth.classify(values), 0,
                                               "nl")
    codes = [f["properties"]["code"] for f in collection["features"]]
    assert codes == list(buurten["code"])
    expected = ro_con.execute("SELECT count(*) FROM neighbourhoods WHERE level = 'buurt'").fetchone()[0]
    assert len(codes) == expected
    unknown = collection["features"][3]["properties"]
    assert unknown["value"] is None and unknown["value_text"] == "onbekend"
    assert unknown["fill"] == choropleth.UNKNOWN_FILL and unknown["class_index"] == -1
    known = [f["properties"]["fill"] for i, f in enumerate(collection["features"]) if i != 3]
    assert set(known) <= set(choropleth.PALETTES[5])


def test_the_map_is_offline_with_legend_sources_and_hatch(ro_con, buurten):
    values = pd.Series(np.linspace(0, 5000, len(buurten)), index=buurten["code"])
    values.iloc[0] = np.nan
    fmap, classes = _build(ro_con, buurten, values)
    html = fmap.get_root().render()
    assert all(link.startswith("/app/static/") for link in external_links(fmap))
    assert "cdn" not in html.lower() and "d3.min.js" not in html
    assert f'id="{choropleth.UNKNOWN_PATTERN_ID}"' in html
    assert "gb-choropleth-legend" in html and "onbekend" in html
    for label, _ in choropleth.legend_entries(classes, 0, "nl")[:-1]:
        assert html_lib.escape(label) in html
    assert "Bron: CBS, Kerncijfers wijken en buurten, 2020" in html
    assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in html


def test_selection_layer_outlines_one_area(buurten):
    group = choropleth.selection_layer(buurten, buurten["code"].iloc[0])
    assert len(group._children) == 1
    assert len(choropleth.selection_layer(buurten, None)._children) == 0


def test_format_value():
    assert choropleth.format_value(1234.56, 1, "nl") == "1.234,6"
    assert choropleth.format_value(1234.56, 0, "en") == "1,235"
    assert choropleth.format_value(math.nan, 0, "nl") == "onbekend"

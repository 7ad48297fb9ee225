"""The CBS/Kadaster reference geography of Heerlen: buurten, wijken, gemeente and figures.

The files in ``geodata/`` are copies of ``shared/geodata-src`` (see geodata/PROVENANCE.md);
they are GeoJSON in WGS84 and are stored in RD New. They ship as package data
(``gebrookerbos.geodata``); every reader takes another folder of the same files too.
"""

from __future__ import annotations

from importlib.resources import as_file
from importlib.resources.abc import Traversable

import duckdb
import geopandas as gpd
import pandas as pd

from gebrookerbos import config, db

BUURTEN_FILE = "heerlen_buurten_2024.geojson"
WIJKEN_FILE = "heerlen_wijken_2024.geojson"
GEMEENTE_FILE = "heerlen_gemeente_2024.geojson"
FIGURES_FILE = "heerlen_kerncijfers_wijken_buurten_2016_2020.csv"

SOURCE_2016_2020 = "CBS Kerncijfers wijken en buurten {year}"
SOURCE_2024 = "CBS Kerncijfers wijken en buurten 2024 (85984NED)"

_CSV_KEY_COLUMNS = (
    "kwb_jaar",
    "regiotype",
    "regiocode_indeling2024",
    "naam",
    "Regioaanduiding_Indelingswijziging_wijken_en_buurten",
)


def read_geojson(file: Traversable) -> gpd.GeoDataFrame:
    """A GeoJSON file of the geodata (pyogrio needs a real path: ``as_file`` gives one)."""
    with as_file(file) as path:
        return gpd.read_file(path)


def read_areas(geodata_dir: Traversable | None = None) -> gpd.GeoDataFrame:
    """Gemeente, wijken and buurten as one GeoDataFrame in RD New."""
    geodata_dir = config.geodata(geodata_dir)
    buurten = read_geojson(geodata_dir / BUURTEN_FILE)
    wijken = read_geojson(geodata_dir / WIJKEN_FILE)
    gemeente = read_geojson(geodata_dir / GEMEENTE_FILE)
    parts = [
        pd.DataFrame(
            {
                "code": gemeente["gemeentecode"],
                "level": "gemeente",
                "name": gemeente["gemeentenaam"],
                "wijk_code": None,
                "gemeente_code": gemeente["gemeentecode"],
                "geometry": gemeente.geometry,
            }
        ),
        pd.DataFrame(
            {
                "code": wijken["wijkcode"],
                "level": "wijk",
                "name": wijken["wijknaam"],
                "wijk_code": wijken["wijkcode"],
                "gemeente_code": wijken["gemeentecode"],
                "geometry": wijken.geometry,
            }
        ),
        pd.DataFrame(
            {
                "code": buurten["buurtcode"],
                "level": "buurt",
                "name": buurten["buurtnaam"],
                "wijk_code": buurten["wijkcode"],
                "gemeente_code": buurten["gemeentecode"],
                "geometry": buurten.geometry,
            }
        ),
    ]
    frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=config.WGS84)
    return frame.to_crs(config.RD_NEW)


def read_figures(geodata_dir: Traversable | None = None) -> pd.DataFrame:
    """CBS figures in long form: region_code, year, variable, value (NaN = unknown), source."""
    geodata_dir = config.geodata(geodata_dir)
    with (geodata_dir / FIGURES_FILE).open("rb") as fh:
        csv = pd.read_csv(fh, dtype={"regiocode_indeling2024": str})
    value_columns = [c for c in csv.columns if c not in _CSV_KEY_COLUMNS]
    long = csv.melt(
        id_vars=["regiocode_indeling2024", "kwb_jaar"],
        value_vars=value_columns,
        var_name="variable",
        value_name="value",
    ).rename(columns={"regiocode_indeling2024": "region_code", "kwb_jaar": "year"})
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long["source"] = long["year"].map(lambda y: SOURCE_2016_2020.format(year=y))

    rows = []
    for name, code_col in ((WIJKEN_FILE, "wijkcode"), (GEMEENTE_FILE, "gemeentecode")):
        frame = read_geojson(geodata_dir / name)
        for _, rec in frame.iterrows():
            for col, val in rec.items():
                if isinstance(col, str) and col.endswith("_2024"):
                    rows.append(
                        {
                            "region_code": rec[code_col],
                            "year": 2024,
                            "variable": col.removesuffix("_2024"),
                            "value": pd.to_numeric(val, errors="coerce"),
                            "source": SOURCE_2024,
                        }
                    )
    figures = pd.concat([long, pd.DataFrame(rows)], ignore_index=True)
    figures["year"] = figures["year"].astype(int)
    return figures[["region_code", "year", "variable", "value", "source"]]


def load_reference_geography(
    con: duckdb.DuckDBPyConnection, geodata_dir: Traversable | None = None
) -> None:
    """Replace the CBS areas and figures in the database with those in ``geodata_dir``."""
    geodata_dir = config.geodata(geodata_dir)
    areas = read_areas(geodata_dir)
    staging = pd.DataFrame(areas.drop(columns="geometry"))
    staging["wkb"] = areas.geometry.to_wkb()
    figures = read_figures(geodata_dir)
    with db.transaction(con):
        con.execute("DELETE FROM neighbourhoods")
        con.execute("DELETE FROM neighbourhood_figures")
        con.register("staging_neighbourhoods", staging)
        con.register("staging_figures", figures)
        try:
            db.execute(con, "insert_neighbourhoods_from_staging")
            db.execute(con, "insert_figures_from_staging")
        finally:
            con.unregister("staging_neighbourhoods")
            con.unregister("staging_figures")

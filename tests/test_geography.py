"""The CBS/Kadaster reference geography, loaded into the real database."""

from __future__ import annotations

import hashlib

from gebrookerbos import db
from gebrookerbos.domain import plots
from tests import GEODATA, ROOT

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

SOURCE = ROOT.parent / "shared" / "geodata-src"


def test_areas_loaded_with_codes(ro_con):
    counts = dict(db.fetch_all(ro_con, "count_neighbourhoods"))
    assert counts == {"gemeente": 1, "wijk": 23, "buurt": 57}
    wijken = plots.wijken(ro_con)
    assert wijken["code"].str.match(r"^WK0917\d\d$").all()
    buurten = plots.buurten(ro_con)
    assert buurten["code"].str.match(r"^BU0917\d{4}$").all()
    assert set(buurten["wijk_code"]) == set(wijken["code"])


def test_geometry_is_stored_in_rd_new(ro_con):
    # RD New coordinates for Heerlen: x ~ 190-200 km, y ~ 315-330 km; areas in m2
    x, y, area = ro_con.execute(
        "SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)), polygon_area_m2 "
        "FROM neighbourhoods WHERE code = 'GM0917'"
    ).fetchone()
    assert 185_000 < x < 200_000 and 315_000 < y < 330_000
    # generalised polygons: 4,449 ha according to PROVENANCE.md
    assert round(area / 10_000) == 4449


def test_buurten_nest_in_their_wijk(ro_con):
    outside = ro_con.execute(
        "SELECT b.code FROM neighbourhoods b JOIN neighbourhoods w ON w.code = b.wijk_code "
        "WHERE b.level = 'buurt' AND ST_Area(ST_Difference(b.geom, w.geom)) > 1"
    ).fetchall()
    assert outside == []


def test_figures_loaded_and_unknown_stays_unknown(ro_con):
    inhabitants_2016 = db.fetch_value(
        ro_con, "figure_value", region_code="GM0917", year=2016, variable="Bevolking_Aantal_inwoners"
    )
    assert inhabitants_2016 == 87406  # first data row of the CBS CSV
    inhabitants_2024 = db.fetch_value(
        ro_con, "figure_value", region_code="WK091710", year=2024, variable="inwoners"
    )
    assert inhabitants_2024 == 3915
    # income fields are empty for 2020 in the CSV: stored as NULL, not 0
    row = ro_con.execute(
        "SELECT count(*), count(value) FROM neighbourhood_figures "
        "WHERE year = 2020 AND variable LIKE 'Inkomen%'"
    ).fetchone()
    assert row[0] > 0 and row[1] == 0


def test_geodata_files_are_unchanged_copies():
    if not SOURCE.exists():
        return  # the shared folder is only beside the checkout on the team's machines
    for source in SOURCE.iterdir():
        copy = GEODATA / source.name
        assert copy.exists(), f"{source.name} missing from geodata/"
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(
            source.read_bytes()
        ).digest(), f"{source.name} differs from the source"

"""The fictional demo data: realistic, consistent, deterministic and committed as generated."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from gebrookerbos import db
from gebrookerbos.domain import (
    STAGE_ORDER,
    STAGE_PROGRESS,
    ZONINGS,
    Availability,
    Stage,
    Theme,
    is_forward_step,
)
from gebrookerbos.services import demo, geography
from tests import GEODATA

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A database file with the reference geography and the committed demo data."""
    connection = db.connect(tmp_path_factory.mktemp("demo") / "t.duckdb")
    db.ensure_schema(connection)
    geography.load_reference_geography(connection)
    demo.load_demo(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two fresh, independent generations into separate directories."""
    dirs = []
    for name in ("gen1", "gen2"):
        out = tmp_path_factory.mktemp(name)
        demo.write_demo_files(demo.generate(), out)
        dirs.append(out)
    return dirs[0], dirs[1]


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def value(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()[0]


# --- files ---------------------------------------------------------------------------


def test_committed_files_present() -> None:
    assert demo.demo_files_present(GEODATA)


def test_files_absent_in_empty_dir(tmp_path: Path) -> None:
    assert not demo.demo_files_present(tmp_path)


def test_generation_is_deterministic(generated: tuple[Path, Path]) -> None:
    first, second = generated
    for name in demo.DEMO_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_committed_files_equal_a_fresh_generation(generated: tuple[Path, Path]) -> None:
    """Nobody edits the demo files by hand: regenerate with `python -m gebrookerbos demo`."""
    fresh, _ = generated
    for name in demo.DEMO_FILES:
        committed = GEODATA / name
        assert committed.read_bytes() == (fresh / name).read_bytes(), name


def test_geojson_is_rfc7946() -> None:
    collection = json.loads((GEODATA / demo.PLOTS_FILE).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    assert "Fictieve demodata" in collection["description"]
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "Polygon"
        assert {"geometry", "area_m2", "buurt_code"}.isdisjoint(feature["properties"])
        exterior = feature["geometry"]["coordinates"][0]
        assert exterior[0] == exterior[-1]
        for lon, lat in exterior:
            assert 5.8 < lon < 6.1 and 50.8 < lat < 51.0
            assert round(lon, 7) == lon and round(lat, 7) == lat
        # counterclockwise exterior ring (shoelace area > 0)
        signed = sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(exterior, exterior[1:], strict=False)
        )
        assert signed > 0


# --- plots -----------------------------------------------------------------------------


def test_counts(con: duckdb.DuckDBPyConnection) -> None:
    assert 140 <= value(con, "SELECT count(*) FROM plots") <= 160
    assert 55 <= value(con, "SELECT count(*) FROM initiatives") <= 65


def test_load_replaces_instead_of_adding(tmp_path: Path) -> None:
    connection = db.connect(tmp_path / "t.duckdb")
    try:
        db.ensure_schema(connection)
        geography.load_reference_geography(connection)
        first = demo.load_demo(connection)
        second = demo.load_demo(connection)
        assert first == second
        for table, n in second.items():
            assert value(connection, f"SELECT count(*) FROM {table}") == n
    finally:
        connection.close()


def test_plot_geometries_valid_and_sized(con: duckdb.DuckDBPyConnection) -> None:
    assert value(con, "SELECT count(*) FROM plots WHERE NOT ST_IsValid(geom)") == 0
    assert value(
        con, "SELECT count(*) FROM plots WHERE ST_GeometryType(geom)::VARCHAR <> 'POLYGON'"
    ) == 0
    lo, hi = rows(con, "SELECT min(area_m2), max(area_m2) FROM plots")[0]
    assert 100 <= lo and hi <= 20_000
    # skewed: most plots between 300 and 3000 m2, some large ones
    typical = value(con, "SELECT avg((area_m2 BETWEEN 300 AND 3000)::INT) FROM plots")
    assert typical > 0.5
    assert value(con, "SELECT count(*) FROM plots WHERE area_m2 > 7000") >= 3
    assert value(con, "SELECT count(*) FROM plots WHERE area_m2 < 300") >= 5


def test_plots_do_not_overlap(con: duckdb.DuckDBPyConnection) -> None:
    overlapping = rows(
        con,
        """
        SELECT a.plot_id, b.plot_id FROM plots a JOIN plots b
          ON a.plot_id < b.plot_id AND ST_Intersects(a.geom, b.geom)
        WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 0.01
        """,
    )
    assert overlapping == []


def test_plot_buurt_is_the_buurt_that_contains_it(con: duckdb.DuckDBPyConnection) -> None:
    assert value(con, "SELECT count(*) FROM plots WHERE buurt_code IS NULL") == 0
    outside = rows(
        con,
        """
        SELECT p.plot_id FROM plots p JOIN neighbourhoods n
          ON n.level = 'buurt' AND n.code = p.buurt_code
        WHERE NOT ST_Within(p.geom, n.geom)
        """,
    )
    assert outside == []


def test_most_plots_in_programme_area(con: duckdb.DuckDBPyConnection) -> None:
    wijken = Counter(
        code[:7] in ("WK09171", "WK09172")
        for (code,) in rows(
            con,
            "SELECT n.wijk_code FROM plots p JOIN neighbourhoods n ON n.code = p.buurt_code",
        )
    )
    assert wijken[True] > 0.6 * sum(wijken.values())
    assert wijken[False] >= 10  # some elsewhere
    buurten = value(con, "SELECT count(DISTINCT buurt_code) FROM plots")
    assert buurten >= 30


def test_plot_attributes_use_the_domain_codes(con: duckdb.DuckDBPyConnection) -> None:
    owners = dict(rows(con, "SELECT owner_type, count(*) FROM plots GROUP BY ALL"))
    assert owners["municipality"] > owners.get("housing_corporation", 0) > 0
    assert owners.get("private", 0) > 0
    assert value(con, "SELECT count(*) FROM plots WHERE owner_name IS NULL") == 0
    zonings = {z for (z,) in rows(con, "SELECT DISTINCT zoning FROM plots")}
    assert zonings <= set(ZONINGS) and len(zonings) >= 4
    assert value(con, "SELECT count(*) FROM plots WHERE available_until > DATE '2026-11-01'") >= 5
    assert value(con, "SELECT count(*) FROM plots WHERE location_description IS NULL") == 0
    assert value(con, "SELECT count(DISTINCT name) FROM plots") == value(
        con, "SELECT count(*) FROM plots"
    )


# --- initiatives -------------------------------------------------------------------------


def test_every_stage_and_theme_occurs(con: duckdb.DuckDBPyConnection) -> None:
    stages = dict(rows(con, "SELECT stage, count(*) FROM initiatives GROUP BY ALL"))
    assert set(stages) == {s.value for s in Stage}
    assert min(stages.values()) >= 3
    assert stages["realised"] == max(stages.values())
    themes = dict(rows(con, "SELECT theme, count(*) FROM initiatives GROUP BY ALL"))
    assert set(themes) == {t.value for t in Theme}
    assert min(themes.values()) >= 10


def test_stage_histories_are_consistent(con: duckdb.DuckDBPyConnection) -> None:
    current = dict(rows(con, "SELECT initiative_id, stage FROM initiatives"))
    starts = dict(rows(con, "SELECT initiative_id, start_date FROM initiatives"))
    history: dict[str, list[tuple]] = defaultdict(list)
    for ini, when, old, new, who in rows(
        con,
        "SELECT initiative_id, event_date, from_stage, to_stage, by_whom FROM stage_events "
        "ORDER BY initiative_id, event_date, event_id",
    ):
        history[ini].append((when, old, new, who))
    assert set(history) == set(current)
    for ini, events in history.items():
        assert events[0][1] is None and events[0][2] == Stage.IDEA, ini
        assert events[0][0] == starts[ini], ini
        previous_stage: Stage | None = None
        previous_date: date | None = None
        for when, old, new, who in events:
            assert (Stage(old) if old else None) == previous_stage, ini
            assert is_forward_step(previous_stage, Stage(new)), (ini, old, new)
            assert demo.HISTORY_START <= when <= demo.AS_OF, ini
            assert previous_date is None or when > previous_date, ini
            assert who, ini
            previous_stage, previous_date = Stage(new), when
        assert previous_stage == Stage(current[ini]), ini


def test_progress_follows_the_stage(con: duckdb.DuckDBPyConnection) -> None:
    explicit = 0
    for stage, progress, is_explicit in rows(
        con, "SELECT stage, progress, progress_explicit FROM initiatives"
    ):
        stage = Stage(stage)
        if not is_explicit:
            assert progress == STAGE_PROGRESS[stage]
            continue
        explicit += 1
        upper = STAGE_PROGRESS[STAGE_ORDER[STAGE_ORDER.index(stage) + 1]]
        assert STAGE_PROGRESS[stage] <= progress < upper
    assert explicit >= 2


def test_next_actions_and_dates(con: duckdb.DuckDBPyConnection) -> None:
    open_stages = "('idea', 'exploring', 'plan', 'approved', 'in_progress')"
    assert value(
        con, f"SELECT count(*) FROM initiatives WHERE stage IN {open_stages} "
        "AND (next_action IS NULL OR next_action_due IS NULL)"
    ) == 0
    assert value(con, "SELECT count(*) FROM initiatives WHERE next_action_due < DATE '2026-11-01'"
                 " AND stage <> 'realised'") >= 3
    assert value(con, "SELECT count(*) FROM initiatives WHERE next_action_due >= DATE '2026-11-01'"
                 ) >= 3
    assert value(
        con, "SELECT count(*) FROM initiatives WHERE stage = 'stopped' AND next_action IS NOT NULL"
    ) == 0
    assert value(
        con, f"SELECT count(*) FROM initiatives WHERE stage IN {open_stages} "
        "AND expected_date <= DATE '2026-11-01'"
    ) == 0


def test_needs_are_filled_for_open_initiatives(con: duckdb.DuckDBPyConnection) -> None:
    missing = rows(
        con,
        "SELECT initiative_id FROM initiatives WHERE stage IN ('idea', 'exploring') AND "
        "(need_min_area_m2 IS NULL OR need_max_area_m2 IS NULL OR need_wijken IS NULL "
        " OR need_min_area_m2 > need_max_area_m2)",
    )
    assert missing == []
    codes = {c for (w,) in rows(con, "SELECT need_wijken FROM initiatives") for c in w.split(",")}
    known = {c for (c,) in rows(con, "SELECT code FROM neighbourhoods WHERE level = 'wijk'")}
    assert codes <= known


def test_people_are_invented(con: duckdb.DuckDBPyConnection) -> None:
    for email, phone, name in rows(
        con, "SELECT contact_email, contact_phone, contact_name FROM initiatives"
    ):
        assert re.fullmatch(r"[a-z.]+@example\.(org|nl)", email), email
        assert re.fullmatch(r"06-0\d{7}", phone), phone
        assert name
    assert value(con, "SELECT count(DISTINCT contact_name) FROM initiatives") == value(
        con, "SELECT count(*) FROM initiatives"
    )
    assert value(con, "SELECT count(DISTINCT title) FROM initiatives") == value(
        con, "SELECT count(*) FROM initiatives"
    )


# --- plots and initiatives together ----------------------------------------------------------


def test_who_holds_which_plot(con: duckdb.DuckDBPyConnection) -> None:
    links = rows(
        con,
        "SELECT ip.plot_id, i.initiative_id, i.stage FROM initiative_plots ip "
        "JOIN initiatives i USING (initiative_id)",
    )
    assert value(con, "SELECT count(*) FROM initiative_plots ip ANTI JOIN plots USING (plot_id)"
                 ) == 0
    holders: dict[str, list[str]] = defaultdict(list)
    by_initiative: dict[str, int] = Counter()
    for plot_id, ini, stage in links:
        assert stage != Stage.IDEA, ini
        by_initiative[ini] += 1
        if stage != Stage.STOPPED:
            holders[plot_id].append(ini)
    assert all(len(h) == 1 for h in holders.values()), holders
    # from plan on, every initiative holds at least one plot; some hold two
    for ini, stage in rows(con, "SELECT initiative_id, stage FROM initiatives"):
        if stage in ("plan", "approved", "in_progress", "realised"):
            assert by_initiative[ini] >= 1, ini
    assert max(by_initiative.values()) == 2
    # a stopped initiative's plot is available again or held by a newer initiative
    stopped_plots = {p for p, _, s in links if s == Stage.STOPPED}
    assert stopped_plots
    assert stopped_plots & set(holders)


def test_availability_agrees_with_initiatives(con: duckdb.DuckDBPyConnection) -> None:
    holder_stage = dict(
        rows(
            con,
            "SELECT ip.plot_id, i.stage FROM initiative_plots ip JOIN initiatives i "
            "USING (initiative_id) WHERE i.stage <> 'stopped'",
        )
    )
    last_event = dict(
        rows(
            con,
            "SELECT plot_id, arg_max(to_availability, event_date) FROM plot_events GROUP BY ALL",
        )
    )
    counts: Counter[str] = Counter()
    for plot_id, availability in rows(con, "SELECT plot_id, availability FROM plots"):
        counts[availability] += 1
        assert last_event[plot_id] == availability, plot_id
        if plot_id in holder_stage:
            # as the programme defines it: building or realised = in use, else in option
            expected = ("in_use" if holder_stage[plot_id] in ("in_progress", "realised")
                        else "reserved")
            assert availability == expected, plot_id
        else:
            assert availability in (Availability.AVAILABLE, Availability.UNAVAILABLE), plot_id
    assert set(counts) == {a.value for a in Availability}
    assert counts["available"] > counts["unavailable"] > 0


def test_plot_histories_are_consistent(con: duckdb.DuckDBPyConnection) -> None:
    stage_dates = {
        (ini, stage): when
        for ini, stage, when in rows(
            con, "SELECT initiative_id, to_stage, event_date FROM stage_events"
        )
    }
    linked = set(rows(con, "SELECT plot_id, initiative_id FROM initiative_plots"))
    history: dict[str, list[tuple]] = defaultdict(list)
    for plot_id, when, old, new, ini in rows(
        con,
        "SELECT plot_id, event_date, from_availability, to_availability, initiative_id "
        "FROM plot_events ORDER BY plot_id, event_date, event_id",
    ):
        history[plot_id].append((when, old, new, ini))
    assert len(history) == value(con, "SELECT count(*) FROM plots")
    for plot_id, events in history.items():
        assert events[0][1] is None, plot_id
        previous, previous_date = None, None
        for when, old, new, ini in events:
            assert old == previous, plot_id
            assert new != old, plot_id
            assert previous_date is None or when > previous_date, plot_id
            assert when <= demo.AS_OF, plot_id
            if ini is not None:
                assert (plot_id, ini) in linked, (plot_id, ini)
                expected = {
                    "reserved": stage_dates.get((ini, "exploring")),
                    "in_use": stage_dates.get((ini, "in_progress")),
                    "available": stage_dates.get((ini, "stopped")),
                }[new]
                assert when == expected, (plot_id, ini, new)
            previous, previous_date = new, when


def test_user_agreements(con: duckdb.DuckDBPyConnection) -> None:
    agreements = rows(
        con,
        "SELECT i.stage, ip.agreement_start, ip.agreement_end FROM initiative_plots ip "
        "JOIN initiatives i USING (initiative_id)",
    )
    expiring = 0
    for stage, start, end in agreements:
        if stage in ("approved", "in_progress", "realised"):
            assert start is not None
        if stage in ("exploring", "plan"):
            assert start is None and end is None
        if start is not None and end is not None:
            assert end > start
        if stage != "stopped" and end is not None:
            assert end > demo.AS_OF
            expiring += end <= demo.AS_OF + timedelta(days=365)
    assert expiring >= 3  # the broker's "loopt af" list


def test_other_seed_gives_other_but_valid_data(tmp_path: Path) -> None:
    data = demo.generate(seed=1)
    assert len(data.plots) == demo.N_PLOTS_PROGRAMME + demo.N_PLOTS_ELSEWHERE
    assert data.plots.geometry.is_valid.all()
    demo.write_demo_files(data, tmp_path)
    committed = (GEODATA / demo.PLOTS_FILE).read_bytes()
    assert (tmp_path / demo.PLOTS_FILE).read_bytes() != committed

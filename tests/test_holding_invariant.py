"""A plot's availability is what its holders imply, after every sequence of operations.

Hypothesis drives random sequences of reserve, release, stage change, plot edit and import
(by the public, a policy officer, brokers and an administrator) through the public service
functions on a real DuckDB file. After every step it checks, in plain SQL on the tables:

- the invariant, as the programme states it: a plot without a holder is ``available`` or
  ``unavailable``; held by an initiative at exploring, plan or approved it is ``reserved``;
  at in_progress or realised ``in_use``; and no plot has two holders;
- the history: every plot's latest plot event leads to its availability now;
- the audit log: every availability that changed has a new plot event and a new audit
  entry, both by the acting user;
- a refused operation changed nothing: every row of every table is as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gebrookerbos import db
from gebrookerbos.domain.auth import PermissionDenied
from gebrookerbos.domain.stages import StageChangeError
from gebrookerbos.services import edits, holding, importer, reservations, stages
from tests.actors import ADMIN, BROKER, BROKER_2, COMMAND_LINE, POLICY_OFFICER, PUBLIC
from tests.dm_helpers import interior_points, rectangle, snapshot, to_wgs84, write_geojson

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

ACTORS = (BROKER, BROKER_2, ADMIN, POLICY_OFFICER, PUBLIC)
AVAILABILITIES = ("available", "reserved", "in_use", "unavailable")
STAGES = ("idea", "exploring", "plan", "approved", "in_progress", "realised", "stopped")
REFUSALS = (reservations.ReservationError, StageChangeError, edits.EditError,
            edits.EditConflict, PermissionDenied)

# The rule, written out as the programme states it (not the app's view).
INVARIANT_BROKEN = """
WITH holders AS (
    SELECT ip.plot_id, i.stage FROM initiative_plots ip JOIN initiatives i USING (initiative_id)
    WHERE i.stage IN ('exploring', 'plan', 'approved', 'in_progress', 'realised')
), per_plot AS (
    SELECT plot_id, count(*) AS n, any_value(stage) AS stage FROM holders GROUP BY plot_id
)
SELECT p.plot_id, p.availability, h.n, h.stage FROM plots p LEFT JOIN per_plot h USING (plot_id)
WHERE coalesce(h.n, 0) > 1
   OR (h.n IS NULL AND p.availability NOT IN ('available', 'unavailable'))
   OR (h.stage IN ('exploring', 'plan', 'approved') AND p.availability <> 'reserved')
   OR (h.stage IN ('in_progress', 'realised') AND p.availability <> 'in_use')
ORDER BY 1
"""
HISTORY_BROKEN = """
SELECT p.plot_id FROM plots p
JOIN (SELECT plot_id, arg_max(to_availability, event_id) AS last FROM plot_events GROUP BY 1) e
  USING (plot_id)
WHERE e.last <> p.availability
"""


@pytest.fixture(scope="module")
def world(demo_db_file):
    """A handful of demo plots and initiatives in every state, so that operations collide."""
    con = db.connect(demo_db_file, read_only=True)
    try:
        pick = lambda sql: [r[0] for r in con.execute(sql).fetchall()]  # noqa: E731
        plots = (
            pick("SELECT plot_id FROM plot_holding WHERE availability = 'available' "
                 "AND holders = 0 ORDER BY 1 LIMIT 3")
            + pick("SELECT plot_id FROM plot_holding WHERE held_as = 'reserved' ORDER BY 1 LIMIT 1")
            + pick("SELECT plot_id FROM plot_holding WHERE held_as = 'in_use' ORDER BY 1 LIMIT 1")
            + pick("SELECT plot_id FROM plots WHERE availability = 'unavailable' ORDER BY 1 LIMIT 1")
        )
        holders = pick("SELECT DISTINCT holder_id FROM plot_holding WHERE "
                       f"list_contains({plots!r}, plot_id) AND holder_id IS NOT NULL")
        initiatives = holders + [
            pick(f"SELECT initiative_id FROM initiatives WHERE stage = '{s}' ORDER BY 1 LIMIT 1")[0]
            for s in STAGES if s != "in_progress"]
        points = interior_points(con, 12)
    finally:
        con.close()
    assert len(plots) == 6 and len(set(initiatives)) >= 7
    return {"plots": plots, "initiatives": sorted(set(initiatives)), "points": points}


actor = st.integers(0, len(ACTORS) - 1)
operation = st.one_of(
    st.tuples(st.just("reserve"), st.integers(0, 5), st.integers(0, 7), actor),
    # 4 and up: the initiative that holds the plot (a release that may succeed)
    st.tuples(st.just("release"), st.sampled_from((3, 3, 0, 1, 2, 4, 5)), st.integers(0, 8),
              actor),
    st.tuples(st.just("stage"), st.integers(0, 7), st.sampled_from(STAGES), st.booleans(), actor),
    st.tuples(st.just("edit"), st.integers(0, 5), st.sampled_from(AVAILABILITIES), actor),
    # mostly by the administrator, mostly a valid availability: imports that succeed
    st.tuples(st.just("import"), st.sampled_from(AVAILABILITIES + ("available",) * 2),
              st.sampled_from((2, 2, 2, 0, 3, 4))),
)


def run(con, op, world, tmp: Path, step: int):
    """Do one operation; returns the acting user."""
    kind, *args = op
    plots, inis = world["plots"], world["initiatives"]
    who = ACTORS[args[-1]]
    today = date.today()
    if kind == "reserve":
        reservations.reserve(con, plots[args[0]], inis[args[1] % len(inis)], actor=who,
                             today=today)
    elif kind == "release":
        holders = holding.holders_of(con, plots[args[0]])
        ini = (holders[0].initiative_id if args[1] >= 4 and holders
               else inis[args[1] % len(inis)])
        reservations.release(con, plots[args[0]], ini, actor=who, today=today)
    elif kind == "stage":
        stages.change_stage(con, inis[args[0] % len(inis)], args[1], actor=who,
                            note="stap", reason="reden" if args[2] else None)
    elif kind == "edit":
        row = edits.plot_for_edit(con, plots[args[0]], actor=COMMAND_LINE)
        values = {s.name: row[s.name] for s in edits.PLOT_FIELDS} | {"availability": args[1]}
        edits.update_plot(con, plots[args[0]], values, expected_version=row["version"],
                          actor=who)
    elif kind == "import":
        x, y = world["points"][step % len(world["points"])]
        path = write_geojson(tmp / f"step{step}.geojson", [
            ({"plot_id": f"HYP-{step}", "naam": f"Proef {step}", "beschikbaarheid": args[0]},
             to_wgs84(rectangle(x + step, y + step, 15, 15)))])
        report = importer.import_plots(con, path, actor=who)
        if not report.ok:
            raise edits.EditError("plots", [])  # a refused import: treated as any refusal
    return who


def availability_of(con) -> dict[str, str]:
    return dict(con.execute("SELECT plot_id, availability FROM plots").fetchall())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_availability_is_what_the_holders_imply_after_any_sequence(demo_db_file, world, ops):
    with tempfile.TemporaryDirectory(prefix="gb-holding-") as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "w.duckdb"
        shutil.copyfile(demo_db_file, path)
        con = db.connect(path)
        try:
            assert con.execute(INVARIANT_BROKEN).fetchall() == []
            for step, op in enumerate(ops):
                before = snapshot(con)
                old = availability_of(con)
                last_event = con.execute("SELECT coalesce(max(event_id), 0) FROM plot_events"
                                         ).fetchone()[0]
                last_audit = con.execute("SELECT coalesce(max(audit_id), 0) FROM audit_log"
                                         ).fetchone()[0]
                try:
                    who = run(con, op, world, tmp, step)
                except REFUSALS:
                    assert snapshot(con) == before, f"refused {op} changed data"
                    event(f"{op[0]} refused")
                    continue
                event(f"{op[0]} done")
                assert con.execute(INVARIANT_BROKEN).fetchall() == [], f"after {op}"
                assert con.execute(HISTORY_BROKEN).fetchall() == [], f"after {op}"
                changed = {p: a for p, a in availability_of(con).items() if old.get(p) != a}
                events = con.execute(
                    "SELECT plot_id, from_availability, to_availability, by_whom "
                    "FROM plot_events WHERE event_id > $e", {"e": last_event}).fetchall()
                audited = {r[0] for r in con.execute(
                    "SELECT record_id FROM audit_log WHERE audit_id > $a AND table_name = 'plots' "
                    "AND username = $u", {"a": last_audit, "u": who.username}).fetchall()}
                assert {e[0]: e[2] for e in events} == changed, f"events after {op}"
                assert all(e[1] == old.get(e[0]) and e[3] == who.username for e in events)
                assert set(changed) <= audited, f"audit after {op}"
                if snapshot(con) != before:  # every change is in the audit log, by its actor
                    assert con.execute(
                        "SELECT count(*) FROM audit_log WHERE audit_id > $a AND username = $u",
                        {"a": last_audit, "u": who.username}).fetchone()[0] > 0, f"audit: {op}"
            assert holding.out_of_step(con).empty  # the app's own view agrees
        finally:
            con.close()

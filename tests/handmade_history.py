"""A small hand-made programme history in a fresh database, for the stage, history and
programme tests. Every expected figure in those tests is worked out by hand from the
story below (not computed by the code under test).

Plots (squares in RD New inside Heerlen; area = width x height):

=====  ========  ===========================================================================
plot   area m2   plot events
=====  ========  ===========================================================================
P1     100       2014-01-01 available; 2015-06-01 reserved (A); 2017-02-01 in_use (A)
P2     600       2014-01-01 available; 2016-04-01 reserved (B); 2018-07-01 available (B);
                 2022-02-01 reserved (D); 2023-01-01 in_use (D)
P3     2000      2014-01-01 unavailable; 2018-03-01 available; 2019-03-01 reserved (C);
                 2021-05-01 in_use (C)
P4     200       none (no history)
P5     900       2020-06-01 available, then the same day unavailable; 2021-01-01 available
=====  ========  ===========================================================================

Initiatives (stage events):

- A nature: idea 2015-03-10, exploring 2015-06-01, plan 2016-01-15, approved 2016-05-01,
  in_progress 2017-02-01, realised 2017-09-30. Plot P1.
- B urban_farming: idea 2016-02-01, exploring AND plan both on 2016-04-01, stopped
  2018-07-01. Plot P2.
- C recreation: idea 2019-01-01, exploring 2019-03-01, plan 2019-06-01, back to exploring
  2019-09-01 (with a reason), plan 2020-01-01, approved 2020-03-01, in_progress 2021-05-01.
  Plot P3.
- D recreation: idea 2022-01-10, exploring 2022-02-01, plan 2022-06-01, approved
  2022-09-01, in_progress 2023-01-01, realised 2023-06-01. Plot P2 (after B stopped).
- E nature: idea 2024-05-01. No plot.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from gebrookerbos import db
from gebrookerbos.services import geography
from tests.actors import add_staff

X0, Y0 = 192_800.0, 326_850.0  # inside wijk Mariarade (WK091711)

PLOTS = {  # plot_id: (width, height, current availability)
    "P1": (10, 10, "in_use"),
    "P2": (20, 30, "in_use"),
    "P3": (40, 50, "in_use"),
    "P4": (10, 20, "available"),
    "P5": (30, 30, "available"),
}
AREA = {p: float(w * h) for p, (w, h, _) in PLOTS.items()}

INITIATIVES = {  # id: (title, theme, current stage, progress)
    "A": ("Bijenweide A", "nature", "realised", 100),
    "B": ("Moestuin B", "urban_farming", "stopped", 0),
    "C": ("Speelplek C", "recreation", "in_progress", 75),
    "D": ("Jeu de boules D", "recreation", "realised", 100),
    "E": ("Wilde hoek E", "nature", "idea", 5),
}
LINKS = [("A", "P1"), ("B", "P2"), ("C", "P3"), ("D", "P2")]

# In insertion order = event_id order (same-day events keep this order).
STAGE_EVENTS = [
    ("A", "2015-03-10", None, "idea"),
    ("A", "2015-06-01", "idea", "exploring"),
    ("A", "2016-01-15", "exploring", "plan"),
    ("B", "2016-02-01", None, "idea"),
    ("B", "2016-04-01", "idea", "exploring"),
    ("B", "2016-04-01", "exploring", "plan"),
    ("A", "2016-05-01", "plan", "approved"),
    ("A", "2017-02-01", "approved", "in_progress"),
    ("A", "2017-09-30", "in_progress", "realised"),
    ("B", "2018-07-01", "plan", "stopped"),
    ("C", "2019-01-01", None, "idea"),
    ("C", "2019-03-01", "idea", "exploring"),
    ("C", "2019-06-01", "exploring", "plan"),
    ("C", "2019-09-01", "plan", "exploring"),
    ("C", "2020-01-01", "exploring", "plan"),
    ("C", "2020-03-01", "plan", "approved"),
    ("C", "2021-05-01", "approved", "in_progress"),
    ("D", "2022-01-10", None, "idea"),
    ("D", "2022-02-01", "idea", "exploring"),
    ("D", "2022-06-01", "exploring", "plan"),
    ("D", "2022-09-01", "plan", "approved"),
    ("D", "2023-01-01", "approved", "in_progress"),
    ("D", "2023-06-01", "in_progress", "realised"),
    ("E", "2024-05-01", None, "idea"),
]
PLOT_EVENTS = [
    ("P1", "2014-01-01", None, "available", None),
    ("P2", "2014-01-01", None, "available", None),
    ("P3", "2014-01-01", None, "unavailable", None),
    ("P1", "2015-06-01", "available", "reserved", "A"),
    ("P2", "2016-04-01", "available", "reserved", "B"),
    ("P1", "2017-02-01", "reserved", "in_use", "A"),
    ("P3", "2018-03-01", "unavailable", "available", None),
    ("P2", "2018-07-01", "reserved", "available", "B"),
    ("P3", "2019-03-01", "available", "reserved", "C"),
    ("P5", "2020-06-01", None, "available", None),
    ("P5", "2020-06-01", "available", "unavailable", None),
    ("P5", "2021-01-01", "unavailable", "available", None),
    ("P3", "2021-05-01", "reserved", "in_use", "C"),
    ("P2", "2022-02-01", "available", "reserved", "D"),
    ("P2", "2023-01-01", "reserved", "in_use", "D"),
]


def square_wkt(i: int, width: float, height: float) -> str:
    x, y = X0 + i * 100, Y0
    return (f"POLYGON(({x} {y}, {x + width} {y}, {x + width} {y + height}, "
            f"{x} {y + height}, {x} {y}))")


def build(path: Path | str) -> Path:
    """Create the database file with the CBS geography and the story above."""
    con = db.connect(path)
    try:
        db.ensure_schema(con)
        geography.load_reference_geography(con)
        for i, (plot_id, (w, h, availability)) in enumerate(PLOTS.items()):
            con.execute(
                "INSERT INTO plots (plot_id, name, geom, area_m2, availability) "
                "VALUES ($id, $name, ST_GeomFromText($wkt), ST_Area(ST_GeomFromText($wkt)), $a)",
                {"id": plot_id, "name": f"Kavel {plot_id}", "wkt": square_wkt(i, w, h),
                 "a": availability},
            )
        db.execute(con, "assign_plot_buurten")
        add_staff(con)
        for ini, (title, theme, stage, progress) in INITIATIVES.items():
            first = min(d for i, d, *_ in STAGE_EVENTS if i == ini)
            con.execute(
                "INSERT INTO initiatives (initiative_id, title, public_summary, theme, stage, "
                "progress, contact_name, contact_email, account_manager, start_date) "
                "VALUES ($id, $t, $s, $th, $st, $p, $cn, $ce, $am, $sd)",
                {"id": ini, "t": title, "s": f"Samenvatting {ini}", "th": theme, "st": stage,
                 "p": progress, "cn": f"Contact {ini}", "ce": f"{ini.lower()}@example.org",
                 "am": "Ilse Frijns", "sd": first},
            )
        for ini, plot in LINKS:
            con.execute("INSERT INTO initiative_plots (initiative_id, plot_id) VALUES ($i, $p)",
                        {"i": ini, "p": plot})
        for ini, day, frm, to in STAGE_EVENTS:
            con.execute(
                "INSERT INTO stage_events (initiative_id, event_date, from_stage, to_stage, "
                "by_whom, note) VALUES ($i, $d, $f, $t, 'bea', 'hand-made')",
                {"i": ini, "d": day, "f": frm, "t": to},
            )
        for plot, day, frm, to, ini in PLOT_EVENTS:
            con.execute(
                "INSERT INTO plot_events (plot_id, event_date, from_availability, "
                "to_availability, initiative_id, by_whom, note) "
                "VALUES ($p, $d, $f, $t, $i, 'bea', 'hand-made')",
                {"p": plot, "d": day, "f": frm, "t": to, "i": ini},
            )
    finally:
        con.close()
    return Path(path)


def dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table that a stage change may touch (to prove nothing changed)."""
    tables = ("initiatives", "plots", "initiative_plots", "stage_events", "plot_events",
              "audit_log")
    out = {}
    for table in tables:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t "
            "AND data_type NOT LIKE 'GEOMETRY%' ORDER BY ordinal_position", {"t": table}
        ).fetchall()]
        out[table] = con.execute(
            f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL"  # table names: fixed list
        ).fetchall()
    return out


def d(text: str) -> date:
    return date.fromisoformat(text)

"""A process that saves plot edits through the service functions, as the dashboard does, and
says after every committed save that it is done: the victim of ``tests/test_kill_safety.py``.

``python -m tests.kill_writer DB FIRST PLOT_ID...`` opens the database as the dashboard does
(one connection, held for the life of the process), prints ``READY``, then saves edits in
a loop until it is killed: save number ``n`` (from FIRST on) renames a plot to ``save n``
and flips its availability between available and unavailable, which writes the plot, a plot
event and an audit entry in one transaction. Only after ``update_plot`` has returned (the
transaction committed) does it print ``SAVED n PLOT_ID``, as the page shows "opgeslagen"
only then.
"""

from __future__ import annotations

import sys

from gebrookerbos import db
from gebrookerbos.services import edits
from tests.actors import BROKER


def main(path: str, first: int, plot_ids: list[str]) -> None:
    con = db.connect(path)
    print("READY", flush=True)
    n = first
    while True:
        plot_id = plot_ids[n % len(plot_ids)]
        row = edits.plot_for_edit(con, plot_id, actor=BROKER)
        values = {s.name: row[s.name] for s in edits.PLOT_FIELDS}
        values["name"] = f"save {n}"
        values["availability"] = ("unavailable" if row["availability"] == "available"
                                  else "available")
        edits.update_plot(con, plot_id, values, expected_version=row["version"],
                          actor=BROKER)
        print(f"SAVED {n} {plot_id}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])

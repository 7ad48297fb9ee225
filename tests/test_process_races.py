"""Two dashboard processes on one PostgreSQL store pressing the same button at the same
moment: two real OS processes, each with its own connection, both told to reserve the same
plot at once, round after round. Exactly one reservation of each plot wins; the other
process gets the product's refusal, and the plot is held by the winner alone."""

from __future__ import annotations

import json
import subprocess
import sys

from gebrookerbos import db
from gebrookerbos.services import holding
from tests import ROOT

ROUNDS = 8

# One process: connected before the first round; for each plot id on its input, reserve
# the plot for its initiative and say how that went (a line of JSON).
RESERVER = """
import json, sys
from gebrookerbos import db
from gebrookerbos.domain import Role
from gebrookerbos.domain.auth import Actor
from gebrookerbos.services import reservations
url, initiative, user = sys.argv[1:4]
con = db.connect(url)
actor = Actor(user, Role.BROKER)
print("READY", flush=True)
for line in sys.stdin:
    plot_id = line.strip()
    try:
        reservations.reserve(con, plot_id, initiative, actor=actor)
        outcome = "won"
    except reservations.ReservationError as exc:
        outcome = "refused: " + exc.message("nl")
    except Exception as exc:  # a raw error fails the test
        outcome = f"raw {type(exc).__name__}: {exc}"
    print(json.dumps([plot_id, initiative, outcome]), flush=True)
con.close()
"""


def test_two_processes_reserving_the_same_plots_at_once(postgres_url):
    con = db.connect(postgres_url)
    try:
        plots = [r[0] for r in con.execute(
            "SELECT plot_id FROM plots WHERE availability = 'available' ORDER BY plot_id "
            "LIMIT $n", {"n": ROUNDS}).fetchall()]
        ideas = [r[0] for r in con.execute(
            "SELECT initiative_id FROM initiatives WHERE stage IN ('exploring', 'plan') "
            "ORDER BY initiative_id LIMIT 2").fetchall()]
    finally:
        con.close()
    assert len(plots) == ROUNDS and len(ideas) == 2
    workers = [subprocess.Popen([sys.executable, "-c", RESERVER, postgres_url, idea, user],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                cwd=ROOT)
               for idea, user in zip(ideas, ("bea", "anna"), strict=True)]
    results = []
    try:
        for w in workers:
            assert w.stdout.readline().strip() == "READY"
        for plot_id in plots:
            for w in workers:  # both told at once: their transactions overlap
                w.stdin.write(plot_id + "\n")
            for w in workers:
                w.stdin.flush()
            results += [json.loads(w.stdout.readline()) for w in workers]
    finally:
        for w in workers:
            w.stdin.close()
            w.wait(60)
    assert not [r for r in results if r[2].startswith("raw")], results
    con = db.connect(postgres_url)
    try:
        for plot_id in plots:
            outcomes = {i: o for p, i, o in results if p == plot_id}
            winners = [i for i, o in outcomes.items() if o == "won"]
            assert len(winners) == 1, outcomes
            loser = next(o for o in outcomes.values() if o != "won")
            # (the other process's commit came first, or its reservation was already there)
            assert loser.startswith("refused: ") and "er is niets veranderd" in loser, loser
            assert [h.initiative_id for h in holding.holders_of(con, plot_id)] == winners
    finally:
        con.close()

"""Page runs at the same moment in one process: a few do their work, the others wait their
turn, and none waits for ever (the sessions-at-once figures: bench/sessions_load.py)."""

from __future__ import annotations

import threading

from gebrookerbos import ui


def _start(n: int, release: threading.Event) -> tuple[list[threading.Thread], list[int], list]:
    """``n`` runs that stay in their slot until ``release``; the most inside at once."""
    lock, inside, most = threading.Lock(), [0], [0]

    def run():
        with ui.run_slot():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            release.wait(30)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    return threads, most, inside


def test_a_few_runs_work_at_once_the_others_wait_their_turn():
    release = threading.Event()
    threads, most, inside = _start(3 * ui.RUNS_AT_ONCE, release)
    for _ in range(100):  # until the first runs are in their slots
        if inside[0] == ui.RUNS_AT_ONCE:
            break
        threading.Event().wait(0.05)
    assert inside[0] == ui.RUNS_AT_ONCE  # the others wait
    release.set()
    for t in threads:
        t.join(30)
    assert most[0] == ui.RUNS_AT_ONCE and inside[0] == 0  # every run had its turn


def test_a_run_waits_its_turn_for_a_while_then_goes_ahead(monkeypatch):
    monkeypatch.setattr(ui, "RUN_WAIT_SECONDS", 0.2)
    release = threading.Event()  # the slots stay taken until the last run is through
    holders, _, inside = _start(ui.RUNS_AT_ONCE, release)
    for _ in range(100):
        if inside[0] == ui.RUNS_AT_ONCE:
            break
        threading.Event().wait(0.05)
    went_ahead = threading.Event()

    def late():
        with ui.run_slot():
            went_ahead.set()

    thread = threading.Thread(target=late)
    thread.start()
    assert went_ahead.wait(20)  # while every slot is still held
    assert inside[0] == ui.RUNS_AT_ONCE
    release.set()
    for t in [*holders, thread]:
        t.join(30)

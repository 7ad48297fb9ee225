"""Benchmark: many sessions opening the dashboard at the same moment, on one process.

What a wall of public screens switched on together, or a script hammering the server, does:
``--sessions`` (default 1, 20 and 50) new sessions connect to Streamlit's websocket at once,
each as a browser does on opening a page (the session starts, the client asks for a run of
the page), and the time until the page's run has been delivered is measured per session:

- *first element*: from connecting to the first element of the page arriving;
- *page done*: to Streamlit's ``script_finished`` (every element of the page's first run has
  been sent: the browser can paint all of it).

While they run, ``/_stcore/health`` (what a load balancer asks) is polled every 0.25 s; its
slowest answer and the polls that failed or took over 2 s are printed: a server that does not
answer its health check is taken out of service by a load balancer. Also printed: errors
(sessions that got no page within ``--timeout``) and the process's memory (RSS) after
each round.

The data: the demo database (150 plots, 60 initiatives). One warm-up session runs first, as
the server's very first run pays for importing the code and filling the caches.

Run: ``python bench/sessions_load.py [--sessions 1,20,50] [--page kaart] [--port 8641]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.common import app_server, memory  # noqa: E402
from gebrookerbos import db  # noqa: E402
from gebrookerbos.services import bootstrap  # noqa: E402

PAGES = {"kaart": "", "kavels": "kavels", "initiatieven": "initiatieven", "wijken": "wijken",
         "scherm": "scherm"}


async def open_session(base: str, page_name: str, timeout: float) -> dict:
    """One session as a browser opens a page; the times of its first run."""
    t0 = time.perf_counter()
    first = None
    async with websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None,
                                  open_timeout=timeout) as ws:
        ask = BackMsg()
        ask.rerun_script.query_string = ""
        ask.rerun_script.page_name = page_name
        await ws.send(ask.SerializeToString())
        deadline = t0 + timeout
        while True:
            data = await asyncio.wait_for(ws.recv(), max(deadline - time.perf_counter(), 0.01))
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta" and first is None:
                first = time.perf_counter() - t0
            if kind == "script_finished":
                return {"first_s": first, "done_s": time.perf_counter() - t0}


def _health_once(base: str) -> float | None:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
            if r.status != 200:
                return None
    except OSError:
        return None
    return time.perf_counter() - t0


async def poll_health(base: str, stop: asyncio.Event) -> list[float | None]:
    answers: list[float | None] = []
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        answers.append(await loop.run_in_executor(None, _health_once, base))
        await asyncio.sleep(0.25)
    return answers


async def round_of(base: str, n: int, page_name: str, timeout: float) -> dict:
    stop = asyncio.Event()
    health = asyncio.create_task(poll_health(base, stop))
    results = await asyncio.gather(*(open_session(base, page_name, timeout) for _ in range(n)),
                                   return_exceptions=True)
    stop.set()
    answers = await health
    ok = [r for r in results if isinstance(r, dict)]
    done = sorted(r["done_s"] for r in ok)
    first = sorted(r["first_s"] for r in ok if r["first_s"] is not None)

    def pct(values, q):
        return values[min(len(values) - 1, round(q * (len(values) - 1)))] if values else None

    answered = [a for a in answers if a is not None]
    return {
        "sessions": n, "errors": n - len(ok),
        "first_median_s": statistics.median(first) if first else None,
        "done_median_s": statistics.median(done) if done else None,
        "done_p95_s": pct(done, 0.95), "done_max_s": done[-1] if done else None,
        "health_polls": len(answers), "health_failed": len(answers) - len(answered),
        "health_slowest_s": max(answered) if answered else None,
    }


def _fmt(v) -> str:
    return "-" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,20,50")
    parser.add_argument("--page", default="kaart", choices=sorted(PAGES))
    parser.add_argument("--port", type=int, default=8641)
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args()
    rounds = [int(n) for n in args.sessions.split(",")]
    with tempfile.TemporaryDirectory(prefix="gebrookerbos-sessions-") as tmp:
        path = Path(tmp) / "demo.duckdb"
        con = db.connect(path)
        try:
            bootstrap.initialise(con, demo=True)
        finally:
            con.close()
        base = f"http://localhost:{args.port}"
        with app_server(path, args.port, Path(tmp) / "streamlit.log") as proc:
            page = PAGES[args.page]
            warm = asyncio.run(open_session(base, page, args.timeout))
            print(f"warm-up (the server's first run): page done in {warm['done_s']:.2f} s, "
                  f"RSS {memory(proc.pid)['VmRSS'] / 2**20:.0f} MB")
            header = ("sessions", "errors", "first el. median s", "done median s",
                      "done p95 s", "done max s", "health polls", "health failed",
                      "health slowest s", "RSS MB")
            print(" | ".join(header))
            for n in rounds:
                time.sleep(2)  # (the round before is over)
                result = asyncio.run(round_of(base, n, page, args.timeout))
                rss = memory(proc.pid)["VmRSS"] / 2**20
                print(" | ".join(_fmt(result[k]) for k in (
                    "sessions", "errors", "first_median_s", "done_median_s", "done_p95_s",
                    "done_max_s", "health_polls", "health_failed", "health_slowest_s"))
                    + f" | {rss:.0f}")


if __name__ == "__main__":
    main()

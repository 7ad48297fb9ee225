"""Benchmark: 50 sessions on two dashboard processes behind HAProxy on PostgreSQL, next to
the same load on one process with its DuckDB file.

Both setups hold the demo data (150 plots, 60 initiatives). The scaled-out one is
``deploy/try-locally.sh``: a PostgreSQL/PostGIS cluster in a temporary folder, two
dashboard processes and HAProxy (round robin: each new session goes to the next process).
``--sessions`` (default 50) sessions open the map page (Kaart) at the same moment, each as
a browser does (the websocket, then the first run of the page), through the load balancer,
and the time until the page's first run has been delivered is measured: Streamlit's
``script_finished``, when every element (the map with its plot layer) has been sent and the
browser can draw it. The sessions stay open until all are done, so that the memory per
process is measured with all of them alive; memory per session is the growth of the
processes' RSS over their idle RSS (after one warm-up session each) divided by the
sessions they hold.

Printed per setup: sessions, errors, page done median / p95 / max, RSS per process, memory
per session. Run: ``python bench/scaleout_load.py [--sessions 50]`` (needs postgresql,
postgis and haproxy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.common import app_server, memory, port_free  # noqa: E402
from gebrookerbos import db  # noqa: E402
from gebrookerbos.services import bootstrap  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


async def open_session(base: str, timeout: float, release: asyncio.Event, done: list) -> dict:
    """One session opening the map page; kept open until ``release`` is set."""
    t0 = time.perf_counter()
    async with websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None,
                                  open_timeout=timeout) as ws:
        ask = BackMsg()
        ask.rerun_script.query_string = ""
        ask.rerun_script.page_name = ""
        await ws.send(ask.SerializeToString())
        deadline = t0 + timeout
        while True:
            data = await asyncio.wait_for(ws.recv(), max(deadline - time.perf_counter(), 0.01))
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "script_finished":
                took = time.perf_counter() - t0
                break
        done.append(took)
        await release.wait()
        return {"done_s": took}


async def load(base: str, n: int, timeout: float, measure) -> tuple[dict, object]:
    release = asyncio.Event()
    finished: list[float] = []
    tasks = [asyncio.create_task(open_session(base, timeout, release, finished))
             for _ in range(n)]
    deadline = time.perf_counter() + timeout
    while len(finished) + sum(t.done() for t in tasks) < n and time.perf_counter() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)  # (the last messages of the last runs)
    measured = measure()
    release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    ok = sorted(r["done_s"] for r in results if isinstance(r, dict))
    p95 = ok[min(len(ok) - 1, round(0.95 * (len(ok) - 1)))] if ok else None
    return {"sessions": n, "errors": n - len(ok),
            "median": statistics.median(ok) if ok else None, "p95": p95,
            "max": ok[-1] if ok else None}, measured


def _rss_mb(pids: list[int]) -> list[float]:
    return [memory(pid)["VmRSS"] / 2**20 for pid in pids]


def _pid_on_port(port: int) -> int:
    """The dashboard process started with --server.port ``port``."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
            return int(proc.name)
    raise RuntimeError(f"no dashboard on port {port}")


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _row(name: str, result: dict, idle: list[float], busy: list[float]) -> str:
    grown = sum(busy) - sum(idle)
    per_session = grown / result["sessions"]
    fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
    return (f"{name} | {result['sessions']} | {result['errors']} | {fmt(result['median'])} | "
            f"{fmt(result['p95'])} | {fmt(result['max'])} | "
            + " + ".join(f"{r:.0f}" for r in busy) + f" | {per_session:.1f}")


def one_process_duckdb(n: int, timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="gebrookerbos-scaleout-") as tmp:
        path = Path(tmp) / "demo.duckdb"
        con = db.connect(path)
        try:
            bootstrap.initialise(con, demo=True)
        finally:
            con.close()
        port = _free_port()
        assert port_free(port)
        base = f"http://localhost:{port}"
        with app_server(path, port, Path(tmp) / "streamlit.log") as proc:
            warm, _ = asyncio.run(load(base, 1, timeout, lambda: None))
            time.sleep(2)
            idle = _rss_mb([proc.pid])
            result, busy = asyncio.run(load(base, n, timeout, lambda: _rss_mb([proc.pid])))
    return _row("1 process, DuckDB file", result, idle, busy)


def two_processes_postgres(n: int, timeout: float) -> str:
    lb, ports = _free_port(), (_free_port(), _free_port())
    env = {**os.environ, "GB_PORT": str(lb), "GB_DASHBOARD_PORTS": f"{ports[0]} {ports[1]}",
           "PYTHON": sys.executable}
    proc = subprocess.Popen(["bash", str(ROOT / "deploy" / "try-locally.sh")], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        for line in proc.stdout:
            if line.startswith("READY"):
                break
        else:
            raise RuntimeError("deploy/try-locally.sh did not start")
        base = f"http://127.0.0.1:{lb}"
        pids = [_pid_on_port(p) for p in ports]
        for _ in range(2):  # one warm-up session per process (round robin)
            asyncio.run(load(base, 1, timeout, lambda: None))
        time.sleep(2)
        idle = _rss_mb(pids)
        result, busy = asyncio.run(load(base, n, timeout, lambda: _rss_mb(pids)))
        store = re.search(r"store (\S+)\)", line).group(1)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)
    return _row(f"2 processes + HAProxy, PostgreSQL ({store.split('@')[-1]})", result, idle,
                busy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=240.0)
    args = parser.parse_args()
    print("setup | sessions | errors | page done median s | p95 s | max s | "
          "RSS per process MB | MB per session")
    print(one_process_duckdb(args.sessions, args.timeout))
    print(two_processes_postgres(args.sessions, args.timeout))


if __name__ == "__main__":
    main()

"""Web benchmark: API latency under 50 concurrent clients, and the overview's
full load time in a browser, on a generated ledger of 100,000 attacks.

    python bench/bench_web.py [--attacks 100000] [--clients 50] [--requests 2000]

The ledger is generated once by tools/generate_ledger.py and kept in
bench/.ledger-<N>.db (shared with bench/bench_ledger.py). The server is
`skyledger serve` in its own process on loopback; the clients are one
asyncio process, each sending its next request when the last one answered.
Every endpoint gets a warm-up, then a bounded number of requests spread
over a few filters, as readers would use them. Prints median and 99th
percentile against the targets.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx  # only to wait for the server

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from skyledger.web.live import free_port

TARGET_P99_MS = 100.0  # the bar for the attack list and the statistics
TARGET_LOAD_S = 1.0  # the bar for the overview's full load in a browser
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# What readers ask for: the first page, a class, a region, a period.
FILTERS = ["", "class=attack_drone", "region=UA-30", "since=2024-01-01&until=2024-06-30",
           "class=cruise_missile&region=UA-63", "attacker=RU"]
ENDPOINTS = {"attack list": "/api/attacks?limit=50", "statistics": "/api/stats"}


def ledger_path(attacks: int) -> Path:
    path = REPO / "bench" / f".ledger-{attacks}.db"
    if not path.exists():
        sys.path.insert(0, str(REPO / "tools"))
        from generate_ledger import generate

        start = time.perf_counter()
        generate(str(path), attacks)
        print(f"generated {attacks:,} attacks in {time.perf_counter() - start:.1f} s -> {path}")
    return path


def start_server(db: Path, port: int, cache_seconds: float) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "skyledger"), "serve", "--db", str(db),
               "--port", str(port), "--cache-seconds", str(cache_seconds)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/sources", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    detail = proc.stderr.read().decode()[-500:] if proc.stderr else ""
    raise SystemExit(f"error: the server did not start: {detail}")


def _url(base: str, path: str, i: int) -> str:
    extra = FILTERS[i % len(FILTERS)]
    joiner = "&" if "?" in path else "?"
    return f"{base}{path}{joiner}{extra}" if extra else f"{base}{path}"


class Connection:
    """A minimal HTTP/1.1 keep-alive client: the load generator must cost far
    less CPU than the server it measures (httpx costs about as much)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = await self.reader.readexactly(length)
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(base: str, path: str, clients: int, requests: int) -> list[float]:
    """Latencies in ms of `requests` calls made by `clients` concurrent clients."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    counter = iter(range(requests))

    async def one_client() -> None:
        conn = Connection(host, int(port))
        try:
            for i in counter:
                start = time.perf_counter()
                status, _ = await conn.get(_url("", path, i))
                latencies.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    raise SystemExit(f"error: {status} from {path}")
        finally:
            conn.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def bench_api(base: str, clients: int, requests: int, label: str = "") -> None:
    for name, path in ENDPOINTS.items():
        asyncio.run(load(base, path, clients, max(clients * 2, len(FILTERS) * 4)))  # warm-up
        started = time.perf_counter()
        latencies = asyncio.run(load(base, path, clients, requests))
        elapsed = time.perf_counter() - started
        p50, p99 = statistics.median(latencies), percentile(latencies, 99)
        verdict = "ok" if p99 < TARGET_P99_MS else "OVER TARGET"
        if label:
            verdict = "for information"
        print(f"  {name + label:22s} median {p50:6.1f} ms  p99 {p99:6.1f} ms  "
              f"({len(latencies)} requests, {clients} clients, {len(latencies) / elapsed:,.0f} "
              f"req/s; target p99 < {TARGET_P99_MS:.0f} ms: {verdict})")


def bench_browser(base: str, loads: int = 5) -> None:
    if not CHROMIUM.exists():
        print(f"  overview load: skipped ({CHROMIUM} missing; make system-deps installs it)")
        return
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    with sync_playwright() as p:
        for _ in range(loads):  # a fresh profile each time: nothing cached
            with tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(
                    profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
                page = context.new_page()
                page.goto(base + "/", wait_until="load")
                page.wait_for_function("Chart.getChart('chart-rates') !== undefined")
                ms = page.evaluate(
                    "(() => { const n = performance.getEntriesByType('navigation')[0];"
                    " return n.loadEventEnd - n.startTime; })()")
                times.append(ms / 1000)
                context.close()
    median = statistics.median(times)
    verdict = "ok" if median < TARGET_LOAD_S else "OVER TARGET"
    print(f"  overview load: median {median:.2f} s, worst {max(times):.2f} s over {loads} cold "
          f"loads (target < {TARGET_LOAD_S:.0f} s: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attacks", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--db", type=Path, default=None, help="an existing ledger to serve")
    args = parser.parse_args()
    db = args.db or ledger_path(args.attacks)
    os.environ.setdefault("SKYLEDGER_SECRET_KEY", "bench")
    port = free_port()
    server = start_server(db, port, 10)
    base = f"http://127.0.0.1:{port}"
    print(f"web: {db.name}, `skyledger serve` pid {server.pid} on {base}")
    try:
        bench_api(base, args.clients, args.requests)
        bench_browser(base)
    finally:
        server.terminate()
        server.wait(timeout=10)
    # The same without the cache: every request computed (not a target).
    port = free_port()
    server = start_server(db, port, 0)
    try:
        bench_api(f"http://127.0.0.1:{port}", args.clients, args.requests // 4, " (no cache)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load benchmark (not a test): live servers, 1/16/64 concurrent clients, fixed question mix, fixed duration.

    python -m api.bench_load --out /tmp/load.json --rate 150   # 1 worker (embedded default) and 2 workers
    python -m api.bench_load --multi-worker --workers 2        # the shape of a scaled-out deployment

For each worker count it starts `python -m api` on a free 127.0.0.1 port (rate limit off), waits for
/readyz, warms every worker's query cache, then drives POST /chat from an asyncio aiohttp client and reports
requests/s, p50/p95/p99 latency and errors per setting. Traffic goes to loopback only, bounded in time.

`--multi-worker` checks what several workers must share (the server's shared state, SQLite by default or
Redis when ASSISTANT_REDIS_URL is set): follow-ups whose context survived a new connection (must be 100%),
Slack events answered twice when Slack's retry arrives on a new connection (must be 0; a local fake Slack
Web API receives the posts), and uncached throughput (every question made unique, so neither the reply
cache nor the query-embedding cache can serve it).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import aiohttp
import httpx

QUESTIONS = [
    "What was the median salary expectation in 2025?",
    "How many offers were there in 2024?",
    "What is overfitting in machine learning?",
    "What does a machine learning engineer do?",
    "How much does a senior machine learning engineer earn in New York?",
    "Which AI tools were trending in 2025?",
    "What skills do I need to become an AI engineer?",
    "What is the best pizza topping in Naples?",
]
PROJECT_ROOT = Path(__file__).resolve().parent.parent
READY_LIMIT_SECONDS = 180


@dataclass
class Measurement:
    """One setting's figures."""

    workers: int
    clients: int
    seconds: float
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    core_ms_mean: float  # mean of the replies' latency_ms: time inside ask(), the rest is HTTP + queueing
    server_cpu_ms_per_request: float  # CPU the server processes used per answered request (robust to noise)
    generator_cpu_ms_per_request: float = 0.0  # CPU this load generator used per request (on the same cores)
    target: str = "POST /chat"
    offered_rate: float | None = None  # open loop: requests/s offered; None = closed loop (as fast as answered)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[rank]


@dataclass
class Samples:
    latencies_ms: list[float]
    core_ms: list[float]
    errors: int
    elapsed: float


def unique_tag(number: int) -> str:
    """A letters-only tag per request ('ref baaa'): no digits, so it can never read as a year or a figure."""
    letters = []
    for _ in range(4):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("a") + digit))
    while number:
        number, digit = divmod(number, 26)
        letters.append(chr(ord("a") + digit))
    return "ref " + "".join(reversed(letters))


async def drive(
    url: str,
    clients: int,
    seconds: float,
    baseline: bool = False,
    rate: float | None = None,
    unique: bool = False,
) -> Samples:
    """`clients` concurrent request loops for `seconds` (POST /chat, or GET /healthz as a baseline).

    Closed loop by default (each client sends its next request when the last one is answered). With
    `rate`, open loop: the clients together send `rate` requests/s on a fixed schedule, and latency is
    counted from each request's scheduled time, so a slow server cannot hide its queue. With `unique`, each
    question carries its own tag, so no cache can answer it.
    """
    latencies: list[float] = []
    core_ms: list[float] = []
    errors = 0
    sent_count = itertools.count(secrets.randbelow(26**4) * 1000)
    # aiohttp, not httpx: the generator shares the cores with the server, and aiohttp spends 0.6 ms of CPU
    # per request where httpx spends 1.8 ms (measured here), which the server's figures would otherwise pay.
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def loop(offset: int) -> None:
            nonlocal errors
            index = offset
            interval = clients / rate if rate else 0.0
            scheduled = started + offset / rate if rate else 0.0
            while time.perf_counter() < deadline:
                question = QUESTIONS[index % len(QUESTIONS)]
                index += 1
                if unique:
                    question = f"{question} ({unique_tag(next(sent_count))})"
                if rate:
                    await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
                    sent, scheduled = scheduled, scheduled + interval
                    if sent >= deadline:
                        break
                else:
                    sent = time.perf_counter()
                try:
                    request = client.get("/healthz") if baseline else client.post("/chat", json={"message": question})
                    async with request as response:
                        body = await response.read()
                except (TimeoutError, aiohttp.ClientError):
                    errors += 1
                    continue
                if response.status != 200:
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - sent) * 1000)
                if not baseline:
                    core_ms.append(json.loads(body)["latency_ms"])

        await asyncio.gather(*(loop(offset) for offset in range(clients)))
        elapsed = time.perf_counter() - started
    return Samples(latencies, core_ms, errors, elapsed)


def process_tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its descendants (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        times[child] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(times.get(member, 0.0) for member in tree)


def measure(
    url: str,
    server_pid: int,
    workers: int,
    clients: int,
    seconds: float,
    baseline: bool = False,
    rate: float | None = None,
    unique: bool = False,
) -> Measurement:
    cpu_before, generator_before = process_tree_cpu_seconds(server_pid), time.process_time()
    samples = asyncio.run(drive(url, clients, seconds, baseline, rate, unique))
    server_cpu = process_tree_cpu_seconds(server_pid) - cpu_before
    generator_cpu = time.process_time() - generator_before
    latencies = sorted(samples.latencies_ms)
    core = samples.core_ms
    return Measurement(
        workers=workers,
        clients=clients,
        seconds=round(samples.elapsed, 2),
        requests=len(latencies),
        errors=samples.errors,
        requests_per_second=round(len(latencies) / samples.elapsed, 1),
        p50_ms=round(percentile(latencies, 0.50), 1),
        p95_ms=round(percentile(latencies, 0.95), 1),
        p99_ms=round(percentile(latencies, 0.99), 1),
        core_ms_mean=round(sum(core) / len(core), 1) if core else 0.0,
        server_cpu_ms_per_request=round(1000 * server_cpu / len(latencies), 2) if latencies else 0.0,
        generator_cpu_ms_per_request=round(1000 * generator_cpu / len(latencies), 2) if latencies else 0.0,
        target="GET /healthz" if baseline else ("POST /chat new" if unique else "POST /chat"),
        offered_rate=rate,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    workers: int, port: int, log_path: Path, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0", **(extra_env or {})}  # 0 = limiter off: one IP
    command = [
        sys.executable,
        "-m",
        "api",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log = log_path.open("wb")
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"server not ready within {READY_LIMIT_SECONDS} s")


def warm_up(url: str, workers: int) -> None:
    """Every worker loads lazily and caches query embeddings: hit them all until errors stop."""
    for _ in range(60):
        if asyncio.run(drive(url, clients=4 * workers, seconds=1.0)).errors == 0:
            break
    asyncio.run(drive(url, clients=16, seconds=2.0))


def run(
    worker_counts: list[int],
    client_counts: list[int],
    seconds: float,
    log_dir: Path,
    baseline: bool,
    rates: list[int],
) -> list[Measurement]:
    results: list[Measurement] = []
    for workers in worker_counts:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        process = start_server(workers, port, log_dir / f"bench-server-{workers}w.log")
        try:
            wait_ready(url, process)
            warm_up(url, workers)
            for clients in client_counts:
                result = measure(url, process.pid, workers, clients, seconds)
                print_row(result)
                results.append(result)
            for offered in rates:
                result = measure(url, process.pid, workers, 16, seconds, rate=offered)
                print_row(result)
                results.append(result)
            if baseline:
                result = measure(url, process.pid, workers, 16, seconds, baseline=True)
                print_row(result)
                results.append(result)
        finally:
            process.terminate()
            process.wait(timeout=60)
    return results


# ---- multi-worker mode -----------------------------------------------------------------------------

HEADER = (
    f"{'target':<13} {'workers':>7} {'clients':>7} {'offered':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'p99 ms':>8} {'core ms':>8} {'cpu ms/req':>10} {'gen ms/req':>10} {'requests':>9} {'errors':>6}"
)


def print_row(m: Measurement) -> None:
    offered = f"{m.offered_rate:g}" if m.offered_rate else "-"
    print(
        f"{m.target:<13} {m.workers:>7} {m.clients:>7} {offered:>7} {m.requests_per_second:>8.1f} "
        f"{m.p50_ms:>8.1f} {m.p95_ms:>8.1f} {m.p99_ms:>8.1f} {m.core_ms_mean:>8.1f} "
        f"{m.server_cpu_ms_per_request:>10.2f} {m.generator_cpu_ms_per_request:>10.2f} {m.requests:>9} {m.errors:>6}",
        flush=True,
    )


def _int_list(text: str) -> list[int]:
    values = [int(part) for part in text.split(",") if part.strip()]
    if not values or any(value < 1 for value in values):
        raise argparse.ArgumentTypeError(f"expected positive integers separated by commas, got {text!r}")
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.bench_load", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=_int_list, default=[1, 2], help="Worker counts (default: 1,2).")
    parser.add_argument("--clients", type=_int_list, default=[1, 16, 64], help="Concurrency (default: 1,16,64).")
    parser.add_argument("--seconds", type=float, default=15.0, help="Duration of each setting (default: 15).")
    parser.add_argument("--out", type=Path, help="Write the results as JSON to this path.")
    parser.add_argument(
        "--rate",
        type=_int_list,
        default=[],
        help="Also run open-loop at these offered rates (requests/s, 16 clients), e.g. --rate 150.",
    )
    parser.add_argument(
        "--baseline", action="store_true", help="Also time GET /healthz at 16 clients (the HTTP stack alone)."
    )
    parser.add_argument(
        "--multi-worker",
        action="store_true",
        help="Multi-worker mode on the largest --workers (default 2): follow-ups kept, duplicate Slack posts, "
        "uncached throughput at --clients (default 16).",
    )
    parser.add_argument("--sessions", type=int, default=50, help="Multi-worker: conversations (default: 50).")
    parser.add_argument("--slack-events", type=int, default=20, help="Multi-worker: Slack events (default: 20).")
    args = parser.parse_args(argv)
    log_dir = args.out.parent.resolve() if args.out else Path(tempfile.mkdtemp(prefix="bench-load-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    if args.multi_worker:
        clients = args.clients if "--clients" in (argv if argv is not None else sys.argv) else [16]
        from api.bench_cluster import run_multi_worker

        multi = run_multi_worker(
            max(args.workers), clients, args.seconds, log_dir, args.sessions, args.slack_events, args.baseline
        )
        if args.out:
            report = {"machine": machine, "questions": QUESTIONS, "seconds_per_setting": args.seconds}
            report |= asdict(multi) | {"passed": multi.passed}
            args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {args.out}")
        return 0 if multi.passed else 1
    print(HEADER, flush=True)
    results = run(args.workers, args.clients, args.seconds, log_dir, args.baseline, args.rate)
    if args.out:
        report = {
            "machine": machine,
            "questions": QUESTIONS,
            "seconds_per_setting": args.seconds,
            "results": [asdict(result) for result in results],
        }
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0 if all(result.errors == 0 for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""A small closed-loop HTTP load generator: N connections, each sending its next request as soon as
the previous answer is read, for a fixed time. Standard library only (http.client + threads).

    python -m bench.load http://127.0.0.1:8000/healthz --connections 8 --duration 10

Prints one JSON object: requests, errors, requests/s and latency percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def run(url: str, connections: int = 8, duration: float = 10.0, warmup: float = 2.0) -> dict:
    """Drive `url` with `connections` keep-alive connections; measure only after `warmup` seconds."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    start = time.monotonic()
    measure_from = start + warmup
    stop_at = measure_from + duration
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    statuses: list[dict[int, int]] = [{} for _ in range(connections)]

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        headers = {
            "Accept": "text/html,application/json;q=0.9,*/*;q=0.8",
            "Accept-Language": "sv",
            "Connection": "keep-alive",
        }
        while (now := time.monotonic()) < stop_at:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
            finished = time.monotonic()
            if now >= measure_from:
                statuses[index][status] = statuses[index].get(status, 0) + 1
                if status == 200:
                    latencies[index].append((finished - now) * 1000)
                else:
                    errors[index] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + warmup + 60)
    values = sorted(v for per_thread in latencies for v in per_thread)
    merged: dict[int, int] = {}
    for per_thread in statuses:
        for status, count in per_thread.items():
            merged[status] = merged.get(status, 0) + count
    return {
        "url": url,
        "connections": connections,
        "duration_s": duration,
        "requests": len(values),
        "errors": sum(errors),
        "statuses": {str(k): v for k, v in sorted(merged.items())},
        "rps": round(len(values) / duration, 1),
        "mean_ms": round(statistics.fmean(values), 2) if values else None,
        "p50_ms": round(percentile(values, 0.50), 2),
        "p95_ms": round(percentile(values, 0.95), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
        "max_ms": round(values[-1], 2) if values else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0, help="Measured seconds (after warm-up).")
    parser.add_argument("--warmup", type=float, default=2.0)
    args = parser.parse_args(argv)
    result = run(args.url, args.connections, args.duration, args.warmup)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0 if result["requests"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The load-test client, run as its own process: N requests from C concurrent threads to an
``ecokg serve`` endpoint; each answer is compared with the expected one.

Usage: python load_client.py URL JOBS.json REQUESTS CLIENTS  → prints a JSON summary.
JOBS.json is a list of {"query": text, "expected": sorted bindings as JSON-able lists}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def canonical(doc: dict) -> list:
    if "boolean" in doc:
        return [["boolean", doc["boolean"]]]
    rows = [sorted([k, v.get("type", ""), v.get("value", ""), v.get("xml:lang", ""), v.get("datatype", "")]
                   for k, v in b.items()) for b in doc["results"]["bindings"]]
    return sorted(rows)


def main(url: str, jobs_file: str, requests: int, clients: int) -> dict:
    with open(jobs_file, encoding="utf-8") as fh:
        jobs = json.load(fh)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    wrong: list[str] = []
    counter = iter(range(requests))

    def worker() -> None:
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            job = jobs[i % len(jobs)]
            method_post = i % 3 == 0
            started = time.perf_counter()
            try:
                if method_post:
                    req = urllib.request.Request(url, data=job["query"].encode("utf-8"), headers={
                        "Content-Type": "application/sparql-query",
                        "Accept": "application/sparql-results+json"})
                else:
                    req = urllib.request.Request(f"{url}?query={urllib.parse.quote(job['query'])}",
                                                 headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(req, timeout=120) as resp:
                    body = resp.read()
                    status = resp.status
            except (urllib.error.URLError, OSError) as exc:
                with lock:
                    errors.append(f"{i}: {exc}")
                continue
            elapsed = time.perf_counter() - started
            ok = status == 200 and canonical(json.loads(body)) == job["expected"]
            with lock:
                latencies.append(elapsed)
                if not ok:
                    wrong.append(f"{i}: status {status}, {body[:200]!r}")

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - started
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else 0.0

    return {"requests": requests, "clients": clients, "answered": len(latencies), "errors": len(errors),
            "wrong": len(wrong), "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0),
            "seconds": round(total, 2), "per_second": round(len(latencies) / total, 1) if total else 0.0,
            "first_errors": errors[:5], "first_wrong": wrong[:5]}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))

"""``ecokg serve`` limits against a real server on 127.0.0.1: request body and query length
(413/414 with a plain-text line), the whole request within --request-timeout however slowly it
trickles in (408), at most --max-queries running and --max-waiting queued (503 beyond), and
--max-connections open (503 beyond). Every loop is bounded in count and time."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from .serving import http, serve

pytestmark = pytest.mark.server
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # never ends


def _address(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname == "127.0.0.1" and parts.port
    return parts.hostname, parts.port


def _count_ok(url: str) -> bool:
    status, _h, body = http(f"{url}?query={urllib.parse.quote(COUNT)}", timeout=30)
    return status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0


def test_body_and_query_length_limits(tmp_path: Path, store: Path) -> None:
    sparql = {"Content-Type": "application/sparql-query"}
    with serve(store, tmp_path / "serve.log") as (url, proc):
        status, _h, body = http(url, b"x" * 16, {**sparql, "Content-Length": str(3 * 1024 * 1024)})
        assert status == 413 and b"at most 2097152 bytes" in body, body

        long_query = "#" + "x" * 600_000 + "\n" + COUNT  # 600 kB: under the body limit, over the query limit
        status, _h, body = http(url, long_query.encode(), sparql)
        assert status == 413 and b"over the limit of 500000" in body, body[:300]
        form = b"query=" + urllib.parse.quote(long_query).encode()
        status, _h, body = http(url, form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 413 and b"characters" in body, body[:300]

        status, headers, body = http(f"{url}?query=" + "A" * 70_000)
        assert status == 414 and headers["Content-Type"].startswith("text/plain"), body[:300]
        assert b"with POST" in body and body.count(b"\n") == 1, body[:300]

        fits = "#" + "x" * 400_000 + "\n" + COUNT  # long but within both limits
        status, _h, body = http(url, fits.encode(), sparql)
        assert status == 200 and json.loads(body)["results"]["bindings"], body[:300]
        assert _count_ok(url) and proc.poll() is None


def _dribble(address: tuple[str, int], head: bytes, byte: bytes, *, every: float, most: int) -> tuple[bytes,
                                                                                                      float]:
    """Send ``head``, then ``byte`` every ``every`` seconds (at most ``most`` times) until the
    server answers or closes; returns what it sent back and the seconds it took."""
    started = time.monotonic()
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(head)
        answer = b""
        for _ in range(most):
            readable, _w, _x = select.select([sock], [], [], every)
            if readable:
                break
            try:
                sock.sendall(byte)
            except OSError:
                break
        sock.settimeout(5)
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:
            pass
    return answer, time.monotonic() - started


@pytest.mark.serial  # bounds the seconds until the cut-off: no other test runs meanwhile
def test_slow_clients_are_cut_off(tmp_path: Path, store: Path) -> None:
    with serve(store, tmp_path / "serve.log", "--request-timeout", "1.5") as (url, proc):
        address = _address(url)
        results: dict[str, tuple[bytes, float]] = {}

        def run(name: str, head: bytes, byte: bytes) -> None:
            results[name] = _dribble(address, head, byte, every=0.25, most=60)  # 15 s if never cut off

        cases = {
            "headers": (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ", b"a"),
            "body": (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 1000\r\n\r\nASK", b" "),
            "request line": (b"GET /sparql?query=", b"A"),
            "silence": (b"", b""),
        }
        threads = [threading.Thread(target=run, args=(name, *case)) for name, case in cases.items()]
        for t in threads:
            t.start()
        assert _count_ok(url)  # other clients are served meanwhile
        for t in threads:
            t.join(30)
        for name in cases:
            answer, seconds = results[name]
            assert answer.startswith(b"HTTP/1.0 408 "), (name, answer[:300])
            assert b"within 2 s" in answer or b"within 1 s" in answer, (name, answer)
            assert 1.2 < seconds < 6, (name, seconds)
        assert _count_ok(url) and proc.poll() is None


@pytest.mark.serial  # bounds the seconds until a refusal: no other test runs meanwhile
def test_concurrent_queries_are_capped(tmp_path: Path, store: Path) -> None:
    clients = 8
    args = ("--timeout", "2", "--max-queries", "1", "--max-waiting", "2")
    with serve(store, tmp_path / "serve.log", *args) as (url, proc):
        start = threading.Barrier(clients)
        answers: list[tuple[int, dict[str, str], bytes, float]] = []

        def ask() -> None:
            start.wait(30)
            t0 = time.monotonic()
            status, headers, body = http(f"{url}?query={urllib.parse.quote(HEAVY)}", timeout=60)
            answers.append((status, headers, body, time.monotonic() - t0))

        threads = [threading.Thread(target=ask) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert len(answers) == clients
        busy = [a for a in answers if a[0] == 503 and b"busy" in a[2]]
        ran = [a for a in answers if a[0] == 503 and b"time limit" in a[2]]
        assert len(busy) == clients - 1 - 2 and len(ran) == 1 + 2, [(a[0], a[2][:80]) for a in answers]
        for _status, headers, body, seconds in busy:
            assert headers.get("Retry-After") == "5" and b"1 queries running and 2 waiting" in body
            assert seconds < 1.9  # refused at once, while the first query was still running
        assert max(a[3] for a in ran) > 5.5  # the queued ones ran one after another
        assert _count_ok(url) and proc.poll() is None


def test_open_connections_are_capped(tmp_path: Path, store: Path) -> None:
    with serve(store, tmp_path / "serve.log", "--max-connections", "3") as (url, proc):
        address = _address(url)
        idle = [socket.create_connection(address, timeout=10) for _ in range(3)]
        try:
            time.sleep(0.3)  # the server has accepted them
            status, headers, body = http(f"{url}?query={urllib.parse.quote(COUNT)}", timeout=10)
            assert status == 503 and b"3 connections are open" in body and headers.get("Retry-After") == "5"
        finally:
            for sock in idle:
                sock.close()
        for _ in range(50):  # the server notices the closed connections within a moment
            if _count_ok(url):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the server did not serve again after the idle connections closed")
        assert proc.poll() is None

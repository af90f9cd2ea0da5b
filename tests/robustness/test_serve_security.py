"""``ecokg serve`` against hostile clients: updates need the token, queries have a time limit and
a row limit, malformed requests get 400 (and the server keeps serving), the default bind is
127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import urllib.parse
from pathlib import Path

import pytest

from ecokg.graph.namespaces import sparql_prefixes

from .conftest import snapshot
from .serving import http, serve

pytestmark = pytest.mark.server
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DROP = "DROP ALL"


def _port(url: str) -> int:
    return int(urllib.parse.urlsplit(url).port or 0)


def _listen_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hexport = fields[1].rsplit(":", 1)
            if int(hexport, 16) == port and fields[3] == "0A":  # LISTEN
                if len(addr) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(addr)[::-1]))
                else:
                    raw = bytes.fromhex(addr)
                    found.add(socket.inet_ntop(socket.AF_INET6,
                                               b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))))
    return found


def test_binds_loopback_only_by_default(tmp_path, store) -> None:
    with serve(store, tmp_path / "serve.log") as (url, _proc):
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
        if not Path("/proc/net/tcp").exists():
            pytest.skip("no /proc/net/tcp to read the listening address from")
        assert _listen_addresses(_port(url)) == {"127.0.0.1"}


def test_updates_refused_without_token(tmp_path, store) -> None:
    before = snapshot(store, tmp_path)
    with serve(store, tmp_path / "serve.log") as (url, _proc):  # read-only server
        for data, ctype in ((DROP.encode(), "application/sparql-update"),
                            (b"update=" + urllib.parse.quote(DROP).encode(),
                             "application/x-www-form-urlencoded")):
            status, _h, _b = http(url, data, {"Content-Type": ctype, "Authorization": "Bearer guess"})
            assert status == 403
        assert http(f"{url}?update={urllib.parse.quote(DROP)}")[0] == 400  # never by GET
        status, _h, _b = http(url, b"query=" + urllib.parse.quote(DROP).encode(),
                              {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 400  # an update sent as a query
    assert snapshot(store, tmp_path) == before


def test_updates_need_the_right_token(tmp_path, store) -> None:
    before = snapshot(store, tmp_path)
    with serve(store, tmp_path / "serve.log", "--allow-update", "--token", "s3cret-t0ken") as (url, _proc):
        for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0LXQwa2Vu"},
                     {"Authorization": "Bearer s3cret-t0ke"}, {"Authorization": "Bearer s3cret-t0ken0"}):
            status, _h, _b = http(url, DROP.encode(), {"Content-Type": "application/sparql-update", **auth})
            assert status == 403, auth
        assert snapshot(store, tmp_path) == before
        insert = sparql_prefixes() + "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> rdfs:label 'x' } }"
        status, _h, _b = http(url, insert.encode(), {"Content-Type": "application/sparql-update",
                                                     "Authorization": "Bearer s3cret-t0ken"})
        assert status == 204
    assert snapshot(store, tmp_path) != before


def test_query_time_and_size_limits(tmp_path, store) -> None:
    with serve(store, tmp_path / "serve.log", "--timeout", "2", "--max-rows", "7") as (url, proc):
        status, _h, body = http(f"{url}?query={urllib.parse.quote(HEAVY)}")
        assert status == 503 and b"time limit" in body
        status, headers, body = http(f"{url}?query={urllib.parse.quote('SELECT * WHERE { ?s ?p ?o }')}")
        assert status == 200 and headers.get("X-Ecokg-Truncated") == "true"
        assert len(json.loads(body)["results"]["bindings"]) == 7
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        status, headers, body = http(f"{url}?query={urllib.parse.quote(construct)}",
                                     headers={"Accept": "application/n-triples"})
        assert status == 200 and headers.get("X-Ecokg-Truncated") == "true"
        assert len(body.decode("utf-8").strip().splitlines()) == 7
        # the server still answers after a killed query
        status, _h, body = http(f"{url}?query={urllib.parse.quote(COUNT)}")
        assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
        assert proc.poll() is None


def _raw(url: str, payload: bytes) -> bytes:
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_malformed_requests_get_400(tmp_path, store) -> None:
    with serve(store, tmp_path / "serve.log") as (url, proc):
        path = urllib.parse.urlsplit(url).path
        cases = {
            "garbage request line": b"\x00\x01\x02 nonsense\r\n\r\n",
            "bad HTTP version": f"GET {path} HTTP/9.Z\r\n\r\n".encode(),
            "bad content length": f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".encode(),
            "negative content length":
                f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".encode(),
            "body not UTF-8": (f"POST {path} HTTP/1.1\r\nHost: x\r\n"
                               "Content-Type: application/sparql-query\r\n"
                               "Content-Length: 4\r\n\r\n").encode() + b"\xff\xfe\xfa\xfb",
            "bad escapes": f"GET {path}?query=%ZZ%%SELECT HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
            "no query": f"GET {path}?querx=1 HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
            "two queries": f"GET {path}?query=a&query=b HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
            "syntax error": f"GET {path}?query=SELECT%20*%20WHERE%20%7B HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
            "short body": (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           "Content-Length: 100\r\n\r\nSELECT").encode(),
        }
        for what, payload in cases.items():
            answer = _raw(url, payload)
            assert answer.split(b" ", 2)[1] == b"400", (what, answer[:300])
        status, _h, _b = http(url, b"x" * 16, {"Content-Type": "application/sparql-query",
                                              "Content-Length": str(3 * 1024 * 1024)})
        assert status in (400, 413)
        long_url = f"{url}?query=" + "A" * 70000
        answer = _raw(url, f"GET {long_url} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert answer.split(b" ", 2)[1] in (b"400", b"414")
        assert http(f"{url}?query={urllib.parse.quote(COUNT)}")[0] == 200 and proc.poll() is None

"""'ecokg serve' as a SPARQL 1.1 Protocol endpoint, driven by SPARQLWrapper and plain HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from ecokg.graph.namespaces import sparql_prefixes
from ecokg.queries.remote import Endpoint, run_remote
from ecokg.queries.runner import load_query, run_local
from ecokg.server import negotiate

from .test_remote import MINI_PARAMS

pytestmark = pytest.mark.server
COMPANIES = sparql_prefixes() + ("SELECT DISTINCT ?c ?l WHERE "
                                 "{ ?c a eco:Company ; rdfs:label ?l FILTER(lang(?l) = 'zh') }")


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_sparqlwrapper_select_in_json_xml_csv(ecokg_serve: str) -> None:
    sw = SPARQLWrapper(ecokg_serve)
    sw.setQuery(COMPANIES)
    sw.setReturnFormat(JSON)
    doc = sw.queryAndConvert()
    labels = {b["l"]["value"] for b in doc["results"]["bindings"]}
    assert labels == {"星川机器人", "云舟智能", "北辰算力", "澜峰精密"}
    sw.setMethod(POST)
    sw.setReturnFormat(XML)
    xml = sw.queryAndConvert()
    assert {n.firstChild.data for n in xml.getElementsByTagName("literal")} == labels
    sw.setReturnFormat(CSV)
    text = sw.queryAndConvert().decode("utf-8")
    assert text.splitlines()[0] == "c,l" and "星川机器人" in text


def test_sparqlwrapper_construct_and_ask(ecokg_serve: str) -> None:
    sw = SPARQLWrapper(ecokg_serve)
    sw.setQuery(sparql_prefixes() + "CONSTRUCT { ?c a eco:Company } WHERE { ?c a eco:Company }")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.queryAndConvert(), format="turtle")
    assert len(g) == 4
    sw.setQuery(sparql_prefixes() + "ASK { ?c rdfs:label '星川机器人'@zh }")
    sw.setReturnFormat(JSON)
    assert sw.queryAndConvert()["boolean"] is True


def test_named_queries_through_serve_equal_local(ecokg_serve: str, mini_store: Path) -> None:
    for name, params in MINI_PARAMS:
        local = run_local(load_query(name), params, str(mini_store))
        remote = run_remote(load_query(name), params, Endpoint(ecokg_serve))
        assert local.row_set() == remote.row_set(), name


def test_bad_requests_are_400(ecokg_serve: str) -> None:
    sw = SPARQLWrapper(ecokg_serve)
    sw.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed):
        sw.query()
    status, _h, body = http(f"{ecokg_serve}?query=" + urllib.parse.quote("SELEC nothing"))
    assert status == 400 and b"line 1, column" in body
    assert http(ecokg_serve)[0] == 400  # no query at all
    status, _h, _b = http(ecokg_serve, b"query=a&query=b",
                          {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400


def test_updates_are_refused_without_the_flag(ecokg_serve: str) -> None:
    update = b"update=" + urllib.parse.quote_plus(
        "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }").encode()
    status, _h, body = http(ecokg_serve, update, {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Authorization": "Bearer anything"})
    assert status == 403 and b"read-only" in body
    status, _h, _b = http(ecokg_serve, b"CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _h, body = http(ecokg_serve,
                            b"query=" + urllib.parse.quote_plus("ASK { <urn:a> ?p ?o }").encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["boolean"] is False


def test_updates_need_the_token(ecokg_serve_rw: str) -> None:
    data = b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    headers = {"Content-Type": "application/sparql-update"}
    assert http(ecokg_serve_rw, data, headers)[0] == 403
    assert http(ecokg_serve_rw, data, {**headers, "Authorization": "Bearer wrong"})[0] == 403
    assert http(ecokg_serve_rw, data, {**headers, "Authorization": "Bearer s3cret"})[0] == 204
    ask = "ASK FROM NAMED <urn:g> { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"  # outside the ecokg scope
    status, _h, body = http(f"{ecokg_serve_rw}?query={urllib.parse.quote(ask)}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_cors_row_cap_views_and_negotiation(ecokg_serve: str, mini_store: Path, tmp_path: Path) -> None:
    status, headers, _b = http(ecokg_serve, method="OPTIONS")
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, body = http(f"{ecokg_serve}?query=" + urllib.parse.quote(COMPANIES), headers={
        "Accept": "text/tab-separated-values;q=0.9, text/csv;q=0.5"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines()[0] == "?c\t?l"
    base = ecokg_serve.rsplit("/", 1)[0]
    assert http(f"{base}/view/anything")[0] == 404
    status, headers, body = http(f"{base}/view/")  # the views hook (ecokg.viz.web)
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"companies-in-park" in body
    assert negotiate("application/sparql-results+xml, */*;q=0.1", table=True)[1] == "xml"
    assert negotiate(None, table=False) == ("text/turtle", "turtle")


def test_row_cap(mini_store: Path, tmp_path: Path) -> None:
    from .conftest import _serve

    gen = _serve(mini_store, tmp_path, "--max-rows", "2")
    url = next(gen)
    try:
        status, headers, body = http(f"{url}?query=" + urllib.parse.quote(COMPANIES))
        assert status == 200 and headers.get("X-Ecokg-Truncated") == "true"
        assert len(json.loads(body)["results"]["bindings"]) == 2
    finally:
        gen.close()


def test_time_limit(mini_store: Path, tmp_path: Path) -> None:
    from .conftest import _serve

    gen = _serve(mini_store, tmp_path, "--timeout", "1")
    url = next(gen)
    try:
        endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        status, _h, body = http(f"{url}?query=" + urllib.parse.quote(endless))
        assert status == 503 and b"time limit" in body
        assert http(f"{url}?query=" + urllib.parse.quote(COMPANIES))[0] == 200  # still serving
    finally:
        gen.close()

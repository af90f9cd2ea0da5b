"""Views served by ``ecokg serve`` at ``/view/...`` (a real server on 127.0.0.1)."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from ecokg.server import ServerConfig, make_server
from tests.conftest import store_of
from tests.viz.fixtures import sample_extraction

pytestmark = pytest.mark.server
DATA = re.compile(r'<script type="application/json" id="ecokg-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = store_of(tmp_path_factory.mktemp("served") / "kg", [sample_extraction()])
    server = make_server(ServerConfig(path), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/view/"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def labels(page: str) -> set[str]:
    return {n["label"] for n in json.loads(DATA.search(page).group(1))["nodes"]}


def test_index_lists_the_named_queries(base: str) -> None:
    status, media, page = get(base)
    assert status == 200 and media.startswith("text/html")
    assert 'href="all"' in page and 'href="query/companies-in-park"' in page
    assert "<script" not in page


def test_views_by_path(base: str) -> None:
    status, _media, page = get(base + "all")
    assert status == 200 and len(labels(page)) == 15
    status, _media, page = get(base + "focus/" + urllib.parse.quote("优必选科技") + "?depth=0")
    assert status == 200 and labels(page) == {"优必选"}
    park = urllib.parse.urlencode({"park": "示例软件园"})
    status, _media, page = get(base + "query/companies-in-park?" + park)
    assert status == 200 and labels(page) == {"示例软件园", "优必选", "星河智能"}
    status, _media, page = get(base + "class/IndustrialPark,Company?lang=en")
    assert status == 200 and "UBTECH Robotics" in labels(page) and len(labels(page)) == 4


@pytest.mark.parametrize("path", ["anything", "query/" + urllib.parse.quote("../../etc/passwd", safe=""),
                                  "query/x.rq", "all/more"])
def test_unknown_paths_are_404(base: str, path: str) -> None:
    assert get(base + path)[0] == 404


def test_bad_input_is_400_in_one_line(base: str) -> None:
    status, _media, text = get(base + "focus/" + urllib.parse.quote("不存在的公司"))
    assert status == 400 and "no entity is named" in text and "Traceback" not in text
    assert get(base + "all?depth=x")[0] == 400
    assert get(base + "all?lang=fr")[0] == 400

"""Articles as PDF, DOCX, WARC and JSON Lines: each record one document with its URL, date and title.

Every file is made here: the PDF by fpdf2 with Debian's CJK font (skipped without one), the DOCX by
python-docx, the WARC by warcio's writer, the JSON Lines by hand. The texts are invented.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecokg.batch import extract_each, list_sources
from ecokg.errors import InputError
from ecokg.loaders.metadata import read_document
from ecokg.loaders.reader import iter_sources

PARK = "青岛市崂山区人工智能产业园今天迎来新的企业入驻。示例智造科技有限公司宣布在园区设立研发中心，" \
       "主要从事服务机器人研发。该公司负责人表示，将继续扩大在青岛的投资规模。"
CHIPS = "武汉市东湖高新区的示例芯片有限公司完成新一轮融资，资金将用于人工智能芯片的研发和量产。"


def cjk_font() -> str:
    if shutil.which("fc-list") is None:
        pytest.skip("no fontconfig (fc-list) to find a CJK font for the PDF")
    out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    fonts = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    fonts = [f for f in fonts if f.endswith((".ttf", ".ttc", ".otf"))]
    if not fonts:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")
    return fonts[0]


def make_pdf(path: Path, text: str | None, title: str = "产业园迎来新企业") -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_title(title)
    pdf.set_creation_date(datetime(2025, 12, 11, 15, 47))
    if text is not None:
        pdf.add_font("cjk", fname=cjk_font())
        pdf.set_font("cjk", size=12)
        pdf.multi_cell(0, 8, text)
    else:  # a scan: a page that is only a picture
        from PIL import Image

        image = Image.new("RGB", (200, 100), "white")
        pdf.image(image, x=10, y=10, w=100)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "芯片企业融资"
    document.core_properties.created = datetime(2025, 11, 3, 9, 0)
    document.add_paragraph(CHIPS)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "融资金额"
    table.rows[0].cells[1].text = "5亿元"
    document.save(str(path))
    return path


def make_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [("https://news.example.cn/a1.html", "200 OK", "text/html; charset=utf-8",
              f"<html><head><title>园区新闻</title></head><body><article><p>{PARK}</p></article></body></html>"),
             ("https://news.example.cn/missing.html", "404 Not Found", "text/html", "<html>not found</html>"),
             ("https://news.example.cn/logo.png", "200 OK", "image/png", "PNG"),
             ("https://news.example.cn/a2.html", "200 OK", "text/html",
              f"<html><head><title>芯片融资</title></head><body><article><p>{CHIPS}</p></article></body></html>")]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, status, kind, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2025-10-20T08:30:00Z"})
            writer.write_record(record)
    return path


def make_jsonl(path: Path) -> Path:
    lines = [json.dumps({"title": "园区迎来新企业", "date": "2025-12-01", "url": "https://gov.example.cn/1",
                         "text": PARK}, ensure_ascii=False),
             '{"title": "broken", "text": ',
             "",
             json.dumps({"title": "芯片融资", "url": "https://gov.example.cn/2",
                         "html": f"<html><body><p>{CHIPS}</p></body></html>"}, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_pdf_text_layer_is_one_article_with_its_title_and_date(tmp_path):
    (raw,) = list(iter_sources([str(make_pdf(tmp_path / "a.pdf", PARK))]))
    doc = read_document(raw)
    assert PARK in doc.text  # the layout line break inside the sentence is gone
    assert doc.title == "产业园迎来新企业" and doc.issued == "2025-12-11T15:47:00"


def test_a_scanned_pdf_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no text layer") as exc:
        list(iter_sources([str(make_pdf(tmp_path / "scan.pdf", None))]))
    assert "OCR" in exc.value.one_line() and "scan.pdf" in exc.value.one_line()


def test_docx_paragraphs_and_tables(tmp_path):
    (raw,) = list(iter_sources([str(make_docx(tmp_path / "b.docx"))]))
    assert "融资金额\t5亿元" in raw.data.decode("utf-8")  # a table row, cells by tabs
    doc = read_document(raw)
    assert CHIPS in doc.text
    assert doc.title == "芯片企业融资" and doc.issued == "2025-11-03T09:00:00"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_are_documents_with_url_and_date(tmp_path, name):
    raws = list(iter_sources([str(make_warc(tmp_path / name))]))
    assert [r.source for r in raws] == [f"{tmp_path / name}#1", f"{tmp_path / name}#2"]
    docs = [read_document(r) for r in raws]
    assert [d.url for d in docs] == ["https://news.example.cn/a1.html", "https://news.example.cn/a2.html"]
    assert PARK in docs[0].text and CHIPS in docs[1].text and docs[0].title == "园区新闻"
    assert docs[0].issued == "2025-10-20T08:30:00"  # the crawl date: the page states none


def test_jsonl_bad_line_is_reported_with_its_number_and_the_others_built(tmp_path):
    path = make_jsonl(tmp_path / "feed.jsonl")
    done, failed = extract_each(list_sources([str(path)]), keep_going=True)
    assert [d.document.title for d in done] == ["园区迎来新企业", "芯片融资"]
    assert done[0].document.issued == "2025-12-01" and done[0].document.url == "https://gov.example.cn/1"
    assert [f.source for f in failed] == [f"{path}:2"] and "line 2 is not JSON" in failed[0].line()
    done, failed = extract_each([str(path)], keep_going=False)  # without --keep-going the build stops there
    assert len(done) == 1 and len(failed) == 1


def test_a_directory_of_them_builds(tmp_path):
    from ecokg.cli import main

    folder = tmp_path / "corpus"
    folder.mkdir()
    make_docx(folder / "b.docx")
    make_jsonl(folder / "feed.jsonl")
    make_warc(folder / "crawl.warc.gz")
    assert len(list_sources([str(folder)])) == 3
    out = tmp_path / "kg.nq"
    runner = CliRunner()
    with runner.isolation() as streams, pytest.raises(SystemExit) as exit_:
        main(["build", str(folder), "-o", str(out), "--keep-going", "-q"])
    err = streams[1].getvalue().decode()
    assert exit_.value.code == 1 and f"{folder / 'feed.jsonl'}:2: line 2 is not JSON" in err, err
    import pyoxigraph as ox

    urls = {q.object.value for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)
            if q.predicate.value.endswith("/source") and isinstance(q.object, ox.NamedNode)}
    assert {"https://news.example.cn/a1.html", "https://gov.example.cn/1"} <= urls


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.pdf", b"", "file is empty"),
    ("cut.pdf", b"%PDF-1.4\n1 0 obj", "cannot read the PDF"),
    ("old.docx", b"\xd0\xcf\x11\xe0 an old Word file", "cannot read the DOCX"),
    ("none.jsonl", b"\n\n", "holds no line"),
    ("page.warc", b"<html>not a crawl</html>", "not a WARC file"),
])
def test_broken_files_are_one_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    done, failed = extract_each([str(path)])
    assert not done and len(failed) == 1 and message in failed[0].line() and name in failed[0].line()


def test_a_date_the_text_states_wins_over_the_files_creation_date(tmp_path):
    (raw,) = list(iter_sources([str(make_pdf(tmp_path / "dated.pdf", "发布时间：2024-03-05\n" + PARK))]))
    assert read_document(raw).issued == "2024-03-05"

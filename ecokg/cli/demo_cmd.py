"""``ecokg demo``: the main job on the bundled samples, end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

MARKER = ".ecokg-demo"
QUESTIONS: tuple[tuple[str, dict[str, str], str], ...] = (
    ("companies-in-park", {}, "CQ1 园区内的企业 | Which companies are located in the park?"),
    ("figures", {}, "CQ7 报告的数据 | Which figures are reported, for whom, for which period?"),
    ("models-robots-platforms", {},
     "CQ5 模型、机器人与平台 | Who developed which model or robot, where is it deployed?"),
)


@click.command(name="demo")
@click.option("--store", "store_dir", default="ecokg-demo-data", show_default=True, type=click.Path(),
              help="Directory of the fresh demo store (recreated if it is an earlier demo store).")
@click.option("--out-dir", default=".", show_default=True, type=click.Path(),
              help="Where ecosystem.ttl and ecosystem.html are written.")
@click.option("--rows", default=8, show_default=True, help="Rows shown per question.")
def command(store_dir: str, out_dir: str, rows: int) -> int:
    """Build the bundled sample articles into a fresh store, export it, answer three questions.

    Writes ecosystem.ttl (Turtle for Protégé, GraphDB, Fuseki) and ecosystem.html (an offline
    interactive network view) and prints the answers to three competency questions.
    """
    from ecokg import api
    from ecokg.errors import StoreError
    from ecokg.viz.network import build_view
    from ecokg.viz.page import write_html

    store_path, out = Path(store_dir), Path(out_dir)
    if store_path.exists():
        if not (store_path / MARKER).exists():
            raise StoreError(f"{store_path} exists and is not an ecokg demo store",
                             hint="pass --store with a new directory name")
        shutil.rmtree(store_path)
    out.mkdir(parents=True, exist_ok=True)
    with api.sample_files() as samples:
        raws = api.read_sources(samples)
        extractions = api.extract(raws)
    for raw, ex in zip(raws, extractions, strict=True):
        click.echo(f"read   {Path(raw.source).name}: {len(ex.entities)} entities, "
                   f"{len(ex.observations)} figures")
    with api.open(store_path, wait=0) as kg:
        (store_path / MARKER).write_text("created by ecokg demo\n", encoding="utf-8")
        report = kg.ingest(extractions)
        click.echo(f"store  {store_path}: {len(report.added)} documents, {report.entities} entities")
        ttl = out / "ecosystem.ttl"
        kg.export(ttl)
        click.echo(f"wrote  {ttl} (Turtle)")
        html = out / "ecosystem.html"
        write_html(build_view(kg.store.union_graph(), title="ecokg demo: AI industry ecosystem"), html)
        click.echo(f"wrote  {html} (open it in a browser; works offline)")
        for name, params, title in QUESTIONS:
            result = kg.query(name, params=params, limit=rows)
            click.echo(f"\n{title}\n  (ecokg query {name} --store {store_path})")
            click.echo(result.render("table"))
    return 0

// The ecokg workbench (served by `ecokg serve` at /). No framework; every string from the graph or the
// user is put into the page with textContent or as an attribute value, never as HTML.
"use strict";
(function () {
  const BASE = "https://w3id.org/ecokg/id/";
  const PREFIXES = [
    ["eco", "https://w3id.org/ecokg/ontology#"], ["id", BASE],
    ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"], ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"],
    ["skos", "http://www.w3.org/2004/02/skos/core#"], ["prov", "http://www.w3.org/ns/prov#"],
    ["dcterms", "http://purl.org/dc/terms/"], ["xsd", "http://www.w3.org/2001/XMLSchema#"],
    ["org", "http://www.w3.org/ns/org#"], ["schema", "https://schema.org/"],
    ["foaf", "http://xmlns.com/foaf/0.1/"], ["time", "http://www.w3.org/2006/time#"],
  ];
  const START = PREFIXES.map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n") +
    "\n\nSELECT ?company ?label WHERE {\n  ?company a eco:Company ;\n           rdfs:label ?label .\n" +
    "  FILTER(lang(?label) = \"zh\")\n}\nORDER BY ?label\nLIMIT 100\n";
  const PAGE = 25;
  const $ = (id) => document.getElementById(id);
  const state = { vars: [], rows: [], sort: null, asc: true, page: 0, sentences: null, raw: null, form: "SELECT",
                  sparql: "", name: "result" };
  window.ecokgWorkbench = state;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  function status(text, error) { const s = $("status"); s.textContent = text; s.className = error ? "error" : "muted"; }

  async function getJSON(url, options) {
    const r = await fetch(url, options);
    const text = await r.text();
    if (!r.ok) {
      let msg = text;
      try { msg = JSON.parse(text).error || text; } catch (e) { /* plain text error */ }
      throw new Error(msg.trim());
    }
    return JSON.parse(text);
  }

  // -- results table ------------------------------------------------------------------------------
  function entityHref(iri) { return iri.startsWith(BASE) && iri.length > BASE.length ? "/entity/" + encodeURI(iri.slice(BASE.length)) : null; }
  function shortIri(iri) {
    for (const [p, ns] of PREFIXES) if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + iri.slice(ns.length);
    return iri;
  }
  function cell(term) {
    if (!term) return el("td", {});
    if (term.type === "uri") {
      const href = entityHref(term.value);
      return el("td", {}, href ? el("a", { href, class: "entity-link" }, shortIri(term.value)) : shortIri(term.value));
    }
    return el("td", {}, term.value);
  }
  function showTable(vars, rows, sentences) {
    state.vars = vars; state.rows = rows.map((r, i) => ({ r, i })); state.sentences = sentences || null;
    state.sort = null; state.page = 0;
    $("downloads").hidden = false;
    $("dl-ttl").hidden = state.form !== "CONSTRUCT" && state.form !== "DESCRIBE";
    render();
  }
  function sortKey(t) { return t ? (isFinite(Number(t.value)) && t.value !== "" ? Number(t.value) : t.value) : ""; }
  function render() {
    const rows = state.rows.slice();
    if (state.sort !== null) {
      const v = state.sort, d = state.asc ? 1 : -1;
      rows.sort((a, b) => {
        const x = sortKey(a.r[v]), y = sortKey(b.r[v]);
        return (typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y))) * d;
      });
    }
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const head = el("tr", {}, ...state.vars.map((v) => {
      const th = el("th", { "data-var": v }, v);
      if (state.sort === v) th.className = state.asc ? "asc" : "desc";
      th.addEventListener("click", () => { state.asc = state.sort === v ? !state.asc : true; state.sort = v; render(); });
      return th;
    }), ...(state.sentences ? [el("th", {}, "sentence")] : []));
    const body = rows.slice(state.page * PAGE, (state.page + 1) * PAGE).map(({ r, i }) => el("tr", {},
      ...state.vars.map((v) => cell(r[v])),
      ...(state.sentences ? [el("td", { class: "sentence" }, (state.sentences[i] || []).join(" / "))] : [])));
    const table = el("table", { id: "result-table" }, el("thead", {}, head), el("tbody", {}, ...body));
    $("results").replaceChildren(table);
    $("pager").hidden = pages < 2;
    $("page").textContent = `${state.page + 1} / ${pages} (${rows.length} rows)`;
  }
  $("prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); render(); });
  $("next").addEventListener("click", () => { state.page += 1; render(); });

  // -- downloads ----------------------------------------------------------------------------------
  function csvField(s) { return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function save(name, type, text) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(a); a.click(); a.remove();
  }
  async function download(fmt) {
    if (fmt === "ttl") {
      const r = await fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query",
        Accept: "text/turtle" }, body: state.sparql });
      save(state.name + ".ttl", "text/turtle", await r.text());
    } else if (fmt === "json") {
      const data = state.raw || { head: { vars: state.vars }, results: { bindings: state.rows.map((x) => x.r) } };
      save(state.name + ".json", "application/sparql-results+json", JSON.stringify(data, null, 1));
    } else {
      const lines = [state.vars.join(",")].concat(state.rows.map(({ r }) =>
        state.vars.map((v) => csvField(r[v] ? r[v].value : "")).join(",")));
      save(state.name + ".csv", "text/csv", lines.join("\r\n") + "\r\n");
    }
  }
  for (const b of $("downloads").querySelectorAll("button")) b.addEventListener("click", () => download(b.dataset.format));

  // -- the editor ---------------------------------------------------------------------------------
  const editor = window.ecokgEditor.create($("editor"), START, () => runEditor());
  state.editor = editor;
  function queryForm(text) {
    const body = text.replace(/#[^\n]*/g, "").replace(/PREFIX\s+\S*\s*<[^>]*>/gi, "").replace(/BASE\s*<[^>]*>/gi, "");
    const m = body.match(/\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b/i);
    return m ? m[1].toUpperCase() : "SELECT";
  }
  async function runEditor() {
    const text = editor.get();
    state.form = queryForm(text); state.sparql = text; state.name = "query"; $("answer").replaceChildren();
    status("running…");
    const graph = state.form === "CONSTRUCT" || state.form === "DESCRIBE";
    try {
      const r = await fetch("/sparql", { method: "POST", body: text, headers: { "Content-Type": "application/sparql-query",
        Accept: graph ? "application/n-triples" : "application/sparql-results+json" } });
      const body = await r.text();
      if (!r.ok) throw new Error(body.trim());
      if (graph) {
        const triples = body.split("\n").filter((l) => l.trim()).map(parseNt);
        state.raw = null;
        showTable(["subject", "predicate", "object"], triples);
        status(`${triples.length} triples`);
      } else {
        const data = JSON.parse(body);
        if (data.boolean !== undefined) { state.raw = data; showTable(["boolean"], [{ boolean: { type: "literal", value: String(data.boolean) } }]); }
        else { state.raw = data; showTable(data.head.vars, data.results.bindings); }
        status(`${state.rows.length} rows` + (r.headers.get("X-Ecokg-Truncated") ? " (truncated)" : ""));
      }
    } catch (e) { status(e.message, true); }
  }
  function parseNt(line) {
    const term = (t) => t.startsWith("<") ? { type: "uri", value: t.slice(1, -1) } : { type: "literal", value: t.replace(/^"|"(@[\w-]+|\^\^<[^>]*>)?$/g, "") };
    const m = line.match(/^(\S+)\s+(\S+)\s+(.*)\s+\.\s*$/);
    return m ? { subject: term(m[1]), predicate: term(m[2]), object: term(m[3]) } : { subject: { type: "literal", value: line } };
  }
  $("run").addEventListener("click", runEditor);

  // -- named queries as forms ---------------------------------------------------------------------
  let queries = [];
  async function loadQueries() {
    queries = await getJSON("/api/queries");
    $("named-select").replaceChildren(...queries.map((q) => el("option", { value: q.name }, `${q.title_zh} · ${q.name}`)));
    showForm();
  }
  function showForm() {
    const q = queries.find((x) => x.name === $("named-select").value);
    if (!q) return;
    $("named-description").textContent = q.description;
    const fields = q.params.map((p) => el("label", {}, `${p.name}${p.optional ? " (optional)" : ""}`,
      el("input", { name: p.name, list: "entity-names", value: p.default || "", placeholder: "名称 · name", class: "entity-input" })));
    const run = el("button", { type: "submit", id: "named-run" }, "运行 · Run " + q.name);
    const show = el("button", { type: "button" }, "在编辑器中打开 · open in editor");
    show.addEventListener("click", () => editor.set(q.text));
    $("named-form").replaceChildren(...fields, run, " ", show);
    for (const input of $("named-form").querySelectorAll("input")) input.addEventListener("input", () => suggestNames(input.value));
  }
  $("named-select").addEventListener("change", showForm);
  $("named-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = $("named-select").value;
    const params = new URLSearchParams();
    for (const input of $("named-form").querySelectorAll("input")) if (input.value.trim()) params.set(input.name, input.value.trim());
    status("running " + name + "…"); $("answer").replaceChildren();
    try {
      const data = await getJSON("/api/named/" + encodeURIComponent(name) + "?" + params);
      state.form = "SELECT"; state.sparql = data.sparql; state.name = name; state.raw = data.results;
      showTable(data.results.head.vars, data.results.results.bindings);
      status(`${name}: ${state.rows.length} rows`);
    } catch (e) { status(e.message, true); }
  });
  let namesTimer = null;
  function suggestNames(text) {
    clearTimeout(namesTimer);
    namesTimer = setTimeout(async () => {
      if (!text.trim()) return;
      try {
        const found = await getJSON("/api/names?q=" + encodeURIComponent(text));
        const opts = [];
        for (const e of found) for (const n of e.names) opts.push(el("option", { value: n }, e.classes.join(", ")));
        $("entity-names").replaceChildren(...opts.slice(0, 40));
      } catch (e) { /* autocomplete is best effort */ }
    }, 150);
  }

  // -- the ask box --------------------------------------------------------------------------------
  async function ask(question) {
    $("ask").value = question;
    status("asking…");
    const out = $("answer");
    try {
      const [data, names] = await Promise.all([getJSON("/api/ask?q=" + encodeURIComponent(question)),
        getJSON("/api/names?q=" + encodeURIComponent(question))]);
      showNames(names);
      if (data.declined) {
        out.replaceChildren(el("p", { class: "declined" }, "无法回答 · cannot answer: " + data.reason),
          el("p", {}, "您是不是想问 · did you mean:", ...data.suggestions.map((s) => {
            const b = el("button", { type: "button", class: "suggestion" }, s);
            b.addEventListener("click", () => ask(s));
            return b;
          })));
        status("declined");
        return;
      }
      const params = Object.entries(data.params).map(([k, v]) => `${k}=${v}`).join(" ");
      const bits = [el("p", { class: "query" }, `${data.title} · ${data.query} ${params}`)];
      if (data.narrowed_to.length) bits.push(el("p", { class: "muted" }, `rows naming ${data.narrowed_to.join("、")} (${data.rows.length} of ${data.total_rows})`));
      out.replaceChildren(...bits);
      editor.set(data.sparql);
      state.form = "SELECT"; state.sparql = data.sparql; state.name = data.query; state.raw = null;
      const rows = data.rows.map((row) => Object.fromEntries(row.map((v, i) => [data.columns[i],
        v === null ? undefined : { type: typeof v === "string" && /^https?:\/\//.test(v) ? "uri" : "literal", value: String(v) }])));
      showTable(data.columns, rows, data.columns.includes("sentence") ? null : data.sentences);
      status(`${data.query}: ${rows.length} rows`);
    } catch (e) { status(e.message, true); }
  }
  function showNames(found) {
    const box = $("names");
    const links = found.slice(0, 12).map((e) => {
      const href = entityHref(e.iri);
      return href ? el("a", { href, class: "name-hit" }, e.names[0]) : el("span", {}, e.names[0]);
    });
    box.replaceChildren(...(links.length ? [el("span", { class: "muted" }, "名称 · names: "), ...links] : []));
    box.hidden = !links.length;
  }
  $("ask-form").addEventListener("submit", (ev) => { ev.preventDefault(); if ($("ask").value.trim()) ask($("ask").value.trim()); });

  loadQueries().then(() => { state.ready = true; }, (e) => status(e.message, true));
})();

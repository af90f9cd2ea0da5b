/* ecokg region report: builds the page from the JSON in #ecokg-report. Every text from the data is
   set with textContent (never as HTML); chart tooltips go through esc(). Clicking a name, a number
   or a bar shows its sentence and article in #source. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ecokg-report").textContent);
  var state = window.ecokgReport = { drawn: false, charts: {}, shown: -1 };
  var TYPES = { PolicyDocument: "政策文件", Fund: "基金", Subsidy: "补贴", Policy: "政策" };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function show(idx, title) {
    var s = data.sentences[idx];
    if (!s) { return; }
    var doc = data.documents[s.doc] || {};
    $("source-title").textContent = title || "原文";
    $("source-text").textContent = s.text;
    var p = $("source-doc");
    p.textContent = "";
    p.appendChild(el("span", "", "出自：《" + (doc.title || doc.file || "") + "》" + (doc.issued ? " " + doc.issued : "") + " "));
    if (doc.url && /^https?:\/\//.test(doc.url)) {
      var a = el("a", "", "原文链接");
      a.href = doc.url; a.rel = "noopener noreferrer"; a.target = "_blank";
      p.appendChild(a);
    } else if (doc.file) {
      p.appendChild(el("span", "", "（文件 " + doc.file + "）"));
    }
    $("source").hidden = false;
    state.shown = idx;
  }
  function link(text, idx, title) {
    if (idx === undefined || idx < 0) { return el("span", "", text); }
    var b = el("button", "link", text);
    b.type = "button";
    b.setAttribute("data-sentence", String(idx));
    b.addEventListener("click", function () { show(idx, title || text); });
    return b;
  }
  function yuan(v) {
    var n = Number(v);
    if (!isFinite(n)) { return String(v); }
    if (Math.abs(n) >= 1e8) { return (n / 1e8).toLocaleString("zh-CN", { maximumFractionDigits: 2, useGrouping: false }) + "亿元"; }
    if (Math.abs(n) >= 1e4) { return (n / 1e4).toLocaleString("zh-CN", { maximumFractionDigits: 2, useGrouping: false }) + "万元"; }
    return n + "元";
  }
  function amount(value, unit) {
    if (value === "" || value === null || value === undefined) { return ""; }
    if (unit === "CNY") { return yuan(value); }
    if (unit === "percent") { return value + "%"; }
    return value + (unit && unit !== "count" ? " " + unit : "");
  }
  function chart(id, option) {
    var c = echarts.init($(id), null, { renderer: "canvas" });
    c.setOption(option);
    c.on("click", function (p) {
      if (p.data && p.data.sentence !== undefined) { show(p.data.sentence, p.data.title || p.name); }
    });
    state.charts[id] = c;
    return c;
  }
  function tip(p) { return esc(p.data && p.data.tip ? p.data.tip : p.name); }

  // -- header and summary --------------------------------------------------------------------
  $("sources").textContent = "依据 " + data.documents.length + " 篇文章：" + data.documents.map(function (d) {
    return "《" + (d.title || d.file) + "》" + (d.issued ? d.issued : "");
  }).join("；");
  var segs = data.chain.filter(function (s) { return s.depth >= 2; });
  var leaves = segs.filter(function (s) {
    return !data.chain.some(function (c) { return c.broader === s.iri; });
  });
  var covered = leaves.filter(function (s) { return s.actors.length > 0; });
  var gaps = segs.filter(function (s) { return s.actors.length === 0; });
  var actors = {};
  segs.forEach(function (s) { s.actors.forEach(function (a) { actors[a.label] = true; }); });
  var fundTotal = 0;
  data.policies.forEach(function (p) { if (p.types.indexOf("Fund") >= 0 && p.unit === "CNY") { fundTotal += Number(p.amount) || 0; } });
  var cards = $("summary-cards");
  function card(n, label, idx) {
    var c = el("div", "card");
    var num = el("div", "n");
    num.appendChild(link(n, idx, label));
    c.appendChild(num);
    c.appendChild(el("div", "", label));
    cards.appendChild(c);
  }
  var revenue = data.figures.filter(function (f) { return !f.target && f.unit === "CNY" && f.indicator === "营业收入"; })[0];
  if (revenue) { card(amount(revenue.value, revenue.unit), (revenue.period || "") + revenue.indicator + "（" + revenue.whose + "）", revenue.sentence); }
  card(covered.length + " / " + leaves.length, "产业链环节有主体");
  card(gaps.length, "产业链缺口");
  card(Object.keys(actors).length, "落位产业链的主体");
  card(data.policies.length, "政策、基金与补贴");
  if (fundTotal > 0) { card(yuan(fundTotal), "基金总规模"); }
  card(data.designations.length, "荣誉与认定");
  card(data.parks.length, "园区");

  // -- the chain map -------------------------------------------------------------------------
  var max = 1;
  segs.forEach(function (s) { max = Math.max(max, s.actors.length); });
  var map = $("chain-map");
  data.chain.filter(function (s) { return s.depth === 1; }).forEach(function (layer) {
    var row = el("div", "layer");
    var name = el("div", "layer-name", layer.label + "（" + layer.actors.length + "）");
    row.appendChild(name);
    var grid = el("div", "segments");
    data.chain.filter(function (s) { return s.broader === layer.iri; }).forEach(function (s) {
      var cell = el("div", "seg" + (s.actors.length ? "" : " gap"));
      cell.setAttribute("data-segment", s.label);
      cell.style.background = "rgba(47,111,178," + (0.08 + 0.55 * s.actors.length / max).toFixed(2) + ")";
      var h = el("h4", "", s.label);
      h.appendChild(el("span", "count", s.actors.length));
      cell.appendChild(h);
      var ul = el("ul");
      s.actors.forEach(function (a) {
        var li = el("li");
        var ev = a.evidence[0];
        li.appendChild(link(a.label, ev ? ev.sentence : -1, a.label + " · " + s.label));
        ul.appendChild(li);
      });
      if (s.actors.length) { cell.appendChild(ul); }
      data.chain.filter(function (c) { return c.broader === s.iri; }).forEach(function (sub) {
        var line = el("div", "sub" + (sub.actors.length ? "" : " gap-sub"),
          sub.label + "：" + (sub.actors.length ? sub.actors.map(function (a) { return a.label; }).join("、") : "缺口"));
        cell.appendChild(line);
      });
      if (!s.actors.length) {
        var where = Object.keys(s.elsewhere);
        cell.appendChild(el("div", "sub", where.length ? "已有：" + where.join("、") : "各地区均未见"));
      }
      grid.appendChild(cell);
    });
    row.appendChild(grid);
    map.appendChild(row);
  });
  chart("chain-chart", {
    tooltip: { formatter: tip }, grid: { left: 130, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "value", name: "主体数", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: segs.map(function (s) { return s.label; }) },
    series: [{ type: "bar", data: segs.map(function (s) {
      var ev = s.actors.length && s.actors[0].evidence[0];
      return { value: s.actors.length, sentence: ev ? ev.sentence : undefined, title: s.label,
        tip: s.label + "：" + (s.actors.map(function (a) { return a.label; }).join("、") || "缺口"),
        itemStyle: { color: s.actors.length ? "#2f6fb2" : "#c0392b" } };
    }) }]
  });
  var gl = $("gap-list");
  gaps.forEach(function (s) {
    var where = Object.keys(s.elsewhere);
    var li = el("li", "", s.layer + " / " + s.label + "：" + (where.length ? "本地区未见主体；已有 " + where.map(function (w) {
      return w + "（" + s.elsewhere[w].join("、") + "）";
    }).join("；") : "本地区与其他地区均未见主体"));
    li.setAttribute("data-segment", s.label);
    gl.appendChild(li);
  });

  // -- key players ---------------------------------------------------------------------------
  $("players-note").textContent = "按关系网络中的度中心性排序（另列中介中心性与社群），共 " + data.communities +
    " 个社群" + (data.bridges.length ? "；跨园区主体：" + data.bridges.map(function (b) { return b.label + "（" + b.parks.join("、") + "）"; }).join("；") : "") + "。";
  var top = data.players.slice(0, 10);
  chart("players-chart", {
    tooltip: { formatter: tip }, grid: { left: 190, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "value", name: "度中心性" },
    yAxis: { type: "category", inverse: true, data: top.map(function (p) { return p.label; }) },
    series: [{ type: "bar", data: top.map(function (p) {
      return { value: p.degree, sentence: p.sentence, title: p.label, tip: p.label + " 度中心性 " + p.degree + " 中介中心性 " + p.betweenness };
    }), itemStyle: { color: "#3a8f5c" } }]
  });
  data.players.forEach(function (p) {
    var li = el("li");
    li.appendChild(link(p.label, p.sentence, p.label));
    li.appendChild(el("span", "hint", "  " + p.cls + " · 关联 " + p.links + " · 度 " + p.degree + " · 中介 " + p.betweenness + " · 社群 " + p.community));
    $("player-list").appendChild(li);
  });

  // -- parks ---------------------------------------------------------------------------------
  data.parks.forEach(function (park) {
    var c = el("div", "card");
    c.appendChild(el("h4", "", park.label + "（" + park.members.length + "）"));
    var ul = el("ul");
    park.members.forEach(function (m) { var li = el("li"); li.appendChild(link(m.label, m.sentence, m.label + " · " + park.label)); ul.appendChild(li); });
    if (!park.members.length) { ul.appendChild(el("li", "hint", "文中未列入驻主体")); }
    c.appendChild(ul);
    $("park-list").appendChild(c);
  });

  // -- policies, funds, subsidies ------------------------------------------------------------
  var tbody = $("policy-table").querySelector("tbody");
  data.policies.forEach(function (p) {
    var tr = el("tr");
    var name = el("td"); name.appendChild(link(p.label, p.sentence, p.label)); tr.appendChild(name);
    tr.appendChild(el("td", "", p.types.map(function (t) { return TYPES[t] || t; }).join("、")));
    var money = el("td");
    if (p.amount !== "") { money.appendChild(link(amount(p.amount, p.unit) + (p.perYear ? "/年" : ""), p.sentence, p.label)); }
    tr.appendChild(money);
    tr.appendChild(el("td", "", p.issuer));
    tbody.appendChild(tr);
  });
  var funded = data.policies.filter(function (p) { return p.amount !== "" && p.unit === "CNY"; });
  chart("funds-chart", {
    tooltip: { formatter: tip }, grid: { left: 60, right: 20, top: 20, bottom: 60 },
    xAxis: { type: "category", data: funded.map(function (p) { return p.label; }), axisLabel: { interval: 0, width: 120, overflow: "truncate" } },
    yAxis: { type: "value", name: "亿元" },
    series: [{ type: "bar", data: funded.map(function (p) {
      return { value: Number(p.amount) / 1e8, sentence: p.sentence, title: p.label, tip: p.label + " " + amount(p.amount, p.unit) + (p.perYear ? "/年" : "") };
    }), itemStyle: { color: "#d08a2e" } }]
  });

  // -- designations --------------------------------------------------------------------------
  var levels = ["国家级", "省级", "市级", "其他"];
  chart("designation-chart", {
    tooltip: { formatter: tip }, grid: { left: 70, right: 30, top: 20, bottom: 30 },
    xAxis: { type: "time" }, yAxis: { type: "category", data: levels },
    series: [{ type: "scatter", symbolSize: 14, data: data.designations.filter(function (d) { return d.date; }).map(function (d, i) {
      var lv = levels.indexOf(d.level) >= 0 ? d.level : "其他";
      return { value: [d.date, lv], sentence: d.sentence, title: d.title, tip: d.date + " " + d.holder + "：" + d.title, name: String(i) };
    }), itemStyle: { color: "#8e44ad" } }]
  });
  data.designations.forEach(function (d) {
    var li = el("li");
    li.appendChild(el("span", "hint", (d.date || "") + " "));
    li.appendChild(link(d.holder + " · " + d.title, d.sentence, d.title));
    li.appendChild(el("span", "hint", [d.level, d.batch, d.grantor ? "授予：" + d.grantor : ""].filter(Boolean).map(function (x) { return " " + x; }).join("")));
    $("designation-list").appendChild(li);
  });

  // -- figures -------------------------------------------------------------------------------
  var money = data.figures.filter(function (f) { return !f.target && f.unit === "CNY"; });  // targets are no results
  chart("figures-chart", {
    tooltip: { formatter: tip }, grid: { left: 60, right: 20, top: 20, bottom: 80 },
    xAxis: { type: "category", data: money.map(function (f) { return (f.whose || "") + " " + (f.indicator || f.label); }),
      axisLabel: { interval: 0, rotate: 30, width: 130, overflow: "truncate" } },
    yAxis: { type: "value", name: "亿元" },
    series: [{ type: "bar", data: money.map(function (f) {
      return { value: Number(f.value) / 1e8, sentence: f.sentence, title: f.label, tip: (f.whose || "") + " " + f.label + (f.period ? "（" + f.period + "）" : "") };
    }), itemStyle: { color: "#2f6fb2" } }]
  });
  data.figures.forEach(function (f) {
    var li = el("li");
    li.appendChild(el("span", "", (f.target ? "【目标】" : "") + (f.whose ? f.whose + " · " : "") + (f.indicator || "数据") + (f.period ? "（" + f.period + "）" : "") + "："));
    li.appendChild(link((f.qualifier && f.qualifier !== "精确" ? f.qualifier : "") + amount(f.value, f.unit), f.sentence, f.label));
    $("figure-list").appendChild(li);
  });

  $("source-close").addEventListener("click", function () { $("source").hidden = true; });
  window.addEventListener("resize", function () { Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); }); });
  state.drawn = true;
}());

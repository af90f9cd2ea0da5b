/* ecokg view: draws the embedded data with vis-network. Every string in DATA may come from an
   article: it only ever reaches the page through textContent or canvas text, never innerHTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("ecokg-data").textContent);
  var UI = DATA.ui;
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }

  var classes = {};
  DATA.classes.forEach(function (c) { classes[c.key] = c; });
  var nodeData = {};
  DATA.nodes.forEach(function (n) { nodeData[n.id] = n; n.keys = n.names.map(norm); });
  var edgeData = {};
  DATA.edges.forEach(function (e) { edgeData[e.id] = e; });

  function nodeItem(n) {
    var c = classes[n.cls];
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, value: n.value, shape: c.shape,
      color: { background: c.color, border: "#444", highlight: { background: c.color, border: "#000" },
               hover: { background: c.color, border: "#000" } }
    };
  }
  function edgeItem(e) {
    var item = { id: e.id, from: e.from, to: e.to, dashes: !!e.inf };
    if (DATA.edgeLabels) { item.label = e.label; }
    if (e.count > 1) { item.width = Math.min(1 + Math.log(e.count), 8); }
    return item;
  }
  var nodes = new vis.DataSet(DATA.nodes.map(nodeItem));
  var edges = new vis.DataSet(DATA.edges.map(edgeItem));
  var large = DATA.nodes.length > DATA.physicsLimit;
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: {
      enabled: DATA.physics,
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -2500, centralGravity: 0.25, springLength: 120, springConstant: 0.04,
                   damping: 0.2, avoidOverlap: 0.2 },
      stabilization: { enabled: DATA.physics, iterations: 150, fit: true }
    },
    nodes: {
      scaling: { min: 8, max: 36, label: { enabled: false } },
      font: { size: 14, face: "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif", color: "#222" },
      borderWidth: 1
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      font: { size: 12, align: "middle", color: "#555", strokeWidth: 3, strokeColor: "#fff",
              face: "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" },
      color: { color: "#9aa4b1", highlight: "#2b2b2b", hover: "#555" },
      width: 1
    },
    interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 200,
                   navigationButtons: false, keyboard: false, multiselect: false }
  };
  var network = new vis.Network(byId("network"), { nodes: nodes, edges: edges }, options);
  window.ecokg = { network: network, nodes: nodes, edges: edges, data: DATA, drawn: false };
  network.once("afterDrawing", function () {
    window.ecokg.drawn = true;
    document.body.setAttribute("data-drawn", "1");
  });

  /* header ------------------------------------------------------------------------------- */
  byId("counts").textContent = DATA.nodes.length + " " + UI.nodes + " · " + DATA.edges.length + " " + UI.edges;
  if (DATA.note) { byId("note").textContent = DATA.note; }
  byId("search").placeholder = UI.search;
  byId("physics-label").textContent = UI.physics;
  var physics = byId("physics");
  physics.checked = !!DATA.physics;
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked, stabilization: { enabled: false } } });
  });

  /* details panel ------------------------------------------------------------------------ */
  var panelTitle = byId("details-title");
  var panel = byId("details-body");
  function clearPanel(title) {
    panelTitle.textContent = title;
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
  }
  function section(title) { panel.appendChild(el("h3", title)); }
  function docText(i) {
    var d = DATA.docs[i];
    if (!d) { return ""; }
    return "《" + d.title + "》" + (d.date ? " " + d.date : "");
  }
  function sourceList(srcs, into) {
    var ul = el("ul");
    srcs.forEach(function (s) {
      var li = el("li");
      li.appendChild(el("span", s[0], "sentence"));
      if (s[1] !== null && s[1] !== undefined) { li.appendChild(el("div", docText(s[1]), "doc")); }
      if (s[2]) { li.appendChild(el("span", UI.inferred, "tag")); }
      ul.appendChild(li);
    });
    (into || panel).appendChild(ul);
  }
  function pairs(list) {
    var dl = el("dl");
    list.forEach(function (kv) {
      if (kv[1] === null || kv[1] === undefined || kv[1] === "") { return; }
      dl.appendChild(el("dt", kv[0]));
      dl.appendChild(el("dd", kv[1]));
    });
    return dl;
  }
  function showNode(id) {
    var n = nodeData[id];
    if (!n) { return; }
    clearPanel(n.label);
    var c = classes[n.cls];
    panel.appendChild(pairs([[UI["class"], c ? c.label : n.cls]]));
    if (n.names.length > 1) {
      section(UI.names);
      var ul = el("ul");
      n.names.slice(0, 200).forEach(function (name) { ul.appendChild(el("li", name)); });
      panel.appendChild(ul);
    }
    if (n.attrs && n.attrs.length) { section(UI.attributes); panel.appendChild(pairs(n.attrs)); }
    if (n.figs && n.figs.length) {
      section(UI.figures);
      var fl = el("ul");
      n.figs.forEach(function (f) {
        var li = el("li");
        li.appendChild(el("strong", f.label));
        li.appendChild(pairs([[UI.value, f.value], [UI.unit, f.unit], [UI.qualifier, f.qualifier],
                              [UI.period, f.period], [UI.indicator, f.indicator]]));
        if (f.inf) { li.appendChild(el("span", UI.inferred, "tag")); }
        sourceList(f.src, li);
        fl.appendChild(li);
      });
      panel.appendChild(fl);
    }
    if (n.desig && n.desig.length) {
      section(UI.designations);
      var dl = el("ul");
      n.desig.forEach(function (d) {
        var li = el("li");
        li.appendChild(el("strong", d.title));
        li.appendChild(pairs([[UI.level, d.level], [UI.batch, d.batch], [UI.granted_by, d.by.join("、")]]));
        sourceList(d.src, li);
        dl.appendChild(li);
      });
      panel.appendChild(dl);
    }
    if (n.members && n.members.length) {
      section(UI.members + " (" + n.count + ")");
      var ml = el("ul");
      n.members.forEach(function (m) { ml.appendChild(el("li", m)); });
      panel.appendChild(ml);
    }
    if (n.src && n.src.length) { section(UI.sources + " (" + n.src.length + ")"); sourceList(n.src); }
    if (n.iri) { panel.appendChild(el("p", n.iri, "iri")); }
  }
  function showEdge(id) {
    var e = edgeData[id];
    if (!e) { return; }
    clearPanel(nodeData[e.from].label + " → " + nodeData[e.to].label);
    panel.appendChild(pairs([[UI.relation, e.label], [UI.from, nodeData[e.from].label],
                             [UI.to, nodeData[e.to].label]]));
    if (e.inf) { panel.appendChild(el("span", UI.inferred, "tag")); }
    if (e.src && e.src.length) { section(UI.sources + " (" + e.src.length + ")"); sourceList(e.src); }
    panel.appendChild(el("p", e.prop, "iri"));
  }
  clearPanel(UI.details);
  panel.appendChild(el("p", UI.hint));
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  /* hover tooltip (text only) ------------------------------------------------------------- */
  var tip = byId("tooltip");
  network.on("hoverNode", function (params) {
    var n = nodeData[params.node];
    var c = classes[n.cls];
    tip.textContent = n.label + " · " + (c ? c.label : n.cls);
    tip.style.left = (params.event.center ? params.event.center.x : params.pointer.DOM.x) + 12 + "px";
    tip.style.top = (params.event.center ? params.event.center.y : params.pointer.DOM.y) + 12 + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });

  /* search by any name ------------------------------------------------------------------- */
  var search = byId("search");
  var results = byId("results");
  function select(id) {
    results.hidden = true;
    var n = nodeData[id];
    if (hiddenClasses[n.cls]) { setClass(n.cls, true); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showNode(id);
  }
  function find(query) {
    var q = norm(query);
    if (!q) { return []; }
    var exact = [], partial = [];
    DATA.nodes.forEach(function (n) {
      var hit = -1;
      for (var i = 0; i < n.keys.length; i++) {
        if (n.keys[i] === q) { hit = i; exact.push([n, i]); break; }
      }
      if (hit < 0) {
        for (var j = 0; j < n.keys.length; j++) {
          if (n.keys[j].indexOf(q) >= 0) { partial.push([n, j]); break; }
        }
      }
    });
    return exact.concat(partial);
  }
  window.ecokg.find = function (query) { return find(query).map(function (m) { return m[0].id; }); };
  window.ecokg.select = select;
  function showResults() {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var found = find(search.value);
    if (!search.value.trim()) { results.hidden = true; return; }
    if (!found.length) {
      results.appendChild(el("li", UI.no_match));
    }
    found.slice(0, 30).forEach(function (m, k) {
      var n = m[0];
      var li = el("li", n.label, k === 0 ? "active" : "");
      if (m[1] > 0) { li.appendChild(el("span", n.names[m[1]], "alias")); }
      li.setAttribute("data-node", String(n.id));
      li.addEventListener("click", function () { select(n.id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = find(search.value);
      if (found.length) { select(found[0][0].id); }
    } else if (ev.key === "Escape") { results.hidden = true; }
  });

  /* class filter ------------------------------------------------------------------------- */
  var hiddenClasses = {};
  var boxes = {};
  byId("legend-title").textContent = UI.classes;
  function applyFilter() {
    var nodeUpdates = DATA.nodes.map(function (n) { return { id: n.id, hidden: !!hiddenClasses[n.cls] }; });
    nodes.update(nodeUpdates);
    edges.update(DATA.edges.map(function (e) {
      return { id: e.id, hidden: !!(hiddenClasses[nodeData[e.from].cls] || hiddenClasses[nodeData[e.to].cls]) };
    }));
  }
  function setClass(key, shown) {
    hiddenClasses[key] = !shown;
    if (boxes[key]) { boxes[key].checked = shown; }
    applyFilter();
  }
  var list = byId("classes");
  DATA.classes.forEach(function (c) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.key;
    box.setAttribute("data-class", c.key);
    box.addEventListener("change", function () { setClass(c.key, box.checked); });
    boxes[c.key] = box;
    var sw = el("span", null, "swatch");
    sw.style.background = c.color;
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", c.label));
    label.appendChild(el("span", String(c.count), "count"));
    li.appendChild(label);
    list.appendChild(li);
  });
  function setAll(shown) {
    DATA.classes.forEach(function (c) { hiddenClasses[c.key] = !shown; boxes[c.key].checked = shown; });
    applyFilter();
  }
  byId("all-classes").textContent = UI.all;
  byId("no-classes").textContent = UI.none;
  byId("all-classes").addEventListener("click", function () { setAll(true); });
  byId("no-classes").addEventListener("click", function () { setAll(false); });
  window.ecokg.setClass = setClass;
  window.ecokg.showNode = showNode;
  window.ecokg.showEdge = showEdge;
  window.ecokg.visibleNodes = function () {
    return nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  };
})();

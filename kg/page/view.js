"use strict";
// Every text from the report reaches the page through textContent, never innerHTML.
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);

  function textBlock(lines, className) {
    const block = document.createElement("div");
    if (className) block.className = className;
    for (const line of lines) {
      const row = document.createElement("div");
      row.textContent = line;
      block.appendChild(row);
    }
    return block;
  }

  const nodes = new vis.DataSet(data.nodes.map((n) => Object.assign({}, n, { title: textBlock(n.tip, "kg-tip") })));
  const edges = new vis.DataSet(data.edges.map((e, i) => Object.assign({ id: i }, e, e.tip ? { title: textBlock(e.tip, "kg-tip") } : {})));
  const network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, data.options);
  window.kgNetwork = network;
  window.kgNodes = nodes;
  network.once("afterDrawing", () => { window.kgStable = performance.now(); });

  const details = document.getElementById("kg-details");
  function show(node) {
    details.replaceChildren(textBlock(node.tip));
  }
  network.on("selectNode", (event) => show(nodes.get(event.nodes[0])));

  const legend = document.getElementById("kg-legend");
  for (const entry of data.legend) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.filter = entry.filter;
    box.addEventListener("change", () => {
      nodes.update(nodes.getIds({ filter: (n) => n.filter === entry.filter }).map((id) => ({ id: id, hidden: !box.checked })));
    });
    const swatch = document.createElement("span");
    swatch.className = "kg-swatch";
    swatch.style.background = entry.color;
    label.append(box, swatch, document.createTextNode(entry.label + " (" + entry.count + ")"));
    legend.appendChild(label);
  }

  const status = document.getElementById("kg-status");
  const input = document.getElementById("kg-search");
  document.getElementById("kg-search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim().toLowerCase();
    if (!query) return;
    const visible = nodes.get({ filter: (n) => !n.hidden });
    // An exact name wins; else the node whose matching name is shortest (closest), then the best connected.
    const closeness = (n) => Math.min(...n.names.filter((s) => s.includes(query)).map((s) => s.length));
    const hit = visible.find((n) => n.names.includes(query)) ||
      visible.filter((n) => n.names.some((s) => s.includes(query)))
        .sort((a, b) => closeness(a) - closeness(b) || b.value - a.value)[0];
    if (!hit) {
      status.textContent = "未找到 not found: " + input.value;
      return;
    }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.5, animation: false });
    show(hit);
    status.textContent = "找到 found: " + hit.label.split("\n")[0];
  });
})();

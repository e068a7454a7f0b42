// The query page: the library one click away, results as a table.
// Every value is put in the page as a text node, never as markup.
"use strict";

const form = document.getElementById("form");
const editor = document.getElementById("query");
const paramsBox = document.getElementById("params");
const results = document.getElementById("results");
const statusLine = document.getElementById("status");

function element(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  return node;
}

function showParameters(parameters) {
  paramsBox.replaceChildren();
  for (const p of parameters) {
    const label = element("label", p.name + " ", { title: p.description });
    const input = element("input", undefined, { name: "param." + p.name, placeholder: p.description });
    if (p.default) input.value = p.default;
    label.appendChild(input);
    paramsBox.appendChild(label);
  }
}

function choose(q) {
  editor.value = q.text;
  showParameters(q.parameters);
  results.replaceChildren();
  statusLine.textContent = "";
}

async function loadLibrary() {
  const list = document.getElementById("library");
  const queries = await (await fetch("/queries.json")).json();
  list.replaceChildren();
  for (const q of queries) {
    const button = element("button", q.name, { type: "button" });
    button.appendChild(element("small", q.zh));
    button.appendChild(element("small", q.en));
    button.addEventListener("click", () => choose(q));
    const item = element("li");
    item.appendChild(button);
    list.appendChild(item);
  }
  return queries;
}

// A link such as /?q=tasks-of-bureau&param.bureau=建委 opens that query, fills its parameters and runs it.
function openFromAddress(queries) {
  const address = new URLSearchParams(location.search);
  const q = queries.find((item) => item.name === address.get("q"));
  if (!q) return;
  choose(q);
  for (const input of paramsBox.querySelectorAll("input")) {
    if (address.has(input.name)) input.value = address.get(input.name);
  }
  form.requestSubmit();
}

function link(term) {
  // Only http(s) IRIs become links, to this server's page for them.
  if (!/^https?:\/\//.test(term.value)) return element("span", term.value);
  return element("a", term.value, { href: "/resource?iri=" + encodeURIComponent(term.value) });
}

function cell(term) {
  const td = element("td");
  if (!term) return td;
  if (term.type === "uri") td.appendChild(link(term));
  else td.appendChild(element("span", term.value));
  if (term["xml:lang"]) td.appendChild(element("span", " @" + term["xml:lang"], { class: "tag" }));
  return td;
}

function showTable(data, truncated) {
  results.replaceChildren();
  if ("boolean" in data) { results.appendChild(element("p", data.boolean ? "yes / 是" : "no / 否")); return; }
  const vars = data.head.vars;
  const table = element("table");
  const head = element("tr");
  for (const v of vars) head.appendChild(element("th", v));
  table.appendChild(element("thead")).appendChild(head);
  const body = table.appendChild(element("tbody"));
  for (const row of data.results.bindings) {
    const tr = element("tr");
    for (const v of vars) tr.appendChild(cell(row[v]));
    body.appendChild(tr);
  }
  results.appendChild(table);
  const n = data.results.bindings.length;
  statusLine.textContent = n + " row" + (n === 1 ? "" : "s") + (truncated ? " (cut at the server's limit)" : "");
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  statusLine.textContent = "…";
  const body = new URLSearchParams(new FormData(form));
  for (const [key, value] of [...body.entries()]) if (key.startsWith("param.") && value === "") body.delete(key);
  const response = await fetch("/sparql", {
    method: "POST", body,
    headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
  });
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) {
    results.replaceChildren(element("p", await response.text(), { class: "error" }));
    statusLine.textContent = response.status + " " + response.statusText;
  } else if (type.includes("json")) {
    showTable(await response.json(), response.headers.get("X-KG-Truncated") === "true");
  } else {
    results.replaceChildren(element("pre", await response.text()));
    statusLine.textContent = "";
  }
});

loadLibrary().then(openFromAddress).catch((error) => { statusLine.textContent = "cannot load the library: " + error; });

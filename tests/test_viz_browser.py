"""kg viz pages in a real browser (Debian's Chromium, driven by Playwright): offline, counted, searchable, escaped.

Screenshots of every view are saved under the pytest temporary directory
(``…/viz-screenshots/``) as test artefacts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg import build
from kg.graph import report_graph
from kg.network import network_from_rdf
from kg.viz import render_page, write_view
from tests.samples import HEADER, add_entities_and_verdicts, overview_iris, write_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ALERT = "</script><script>alert(1)</script>"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                                reason="/usr/bin/chromium is missing: apt-get install chromium (.ci/run does)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened from a file, recording every request, failure, console error and dialog."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgStable !== undefined", timeout=20000)

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node_id(self, iri: str) -> int:
        return self.page.evaluate("iri => window.kgNodes.get({filter: n => n.iri === iri})[0].id", iri)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("viz-screenshots")


@pytest.fixture(scope="module")
def index(built) -> dict:
    return json.loads((built / "index.json").read_text(encoding="utf-8"))


def _expected_nodes(built, index: dict, view: str) -> int:
    """Nodes a view must show, counted from index.json (and, for entities, the RDF's types)."""
    tasks = index["tasks"]
    units = {u["iri"] for t in tasks for u in t["units"]}
    if view == "bureaus":
        return len(units)
    if view == "overview":
        return len(overview_iris(built))
    headings = {(t["report"], t["section"]) for t in tasks if t["section"]}
    headings |= {(t["report"], t["section"], t["subsection"]) for t in tasks if t["subsection"]}
    return len(tasks) + len(units) + len(headings) + len(index["reports"])


@pytest.mark.parametrize("view", ["overview", "bureaus", "sections"])
def test_view_loads_offline_with_the_expected_nodes(browser, built, index, screenshots, view) -> None:
    """No request leaves file:, none fails, no console error, and the page holds every node the index implies."""
    visit = Visit(browser, write_view(built, screenshots / f"{view}.html", view).path)
    assert visit.requests and all(u.startswith(("file:", "data:")) for u in visit.requests), visit.requests
    assert visit.failed == [] and visit.errors == []
    assert visit.page.evaluate("window.kgNodes.length") == _expected_nodes(built, index, view)
    visit.page.screenshot(path=str(screenshots / f"{view}.png"))
    visit.page.close()


def test_ego_view_loads_and_centres_on_the_bureau(browser, built, index, screenshots) -> None:
    """The ego view of 建委 at depth 1 holds 区建委 and exactly the tasks it is responsible for or named in."""
    iri = next(u["iri"] for t in index["tasks"] for u in t["units"] if u["name"] == "区建委")
    tasks = {t["iri"] for t in index["tasks"] if iri in {x["iri"] for x in t["units"] + t.get("entities", [])}}
    visit = Visit(browser, write_view(built, screenshots / "ego.html", "ego", lookup=("bureau", "建委"), depth=1).path)
    assert visit.errors == [] and visit.failed == []
    shown = set(visit.page.evaluate("window.kgNodes.map(n => n.iri)"))
    assert shown == tasks | {iri}
    visit.page.screenshot(path=str(screenshots / "ego.png"))
    visit.page.close()


def test_search_focuses_and_selects_a_bureau(browser, built, index, screenshots) -> None:
    """Typing 区建委 and Enter selects 区建委 and centres the view on it."""
    iri = next(u["iri"] for t in index["tasks"] for u in t["units"] if u["name"] == "区建委")
    visit = Visit(browser, write_view(built, screenshots / "search.html", "overview").path)
    visit.page.fill("#kg-search", "区建委")
    visit.page.press("#kg-search", "Enter")
    selected = visit.page.evaluate("window.kgNetwork.getSelectedNodes()")
    assert selected == [visit.node_id(iri)]
    centre = visit.page.evaluate("window.kgNetwork.getViewPosition()")
    position = visit.page.evaluate("id => window.kgNetwork.getPosition(id)", selected[0])
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1
    assert "区建委" in visit.page.inner_text("#kg-details")
    visit.page.close()


def test_type_filter_hides_the_tasks(browser, built, index, tmp_path) -> None:
    """Unticking the legend entries of one verdict hides exactly the tasks with that verdict."""
    visit = Visit(browser, write_view(built, tmp_path / "filter.html", "overview").path)
    visit.page.uncheck('#kg-legend input[data-filter="task:not_met"]')
    hidden = visit.page.evaluate("window.kgNodes.get({filter: n => n.hidden}).map(n => n.filter)")
    assert set(hidden) == {"task:not_met"}
    assert len(hidden) == sum(1 for t in index["tasks"] if t["status"] == "not_met")
    visit.page.close()


def test_tooltip_shows_report_text_as_text(browser, tmp_path) -> None:
    """Hovering a task whose text holds </script><script>… shows it literally; no script runs, no element is made."""
    body = (HEADER + "一、经济发展\n"
            f"1 完成投资{ALERT}300亿元。 区发改委 <b>完成</b>投资<img src=x onerror=alert(2)>。\n")
    build([write_report(tmp_path, body)], tmp_path / "build")
    visit = Visit(browser, write_view(tmp_path / "build", tmp_path / "ov.html", "overview").path)
    task = visit.page.evaluate("window.kgNodes.get({filter: n => n.filter.startsWith('task')})[0].id")
    visit.page.evaluate("id => window.kgNetwork.moveTo({position: window.kgNetwork.getPosition(id), scale: 2})", task)
    box = visit.page.locator("#kg-network canvas").bounding_box()
    visit.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = visit.page.locator(".vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert ALERT in tooltip.text_content()
    assert "<img src=x onerror=alert(2)>" in tooltip.text_content()
    assert "&lt;/script&gt;" in tooltip.inner_html()
    assert visit.page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert visit.dialogs == [] and visit.errors == []
    visit.page.screenshot(path=str(tmp_path / "tooltip.png"))
    print("tooltip screenshot:", tmp_path / "tooltip.png")
    visit.page.close()


def test_entities_and_verdicts_show_in_the_legend(browser, report, screenshots) -> None:
    """With entity and verdict triples (added by hand), the page loads cleanly and its legend lists them."""
    graph = report_graph(report)
    add_entities_and_verdicts(graph)
    path = screenshots / "overview-entities.html"
    path.write_text(render_page(network_from_rdf(graph), "overview")[0], encoding="utf-8")
    visit = Visit(browser, path)
    assert visit.errors == [] and visit.failed == []
    legend = visit.page.inner_text("#kg-legend")
    for entry in ("项目 project (1)", "地点 place (2)", "任务·已完成 task met (1)", "任务·部分完成 task partly met (1)"):
        assert entry in legend
    visit.page.screenshot(path=str(screenshots / "overview-entities.png"))
    visit.page.close()


def test_search_by_part_of_a_name_prefers_the_closest(browser, tmp_path) -> None:
    """城市管理 finds 区城市管理局 rather than 区城市管理局执法大队, though the longer name comes first."""
    body = HEADER + "一、城市管理\n1 整治市容。 区城市管理局执法大队 完成整治。\n2 清扫街道。 区城市管理局 完成清扫。\n"
    build([write_report(tmp_path, body)], tmp_path / "build")
    visit = Visit(browser, write_view(tmp_path / "build", tmp_path / "ov.html", "overview").path)
    visit.page.fill("#kg-search", "城市管理")
    visit.page.press("#kg-search", "Enter")
    selected = visit.page.evaluate("window.kgNetwork.getSelectedNodes()")
    labels = [visit.page.evaluate("id => window.kgNodes.get(id).label", n).split("\n")[0] for n in selected]
    assert labels == ["区城市管理局"]
    assert visit.page.inner_text("#kg-status") == "找到 found: 区城市管理局"
    visit.page.close()

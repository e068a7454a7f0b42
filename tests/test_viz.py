"""kg viz writes self-contained, escaped, deterministic HTML pages; bad options are clear errors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from kg import build
from kg.cli import cli
from kg.graph import report_graph
from kg.network import find_nodes, network_from_rdf
from kg.viz import VERDICTS, render_page, script_json, write_view
from tests.samples import HEADER, add_entities_and_verdicts, overview_iris, write_report

HOSTILE = (
    HEADER + "一、经济发展\n"
    "1 完成投资</script><script>alert(1)</script>300亿元。 区发改委、区财政局 <b>完成</b>投资&amp;310亿元。\n"
    "2 推进改革<img src=x onerror=alert(2)>。 区财政局 已完成<!--。\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A build of a small report whose text holds script and HTML tags."""
    folder = tmp_path_factory.mktemp("hostile")
    build([write_report(folder, HOSTILE)], folder / "build")
    return folder / "build"


class _Tags(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them (script content is not parsed as tags)."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1)
    return json.loads(block)


def test_script_json_escapes_what_could_end_a_script() -> None:
    """<, >, &, U+2028 and U+2029 become \\u escapes and the JSON still reads back the same."""
    value = {"t": "</script><!-- & \u2028\u2029"}
    text = script_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_report_text_cannot_break_out_of_the_data_block(hostile, tmp_path) -> None:
    """The page has exactly its own elements (three scripts, no img or b); the report's tags survive only as data."""
    page = write_view(hostile, tmp_path / "ov.html", "overview").path.read_text(encoding="utf-8")
    tags = _Tags(page).tags
    assert tags.count("script") == 3
    assert "img" not in tags and "b" not in tags
    tips = [line for node in _data(page)["nodes"] for line in node["tip"]]
    assert any("</script><script>alert(1)</script>" in line for line in tips)
    assert any("<img src=x onerror=alert(2)>" in line for line in tips)


@pytest.mark.parametrize("view", ["overview", "bureaus", "sections"])
def test_pages_reference_nothing_outside_themselves(built, tmp_path, view) -> None:
    """No src=, href= or url() that points anywhere but data: (vis-network and styles are in-line)."""
    page = write_view(built, tmp_path / f"{view}.html", view).path.read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe)\b", page)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert all(u.startswith(("data:", '"data:', "'data:")) for u in re.findall(r"url\(([^)]*)\)", page))


@pytest.mark.parametrize("view", ["overview", "bureaus", "sections"])
def test_same_build_same_bytes(built, tmp_path, view) -> None:
    """Writing a view twice gives byte-identical files (layout seeded, order sorted)."""
    first = write_view(built, tmp_path / "a.html", view).path.read_bytes()
    second = write_view(built, tmp_path / "b.html", view).path.read_bytes()
    assert first == second


def test_node_counts_follow_the_index(built, tmp_path) -> None:
    """Overview: every task, unit and entity; bureaus: every unit (counted from index.json and RDF types)."""
    index = json.loads((built / "index.json").read_text(encoding="utf-8"))
    units = {u["iri"] for t in index["tasks"] for u in t["units"]}
    overview = write_view(built, tmp_path / "o.html", "overview")
    bureaus = write_view(built, tmp_path / "b.html", "bureaus")
    assert overview.nodes == len(overview_iris(built))
    assert bureaus.nodes == len(units)
    assert len(_data(overview.path.read_text(encoding="utf-8"))["nodes"]) == overview.nodes


def test_bureau_labels_carry_english_where_known(built, tmp_path) -> None:
    """区建委's label is Chinese with its English name on a second line."""
    page = write_view(built, tmp_path / "b.html", "bureaus").path.read_text(encoding="utf-8")
    labels = {n["label"] for n in _data(page)["nodes"]}
    assert "区建委\nDistrict Construction Commission" in labels


def test_task_tooltip_has_number_requirement_units_verdict_and_outcome(built, tmp_path) -> None:
    """Task 13's tooltip names it, its requirement, its inherited unit (marked ↑) and the opening of its outcome."""
    page = write_view(built, tmp_path / "o.html", "overview").path.read_text(encoding="utf-8")
    task = next(n for n in _data(page)["nodes"] if n["iri"].endswith("/task/13"))
    assert task["tip"][0].startswith("任务 task 13")
    assert task["tip"][1] == "项目要求 requirement: 全年引进金融企业15家。"
    assert task["tip"][2].startswith("责任单位 units: 区金融工作局↑")
    assert task["tip"][3].startswith("完成情况 verdict: ")
    assert task["tip"][4].startswith("工作完成情况 outcome: 引进长江期货")


def test_cli_writes_the_ego_view_of_a_bureau(built, tmp_path) -> None:
    """kg viz --bureau 建委 means --view ego: 区建委 and the tasks it is responsible for or named in, at depth 1."""
    index = json.loads((built / "index.json").read_text(encoding="utf-8"))
    iri = next(u["iri"] for t in index["tasks"] for u in t["units"] if u["name"] == "区建委")
    tasks = [t for t in index["tasks"] if iri in {x["iri"] for x in t["units"] + t.get("entities", [])}]
    out = tmp_path / "jw.html"
    result = CliRunner().invoke(cli, ["viz", "--graph", str(built), "--bureau", "建委", "--depth", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}: ego view, {len(tasks) + 1} nodes, {len(tasks)} edges\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bureau", "教委"], "Error: no responsible unit is called '教委'. Did you mean:"),
        (["--view", "ego"], "Error: the ego view needs a centre"),
        (["--view", "bureaus", "--bureau", "建委"], "Error: --bureau chooses the centre of the ego view"),
        (["--place", "不存在之地"], "'不存在之地'"),
        (["--bureau", "建委", "--place", "武昌"], "Error: give one of --bureau"),
    ],
)
def test_cli_errors_are_clear_and_write_nothing(built, tmp_path, args, message) -> None:
    """Unknown names and options that do not go together exit 1 with a message and no file."""
    out = tmp_path / "x.html"
    result = CliRunner().invoke(cli, ["viz", "--graph", str(built), "-o", str(out), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert not out.exists()


def test_cli_without_a_build_says_how_to_make_one(tmp_path) -> None:
    """A missing build directory is an Error naming the fix."""
    result = CliRunner().invoke(cli, ["viz", "--graph", str(tmp_path / "none"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "run `kg build -o" in result.output


@pytest.fixture(scope="module")
def enriched(report):
    """The bundled report's network with hand-written entities and verdicts (issues 3 and 4)."""
    graph = report_graph(report)
    project, place, tasks = add_entities_and_verdicts(graph)
    return network_from_rdf(graph), str(project), str(place), tasks


def test_tasks_take_their_verdict_colour_and_legend_entry(enriched) -> None:
    """Task 16 (met) and 17 (partly met) get their verdict's filter and colour; 18 stays grey."""
    network, _, _, tasks = enriched
    data = _data(render_page(network, "overview")[0])
    by_iri = {n["iri"]: n for n in data["nodes"]}
    assert by_iri[str(tasks[16])]["filter"] == "task:met"
    assert by_iri[str(tasks[16])]["color"] == VERDICTS["met"][0]
    assert by_iri[str(tasks[17])]["filter"] == "task:partly_met"
    assert by_iri[str(tasks[17])]["tip"][3] == "完成情况 verdict: 部分完成 partly met"
    assert by_iri[str(tasks[18])]["filter"] == "task:-"
    legend = {e["filter"]: e["count"] for e in data["legend"]}
    assert legend["task:met"] == 1 and legend["task:partly_met"] == 1 and legend["project"] == 1


def test_entity_tooltip_lists_aliases_and_tasks(enriched) -> None:
    """The project's tooltip gives its type, its alias and the task that names it."""
    network, project, _, _ = enriched
    node = next(n for n in _data(render_page(network, "overview")[0])["nodes"] if n["iri"] == project)
    assert node["tip"] == ["武汉工程设计联盟大厦", "项目 project", "别名 aliases: 工程设计联盟大厦", "任务 tasks (1): 16"]
    assert node["shape"] == "star" and "工程设计联盟大厦" in node["names"]


def test_ego_of_a_place_by_alias(enriched) -> None:
    """--place 滨江商务区 centres the ego view on the place: depth 1 holds it, its tasks and the wider place."""
    network, _, place, _ = enriched
    centres = find_nodes(network, "place", "滨江商务区")
    page, graph = render_page(network, "ego", centres=centres, depth=1)
    assert centres == [place]
    assert len(_data(page)["nodes"]) == graph.number_of_nodes() == 4


def test_report_title_is_escaped_in_the_page_title(tmp_path) -> None:
    """A report named </title><script>… gives a page whose title and heading show it as text."""
    body = HEADER.replace("2018年区《政府工作报告》确定的主要任务完成情况 发布机构",
                          "2018年</title><script>alert(3)</script>任务完成情况 发布机构", 1)
    body += "一、经济发展\n1 完成投资。 区发改委 已完成。\n"
    build([write_report(tmp_path, body)], tmp_path / "build")
    page = write_view(tmp_path / "build", tmp_path / "ov.html", "overview").path.read_text(encoding="utf-8")
    assert _Tags(page).tags.count("script") == 3
    assert "&lt;/title&gt;&lt;script&gt;alert(3)" in page

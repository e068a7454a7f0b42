"""Entities: recognised by the grammar of names, resolved to one node, linked to tasks, found by any name."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg import load_report
from kg.cli import cli
from kg.entities import extract_entities, report_entities
from kg.iris import KGO

CONTAINED_IN = URIRef("https://schema.org/containedInPlace")
from kg.recognise import recognise

from .samples import HEADER, write_report


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in recognise(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("协调江城明远智能科技有限公司组织招聘会", ("江城明远智能科技有限公司", "company")),
    ("依托青山湾众创空间开展路演", ("青山湾众创空间", "project")),
    ("在望江东路沿线建设停车场", ("望江东路", "place")),
    ("会同市规划局对方案进行深化研究", ("市规划局", "agency")),
    ("组织南岭大学开展专场招聘", ("南岭大学", "organization")),
    ("编制《南岭区海绵城市建设三年行动方案》", ("南岭区海绵城市建设三年行动方案", "document")),
    ("启动“智慧南岭”建设", ("智慧南岭", "project")),
    ("实施“人才回归”计划,吸引人才", ("“人才回归”计划", "project")),
])
def test_names_never_seen_are_found_by_their_form(text, expected) -> None:
    """Names of every type are found by suffix, quotes and 《》, not from a list."""
    assert expected in names(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("推进南、北护城河整治", ["南护城河", "北护城河"]),
    ("保障地铁3号、6号线建设", ["地铁3号线", "地铁6号线"]),
    ("建成青山、红岭街两个站点", ["青山街", "红岭街"]),
])
def test_shortened_coordinations_are_expanded(text, expected) -> None:
    """东、西城壕 is two names; the shared head and suffix are put back."""
    assert [n for n, _ in names(text)] == expected


def test_whole_names_in_a_list_are_not_expanded() -> None:
    """A list of complete names stays as written."""
    assert [n for n, _ in names("南岭大学、南岭区人民政府、南岭大学校友会共同组建")] == [
        "南岭大学", "南岭区人民政府", "南岭大学校友会"]


@pytest.mark.parametrize("text", ["积极走访各街道和辖区重点企业", "指导相关部门开展工作", "全区13条街道全部完成"])
def test_generic_mentions_are_not_entities(text) -> None:
    """各街道, 相关部门, 13条街道 only describe; they name nothing."""
    assert names(text) == []


def test_extract_gives_offsets_and_canonical_names() -> None:
    """kg extract's records point into the text and name the fullest form of each entity."""
    text = "引进零壹财经金融信息服务(武汉)有限公司,委托零壹财经编写报告"
    found = extract_entities(text)
    full = next(f for f in found if f["type"] == "company")
    assert text[full["start"]:full["end"]] == full["name"] == "零壹财经金融信息服务(武汉)有限公司"
    assert set(found[0]) == {"name", "type", "start", "end", "canonical"}


TABLE = HEADER + (
    "一、发展经济\n"
    "1 引进企业3家。 区商务局 引进企业3家(江城甲乙科技有限公司、江城丙丁科技有限公司、江城甲乙科技有限公司)。\n"
    "2 支持江城船舶重工集团有限公司技术改造。 区经信局 江城船舶重工集团有限公司完成技改投资2亿元,"
    "新增企业3家(江城一科技有限公司、江城二科技有限公司、江城三科技有限公司)。\n"
    # 江船 alone: in 江船新厂区 the guidelines make the whole a project's name, and the tagger reads it so.
    "3 推进红岭街征收。 区征收办 江船投资的新厂区开工建设,红岭街瑞园社区、红岭街完成征收。\n"
)


@pytest.fixture()
def small(tmp_path):
    return load_report(write_report(tmp_path, TABLE))


def test_claimed_count_that_disagrees_with_the_list_is_a_finding(small) -> None:
    """3家 listing one company twice: the count check names the repeat; task 2's list of three is right."""
    findings = report_entities(small).findings
    assert [(f.task, f.claimed, f.distinct, f.repeated) for f in findings] == [(1, 3, 2, ("江城甲乙科技有限公司",))]


def test_a_company_abbreviation_resolves_to_its_full_name(small) -> None:
    """江船 (first characters of its first two words) is the same node as 江城船舶重工集团有限公司."""
    entities = report_entities(small)
    company = next(e for e in entities.entities if e.name == "江城船舶重工集团有限公司")
    assert "江船" in company.aliases
    assert company.tasks == [2, 3]


def test_a_place_written_inside_another_is_two_places_one_inside_the_other(small) -> None:
    """红岭街瑞园社区 is the community 瑞园社区 in the street 红岭街."""
    places = {e.name: e for e in report_entities(small).entities if e.type == "place"}
    assert places["瑞园社区"].inside == "红岭街"
    assert "红岭街瑞园社区" not in places


def test_a_place_named_after_another_lies_inside_it(tmp_path) -> None:
    """青山湾瑞园片 begins with 青山湾, a place the report also names alone, so it lies inside it."""
    text = HEADER + "一、城市建设\n1 推进征收。 区征收办 青山湾瑞园片完成征收,青山湾、红岭街完成整治。\n"
    places = {e.name: e for e in report_entities(load_report(write_report(tmp_path, text))).entities
              if e.type == "place"}
    assert places["青山湾瑞园片"].inside == "青山湾"


def test_mentions_point_at_the_text_as_published(report) -> None:
    """Every mention's offsets cut its written form out of the original file."""
    entities = report_entities(report)
    mentions = [m for e in entities.entities for m in e.mentions]
    assert len(mentions) > 300
    for m in mentions:
        assert report.text[m.span.start:m.span.end].replace("?", "·") == m.text.replace("?", "·")


def test_bundled_task_6_lists_one_company_twice(report) -> None:
    """Task 6 claims 13 new high-tech companies; the list repeats 武汉爱信热能系统有限公司."""
    findings = [f for f in report_entities(report).findings if f.task == 6]
    assert any("武汉爱信热能系统有限公司" in f.repeated and f.claimed == 13 for f in findings)


def test_units_in_texts_are_the_same_nodes_as_responsible_units(built) -> None:
    """A bureau named in a completion text links to the responsible unit's node, not a copy."""
    from kg import sparql

    rows = list(sparql(built, """
        PREFIX kgo: <https://w3id.org/kg-cn/ontology#>
        SELECT DISTINCT ?b WHERE { ?t kgo:mentions ?b . ?x kgo:responsibleUnit ?b }"""))
    assert len(rows) >= 30


def test_graph_has_mentions_with_offsets(built) -> None:
    """kgo:Mention nodes carry the task, the entity, the written form and an oa selector."""
    from kg.store import load_dataset

    graph = load_dataset(built)
    mention = next(graph.subjects(RDF.type, KGO.Mention))
    assert graph.value(mention, KGO.inTask) is not None
    entity = graph.value(mention, KGO.mentionOf)
    assert (entity, RDF.type, KGO.Entity) in graph
    assert graph.value(entity, SKOS.prefLabel) is not None
    assert graph.value(graph.value(mention, KGO.source), URIRef("http://www.w3.org/ns/oa#start")) is not None


def test_place_containment_is_linked_in_the_graph(tmp_path) -> None:
    """A place inside another is linked with schema:containedInPlace."""
    from kg import build
    from kg.store import load_dataset

    build([write_report(tmp_path, TABLE)], tmp_path / "out")
    graph = load_dataset(tmp_path / "out")
    inner = next(graph.subjects(SKOS.prefLabel, Literal("瑞园社区", lang="zh")))
    outer = graph.value(inner, CONTAINED_IN)
    assert graph.value(outer, SKOS.prefLabel) == Literal("红岭街", lang="zh")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(("option", "name", "task"), [
    ("--place", "中北路", 12),
    ("--entity", "武船", 54),
    ("--company", "湖北纳杰人力资源有限公司", 5),
    ("--project", "华中金融城", 32),
])
def test_tasks_by_project_place_company_or_entity(runner, built, option, name, task) -> None:
    """kg tasks --place/--project/--company/--entity finds the tasks whose text names it."""
    result = runner.invoke(cli, ["tasks", "--graph", str(built), option, name, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert task in [t["number"] for t in json.loads(result.output)]


def test_unknown_entity_is_an_error_with_suggestions(runner, built) -> None:
    """A name that matches nothing says so and suggests close names, exit 1."""
    result = runner.invoke(cli, ["tasks", "--graph", str(built), "--place", "火星基地"])
    assert result.exit_code == 1
    assert "Error: no place is called '火星基地'" in result.output


def test_task_json_has_entities_with_mentions(runner, built) -> None:
    """Each task record's entities: name, type, iri and mentions with offsets."""
    result = runner.invoke(cli, ["tasks", "--graph", str(built), "--format", "json"])
    task = next(t for t in json.loads(result.output) if t["number"] == 6)
    companies = [e for e in task["entities"] if e["type"] == "company"]
    assert {"name", "type", "iri", "mentions"} <= set(companies[0])
    twice = next(e for e in companies if e["name"] == "武汉爱信热能系统有限公司")
    assert len(twice["mentions"]) == 2


def test_entities_command_lists_aliases_and_tasks(runner, built) -> None:
    """kg entities --type company --format json lists each company with the tasks naming it."""
    result = runner.invoke(cli, ["entities", "--graph", str(built), "--type", "company", "--format", "json"])
    rows = json.loads(result.output)
    ship = next(r for r in rows if r["name"] == "武昌船舶重工集团有限公司")
    assert "武船" in ship["aliases"] and ship["tasks"] == [39, 54]


def test_extract_reads_standard_input(runner) -> None:
    """kg extract - prints the JSON records of the recogniser."""
    result = runner.invoke(cli, ["extract", "-"], input="在中北路建设华中新金融产业园".encode())
    assert result.exit_code == 0
    assert [(r["name"], r["type"]) for r in json.loads(result.output)] == [
        ("中北路", "place"), ("华中新金融产业园", "project")]


def test_a_closed_list_before_its_count_is_checked(tmp_path) -> None:
    """「A、B和C4家」 lists three names for a count of four: a finding; with 等 it is no count of the names."""
    text = HEADER + (
        "一、发展经济\n"
        "1 引进企业。 区商务局 引进江城甲科技有限公司、江城乙科技有限公司和江城丙科技有限公司4家企业。\n"
        "2 引进企业。 区商务局 引进江城丁科技有限公司、江城戊科技有限公司等企业6家。\n"
    )
    findings = report_entities(load_report(write_report(tmp_path, text))).findings
    assert [(f.task, f.claimed, f.distinct) for f in findings] == [(1, 4, 3)]


def test_a_declared_short_form_is_an_alias_found_again() -> None:
    """(以下简称“天瑞环境”) makes the short form the same entity, and later uses of it are found."""
    text = "汉江天瑞环境科技股份有限公司(以下简称“天瑞环境”)首发申请通过,天瑞环境成为首家上市企业"
    found = extract_entities(text)
    assert [(f["name"], f["canonical"]) for f in found] == [
        ("汉江天瑞环境科技股份有限公司", "汉江天瑞环境科技股份有限公司"),
        ("天瑞环境", "汉江天瑞环境科技股份有限公司"),
        ("天瑞环境", "汉江天瑞环境科技股份有限公司"),
    ]


def test_a_unit_and_its_bracketed_alias_are_two_mentions_with_their_own_offsets(report) -> None:
    """区政法委(区维稳办): the body is mentioned twice in the unit cell, once per name, never twice at one span."""
    entities = report_entities(report)
    body = next(e for e in entities.entities if e.name == "区政法委")
    cell = [m for m in body.mentions if m.field == "units" and m.task == 64]
    assert sorted(report.text[m.span.start:m.span.end] for m in cell) == ["区政法委", "区维稳办"]
    spans = [(m.task, m.span) for e in entities.entities for m in e.mentions]
    assert len(spans) == len(set(spans))


@pytest.mark.parametrize(("text", "short"), [
    ("引进澜江九派新材料股份有限公司,九派新材料年内投产", "九派新材料"),
    ("支持江苏澄辉电路科技有限公司扩产,澄辉电路新建智能工厂", "澄辉电路"),
    ("岭南云峰食品有限公司落户;云峰食品完成设备安装", "云峰食品"),
    ("澜川县宏远建材有限责任公司技改,宏远建材新增产值", "宏远建材"),
    ("陕西沣岭文化旅游集团有限公司成立;沣岭文旅完成古镇改造", "沣岭文旅"),
])
def test_a_firm_written_by_its_brand_and_trade_is_its_full_name(text, short) -> None:
    """Once named in full, a firm is written without its region, legal form and 科技: one entity, found again."""
    found = [(f["name"], f["canonical"]) for f in extract_entities(text) if f["type"] == "company"]
    full = found[0][1]
    assert (short, full) in found and full.endswith("公司")


def test_a_trade_word_alone_is_no_short_name() -> None:
    """新材料 and 数字科技 are what many firms make, not a firm's name: no short form starts with them."""
    from kg.entities import _brand_and_trade

    forms = _brand_and_trade("湖南潇楚数字科技有限公司") | _brand_and_trade("澜江新材料科技有限公司")
    assert forms and not any(f.startswith(("数字", "新材料")) for f in forms)


@pytest.mark.parametrize(("name", "kind"), [
    ("县人民医院", "organization"), ("区实验小学", "organization"), ("县电子商务协会", "organization"),
    ("区教育局", "agency"), ("区政府", "agency"), ("区文旅公司", "company"),
])
def test_a_responsible_unit_is_typed_by_its_suffix(name, kind) -> None:
    """Hospitals, schools and associations are often responsible units; they are institutions, not bureaus."""
    from kg.entities import unit_type

    assert unit_type(name) == kind

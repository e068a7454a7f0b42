"""The query library: every query answers its question on the bundled report.

Expected answers come from the hand annotation of the report
(tests/data/wuchang_2016_truth.json) or from the task texts, never from what
the query returns.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

import pytest
from rdflib import URIRef

from kg.engine import run_query
from kg.library import library


def _name(unit: str) -> str:
    """A unit cell as the graph names its body: 区政法委(区维稳办) → 区政法委."""
    return re.sub(r"[((].*[))]$", "", unit)


def rows(built, query_name: str, **params) -> list[dict[str, str]]:
    """The query's rows as plain strings."""
    result = run_query(query_name, params, graph=built)
    return [{str(v): ("" if row[v] is None else str(row[v])) for v in result.vars} for row in result]


@pytest.fixture(scope="module")
def texts(report) -> dict[int, str]:
    """Each task's row as the report writes it: requirement, unit cell and outcome."""
    return {t.number: report.text[t.span.start:t.span.end] for t in report.tasks}


def test_every_query_says_its_question_in_both_languages() -> None:
    """Each .rq starts with its question in Chinese and English."""
    queries = library()
    assert len(queries) >= 8
    for query in queries:
        assert re.search(r"[\u4e00-\u9fff]", query.question_zh), query.name
        assert re.search(r"[A-Za-z]{3}", query.question_en), query.name


@pytest.mark.parametrize("bureau", ["区建委", "建委"])
def test_tasks_of_a_bureau(built, truth, bureau) -> None:
    """tasks-of-bureau gives the tasks whose unit cell names the bureau, inherited ones included."""
    expected = sorted(t["number"] for t in truth["tasks"] if any(bureau in u for u in t["units"]))
    found = rows(built, "tasks-of-bureau", bureau=bureau)
    assert sorted(int(r["number"]) for r in found) == expected
    inherited = {int(r["number"]) for r in found if r["inherited"] == "true"}
    assert inherited == {t["number"] for t in truth["tasks"] if t["inherited"] and t["number"] in expected}


def test_tasks_of_a_bureau_by_its_bracketed_alias(built) -> None:
    """区维稳办, written only inside 区政法委(区维稳办), is one of that body's names."""
    assert [(r["number"], r["unitName"]) for r in rows(built, "tasks-of-bureau", bureau="维稳办")] == [("64", "区政法委")]


def test_bureaus_ranked_by_tasks(built, truth) -> None:
    """bureaus-by-task-count counts every task a bureau's name stands in, most first."""
    expected = Counter(_name(u) for t in truth["tasks"] for u in t["units"])
    found = rows(built, "bureaus-by-task-count")
    assert {r["unitName"]: int(r["tasks"]) for r in found} == expected
    counts = [int(r["tasks"]) for r in found]
    assert counts == sorted(counts, reverse=True)


def test_co_responsible_pairs(built, truth) -> None:
    """co-responsible-bureaus gives each pair of bureaus sharing tasks, with how many."""
    expected = Counter(
        tuple(sorted(pair)) for t in truth["tasks"] for pair in combinations({_name(u) for u in t["units"]}, 2)
    )
    found = rows(built, "co-responsible-bureaus")
    assert {(r["firstName"], r["secondName"]): int(r["tasks"]) for r in found} == expected
    assert found[0]["tasks"] == str(max(expected.values()))


def test_inherited_units(built, truth) -> None:
    """inherited-units names the tasks under a merged unit cell and the task that cell started at."""
    tasks = truth["tasks"]
    expected = {}
    for task in tasks:
        if task["inherited"]:
            start = max(t["number"] for t in tasks if t["number"] < task["number"] and not t["inherited"])
            expected.update({(task["number"], _name(u)): start for u in task["units"]})
    found = rows(built, "inherited-units")
    assert {(int(r["number"]), r["unitName"]): int(r["fromNumber"]) for r in found} == expected


def test_section_tree(built, truth) -> None:
    """section-tree counts the tasks of each section and each subsection, in the report's order."""
    sections = Counter(t["section"] for t in truth["tasks"])
    subsections = Counter((t["section"], t["subsection"]) for t in truth["tasks"] if t["subsection"])
    found = rows(built, "section-tree")
    assert {r["sectionName"]: int(r["tasks"]) for r in found if not r["subsection"]} == sections
    got = {(r["sectionName"], r["subsectionName"]): int(r["tasks"]) for r in found if r["subsection"]}
    assert got == subsections
    order = [r["sectionName"] for r in found if not r["subsection"]]
    assert order == list(dict.fromkeys(t["section"] for t in truth["tasks"]))


def test_tasks_involving_a_place(built, texts) -> None:
    """tasks-involving-entity finds every task whose text names 昙华林."""
    found = rows(built, "tasks-involving-entity", name="昙华林")
    assert {int(r["number"]) for r in found} == {n for n, text in texts.items() if "昙华林" in text}


def names_of(built, entity_name: str) -> set[str]:
    """The labels the entity query gives for the entity called ``entity_name``."""
    return {r["value"] for r in rows(built, "entity", name=entity_name)
            if r["direction"] == "out" and r["property"].endswith(("prefLabel", "altLabel"))}


def test_tasks_involving_a_company_only_lists_companies(built, texts) -> None:
    """With type=company: every row writing 有限公司 is found, and each task found writes one of the company's names."""
    found = rows(built, "tasks-involving-entity", name="有限公司", type="company")
    assert {n for n, text in texts.items() if "有限公司" in text} <= {int(r["number"]) for r in found}
    for row in found:
        assert any(name in texts[int(row["number"])] for name in names_of(built, row["entityName"])), row
    assert not rows(built, "tasks-involving-entity", name="有限公司", type="place")


def test_most_mentioned_entities(built, texts) -> None:
    """top-entities ranks by tasks; the first is mentioned in every row writing its name, none is in more rows than write it."""
    found = rows(built, "top-entities")
    counts = [int(r["tasks"]) for r in found]
    assert counts == sorted(counts, reverse=True)
    first = found[0]["entityName"]
    assert counts[0] == sum(1 for text in texts.values() if first in text)
    for row in found[:5]:
        names = names_of(built, row["entityName"])
        assert 1 <= int(row["tasks"]) <= sum(1 for text in texts.values() if any(n in text for n in names))


def test_everything_about_an_entity(built, texts) -> None:
    """entity gives 昙华林's type and labels and the tasks that mention it, all in tasks that write it."""
    found = rows(built, "entity", name="昙华林")
    assert ("out", "https://w3id.org/kg-cn/ontology#Place") in {(r["direction"], r["value"]) for r in found}
    mentioning = {r["value"] for r in found if r["direction"] == "in" and r["property"].endswith("#mentions")}
    assert mentioning
    numbers = {int(iri.rsplit("/", 1)[1]) for iri in mentioning}
    assert numbers <= {n for n, text in texts.items() if "昙华林" in text}


MENTIONS = """
@prefix kgo: <https://w3id.org/kg-cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://example.org/> .

:r dcterms:identifier "r" .
:t1 a kgo:Task ; kgo:taskNumber 1 ; kgo:requirement "推进甲湖公园建设。"@zh ; dcterms:isPartOf :r ;
    kgo:mentions :lake , :park .
:t2 a kgo:Task ; kgo:taskNumber 2 ; kgo:requirement "整治甲湖水质,引进乙科技有限公司。"@zh ; dcterms:isPartOf :r ;
    kgo:mentions :lake , :firm .
:lake a kgo:Entity , kgo:Place ; skos:prefLabel "甲湖"@zh ; rdfs:label "甲湖"@zh .
:park a kgo:Entity , kgo:Project ; skos:prefLabel "甲湖公园"@zh ; rdfs:label "甲湖公园"@zh .
:firm a kgo:Entity , kgo:Company ; skos:prefLabel "乙科技有限公司"@zh ; skos:altLabel "乙科技"@zh .
:m1 a kgo:Mention ; kgo:mentionOf :lake ; kgo:inTask :t1 ; kgo:writtenAs "甲湖"@zh .
"""


def _run_on(dataset, query_name: str, **params) -> list[tuple[str, ...]]:
    from kg.engine import run_local
    from kg.library import bindings_for, find_query

    query = find_query(query_name)
    result = run_local(dataset, query.text, bindings_for(query, params), query_name)
    return [tuple("" if row[v] is None else str(row[v]) for v in result.vars) for row in result]


@pytest.fixture(scope="module")
def mentions():
    """A two-task graph in the entity vocabulary, so the entity queries are checked before entities are built."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.graph(URIRef("https://example.org/g")).parse(data=MENTIONS, format="turtle")
    return dataset


def test_entity_queries_follow_the_entity_vocabulary(mentions) -> None:
    """On a graph written in the entity vocabulary each entity query gives its answer."""
    involving = _run_on(mentions, "tasks-involving-entity", name="甲湖")
    assert {(r[1], r[4]) for r in involving} == {("1", "甲湖"), ("1", "甲湖公园"), ("2", "甲湖")}
    assert {r[1] for r in _run_on(mentions, "tasks-involving-entity", name="甲湖", type="project")} == {"1"}
    assert [r[1] for r in _run_on(mentions, "tasks-involving-entity", name="乙科技", type="company")] == ["2"]
    assert _run_on(mentions, "top-entities")[0][1:] == ("甲湖", "2")
    about = _run_on(mentions, "entity", name="乙科技")
    assert ("https://example.org/firm", "in", "https://w3id.org/kg-cn/ontology#mentions", "https://example.org/t2") in about
    assert ("https://example.org/firm", "out", "http://www.w3.org/2004/02/skos/core#prefLabel", "乙科技有限公司") in about

"""The learned tagger (kg.tagger): shipped, used by the recogniser, deterministic, and safe without its file."""

from __future__ import annotations

import fnmatch
import logging
import sys

from pathlib import Path

import pytest

from kg import tagger
from kg.errors import ModelError, ReportError
from kg.lexicon import resource_path
from kg.recognise import _tokens, recognise

ROOT = Path(__file__).resolve().parent.parent
tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in recognise(text)]


def test_the_model_ships_as_package_data_and_loads() -> None:
    """data/entity_model.crfsuite is matched by kg._data's package data (so wheels carry it) and loads."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert any(fnmatch.fnmatch(tagger.MODEL, glob) for glob in globs["kg._data"])
    assert resource_path("data", tagger.MODEL).read_bytes()[:4] == b"lCRF"  # crfsuite's magic
    assert tagger._shipped() is not None


def test_a_name_the_rules_miss_is_found_by_the_tagger() -> None:
    """青澜大道北延段 (invented) ends in no suffix the rules know; the tagger reads it as works on a road."""
    text = "建成青澜大道北延段"
    with tagger.using(None):
        assert names(text) == []
    assert names(text) == [("青澜大道北延段", "project")]


@pytest.mark.parametrize(("text", "expected"), [
    ("引进澜川汇智精密制造有限公司", ("澜川汇智精密制造有限公司", "company")),
    ("启动鹭溪河流域综合治理工程", ("鹭溪河流域综合治理工程", "project")),
    ("推进柯桥镇栖霞村美丽乡村示范点建设", ("栖霞村", "place")),
])
def test_invented_names_of_the_learned_types_are_found_whole(text, expected) -> None:
    """Names never seen in any annotated report, of the shapes the tagger learned, come out whole."""
    assert expected in names(text)


def test_the_rules_keep_what_a_tagger_of_characters_cannot_draw() -> None:
    """Completed coordinations and documents still come from the rules."""
    found = names("推进东、西城壕改造,落实《澄澜县河道管理办法》")
    assert ("东城壕", "place") in found and ("西城壕", "place") in found
    assert ("澄澜县河道管理办法", "document") in found


def test_agencies_are_left_to_the_rules() -> None:
    """Only the learned types are redrawn: an agency found by the rules is the rules' answer."""
    text = "区发改局牵头推进澄澜县白沙河湿地公园建设"
    with tagger.using(None):
        rules = [(m.name, m.type) for m in recognise(text) if m.type == "agency"]
    assert rules and [n for n in names(text) if n[1] == "agency"] == rules


def test_recognition_is_the_same_every_time() -> None:
    """Same text, same model: same mentions, offsets included."""
    text = "建成青澜大道北延段,引进澜川汇智精密制造有限公司,新建澄澜县白沙河湿地公园"
    first = recognise(text, 100)
    assert all(recognise(text, 100) == first for _ in range(3))


def test_features_are_a_short_list_of_strings_per_character() -> None:
    """Lean features: one short list of strings for each character."""
    text = "推进鹭溪河流域综合治理工程"
    rows = tagger.features(text, _tokens(text))
    assert len(rows) == len(text)
    assert all(5 <= len(row) <= 10 and all(isinstance(f, str) for f in row) for row in rows)
    assert "c鹭" in rows[2] and "sproject" in rows[-1]  # the character; 工程 ends a project's name


@pytest.mark.parametrize("spans", [
    [(0, 3, "place"), (3, 4, "place"), (6, 9, "project")],
    [(0, 1, "company")],
    [],
])
def test_labels_and_spans_are_inverse(spans) -> None:
    """BIOES labels of spans give the spans back, two names side by side included."""
    assert tagger.spans_of(tagger.labels_of(spans, 10)) == spans


def test_a_label_without_its_beginning_still_makes_a_name() -> None:
    """The tagger may emit I/E with no B: the run still counts, and a change of type ends it."""
    labels = ["I-place", "E-place", "O", "E-project", "B-place", "I-project"]
    assert tagger.spans_of(labels) == [(0, 2, "place"), (3, 4, "project"), (4, 5, "place"), (5, 6, "project")]


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("针对食品经营户证照过期", "针对食品经营户证照过期", True),
    ("巡司河箱涵因平湖门水厂停产", "巡司河箱涵因平湖门水厂", True),
    ("区城管委对渣土车进行整治", "区城管委对渣土车", True),
    ("完成的综合管廊工程", "完成的综合管廊工程", True),
    ("中国科学院宁州材料技术与工程研究所", "中国科学院宁州材料技术与工程研究所", False),
    ("美的集团和饿了么", "美的集团", False),
    ("将军关村", "将军关村", False),
    ("抚阳老机车库列入辽宁省第二批工业遗产名录", "抚阳老机车库列入辽宁省第二批工业遗产名录", True),
    ("推行拿地即开工", "拿地即开工", False),
])
def test_a_span_holding_a_clause_word_is_not_a_name(text, span, expected) -> None:
    """的, 了, clause-opening prepositions (对, 针对) and deeds (列入) do not stand inside names; 与 joins parts of
    one, and some works are named by what is done (拿地即开工)."""
    start = text.index(span)
    assert tagger._spans_a_clause(_tokens(text), start, start + len(span)) is expected


@pytest.mark.parametrize(("span", "expected"), [
    ("90%。澜溪路中学二期", False),
    ("VV+车联网众创空间(澜溪大学", False),
    ("青枫社区、创业黑马(汉江)加速器", False),
    ("创业黑马(汉江)加速器", True),
    ("“城市合伙人”产业承载平台", True),
])
def test_a_span_over_a_stop_or_an_open_bracket_is_not_a_name(span, expected) -> None:
    """The labels can run over a sentence's end or into a bracket; names have neither."""
    assert tagger._unbroken(span) is expected


def test_without_the_model_file_the_rules_work_alone(monkeypatch, tmp_path, caplog) -> None:
    """A missing model file is not an error: the recogniser warns once and uses the rules alone."""
    text = "建成青澜大道北延段,新建澄澜县白沙河湿地公园"
    with tagger.using(None):
        rules = recognise(text)
    monkeypatch.setattr(tagger, "resource_path", lambda folder, name="": tmp_path / name)
    tagger._shipped.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="kg.tagger"):
            assert recognise(text) == rules
            assert recognise(text) == rules
        warnings = [r for r in caplog.records if "no entity model" in r.getMessage()]
        assert len(warnings) == 1 and "train_entities.py" in warnings[0].getMessage()
    finally:
        tagger._shipped.cache_clear()


def test_a_file_that_is_not_a_model_raises_a_clear_error(tmp_path) -> None:
    """A corrupt model names the file and the fix, as a ReportError the CLI reports."""
    broken = tmp_path / "entity_model.crfsuite"
    broken.write_bytes(b"not a model" * 20)
    with pytest.raises(ModelError, match="entity_model.crfsuite: not a crfsuite model.*train_entities.py") as error:
        with tagger.using(broken):
            pass
    assert isinstance(error.value, ReportError)


def test_a_missing_model_given_for_evaluation_is_an_error(tmp_path) -> None:
    """Asking for a model file that is not there is a mistake, not a fallback."""
    with pytest.raises(ModelError, match="no such model file"):
        with tagger.using(tmp_path / "absent.crfsuite"):
            pass


def test_training_twice_on_the_same_data_gives_the_same_file(tmp_path) -> None:
    """eval/train_entities.py is deterministic: same examples, same options, byte-identical model."""
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        from train_entities import train
    finally:
        sys.path.remove(str(ROOT / "eval"))
    texts = {"建成青澜大道北延段": [(2, 9, "project")], "引进澜川汇智精密制造有限公司": [(2, 14, "company")]}
    data = [(tagger.features(t, _tokens(t)), tagger.labels_of(s, len(t))) for t, s in texts.items()]
    for name in ("a", "b"):
        train(data, tmp_path / f"{name}.crfsuite", 0.01, 0.01, 50)
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    with tagger.using(tmp_path / "a.crfsuite"):
        assert ("青澜大道北延段", "project") in names("建成青澜大道北延段")

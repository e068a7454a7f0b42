"""eval/entity_score.py's sets: the blind training reports are a set of their own, never held out."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _eval_script(name: str):
    """The module of eval/<name>.py (eval/ is not a package: its folder is on the path only while importing)."""
    import importlib

    sys.path.insert(0, str(ROOT / "eval"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "eval"))


@pytest.fixture(scope="module")
def scorer():
    return _eval_script("entity_score")


@pytest.mark.parametrize(("stem", "expected"), [
    ("u3_tingyang_2019", "train"), ("u21_shatian_town_2021", "train"),
    ("t1_binggu_2017", "fresh"), ("e3_liuxi_2021", "test"), ("a_heting_qu_2020", "test"),
])
def test_each_report_outside_dev_and_validation_belongs_to_one_set(scorer, stem, expected) -> None:
    """extra/u* train the tagger; the fresh reports and the other held-out ones are never trained on."""
    assert scorer._held_out_set(stem) == expected


def test_the_train_set_holds_only_the_blind_training_reports(scorer) -> None:
    """Reading the train set opens u* gold files only, each with its report text."""
    train = scorer.gold_sets(("train",))["train"]
    assert train and all(stem.startswith("u") for stem in train)
    assert all(scorer.source(stem).is_file() for stem in train)


@pytest.fixture(scope="module")
def agreement():
    return _eval_script("agreement")


def test_an_annotation_agrees_wholly_with_itself(agreement, monkeypatch) -> None:
    """Scored against its own first annotation, a second annotation has no false positive or negative."""
    monkeypatch.setattr(agreement, "SECOND", agreement.GOLD)
    counts = agreement.agreement(exact=True, stems=["u5_talek_2020", "u40_gudong_street_2022"])
    total = sum(counts.values(), Counter())
    assert total["tp"] > 50 and total["fp"] == total["fn"] == 0


def test_a_type_matches_when_either_annotator_allowed_it(agreement) -> None:
    """A second annotator's place with alt project agrees with a first annotator's project, not with a company."""
    second = {"name": "龙湖公园", "type": "place", "alt_type": "project"}
    assert agreement._same(second, {"name": "龙湖公园", "type": "project"}, exact=True)
    assert not agreement._same(second, {"name": "龙湖公园", "type": "company"}, exact=True)
    assert agreement._same({"name": "龙湖公园二期", "type": "project"}, {"name": "龙湖公园", "type": "project"}, exact=False)
    assert not agreement._same({"name": "龙湖公园二期", "type": "project"}, {"name": "龙湖公园", "type": "project"}, exact=True)


@pytest.fixture(scope="module")
def trainer():
    return _eval_script("train_entities")


@pytest.mark.parametrize(("stem", "batch"), [
    ("wuchang-2016", "first"), ("01_linjiang_district_2018", "first"), ("e2_luzhou_2020", "first"),
    ("e5_jinquan_2019", "e5-e17"), ("e17_yuchuan_2019", "e5-e17"), ("u22_chengchuan_2019", "u1-u22"),
    ("u23_rongling_2017", "u23-u42"), ("u43_huajiang_2019", "u43-u62"), ("u63_chujiang_2016", "u63-u77"),
    ("u97_xinggang_2015", "u78-u97"), ("u117_yiwen_2024", "u98-u117"), ("u118_tengxi_2017", "u118-u147"),
    ("u147_yeling_2019", "u118-u147"), ("u148_xiyi_2018", "u148-u177"), ("u177_jinmin_newarea_2018", "u148-u177"),
])
def test_each_training_report_belongs_to_the_batch_it_was_written_in(trainer, stem, batch) -> None:
    assert trainer.batch_of(stem) == batch


def test_folds_of_batches_hold_every_training_report_once(trainer, scorer) -> None:
    """--cv --by batch: one fold per batch, none empty, every report of dev, validation and train in one."""
    stems = [stem for reports in scorer.gold_sets(("dev", "validation", "train")).values() for stem in reports]
    per_batch = Counter(trainer.batch_of(stem) for stem in stems)
    assert set(per_batch) == set(trainer.BATCHES) and sum(per_batch.values()) == len(stems)
    assert min(per_batch.values()) >= 5


def test_a_repeated_batch_is_given_to_training_that_many_times(trainer) -> None:
    assert trainer.repeated("wuchang-2016", {"first": 5}) == 5
    assert trainer.repeated("u5_talek_2020", {"first": 5}) == 1


@pytest.mark.parametrize(("repeat", "said"), [("lots=3", "--repeat: no batch lots"), ("first=x", "K a whole number"),
                                              ("first", "K a whole number"), ("first=0", "K a whole number")])
def test_a_wrong_batch_to_repeat_is_a_clear_error(trainer, monkeypatch, capsys, repeat, said) -> None:
    _fails_clearly(trainer, monkeypatch, capsys, ["--repeat", repeat], said)


@pytest.mark.parametrize("by", ["reports", "report:nosuch", "report:t1_binggu_2017"])
def test_folds_of_an_unknown_kind_or_a_report_not_trained_on_are_a_clear_error(trainer, monkeypatch, capsys,
                                                                                by) -> None:
    """A fresh or test report cannot be held out: those sets are never read by training."""
    _fails_clearly(trainer, monkeypatch, capsys, ["--by", by], "write report, batch or report:STEM")


def _fails_clearly(trainer, monkeypatch, capsys, options: list[str], said: str) -> None:
    monkeypatch.setattr(sys, "argv", ["train_entities.py", "--cv", *options])
    with pytest.raises(SystemExit) as stop:
        trainer.main()
    assert stop.value.code == 2
    assert said in capsys.readouterr().err


def test_a_report_held_out_by_batch_is_also_scored_with_its_batch(trainer) -> None:
    assert trainer._groups_of("train", "u63_chujiang_2016", "batch") == ("train", "all", "u63-u77")
    assert trainer._groups_of("dev", "wuchang-2016", "report") == ("dev+validation", "all")


def test_the_per_batch_table_gives_each_batch_its_own_f1(trainer) -> None:
    """One batch perfect and one wholly missed show as 1.000 and 0.000 side by side, with their gold counts."""
    def counts(tp, fn):
        return {t: Counter() for t in trainer.TYPES} | {"place": Counter(tp=tp, fn=fn)}
    rows = {"good": {"redraw": (counts(4, 0), counts(4, 0))}, "bad": {"redraw": (counts(0, 3), counts(0, 3))}}
    table = trainer._per_batch_table(rows, "redraw")
    assert "| place | 1.000 (4) | 0.000 (3) |" in table
    assert "| all | 1.000 (4) | 0.000 (3) |" in table

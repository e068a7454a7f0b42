"""kg.segment cuts text exactly as jieba does, with jieba's tags, from a dictionary compiled once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import kg.segment
from kg.segment import segmenter

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("data/*.txt"), *ROOT.glob("tests/data/*/*.txt"), *ROOT.glob("eval/entities/extra/*.txt")])


@pytest.fixture(scope="module")
def jieba_itself():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba, jieba.posseg.dt.word_tag_tab


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_words_and_tags_are_jiebas(path, jieba_itself) -> None:
    jieba, tags = jieba_itself
    text = path.read_bytes().decode("utf-8", errors="replace")
    words = segmenter().cut(text)
    assert words == list(jieba.cut(text))
    assert [segmenter().tag(w) for w in words] == [tags.get(w, "?") for w in words]


def test_the_compiled_dictionary_is_kept_and_reused(tmp_path, monkeypatch) -> None:
    """The first use compiles the trie into the cache; the next process maps it instead of compiling."""
    monkeypatch.setenv("KG_CACHE", str(tmp_path))
    segmenter.cache_clear()
    try:
        first = segmenter().cut("武昌区建委推进中北路改造")
        assert len(list(tmp_path.glob("jieba-*.marisa"))) == 1
        segmenter.cache_clear()
        monkeypatch.setattr(kg.segment, "_compile", lambda data: pytest.fail("compiled again"))
        assert segmenter().cut("武昌区建委推进中北路改造") == first
    finally:
        segmenter.cache_clear()


def test_an_unwritable_cache_still_segments(tmp_path, monkeypatch, jieba_itself) -> None:
    """A cache directory that cannot be made costs the compiling, not the words."""
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("KG_CACHE", str(blocked / "kg"))
    segmenter.cache_clear()
    try:
        assert segmenter().cut("推进中北路改造工程") == list(jieba_itself[0].cut("推进中北路改造工程"))
        assert not (blocked / "kg").exists()
    finally:
        segmenter.cache_clear()


def test_a_damaged_cache_is_compiled_again(tmp_path, monkeypatch) -> None:
    """Frequencies and tags cut short (a full disk, a killed process) are compiled again, not read as they are."""
    monkeypatch.setenv("KG_CACHE", str(tmp_path))
    segmenter.cache_clear()
    try:
        first = segmenter().cut("武昌区建委推进中北路改造")
        values = next(tmp_path.glob("jieba-*.values"))
        whole = values.stat().st_size
        values.write_bytes(values.read_bytes()[:1000])
        segmenter.cache_clear()
        assert segmenter().cut("武昌区建委推进中北路改造") == first
        assert values.stat().st_size == whole
    finally:
        segmenter.cache_clear()

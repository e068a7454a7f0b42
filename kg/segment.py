"""Word segmentation: jieba's algorithm over jieba's dictionary, ready in milliseconds.

jieba reads its 349,046-word dictionary into a Python dict on first use (0.6 s
from its marshal cache), and ``jieba.posseg`` reads the same file again for the
part-of-speech tags (0.6 s more): every kg process paid 1.2 s before its first
word, most of the time of adding one report to a build. Here the dictionary is
compiled once into a marisa trie of the words (about 1.3 MB) and a side file of
their frequencies and tags by word id (1.7 MB), kept in the user's cache
directory, keyed by the dictionary's SHA-256, the trie memory-mapped. The
segmentation is jieba's own: the same words at each place, the same
maximum-probability route, jieba's HMM for unknown runs; only it is computed
in one pass over the trie's prefix search instead of jieba's DAG of dicts and
generators, a third of the time (it runs on every text of every report). The
tokens are jieba's, which ``tests/test_segment.py`` checks on every report in
the repository.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from array import array
from functools import cache
from math import log
from pathlib import Path

__all__ = ["Segmenter", "segmenter", "cache_directory"]

_VERSION = 3  # 3: a plain trie of the words, their frequencies and tags in a side file by word id


def cache_directory() -> Path:
    """Where kg keeps what it compiles: ``$KG_CACHE``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE"):
        return Path(os.environ["KG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


class _Weights(dict):
    """word → its weight on jieba's route, log(frequency / total), computed once per word: texts repeat their words.

    Only words of the dictionary are asked for (the trie's prefixes of the text): it grows no larger than that.
    """

    def __init__(self, segmenter: "Segmenter") -> None:
        super().__init__()
        self._segmenter = segmenter

    def __missing__(self, word: str) -> float:
        self[word] = weight = log(self._segmenter.frequency(word)) - self._segmenter.logtotal
        return weight


class _Tags(dict):
    """word → jieba's tag ("?" for a word not in the dictionary), looked up in the trie once per dictionary word.

    Only the dictionary's words are kept (as in _Weights): a long-lived process meets new unknown words
    without end, and they are few in a text.
    """

    def __init__(self, segmenter: "Segmenter") -> None:
        super().__init__()
        self._segmenter = segmenter

    def __missing__(self, word: str) -> str:
        tag = self._segmenter.lookup_tag(word)
        if tag != "?":
            self[word] = tag
        return tag


class Segmenter:
    """Cuts text into jieba's words and gives each word's dictionary tag ("?" for a word jieba does not know).

    jieba's cut, rewritten over the trie: the text in blocks of Chinese characters and
    alphanumerics, each block on the most probable route through the dictionary's words
    (ties to the longer word), runs of single characters that are no word given to jieba's HMM.
    The route is computed in one pass from the right, the words at each place found by one
    prefix search of the trie, without jieba's DAG dictionary and generators: three times faster.
    """

    def __init__(self, trie, frequencies, tag_numbers: bytes, tags: list[str], total: int, longest: int) -> None:
        import jieba
        from jieba import finalseg

        jieba.setLogLevel(logging.WARNING)
        self._trie = trie  # the dictionary's words; their frequency and tag number by the trie's word id
        self._frequencies = frequencies
        self._tag_numbers = tag_numbers
        self._tags = tags
        self._longest = longest  # no dictionary word is longer: a route need look no further
        self.logtotal = log(total)
        self._weight = _Weights(self)
        self._tag = _Tags(self)
        self._blocks, self._skip = jieba.re_han_default, jieba.re_skip_default
        self._guess = finalseg.cut

    def frequency(self, word: str) -> int:
        """jieba's frequency of ``word``, 0 for a word not in its dictionary."""
        found = self._trie.get(word)
        return 0 if found is None else self._frequencies[found]

    def lookup_tag(self, word: str) -> str:
        found = self._trie.get(word)
        return "?" if found is None else self._tags[self._tag_numbers[found]]

    def tag(self, word: str) -> str:
        return self._tag[word]

    def __contains__(self, word: str) -> bool:
        """Is ``word`` in jieba's dictionary (as ``word in jieba.posseg.dt.word_tag_tab`` would say)?"""
        return self._tag[word] != "?"

    def cut(self, text: str) -> list[str]:
        """jieba.cut(text) (its accurate mode, with the HMM), as a list."""
        words: list[str] = []
        blocks, skip = self._blocks, self._skip
        for block in blocks.split(text):
            if not block:
                continue
            if blocks.match(block):
                words += self._cut_block(block)
                continue
            for piece in skip.split(block):  # spaces and line ends whole, anything else one character at a time
                if skip.match(piece):
                    words.append(piece)
                else:
                    words += piece
        return words

    def _cut_block(self, block: str) -> list[str]:
        """jieba's __cut_DAG: the route's words, a run of single characters that is no word given to the HMM."""
        ends = self._route(block)
        words: list[str] = []
        run = ""
        start, size = 0, len(block)
        while start < size:
            end = ends[start]
            if end - start == 1:
                run += block[start]
            else:
                if run:
                    words += self._unknown(run)
                    run = ""
                words.append(block[start:end])
            start = end
        if run:
            words += self._unknown(run)
        return words

    def _unknown(self, run: str) -> list[str]:
        """The words of a run of characters the route took one by one: jieba's HMM guesses them."""
        if len(run) == 1:
            return [run]
        if not self.frequency(run):
            return list(self._guess(run))
        return list(run)  # a word after all: jieba leaves it in characters

    def _route(self, block: str) -> list[int]:
        """jieba's get_DAG and calc at once: for each start, the end of the first word on the most probable
        route through the rest of ``block`` (as jieba computes it, float for float; ties to the longer word)."""
        prefixes, weight, longest, nothing = self._trie.prefixes, self._weight, self._longest, -self.logtotal
        size = len(block)
        score = [0.0] * (size + 1)
        ends = [0] * (size + 1)
        for start in range(size - 1, -1, -1):
            best, best_end = None, start + 1
            for word in prefixes(block[start:start + longest]):  # shortest first: ">=" ties to the longer
                end = start + len(word)
                candidate = weight[word] + score[end]
                if best is None or candidate >= best:
                    best, best_end = candidate, end
            score[start] = nothing + score[start + 1] if best is None else best  # no word here: one character
            ends[start] = best_end
        return ends


@cache
def segmenter() -> Segmenter:
    """The segmenter over jieba's dictionary, compiled into the cache on first use."""
    import jieba
    import marisa_trie

    dictionary = Path(jieba.__file__).with_name("dict.txt")
    data = dictionary.read_bytes()
    from importlib.metadata import version

    key = hashlib.sha256(data + f"{_VERSION} {version('marisa-trie')}".encode()).hexdigest()[:16]
    trie_path = cache_directory() / f"jieba-{key}.marisa"
    values_path, meta_path = trie_path.with_suffix(".values"), trie_path.with_suffix(".json")
    if trie_path.is_file() and values_path.is_file() and meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return _segmenter(marisa_trie.Trie().mmap(str(trie_path)), values_path.read_bytes(), meta)
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache is compiled again
    trie, values, meta = _compile(data)
    _save(trie, values, meta, trie_path, values_path, meta_path)
    return _segmenter(trie, values, meta)


def _segmenter(trie, values: bytes, meta: dict) -> Segmenter:
    """The segmenter of a compiled dictionary: ``values`` holds the frequencies (uint32) then the tag numbers
    (a byte each), in the order of the trie's word ids."""
    words = len(trie)
    frequencies = array("I")
    frequencies.frombytes(values[: frequencies.itemsize * words])
    tag_numbers = values[frequencies.itemsize * words:]
    if len(frequencies) != words or len(tag_numbers) != words:
        raise ValueError("the compiled dictionary's values do not fit its trie")
    return Segmenter(trie, frequencies, tag_numbers, meta["tags"], meta["total"], meta["longest"])


def _compile(data: bytes):
    """(trie, values, {tags, total, longest}) of jieba's dict.txt, read as jieba reads it (a later line wins)."""
    import marisa_trie

    entries: dict[str, tuple[int, str]] = {}
    total = 0  # jieba sums every line's frequency, a repeated word's too
    for line in data.decode("utf-8").splitlines():
        parts = line.strip().split(" ")
        if len(parts) >= 2:
            entries[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "x")
            total += int(parts[1])
    # jieba never cuts a word of frequency 0 (dict.txt has none): the route takes every word of the trie.
    entries = {word: entry for word, entry in entries.items() if entry[0] > 0}
    tags = sorted({tag for _, tag in entries.values()})
    number = {tag: i for i, tag in enumerate(tags)}
    trie = marisa_trie.Trie(entries)
    frequencies, tag_numbers = array("I", [0]) * len(trie), bytearray(len(trie))
    for word, (frequency, tag) in entries.items():
        frequencies[trie[word]], tag_numbers[trie[word]] = frequency, number[tag]
    meta = {"tags": tags, "total": total, "longest": max(map(len, entries), default=1)}
    return trie, frequencies.tobytes() + bytes(tag_numbers), meta


def _save(trie, values: bytes, meta: dict, trie_path: Path, values_path: Path, meta_path: Path) -> None:
    """Write the compiled dictionary atomically; an unwritable cache only costs the compiling next time."""
    try:
        trie_path.parent.mkdir(parents=True, exist_ok=True)
        for path, write in ((meta_path, lambda p: Path(p).write_text(json.dumps(meta), encoding="utf-8")),
                            (values_path, lambda p: Path(p).write_bytes(values)), (trie_path, trie.save)):
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            os.close(handle)
            try:
                write(temporary)
                os.replace(temporary, path)
            finally:
                Path(temporary).unlink(missing_ok=True)
    except OSError:
        pass

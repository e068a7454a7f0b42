"""Word segmentation: jieba's algorithm over jieba's dictionary, ready in milliseconds.

jieba reads its 349,046-word dictionary into a Python dict on first use (0.6 s
from its marshal cache), and ``jieba.posseg`` reads the same file again for the
part-of-speech tags (0.6 s more): every kg process paid 1.2 s before its first
word, most of the time of adding one report to a build. Here the dictionary,
frequencies and tags together, is compiled once into a marisa trie (about 2 MB,
kept in the user's cache directory, keyed by the dictionary's SHA-256) and
memory-mapped. The segmentation is jieba's own: the same prefix DAG, the same
maximum-probability route, jieba's HMM for unknown runs. Only the dictionary
lookups go to the trie, so the tokens are jieba's, which
``tests/test_segment.py`` checks on every report in the repository.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from functools import cache
from math import log
from pathlib import Path

__all__ = ["Segmenter", "segmenter", "cache_directory"]

_FORMAT = "<IB"  # frequency, tag number
_VERSION = 2


def cache_directory() -> Path:
    """Where kg keeps what it compiles: ``$KG_CACHE``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE"):
        return Path(os.environ["KG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


class _Frequencies:
    """jieba's FREQ mapping (word → frequency, 0 for a mere prefix), answered by the trie."""

    __slots__ = ("_trie",)

    def __init__(self, trie) -> None:
        self._trie = trie

    def get(self, word: str, default=None):
        found = self._trie.get(word)
        return found[0][0] if found else default

    def __getitem__(self, word: str) -> int:
        return self.get(word, 0)

    def __contains__(self, fragment: str) -> bool:
        return next(self._trie.iterkeys(fragment), None) is not None


class _Remembered(dict):
    """word → frequency (0 for a non-word), looked up in the trie once per word: texts repeat their words."""

    def __init__(self, trie) -> None:
        super().__init__()
        self._trie = trie

    def __missing__(self, word: str) -> int:
        found = self._trie.get(word)
        self[word] = frequency = found[0][0] if found else 0
        return frequency


class Segmenter:
    """Cuts text into jieba's words and gives each word's dictionary tag ("?" for a word jieba does not know)."""

    def __init__(self, trie, tags: list[str], total: int, longest: int) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._trie = trie
        self._tags = tags
        self._frequency = _Remembered(trie)
        self._longest = longest  # no dictionary word is longer: a DAG needs look no further
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = _Frequencies(trie)
        tokenizer.total = total
        tokenizer.initialized = True
        tokenizer.get_DAG = self._dag  # the two lookups jieba makes per character, done by the trie
        tokenizer.calc = self._route
        self._tokenizer = tokenizer
        self._logtotal = log(total)

    def cut(self, text: str) -> list[str]:
        return list(self._tokenizer.cut(text))

    def __contains__(self, word: str) -> bool:
        """Is ``word`` in jieba's dictionary (as ``word in jieba.posseg.dt.word_tag_tab`` would say)?"""
        return word in self._trie

    def tag(self, word: str) -> str:
        found = self._trie.get(word)
        return self._tags[found[0][1]] if found else "?"

    def _dag(self, sentence: str) -> dict[int, list[int]]:
        """jieba's get_DAG: for each start, the ends of the dictionary words (frequency > 0) starting there."""
        prefixes, frequency, longest, dag = self._trie.prefixes, self._frequency, self._longest, {}
        for start in range(len(sentence)):
            ends = [start + len(word) - 1 for word in prefixes(sentence[start:start + longest]) if frequency[word]]
            dag[start] = ends or [start]
        return dag

    def _route(self, sentence: str, dag: dict[int, list[int]], route: dict) -> None:
        """jieba's calc, unchanged but for the lookup: the most probable path, ties to the longer word."""
        frequency, logtotal = self._frequency, self._logtotal
        size = len(sentence)
        route[size] = (0, 0)
        for start in range(size - 1, -1, -1):
            best = None
            for end in dag[start]:
                candidate = log(frequency[sentence[start:end + 1]] or 1) - logtotal + route[end + 1][0], end
                if best is None or candidate > best:
                    best = candidate
            route[start] = best


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
    meta_path = trie_path.with_suffix(".json")
    if trie_path.is_file() and meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return Segmenter(marisa_trie.RecordTrie(_FORMAT).mmap(str(trie_path)), meta["tags"], meta["total"],
                             meta["longest"])
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache is compiled again
    trie, meta = _compile(data)
    _save(trie, meta, trie_path, meta_path)
    return Segmenter(trie, **meta)


def _compile(data: bytes):
    """(trie, {tags, total, longest}) of jieba's dict.txt, read as jieba reads it (a later line wins)."""
    import marisa_trie

    entries: dict[str, tuple[int, str]] = {}
    total = 0  # jieba sums every line's frequency, a repeated word's too
    for line in data.decode("utf-8").splitlines():
        parts = line.strip().split(" ")
        if len(parts) >= 2:
            entries[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "x")
            total += int(parts[1])
    tags = sorted({tag for _, tag in entries.values()})
    number = {tag: i for i, tag in enumerate(tags)}
    trie = marisa_trie.RecordTrie(_FORMAT, ((w, (f, number[t])) for w, (f, t) in entries.items()))
    return trie, {"tags": tags, "total": total, "longest": max(map(len, entries), default=1)}


def _save(trie, meta: dict, trie_path: Path, meta_path: Path) -> None:
    """Write the compiled dictionary atomically; an unwritable cache only costs the compiling next time."""
    try:
        trie_path.parent.mkdir(parents=True, exist_ok=True)
        for path, write in ((meta_path, lambda p: Path(p).write_text(json.dumps(meta), encoding="utf-8")),
                            (trie_path, trie.save)):
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            os.close(handle)
            try:
                write(temporary)
                os.replace(temporary, path)
            finally:
                Path(temporary).unlink(missing_ok=True)
    except OSError:
        pass

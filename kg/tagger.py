"""Stage 3a, second pass: a learned tagger that redraws the rules' names character by character.

The rules of :mod:`kg.recognise` anchor on suffixes and walk left over jieba's words; on
reports they were not tuned on, their edges are often wrong (a place that takes in the verb
before it, a project cut at a word jieba split badly). Here a linear-chain CRF
(python-crfsuite) tags every character of a text B-, I-, E- or S-type, or O. Its features are
lean, a short list of strings per character:

- the character, its neighbours and the two bigrams through it;
- jieba's word around it: its position in the word (B/M/E/S) with the word's dictionary tag
  (the word itself adds nothing by folds of reports, and costs time);
- the role of that word in ``data/name_context.tsv`` (boundary, generic, …) and of the word
  before it, and the type of a suffix of ``data/entity_suffixes.tsv`` ending at the character
  or just before it.

The CRF gives every feature a weight for every label, not only for the labels it was seen with in
training (crfsuite's ``feature.possible_states``), so a feature can also speak against a label: by
5 folds of the 63 reports (``eval/train_entities.py --cv``, redraw:0.65, exact F1) place 0.853 → 0.857,
project 0.818 → 0.822, company 0.905 → 0.906, organization 0.917 → 0.917, all 0.883 → 0.885, and
steadier over the number of iterations (100, 150, 200: place 0.851 → 0.856 on average), with the
model 9 % larger and tagging no slower. Tried by the same folds and not kept, as they moved no type
by more than the folds' noise (about ±0.005 between 100 and 200 iterations) or lost company: the
characters two before and after, the trigram through the character, the character's class (digit,
Latin, CJK numeral, punctuation), jieba's word itself for words of up to two or three characters
(place and project +0.002 to +0.004, company −0.003 to −0.005), being inside quotes or brackets, the
distance to the previous 、 or ，, the dictionary tags and roles of the neighbouring words, a suffix
ending the next word; stronger L1 or L2 penalties, more or fewer iterations, and dropping rare
features (``feature.minfreq`` 2: all 0.871). Trained since on 83 reports (20 more, u43 to u62), by
the same folds over all of them: place 0.856, project 0.825, company 0.898, organization 0.925, all 0.884.

The rules' own answers are not features: with them the model learned that the rules are
always right on the reports they were tuned on (0.79 against 0.84 by folds of the reports the
rules never saw). It learns from the hand-annotated reports (eval/entities/gold/). It is trained by ``python eval/train_entities.py``,
which writes ``data/entity_model.crfsuite`` (shipped in the package as kg._data); the same
data give the same model.

The tagger replaces the rules' mentions of the types in :data:`LEARNED`; the rules keep what
a tagger of characters cannot say: documents, persons, names completed from a shortened
coordination (东、西城壕 → 东城壕), declared short forms and names not written as such.
Without the model file the rules work alone (a warning says so); a file that is not a model
raises :class:`kg.errors.ModelError`.
"""

from __future__ import annotations

import logging
import re
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from .errors import ModelError
from .lexicon import load_tsv, resource_path

__all__ = ["COUNT", "LEARNED", "MODEL", "features", "labels_of", "spans_of", "redrawn", "using"]

MODEL = "entity_model.crfsuite"
# The types whose mentions the tagger draws (chosen by cross-validation, eval/train_entities.py --cv).
# Agencies stay with the rules: by folds of reports the tagger gains 0.01 on the blind reports and
# loses 0.015 on the others, and the rules already pass the target (0.95) on unseen reports.
LEARNED = frozenset({"company", "organization", "place", "project"})
POLICY = "redraw:0.65"  # how the tagger's names and the rules' are combined (see redrawn); 0.65 by folds of reports

_log = logging.getLogger(__name__)


@cache
def _roles() -> dict[str, str]:
    roles: dict[str, str] = {}
    for row in load_tsv("name_context.tsv"):
        roles.setdefault(row["word"], row["role"])
    return roles


def features(text: str, tokens) -> list[tuple[str, ...]]:
    """One tuple of feature strings per character of ``text``; ``tokens`` are kg.recognise's jieba tokens of it."""
    from .recognise import _suffix_pattern, _suffix_of

    n = len(text)
    padded = "\x02" + text + "\x03"
    # Built column by column (a comprehension per feature is faster than a row at a time), as tuples: the
    # character's own five, then its word's (in the same order as ever, so the model reads the same rows).
    rows = list(map(tuple.__add__, zip(
        ["c" + c for c in text], ["p" + c for c in padded[:n]], ["n" + c for c in padded[2:]],
        ["b" + padded[i: i + 2] for i in range(n)], ["a" + padded[i + 1: i + 3] for i in range(n)]),
        _word_features(n, tokens)))
    suffix_of = _suffix_of()
    for found in _suffix_pattern().finditer(text):  # a suffix ends here, and just before the next character
        kind, end = suffix_of[found.group()].type, found.end()
        rows[end - 1] += ("s" + kind,)
        if end < n:
            rows[end] += ("e" + kind,)
    return rows


def _word_features(n: int, tokens) -> list[tuple[str, ...]]:
    """Per character, what its jieba word says: "t" + its position in the word (B/M/E/S) + the word's tag; the
    role of the word before it in name_context.tsv (on the word's first character); the word's own role.

    A word's characters share their tuples: one tuple per position in the word, not per character.
    """
    roles = _roles()
    words: list[tuple[str, ...]] = [("",)] * n
    previous = ""
    for token in tokens:
        s, e, tag = token.start, token.end, token.tag
        role = roles.get(token.word)
        own = ("x" + role,) if role else ()
        before = ("X" + previous,) if previous else ()
        if e - s == 1:
            words[s] = ("tS" + tag,) + before + own
        else:
            words[s: e] = [("tB" + tag,) + before + own] + [("tM" + tag,) + own] * (e - s - 2) + [("tE" + tag,) + own]
        previous = role
    return words


def spans_of(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each name in BIOES ``labels``; a name also ends where its type changes,
    and an I or E with no B before it starts one."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate(labels):
        if label == "O":
            if start >= 0:
                spans.append((start, i, kind))
            start = -1
            continue
        if label[0] in "BS" or start < 0 or label[2:] != kind:
            if start >= 0:
                spans.append((start, i, kind))
            start, kind = i, label[2:]
        if label[0] in "ES":
            spans.append((start, i + 1, kind))
            start = -1
    if start >= 0:
        spans.append((start, len(labels), kind))
    return spans


def labels_of(spans: list[tuple[int, int, str]], length: int) -> list[str]:
    """The BIOES labels of ``length`` characters holding ``spans`` (B-place I-place E-place, S-place, O)."""
    labels = ["O"] * length
    for start, end, kind in spans:
        if end - start == 1:
            labels[start] = "S-" + kind
            continue
        labels[start] = "B-" + kind
        for i in range(start + 1, end - 1):
            labels[i] = "I-" + kind
        labels[end - 1] = "E-" + kind
    return labels


class _Model:
    """A loaded CRF; crfsuite's tagger is not safe to share between threads, so each thread opens its own."""

    def __init__(self, path: Path):
        import pycrfsuite

        self.path = path
        self._local = threading.local()
        self._pycrfsuite = pycrfsuite
        self.tagger()  # fail now, at the door, on a file that is not a model

    def tagger(self):
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._pycrfsuite.Tagger()
            try:
                tagger.open(str(self.path))
            except (ValueError, OSError) as error:
                raise ModelError(f"{self.path}: not a crfsuite model ({error}); rebuild it with "
                                 "`python eval/train_entities.py` or reinstall kg") from None
            self._local.tagger = tagger
        return tagger

    def tag(self, rows: list[list[str]]) -> list[str]:
        return self.tagger().tag(rows)


_chosen: list = []  # [(model or None, types, policy)] set by using(); empty: the shipped model


@cache
def _shipped() -> _Model | None:
    path = resource_path("data", MODEL)
    if not path.is_file():
        _log.warning("no entity model at %s: names are found by the rules alone "
                     "(python eval/train_entities.py writes it)", path)
        return None
    return _Model(path)


def _current() -> tuple[_Model | None, frozenset[str], str]:
    return _chosen[-1] if _chosen else (_shipped(), LEARNED, POLICY)


@contextmanager
def using(path: str | Path | None, types=LEARNED, policy: str | None = None):
    """Recognise with the model at ``path`` (None: the rules alone) for the ``types`` given, inside the block.

    For evaluation: ``eval/train_entities.py --cv`` scores models trained without the reports scored.
    """
    if path is not None and not Path(path).is_file():
        raise ModelError(f"{path}: no such model file")
    _chosen.append((_Model(Path(path)) if path is not None else None, frozenset(types), policy or POLICY))
    try:
        yield
    finally:
        _chosen.pop()


_OPENING = {"”": "“", ")": "(", "）": "（", "’": "‘", "》": "《"}


def _balanced(text: str, start: int, end: int) -> int:
    """The start of ``text[start:end]`` taken back over an opening mark its closing one needs (“万名干部进万企”活动)."""
    for closing, opening in _OPENING.items():
        if text.count(closing, start, end) > text.count(opening, start, end) and start and text[start - 1] == opening:
            return start - 1
    return start


POLICIES = ("replace", "redraw:P", "add")
# 的, 了 and the prepositions that open a clause (对, 因, 把, 被, 将, 针对): a span of the tagger's holding one runs over
# a clause (针对食品经营户证照过期, 巡司河箱涵因平湖门水厂), as on real reports, whose prose the written training reports
# lack. 与, 和, 及 and 于 join the parts of names (技术与工程研究所), so they do not count.
_CLAUSE_TAGS = frozenset({"uj", "ul", "p"})
_NAME_JOINERS = frozenset({"与", "和", "及", "于"})
# Verbs of what was done to a thing, which no name holds (抚阳老机车库列入辽宁省…名录, 区长林建平带队督查重点项目);
# not 开工, 启动, 签约 or 销售, which some do (拿地即开工, 启动区, 销售集团).
_DEEDS = frozenset({"列入", "纳入", "入选", "荣获", "获得", "获评", "获批", "带队", "率团", "督查", "视察", "召开",
                    "举办", "走访", "完工", "竣工", "投入", "完成", "推进", "推动", "加快", "引进", "落户", "入驻",
                    "进驻", "新招", "实施", "开展", "巡河", "巡湖"})


def _spans_a_clause(tokens, start: int, end: int, text: str = "") -> bool:
    """Does a word of ``tokens`` wholly inside [start, end) mark a clause (的, 了, 对, 因, 针对, 列入, 带队), or
    join two whole names (武汉大学和华中科技大学: a body's name ends before the 和)?"""
    from .choices import BODY_TYPES
    from .recognise import _starting_within, _suffix_ending

    def after_a_body(t) -> bool:
        found = _suffix_ending(text[start: t.start], at_least=2)
        return found is not None and found.type in BODY_TYPES

    return any(t.end <= end and (t.tag in _CLAUSE_TAGS and t.word not in _NAME_JOINERS or t.word in _DEEDS
                                 or t.word in _NAME_JOINERS and after_a_body(t))
               for t in _starting_within(tokens, start, end))


_STOPS = re.compile(r"[。；;！？!?，,：:、]")


# 28个村, 沿河12个村: a count of things, which no name holds (but 稳增长20条, K2项目 do: not 条, 项)
COUNT = re.compile(r"\d+(?:\.\d+)?[个家所座批处名户]")


def _unbroken(text: str) -> bool:
    """No stop inside and every bracket, quote and 《 closed: the tagger's labels can run over a sentence's end
    (90%。武珞路中学二期) or into a bracket (VV+车联网众创空间(湖北大学), which no name does."""
    return not _STOPS.search(text) and all(text.count(opening) == text.count(closing)
                                           for closing, opening in _OPENING.items())


def _legal_form_type(name: str, kind: str, types) -> str:
    """``kind``, unless ``name`` ends in a company's legal form (有限公司, 集团, 分行 …): then a company.

    The characters' labels can drift to another type over a long name (澜川汇智精密制造有限公司 read
    as works, as in 某某有限公司年产十万吨项目), where the company law's suffixes leave no doubt.
    """
    from .recognise import _suffix_ending

    suffix = _suffix_ending(name)
    return "company" if suffix is not None and suffix.type == "company" and "company" in types else kind


def redrawn(text: str, tokens, mentions: list):
    """The rules' ``mentions`` of ``text`` with the learned types' names redrawn by the tagger.

    Policy ``replace``: the tagger's names stand for the rules' of the learned types (the rules keep
    those it cannot draw); ``redraw:P``: a rule's name the tagger overlaps is replaced when the tagger
    is sure of its own names there (each character's label has a marginal probability of at least P),
    the rules' other names stay; ``add``: the rules' names all stay, the tagger's are added where
    the rules found nothing.
    """
    model, types, policy = _current()
    if model is None or not text:
        return mentions
    from .recognise import Mention, _tidy

    policy, _, sure = policy.partition(":")
    crf = model.tagger()
    labels = crf.tag(features(text, tokens))
    drawn, tagged = [], {}
    for start, end, kind in spans_of(labels):
        if kind in types:
            at = _balanced(text, start, end)
            name = _tidy(text[at:end])
            mention = Mention(name, _legal_form_type(name, kind, types), at, end, text[at:end])
            if len(mention.name) >= 2 and not _spans_a_clause(tokens, at, end, text) and _unbroken(text[at:end]) and (
                    not COUNT.search(text[at:end])):
                drawn.append(mention)
                tagged[mention] = (start, end)

    def special(m) -> bool:
        return (m.type not in types or m.expanded or m.short_for is not None or m.within is not None
                or m.name != _tidy(text[m.start: m.end]))

    def overlapping(m, others) -> list:
        return [o for o in others if o.start < m.end and m.start < o.end]

    def confident(m) -> bool:
        start, end = tagged[m]
        return all(crf.marginal(labels[i], i) >= float(sure or 0) for i in range(start, end))

    if policy == "replace":
        kept = [m for m in mentions if special(m)]
    elif policy == "redraw":
        kept, doubted = [], set()
        for m in mentions:
            rivals = [] if special(m) else overlapping(m, drawn)
            if rivals and all(confident(d) for d in rivals):
                continue
            kept.append(m)
            doubted.update(rivals)
        drawn = [d for d in drawn if d not in doubted]
    else:
        kept = list(mentions)
    blocking = [m for m in kept if m.type != "document" and (policy != "replace" or m.type in types or m.type == "person")]
    kept += [m for m in drawn if not overlapping(m, blocking)]
    return sorted(kept, key=lambda m: (m.start, m.end, m.name))

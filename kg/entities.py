"""Stage 3b: the entities of a report: recognised in each task, resolved to one node per thing.

Each task's requirement and completion text go through :func:`kg.recognise.recognise`;
its responsible units are agencies already (the table says so). Mentions that
name the same thing are then merged into one :class:`Entity`:

- the same name, after folding (full-width brackets, spaces, the middle dot);
- a body written with or without its level or jurisdiction (区发改委, 武昌区发改委,
  武昌区发展和改革委员会) — through :mod:`kg.names` — and a bracketed alias
  (区维稳办 in 区政法委(区维稳办));
- a company's short name that begins its registered name (零壹财经 →
  零壹财经金融信息服务(武汉)有限公司), or whose characters abbreviate it in
  order, when only one company in the report fits (武船 → 武昌船舶重工集团有限公司);
- a name that is another with a place in front (长江经济带产业基金 in
  湖北省长江经济带产业基金).

A branch is not its parent (中国电信武昌分公司 ≠ 中国电信), nor a body its
members' association (武汉大学校友会 ≠ 武汉大学). A place whose name begins
with another place's name is inside it (昙华林瑞典教区片 in 昙华林).

Counts the text claims for a list it gives (新增高新技术企业13家(A、B、…)) are
checked against the names listed; a mismatch is a :class:`CountFinding`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .lexicon import load_tsv
from .model import Report, Span, Task
from .names import core, synonyms
from .reading import repair_dots
from .recognise import _NAME_TAGS, Mention, _longest_suffix, is_generic_name, recognise
from .units import fold_name, read_unit, unit_kind

__all__ = ["Entity", "EntityMention", "CountFinding", "Entities", "extract_entities", "report_entities", "unit_type"]

_BRANCH = re.compile(r"(分公司|分行|支行|营业部|分院|分局|分中心|校区|院区)$")
_LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团有限公司|集团|公司)$")
_TRADE_TAIL = re.compile(r"(?:科技|技术|发展|实业|控股|股份|集团)+$")
_BRAND_TAGS = _NAME_TAGS | {"?", "m"}  # a name's words, or unknown ones; 九派 is read as a numeral


@dataclass(frozen=True)
class EntityMention:
    """Where a task names an entity: ``text`` as written, offsets into the report as published."""

    task: int
    name: str  # the name this mention gives, tidied (东 in 东、西城壕 gives 东城壕)
    text: str
    span: Span
    field: str  # requirement | units | outcome
    expanded: bool = False


@dataclass
class Entity:
    """One real-world thing the report names, with every form it is written in."""

    name: str  # canonical: the fullest form the report uses
    type: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[EntityMention] = field(default_factory=list)
    unit: bool = False  # a responsible unit of some task (its node is the body's)
    inside: str | None = None  # canonical name of the place it lies in

    @property
    def tasks(self) -> list[int]:
        return sorted({m.task for m in self.mentions})

    @property
    def names(self) -> set[str]:
        return self.aliases | {self.name}


@dataclass(frozen=True)
class CountFinding:
    """A claimed count (13家) that disagrees with the names listed beside it."""

    task: int
    claimed: int
    listed: int
    distinct: int
    text: str
    span: Span
    repeated: tuple[str, ...] = ()

    def __str__(self) -> str:
        twice = "、".join(self.repeated)
        zh = f"任务{self.task}:称{self.claimed}个,列出{self.listed}个名称,其中{self.distinct}个不同" + (
            f"(重复:{twice})" if twice else "")
        en = f"task {self.task}: the text claims {self.claimed} but lists {self.listed} names, {self.distinct} distinct" + (
            f"; listed twice: {twice}" if twice else "")
        return f"{zh} / {en}"


@dataclass
class Entities:
    """The entities of one report and the findings about counts."""

    entities: list[Entity]
    findings: list[CountFinding]

    def of_task(self, number: int) -> list[Entity]:
        return [e for e in self.entities if any(m.task == number for m in e.mentions)]


# ------------------------------------------------------------------ recognition per task


def _recognised(report: Report, task: Task) -> list[tuple[Mention, str]]:
    found = []
    for name, span in (("requirement", task.requirement_span), ("outcome", task.outcome_span)):
        if span is None:
            continue
        text = repair_dots(report.text[span.start: span.end])
        found += [(m, name) for m in recognise(text, span.start)]
    return found


def unit_type(name: str) -> str:
    """The entity type of a responsible unit: an agency, unless its name says company (区文旅公司) or an
    institution by the suffix of a school, hospital or association (县人民医院, 区职教中心, 县电子商务协会)."""
    if unit_kind(name) == "company":
        return "company"
    suffix = _longest_suffix(read_unit(name)[0])
    return "organization" if suffix is not None and suffix.type == "organization" else "agency"


def _unit_mentions(task: Task) -> list[tuple[Mention, str]]:
    """The units written in this task's row (inherited units are not written there).

    区政法委(区维稳办) gives two mentions of one body, each with its own offsets.
    """
    found = []
    for unit in task.units:
        if unit.inherited or is_generic_name(unit.name):
            continue
        kind = unit_type(unit.name)
        for name in (unit.name, *unit.aliases):
            at = unit.written.find(name)
            span = Span(unit.span.start + at, unit.span.start + at + len(name)) if at >= 0 else unit.span
            found.append((Mention(name, kind, span.start, span.end, name if at >= 0 else unit.written), "units"))
    return found


# ------------------------------------------------------------------ resolution


def _key(name: str) -> str:
    return fold_name(name).replace("?", "·")


def _loose(name: str) -> str:
    """The key two spellings of one name share: 中科武大·智谷, 中科武大智谷 and “中科武大·智谷”."""
    return re.sub(r"[·“”\"'‘’\s]", "", _key(name))


def _body_keys(name: str, jurisdiction: str | None) -> set[str]:
    """Forms under which one body is the same: its core and the core's lexicon synonyms, with the level.

    A body named without a level (建委 in a district's report) is the jurisdiction's own.
    """
    stem, level = core(name, jurisdiction)
    level = level or (jurisdiction[-1] if jurisdiction else "")
    return {f"{level}|{s}" for s in synonyms(stem)}


class _Resolver:
    def __init__(self, report: Report):
        self.report = report
        self.by_key: dict[str, Entity] = {}
        self.entities: list[Entity] = []
        self._body_keys: dict[str, set[str]] = {}  # name → _body_keys: each body is compared with every other

    def body_keys(self, name: str) -> set[str]:
        keys = self._body_keys.get(name)
        if keys is None:
            keys = self._body_keys[name] = _body_keys(_key(name), self.report.jurisdiction)
        return keys

    def entity(self, name: str, kind: str) -> Entity:
        key = _key(name)
        found = self.by_key.get(_loose(key))
        if found is None and kind == "agency":
            keys = self.body_keys(name)
            found = next((e for e in self.entities if e.type == "agency" and keys & self.body_keys(e.name)), None)
        if found is None:
            found = Entity(name=key, type=kind)
            self.entities.append(found)
        self.by_key[_loose(key)] = found
        found.aliases.add(key)
        return found

    def add(self, task: Task, mention: Mention, where: str) -> Entity:
        entity = self.entity(mention.short_for or mention.name, mention.type)
        if mention.within:
            entity.inside = _key(mention.within)
        if mention.short_for:
            self.by_key[_loose(mention.name)] = entity
            entity.aliases.add(_key(mention.name))
        entity.mentions.append(EntityMention(task.number, _key(mention.name), mention.text, Span(mention.start, mention.end),
                                             where, mention.expanded))
        return entity

    def link_units(self, task: Task) -> None:
        for unit in task.units:
            entity = self.entity(unit.name, unit_type(unit.name))
            entity.unit = True
            entity.name = unit.name  # the unit cell's spelling is canonical for a body
            for alias in unit.aliases:
                self.by_key[_loose(alias)] = entity
                entity.aliases.add(_key(alias))


def _merge(into: Entity, other: Entity) -> None:
    into.aliases |= other.aliases
    into.mentions += other.mentions
    into.unit |= other.unit


def _short_form_of(short: Entity, long: Entity) -> bool:
    """Is ``short`` a short way of writing ``long``?"""
    s, l = short.name, long.name
    if s == l or len(s) >= len(l) or _BRANCH.search(l) and not _BRANCH.search(s):
        return False
    if long.type == "company" and short.type in ("company", "project", "organization"):
        if l.startswith(s) and len(s) >= 2 and _LEGAL_FORM.search(l) and not _LEGAL_FORM.search(s):
            return True
        if s in _brand_and_trade(l):
            return True
        return _abbreviates(s, l)
    if short.type == long.type == "place" and l[len(s):] in ("省", "市", "县", "区") and l.startswith(s):
        return True  # 武汉 and 武汉市 are one city
    if short.type == long.type and l.endswith(s) and len(s) >= 4:
        return bool(_region_prefix().fullmatch(l[: len(l) - len(s)]))
    return False


@cache
def _region_prefix() -> re.Pattern:
    """中国, 湖北省, 湖北省武汉市, 宁波: the regions a name opens with (provinces and cities of data/places.tsv, or
    any two or three characters with 省 or 市)."""
    known = "|".join(sorted((re.escape(r["name"]) for r in load_tsv("places.tsv") if r["kind"] != "country"),
                            key=lambda n: (-len(n), n)))
    return re.compile(f"(?:中国|(?:{known})(?:省|市|自治区)?|[\u4e00-\u9fff]{{2,3}}[省市])+")


@cache
def _brand_and_trade(name: str) -> frozenset[str]:
    """九派新材料 for 武汉九派新材料股份有限公司, 浦辉电路 for 江苏浦辉电路科技有限公司: a firm written, once
    named, without the region it opens with, its legal form and the generic words before that (科技, 实业).

    Forms of four characters or more that start with a word of a name (九派, not 新材料 or 数字), so that
    they do not recur by chance."""
    from .recognise import _tokens

    if not _LEGAL_FORM.search(name) or _BRANCH.search(name):
        return frozenset()
    unsuffixed = _LEGAL_FORM.sub("", name)
    forms = set()
    for body in sorted({unsuffixed, _TRADE_TAIL.sub("", unsuffixed)}):
        tokens = _tokens(body)
        for token in tokens:
            lead, rest = body[: token.start], body[token.start:]
            if len(lead) > 6:
                break
            if len(rest) >= 4 and token.tag in _BRAND_TAGS and not is_generic_name(rest) and (
                    not lead or all(t.tag in _BRAND_TAGS for t in _tokens(lead))):
                forms.add(rest)
        region = _seats().match(body)
        rest = body[region.end():] if region else ""
        if len(rest) >= 4 and not is_generic_name(rest):  # 洮川县宏远建材: whatever jieba calls the brand (宏远: a)
            forms.add(rest)
            forms.update(_trade_shortened(rest))
    return frozenset(forms - {name})


@cache
def _seats() -> re.Pattern:
    """The regions a firm's registered name opens with: those of _region_prefix, or a seat of two or three
    characters and its level (洮川县)."""
    return re.compile(f"(?:{_region_prefix().pattern}|[\u4e00-\u9fff]{{2,3}}[县区旗])+")


def _trade_shortened(form: str) -> set[str]:
    """沣渡文旅 for 沣渡文化旅游, 宏远建材 for 宏远建筑材料: a trade of two common words is written with the first
    character of each, after a brand of two characters or more."""
    from .recognise import _tokens

    words = _tokens(form)
    if len(words) >= 3 and all(len(w.word) == 2 and w.tag not in _BRAND_TAGS for w in words[-2:]) and len(form) >= 6:
        return {form[:-4] + words[-2].word[0] + words[-1].word[0]}
    return set()


def _abbreviates(short: str, long: str) -> bool:
    """武船 abbreviates 武昌船舶重工集团有限公司: its characters occur in order, the first first."""
    if not 2 <= len(short) <= 4 or short[0] != long[0]:
        return False
    position = 0
    for ch in short:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


def _resolve_short_forms(entities: list[Entity]) -> list[Entity]:
    """Merge each entity into the one longer entity it is a short form of, shortest first.

    A long form is longer than its short form, so the entities merged before a
    short one is looked at can never be its long form: each short form's
    candidates are those of the whole list. They are looked up in two indexes
    instead of the whole list (which made this quadratic): a long form that is
    a company or a place shares the short form's first character (it begins
    with it or abbreviates it from its first character on); one with a region
    before it ends with its last four characters (such short forms have four
    or more); a firm's brand and trade (九派新材料) are indexed as such.
    """
    position = {id(e): i for i, e in enumerate(entities)}
    by_first: dict[str, list[Entity]] = {}
    by_last: dict[str, list[Entity]] = {}
    by_form: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.type in ("company", "place") and entity.name:
            by_first.setdefault(entity.name[0], []).append(entity)
        if len(entity.name) >= 4:
            by_last.setdefault(entity.name[-4:], []).append(entity)
        if entity.type == "company":
            for form in _brand_and_trade(entity.name):
                by_form.setdefault(form, []).append(entity)
    merged: set[int] = set()
    for short in sorted(entities, key=lambda e: len(e.name)):
        s = short.name
        if s:
            found = {id(e): e for e in by_first.get(s[0], ())}
            if len(s) >= 4:
                found.update((id(e), e) for e in by_last.get(s[-4:], ()))
                found.update((id(e), e) for e in by_form.get(s, ()))
            candidates = sorted(found.values(), key=lambda e: position[id(e)])
        else:
            candidates = entities
        longs = [e for e in candidates if id(e) not in merged and e is not short and _short_form_of(short, e)]
        if len(longs) == 1:
            _merge(longs[0], short)
            merged.add(id(short))
    return [e for e in entities if id(e) not in merged]


def _place_containment(entities: list[Entity]) -> None:
    places = sorted((e for e in entities if e.type == "place"), key=lambda e: len(e.name), reverse=True)
    for place in (p for p in places if p.inside is None):
        outer = next((o for o in places if o is not place and len(o.name) >= 2
                      and place.name.startswith(o.name) and len(place.name) > len(o.name)), None)
        if outer is not None:
            place.inside = outer.name


# ------------------------------------------------------------------ claimed counts

_LISTED_AFTER = re.compile(r"(\d+)(家|个|所|座|条)[(（]([^()（）]{4,})[)）]")
# 「A、B和C4家」: a closed list (no 等, "and others") followed by its count.
_LISTED_BEFORE = re.compile(r"((?:[^,，。;；、()（）:：]{2,30}、)+[^,，。;；、()（）:：]{2,30}?(?:和|及|与)"
                            r"[^,，。;；、()（）:：\d]{2,30}?)(\d+)(家|个|所|座|条)")


def _count_findings(report: Report, task: Task) -> list[CountFinding]:
    findings = []
    span = task.outcome_span
    if span is None:
        return findings
    text = repair_dots(report.text[span.start: span.end])
    lists = [(m, int(m[1]), re.split(r"[、,，]", m[3])) for m in _LISTED_AFTER.finditer(text)]
    lists += [(m, int(m[2]), re.split(r"、|和|及|与", m[1])) for m in _LISTED_BEFORE.finditer(text)]
    for match, claimed, listed in lists:
        names = [n.strip() for n in listed if n.strip()]
        # 等 ("and others") and 共 ("in all, counting members") make the count no count of the names.
        if len(names) < 3 or any(len(n) < 3 or "等" in n or n.endswith("共") for n in names):
            continue
        distinct = len(set(names))
        repeated = tuple(sorted({n for n in names if names.count(n) > 1}))
        if claimed != distinct or repeated:
            findings.append(CountFinding(task.number, claimed, len(names), distinct, match.group(),
                                         Span(span.start + match.start(), span.start + match.end()), repeated))
    return findings


# ------------------------------------------------------------------ the stage


# ------------------------------------------------------------------ names the report taught us

_MIN_KNOWN = 3  # shorter names recur by chance (武昌 in 武昌区): they are not searched for again


def _abbreviation(name: str) -> str | None:
    """武船 for 武昌船舶重工集团有限公司: the first characters of its first two words, as such names are cut."""
    from .recognise import _tokens

    words = [t.word for t in _tokens(_LEGAL_FORM.sub("", name))]
    if len(words) < 2 or len(words[0]) < 2 or len(words[1]) < 2:
        return None
    return words[0][0] + words[1][0]


def _gazetteer(entities: list[Entity], bare: set[str] = frozenset()) -> dict[str, Entity]:
    """Every name (≥3 characters, or a place's ``bare`` name) the report used for an entity, and companies'
    two-character abbreviations."""
    known: dict[str, Entity] = {}
    for entity in entities:
        for name in sorted(entity.names):
            if (len(name) >= _MIN_KNOWN or name in bare) and not any(ch in name for ch in "“”"):
                known.setdefault(name, entity)
        if entity.type == "company" and _LEGAL_FORM.search(entity.name):
            short = _abbreviation(entity.name)
            if short:
                known.setdefault(short, entity)
            for form in sorted(_brand_and_trade(entity.name)):
                known.setdefault(form, entity)
    return known


_ADMINISTRATIVE = re.compile(r"^([\u4e00-\u9fff]{2,3})[省市区县]$")


def _place_stems(report: Report, resolver: "_Resolver") -> set[str]:
    """昙华林 in 昙华林瑞典教区片: the head of a place's name that the report also writes alone is a place.

    So is a district's, county's or city's name without its level (武昌 for 武昌区), two characters
    or more: returned, to be looked for although shorter than other known names.
    """
    from .recognise import _tokens

    known = {n for e in resolver.entities for n in e.names}
    bare: set[str] = set()
    for entity in [e for e in resolver.entities if e.type == "place"]:
        level = _ADMINISTRATIVE.match(entity.name)
        if level and level[1] not in known and _written_alone(report.text, level[1], entity.name):
            resolver.entity(level[1], "place")
            known.add(level[1])
            bare.add(level[1])
        stem = ""
        for token in _tokens(entity.name)[:-1]:
            stem += token.word
            if len(stem) >= _MIN_KNOWN and stem not in known and _written_alone(report.text, stem, entity.name):
                resolver.entity(stem, "place")
                known.add(stem)
    return bare


def _written_alone(text: str, stem: str, whole: str) -> bool:
    """Does ``text`` use ``stem`` on its own: before punctuation or a conjunction, not as a longer name's start?"""
    return any(not text.startswith(whole, m.start()) and re.match(r"$|[、,，。;；)）和与及等\s]", text[m.end():])
               for m in re.finditer(re.escape(stem), text))


_ALONE_AFTER = re.compile(r"$|[、,，。;；)）和与及等\s]")


def _find_known(report: Report, resolver: "_Resolver", known: dict[str, Entity], bare: set[str] = frozenset()) -> None:
    """Add the mentions of names the report uses elsewhere, where the text has no mention yet (昙华林 bare).

    A known name that covers shorter mentions replaces them (青山湾 over 青山).
    """
    if not known:
        return
    # Longest first, then by name: the order must not depend on set iteration, which varies by process.
    pattern = re.compile("|".join(re.escape(n) for n in sorted(known, key=lambda n: (-len(n), n))))
    placed: dict[int, list[tuple[Entity, EntityMention]]] = {}
    for entity in resolver.entities:
        for m in entity.mentions:
            placed.setdefault(m.task, []).append((entity, m))
    for task in report.tasks:
        for where, span in (("requirement", task.requirement_span), ("outcome", task.outcome_span)):
            if span is None:
                continue
            text = repair_dots(report.text[span.start: span.end])
            for match in pattern.finditer(text):
                if match.group() in bare and not _ALONE_AFTER.match(text, match.end()):
                    continue  # 武昌 of 武昌区 only where it stands alone, not in 武昌地税 or 武昌吴天祥小组
                start, end = span.start + match.start(), span.start + match.end()
                overlapping = [(e, m) for e, m in placed.get(task.number, [])
                               if m.span.start < end and start < m.span.end]
                if any(m.span.start < start or m.span.end > end or m.span == Span(start, end)
                       for _, m in overlapping):
                    continue
                for entity, mention in overlapping:
                    entity.mentions.remove(mention)
                    placed[task.number].remove((entity, mention))
                entity = known[match.group()]
                mention = EntityMention(task.number, match.group(), match.group(), Span(start, end), where)
                entity.mentions.append(mention)
                entity.aliases.add(match.group())
                placed.setdefault(task.number, []).append((entity, mention))


def report_entities(report: Report) -> Entities:
    """Recognise and resolve the entities of every task of ``report``."""
    resolver = _Resolver(report)
    for task in report.tasks:
        resolver.link_units(task)
    findings = []
    for task in report.tasks:
        for mention, where in _unit_mentions(task) + _recognised(report, task):
            resolver.add(task, mention, where)
        findings += _count_findings(report, task)
    bare = _place_stems(report, resolver)
    _find_known(report, resolver, _gazetteer(resolver.entities, bare), bare)
    entities = _resolve_short_forms(resolver.entities)
    entities = [e for e in entities if e.mentions or e.unit]
    _place_containment(entities)
    for entity in entities:
        entity.aliases.discard(entity.name)
    entities.sort(key=lambda e: (e.type, e.name))
    return Entities(entities, findings)


def extract_entities(text: str) -> list[dict]:
    """The recogniser and resolver on any text: ``[{"name", "type", "start", "end", "canonical"}]``.

    The text is read as one task of a report, so it gets everything a report's
    task gets (short forms, abbreviations, names found again); ``canonical`` is
    the name of the entity each mention resolved to.
    """
    entities = report_entities(_as_report(text))
    found = [
        {"name": m.name, "type": e.type, "start": m.span.start, "end": m.span.end, "canonical": e.name}
        for e in entities.entities for m in e.mentions
    ]
    return sorted(found, key=lambda f: (f["start"], f["end"], f["name"]))


def _as_report(text: str) -> Report:
    """A text that is not a report, as a report of one task whose requirement is the whole text."""
    from .model import Metadata

    whole = Span(0, len(text))
    task = Task(number=1, line=1, span=whole, section=None, subsection=None, requirement=text,
                requirement_span=whole, units=(), outcome="", outcome_span=None)
    return Report(id="text", path=None, encoding="utf-8", sha256="", text=text, metadata=Metadata(),
                  jurisdiction=None, sections=(), tasks=(task,))

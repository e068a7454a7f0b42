"""Stage 3a: named entities in a text, found by the grammar of Chinese names.

A Chinese name ends with a word that says what it names (有限公司, 局, 大学,
产业园, 路, 片 …; ``data/entity_suffixes.tsv``) and starts where the words
before it stop being part of a name: at punctuation, at a preposition or verb of
the genre (在, 推进, 利用 …; ``data/name_context.tsv``), or at a word jieba's
dictionary tags as a verb, adverb, number or particle. So the recogniser finds
names it has never seen: it anchors on suffixes, walks left over jieba's tokens
and stops at the first that cannot be inside a name. Besides that:

- 《…》 is a document;
- “…” followed by a suffix belongs to the name (“城市合伙人”计划); a quoted
  name followed by 建设/项目/品牌 is a project (“智慧武昌”建设);
- a shortened coordination is expanded: 东、西城壕 → 东城壕, 西城壕;
  轨道交通7号、8号线 → 轨道交通7号线, 轨道交通8号线;
- a person is the name after a title (区委书记赵国梁, 旗长乌力吉巴图带队) or one jieba tags as a name beside it (万勇市长);
- a company's works written after its full name are one project
  (…股份有限公司鹭洲储能电池项目); campaigns (平安北港), quoted brands given a mark
  and quoted events listed before a kind of event are projects;
- titles (国家级…示范区) and the project of doing something (改造项目) are not names;
- listed phases (安置房一、二期) are each a project, works named after the last of listed
  places (紫阳湖、都司湖水生态修复工程) are each place's, and bracketed items after a count of a
  kind (新增5所幼儿园(甲、乙、…)) are of that kind;
- a chain's first shop in a region (盒马鲜生湖北首店) and a foreign country before a Latin
  name (英国A.T.Design设计事务所) are split into the company and the place.

The rules' names of companies, organizations, projects and places are then redrawn by a
learned tagger where it is sure of its own (:mod:`kg.tagger`, a CRF over characters trained
on the hand-annotated reports by ``eval/train_entities.py``): the rules' edges do not carry
over well to reports they were not tuned on.

After that, on the names kept (the tagger's or the rules'), a few edges that neither draws well
by itself, all chosen by folds of the annotated reports:

- the tagger's names that are common phrases of the genre name nothing (一窗通办, 路基工程);
- a common word for the area before a whole name is not part of it (园区工业大道 → 工业大道);
- a name drawn from its opening quote up to its closing one is the quoted name (“天使投资计划 → 天使投资计划);
- a company written in full, then its works up to 项目, is one project (…有限公司年产8亿只瓶坯项目);
- a road's section by its direction (明珠大道北段), a river's by its town (梧垵溪泉湾段) and the works
  on a road (梧桐路改造工程, 解放大道西延, projects) are named with them; a place whose name runs on into a body
  or a centre (向阳社区党群服务中心, 沙石镇中心小学) is that body or centre;
- a section after the last of listed rivers or metro lines is each one's (涧河、瀍河嵩阳段 →
  涧河嵩阳段, 瀍河嵩阳段), as are works after the last of listed roads (牡丹江路、乌苏里大街改造工程 →
  牡丹江路改造工程, …) and of listed lakes (紫阳湖、都司湖水生态修复工程), and so are bodies and centres
  after the last of listed townships (中峰镇、新店镇卫生院 → 中峰镇卫生院, 新店镇卫生院);
- parcels or areas listed by their codes after the zone they lie in are each the zone's
  (核心区B2、B4地块 → …核心区B2地块, …核心区B4地块).

>>> [(m.name, m.type) for m in recognise("协调湖北纳杰人力资源有限公司,在中北路建设基地")]
[('湖北纳杰人力资源有限公司', 'company'), ('中北路', 'place')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from operator import attrgetter

from .lexicon import load_tsv
from .tagger import COUNT, redrawn

__all__ = ["TYPES", "Mention", "is_generic_name", "recognise"]

from .choices import BODY_TYPES, ENTITY_TYPES as TYPES

# jieba part-of-speech tags that never occur inside a name: verbs, prepositions,
# conjunctions, particles, adverbs, pronouns, measure words, time words, locatives.
_STOP_TAGS = frozenset(["vd", "vg", "p", "c", "u", "uj", "ul", "uv", "uz", "ud", "ug", "d", "dg", "r", "rr", "rz", "q", "y", "e", "o", "t", "tg", "ad", "i"])
# 第二污水处理厂, 第三届锦泉美食节, 第6代柔性AMOLED模组项目: an ordinal, an edition or a generation is name material.
_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[届代]?|首届)$")
_CLASSIFIERS = frozenset("个条家所座项批处名位人户次")
# Verbs may sit inside a name (智能制造产业园) but never begin one.
_SOFT_TAGS = frozenset({"v", "vn", "a", "f", "l"})
_TERM = re.compile(r"^(?:[一二三四五六七八九十两百]|\d)+年$")
# A registered company name (…有限公司) is a name from its first character: inside it
# only function words and punctuation end it (武汉易行通新能源科技有限公司 holds verbs).
_FUNCTION_TAGS = frozenset(["p", "c", "u", "uj", "ul", "uv", "uz", "ud", "ug", "y", "e", "o"])
_LEADING_VERBS = frozenset(["v", "vn", "vd", "d", "ad", "p", "c"])
_FUNCTION_WORDS = frozenset(["的", "了", "着", "过", "和", "与", "及", "或", "在", "由", "为", "对", "向", "将", "把", "被", "从", "等", "并", "且", "同", "跟", "给", "以"])
_DIRECTIONS = frozenset(["东", "西", "南", "北", "中", "东西", "南北"])  # 东莲湖片, 北莲湖: a direction begins many place names
_BRANCHES = frozenset({"分公司", "分行", "支行", "营业部", "分院", "分中心", "分所", "店", "支公司", "区域总部", "总部", "运营中心",
                       "营运中心", "结算中心"})
_LEGAL_FORMS = frozenset({"股份有限公司", "有限责任公司", "有限公司", "分公司", "总公司", "集团"})
# Words jieba knows that are also names' parts only when tagged as names.
_NAME_TAGS = frozenset(["ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "eng"])
_NAME_CHARS = re.compile(r"[\u3400-\u9fffA-Za-z0-9·+\-—.]*")  # fullmatch: every character of a word is a name's


def _of_name_chars(word: str) -> bool:
    return _NAME_CHARS.fullmatch(word) is not None
_OPENERS = {"”": "“", ")": "(", "）": "（", "’": "‘"}
_MAX_LENGTH = {"company": 32, "organization": 20, "agency": 20}
_DEFAULT_MAX = 16
_PLACE_LEVELS = frozenset("区县市省州镇乡村")
_LEVEL = "省|自治区|市|自治州|州|盟|区|自治县|县|旗|镇|乡"  # the administrative levels a body is named after
_LEVEL_ENDS = frozenset("省区市州盟县旗镇乡")
_LEVEL_PREFIX = re.compile(r"^(区|市|省|县|镇|乡|国家|中央|团区|团市|自治区|自治州|自治县|旗(?![舰袍帜下]))(?!级)")
_ORDINAL_START = re.compile(r"^(?:第[一二三四五六七八九十百\d]+|首)[届次]")
_JURISDICTION = re.compile(r"^[\u4e00-\u9fff]{2,3}[省市区县]")
# 区图书馆, 市三医院: a district's or city's own facility is named by its level alone; a province's or
# the state's (省重点项目, 国家全域旅游示范区) is a title given to someone else's.
_OWN_LEVEL_GRADE = re.compile(r"^[区县市]级")
_OWN_LEVEL = re.compile(r"^(区|市|县|镇|乡|团区|团市)(?!级)")
_QUOTED_PROJECT = ("建设", "项目", "品牌", "工程")
_ACTIVITY = re.compile(r"(?:(?!等)[\u4e00-\u9fff]){0,4}?活动")  # not “文明市民”等活动, a list of titles


@dataclass(frozen=True)
class Mention:
    """One name in a text: ``name`` is the name as written, tidied (no spaces, no outer quotes)."""

    name: str
    type: str
    start: int  # character offsets of the written form, in the text given (plus ``offset``)
    end: int
    text: str  # as written
    expanded: bool = False  # completed from a shortened coordination (东、西城壕 → 西城壕 … 东城壕)
    short_for: str | None = None  # the full name a declared short form stands for (以下简称“天瑞环境”)
    within: str | None = None  # the place this one was written inside (青石村 in 白果镇青石村)

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int
    tag: str  # jieba's dictionary tag, "?" for a word it does not know


@dataclass(frozen=True)
class _Suffix:
    text: str
    type: str
    min_prefix: int


# ------------------------------------------------------------------ lexicons


@cache
def _suffixes() -> tuple[_Suffix, ...]:
    rows = [_Suffix(r["suffix"], r["type"], int(r["min_prefix"])) for r in load_tsv("entity_suffixes.tsv")]
    return tuple(sorted(rows, key=lambda s: len(s.text), reverse=True))


@cache
def _suffix_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(s.text) for s in _suffixes()))


_LONGEST_SUFFIX = 6  # 股份有限公司


@cache
def _suffix_of() -> dict[str, _Suffix]:
    return {s.text: s for s in _suffixes()}


@cache
def _context(role: str) -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("name_context.tsv") if r["role"] == role)


@cache
def _longest_first(role: str) -> tuple[str, ...]:
    return tuple(sorted(_context(role), key=lambda w: (-len(w), w)))


def _tokens(text: str) -> list[_Token]:
    """jieba's words of ``text``, each with its dictionary tag (kg.segment loads jieba's dictionary fast)."""
    from .segment import segmenter

    words = segmenter()
    tag_of = words.tag
    tokens, position = [], 0
    for cut in words.cut(text):
        tag = tag_of(cut)
        if tag != "?" or len(cut) < 2:  # a word of the dictionary or one character, the most of them: as cut
            tokens.append(_Token(cut, position, position + len(cut), tag))
            position += len(cut)
            continue
        for word in _unglued(cut, words):
            tokens.append(_Token(word, position, position + len(word), tag_of(word)))
            position += len(word)
    return _suffix_then_verb(_waters_apart(_words_kept(text, _phases_apart(text, _ordinals_joined(text, tokens)))))


_ORDINAL_WRITTEN = re.compile(r"第\d+[届代]|\d+(?:\.\d+)?万?(?:吨级|吨|千瓦|兆瓦)(?=[\u4e00-\u9fff])")


def _ordinals_joined(text: str, tokens: list[_Token]) -> list[_Token]:
    """第|6|代 → 第6代, 150|万吨 → 150万吨: an ordinal or a capacity before a name is one word of it.

    jieba cuts them into pieces that look like a count, which would end the name.
    """
    for match in _ORDINAL_WRITTEN.finditer(text):
        inside = [i for i, t in enumerate(tokens) if match.start() <= t.start and t.end <= match.end()]
        if len(inside) > 1 and tokens[inside[0]].start == match.start() and tokens[inside[-1]].end == match.end():
            tag = "m" if match.group().startswith("第") else "nz"  # a capacity is name material like a brand
            tokens[inside[0]: inside[-1] + 1] = [_Token(match.group(), match.start(), match.end(), tag)]
    return tokens


_NUMERAL = r"(?:[一二三四五六七八九十]|\d{1,2})"
# 莲塘安置房一、二期: phases listed after the name they share, the first without its 期.
_LISTED_PHASES = re.compile(_NUMERAL + r"期?(?:、" + _NUMERAL + r"期?)*(?:、|和|及)" + _NUMERAL + "期")


_MORE_PHASES = re.compile(r"(?:(?:、|和|及)" + _NUMERAL + "期)+")


def _phases_apart(text: str, tokens: list[_Token]) -> list[_Token]:
    """安置房|一、二期: a listed phase begins a word, whatever jieba glued it to (房一)."""
    for match in _LISTED_PHASES.finditer(text):
        at = match.start()
        i = next((k for k, t in enumerate(tokens) if t.start < at < t.end), None)
        if i is not None:
            t = tokens[i]
            head, tail = t.word[: at - t.start], t.word[at - t.start:]
            tokens[i: i + 1] = [_Token(head, t.start, at, _tag(head)), _Token(tail, at, t.end, _tag(tail))]
    return tokens


# Words of the genre jieba cuts apart when a name follows (其中华锐… → 其|中华|锐): never part of a name.
_WHOLE_WORDS = re.compile(r"其中|以及")


def _words_kept(text: str, tokens: list[_Token]) -> list[_Token]:
    """其|中华|锐 → 其中|华锐: a function word that jieba split to glue its end to a name is one word again."""
    for match in _WHOLE_WORDS.finditer(text):
        p, q = match.span()
        inside = [i for i, t in enumerate(tokens) if t.start < q and p < t.end]
        if not inside or (tokens[inside[0]].start == p and tokens[inside[-1]].end == q):
            continue
        first, last = tokens[inside[0]], tokens[inside[-1]]
        pieces = [(first.start, p), (p, q), (q, last.end)]
        tokens[inside[0]: inside[-1] + 1] = [_Token(text[a:b], a, b, _tag(text[a:b])) for a, b in pieces if a < b]
    return tokens


_WATER_WORDS = frozenset({"湖水", "河水", "江水", "溪水"})


def _waters_apart(tokens: list[_Token]) -> list[_Token]:
    """都司|湖水|生态 → 都司|湖|水|生态: after a noun, 湖 of 湖水 ends a lake's name (都司湖水生态修复)."""
    out: list[_Token] = []
    for token in tokens:
        if token.word in _WATER_WORDS and out and out[-1].tag in ("ns", "nr", "nz", "n", "?") and len(out[-1].word) >= 2:
            head, tail = token.word[0], token.word[1:]
            out += [_Token(head, token.start, token.start + 1, _tag(head)), _Token(tail, token.start + 1, token.end, _tag(tail))]
        else:
            out.append(token)
    return out


def _suffix_then_verb(tokens: list[_Token]) -> list[_Token]:
    """工程建设 → 工程|建设: a word jieba made of a name's last word and a verb of two characters or more is two words."""
    out: list[_Token] = []
    suffixes, boundary = _suffix_of(), _context("boundary")
    for token in tokens:
        head = next((token.word[:k] for k in range(len(token.word) - 2, 1, -1)
                     if token.word[:k] in suffixes and token.word[k:] in boundary), None) if len(token.word) >= 4 else None
        if head:
            out += [_Token(head, token.start, token.start + len(head), _tag(head)),
                    _Token(token.word[len(head):], token.start + len(head), token.end, _tag(token.word[len(head):]))]
        else:
            out.append(token)
    return out


def _tag(word: str) -> str:
    from .segment import segmenter

    return segmenter().tag(word)


_SETTLEMENT_ENDS = frozenset("镇乡村")


def _unglued(word: str, tags) -> list[str]:
    """居锦岷市 → 居 | 锦岷市: a word jieba guessed (not in its dictionary) loses a preposition glued to its ends.

    Its word guesser reads a run of unknown characters as one word, and the
    preposition or verb before a new name is often in that run; left there, the
    name would begin with it (增速居锦岷市, 整合为城投集团).
    """
    if len(word) < 2 or word in tags:
        return [word]
    parts = [word]
    if word[0] in _context("glued_lead"):
        parts = [word[0], word[1:]]
    if len(parts[-1]) >= 2 and parts[-1][-1] in _context("glued_tail"):
        parts[-1:] = [parts[-1][:-1], parts[-1][-1]]
    last = parts[-1]
    cut = next((k + 1 for k, ch in enumerate(last[:-1]) if ch in _SETTLEMENT_ENDS), None)
    if cut is not None:  # 沙石|镇火|燃村 → 镇|火: a town or village ends a name, the guessed word ends there too
        parts[-1:] = [last[:cut], last[cut:]]
    return parts


# ------------------------------------------------------------------ candidates


def _tidy(written: str) -> str:
    name = re.sub(r"\s+", "", written).replace("?", "·")
    if len(name) > 2 and name[0] in "“\"'‘" and name[-1] in "”\"'’" and name.count("“") <= 1:
        name = name[1:-1]
    return name


def _can_continue_left(token: _Token, lenient: bool = False) -> bool:
    """Can ``token`` be part of a name that ends after it?"""
    if not _of_name_chars(token.word):
        return False
    if lenient:  # a registered name holds business words (建设, 投资) and odd segments (华润|置|地)
        if token.word in _context("boundary") and token.word not in _context("business"):
            return False
        if token.word in _context("owner") or len(token.word) >= 4 and token.word.endswith("企业"):
            return False  # 区属国有企业汴川投资控股集团有限公司: what kind of company it is, before its name
        return token.tag not in _FUNCTION_TAGS or token.word not in _FUNCTION_WORDS
    if token.word in _context("boundary") or _is_boundary_phrase(token.word):
        return False
    if token.word in _context("route") or token.word in _context("name_word") or token.word in _known_places():
        return True  # 沪昆高速云溪互通, 遵义医科大学: jieba calls 高速 an adverb and 遵义 a verb
    if token.tag in _NAME_TAGS or token.tag == "?":
        return True
    if token.tag == "m":  # 7号线, 第二污水处理厂: digits and ordinals are name material, counts are not
        return token.word.isascii() or bool(_ORDINAL.match(token.word)) or bool(_NUMBERED_WORD.match(token.word))
    return token.tag not in _STOP_TAGS


# 三门(坡镇), 一路 (武车一路): a numeral glued to a word that is not a classifier or a unit is name material.
_NUMBERED_WORD = re.compile(r"^[一二三四五六七八九十百千两]+[^一二三四五六七八九十百千万亿两个条家所座项批处名位人户次年月日天号期届成倍多余]$")


def _is_boundary_phrase(word: str) -> bool:
    """全面实施, 积极推进: one word to jieba made of boundary words (an adverb and a verb of the genre)."""
    boundary = _context("boundary")
    return len(word) >= 4 and any(word[:k] in boundary and word[k:] in boundary for k in range(1, len(word)))


def _names_softly(tokens: list[_Token], i: int, index: int) -> bool:
    """Is the verb or adjective ``tokens[i]`` part of the name that ends with ``tokens[index]``?

    消费提振行动, 扫黑除恶专项斗争: a programme names an action, with a noun or two verbs.
    沿江大道, 解放路: a road is named by the one word before it.
    团结小区, 幸福里小区: an estate is named with virtues and plain words.
    白沙河, 小南湖: a one-character adjective before a place's name begins it.
    """
    token, last = tokens[i], tokens[index]
    if last.word in _context("programme") and (token.tag == "vn" or token.tag == "v" and tokens[i + 1].tag in ("v", "vn")
                                     and i + 1 < index):
        return True  # but 集中行动, 搬迁计划: one verb before a programme only says what it does
    if tokens[i + 1].word in _ROAD_LIKE and (i + 1 == index or len(tokens[i + 1].word) == 1):
        return True  # and 团结路派出所: a body named after its road
    if last.word in _context("estate") and last.start - token.start <= 3:
        return True
    return len(token.word) == 1 and token.tag == "a" and tokens[i + 1].tag in ("ns", "nz", "?")


def _left_edge(tokens: list[_Token], index: int, lenient: bool = False, branch: bool = False,
               verbs: bool = True, body: bool = False) -> int:
    """Where the name whose last words start at ``tokens[index]`` begins (a character offset).

    Verbs are taken into a name only when name material lies further left:
    中德·临江智能制造产业园 holds 制造, but 组织南岭大学 starts at 南岭.
    ``lenient``: a registered company name, which only function words end.
    ``branch``: the name is a branch (分公司, 分行), whose name holds its parent's.
    ``verbs``: False for bodies, whose names hold none (上报市服企办 starts at 市), but see ``body``.
    ``body``: the name is a body's, whose words of work may be verbs after its level (省应急管理厅).
    """
    start = committed = tokens[index].start
    i = index - 1
    while i >= 0:
        token = tokens[i]
        opener = _OPENERS.get(token.word)
        if opener:  # a quoted or bracketed part inside the name: “城市合伙人”计划, 黄鹤英才(科技创业)计划
            j = i - 1
            while j >= 0 and tokens[j].word != opener and tokens[i].start - tokens[j].start <= 12:
                j -= 1
            if j < 0 or tokens[j].word != opener:
                break
            start = committed = tokens[j].start
            if opener == "“" and i == index - 1:
                break  # a quoted name is named from its quote: 汉江市“黄鹤英才”计划 is “黄鹤英才”计划
            i = j - 1
            continue
        if token.word == "·" and i and _of_name_chars(tokens[i - 1].word):
            start = committed = tokens[i - 1].start  # 泰康之家·汉园: the word before a dot is the name's, whatever jieba calls it
            i -= 2
            continue
        if token.word == "至" and tokens[index].word in _context("route") and i and _can_continue_left(tokens[i - 1]):
            i -= 1  # 黔溪至榕江高速公路: a road is named by the places it joins
            continue
        if token.word in _CLASSIFIERS and i and tokens[i - 1].word.isdigit():
            break  # 2人进入黄鹤英才计划: a count ends the words before a name
        if i == index - 1 and _TERM.match(token.word) and tokens[index].word in _context("programme"):
            start = committed = token.start  # 专项整治三年行动: a programme's term is part of its name
            i -= 1
            continue
        said_of_body = i and (_ends_a_body(tokens[i - 1].word) or token.tag == "v" and (
            _ends_an_agency(tokens[i - 1].word) and tokens[i - 1].word != "街道"))
        if not lenient and token.tag in ("v", "vn") and said_of_body and token.word not in _context("works_verb"):
            break  # 区中医院加入福建中医药大学附属医院, 区财政局下达资金: a verb after a body's whole name is said of it
            # (not 街道综合养老服务中心, 市政府投资基金: a street is also a place, and a noun-verb qualifies)
        adjacent_form = lenient and i == index - 1  # 集团有限公司 is one legal form
        # 神华销售集团华中公司, 公交集团五公司: a group's regional or numbered company is named with the group
        adjacent_form = adjacent_form or lenient and i == index - 2 and tokens[index].word == "公司" and (
            _is_region(tokens[i + 1].word) or tokens[i + 1].tag == "m" and len(tokens[i + 1].word) == 1)
        if not verbs and token.tag in _SOFT_TAGS and not _names_softly(tokens, i, index):
            level = _jurisdiction_before(tokens, i, index) if body else None
            if level is None:
                break  # but 大荆镇: a one-character adjective may begin a place
            start = committed = tokens[level].start  # 省应急管理厅, 县禁毒委员会: a body's line of work, after its level
            i = level - 1
            continue
        rebuilt = token.word in _context("works_verb") and tokens[index].word in ("工程", "项目")
        if rebuilt and not _can_continue_left(tokens[i - 1] if i else token):
            break  # 市中医院迁建工程: rebuilding is part of the works' name only after what is rebuilt
        if not rebuilt and (not _can_continue_left(token, lenient)
                            or token.word in _LEGAL_FORMS and not (branch or adjacent_form)):
            break  # a company's name ends there: 三角集团V+城市合伙人乐创空间 is two names
        start = token.start
        if lenient or token.tag not in _SOFT_TAGS or _is_road_word(token.word) or token.word in _DIRECTIONS or (
                _names_softly(tokens, i, index)) or token.word in _known_places():
            committed = start
        i -= 1
    return _after_leading_verbs(tokens, committed, index) if lenient else committed


_BODY_LEVELS = frozenset(_LEVEL.split("|")) | {"国家", "中央"}
_MOST_WORDS_OF_WORK = 4


def _jurisdiction_before(tokens: list[_Token], i: int, index: int) -> int | None:
    """The index of the level word or seat that begins a body whose words from ``tokens[i]`` on name its line of work.

    省应急管理厅, 市发展改革委, 区招商引资工作领导小组: a body's name holds verbs (应急, 发展, 招商引资), which end other
    names; they are the body's only when a level (省, 自治区, 中央) or a seat (沂州市, 湖北省) comes first, a few words
    before.
    """
    if any(_ends_an_agency(t.word) for t in tokens[i + 1: index]):
        return None  # 县扶贫局会同县财政局: a body ends between, the verb joins two bodies
    for j in range(i, max(i - _MOST_WORDS_OF_WORK, -1), -1):
        token = tokens[j]
        if token.word in _BODY_LEVELS or len(token.word) >= 3 and token.word[-1] in _LEVEL_ENDS and (
                token.tag in ("ns", "?") or token.word[:-1] in _known_places()):
            return j
        if token.word in _context("boundary") and token.word not in _context("business") or not (
                token.tag in _SOFT_TAGS or _can_continue_left(token)) or _ends_an_agency(token.word):
            return None
    return None


def _ends_an_agency(word: str) -> bool:
    """扶贫局, 政协, 发改委: a word that ends a body's name."""
    found = _suffix_ending(word, at_least=0)
    return found is not None and found.type == "agency"


_MACRO_REGIONS = ("华中", "华东", "华南", "华北", "西南", "西北", "东北")


def _is_region(word: str) -> bool:
    """华中, 湖北: a part of the country a company's regional unit is named after."""
    return word in _MACRO_REGIONS or word in _known_places()


def _ends_a_body(word: str) -> bool:
    """医院, 中医院, 大学, 公司: a word that ends the name of a school, hospital or company (a suffix of two characters or more)."""
    found = _suffix_ending(word, at_least=0)
    return found is not None and len(found.text) >= 2 and found.type in ("organization", "company")


def _after_leading_verbs(tokens: list[_Token], start: int, index: int) -> int:
    """拜访华为技术有限公司, 新认定江西晶源…有限公司: a registered name starts after the verbs before it.

    After 、 it starts at once: 、安踏体育用品集团 (安踏 is a verb to jieba), as no verb starts a list's item.
    """
    i = bisect_left(tokens, start, key=_START)  # the token starting there
    if i > 0 and tokens[i - 1].word == "、":
        return start
    while i < index and (tokens[i].tag in _LEADING_VERBS or _qualifies_verb(tokens, i)):
        i += 1
    return tokens[i].start


def _qualifies_verb(tokens: list[_Token], i: int) -> bool:
    """新认定江西晶源…有限公司: 新 qualifies the verb after it, it does not begin the company's name."""
    return len(tokens[i].word) == 1 and tokens[i].tag == "a" and i + 1 < len(tokens) and tokens[i + 1].tag == "v"


def is_generic_name(name: str) -> bool:
    """各乡镇, 相关部门, 各县(区)人民政府: a unit cell's way of saying "all of them", not a name."""
    found = _longest_suffix(name)
    suffix = found.text if found else ""
    return _is_generic(name[: len(name) - len(suffix)]) or name.startswith(("各", "相关", "有关", "其他"))


def _longest_suffix(name: str) -> _Suffix | None:
    """The longest suffix ``name`` ends with (as the first of _suffixes() it ends with), looked up by length."""
    for length in range(min(len(name), _LONGEST_SUFFIX), 0, -1):
        found = _suffix_of().get(name[-length:])
        if found is not None:
            return found
    return None


@lru_cache(maxsize=1 << 16)  # bounded: a long-lived process reads many reports
def _is_common(name: str) -> bool:
    """省级以上研发平台, 农村公路: a common noun phrase of the genre, perhaps qualified, names nothing."""
    generic = _longest_first("generic")
    while True:
        if name in _context("common"):
            return True
        word = next((w for w in generic if name.startswith(w) and len(name) > len(w)), None)
        if word is None:
            return False
        name = name[len(word):]


@lru_cache(maxsize=1 << 16)
def _is_generic(prefix: str) -> bool:
    """True when the words before the suffix only qualify it (各街道, 相关部门, 重点企业)."""
    rest = prefix
    while rest:
        word = next((w for w in _longest_first("generic") if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word):]
    return True


# Tokens are in text order, none empty, none overlapping: the rules find them by bisection on their starts,
# not by walking the whole text's tokens for each candidate name.
_START = attrgetter("start")


def _token_at(tokens: list[_Token], offset: int) -> int | None:
    """The index of the token that holds the character at ``offset``."""
    i = bisect_right(tokens, offset, key=_START) - 1
    return i if i >= 0 and offset < tokens[i].end else None


def _token_ending(tokens: list[_Token], offset: int) -> int | None:
    """The index of the token that ends at ``offset``."""
    i = bisect_left(tokens, offset, key=_START) - 1
    return i if i >= 0 and tokens[i].end == offset else None


def _starting_within(tokens: list[_Token], start: int, end: int) -> list[_Token]:
    """The tokens that start at ``start`` or after, before ``end``."""
    return tokens[bisect_left(tokens, start, key=_START): bisect_left(tokens, end, key=_START)]


def _suffix_candidates(text: str, tokens: list[_Token]) -> list[Mention]:
    ends = {t.end for t in tokens}
    starts = {t.start: i for i, t in enumerate(tokens)}
    found = []
    for match in _suffix_pattern().finditer(text):
        suffix = _suffix_of()[match.group()]
        if match.end() not in ends:
            continue
        index = starts.get(match.start())
        if index is None:
            # The suffix ends a longer word: accept it when that word is a name (中北路 ns), not a common noun (道路).
            index = _token_at(tokens, match.start())
            token = tokens[index]
            if token.word in _context("not_an_end"):
                continue  # 市中心: a common word that ends like a name (汉江市中心城区)
            # A two-character common word is no name: 格局, 道路, 思路 (but 规划局, 中北路 are).
            numbered = _NUMBERED_WORD.match(token.word) and index and tokens[index - 1].tag in ("?", "ns", "nz", "nr")
            if len(suffix.text) == 1 and len(token.word) == 2 and token.tag not in _NAME_TAGS and token.tag != "?" and (
                    not _is_water(token.word)) and not numbered and (
                    not _is_party_committee(token.word, text, match.end())):
                continue  # but 月湖, 西溪: a lake or a stream is named with one character; 武车一路 with a numeral
        if suffix.type == "place" and len(suffix.text) == 1 and text[match.end(): match.end() + 1] in _PLACE_GOES_ON:
            continue  # 龙湾村, 双河镇, 紫阳湖路, 澜溪嘴: a water that names a village, a town, a road or a point is part of its name
        # Bodies and administrative places (四川省, 海澄市) are named without verbs.
        start = _left_edge(tokens, index, lenient=suffix.type == "company", branch=suffix.text in _BRANCHES,
                           verbs=suffix.type != "agency" and suffix.text not in _PLACE_LEVELS,
                           body=suffix.type == "agency")
        owner = _owner_start(tokens, start) if suffix.text in _context("works") else None
        if owner is not None:
            start = owner
        written = text[start: match.end()]
        mention = _typed(written, suffix, start, tokens, text[match.end(): match.end() + 8], owned=owner is not None)
        if mention:
            found.append(mention)
    return found


_PLACE_GOES_ON = frozenset("村路街巷片嘴口镇乡")
_COMMITTEE = re.compile(r"[区市县省州旗盟]委")


def _is_party_committee(word: str, text: str, end: int) -> bool:
    """市委, 县委: a level's party committee, a body, written as one common word; but not in a title (县委书记,
    县委常委): annotators name only the person there."""
    return bool(_COMMITTEE.fullmatch(word)) and not text.startswith(_person_words("title") + ("常委", "委员"), end)


def _owner_start(tokens: list[_Token], start: int) -> int | None:
    """宁德时代新能源科技股份有限公司鹭洲储能电池项目: where the company whose works these are begins.

    A company's plant, base or project is named after the company written in
    full before it; the walk left stopped at the company's legal form.
    """
    index = _token_ending(tokens, start)
    while index is not None and index > 0 and tokens[index].tag in _SOFT_TAGS and start - tokens[index].start <= 4:
        index -= 1  # …有限公司先进封装测试项目: the works' own verbs and adjectives lie between
    if index is None or tokens[index].word not in _LEGAL_FORMS or tokens[index].word == "分公司":
        return None
    owner = _left_edge(tokens, index, lenient=True)
    return owner if owner < tokens[index].start else None


_COUNTED = re.compile(r"^\d+[个条家所座项批处名位日月年]")
_DESCRIBED = frozenset({"project", "place", "organization"})
# Words that make a phrase a description wherever they stand in it (武昌主要景区, 相关职能部门).
_DESCRIBING = frozenset({"主要", "相关", "有关", "部分", "各类", "所有", "全部", "其他", "一些"})
# Roads, waters and hills are named with common words (健康路, 民主路, 月湖): no proper word needed.
_ROAD_LIKE = frozenset(["路", "街", "大道", "大街", "巷", "湖", "江", "河", "溪", "港", "塘", "山", "洲", "桥"])
# So are programmes (天使投资计划, 名师成长工程).


def _is_road_word(word: str) -> bool:
    """武珞路, 紫阳湖: one word that is a road's or a water's name, whatever jieba tags it."""
    return len(word) >= 3 and word.endswith(tuple(_ROAD_LIKE))


def _is_water(word: str) -> bool:
    """星湖, 东湖: a two-character lake, river or hill is a name (道路, 大街 are not: roads are left out)."""
    return len(word) == 2 and word[-1] in _context("water") and word not in _context("common")


def _has_proper_word(tokens: list[_Token], start: int, end: int) -> bool:
    """老旧小区, 研发平台, 人民医院 only describe: a name holds a proper word (a place, a brand, a number, a quote)."""
    first = max(bisect_right(tokens, start, key=_START) - 1, 0)  # the token holding ``start`` may begin before it
    for token in tokens[first: bisect_left(tokens, end, key=_START)]:
        if token.end <= start or token.start >= end or token.word in _context("generic"):
            continue  # 地埋式, 重点: a word that only qualifies is no proper word, whatever jieba tags it
        if token.tag in _NAME_TAGS or token.tag == "?" or any(ch.isascii() and ch.isalnum() for ch in token.word) or (
                token.word in _known_places()):
            return True
        if _is_road_word(token.word) or _is_water(token.word):
            return True  # 武珞路中学, 星湖公园: a road's or a lake's name makes the school's or the park's
        if token.word in ("路", "街", "大道", "大街") and token.start > start:
            return True  # 学府|街社区卫生服务中心: so does a road written as two words
        if _ORDINAL.match(token.word):
            return True  # 第二污水处理厂: an ordinal tells one from the others
    return False


_CAMPUS = re.compile(r"[东西南北]区(?![\u4e00-\u9fff]{0,1}[区县市])|[东西南北]院(?![长士])"
                     r"|(?:(?![的和与及在等])[\u4e00-\u9fff]){0,3}(?:校区|院区)")
# 区第一幼儿园鹭湾分园, 实验学校城南分校: a school's or hospital's branch is a body named after it.
_BRANCH_BODY = re.compile(r"(?:(?![的和与及在等])[\u4e00-\u9fff]){2,3}(?:分园|分校|分院)")
# 区第一幼儿园樟树湾园: a kindergarten's other site is written with its place and 园.
_KINDERGARTEN_SITE = re.compile(r"(?:(?![的和与及在等])[\u4e00-\u9fff]){2,3}园(?![区林艺])")
_HOUSE_NUMBER = re.compile(r"^\d{1,4}号(?![线楼院])")
# 临江大道五期, 6号线临江段, 9号线一期渝川段 (a phase's section).
_PHASE = re.compile(r"^(?:(?:[一二三四五六七八九十]{1,2}|\d{1,2})期(?!间|末|初|内|刊)(?:[\u4e00-\u9fff]{2}段(?![落时]))?"
                    r"|[\u4e00-\u9fff]{2}段(?![落时]))")


def _without_tail(written: str, name: str, suffix: _Suffix) -> tuple[str, str, _Suffix]:
    """产业园二期主体工程 → 产业园二期; “中科武大·智谷”项目 → 中科武大·智谷: a name followed by a word for its works.

    项目 is cut only after what is a name by itself (a suffix or a quote): 宁德时代鹭洲项目 stays whole.
    """
    tails = _longest_first("tail")  # the longest first, whatever the set's order
    tail = next((t for t in tails if name.endswith(t) and len(name) > len(t) + 2), None)
    if tail is None:
        return written, name, suffix
    rest = name[: len(name) - len(tail)]
    named = _suffix_ending(rest, at_least=0, but="项目")
    if tail in ("项目", "建设项目") and named is None and not rest.endswith("”"):
        return written, name, suffix
    return written[: len(written) - len(tail)], _tidy(rest), named or _Suffix("", suffix.type, 0)


def _rebuilds_a_name(name: str) -> bool:
    """区妇幼保健院迁建项目: the works of rebuilding something named are a project's name."""
    verb = next((w for w in _context("works_verb") if name[:-2].endswith(w)), None)
    return verb is not None and _is_whole_name(name[: len(name) - 2 - len(verb)])


def _acts_before(tokens: list[_Token], offset: int) -> bool:
    """Is the word that ends at ``offset`` a verb (改造, 开工, 服务; 建设 inside jieba's 建设项目)?"""
    before = _token_ending(tokens, offset)
    if before is not None:
        return tokens[before].tag in ("v", "vn", "vd")
    at = _token_at(tokens, offset)
    inside = tokens[at] if at is not None and tokens[at].start < offset else None
    return inside is not None and any(len(w) >= 2 and inside.word[: offset - inside.start].endswith(w)
                                      for w in _context("boundary"))


@cache
def _common_end() -> re.Pattern:
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(_context("common"), key=len, reverse=True)) + ")$")


def _suffix_ending(name: str, at_least: int | None = None, but: str = "") -> _Suffix | None:
    """The longest suffix ``name`` ends with, after enough characters of its own (``at_least``, else its min_prefix)."""
    for length in range(min(len(name), _LONGEST_SUFFIX), 0, -1):
        found = _suffix_of().get(name[-length:])
        if found is not None and found.text != but and len(name) - length >= (
                found.min_prefix if at_least is None else at_least):
            return found
    return None


def _without_common_end(written: str, name: str, suffix: _Suffix) -> tuple[str, str, _Suffix]:
    """西关村城中村 → 西关村: a place followed by a common noun of its kind (城中村, 老旧小区) names the first.

    Not works or bodies: 苏澄高新区政务服务中心 is the zone's service centre.
    """
    common = _common_end().search(name) if written == name and suffix.type == "place" else None
    if common is None or common.start() < 3:
        return written, name, suffix
    rest = name[: common.start()]
    own = _suffix_ending(rest)
    if own is None or own.type != suffix.type:
        return written, name, suffix
    return rest, rest, own


def _typed(written: str, suffix: _Suffix, start: int, tokens: list[_Token], text_after: str = "",
           owned: bool = False) -> Mention | None:
    """The mention a suffix candidate makes, or None when what was found names nothing.

    ``owned``: the works of a company written in full before them (…有限公司…项目).
    """
    counted = _COUNTED.match(written)
    if counted:  # 13条街道: a count of generic things, not a name
        written, start = written[counted.end():], start + counted.end()
    name = _tidy(written)
    if not owned:  # a company's works keep their 项目: 安踏体育用品集团有限公司华南智能物流中心项目
        written, name, suffix = _without_tail(written, name, suffix)
    written, name, suffix = _without_common_end(written, name, suffix)
    prefix = name[: len(name) - len(suffix.text)]
    if _only_describes(name, prefix, suffix, start, len(written), tokens, owned):
        return None
    written, name, kind, phase = _extended(written, name, suffix, text_after)
    # 人民医院高新院区: a campus is named by its site, even of a body whose own name is generic
    sited = suffix.type == "organization" and kind == "project"
    if _names_nothing(name, prefix, suffix, kind, start, tokens, owned or sited, phase):
        return None
    if kind in ("project", "place") and _LEVEL_PREFIX.match(name) and suffix.text in ("中心", "办公室", "站"):
        kind = "agency"
    if kind == "agency" and name.endswith("办") and name[-2:-1] in _context("service_done"):
        kind = "project"  # 浙里办, 一网通办: a service or app named for how things get done, not an office
    return Mention(name, kind, start, start + len(written), written)


def _only_describes(name: str, prefix: str, suffix: _Suffix, start: int, length: int, tokens: list[_Token],
                    owned: bool) -> bool:
    """省级以上研发平台, 幼儿园6所, 武昌区重大项目: what the words before the suffix say is a kind, a count or a quality."""
    if _is_common(name) or any(t.word in _DESCRIBING for t in _starting_within(tokens, start, start + length)):
        return True
    if prefix[-1:].isdigit() and suffix.text in _CLASSIFIERS or COUNT.search(name):
        return True  # 幼儿园6所 counts schools, it names no 所; 沿河12个村 counts villages
    if suffix.text == "路" and re.search(r"\d[万千]?$", prefix):
        return True  # 视频监控点位1.2万路 counts video channels
    if len(prefix) < suffix.min_prefix or _is_generic(prefix):
        return True
    local = _JURISDICTION.sub("", prefix)
    if suffix.type in ("project", "place") and local != prefix and local and _is_generic(local):
        return True  # 武昌区重大项目, 武汉市最美社区: a jurisdiction's generic works or places
    return len(name) > _MAX_LENGTH.get("company" if owned else suffix.type, _DEFAULT_MAX)


_PLACE_WORKS_PHASE = re.compile(r"^(?:综合)?(?:整治|治理|改造|提升|修复)(?:[一二三四五六七八九十]{1,2}|\d{1,2})期")
_SOFTWARE = frozenset({"系统", "平台", "网站", "数据库", "信息库"})


def _extended(written: str, name: str, suffix: _Suffix, text_after: str) -> tuple[str, str, str, re.Match | None]:
    """A name with what follows it and belongs to it: a house number, a phase or section, a campus.

    Returns the written form, the name, its type and the phase found.
    """
    kind = suffix.type
    number = _HOUSE_NUMBER.match(text_after) if suffix.text in _ROAD_LIKE else None
    if number:  # 秦园路52号: an address is a place
        return written + number.group(), name + number.group(), kind, None
    works = _PLACE_WORKS_PHASE.match(text_after) if kind == "place" else None
    if works:  # 鹭洲湾综合整治二期: a phase of works on a place is a project named with both
        return written + works.group(), name + works.group(), "project", works
    phase = _PHASE.match(text_after) if text_after else None
    staged = bool(phase) and phase.group().endswith("期")
    if staged and kind == "organization":
        kind = "project"  # 鹭洲实验小学二期: a school's second phase is works
    branch = _BRANCH_BODY.match(text_after) if kind == "organization" else None
    if branch is None and kind == "organization" and name.endswith("幼儿园"):
        branch = _KINDERGARTEN_SITE.match(text_after)
    if branch:
        return written + branch.group(), name + branch.group(), kind, phase
    campus = _CAMPUS.match(text_after) if kind == "organization" else None
    if campus:  # 市第一人民医院北区: a hospital's or school's new campus is works
        return written + campus.group(), name + campus.group(), "project", phase
    if staged and suffix.text in _SOFTWARE:
        return written, name, kind, None  # 协同办公系统一期: a system's phase is a release of it, not works of their own
    if phase and kind in ("project", "place"):  # 临江大道五期, 6号线临江段: a phase or section is named after its whole
        if name.endswith("项目") and len(name) > 4 and staged and _suffix_ending(name[:-2], 0, "项目") is not None:
            name = name[:-2]  # 澄岭芯谷项目一期 is phase one of 澄岭芯谷; 碳纤维项目一期 is the project's phase
        written, name = written + phase.group(), name + phase.group()
        if staged and text_after[len(phase.group()):].startswith("工程"):
            written, name = written + "工程", name + "工程"  # 西溪污水处理厂二期工程: the phase's works
        return written, name, "project" if staged else kind, phase
    if staged and kind == "company":  # 通威太阳能(锦岷)有限公司二期: a plant's phase
        return written + phase.group(), name + phase.group(), "project", phase
    return written, name, kind, phase


def _names_nothing(name: str, prefix: str, suffix: _Suffix, kind: str, start: int, tokens: list[_Token],
                   owned: bool, phase: re.Match | None) -> bool:
    """Does the candidate, whole, fail to name one thing (a title, a kind of shop, the project of doing)?"""
    if suffix.text == "项目" and not owned and _acts_before(tokens, start + len(name) - 2) and not _rebuilds_a_name(name):
        return True  # 老旧小区改造项目, 新开工建设项目: the project of doing something, not a project's name
    if suffix.text == "线" and not (prefix[-1:].isascii() and prefix[-1:].isalnum()):
        return True  # 市域铁路S2线 is numbered; 黄鹤楼俯视线 is a line of sight
    if suffix.text == "组织" and not name.startswith(("联合国", "国际", "世界", "亚太", "欧洲", "东盟")):
        return True  # 联合国教科文组织 is a body; 党组织, 社会组织 are kinds
    if suffix.text == "节" and not _ORDINAL_START.match(name):
        return True  # 第五届桂溪梅花节 is a festival; 春节, 环节 end in 节 too
    if suffix.text == "总部" and not any(form in name for form in _LEGAL_FORMS):
        return True  # 大企业总部, 总部经济: only a company's head office, written after the company, is named
    inside = [t for t in _starting_within(tokens, start, start + len(prefix)) if t.end <= start + len(prefix)]  # not 加工厂's own word
    if suffix.text in _context("plain_shop") and not any(_has_proper_word([t], t.start, t.end) for t in inside):
        return True  # 慈善超市, 加工厂 are kinds of shop or works; 永辉超市, 恒达服装厂 are one
    own_system = suffix.text in _context("own_system") and _OWN_LEVEL_GRADE.match(name)  # 县级信用信息共享平台 is the county's
    if kind == "place" and _ORDINAL_START.match(name):
        return True  # 第五届桂溪梅花节: an edition begins an event's name, never a place's
    if kind in ("project", "place") and _designated().match(name) and not own_system or kind != "company" and (
            _titled().match(_JURISDICTION.sub("", name).lstrip("“"))):
        return True  # 国家级海洋牧场示范区, 广东省特级文化站: a title a place, project or body is given, not its name
    settled = kind == "place" and suffix.text in _context("settlement_suffix") and _names_a_settlement(prefix, start, tokens)
    if _lacks_a_proper_word(name, prefix, suffix, kind, start, tokens, owned or settled, phase):
        return True
    if kind == "agency" and not _names_a_body(name, tokens, start):
        return True
    return kind == "place" and suffix.text in _PLACE_LEVELS and not settled and not _names_a_place(prefix, start, tokens)


def _lacks_a_proper_word(name: str, prefix: str, suffix: _Suffix, kind: str, start: int, tokens: list[_Token],
                         exempt: bool, phase: re.Match | None) -> bool:
    """老旧小区, 研发平台: a project, place or organization is named with a proper word, unless its kind is not.

    锦绣大道南延线, 临江大道五期: works on a road are named by the road, which needs no proper word.
    天府数据港: a 港 of offices or servers is named with common words, like the waters it is named after.
    生物医药产业园二期: a phase is of one named thing.
    """
    plain = suffix.text in _ROAD_LIKE | _context("programme") | _context("old_street") or suffix.text.endswith("港") or (
        _is_road_word(prefix)) or len(prefix) >= 3 and prefix[-1] in _context("water")  # 椰风湾景区: after a bay
    staged = bool(phase) and phase.group().endswith("期")
    if plain or exempt or staged or kind not in _DESCRIBED or "“" in name or _OWN_LEVEL.match(name):
        return False
    if suffix.text in _context("own_system") and _OWN_LEVEL_GRADE.match(name):
        return False  # 区级协同办公系统, 县级信用信息共享平台: a jurisdiction's own system
    return not _has_proper_word(tokens, start, start + len(name) - len(suffix.text))


def _names_a_body(name: str, tokens: list[_Token], start: int) -> bool:
    """区环保局, 武昌交通大队, 城管委 name a body; 城管执法中队, 门诊部, 司法所 only say what kind of body."""
    from .names import body_name, core

    if _LEVEL_PREFIX.match(name) or body_name(name).en is not None or core(name)[0] != name:
        return True
    index = _token_at(tokens, start)
    if index is not None and index + 1 < len(tokens) and len(tokens[index + 1].word) == 1 and (
            tokens[index + 1].word in _ROAD_LIKE):
        return True  # 团结路派出所: named after its road
    if index is not None and tokens[index].tag == "nr" and len(tokens[index].word) >= 2 and not any(
            tokens[index].word in _context(role) for role in ("generic", "campaign")):
        return True  # 柳青派出所: many places are named like people (not 智慧派出所, a kind)
    return index is not None and tokens[index].tag in ("ns", "nt", "nz", "j", "?")


_PLAIN_TAGS = frozenset({"n", "nr", "nz", "ns", "nt", "ng", "j", "?", "a", "b", "s", "zg", "f"})


def _names_a_settlement(prefix: str, start: int, tokens: list[_Token]) -> bool:
    """青石村, 白果镇, 樟树湾片: villages, towns and areas are named with two or three plain characters,
    unless a word among them classifies.

    贫困村, 示范村, 中心镇 say what kind of village or town it is (``settlement`` words of name_context.tsv).
    """
    if len(prefix) > 3 and prefix[-3] in "镇乡":  # 白果镇青石村: the village is named in its town (split later)
        start, prefix = start + len(prefix) - 2, prefix[-2:]
    if not 2 <= len(prefix) <= 3 or _is_generic(prefix) or any(w in prefix for w in _context("settlement")):
        return False
    inside = _starting_within(tokens, start, start + len(prefix))
    return bool(inside) and inside[0].start == start and all(
        t.tag in _PLAIN_TAGS or _NUMBERED_WORD.match(t.word) for t in inside)  # 三门坡镇


def _names_a_place(prefix: str, start: int, tokens: list[_Token]) -> bool:
    """武昌区 is a place; 城区, 示范区, 全区 are not: the words before 区/县/市 must be a place name."""
    index = _token_at(tokens, start)
    return index is not None and (tokens[index].tag == "ns" or tokens[index].word.startswith(prefix)) and (
        tokens[index].tag in ("ns", "?"))


_DOCUMENT = re.compile(r"《([^《》\n]{2,60})》")
_QUOTED = re.compile(r"“([^“”\n]{2,12})”")


def _documents(text: str) -> list[Mention]:
    return [Mention(_tidy(m[1]), "document", m.start(1), m.end(1), m[1]) for m in _DOCUMENT.finditer(text)]


def _quoted_projects(text: str) -> list[Mention]:
    """“智慧武昌”建设 names 智慧武昌; “宪法进万家”活动 is named with its quotes and 活动, like “黄鹤英才”计划.

    So is “军民鱼水情”共建活动, with the few words that say what kind of activity. A quoted
    programme (“十百千人才工程”) is named by what the quotes hold.
    """
    found = []
    for match in _QUOTED.finditer(text):
        if re.search(r"[,，、。;；+]", match[1]):
            continue
        activity = _ACTIVITY.match(text, match.end())
        inner = _suffix_ending(match[1])
        if len(match[1]) >= 4 and match[1][-1] in "月周" and (activity or re.match(r"等?[\u4e00-\u9fff]{0,4}专场", text[match.end():])):
            # “安全用药月”宣传活动, “就业援助月”专场: a campaign month or week is named by itself
            found.append(Mention(match[1], "project", match.start(1), match.end(1), match[1]))
        elif inner is not None and inner.type == "project" and inner.text in _context("programme"):
            found.append(Mention(match[1], "project", match.start(1), match.end(1), match[1]))  # “十百千人才工程”
        elif activity:
            whole = text[match.start(): activity.end()]
            found.append(Mention(whole, "project", match.start(), activity.end(), whole))
        elif text[match.end(): match.end() + 2] in _QUOTED_PROJECT:
            found.append(Mention(_tidy(match[1]), "project", match.start(1), match.end(1), match[1]))
    return found


_CAMPAIGN_ENDS = re.compile(r"”|建设|创建|行动")


def _campaigns(text: str, tokens: list[_Token]) -> list[Mention]:
    """平安北港, 健康南屏: a campaign is named by a goal word before the place it is for (建设, 创建 or 行动 follows, or a quote closes)."""
    found = []
    for goal, place in pairwise(tokens):
        if goal.word not in _context("campaign") or place.tag not in ("ns", "?") or not 2 <= len(place.word) <= 3:
            continue
        if place.tag == "?" or _CAMPAIGN_ENDS.match(text, place.end):  # 建设平安淮岳。: a place jieba does not know
            found.append(Mention(goal.word + place.word, "project", goal.start, place.end, text[goal.start: place.end]))
    return found


_CARRIERS = re.compile(r"([区市县])(电信|移动|联通|铁塔)((?:[、和及与](?:电信|移动|联通|铁塔))+)(分公司|公司)?")


def _carriers(text: str) -> list[Mention]:
    """区电信、移动、联通: the telecom carriers' local companies, listed after the level they serve; 县电信、移动、
    联通公司: each is a 公司 when the list ends with one."""
    found = []
    for match in _CARRIERS.finditer(text):
        level, form = match[1], match[4] or ""
        first = level + match[2]
        found.append(Mention(first + form, "company", match.start(), match.end(2), text[match.start(): match.end(2)],
                             expanded=bool(form)))
        items = list(re.finditer(r"电信|移动|联通|铁塔", match[3]))
        for i, item in enumerate(items):
            start = match.start(3) + item.start()
            end = start + len(item.group()) + (len(form) if i == len(items) - 1 else 0)
            # the last item holds the 公司 written: a name of the text with its level added, which must win its span
            found.append(Mention(level + item.group() + form, "company", start, end, text[start:end],
                                 expanded=not (form and i == len(items) - 1)))
    return found


def _quoted_runs(text: str) -> list[Mention]:
    """开展“春风行动”“就业援助月”等招聘活动: quoted names listed before 等 and a kind of event are events
    (“身边好人”、“时代楷模”等活动 lists titles: no kind is said)."""
    found = []
    for run in _QUOTED_RUN.finditer(text):
        for match in _QUOTED.finditer(text, run.start(), run.end()):
            if not re.search(r"[,，、。;；+]", match[1]):
                found.append(Mention(_tidy(match[1]), "project", match.start(1), match.end(1), match[1]))
    return found


@cache
def _branded() -> re.Pattern:
    marks = "|".join(_longest_first("brand_mark"))
    return re.compile(r"(?:“[^“”\n]{2,8}”)*[^,，。;；“”\n]{0,12}?(?:" + marks + ")")


@cache
def _titled() -> re.Pattern:
    """A name that begins with a title (省级…, 特级…, 双拥模范…): word lists of name_context.tsv."""
    return re.compile("^(?:" + "|".join(_longest_first("title")) + r"|[^\W\d]{0,4}?(?:"
                      + "|".join(_longest_first("title_after")) + "))")


@cache
def _designated() -> re.Pattern:
    return re.compile("^(?:" + "|".join(_longest_first("designation")) + ")")


def _brands(text: str) -> list[Mention]:
    """“鹭洲芦柑”“东屿紫菜”获批国家农产品地理标志: a quoted product that is made a brand or given a mark."""
    found = []
    for match in _QUOTED.finditer(text):
        if 3 <= len(match[1]) <= 8 and not re.search(r"\W", match[1]) and _branded().match(text, match.end()):
            found.append(Mention(match[1], "project", match.start(1), match.end(1), match[1]))
    return found


_QUOTED_RUN = re.compile(r"(?:“[^“”\n]{2,12}”[、和及]?){2,}(?:等[\u4e00-\u9fff]{1,4}(?:活动|行动|赛事|工程|项目)"
                         r"|(?:(?!等)[\u4e00-\u9fff]){0,2}(?:招聘会|专场))")


def _longest_first_source(names) -> str:
    """The regular expression source matching any of ``names``, the longest first (so 苏宁易购 before 苏宁)."""
    return "|".join(map(re.escape, sorted(set(names), key=lambda n: (-len(n), n))))


def _alternation(names) -> re.Pattern:
    """One pattern for a lexicon's names, the longest first."""
    return re.compile(_longest_first_source(names))


def _whole_words(pattern: re.Pattern, text: str, tokens: list[_Token]):
    """(match, word before, word after) for each match of ``pattern`` that begins and ends at jieba's word edges."""
    by_start = {t.start: t for t in tokens}
    by_end = {t.end: t for t in tokens}
    return [(m, by_end.get(m.start()), by_start.get(m.end())) for m in pattern.finditer(text)
            if m.start() in by_start and m.end() in by_end]


@cache
def _known_companies() -> re.Pattern:
    return _alternation(r["name"] for r in load_tsv("companies.tsv"))


_NAME_GOES_ON = ("(", "（", "·", "之")  # 华为(汉江)…, 泰康之家: the known name begins a longer one


# 中建三局, 中铁十一局, 中国铁建大桥工程局: the numbered bureaus of the state builders are companies (中国建筑第三
# 工程局有限公司), whatever their 局 says.
_BUILDERS_BUREAU = re.compile(r"(?:中国建筑|中国中铁|中国铁建|中国交建|中国电建|中国能建|中建|中铁|中交|中冶|中水)"
                              r"(?:[一二三四五六七八九十]{1,3}|\d{1,2}|大桥|电气化|隧道)(?:工程)?局")


def _companies_known(text: str, tokens: list[_Token]) -> list[Mention]:
    """阿里巴巴, 国家电网, 叮咚买菜 named bare: China's best-known enterprises, general knowledge (data/companies.tsv),
    found where they are whole words of the text (集中通报 holds no 中通) and stand alone: not the head of a longer
    name (京东物流, 华为(汉江)云计算数据中心, 宁德时代新能源科技股份有限公司) nor after a place (衡岳富士康)."""
    found = [Mention(m.group(), "company", m.start(), m.end(), m.group())
             for m, before, after in _whole_words(_known_companies(), text, tokens)
             if not _names_on(before) and not _names_on(after) and text[m.end(): m.end() + 1] not in _NAME_GOES_ON]
    return found + [Mention(m.group(), "company", m.start(), m.end(), m.group())
                    for m in _BUILDERS_BUREAU.finditer(text)]


def _names_on(token: _Token | None) -> bool:
    """Is ``token`` a word that could be part of the same name (a noun, a name, a word jieba does not know)?"""
    return token is not None and _of_name_chars(token.word) and (
        token.tag.startswith("n") or token.tag in ("?", "eng", "m", "j"))


@cache
def _national_pattern() -> re.Pattern:
    from .names import national_bodies

    return _alternation(national_bodies())


def _national_bodies(text: str, tokens: list[_Token]) -> list[Mention]:
    """农业农村部, 国家林业和草原局: the State Council's bodies by the lexicon's names, as whole words (their 和 stops
    the suffix rule's walk to the left, and 公安部 is a plain noun to jieba)."""
    return [Mention(m.group(), "agency", m.start(), m.end(), m.group())
            for m, _, _ in _whole_words(_national_pattern(), text, tokens)]




@cache
def _known_bureau_pattern() -> re.Pattern:
    from .names import local_body_names

    # Names holding 和 need no level (the suffix rule cannot reach them); a province's bureau is a 厅.
    joined = [n for n in local_body_names() if "和" in n]
    joined += [n[:-1] + "厅" for n in joined if n.endswith("局")]
    branch = "(?:[\\u4e00-\\u9fff]{2,5}?分局)?"
    return re.compile(f"(?:{_LEVEL})?(?:{_longest_first_source(joined)}){branch}"
                      f"|(?:{_LEVEL})(?:{_longest_first_source(local_body_names())}){branch}")


def _bureaus_known(text: str, tokens: list[_Token]) -> list[Mention]:
    """区住房和城乡建设局, 县住建局, 市自然资源和规划局蠡溪分局: a body by the lexicon's names, with its level (and
    the place before that: 泜川县…) and a branch after it. A full name holding 和 is found with no level: the
    suffix rule's walk left stops at 和; and jieba cuts short names apart (县|住|建局)."""
    found = []
    for match in _known_bureau_pattern().finditer(text):
        start = match.start()
        level = _token_at(tokens, start) if text[start] in _LEVEL_ENDS else None
        if level is not None and tokens[level].start < start and tokens[level].end == start + 1 and (
                tokens[level].tag in ("ns", "nz", "?")):
            start = tokens[level].start  # 徐州市住房和城乡建设局: jieba cut the place with its level
        elif level is not None and tokens[level].word == text[start]:
            start = _left_edge(tokens, level, verbs=False)  # 泜|川|县住房和城乡建设局: an unknown place
        found.append(Mention(text[start: match.end()], "agency", start, match.end(), text[start: match.end()]))
    return found


@cache
def _known_places() -> frozenset[str]:
    return frozenset(r["name"] for r in load_tsv("places.tsv"))


def _places(tokens: list[_Token]) -> list[Mention]:
    """Provinces, main cities, countries and rivers named bare (重庆, 英国): general knowledge, data/places.tsv."""
    known = _known_places()
    return [Mention(t.word, "place", t.start, t.end, t.word) for t in tokens if t.word in known]


# 「A、B和C等N家金融企业」, 「望湖、秀水两个社区」: what a list is a list of gives its items' type,
# whatever their own suffix says (小样社区 is a company in a list of 创孵机构).
_LIST_HEADS = {"企业": "company", "公司": "company", "机构": "company", "银行": "company", "基金": "company",
               "品牌": "company", "券商": "company", "社区": "place", "村": "place", "小区": "place",
               "街道": "place", "湖泊": "place", "地块": "place", "片区": "place", "学校": "organization", "医院": "organization",
               "幼儿园": "organization", "高校": "organization"}
_LIST_END = re.compile(r"等|(?:\d+|[一二三四五六七八九十两]+)[家个所]")
_LIST_HEAD = re.compile(r"[^,，。;；、]{0,8}?(" + "|".join(sorted(_LIST_HEADS, key=len, reverse=True)) + ")")
_CLAUSE_BREAK = re.compile(r"[,，。;；:：()（）\n]")


def _list_before(text: str, tokens: list[_Token], end: int) -> list[tuple[int, int]]:
    """Spans of the items of the 、-list that ends at ``end`` (A、B和C)."""
    begin = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, end)), default=0)
    for token in tokens:  # the clause's verb (引进, 共为) is not the first item
        if token.start >= begin and token.end <= end and (token.word in _context("boundary")
                                                           or token.tag in _STOP_TAGS | _SOFT_TAGS):
            begin = token.end
        elif token.start >= begin:
            break
    items, position = [], begin
    for part in re.split(r"(、|和|及|与)", text[begin:end]):
        if part not in ("、", "和", "及", "与"):
            items.append((position, position + len(part)))
        position += len(part)
    return items if len(items) >= 2 else []


def _listed_items(text: str, tokens: list[_Token], kept: list[Mention]) -> list[Mention]:
    """Items of a list of companies or places (引进长江期货、农银基金等金融企业18家) take the list's type."""
    out = {(m.start, m.end): m for m in kept}
    for end in _LIST_END.finditer(text):
        head = _LIST_HEAD.match(text, end.end())
        if not head:
            continue
        kind = _LIST_HEADS[head[1]]
        for start, stop in _list_before(text, tokens, end.start()):
            name = _tidy(text[start:stop])
            if not 2 <= len(name) <= 16 or name.isdigit() or _is_generic(name) or _STOP_IN_ITEM.search(name):
                continue
            if kind != "company" and any(t.start < stop and start < t.end and (
                    t.tag in _STOP_TAGS | _SOFT_TAGS or t.word in _context("boundary")) for t in tokens):
                continue  # 收集整理, 医联体内: an item of a list names, it does not act
            known = out.get((start, stop))
            inside = [k for k, m in out.items() if m.start < stop and start < m.end]
            if known is None and kind == "company" and inside and all(
                    out[k].type == "place" and start <= out[k].start and out[k].end <= stop for k in inside):
                for k in inside:  # 湖北宇凰文化 in a list of companies: the region begins the company's name
                    del out[k]
            elif known is None and inside:
                continue
            if known is not None and known.type in ("organization", "project") and kind == "place":
                continue  # 市三医院与…7家社区卫生服务中心: a hospital or a centre is no place, whatever the list counts
            if known is None or known.type in ("place", "project", "organization"):
                out[(start, stop)] = Mention(name, kind, start, stop, text[start:stop])
    return sorted(out.values(), key=lambda m: (m.start, m.end, m.name))


_STOP_IN_ITEM = re.compile(r"[\d%]|[一二三四五六七八九十两几数多][个家所项条]")  # a count; not 徐家棚, 王家湾
# 新增5所民办幼儿园(甲、乙、丙): a count of a kind, then its items in brackets.
_LIST_IN_BRACKETS = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)[家个所]((?:(?![,，。;；()（）、])[\u4e00-\u9fff]){0,8}?("
                               + "|".join(sorted(_LIST_HEADS, key=len, reverse=True)) + r"))[(（]([^()（）\n]{2,120})[)）]")


def _bracketed_items(text: str, kept: list[Mention]) -> list[Mention]:
    """新建3所公办幼儿园(后湖、城北、南门), 引进5家银行(…): the bracketed names are of the kind counted before them."""
    out = {(m.start, m.end): m for m in kept}
    for match in _LIST_IN_BRACKETS.finditer(text):
        kind = _LIST_HEADS[match[2]]
        position = match.start(3)
        for part in re.split(r"(、)", match[3]):
            start, stop = position, position + len(part)
            position = stop
            name = _tidy(part)
            if part == "、" or not 2 <= len(name) <= 16 or _STOP_IN_ITEM.search(name) or _is_generic(name) or (
                    name in _LIST_HEADS or name in _suffix_of()):  # 13所学校(幼儿园): a kind, not a name
                continue
            known = out.get((start, stop))
            if known is None and any(m.start < stop and start < m.end for m in out.values()):
                continue
            if known is None or known.type in ("place", "project", "organization"):
                out[(start, stop)] = Mention(name, kind, start, stop, part)
    return sorted(out.values(), key=lambda m: (m.start, m.end, m.name))
_BRAND_TAGS = frozenset({"?", "nz", "nr", "nrt", "ns", "nt", "j", "eng", "n"})


def _listed_with_companies(text: str, tokens: list[_Token], kept: list[Mention]) -> list[Mention]:
    """永辉超市、苏宁易购在樟树湾片: an unknown short name listed right after a company is a company too."""
    found = []
    starts = {t.start: i for i, t in enumerate(tokens)}
    for company in [m for m in kept if m.type == "company"]:
        end = company.end
        while text[end: end + 1] == "、" and end + 1 in starts:
            i = starts[end + 1]
            j = i
            while j < len(tokens) and tokens[j].tag in _BRAND_TAGS and tokens[j].word not in _context("boundary") \
                    and _of_name_chars(tokens[j].word):
                j += 1
            if j == i:
                break
            after = tokens[j] if j < len(tokens) else None
            if after is not None and _of_name_chars(after.word) and not (
                    after.tag in _FUNCTION_TAGS or after.word in _context("boundary")):
                break  # 华润|置地: the name goes on past what jieba knows
            name = text[tokens[i].start: tokens[j - 1].end]
            taken = any(m.start < tokens[j - 1].end and tokens[i].start < m.end for m in kept + found)
            if taken or not 2 <= len(name) <= 6 or _is_generic(name) or any(
                    tokens[k].word in _context("generic") for k in range(i, j)):
                break
            found.append(Mention(name, "company", tokens[i].start, tokens[j - 1].end, name))
            end = tokens[j - 1].end
    return found


_PARTY_AND_GOVERNMENT = re.compile(r"^([区市县省]委)([区市县省](?:人民)?政府)$")


_PLACE_LEVEL_INSIDE = re.compile(r"^(.{2,}?(?:街道|社区|县|区|镇|乡|街|苏木))(.{2,}(?:社区|小区|村|片|花园|嘎查))$"
                                 r"|^(.{2,}?村)((?![一二三四五六七八九十\d]+组$).{2,}组)$|^(.{2,}?新区)(.{2,}(?:路|大道|街))$")
# 南溪区龙岭镇: a town written with its district; not 武汉市最美社区, whose 社区, 城区, 园区 … name no administrative
# level, nor a city's district or a province's city (青岛市黄岛区, 江苏省昆山市), the longest complete name of one
# place as the training annotations write it (by folds of reports, place 0.849 -> 0.852 exact F1).
_CITY_DISTRICT = re.compile(r"^([\u4e00-\u9fff]{2,3}[区县])([\u4e00-\u9fff]{1,2}[^\W社城园小景街片][市区县镇乡])$")


_FROM_TO = re.compile(r"^([^至]{2,})至([^至]{2,})$")  # 海景路至港东路: no place is named from one to another (routes are works)


def _split_places(mentions: list[Mention]) -> list[Mention]:
    """白果镇青石村, 仙峰社区光明里小区, 南溪区龙岭镇, 三塘村蒋家组, 剑岚新区滨河路: a place written with the place
    it lies in is two places (annotators of every batch write them apart); so are the two ends of a route written
    as one place (海景路至港东路)."""
    out = []
    for m in mentions:
        whole = m.type == "place" and m.text == m.name
        found = None
        if whole:
            found = _PLACE_LEVEL_INSIDE.match(m.name) or _CITY_DISTRICT.match(m.name) or _FROM_TO.match(m.name)
        if found:
            outer, inner = [part for part in found.groups() if part is not None]
            cut = m.start + len(outer)
            if found.re is _FROM_TO:  # two places a route joins, neither in the other
                out += [Mention(outer, "place", m.start, cut, outer), Mention(inner, "place", cut + 1, m.end, inner)]
                continue
            out += [Mention(outer, "place", m.start, cut, outer),
                    Mention(inner, "place", cut, m.end, inner, within=outer)]
        else:
            out.append(m)
    return out


@cache
def _countries() -> tuple[str, ...]:
    """Foreign countries of places.tsv, the longest first (a tuple: no set order)."""
    names = {r["name"] for r in load_tsv("places.tsv") if r["kind"] == "country" and r["name"] != "中国"}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def _split_nationality(mentions: list[Mention]) -> list[Mention]:
    """英国A.T.Design设计事务所: a foreign country before a name written in Latin letters says where the
    company is from; its name is the Latin one."""
    out = []
    for m in mentions:
        country = next((c for c in _countries() if m.name.startswith(c)), None) if m.type == "company" else None
        rest = m.name[len(country):] if country else ""
        if country and m.text == m.name and rest[:1].isascii() and rest[:1].isalpha():
            cut = m.start + len(country)
            out += [Mention(country, "place", m.start, cut, country), Mention(rest, m.type, cut, m.end, rest)]
        else:
            out.append(m)
    return out


def _split_first_shops(mentions: list[Mention]) -> list[Mention]:
    """盒马鲜生湖北首店: a chain's first shop in a region names the chain and the region, not a shop."""
    out = []
    for m in mentions:
        region = ""
        if m.type == "company" and m.text == m.name and m.name.endswith("首店"):
            rest = m.name[:-2]
            region = next((rest[-k:] for k in (3, 2) if len(rest) - k >= 2 and (
                rest[-k:] in _known_places() or rest[-k:] in _MACRO_REGIONS)), "")
        if region:
            chain = m.name[: len(m.name) - 2 - len(region)]
            cut = m.start + len(chain)
            out.append(Mention(chain, "company", m.start, cut, chain))
            if region in _known_places():
                out.append(Mention(region, "place", cut, cut + len(region), region))
        else:
            out.append(m)
    return out


def _split_pairs(mentions: list[Mention]) -> list[Mention]:
    """区委区政府 is two bodies written together: the party committee and the government."""
    out = []
    for m in _split_nationality(_split_first_shops(_split_places(mentions))):
        pair = _PARTY_AND_GOVERNMENT.match(m.name) if m.type == "agency" else None
        if pair and m.text == m.name:
            cut = m.start + len(pair[1])
            out += [Mention(pair[1], "agency", m.start, cut, pair[1]), Mention(pair[2], "agency", cut, m.end, pair[2])]
        else:
            out.append(m)
    return out


@cache
def _person_words(role: str) -> tuple[str, ...]:
    """A role's words of data/person_names.tsv, longest first (副区长 before 区长)."""
    rows = load_tsv("person_names.tsv")
    return tuple(sorted({r["word"] for r in rows if r["role"] == role}, key=lambda w: (-len(w), w)))


_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_HAN_NAME = "[\u4e00-\u9fff]{2,6}?"
_NAME_DOT = "[·•．.]"  # 弗朗西斯科.班德林: the middle dot is often typed as a full stop
_NAME_END = "[、，,。；;：:（(“\\s]|$"


@cache
def _titled_name() -> re.Pattern:
    """A title, then the shortest run of characters that a following word or a stop ends: the candidate name."""
    after = _longest_first_source(_person_words("person_after") + _person_words("after_name"))
    name = f"{_HAN_NAME}{_NAME_DOT}{_HAN_NAME}|[\u4e00-\u9fff]{{2,6}}?"
    titles = _longest_first_source(_person_words("title"))
    return re.compile(f"(?:{titles})(?P<name>{name})(?=(?P<after>{after}|{_NAME_END}))")


def _persons(text: str, tokens: list[_Token]) -> list[Mention]:
    """People by their titles: 区长刘洁, 万勇市长, 院士弗朗西斯科·班德林 (the name only, as the guidelines say)."""
    found = _titled_persons(text)
    for i, token in enumerate(tokens):
        word = token.word
        if not (token.tag.startswith("nr") or token.tag == "?") or not _PERSON_NAME.match(word):
            continue
        if token.tag == "?" and not word.startswith(_person_words("surname")) or (
                word in _context("boundary") or word.endswith(_person_words("unit_end"))):
            continue  # 院士荣获…: a verb of the genre after a title is no one's name; 旅菲华侨: nor a place
        before = tokens[i - 1].word if i else ""
        after = tokens[i + 1].word if i + 1 < len(tokens) else ""
        if (before.endswith(_person_words("title")) or after.startswith(_person_words("title"))
                or after in ("同志", "等同志")) and not any(m.start < token.end and token.start < m.end for m in found):
            found.append(Mention(word, "person", token.start, token.end, word))
    return found


def _titled_persons(text: str) -> list[Mention]:
    """区委书记赵国梁、区长韩立新: the name after a title, where jieba cuts it apart (赵国|梁).

    A run of two or three characters is a name when it starts with a common surname and is not a word of
    jieba's dictionary (局长信箱); a run of any shape is one when a word only a person takes follows it
    (旗长乌力吉巴图带队, 镇长玉应罕带队) or another title does (镇党委书记岩温香、镇长…)."""
    found = []
    for match in _titled_name().finditer(text):
        name = match["name"]
        if not (re.search(_NAME_DOT, name) or _surnamed(name) or _unknown_name(name) and _person_follows(text, match)):
            continue
        found.append(Mention(re.sub(_NAME_DOT, "·", name), "person", match.start("name"), match.end("name"), name))
    return found


def _person_follows(text: str, match: re.Match) -> bool:
    """刘洁带队, 施学文先生, 岩温香、镇长…: what follows the name is said only after a person's."""
    after = match["after"]
    if after in _person_words("person_after"):
        return True
    return bool(after) and after in "、，," and text.startswith(_person_words("title"), match.end() + 1)


_NAME_WORD_TAGS = frozenset({"?", "nr", "nrt", "nrfg", "ns", "nz"})


def _unknown_name(name: str) -> bool:
    """扎西才让, 乌力吉巴图, 岩温香: three or more characters whose words are names or unknown to jieba;
    a phrase of the genre (书记深入基层带队) has a word of another kind."""
    return len(name) >= 3 and all(t.tag in _NAME_WORD_TAGS for t in _tokens(name) if len(t.word) > 1)


def _surnamed(name: str) -> bool:
    """赵国梁, 欧阳明: a surname, one or two characters after it, and not a word of the dictionary (信箱)."""
    for surname in _person_words("surname"):
        if name.startswith(surname) and 1 <= len(name) - len(surname) <= 2:
            return _tag(name) in ("?", "nr", "nrfg", "nrt")
    return False


# ------------------------------------------------------------------ coordinations

_DIGITS = re.compile(r"\d+")


def _shape(text: str) -> str:
    return _DIGITS.sub("0", text)


def _list_items_before(text: str, tokens: list[_Token], start: int, longest: int) -> list[tuple[int, int]]:
    """The short items of a 、-list that ends at ``start``: spans of at most ``longest`` characters."""
    items = []
    while start > 1 and text[start - 1] == "、":
        index = _token_at(tokens, start - 2)
        if index is None or not _can_continue_left(tokens[index], lenient=True):
            break
        begin = _left_edge(tokens, index, lenient=True)
        begin = min(begin, tokens[index].start)
        if start - 1 - begin > longest:
            break
        items.insert(0, (begin, start - 1))
        start = begin
    return items


def _is_whole_name(text: str) -> bool:
    """武汉大学 is a whole name (a suffix after two characters of its own); 青山 is not."""
    return any(text.endswith(s.text) and (len(text) - len(s.text) >= max(2, s.min_prefix) or len(s.text) >= 2)
               for s in _suffixes())  # 结算中心、中国太平洋…支公司: 中心 ends a name, it shortens none


def _shared_head(first: str, core: str, suffix: str) -> str:
    """轨道交通 in 轨道交通7号、8号、5号线: what the first item has before the part parallel to the last."""
    tail = re.search(r"[0-9A-Za-z]+\w?$", first)
    if tail and tail.start() and _shape(tail.group()) in (_shape(core), _shape(core) + suffix[:1]):
        return first[: tail.start()]
    return ""


def _headed_like(first: str, last: Mention, suffix: str) -> list[Mention]:
    """地铁7号线、8号线: the last item shares the first's head (地铁8号线)."""
    head = _shared_head(first[: len(first) - len(suffix)], last.name[: len(last.name) - len(suffix)], "")
    if not head or last.name.startswith(head):
        return []
    return [Mention(_tidy(head + last.name), last.type, last.start, last.end, last.text, expanded=True)]


def _coordinated(text: str, tokens: list[_Token], last: Mention) -> list[Mention]:
    """Names shortened in a coordination before ``last``: 东、西城壕; 轨道交通7号、8号、5号线; 徐家棚、中华路街.

    An item is completed only when it is no longer than the distinctive part of
    ``last`` (before its suffix) and ends with no suffix of its own: 武汉大学、武昌区人民政府
    are two whole names, not a shortening.
    """
    suffix = _longest_suffix(last.name)
    if suffix is None:
        return []
    core = last.name[: len(last.name) - len(suffix.text)]
    items = _list_items_before(text, tokens, last.start, len(core) + len(suffix.text) + 6)
    found = _shortened(text, items, last, suffix, core)
    while not found and last.type == "place" and len(items) > 1:
        items = items[1:]  # 后溪村、前洲片、东、西坑片: whole names may come before the shortened ones
        found = _shortened(text, items, last, suffix, core)
    return found


def _shortened(text: str, items: list[tuple[int, int]], last: Mention, suffix: _Suffix, core: str) -> list[Mention]:
    """The names the ``items`` before ``last`` stand for, if they are all shortened like it."""
    if not items:
        return []
    found, head = [], _shared_head(text[items[0][0]: items[0][1]], core, suffix.text)
    for start, stop in items:
        written = text[start:stop]
        own = written[len(head):] if head and written.startswith(head) else written
        # 东 in 东、西城壕 stands for 东城壕: the item takes the place of as many characters of the last name.
        if own.endswith(suffix.text) and start == items[0][0]:
            return _headed_like(text[start:stop], last, suffix.text)
        if last.type == "company" and len(own) > 2:
            return []  # 唯品会、广州酷狗…有限公司: a company's name is not shortened in a list
        parallel = len(own) <= len(core) or _shape(own) == _shape(last.name[: len(own)])
        if not parallel or len(own) >= len(last.name) or _is_whole_name(own):
            return []
        found.append(Mention(_tidy(head + own + last.name[len(own):]), last.type, start, stop, written,
                             expanded=True))
    if head and not last.name.startswith(head):
        found.append(Mention(_tidy(head + last.name), last.type, last.start, last.end, last.text, expanded=True))
    return found


# ------------------------------------------------------------------ the recogniser


def _level_shared(text: str, kept: list[Mention]) -> list[Mention]:
    """区图书馆、档案馆: a bare kind listed after a district's own facility or body is the district's too (区档案馆)."""
    found: list[Mention] = []
    taken = [(m.start, m.end) for m in kept]
    for mention in kept:
        level = mention.name[:1]
        suffix = _longest_suffix(mention.name)
        if level not in "区市县" or mention.type == "place" or suffix is None or len(suffix.text) < 2 or (
                len(mention.name) != 1 + len(suffix.text)):
            continue
        end = mention.end
        while text[end: end + 1] in ("、", "和", "及") and end + 1 < len(text):
            bare = next((_suffix_of()[text[end + 1: end + 1 + k]] for k in range(_LONGEST_SUFFIX, 1, -1)
                         if text[end + 1: end + 1 + k] in _suffix_of()), None)
            if bare is None or bare.type != suffix.type:
                break
            start, stop = end + 1, end + 1 + len(bare.text)
            after = text[stop: stop + 2]
            if not (after[:1] in "、,，。;；和及与等" or after in _context("boundary") or not after):
                break  # 、档案馆学会: the kind begins another name
            if any(a < stop and start < b for a, b in taken):
                break
            found.append(Mention(level + bare.text, mention.type, start, stop, bare.text, expanded=True))
            taken.append((start, stop))
            end = stop
    return found


_ITEM_HEAD = re.compile(r"、((?:(?![、,，。;；()（）和及与等])[\u4e00-\u9fff]){1,6})")


def _listed_item(text: str, at: int, suffix: str) -> tuple[int, int] | None:
    """The span of the shortest 、(<1 to 6 Chinese characters, no separator>SUFFIX) at ``at``, as the lazy
    pattern ``、((?:…){1,6}?SUFFIX)`` would match it: one pattern for every suffix, where a pattern per
    suffix cost a cold build 0.1 s to compile."""
    head = _ITEM_HEAD.match(text, at)
    if head is None:
        return None
    start = head.start(1)
    for length in range(1, head.end(1) - start + 1):
        if text.startswith(suffix, start + length):
            return start, start + length + len(suffix)
    return None


def _listed_alike(text: str, kept: list[Mention]) -> list[Mention]:
    """宏基客运站、航海客运站: an item listed after a name, with the same suffix, is a name of the same kind,
    proper word or not."""
    found: list[Mention] = []
    taken = [(m.start, m.end) for m in kept]
    for mention in kept:
        suffix = _suffix_ending(mention.name) if mention.type in ("place", "project", "organization") else None
        if suffix is None or len(suffix.text) < 2 or mention.expanded:
            continue
        end = mention.end
        while span := _listed_item(text, end, suffix.text):
            start, stop = span
            name = text[start:stop]
            own = name[: -len(suffix.text)]
            if any(a < stop and start < b for a, b in taken) or _is_generic(own) or any(
                    w in own for w in _context("boundary") if len(w) >= 2) or own[:1] in _context("boundary"):
                break  # 、新建客运站: a verb makes it no name
            found.append(Mention(name, mention.type, start, stop, name))
            taken.append((start, stop))
            end = stop
    return found


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def _shared_works(text: str, kept: list[Mention]) -> list[Mention]:
    """紫阳湖、都司湖水生态修复工程: works (…工程, …项目) named after the last of listed places are done on
    each of them (紫阳湖水生态修复工程 too), when the places are of one kind (湖, 湖)."""
    found = []
    by_end = {m.end: m for m in kept if m.type == "place" and not m.expanded}
    for works in (m for m in kept if m.type == "project" and not m.expanded):
        place = by_end.get(works.start - 1) if text[works.start - 1: works.start] == "、" else None
        suffix = _longest_suffix(place.name) if place is not None else None
        if suffix is None or suffix.type != "place":
            continue
        at = works.name.find(suffix.text, 1)
        rest = works.name[at + len(suffix.text):] if at > 0 else ""
        if len(rest) >= 4 and rest.endswith(("工程", "项目")) and _CJK_ONLY.fullmatch(rest) and (
                _longest_suffix(works.name[: at + len(suffix.text)]) == suffix):  # not 公园二期, 站站前广场
            # written as the whole coordination, so that its span is no other mention's (the place's); found after the
            # tagger, whose names such a span would otherwise hide
            found.append(Mention(place.name + rest, "project", place.start, works.end, text[place.start: works.end],
                                 expanded=True))
    return found


# A section named after a town or district (涧河嵩阳段, 6号线临江段), written after the last of listed rivers or lines.
_SECTION = re.compile(r"^(.+?)((?:(?![段至])[\u4e00-\u9fff]){2}段)$")
_WATER_ENDS = "河江溪渠沟水涌港湖湾"  # 耒水, 白澜港, 梧桐湾: the last character of a water, before its section
_LINE = re.compile(r"^(.*?)(\d{1,2}号线)$")
_BARE_ITEM = re.compile(r"(?:^|(?<=[,，。;；:：\s]))((?:(?![、和及与])[\u4e00-\u9fff]){1,6})$")


def _item_before(text: str, by_end: dict[int, Mention], at: int) -> tuple[int, int, str] | None:
    """The listed item that ends just before the 、 at ``at``: a mention, or text after a clause break."""
    if text[at: at + 1] != "、":
        return None
    mention = by_end.get(at)
    if mention is not None:
        return mention.start, mention.end, mention.name
    bare = _BARE_ITEM.search(text, 0, at)
    return (bare.start(1), at, bare.group(1)) if bare else None


_ROAD_ENDS = ("路", "街", "大道", "大街")
_WORKS_ON_A_ROAD = (r"(?:(?![路街道巷])[\u4e00-\u9fff]){0,3}"
                    r"(?:改造|拓宽|改建|提升|整治|大修|提质|修缮|升级|建设)工程")
_ROAD_WORKS = re.compile(r"^(.+?(?:路|街|大道|大街|巷))(" + _WORKS_ON_A_ROAD + ")$")
# 迎宾环岛改造工程: works on something else than a road, the works' word only
_NAMED_WORKS = re.compile(r"^(.{2,})((?:改造|拓宽|改建|提升|整治|大修|提质|修缮|升级)工程)$")
_EXTENSION_WORKS = re.compile(r"^.+[东西南北]延工程$")
_EXTENSION_END = re.compile(r"[东西南北]延$")  # 通衢路东延: a road's extension
# 太古街道社区卫生服务中心, 新店镇卫生院: a body or works named after the township, street or village it serves
_SETTLEMENT_BODY = re.compile(r"^(.+?(?:街道|镇|乡|村|社区|街(?!道))(?![镇乡村街]))([\u4e00-\u9fff]{2,})$")
_SERVING = ("中心", "站", "项目")  # the works a settlement's name is given to: its centre, station, project
_SETTLEMENT = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:街道|镇|乡|村|社区|街)$")
_COUNT_AFTER = re.compile(r"\d+|[一二三四五六七八九十两几]+[个家所座处]")
_DIRECTION_SECTION = re.compile(r"[东西南北中]段(?![落时])")
_WORKS_AFTER_A_ROAD = re.compile(_WORKS_ON_A_ROAD)
_EXTENSION_AFTER_A_ROAD = re.compile(r"(?:[东西南北]延(?:长线|伸段|线|段)?|延长线|延伸段)(?:工程)?")


# 园区兴工三街, 城中村东关村: a common word for the area a name lies in, written before it, is not part of it.
_AREA_WORDS = ("园区道路", "园区", "城区", "城中村", "厂区", "港区", "景区", "物流港")


def _uncommon(kept: list[Mention]) -> list[Mention]:
    """The tagger's names that are common noun phrases of the genre (一窗通办, 路基工程; name_context.tsv's
    common words) or a generic word alone (众创空间, 三大客运站: no name before the suffix) name nothing, as the
    rules' own do not. On the bundled report, with a model trained without it: place 0.711 -> 0.725 exact F1,
    project 0.587 -> 0.593; by folds of batches of writing no type lost (place and project +0.001)."""
    return [m for m in kept if m.type not in ("place", "project") or m.expanded or m.short_for is not None
            or not (_is_common(m.name) or is_generic_name(m.name))]


def _tails_cut(kept: list[Mention]) -> list[Mention]:
    """斗级营项目, 武车A片项目 drawn by the tagger: 项目 (or 主体工程, name_context.tsv's tails) after what is a
    name by itself is cut, as the rules cut it (_without_tail). Annotators of every batch agree: where X is
    annotated in a task and X项目 is written, X项目 is never annotated. A company's works keep theirs."""
    out = []
    for m in kept:
        if (m.type not in ("place", "project") or m.expanded or m.short_for is not None or m.within is not None
                or any(form in m.name for form in _LEGAL_FORMS) or m.name != _tidy(m.text)):
            out.append(m)
            continue
        written, name, named = _without_tail(m.text, m.name, _Suffix("", m.type, 0))
        kind = named.type if name != m.name and named.type in ("place", "project") else m.type
        out.append(m if name == m.name else Mention(name, kind, m.start, m.start + len(written), written))
    return out


def _unquoted(text: str, kept: list[Mention]) -> list[Mention]:
    """“天使投资计划 drawn up to its closing quote: the name is what is quoted (天使投资计划), as GUIDELINES
    write names without the surrounding “”."""
    out = []
    for m in kept:
        if m.name.startswith("“") and "”" not in m.name and text[m.end: m.end + 1] == "”" and len(m.name) > 2 and (
                not m.expanded and m.short_for is None):
            m = Mention(_tidy(m.name[1:]), m.type, m.start + 1, m.end, m.text[1:], within=m.within)
        out.append(m)
    return out


# 同济大学建筑与城市规划学院: a university's school is named by its disciplines joined with 与, 及 or 和, which end
# other names (and the tagger's spans); one name with the university before it.
_COLLEGE = re.compile(r"大学((?:(?![与及和、，。；,;的])[\u4e00-\u9fff]){2,8}[与及和](?:(?![与及和、，。；,;的])[\u4e00-\u9fff]){1,8}?学院)")


def _colleges_joined(text: str, kept: list[Mention]) -> list[Mention]:
    for match in _COLLEGE.finditer(text):
        # the name that holds 大学 begins the school's (东北大学机械工程 read as works still begins it)
        university = next((m for m in kept if m.start <= match.start() < m.end and m.type != "document"), None)
        if university is None:
            continue
        start, end = university.start, match.end()
        kept = [m for m in kept if m.end <= start or m.start >= end] + [
            Mention(text[start:end], "organization", start, end, text[start:end])]
    return sorted(kept, key=lambda m: (m.start, m.end, m.name))


_NUMBERED_GROUP = re.compile(r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})组|民小组")


def _groups_joined(text: str, kept: list[Mention]) -> list[Mention]:
    """石桥村五组, 老寨村民小组: a village's numbered group is named with the village (五组 alone names nothing;
    a group with a name of its own, 三塘村蒋家组, is a place of its own, see _split_places)."""
    out: list[Mention] = []
    joined: list[Mention] = []
    for m in kept:
        group = _NUMBERED_GROUP.match(text, m.end) if m.type == "place" and m.name.endswith("村") else None
        if group is None or m.expanded or m.name != _tidy(text[m.start: m.end]):
            out.append(m)
            continue
        joined.append(Mention(m.name + group.group(), "place", m.start, group.end(), text[m.start: group.end()]))
    return sorted(joined + [m for m in out if not any(j.start < m.end and m.start < j.end for j in joined)],
                  key=lambda m: (m.start, m.end, m.name))


def _without_area_word(kept: list[Mention]) -> list[Mention]:
    """园区工业大道 → 工业大道, 城区凤凰社区 → 凤凰社区, 园区白沙大道南延 → 白沙大道南延: the area word before a
    whole name of a road, estate or village (or a road's extension) says where it is, it names nothing."""
    out = []
    for m in kept:
        head = next((w for w in _AREA_WORDS if m.name.startswith(w) and m.text.startswith(w)), None)
        rest = m.name[len(head):] if head else ""
        suffix = _suffix_ending(rest) if len(rest) >= 3 else None
        if head and m.type in ("place", "project") and not m.expanded and suffix is not None and (
                suffix.type == "place" or _EXTENSION_END.search(rest)):
            m = Mention(rest, m.type, m.start + len(head), m.end, m.text[len(head):])
        out.append(m)
    return out


def _runs_on(text: str, tokens: list[_Token], kept: list[Mention]) -> list[Mention]:
    """向阳社区党群服务中心, 梧川镇卫生院, 白鹭湖消防站: a place whose name runs on, over words that are a name's
    (no verb, no boundary), into a body's suffix or a centre's or station's is that body, centre or station.
    The tagger often stops at the place."""
    out = []
    starts = {t.start: i for i, t in enumerate(tokens)}
    for m in kept:
        i = starts.get(m.end)
        if m.type != "place" or m.expanded or i is None or m.name != _tidy(text[m.start: m.end]):
            out.append(m)
            continue
        found = None
        while i < len(tokens) and tokens[i].end - m.end <= 8 and _CJK_ONLY.fullmatch(tokens[i].word) and (
                _can_continue_left(tokens[i])) and not any(o.start == tokens[i].start for o in kept):
            run = text[m.end: tokens[i].end]
            suffix = _suffix_ending(run, at_least=0)
            if suffix is not None and len(run) >= 2 and (suffix.type == "organization" or (
                    suffix.type == "project" and suffix.text.endswith(("中心", "站"))
                    and (suffix.text not in ("中心", "站") or len(run) > len(suffix.text) + 1))):  # not 汉江市中心城区
                found = (tokens[i].end, suffix.type)
            i += 1
        if found and not _COUNT_AFTER.match(text, found[0]):  # 白纸巷街道养老照料中心3个: a count of centres
            end, kind = found
            m = Mention(_tidy(text[m.start: end]), kind, m.start, end, text[m.start: end])
        out.append(m)
    return out


def _company_works(text: str, tokens: list[_Token], kept: list[Mention]) -> list[Mention]:
    """鲁丘轮胎有限公司智能化升级项目, …有限公司年产8亿只瓶坯项目: a company written in full, then its works up to
    项目, is one project (as the rules read it); the tagger often draws the company alone."""
    starts = {t.start: i for i, t in enumerate(tokens)}
    absorbed: set[int] = set()
    out = []
    for m in kept:
        i = starts.get(m.end)
        if m.type != "company" or m.expanded or i is None or not m.name.endswith(tuple(_LEGAL_FORMS)):
            out.append(m)
            continue
        end = None
        while i < len(tokens) and tokens[i].end - m.end <= 20 and _of_name_chars(tokens[i].word) and (
                tokens[i].word not in _context("boundary")) and tokens[i].tag not in _FUNCTION_TAGS:
            if tokens[i].word.endswith("项目"):
                end = tokens[i].end
                break
            i += 1
        inside = [k for k, o in enumerate(kept) if o is not m and m.end <= o.start and end is not None and o.end <= end]
        if end is None or any(kept[k].type not in ("project", "place") for k in inside):
            out.append(m)
            continue
        absorbed.update(id(kept[k]) for k in inside)
        out.append(Mention(_tidy(text[m.start: end]), "project", m.start, end, text[m.start: end]))
    return [m for m in out if id(m) not in absorbed]


def _sections_joined(text: str, kept: list[Mention]) -> list[Mention]:
    """明珠大道北段, 梧垵溪泉湾段: a road's section by its direction, or a river's by its town (the name is
    drawn up to the town, 梧垵溪泉湾, where 湾 ends names too), is a place of its own, named with its 段."""
    out = []
    for m in kept:
        after = text[m.end: m.end + 3]
        extra = ""
        kind = m.type
        if m.type == "place" and not m.expanded and m.name == _tidy(text[m.start: m.end]):
            if m.name.endswith(_ROAD_ENDS) and (works := _WORKS_AFTER_A_ROAD.match(text, m.end)
                                                 or _EXTENSION_AFTER_A_ROAD.match(text, m.end)):
                extra, kind = works.group(), "project"  # 梧桐路改造工程, 梧桐路西延: works on a road are a project
            elif m.name.endswith(_ROAD_ENDS) and _DIRECTION_SECTION.match(after):
                extra = after[:2]
            elif after[:1] == "段" and after[1:2] not in ("落", "时") and text[m.start - 1: m.start] != "至" and (
                    not m.name.endswith(_ROAD_ENDS)) and (
                    section := _SECTION.match(m.name + "段")) and section[1][-1] in _WATER_ENDS:
                # not 胜利街至莱河大道段: the stretch of a road up to another is no place's section
                extra = "段"
        if extra and not any(o.start < m.end + len(extra) and m.end <= o.start for o in kept if o is not m):
            m = Mention(m.name + extra, kind, m.start, m.end + len(extra), text[m.start: m.end + len(extra)])
        out.append(m)
    return out


def _shared_sections(text: str, kept: list[Mention]) -> list[Mention]:
    """涧河、瀍河嵩阳段 → 涧河嵩阳段, 瀍河嵩阳段; 轨道交通6号线、8号线临江段 → 轨道交通6号线临江段, 轨道交通8号线临江段.

    The section written after the last of listed rivers (or metro lines) is each one's: a coordination
    written short, expanded as the guidelines say. Roads are not: 季华路、佛山大道禅溪段 lists a whole road.
    """
    by_end = {m.end: m for m in kept if not m.expanded}
    replaced: dict[tuple[int, int], Mention] = {}
    for last in [m for m in kept if m.type in ("place", "project") and not m.expanded]:
        section = _SECTION.match(last.name)
        if section is None:
            continue
        base, tail = section.groups()
        line = _LINE.match(base)
        if not (base[-1] in _WATER_ENDS and last.type == "place" or line and last.type == "project"):
            continue
        items, at = [], last.start - 1
        while (item := _item_before(text, by_end, at)) is not None:
            start, stop, name = item
            own_line = _LINE.match(name)
            if (own_line is None) if line else (name[-1] not in _WATER_ENDS or _SECTION.match(name)):
                break
            items.insert(0, item)
            at = start - 1
        if not items:
            continue
        head = _LINE.match(items[0][2])[1] if line else ""
        for start, stop, name in items:
            whole = name if not line or name.startswith(head) else head + name
            replaced[(start, stop)] = Mention(_tidy(whole + tail), last.type, start, stop, text[start:stop],
                                              expanded=True)
        if head and not last.name.startswith(head):  # 8号线临江段 after 轨道交通6号线: the line's head too
            replaced[(last.start, last.end)] = Mention(_tidy(head + last.name), last.type, last.start, last.end,
                                                       last.text, expanded=True)
    return _replacing(kept, replaced)


def _shared_by_listed(text: str, kept: list[Mention]) -> list[Mention]:
    """梧桐路、澜汀大街改造工程 → 梧桐路改造工程, 澜汀大街改造工程; 通衢路东延、梧川大道南延工程 → 通衢路东延工程;
    中峰镇、新店镇卫生院 → 中峰镇卫生院, 新店镇卫生院.

    Works named after the last of listed roads are done on each (a coordination written short); the
    listed road then names the works, not a place of its own. An extension (…东延) listed before another
    extension's works (…南延工程) is works too. So are the bodies (卫生院, 社区卫生服务中心) and the
    centres, stations and projects named after the last of listed townships, streets or villages.
    """
    by_end = {m.end: m for m in kept if not m.expanded}
    replaced: dict[tuple[int, int], Mention] = {}
    for last in [m for m in kept if m.type in ("project", "organization") and not m.expanded]:
        works = (_ROAD_WORKS.match(last.name) or _NAMED_WORKS.match(last.name)) if last.type == "project" else None
        extension = _EXTENSION_WORKS.match(last.name) if last.type == "project" else None
        body = _SETTLEMENT_BODY.match(last.name)
        if body is not None:
            own = _suffix_ending(body[2], at_least=0)
            if own is None or own.type != last.type or _COUNT_AFTER.match(text, last.end) or (
                    own.type == "project" and not body[2].endswith(_SERVING)):  # 某村熏衣草小镇 is the village's own
                body = None  # 漫江镇、松江镇垃圾处理中心2个: a count of a kind, not each one's name
        if works is None and extension is None and body is None:
            continue
        at = last.start - 1
        while (item := _item_before(text, by_end, at)) is not None:
            start, stop, written = item
            if works and written.endswith(_ROAD_ENDS) and not written.endswith("公路") and "至" not in written:
                name = written + works[2]
            elif extension and _EXTENSION_END.search(written):
                name = written + "工程"
            elif body and _SETTLEMENT.match(written):
                name = written + body[2]
            else:
                break
            mention = by_end.get(stop)
            if mention is not None and mention.type not in ("place", "project", "agency"):
                break
            replaced[(start, stop)] = Mention(name, last.type, start, stop, text[start:stop], expanded=True)
            at = start - 1
    return _replacing(kept, replaced)


def _replacing(kept: list[Mention], replaced: dict[tuple[int, int], Mention]) -> list[Mention]:
    """``kept`` with the mention of each span in ``replaced`` (start, end) given instead, in text order."""
    if not replaced:
        return kept
    out = [m for m in kept if (m.start, m.end) not in replaced]
    return sorted(out + list(replaced.values()), key=lambda m: (m.start, m.end, m.name))


# 核心区B2、B4地块, 城东新区A、B片, 白沙湖C-03地块、C-07地块, 集镇东片、西片, 新城22号地块、25号地块
_PARCEL_PART = r"(?:(?<![A-Za-z0-9-])[A-Z]{1,4}-?[A-Z]?\d{0,3}|(?<![\dA-Za-z])\d{1,3}号|[东西南北中]部?)"
_PARCELS = re.compile(r"(" + _PARCEL_PART + r")(地块|片区|片|泊位)?((?:、" + _PARCEL_PART + r"(?:地块|片区|片|泊位)?)*)、("
                      + _PARCEL_PART + r")(地块|片区|片|泊位)(?![区\u4e00-\u9fff]?[区])")


def _shared_parcel_heads(text: str, tokens: list[_Token], kept: list[Mention]) -> list[Mention]:
    """渤阳新区核心区B2、B4地块 → 渤阳新区核心区B2地块, 渤阳新区核心区B4地块: parcels or areas listed by their
    codes (or directions) after the zone they lie in are each named with the zone and the kind; so are a
    port's berths (…作业区3号、4号泊位, projects)."""
    found: list[Mention] = []
    for match in _PARCELS.finditer(text):
        kind = match[5]
        if match[2] and match[2] != kind or not "\u4e00" <= text[match.start() - 1: match.start()] <= "\u9fff":
            continue
        index = _token_ending(tokens, match.start())
        if index is None:
            continue
        start = _left_edge(tokens, index)
        head = _tidy(text[start: match.start()])
        if len(head) < 2 or _is_generic(head) or head in _suffix_of() or not _has_proper_word(tokens, start, match.start()):
            continue
        parts = [(match.start(1), match.end(2) if match[2] else match.end(1), match[1])]
        for part in re.finditer(_PARCEL_PART, match[3]):
            at = match.start(3) + part.start()
            stop = at + len(part.group())
            stop += len(kind) if text.startswith(kind, stop) else 0
            parts.append((at, stop, part.group()))
        parts.append((match.start(4), match.end(5), match[4]))
        found += [Mention(head + code + kind, "project" if kind == "泊位" else "place", start if i == 0 else a, b, text[start if i == 0 else a: b],
                          expanded=text[start if i == 0 else a: b] != head + code + kind)
                  for i, (a, b, code) in enumerate(parts)]
    if not found:
        return kept
    covered = [(m.start, m.end) for m in found]
    out = [m for m in kept if m.type not in ("place", "project") or not any(
        a < m.end and m.start < b for a, b in covered)]
    return sorted(out + found, key=lambda m: (m.start, m.end, m.name))


def _phases_listed(text: str, kept: list[Mention]) -> list[Mention]:
    """莲塘安置房一、二期 → 莲塘安置房一期, 莲塘安置房二期: each phase listed after a name is a project of its own."""
    out = []
    for mention in kept:
        more = _MORE_PHASES.match(text, mention.end) if mention.type == "project" else None
        base = re.sub(_NUMERAL + "期$", "", mention.name)
        if more and base != mention.name:  # 梧川大道一期、二期和三期
            out.append(mention)
            for part in re.finditer(_NUMERAL + "期", more.group()):
                start, end = mention.end + part.start(), mention.end + part.end()
                out.append(Mention(base + part.group(), "project", start, end, part.group(), expanded=True))
            continue
        match = _LISTED_PHASES.match(text, mention.end) if mention.type in ("project", "place", "organization") else None
        if match is None or mention.name.endswith("期"):
            out.append(mention)
            continue
        position = mention.end
        for part in re.finditer(_NUMERAL + "期?", match.group()):
            phase = part.group().rstrip("期") + "期"
            start, end = mention.end + part.start(), mention.end + part.end()
            out.append(Mention(mention.name + phase, "project", mention.start if position == mention.end else start, end,
                               text[mention.start if position == mention.end else start: end],
                               expanded=position != mention.end))
            position = end
    return out


def _without_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Longest first; a name inside a longer one is dropped (武汉大学 in 武汉大学校友会), except expansions."""
    kept: list[Mention] = []
    for mention in sorted(candidates, key=lambda m: (m.type != "document", -(m.end - m.start), m.start)):
        if mention.expanded or not any(k.start < mention.end and mention.start < k.end and not k.expanded
                                       for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end, m.name))


def _inside_documents(text: str, kept: list[Mention]) -> list[Mention]:
    """Bodies a document's title names (《…关于武昌船舶重工集团有限公司…的意见书》 names the company)."""
    found = []
    for document in (m for m in kept if m.type == "document"):
        inner = [_shifted(m, document.start) for m in _by_rules(text[document.start: document.end],
                                                                _tokens(text[document.start: document.end]))]
        found += [m for m in inner if m.type in BODY_TYPES]
    return found


_SHORT_FORM = re.compile(r"[(（](?:以下)?简称[:：]?[“\"'‘]?([^()（）“”\"'‘’,，。]{2,12})[”\"'’]?[)）]")


def _declared_short_forms(text: str, kept: list[Mention]) -> list[Mention]:
    """汉江天瑞环境科技股份有限公司(以下简称“天瑞环境”): the short form is the same thing."""
    found = []
    for mention in kept:
        match = _SHORT_FORM.match(text, mention.end)
        if match and mention.type != "document":
            found.append(Mention(_tidy(match[1]), mention.type, match.start(1), match.end(1), match[1],
                                 short_for=mention.name))
    return found


def recognise(text: str, offset: int = 0) -> list[Mention]:
    """Every named entity in ``text``, in text order; offsets are shifted by ``offset``.

    >>> [m.name for m in recognise("推进东、西城壕改造")]
    ['东城壕', '西城壕']
    """
    if not text:
        return []
    tokens = _tokens(text)
    kept = _tails_cut(_uncommon(_unquoted(text, redrawn(text, tokens, _by_rules(text, tokens)))))
    kept = _split_places(_groups_joined(text, _colleges_joined(text, _without_area_word(kept))))
    kept = _sections_joined(text, _runs_on(text, tokens, _company_works(text, tokens, kept)))
    kept = _shared_by_listed(text, _shared_sections(text, _shared_parcel_heads(text, tokens, kept)))
    kept = sorted(kept + _shared_works(text, kept), key=lambda m: (m.start, m.end, m.name))
    return [_shifted(m, offset) for m in kept] if offset else kept


def _shifted(m: Mention, offset: int) -> Mention:
    return Mention(m.name, m.type, m.start + offset, m.end + offset, m.text, m.expanded, m.short_for, m.within)


def _by_rules(text: str, tokens: list[_Token]) -> list[Mention]:
    """The mentions the rules find in ``text`` (offsets in ``text``), before the tagger redraws them."""
    candidates = _documents(text) + _quoted_projects(text) + _quoted_runs(text) + _campaigns(text, tokens)
    candidates += _brands(text) + _carriers(text) + _companies_known(text, tokens) + _national_bodies(text, tokens)
    candidates += _bureaus_known(text, tokens)
    persons = _persons(text, tokens)
    named = _places(tokens) + _split_pairs(_suffix_candidates(text, tokens))
    # 区委书记依明江·买买提: a name read off a title is a person's, whatever suffix it ends in
    candidates += persons + [m for m in named if not any(p.start < m.end and m.start < p.end for p in persons)]
    kept = _without_overlaps(candidates)
    expansions = []
    for mention in kept:
        if mention.type != "document":
            expansions += _coordinated(text, tokens, mention)
    if expansions:
        replaced = {(m.start, m.end) for m in expansions}
        kept = _without_overlaps([m for m in kept if (m.start, m.end) not in replaced] + expansions)
    kept = _phases_listed(text, kept)
    kept = sorted(kept + _listed_alike(text, kept) + _level_shared(text, kept), key=lambda m: (m.start, m.end, m.name))
    kept = _bracketed_items(text, _listed_items(text, tokens, kept))
    kept = sorted(kept + _listed_with_companies(text, tokens, kept), key=lambda m: (m.start, m.end, m.name))
    kept = _without_overlaps(kept + _declared_short_forms(text, kept))
    return sorted(kept + _inside_documents(text, kept), key=lambda m: (m.start, m.end, m.name))

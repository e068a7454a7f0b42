"""Which figure of a completion text answers which target of the requirement: pairing by meaning.

A target's *indicator* is the words around its number (新增停车泊位 in
新增停车泊位2300个). Each target is paired with the quantity of the completion
text whose surrounding words share the most of the target's indicator —
character bigrams, weighted by how close they stand to the number, counting
only bigrams that tell the target apart from the other targets of the same
requirement — whose unit measures the same thing (个 with 家, 万户 with 户, 万方
with 平方米), and whose head word names the same kind of thing (养老服务中心 is not
answered by 养老服务培训). A target nothing answers stays unpaired: a wrong
pairing is worse than none. The words that steer this (fillers, plan words,
contrasts) are data, ``data/quantity_words.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .quantities import Quantity, compatible, unit_info, words

__all__ = ["Context", "PAIRABLE", "SENTENCE_END", "contexts", "pair", "sentence_span"]

_CLAUSE_END = set(",，。;；:：!！?？\n")
SENTENCE_END = set("。;；!！?？")
_OPEN, _CLOSE = "(（[【", ")）]】"
_PLAN_WINDOW = 4  # characters before an actual in which 目标/计划 mark a restated target
_MIN_SCORE = 0.3  # weighted share of a target's indicator an actual's words must cover
_WORDS_NEEDED = 3  # a long indicator is answered by its key words, not all of them
_SENTENCE_WEIGHT = 0.3  # words of the sentence but not of the clause count for less …
_SENTENCE_CAP = 0.1  # … and can only tip a clause match over, never make one (入驻企业41家 ≠ 企业园改造提升1个)
# A target naming one side of a contrast (存量违法建设) prefers the figure naming that side over the whole.
_SIDE_FAVOUR = 1.5
_COUNTER_BONUS = 0.1  # 6所 beside 6所: the counting word is itself a word of the indicator
_COMMON_WEIGHT = 0.5  # words every row uses (企业, 项目, 建设) say little about which figure answers
PAIRABLE = ("amount", "range")  # ratios (1:3.91) and pairs (18/18人) answer no target


# ---------------------------------------------------------------- words around a number


@dataclass(frozen=True)
class Context:
    """The words around one figure: its clause before and after it, weighted bigrams, its sentence's bigrams."""

    before: str
    after: str
    clause: dict[str, float]  # bigram → weight (closer to the number weighs more)
    sentence: frozenset[str]
    heads: tuple[str, ...]  # bigrams that may name what is counted: 2823个停车泊位 → 停车; 停车泊位2300个 → 泊位


def _bracket_skip_left(text: str, i: int) -> int:
    """Index left of the bracket group that closes at ``i`` (so 38个(省级16个、市级22个)社区 reads 38个社区)."""
    depth = 0
    while i >= 0:
        if text[i] in _CLOSE:
            depth += 1
        elif text[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return i - 1
        i -= 1
    return i


def _bracket_skip_right(text: str, i: int) -> int:
    depth = 0
    while i < len(text):
        if text[i] in _OPEN:
            depth += 1
        elif text[i] in _CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def _words_left(text: str, start: int, floor: int) -> str:
    """The words left of ``start`` up to a clause boundary or ``floor``, bracket groups left out."""
    out, i = [], start - 1
    while i >= floor and text[i] not in _CLAUSE_END:
        if text[i] in _CLOSE:
            i = _bracket_skip_left(text, i)
            continue
        if text[i] in _OPEN:  # the number stands inside a bracket: its clause starts here
            break
        out.append(text[i])
        i -= 1
    return "".join(reversed(out))


def _words_right(text: str, end: int, ceiling: int) -> str:
    out, i = [], end
    while i < ceiling and text[i] not in _CLAUSE_END:
        if text[i] in _OPEN:
            i = _bracket_skip_right(text, i)
            continue
        if text[i] in _CLOSE:
            break
        out.append(text[i])
        i += 1
    return "".join(out)


def _split_shared(between: str) -> tuple[str, str]:
    """Words between two quantities → (the first's after-words, the second's before-words).

    A conjunction (和, 及, 、) divides them (14个社区的雨污分流管网和9处区域的排水管网);
    without one both quantities see all the words.
    """
    cut = max((between.rfind(c) for c in words("conjunction")), default=-1)
    if cut < 0:
        return between, between
    return between[:cut], between[cut + 1:]


@lru_cache(maxsize=4096)
def _trim(phrase: str) -> str:
    """The phrase without filler words (力争, 全年, 完成, 的) at its ends."""
    phrase = re.sub(r"\s+", "", phrase).strip("、,，")
    fillers = words("filler")
    changed = True
    while changed and phrase:
        changed = False
        for word in fillers:
            if phrase.startswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[len(word):], True
            if phrase.endswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[: -len(word)], True
    return phrase


def _sides(text: str, quantities: list[Quantity]) -> list[tuple[str, str]]:
    """(before-words, after-words) of each quantity; a quantity right after another shares its before-words."""
    sides: list[tuple[str, str]] = []
    for k, q in enumerate(quantities):
        prev = quantities[k - 1] if k else None
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None
        before = _words_left(text, q.start, prev.end if prev else 0)
        after = _words_right(text, q.end, nxt.start if nxt else len(text))
        if prev and before == text[prev.end:q.start]:
            before = _split_shared(before)[1]
        if nxt and after == text[q.end:nxt.start]:
            after = _split_shared(after)[0]
        if prev and not _subject(before) and not _trim(after) and not SENTENCE_END & set(text[prev.end:q.start]):
            # 14宗、426亩; 436笔,6839万元; 外资4.16亿美元,增长12.4%: a figure with no words of its own
            # shares the subject before it (3个项目已开工建设 has its own)
            before = sides[-1][0] + before
        sides.append((before, after))
    return sides


def _subject(before: str) -> str:
    """``before`` without fillers, change words (增长) and comparison words (同比, 同口径): empty when elliptical."""
    phrase = _trim(before)
    for word in list(words("change")) + list(words("comparison")):
        phrase = phrase.replace(word, "")
    return _trim(phrase)


def _bigrams(phrase: str) -> list[tuple[str, int]]:
    """Character bigrams of letters, digits and CJK, with their index in ``phrase``."""
    ok = [ch.isalnum() for ch in phrase]
    return [(phrase[i:i + 2], i) for i in range(len(phrase) - 1) if ok[i] and ok[i + 1]]


@cache
def _generic() -> frozenset[str]:
    """Bigrams that say nothing about which indicator: fillers (完成, 全年) and changes (增长, 下降),
    which tell what kind of figure it is, not what it measures."""
    return frozenset(w[-2:] for role in ("filler", "change") for w in words(role) if len(w) >= 2)


def _listed(before: str) -> set[int]:
    """Indices of an example list ending in 等 (出让土地武重E、武重F片、青鱼嘴等9宗): they do not push the verb away."""
    if not before.endswith("等") or "、" not in before:
        return set()
    return set(range(before.index("、"), len(before)))


def _decay(distance: int) -> float:
    """Weight of a word ``distance`` characters from the number: the adjacent words describe it."""
    return 1 / (1 + max(0, distance - 1) / 6)


def _weights(before: str, after: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    before = re.sub(r"\s+", "", before)
    after = re.sub(r"\s+", "", after)
    listed = _listed(before)
    for gram, i in _bigrams(before):
        distance = sum(1 for j in range(i + 2, len(before)) if j not in listed)
        weights[gram] = max(weights.get(gram, 0.0), _decay(distance))
    for gram, i in _bigrams(after):
        weights[gram] = max(weights.get(gram, 0.0), _decay(i))
    return {g: w for g, w in weights.items() if g not in _generic()}


def _heads(before: str, after: str) -> tuple[str, ...]:
    """The words next to the number: the noun a counter word may introduce (2823个停车泊位 → 停车)
    and the words right before it (新增停车泊位2300个 → 泊位)."""
    first = _bigrams(re.sub(r"\s+", "", after))[:1]
    last = _bigrams(re.sub(r"\s+", "", before))[-1:]
    return tuple(g for g, _ in first + last)


def _sides_of(phrase: str, telling: bool = False) -> dict[str, set[str]]:
    """The contrast groups ``phrase`` takes a side in: 城镇居民 → {urban_rural: {urban}}.

    ``telling``: only by words that are not common in the genre (存量, not 新增).
    """
    found: dict[str, set[str]] = {}
    for word, value in words("contrast").items():
        if word in phrase and not (telling and word in words("common")):
            group, _, side = value.partition(":")
            found.setdefault(group, set()).add(side)
    return found


def _contrasts(target: Context, actual: Context) -> bool:
    """Whether the two take different sides of one contrast (城镇 against 农村, 公办 against 民办)."""
    mine = _sides_of(target.before + target.after)
    theirs = _sides_of(actual.before + actual.after)
    return any(group in theirs and not sides & theirs[group] for group, sides in mine.items())


def _same_side(target: Context, actual: Context) -> bool | None:
    """Whether the actual states the side the target takes (存量违法建设 beside 存量违建23万平方米):
    True, False when it states none (全年拆除违法建设26万平方米, the whole), None when the target takes none."""
    mine = _sides_of(target.before + target.after, telling=True)
    if not mine:
        return None
    theirs = _sides_of(actual.before + actual.after, telling=True)
    return any(sides & theirs.get(group, set()) for group, sides in mine.items())


def _same_counter(target: Quantity, actual: Quantity) -> bool:
    """Both counted with a word only one kind of thing takes (6所 beside 6所学校)."""
    info = unit_info(target.counter) if target.counter else None
    return info is not None and info.names_kind and target.counter == actual.counter


def _kindred(a: str, b: str) -> bool:
    """Whether two head words name the same kind of thing (data/quantity_words.tsv, role kindred)."""
    kin = words("kindred")
    return a in kin and kin[a] == kin.get(b)


def _abbreviates(short: str, phrase: str) -> bool:
    """Whether ``short`` (违建, 规上) is a Chinese abbreviation of words in ``phrase`` (违法建设, 规模以上):
    its characters stand in ``phrase`` in order, close together, and not side by side."""
    for start in (i for i, ch in enumerate(phrase) if ch == short[0]):
        end = phrase.find(short[1:], start + 1) if len(short) == 2 else -1
        if 1 < end - start <= 3:
            return True
    return False


def _same_thing(target: Context, actual: Context, loosely: bool = False) -> bool:
    """Whether the two numbers count the same thing: either one's head word stands by the other.

    Shared domain words are not enough (养老服务中心5个 is not answered by 养老服务培训12场).
    Two changes (增长 beside 下降) are the same kind of figure: the indicator words decide.
    Heads ending in the same character name the same kind of thing (保障房, 保障性住房).
    ``loosely`` (both counted with a kind word such as 所) accepts a head sharing any character.
    """
    changes = {w[-2:] for w in words("change")}
    if set(target.heads) & changes and set(actual.heads) & changes:
        return True
    indicator = target.before + target.after
    return any(
        mine in actual.clause or theirs in target.sentence
        or mine[-1] == theirs[-1]  # 保障房 and 保障性住房 both end in 房
        or _abbreviates(theirs, indicator)  # 违建 is short for 违法建设
        or _kindred(mine, theirs)  # 补贴 and 资金 are both funds
        or (loosely and set(theirs) & set(indicator))  # counted with one kind word (6所): 学校 shares 学 with 中小学
        for mine in target.heads for theirs in actual.heads
    )


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in SENTENCE_END:
        left -= 1
    right = end
    while right < len(text) and text[right] not in SENTENCE_END:
        right += 1
    if right < len(text):
        right += 1
    while left < right and text[left].isspace():
        left += 1
    return left, right


def contexts(text: str, quantities: list[Quantity]) -> list[Context]:
    out, sentences = [], {}
    for q, (before, after) in zip(quantities, _sides(text, quantities), strict=True):
        left, right = sentence_span(text, q.start, q.end)
        if (left, right) not in sentences:
            sentences[left, right] = frozenset(g for g, _ in _bigrams(re.sub(r"\s+", "", text[left:right])))
        before, after = _trim(before), _trim(after)
        out.append(Context(before, after, _weights(before, after), sentences[left, right], _heads(before, after)))
    return out


# ---------------------------------------------------------------- pairing


def _is_plan(text: str, q: Quantity) -> bool:
    """目标16000人, 计划征地64.74亩, 总户数2060户: a figure restating a target, not a result."""
    window = text[max(0, q.start - _PLAN_WINDOW - 2):q.start]
    return any(word in window for word in words("plan"))


def _score(distinct: frozenset[str], actual: Context) -> float:
    """How much of a target's telling words stand by the actual: near the number weighs most."""
    if not distinct:
        return 0.0
    clause = sentence = 0.0
    common = words("common")
    for gram in distinct:
        weight = _COMMON_WEIGHT if gram in common else 1.0
        if gram in actual.clause:
            clause += weight * actual.clause[gram]
        elif gram in actual.sentence:
            sentence += weight * _SENTENCE_WEIGHT
    needed = min(len(distinct), _WORDS_NEEDED)
    return clause / needed + min(sentence / needed, _SENTENCE_CAP)


def _distinct(grams: list[frozenset[str]]) -> list[frozenset[str]]:
    """Each target's bigrams that no sibling target shares (all of them if that leaves none)."""
    out = []
    for k, own in enumerate(grams):
        others = frozenset().union(*(g for j, g in enumerate(grams) if j != k))
        out.append(own - others or own)
    return out


def pair(targets: list[Quantity], target_ctx: list[Context], actuals: list[Quantity],
          actual_ctx: list[Context], outcome: str) -> dict[int, Quantity]:
    """target index → the quantity answering it, best-scoring pairs first, each actual used once.

    A target counting two things together (孵化器、众创空间5家) is answered by their 合计, or
    by the sum of the parts listed side by side (孵化器3家、众创空间4家 → 7家).
    """
    distinct = _distinct([frozenset(c.clause) for c in target_ctx])
    candidates = []
    for t, target in enumerate(targets):
        if target.kind not in PAIRABLE:
            continue
        able = [a for a, actual in enumerate(actuals)
                if actual.kind in PAIRABLE and compatible(target.dimension, actual.dimension)
                and not _is_plan(outcome, actual) and not _contrasts(target_ctx[t], actual_ctx[a])]
        sides = {a: _same_side(target_ctx[t], actual_ctx[a]) for a in able}
        side_named = any(sides.values())  # some figure names the target's side: those that don't are the whole
        for a in able:
            counter = _same_counter(target, actuals[a])
            score = _score(distinct[t], actual_ctx[a]) + (_COUNTER_BONUS if counter else 0.0)
            if sides[a]:
                score *= _SIDE_FAVOUR
            elif sides[a] is False and side_named:
                score /= _SIDE_FAVOUR * _SIDE_FAVOUR
            if score >= _MIN_SCORE and _same_thing(target_ctx[t], actual_ctx[a], loosely=counter):
                candidates.append((-score, a, t))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, a, t in sorted(candidates):
        if t not in pairs and a not in used:
            pairs[t] = a
            used.add(a)
    answers = {t: actuals[a] for t, a in pairs.items()}
    for t, a in pairs.items():
        if not _joint(target_ctx[t]):
            continue
        total = _total_after(actuals, a, outcome)
        if total is not None and total not in used:
            used.add(total)
            answers[t] = actuals[total]
        elif total is None:
            answers[t] = _sum_of_parts(target_ctx[t], actuals, actual_ctx, a, outcome) or actuals[a]
    return answers


def _sum_of_parts(target: Context, actuals: list[Quantity], actual_ctx: list[Context], a: int,
                  outcome: str) -> Quantity | None:
    """孵化器3家、众创空间4家 as one figure (7家) when each part names a part of the target."""
    indicator = {g for g, _ in _bigrams(target.before + target.after)}

    def part(b: int) -> bool:
        return (actuals[b].unit == actuals[a].unit and actuals[b].kind == "amount"
                and bool(indicator & {g for g, _ in _bigrams(actual_ctx[b].before)}))

    def joined(b: int, c: int) -> bool:
        between = outcome[actuals[b].end:actuals[c].start]
        return not set(between) & _CLAUSE_END and any(w in between for w in words("conjunction"))

    first = last = a
    while first > 0 and joined(first - 1, first) and part(first - 1):
        first -= 1
    while last + 1 < len(actuals) and joined(last, last + 1) and part(last + 1):
        last += 1
    if first == last or not part(a):
        return None
    parts = actuals[first:last + 1]
    start, end = parts[0].start, parts[-1].end
    return replace(parts[0], value=sum(q.value for q in parts), base_value=sum(q.base_value for q in parts),
                   text=outcome[start:end], start=start, end=end, comparator="=")


def _joint(target: Context) -> bool:
    """A target counting two things together: 盘活批而未供和闲置土地1500亩."""
    return any(c in _trim(target.before) for c in words("conjunction"))


def _total_after(actuals: list[Quantity], a: int, outcome: str) -> int | None:
    """The 合计 figure that sums the parts listed with actual ``a`` in its sentence, if there is one."""
    _, end = sentence_span(outcome, actuals[a].start, actuals[a].end)
    for b in range(a + 1, len(actuals)):
        later = actuals[b]
        if later.start >= end:
            break
        if later.dimension == actuals[a].dimension and any(
                outcome[:later.start].endswith(w) for w in words("total")):
            return b
    return None

"""A synthetic corpus of task-completion reports, in the layouts of the genre, with the truth.

Usage: python bench/corpus.py N OUTDIR [--seed S]

Writes ``report-00000.txt`` … and beside each ``report-00000.truth.json``: the
table the generator laid out, in the shape of tests/data/heldout*/*.truth.json
(so :func:`kg.evaluate.score_report` scores it) plus the full completion text,
each unit's name, aliases, role and where it was inherited from, the verdict
the completion text gives, the quantified target and the names of things each
task mentions.

Report ``i`` is the report of district ``i % 50`` for the year
``2015 + (i // 50) % 10``; from ``i = 500`` on, the half-year, three-quarter
and first-quarter reports of the same districts and years. Names of companies,
projects, places, institutions and people are composed from parts (place stem
× suffix, region + brand + industry + 有限公司, surname + given name): each
district draws its own pool, which its reports share across years, and every
report adds names of its own, so the pools grow with N.

The layouts are those of published reports (see tests/data/heldout*): a header
block in one of three portal styles; headings as cells at the head of a row
(重点工作项目 column) or on lines of their own, sections 一、 and subsections
(一) or unnumbered; numbers bare, with a dot, or run into the text (3、推进…);
unit cells joined by 、, by runs of spaces or NBSP, one per line, broken after
a 、, or on the line after the requirement, with aliases 区政法委（区维稳办） and role notes
（牵头）; empty unit cells merged with the row above; completion texts over
one or more lines; headings and the column header repeated at page breaks;
lost middle dots (中德?临江); UTF-8, UTF-8 with BOM or GB18030, LF or CRLF;
print/close buttons after the table.

Each task's ``entities`` lists the names the generator put into its texts. A
name may stand inside a longer one the sentence forms (白洲中学改扩建工程,
安河人民医院新院区, 金滨产业园二期): a recogniser that reports the longer name is
not wrong, so score entities with that in mind. Not generated: a requirement cell broken
over two lines, which kg.table reads as a row with no unit (the rest of the
requirement is taken for completion text).

Everything comes from one ``random.Random`` per report (and one per district
pool) seeded by strings, so the output is byte-identical for the same seed.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

__all__ = ["DISTRICTS", "YEARS", "District", "TaskTruth", "generate_report", "write_corpus"]

DISTRICTS = 50
YEARS = tuple(range(2015, 2025))
PERIODS = ("全年", "上半年", "前三季度", "一季度")

# ---------------------------------------------------------------- name parts (general knowledge)

_STEM_FIRST = "临云南北东西青白金银龙凤鹤梅桃柳松石清明安平长永兴华新宝丰盛嘉荣瑞祥泰康宁远"
_STEM_SECOND = "江河湖山川岭峰溪湾港洲桥阳林泉源口坪塘城亭沙滨浦岗宁汀"
_BRAND = "华创智达润恒信博远卓越联汇通科维腾飞德鑫源力宏骏天启明睿航星"
_PROVINCES = ("湖北", "湖南", "江西", "安徽", "河南", "四川", "浙江", "江苏", "广东", "福建", "山东", "陕西")
_INDUSTRIES = ("科技", "新能源科技", "生物医药", "智能装备", "物流", "建设工程", "电子商务", "文化传媒",
               "环保科技", "信息技术", "置业", "食品", "新材料", "光电", "医疗器械", "数据服务")
_COMPANY_FORMS = ("有限公司", "有限公司", "股份有限公司", "集团有限公司", "有限责任公司")
_PROJECT_KINDS = ("产业园", "科技园", "创新园", "物流园", "商务区", "文化街区", "城市综合体", "湿地公园",
                  "污水处理厂", "体育中心", "大桥", "金融港", "创意产业园", "数字经济产业园", "总部基地")
_DOTTED_PROJECTS = ("中德·{stem}智能制造产业园", "{stem}·{brand}国际广场", "中法·{stem}生态示范城")
_PLACE_KINDS = ("路", "大道", "街", "社区", "片", "村")
_ORG_KINDS = ("大学", "职业技术学院", "中学", "实验小学", "中心医院", "人民医院", "妇幼保健院")
_SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
_GIVEN = "建华国明伟芳军平红丽志强敏静磊洋勇艳杰涛斌超秀英文"
_TITLES = ("教授", "院士", "研究员", "先生")


@dataclass(frozen=True)
class District:
    name: str  # 临江区
    stem: str  # 临江
    level: str  # 区 | 县 | 市: the prefix of its bodies' names (区发改委)
    city: str  # 云川市 (for a district or county), its region in company names
    province: str
    code: str  # nine digits, the head of its index numbers


@cache
def districts(seed: int) -> tuple[District, ...]:
    """The 50 jurisdictions of a corpus: distinct two-character stems, each with a level and a city."""
    rng = random.Random(f"kg-corpus:{seed}:districts")
    stems = [a + b for a in _STEM_FIRST for b in _STEM_SECOND]
    rng.shuffle(stems)
    cities = stems[DISTRICTS:DISTRICTS + 12]
    result = []
    for stem in stems[:DISTRICTS]:
        level = rng.choices("区县市", weights=(5, 3, 2))[0]
        result.append(District(stem + level, stem, level, rng.choice(cities) + "市", rng.choice(_PROVINCES),
                               f"{rng.randrange(10**8, 10**9)}"))
    return tuple(result)


# ---------------------------------------------------------------- bodies (responsible units)

# (core name, alias core or "") by theme; the level character goes in front: 区发改委.
_BODIES = {
    "economy": (("发改委", ""), ("科技局", ""), ("商务局", ""), ("经信局", ""), ("金融办", ""), ("统计局", ""),
                ("财政局", ""), ("招商局", ""), ("市场监管局", "")),
    "urban": (("住建局", ""), ("城管委", "执法局"), ("交通运输局", ""), ("征收办", ""), ("自然资源和规划局", ""),
              ("城投集团", ""), ("建委", "")),
    "environment": (("生态环境分局", ""), ("水务局", ""), ("园林局", ""), ("城管委", "执法局"), ("农业农村局", "")),
    "livelihood": (("教育局", ""), ("卫健委", ""), ("民政局", ""), ("人社局", ""), ("医保局", ""),
                   ("退役军人事务局", ""), ("文旅局", ""), ("残联", "")),
    "reform": (("行政审批局", ""), ("政务服务中心", ""), ("市场监管局", ""), ("编办", "审改办"), ("司法局", ""),
               ("国资办", ""), ("财政局", "")),
    "safety": (("政法委", "维稳办"), ("应急管理局", ""), ("信访局", ""), ("司法局", ""), ("消防救援大队", "")),
    "government": (("政府办", ""), ("财政局", ""), ("审计局", ""), ("监察委", ""), ("机关事务局", "")),
}
# Bodies named after the district rather than prefixed with its level.
_NAMED_BODIES = ("{stem}公安分局", "{stem}经济开发区管委会", "{stem}高新区管委会", "国网{stem}供电公司",
                 "{stem}滨江商务区管委会", "{stem}文旅公司")


@dataclass(frozen=True)
class UnitTruth:
    written: str  # as the cell writes it: 区政法委（区维稳办）, 区发改委（牵头）
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None


# ---------------------------------------------------------------- sections by theme

_THEMES = {
    "economy": (("全力保持经济持续增长", "坚持稳中求进，推动经济高质量发展", "聚焦实体经济，推动产业转型升级"),
                ("大力推进创新驱动发展", "积极促进产业转型升级", "有效激发经济发展活力", "壮大现代服务业",
                 "培育先进制造业", "扩大有效投资")),
    "urban": (("着力提升现代城市功能", "推进城市更新改造", "建设宜居品质城区"),
              ("推进重点板块建设", "完善基础设施", "提升城市管理水平", "推进城市更新")),
    "environment": (("加强生态文明建设", "打好污染防治攻坚战"),
                    ("改善生态环境", "推进治水工程", "强化大气污染防治")),
    "livelihood": (("切实保障改善民生", "坚持以人民为中心，增进民生福祉"),
                   ("办好民生实事", "促进教育优先发展", "健全社会保障体系", "推进健康城区建设")),
    "reform": (("深化改革开放", "坚持改革创新，持续优化发展环境"),
               ("深化重点领域改革", "优化营商环境", "扩大对外开放")),
    "safety": (("维护社会和谐稳定", "统筹发展和安全"), ("加强社会治理", "强化安全生产")),
    "government": (("加强政府自身建设",), ("建设法治政府", "建设廉洁政府", "建设服务型政府")),
}
_LEADING_GROUPS = ("主要预期目标", "综合发展目标")
_NUMERALS = "一二三四五六七八九十"


# ---------------------------------------------------------------- targets and texts

@dataclass(frozen=True)
class _Indicator:
    theme: str
    says: str  # what the requirement says before the number
    unit: str
    low: float
    high: float
    decimals: int
    higher_is_better: bool = True
    actual: str = ""  # how the completion text says it, when not as the requirement does


# The main expected targets (主要预期目标) that open many reports.
_MACRO = (
    _Indicator("economy", "地区生产总值增长", "%", 6, 9, 1, actual="地区生产总值同比增长"),
    _Indicator("economy", "一般公共预算收入增长", "%", 5, 10, 1, actual="一般公共预算收入同比增长"),
    _Indicator("economy", "规模以上工业增加值增长", "%", 6, 10, 1, actual="规模以上工业增加值同比增长"),
    _Indicator("economy", "社会消费品零售总额增长", "%", 8, 12, 1, actual="社会消费品零售总额同比增长"),
    _Indicator("livelihood", "城镇常住居民人均可支配收入增长", "%", 7, 9, 1,
               actual="城镇常住居民人均可支配收入同比增长"),
)
_INDICATORS = _MACRO[:2] + (
    _Indicator("economy", "完成固定资产投资", "亿元", 100, 600, 0),
    _Indicator("economy", "完成招商引资总额", "亿元", 150, 500, 0),
    _Indicator("economy", "新增高新技术企业", "家", 10, 80, 0),
    _Indicator("economy", "引进总部企业", "家", 5, 25, 0),
    _Indicator("economy", "新增规模以上工业企业", "家", 8, 40, 0),
    _Indicator("economy", "新建标准厂房", "万平方米", 5, 30, 1),
    _Indicator("urban", "新增停车泊位", "个", 500, 3000, -2),
    _Indicator("urban", "新建5G基站", "个", 300, 3000, -2),
    _Indicator("urban", "改造老旧小区", "个", 10, 90, 0),
    _Indicator("urban", "完成棚户区改造征收", "户", 500, 3000, -1),
    _Indicator("urban", "新改建市政道路", "条", 5, 20, 0),
    _Indicator("urban", "打通断头路", "条", 2, 8, 0),
    _Indicator("environment", "新建改造污水管网", "公里", 10, 40, 1),
    _Indicator("environment", "新增绿化面积", "万平方米", 10, 50, 1),
    _Indicator("environment", "空气质量优良天数比例达到", "%", 70, 85, 1, actual="空气质量优良天数比例为"),
    _Indicator("livelihood", "新增城镇就业", "人", 5000, 30000, -2),
    _Indicator("livelihood", "新增公办学位", "个", 1000, 6000, -2),
    _Indicator("livelihood", "城镇登记失业率控制在", "%", 3, 4.5, 1, False, actual="城镇登记失业率为"),
    _Indicator("livelihood", "建设人才公寓", "套", 300, 2000, -2),
    _Indicator("reform", "新增市场主体", "户", 3000, 20000, -2),
    _Indicator("reform", "政务服务事项网上可办率达到", "%", 85, 95, 0, actual="政务服务事项网上可办率达到"),
    _Indicator("safety", "化解信访积案", "件", 20, 80, 0),
    _Indicator("government", "“三公”经费同比下降", "%", 3, 8, 0, actual="“三公”经费同比下降"),
)

# Qualitative requirements and what a completion text says of them; {P} project, {C} company,
# {L} place, {O} institution, {U} a university, {N} a person; no requirement starts with a digit.
_QUALITATIVE = {
    "economy": (("积极推进{P}建设", "{P}主体工程完工，{C}等{k}家企业签约入驻。"),
                ("支持{C}、{C2}等龙头企业做大做强。", "{C}完成技术改造，产值同比增长{r}%。"),
                ("推动{U}与{C}开展产学研合作。", "{U}与{C}签订合作协议，共建联合实验室。"),
                ("加快{P}二期建设。", "{P}二期已建成投用，入驻企业{k}家。"),
                ("做好{C}上市培育工作。", "{C}已完成股份制改造，进入上市辅导期。"),
                ("推动{P}提档升级。", "{P}完成改造，新引进{C}等企业{k}家。")),
    "urban": (("启动{L}周边区域改造。", "{L}周边区域完成房屋征收{k}户，已启动土地储备。"),
              ("推进{L}综合整治，改善周边环境。", "{L}综合整治全面完成，沿线立面改造{k}栋。"),
              ("加快{P}建设。", "{P}完成主体施工，正在进行室外配套施工。"),
                ("打通{L}至{L2}断头路。", "{L}至{L2}道路已建成通车。"),
                ("完成{L}提升改造。", "{L}提升改造完工，新增停车位{k}个。")),
    "environment": (("推进{L}水环境综合治理。", "{L}黑臭水体整治完成，水质达到地表水Ⅳ类标准。"),
                    ("建成{P}。", "{P}已建成开放，新增绿地{k}公顷。"),
                    ("推进{L}河道清淤。", "完成{L}河道清淤{k}公里。")),
    "livelihood": (("建成{O}新院区。", "{O}新院区已投入使用，新增床位{k}张。"),
                   ("办好{O}改扩建工程。", "{O}改扩建工程完工，新增学位{k}个。"),
                   ("在{L}建设社区养老服务中心。", "社区养老服务中心已在{L}建成运营，提供床位{k}张。"),
                   ("邀请专家开展基层医疗培训。", "邀请{U}{N}开展专题培训{k}场，培训基层医务人员{k2}人次。")),
    "reform": (("深化“放管服”改革，优化营商环境。", "推出“一件事一次办”事项{k}项，企业开办时间压缩至1个工作日。"),
               ("推进国有企业改革", "组建{C}，完成{level}属国有企业整合重组。"),
               ("支持{C}开拓国际市场。", "{C}全年实现进出口额{k}亿元，同比增长{r}%。")),
    "safety": (("完善社会治安立体化防控体系。", "新建高清视频监控点位{k}个，刑事案件立案数同比下降{r}%。"),
               ("落实安全生产责任制，坚决遏制较大以上安全事故。", "全年未发生较大以上生产安全事故。")),
    "government": (("全面推行权责清单制度。", "公布部门权责清单{k}份，实现执法部门全覆盖。"),
                   ("深化政务公开工作", "全年主动公开政府信息{k}条。")),
}
_CANCELLED = ("因规划调整，该项目暂停实施。", "经{level}政府常务会议研究，该项目取消。", "因上级政策调整，该事项取消。")
_DEFERRED = ("受资金筹措影响，该项目暂缓实施。", "因用地手续尚未办结，暂缓实施。")
_SHORTFALL = ("受疫情影响", "受市场环境影响", "受征收进度影响", "受土地供应影响")
# Further sentences a completion text may carry, by theme; any theme may tell of a meeting.
_EXTRA = {
    "economy": ("其中{C}、{C2}已投产。", "{C3}等{k}家企业已入驻{P}。"),
    "urban": ("{L}、{L2}等区域已实现全覆盖。", "{P}一期已完成征收{k}户。"),
    "environment": ("{L}、{L2}等区域已实现全覆盖。",),
}
_MEETING = "{unit}会同相关部门召开推进会{k}次，协调解决问题{k2}个。"


@dataclass
class TaskTruth:
    number: int
    line: int
    section: str | None
    subsection: str | None
    requirement: str
    units: list[UnitTruth]
    inherited: bool
    inherited_from: int | None
    outcome_lines: list[str]
    status: str  # met | not_met | cancelled | deferred | qualitative
    target: dict | None
    entities: list[dict] = field(default_factory=list)
    unit_cell: str = ""  # how the row lays out its units: merged | inline | comma | spaces | lines | below | wrapped

    @property
    def outcome(self) -> str:
        return " ".join(self.outcome_lines)

    def as_dict(self) -> dict:
        outcome = self.outcome
        return {
            "number": self.number, "line": self.line, "section": self.section, "subsection": self.subsection,
            "requirement": self.requirement, "units": [u.written for u in self.units], "inherited": self.inherited,
            "outcome_start": outcome[:10], "outcome_end": outcome[-10:], "outcome": outcome,
            "unit_details": [
                {"written": u.written, "name": u.name, "aliases": list(u.aliases), "role": u.role,
                 "inherited": self.inherited, "inherited_from": self.inherited_from}
                for u in self.units
            ],
            "status": self.status, "target": self.target, "entities": self.entities, "unit_cell": self.unit_cell,
        }


# ---------------------------------------------------------------- names

class _Names:
    """Names a report draws: from its district's pool (shared across years) or freshly composed."""

    def __init__(self, rng: random.Random, district: District, seed: int) -> None:
        self.rng = rng
        self.district = district
        self.pool = _district_pool(seed, districts(seed).index(district))

    def draw(self, kind: str) -> str:
        if self.rng.random() < 0.6:
            return self.rng.choice(self.pool[kind])
        return _compose(self.rng, self.district, kind)


def _stem(rng: random.Random) -> str:
    return rng.choice(_STEM_FIRST) + rng.choice(_STEM_SECOND)


def _compose(rng: random.Random, district: District, kind: str) -> str:
    if kind == "company":
        region = rng.choice((district.stem, district.city.removesuffix("市"), district.province))
        brand = rng.choice(_BRAND) + rng.choice(_BRAND)
        return region + brand + rng.choice(_INDUSTRIES) + rng.choice(_COMPANY_FORMS)
    if kind == "project":
        if rng.random() < 0.15:
            return rng.choice(_DOTTED_PROJECTS).format(stem=district.stem, brand=rng.choice(_BRAND) + rng.choice(_BRAND))
        return _stem(rng) + rng.choice(_PROJECT_KINDS)
    if kind == "place":
        return _stem(rng) + rng.choice(_PLACE_KINDS)
    if kind == "organization":
        org = rng.choice(_ORG_KINDS)
        owner = district.name if org.endswith("医院") and rng.random() < 0.5 else _stem(rng)
        return owner + org
    if kind == "university":
        return rng.choice((_stem(rng), district.province)) + rng.choice(("大学", "理工大学", "师范大学"))
    if kind == "person":
        return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
    raise ValueError(kind)


_POOL_SIZES = {"company": 14, "project": 10, "place": 12, "organization": 6, "university": 3, "person": 4}


@cache
def _district_pool(seed: int, index: int) -> dict[str, tuple[str, ...]]:
    rng = random.Random(f"kg-corpus:{seed}:pool:{index}")
    district = districts(seed)[index]
    return {kind: tuple(dict.fromkeys(_compose(rng, district, kind) for _ in range(size)))
            for kind, size in _POOL_SIZES.items()}


_SLOT_TYPES = {"P": "project", "C": "company", "L": "place", "O": "organization", "U": "university", "N": "person"}
_ENTITY_TYPES = {"university": "organization"}


def _fill(template: str, names: _Names, entities: list[dict], extra: dict[str, str], bound: dict[str, str]) -> str:
    """Fill slots: {P}, {C}, {C2}… with names, {k}, {level}… from ``extra``.

    A slot names the same thing wherever it recurs in one task (``bound``), so a
    completion text speaks of the project its requirement named; each name is
    recorded once in ``entities``.
    """
    out, i = [], 0
    while (j := template.find("{", i)) >= 0:
        k = template.index("}", j)
        out.append(template[i:j])
        slot = template[j + 1:k]
        if slot[0] in _SLOT_TYPES:
            kind = _SLOT_TYPES[slot[0]]
            if slot not in bound:
                bound[slot] = names.draw(kind)
            record = {"name": bound[slot], "type": _ENTITY_TYPES.get(kind, kind)}
            if record not in entities:
                entities.append(record)
            out.append(bound[slot] + (names.rng.choice(_TITLES) if kind == "person" else ""))
        else:
            out.append(extra[slot])
        i = k + 1
    out.append(template[i:])
    return "".join(out)


# ---------------------------------------------------------------- one task

def _number(value: float, decimals: int) -> str:
    if decimals > 0:
        return f"{value:.{decimals}f}"
    return str(int(round(value, decimals)))


@dataclass
class _Text:
    """What one task's texts are drawn from, and the names they have used so far."""

    rng: random.Random
    names: _Names
    level: str  # 区 | 县 | 市
    used: set  # indicators the report has set already: a report sets each target once
    entities: list[dict] = field(default_factory=list)
    bound: dict[str, str] = field(default_factory=dict)

    def fill(self, template: str) -> str:
        rng = self.rng
        extra = {"k": str(rng.randint(3, 60)), "k2": str(rng.randint(3, 60)), "r": str(rng.randint(5, 30)),
                 "level": self.level}
        return _fill(template, self.names, self.entities, extra, self.bound)


def _quantified(text: _Text, indicator: _Indicator, leading: bool) -> tuple[str, list[str], str, dict]:
    """(requirement, outcome sentences, status, target) of a task with a measurable target."""
    rng = text.rng
    text.used.add(indicator)
    target = _number(rng.uniform(indicator.low, indicator.high), indicator.decimals)
    if not indicator.higher_is_better:
        qualifier = "以内"
    else:
        qualifier = rng.choice(("", "以上", "左右") if indicator.unit == "%" else ("", "以上"))
    lead = ""
    if indicator.theme in ("economy", "urban") and indicator.unit != "%" and rng.random() < 0.4:
        lead = text.fill(rng.choice(_LEADS))
    requirement = f"{lead}{indicator.says}{target}{indicator.unit}{qualifier}。"
    # The main expected targets are reported on, never called off.
    status = rng.choices(("met", "not_met", "cancelled", "deferred"), weights=(64, 24, 0 if leading else 6, 0 if leading else 6))[0]
    record = {"indicator": indicator.says, "value": float(target), "unit": indicator.unit, "actual": None}
    if status in ("cancelled", "deferred"):
        return requirement, [_closing(text, status)], status, record
    actual = _actual(rng, indicator, float(target), status == "met")
    # Rounding may carry a near miss onto the target: the verdict follows the numbers as written.
    reached = float(actual) >= float(target) if indicator.higher_is_better else float(actual) <= float(target)
    status = "met" if reached else "not_met"
    record["actual"] = float(actual)
    said = f"{indicator.actual or '全年' + indicator.says}{actual}{indicator.unit}"
    if status == "met":
        sentence = f"{said}，{rng.choice(('完成年度目标。', '超额完成年度目标。', '圆满完成全年任务。'))}"
    elif rng.random() < 0.5:
        sentence = f"{rng.choice(_SHORTFALL)}，{said}，未完成年度目标。"
    else:
        sentence = f"{said}，完成年度目标的{_ratio(target, actual, indicator)}%。"
    return requirement, [sentence], status, record


_DECIMAL_UNITS = ("%", "亿元", "万平方米", "公里", "万人次")
_LEADS = ("加快{P}建设，", "依托{P}，", "推进{L}沿线开发，")


def _actual(rng: random.Random, indicator: _Indicator, target: float, met: bool) -> str:
    """The figure a completion text reports; a rate stays at or below 100%."""
    if indicator.unit == "%":
        factor = rng.uniform(1.0, 1.12) if met else rng.uniform(0.85, 0.99)
    else:
        factor = rng.uniform(1.0, 1.3) if met else rng.uniform(0.6, 0.97)
    value = target * factor if indicator.higher_is_better else target / factor
    if indicator.unit == "%":
        value = min(value, 100.0)
    return _number(value, 1 if indicator.unit in _DECIMAL_UNITS else 0)


def _ratio(target: str, actual: str, indicator: _Indicator) -> str:
    share = float(actual) / float(target) if indicator.higher_is_better else float(target) / float(actual)
    return f"{share * 100:.1f}"


def _closing(text: _Text, status: str) -> str:
    return text.fill(text.rng.choice(_CANCELLED if status == "cancelled" else _DEFERRED))


def _qualitative(text: _Text, theme: str) -> tuple[str, list[str], str, None]:
    requirement_t, outcome_t = text.rng.choice(_QUALITATIVE[theme])
    requirement = text.fill(requirement_t)
    status = text.rng.choices(("qualitative", "cancelled", "deferred"), weights=(88, 6, 6))[0]
    return requirement, [text.fill(outcome_t) if status == "qualitative" else _closing(text, status)], status, None


def _task_text(text: _Text, theme: str, units: list[UnitTruth], leading: bool):
    """(requirement, outcome sentences, status, target) of one task; names used go to ``text.entities``."""
    rng = text.rng
    fresh = [i for i in (_MACRO if leading else _INDICATORS) if i.theme == theme or leading]
    fresh = [i for i in fresh if i not in text.used]
    if fresh and (leading or rng.random() < 0.55):
        requirement, sentences, status, target = _quantified(text, rng.choice(fresh), leading)
    else:
        requirement, sentences, status, target = _qualitative(text, theme)
    if status not in ("cancelled", "deferred") and not leading:
        extras = _EXTRA.get(theme, ()) + (_MEETING,)
        for _ in range(rng.choices((0, 1, 2), weights=(5, 4, 1))[0]):
            sentence = rng.choice(extras).replace("{unit}", units[0].name if units else text.level + "政府办")
            sentences.append(text.fill(sentence))
    return requirement, sentences, status, target


def _outcome_lines(rng: random.Random, sentences: list[str]) -> list[str]:
    """The completion text's lines: sentences run on, or a cell broken over lines."""
    lines = [sentences[0]]
    for sentence in sentences[1:]:
        if rng.random() < 0.35:
            lines.append(sentence)
        else:
            lines[-1] += sentence
    return lines


# ---------------------------------------------------------------- layout

@dataclass(frozen=True)
class _Layout:
    header: str  # portal | gov | info
    headings: str  # cells: heading cells at the head of rows | lines: on lines of their own | mixed
    numbering: str  # bare "5 " | dot "5. " | attached "5、" or "5."
    attached_mark: str
    units: tuple[float, ...]  # weights of the unit-cell layouts comma, spaces, lines, below, wrapped
    lead_notes: bool  # the first of several units is marked （牵头）
    leading_group: bool
    wrapped_leading: bool
    newline: str
    encoding: str
    lost_dots: bool
    footer: tuple[str, ...]
    period: str


def _layout(rng: random.Random, period: str) -> _Layout:
    headings = rng.choices(("cells", "lines", "mixed"), weights=(5, 4, 2))[0]
    leading = rng.random() < 0.5
    return _Layout(
        header=rng.choices(("portal", "gov", "info"), weights=(5, 3, 2))[0],
        headings=headings,
        numbering=rng.choices(("bare", "dot", "attached"), weights=(6, 2, 2))[0],
        attached_mark=rng.choice(("、", ".")),
        units=rng.choice(((5, 2, 5, 1, 1), (8, 2, 1, 1, 2), (1, 6, 2, 1, 0), (2, 1, 2, 5, 1), (1, 1, 8, 0, 1))),
        lead_notes=rng.random() < 0.25,
        leading_group=leading,
        wrapped_leading=leading and headings == "cells" and rng.random() < 0.4,
        newline=rng.choices(("\n", "\r\n"), weights=(3, 1))[0],
        encoding=rng.choices(("utf-8", "utf-8-sig", "gb18030"), weights=(6, 1, 3))[0],
        lost_dots=rng.random() < 0.4,
        footer=rng.choice(((), ("【打印本页】【关闭窗口】",), ("扫一扫在手机打开当前页", "【打印】【关闭】"))),
        period=period,
    )


_COLUMN_HEADERS = {
    "cells": ("重点工作项目 项目要求 责任单位 工作完成情况", "重点工作 目标任务 责任单位 完成情况",
              "任务类别 序号 目标任务 责任单位 完成情况"),
    "lines": ("序号 工作任务 责任单位 完成情况", "序号 重点工作任务 责任单位 完成情况"),
}


def _title(rng: random.Random, district: District, year: int, period: str) -> str:
    done = "全年完成情况" if period == "全年" else f"{period}完成情况"
    forms = (f"{district.name}{year}年《政府工作报告》确定的主要任务{done}",
             f"{district.name}{year}年政府工作报告重点工作任务{done.removeprefix('全年')}",
             f"{year}年{district.name}《政府工作报告》确定的主要任务{done}")
    return rng.choice(forms)


def _header(rng: random.Random, layout: _Layout, title: str, publisher: str, index: str, published: str) -> list[str]:
    y, m, d = published.split("-")
    if layout.header == "portal":
        return [f"名  称: {title} 发布机构: {publisher}", f"文  号: 索 引 号: {index}",
                f"公开日期: {y}年{m}月{d}日 公开方式: 1", "内容概述: 主 题 词:", title, "", title]
    if layout.header == "gov":
        return [f"索 引 号: {index}", f"发布机构: {publisher} 成文日期: {published}", f"标  题: {title}",
                f"发文字号:  发布日期: {published}", "主题分类: 综合政务", title, ""]
    return [f"信息索引号: {index}", f"信息分类: 政府工作报告 发布机构: {publisher}", f"生成日期: {published}",
            f"信息名称: {title}", "文    号:  关 键 词: 政府工作报告 重点工作", title,
            f"来源：{publisher} 发布时间：{published} 09:{rng.randint(10, 59)} 【字体：大 中 小】"]


def _index_number(rng: random.Random, layout: _Layout, district: District, i: int, year: int) -> str:
    if layout.header == "portal":
        return f"{district.code}-03-{year}-{(i * 7919) % 10**7:07d}"  # a bijection of i: unique per report
    return f"11{district.code}MB{rng.randrange(1000, 10000)}X/{year}-{i:05d}"  # an 18-character credit code


def _units_of(rng: random.Random, district: District, theme: str, layout: _Layout) -> list[UnitTruth]:
    level = district.level
    count = rng.choices((1, 2, 3, 4), weights=(10, 6, 3, 1))[0]
    chosen: list[tuple[str, str]] = []
    for _ in range(count):
        if rng.random() < 0.12:
            body = (rng.choice(_NAMED_BODIES).format(stem=district.stem), "")
        elif rng.random() < 0.06:
            body = ("各乡镇" if level == "县" else "各街道", "")
        else:
            body = rng.choice(_BODIES[theme])
            body = (level + body[0], level + body[1] if body[1] else "")
        if body not in chosen:
            chosen.append(body)
    open_, close = rng.choice((("（", "）"), ("(", ")")))
    units = []
    for n, (name, alias) in enumerate(chosen):
        if alias:
            units.append(UnitTruth(f"{name}{open_}{alias}{close}", name, (alias,)))
        elif layout.lead_notes and len(chosen) > 1 and n == 0:
            units.append(UnitTruth(f"{name}{open_}牵头{close}", name, (), "牵头"))
        else:
            units.append(UnitTruth(name, name))
    return units


# ---------------------------------------------------------------- the plan of a report

@dataclass
class _Group:
    section: str | None
    subsection: str | None
    theme: str
    size: int


def _plan(rng: random.Random, layout: _Layout, tasks: int) -> list[_Group]:
    """Sections and subsections with the number of tasks in each, adding up to ``tasks``."""
    themes = list(_THEMES)
    rng.shuffle(themes)
    themes = themes[:rng.randint(3, min(7, max(3, tasks // 5)))]
    groups: list[_Group] = []
    if layout.leading_group:
        groups.append(_Group(rng.choice(_LEADING_GROUPS), None, "economy", 0))
    numbered_sub = layout.headings != "cells"
    for s, theme in enumerate(themes):
        section_titles, sub_titles = _THEMES[theme]
        section = f"{_NUMERALS[s]}、{rng.choice(section_titles)}"
        subs = rng.sample(sub_titles, rng.randint(0, len(sub_titles)) if rng.random() < 0.85 else 0)
        if not subs:
            groups.append(_Group(section, None, theme, 0))
        for n, sub in enumerate(subs):
            if numbered_sub:
                open_, close = rng.choice((("（", "）"), ("(", ")")))
                sub = f"{open_}{_NUMERALS[n]}{close}{sub}"
            groups.append(_Group(section, sub, theme, 0))
    for g in groups:  # every group at least one task, the rest spread at random
        g.size = 1
    if layout.leading_group:
        groups[0].size = rng.randint(2, len(_MACRO) - 1)
    for _ in range(tasks - sum(g.size for g in groups)):
        rng.choice(groups[1:] if layout.leading_group else groups).size += 1
    return groups


# ---------------------------------------------------------------- writing the lines

class _Writer:
    """Lines of the report, with the truth of each task as its row is laid out."""

    def __init__(self, rng: random.Random, layout: _Layout) -> None:
        self.rng = rng
        self.layout = layout
        self.lines: list[str] = []
        self.tasks: list[TaskTruth] = []

    def add(self, line: str) -> int:
        self.lines.append(line)
        return len(self.lines)  # 1-based line number

    def number_token(self, number: int, requirement: str) -> str:
        if self.layout.numbering == "bare":
            return f"{number} {requirement}"
        if self.layout.numbering == "dot":
            return f"{number}. {requirement}"
        return f"{number}{self.layout.attached_mark}{requirement}"

    def row(self, cells: list[str], task: TaskTruth) -> None:
        """Lay out one row: heading cells, number and requirement, units, completion text."""
        head = " ".join(cells + [self.number_token(task.number, task.requirement)])
        written = [u.written for u in task.units] if not task.inherited else []
        outcome = list(task.outcome_lines)
        style = self.rng.choices(("comma", "spaces", "lines", "below", "wrapped"), weights=self.layout.units)[0]
        if not written:
            style = "merged"
        elif len(written) == 1 and style != "below":
            style = "inline"
        task.unit_cell = style
        if not written:
            if self.rng.random() < 0.2:
                task.line = self.add(head)
                self._rest(outcome)
            else:
                task.line = self.add(f"{head} {outcome[0]}")
                self._rest(outcome[1:])
            return
        if style in ("comma", "inline"):
            task.line = self.add(f"{head} {'、'.join(written)} {outcome[0]}")
            self._rest(outcome[1:])
        elif style == "spaces":
            gap = self.rng.choice(("\xa0\xa0\xa0", "   ", " ", "\xa0 \xa0"))
            task.line = self.add(f"{head} {gap.join(written)} {outcome[0]}")
            self._rest(outcome[1:])
        elif style == "lines":  # one unit per line, as a multi-line cell flattens; perhaps padded with spaces
            task.line = self.add(f"{head} {written[0]}" + self.rng.choice(("", "    ", "\xa0\xa0")))
            for unit in written[1:]:
                self.add(self.rng.choice(("", " ")) + unit)
            self._rest(outcome)
        elif style == "wrapped":  # a list of units the cell broke after an enumeration comma
            task.line = self.add(f"{head} {written[0]}、")
            for unit in written[1:-1]:
                self.add(f"{unit}、")
            self.add(f"{written[-1]} {outcome[0]}")
            self._rest(outcome[1:])
        else:  # the unit cell starts on the line after the requirement
            task.line = self.add(head)
            for unit in written[:-1]:
                self.add(unit)
            self.add(f"{written[-1]} {outcome[0]}")
            self._rest(outcome[1:])

    def _rest(self, lines: list[str]) -> None:
        for line in lines:
            self.add(line)


def _lay_out(writer: _Writer, groups: list[_Group], make_task) -> None:
    rng, layout = writer.rng, writer.layout
    number = 0
    section: str | None = None
    for g in groups:
        cells: list[str] = []
        new_section = g.section != section
        if layout.headings == "cells" or g.section in _LEADING_GROUPS:
            if g.section in _LEADING_GROUPS and layout.wrapped_leading:
                writer.add(g.section[:4])
                writer.add(g.section[4:])
            elif g.section in _LEADING_GROUPS and layout.headings != "cells":
                writer.add(g.section)
            else:
                cells = ([g.section] if new_section else []) + ([g.subsection] if g.subsection else [])
        else:
            if new_section:
                writer.add(g.section)
            if g.subsection and layout.headings == "lines":
                writer.add(g.subsection)
            elif g.subsection:
                cells = [g.subsection]
        section = g.section
        for k in range(g.size):
            number += 1
            if k > 0 and g.section not in _LEADING_GROUPS and rng.random() < 0.04:
                cells = _page_break(writer, layout, g)
            task = make_task(number, g, k)
            writer.row(cells, task)
            writer.tasks.append(task)
            cells = []


def _page_break(writer: _Writer, layout: _Layout, g: _Group) -> list[str]:
    """A page break inside a group: the column header and the group's headings printed again."""
    if layout.headings == "cells":
        return [g.section] + ([g.subsection] if g.subsection else [])
    writer.add(_COLUMN_HEADERS["lines"][0])
    writer.add(g.section)
    if g.subsection and layout.headings == "lines":
        writer.add(g.subsection)
        return []
    return [g.subsection] if g.subsection else []


# ---------------------------------------------------------------- a report

def _jurisdiction(seed: int, i: int) -> tuple[District, int, str]:
    district = districts(seed)[i % DISTRICTS]
    year = YEARS[(i // DISTRICTS) % len(YEARS)]
    period = PERIODS[(i // (DISTRICTS * len(YEARS))) % len(PERIODS)]
    return district, year, period


def generate_report(i: int, seed: int = 0) -> tuple[str, dict]:
    """Report number ``i`` of the corpus of ``seed``: its text and the truth of its table."""
    rng = random.Random(f"kg-corpus:{seed}:report:{i}")
    district, year, period = _jurisdiction(seed, i)
    layout = _layout(rng, period)
    names = _Names(rng, district, seed)
    title = _title(rng, district, year, period)
    publisher = f"{district.name}人民政府" + rng.choice(("办公室", "督查室"))
    pub_year = year + 1 if period == "全年" else year
    month = rng.randint(1, 3) if period == "全年" else {"上半年": 7, "前三季度": 10, "一季度": 4}[period]
    published = f"{pub_year}-{month:02d}-{rng.randint(1, 28):02d}"
    index = _index_number(rng, layout, district, i, pub_year)
    groups = _plan(rng, layout, rng.randint(15, 90))
    previous: list[TaskTruth] = []
    used: set[_Indicator] = set()

    def make_task(number: int, group: _Group, k: int) -> TaskTruth:
        above = previous[-1] if previous else None
        merged = k > 0 and above is not None and rng.random() < 0.12
        units = above.units if merged else _units_of(rng, district, group.theme, layout)
        origin = (above.inherited_from or above.number) if merged else None
        text = _Text(rng, names, district.level, used)
        requirement, sentences, status, target = _task_text(text, group.theme, units, group.section in _LEADING_GROUPS)
        task = TaskTruth(number, 0, group.section, group.subsection, requirement, list(units), merged, origin,
                         _outcome_lines(rng, sentences), status, target, text.entities)
        previous.append(task)
        return task

    writer = _Writer(rng, layout)
    writer.lines = _header(rng, layout, title, publisher, index, published)
    writer.add(rng.choice(_COLUMN_HEADERS["cells" if layout.headings == "cells" else "lines"]))
    _lay_out(writer, groups, make_task)
    text = layout.newline.join(writer.lines + list(layout.footer)) + layout.newline
    if layout.lost_dots:  # a code-page conversion lost the middle dots; the truth keeps them
        text = text.replace("·", "?")
    truth = {
        "encoding": layout.encoding, "title": title, "year": year, "jurisdiction": district.name,
        "expect_error": None, "index_number": index, "publisher": publisher, "published": published,
        "layout": asdict(layout), "tasks": [t.as_dict() for t in writer.tasks],
    }
    return text, truth


def write_corpus(n: int, outdir: str | Path, seed: int = 0) -> list[Path]:
    """Write reports 0…n-1 and their truth files into ``outdir``; return the report paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, truth = generate_report(i, seed)
        path = outdir / f"report-{i:05d}.txt"
        path.write_bytes(text.encode(truth["encoding"]))  # utf-8-sig writes the byte-order mark
        path.with_name(f"report-{i:05d}.truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.n < 0:
        parser.error("N must be 0 or more")
    paths = write_corpus(args.n, args.outdir, args.seed)
    tasks = sum(len(json.loads(p.with_name(p.stem + ".truth.json").read_text(encoding="utf-8"))["tasks"])
                for p in paths)
    print(f"wrote {len(paths)} reports ({tasks} tasks) to {args.outdir}")


if __name__ == "__main__":
    main()

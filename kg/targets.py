"""Promises kept? Each quantified target of a task, the actual that answers it, and a verdict.

A target is a quantity in the requirement; :mod:`kg.pairing` finds the figure of
the completion text that answers it by meaning, or none. Per target: met
(reached or exceeded, given its comparator), not met, or None when unclear.
Per task: ``met`` (every paired target reached), ``partly_met``, ``not_met``
(none reached), else ``cancelled`` (the programme was suspended and the work
not done), ``deferred`` (暂缓实施, 延后) or ``qualitative``. Claims of success
beside a missed target, and counts that disagree with the names listed after
them, are findings.

>>> v = judge("新增停车泊位2300个。", "建成停车场13个点位2823个停车泊位。")
>>> v.status, v.targets[0].actual.text, v.targets[0].ratio
('met', '2823个', 1.2274)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Report, Task
from .pairing import PAIRABLE, SENTENCE_END, contexts, pair, sentence_span
from .quantities import Quantity, parse_quantities, words

__all__ = ["STATUSES", "Evidence", "TargetVerdict", "TaskVerdict", "judge", "task_verdict", "report_verdicts",
           "verdict_fields", "is_met"]

from .choices import STATUSES


@dataclass(frozen=True)
class Evidence:
    """A passage of the original report: ``text`` is ``report.text[start:end]``."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TargetVerdict:
    """One target, the actual paired with it (or None), and whether it was met (None: unclear).

    Quantity offsets in ``target``/``actual`` are absolute (into ``report.text``).
    """

    indicator: str
    target: Quantity
    actual: Quantity | None
    comparator: str
    ratio: float | None
    met: bool | None
    evidence: Evidence | None


@dataclass(frozen=True)
class TaskVerdict:
    number: int
    status: str
    targets: tuple[TargetVerdict, ...]
    findings: tuple[str, ...] = ()
    evidence: Evidence | None = None  # the sentence that cancelled or deferred the task


# ---------------------------------------------------------------- verdicts


_ABOUT = 0.05  # a target of about X (8%左右) is met by a figure at most 5% under it (7.6%)


def _floor(comparator: str) -> str:
    """A plan figure without a comparator (新增停车泊位2300个) is a floor: at least that many."""
    return ">=" if comparator == "=" else comparator


def is_met(target: Quantity, actual: Quantity | None) -> bool | None:
    """Whether ``actual`` reaches ``target`` given its comparator (以上, 以内, 左右, 下降…); None when unclear."""
    if actual is None or target.kind not in PAIRABLE or actual.kind not in PAIRABLE:
        return None
    t, a = _compared(target, actual)
    comparator = _floor(target.comparator)
    if comparator == ">=":
        return a > t or (a == t and actual.comparator != "<")  # 近50 is just under 50
    if comparator == ">":
        return a > t or (a == t and actual.comparator in (">", ">="))  # 超百亿 answers 过百亿
    if comparator == "<=":
        return a < t or (a == t and actual.comparator != ">")
    if comparator == "<":
        return a < t
    return a >= t - abs(t) * _ABOUT  # "~": 约, 左右


def _compared(target: Quantity, actual: Quantity) -> tuple[float, float]:
    """The two values on one scale; for a decrease target (下降5%) the size of the fall."""
    if target.dimension == "number" or actual.dimension == "number":  # 超百亿 beside 100亿元: compare as written
        t, a = target.value * target.magnitude, actual.value * actual.magnitude
    else:
        t, a = target.base_value, actual.base_value
    if target.change == "decrease":
        return t, a if actual.change == "decrease" else -a
    if actual.change == "decrease":
        return t, -a
    return t, a


def _ratio(target: Quantity, actual: Quantity | None) -> float | None:
    if actual is None or actual.kind not in PAIRABLE:
        return None
    t, a = _compared(target, actual)
    return round(a / t, 4) if t else None


def _shift(q: Quantity, offset: int) -> Quantity:
    return replace(q, start=q.start + offset, end=q.end + offset)


def _status(met: list[bool | None], outcome: str) -> str:
    known = [m for m in met if m is not None]
    if known:
        return "met" if all(known) else "not_met" if not any(known) else "partly_met"
    if _cancelled(outcome):
        return "cancelled"
    if _deferred(outcome):
        return "deferred"
    return "qualitative"


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _cancelled(outcome: str) -> tuple[int, int] | None:
    """The sentence saying the programme was suspended (暂停, 取消) and the work not done (没有, 不再)."""
    for start, end in _sentences(outcome):
        sentence = outcome[start:end]
        if any(w in sentence for w in words("cancelled")) and any(w in sentence for w in words("negation")):
            return start, end
    return None


def _deferred(outcome: str) -> tuple[int, int] | None:
    for start, end in _sentences(outcome):
        if any(w in outcome[start:end] for w in words("deferred")):
            return start, end
    return None


def _evidence(text: str, start: int, end: int, offset: int) -> Evidence:
    """``text[start:end]`` without surrounding blanks, offsets shifted by ``offset``."""
    passage = text[start:end]
    start += len(passage) - len(passage.lstrip())
    passage = passage.strip()
    return Evidence(passage, offset + start, offset + start + len(passage))


def _claim_findings(outcome: str, verdicts: list[TargetVerdict]) -> list[str]:
    negations = tuple(words("claimnegation"))
    claims = [w for w in words("claim") for m in re.finditer(re.escape(w), outcome)
              if not outcome[:m.start()].endswith(negations)]
    if not claims:
        return []
    return [
        f"声称“{claims[0]}”,但{v.indicator} {v.actual.text} 未达目标 {v.target.text} / "
        f"claims {claims[0]} but {v.indicator}: {v.actual.text} is below the target {v.target.text}"
        for v in verdicts if v.met is False and v.actual is not None
    ]


def judge(requirement: str, outcome: str, *, number: int = 0, requirement_start: int = 0,
          outcome_start: int = 0) -> TaskVerdict:
    """Targets of ``requirement``, their actuals in ``outcome`` and the verdict.

    Offsets in the result are shifted by ``requirement_start``/``outcome_start``
    (where the texts stand in the report), so that they index the report's text.
    """
    targets = [q for q in parse_quantities(requirement) if q.kind in PAIRABLE]
    actuals = parse_quantities(outcome)
    target_ctx, actual_ctx = contexts(requirement, targets), contexts(outcome, actuals)
    pairs = pair(targets, target_ctx, actuals, actual_ctx, outcome)
    verdicts = []
    for t, (target, ctx) in enumerate(zip(targets, target_ctx, strict=True)):
        actual = pairs.get(t)
        verdicts.append(TargetVerdict(
            indicator=ctx.before + ctx.after,
            target=_shift(target, requirement_start),
            actual=_shift(actual, outcome_start) if actual else None,
            comparator=_floor(target.comparator),
            ratio=_ratio(target, actual),
            met=is_met(target, actual),
            evidence=_evidence(outcome, *sentence_span(outcome, actual.start, actual.end), outcome_start) if actual else None,
        ))
    status = _status([v.met for v in verdicts], outcome)
    reason = {"cancelled": _cancelled, "deferred": _deferred}.get(status)
    where = reason(outcome) if reason else None
    return TaskVerdict(
        number=number, status=status, targets=tuple(verdicts),
        findings=tuple(_claim_findings(outcome, verdicts)),
        evidence=_evidence(outcome, *where, outcome_start) if where else None,
    )


def task_verdict(report: Report, task: Task) -> TaskVerdict:
    """Targets, paired actuals and the verdict of one task, offsets into ``report.text``.

    The texts are read from the report as published (not the normalised
    ``task.requirement``), so that every offset cites the original.
    """
    req, out = task.requirement_span, task.outcome_span
    return judge(
        report.text[req.start:req.end], report.text[out.start:out.end] if out else "",
        number=task.number, requirement_start=req.start, outcome_start=out.start if out else 0,
    )


_last: list[tuple[Report, dict[int, TaskVerdict]]] = []  # the last report judged: records and graph both ask


def report_verdicts(report: Report) -> dict[int, TaskVerdict]:
    """The verdict of every task of ``report``, by task number (the last report's are kept for the next caller)."""
    if _last and _last[0][0] is report:
        return _last[0][1]
    verdicts = {task.number: task_verdict(report, task) for task in report.tasks}
    _last[:] = [(report, verdicts)]
    return verdicts


# ---------------------------------------------------------------- the task record


def _quantity_record(q: Quantity) -> dict:
    return {
        "value": q.value, "unit": q.unit, "text": q.text, "start": q.start, "end": q.end,
        "comparator": q.comparator, "normalized": {"value": q.base_value, "unit": q.base_unit, "dimension": q.dimension},
    }


def verdict_fields(report: Report, task: Task) -> dict:
    """The task record's ``status`` and ``targets`` (and ``target_findings``), as ``kg tasks --format json`` prints them."""
    verdict = report_verdicts(report)[task.number]
    return {
        "status": verdict.status,
        "targets": [
            {
                "indicator": v.indicator,
                "comparator": v.comparator,
                "target": _quantity_record(v.target),
                "actual": _quantity_record(v.actual) if v.actual else None,
                "ratio": v.ratio,
                "met": v.met,
                "evidence": v.evidence.as_dict() if v.evidence else None,
            }
            for v in verdict.targets
        ],
        "status_evidence": verdict.evidence.as_dict() if verdict.evidence else None,
        "target_findings": list(verdict.findings),
    }

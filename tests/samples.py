"""Small reports in the layout of the genre, written for one test each."""

from __future__ import annotations

from pathlib import Path


def write_report(tmp_path: Path, body: str, *, name: str = "report.txt", encoding: str = "utf-8") -> Path:
    """Write a small report for a test: ``body`` is the text, in the layout of the genre."""
    path = tmp_path / name
    path.write_bytes(body.encode(encoding))
    return path


HEADER = (
    "名  称: 2018年区《政府工作报告》确定的主要任务完成情况 发布机构: 区政府办公室\n"
    "索 引 号: 000000000-01-2019-0000001\n"
    "公开日期: 2019年01月15日\n"
    "2018年区《政府工作报告》确定的主要任务完成情况\n"
    "重点工作项目 项目要求 责任单位 工作完成情况\n"
)

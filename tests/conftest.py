"""Shared fixtures: the bundled report, parsed once, and a build of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import build, bundled_report_path, load_report

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def report_path() -> Path:
    return bundled_report_path()


@pytest.fixture(scope="session")
def report(report_path):
    return load_report(report_path)


@pytest.fixture(scope="session")
def truth() -> dict:
    """Hand-annotated table of the bundled report (tests/data/wuchang_2016_truth.json)."""
    return json.loads((DATA / "wuchang_2016_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built(tmp_path_factory, report_path) -> Path:
    out = tmp_path_factory.mktemp("build")
    build([report_path], out)
    return out


@pytest.fixture(scope="session")
def server(built) -> str:
    """kg serve over the bundled build (5 s per query, 100 rows at most); its base URL."""
    from tests.servers import running

    with running(built, timeout=5, max_results=100) as url:
        yield url

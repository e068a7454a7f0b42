"""The kg command: build, tasks, formats, and errors as `Error: …` with a non-zero exit."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli

JSON_KEYS = {"report", "number", "section", "subsection", "requirement", "outcome", "units", "source"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_build_prints_a_summary(runner, tmp_path) -> None:
    """kg build with no report builds the bundled one and says what it built."""
    result = run(runner, "build", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "86 tasks, 40 responsible units" in result.output
    assert "0 warnings" in result.output
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"graph.ttl", "index.json", "oxigraph", "reports"}


@pytest.mark.parametrize("name", ["区建委", "建委", "武昌区建委", "武昌建委"])
def test_tasks_of_a_bureau_by_any_name(runner, built, name) -> None:
    """The bureau as written, shorter or longer gives its tasks, inherited ones included."""
    result = run(runner, "tasks", "--graph", str(built), "--bureau", name, "--format", "json")
    assert result.exit_code == 0
    numbers = [t["number"] for t in json.loads(result.output)]
    # 区建委 names its own cell in 16, 35, 38, 40; 36-37 and 41 inherit it from merged cells.
    assert numbers == [16, 35, 36, 37, 38, 40, 41]


def test_bureau_alias_in_brackets_finds_the_body(runner, built) -> None:
    """区维稳办, written only inside 区政法委(区维稳办), finds task 64."""
    result = run(runner, "tasks", "--graph", str(built), "--bureau", "区维稳办", "--format", "json")
    assert [t["number"] for t in json.loads(result.output)] == [64]


def test_json_has_the_contract_keys(runner, built) -> None:
    """Every task object has the documented keys and types."""
    tasks = json.loads(run(runner, "tasks", "--graph", str(built), "--format", "json").output)
    assert len(tasks) == 86
    for task in tasks:
        assert JSON_KEYS <= task.keys()
        assert isinstance(task["number"], int)
        assert set(task["source"]) == {"start", "end"}
        assert all(set(u) >= {"name", "inherited"} for u in task["units"])
    assert tasks[0]["section"] == "综合发展目标" and tasks[0]["subsection"] is None
    assert tasks[13]["units"] == [dict(tasks[13]["units"][0], name="区金融工作局", inherited=True)]


def test_csv_output(runner, built) -> None:
    """CSV has a header and one row per task, inherited units listed apart."""
    output = run(runner, "tasks", "--graph", str(built), "--bureau", "区金融工作局", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [(r["number"], r["units"], r["inherited_units"]) for r in rows] == [
        ("12", "区金融工作局", ""), ("13", "区金融工作局", "区金融工作局"),
        ("14", "区金融工作局", "区金融工作局"), ("23", "区科产局、区金融工作局", ""),
    ]


def test_table_is_aligned_by_display_width(runner, built) -> None:
    """Each table row puts the requirement at the same terminal column."""
    from kg.output import display_width

    lines = run(runner, "tasks", "--graph", str(built), "--bureau", "区科产局").output.splitlines()
    body = [l for l in lines[2:] if l[:1].isdigit()]
    columns = {display_width(l[: l.index(l.split(None, 2)[2])]) for l in body}
    # 区科产局 is responsible for tasks 5-8, 10, 11 and 23-25.
    assert len(body) == 9 and len(columns) == 1


def test_unknown_bureau_suggests_close_names(runner, built) -> None:
    """A name matching nothing exits 1 with `Error:` and the closest names."""
    result = runner.invoke(cli, ["tasks", "--graph", str(built), "--bureau", "教委"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no responsible unit is called '教委'. Did you mean: ")
    assert "区教育局" in result.output


def test_tasks_without_a_build_says_how_to_make_one(runner, tmp_path) -> None:
    """Pointing at an empty directory says to run kg build first."""
    result = runner.invoke(cli, ["tasks", "--graph", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"Error: no graph in {tmp_path}: run `kg build -o {tmp_path}` first\n"


def test_bad_report_fails_cleanly_and_keeps_the_previous_build(runner, tmp_path) -> None:
    """A broken report gives one error line and leaves the earlier build untouched."""
    out = tmp_path / "out"
    run(runner, "build", "-o", str(out))
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_text("1 甲。 区建委 做了。\n3 丙。 区建委 做了。\n2 乙。 区建委 做了。\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}, line 3, task 2: task number 2 follows task 3: the table is out of order or a number is repeated\n"
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_strict_turns_warnings_into_errors(runner, tmp_path) -> None:
    """--strict refuses a report with a gap in its numbering."""
    path = tmp_path / "gap.txt"
    path.write_text("2018年区任务完成情况\n1 甲。 区建委 做了。\n3 丙。 区建委 做了。\n", encoding="utf-8")
    assert runner.invoke(cli, ["build", str(path), "-o", str(tmp_path / "o")]).exit_code == 0
    result = runner.invoke(cli, ["build", "--strict", str(path), "-o", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "line 3, task 3: task 2 missing" in result.output
    assert not (tmp_path / "s").exists()


def test_wrong_encoding_is_one_error_line(runner, tmp_path) -> None:
    """A file in neither encoding gives `Error:` naming the file, not a traceback."""
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xff\xfe\xff\xfe")
    result = runner.invoke(cli, ["build", str(path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: ")
    assert "Traceback" not in result.output


def test_console_script_runs_as_a_process(tmp_path) -> None:
    """`python -m kg.cli` (what the console script calls) builds and looks up in real processes."""
    out = tmp_path / "b"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", "-o", str(out)], check=True, capture_output=True)
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "tasks", "--graph", str(out), "--bureau", "区水务局", "--format", "json"],
        check=True, capture_output=True,
    )
    assert [t["number"] for t in json.loads(done.stdout)] == [39, 53]


def test_same_report_twice_is_refused(runner, tmp_path, report_path) -> None:
    """Two files with the same index number cannot share a build."""
    copy = tmp_path / "copy.txt"
    copy.write_bytes(report_path.read_bytes())
    result = runner.invoke(cli, ["build", str(report_path), str(copy), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "have the same id 007482532-03-2017-1815155" in result.output


def test_base_iri_must_be_absolute(runner, tmp_path) -> None:
    """A relative --base-iri is refused before anything is written."""
    result = runner.invoke(cli, ["build", "--base-iri", "kg/", "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "is not an absolute http(s) IRI" in result.output
    assert not (tmp_path / "o").exists()


def test_base_iri_mints_under_the_users_domain(runner, tmp_path) -> None:
    """--base-iri puts every minted IRI under it."""
    out = tmp_path / "o"
    run(runner, "build", "--base-iri", "https://data.example.gov.cn/kg/", "-o", str(out))
    task = json.loads(run(runner, "tasks", "--graph", str(out), "--format", "json").output)[0]
    assert task["iri"] == "https://data.example.gov.cn/kg/report/007482532-03-2017-1815155/task/1"
    assert "<https://data.example.gov.cn/kg/org/武昌区/区发改委>" in (out / "graph.ttl").read_text(encoding="utf-8")

"""The entry point's own reading of a simple ``kg tasks`` lookup, which runs without click."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.launch import simple_task_lookup

_FAST = "from kg.launch import main; main()"
_FULL = "from kg.cli import main; main()"


def _run(entry: str, args: list[str], cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-c", entry, *args], capture_output=True, text=True, cwd=cwd)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("args", [
    ["--bureau", "建委"],
    ["--bureau=建委", "--format", "json"],
    ["--format=csv", "--status", "not_met"],
    ["--entity", "武船", "--bureau", "环保局"],
    ["--place", "中北路", "--format", "json"],
    ["--bureau", "不存在的局"],
    ["--company", "武船", "--status", "met"],
    ["--graph", "no-such-build", "--bureau", "建委"],
    [],
])
def test_a_simple_lookup_prints_what_the_click_command_prints(built, args) -> None:
    """Same standard output, standard error and exit status, with and without click, errors included."""
    args = ["tasks", *(a.replace("BUILD", str(built)) for a in args)]
    if not any(a.startswith("--graph") for a in args):
        args += ["--graph", str(built)]
    assert simple_task_lookup(args) is not None
    fast, full = _run(_FAST, args, built.parent), _run(_FULL, args, built.parent)
    assert fast == full
    assert fast[1] or fast[2]  # each prints something


def test_a_lookup_loads_neither_click_nor_rdf_libraries(built) -> None:
    """The point of the entry point: a bureau lookup reads index.json and imports no framework."""
    heavy = ("click", "rdflib", "pyoxigraph", "oxrdflib", "networkx", "pyvis", "jieba", "pycrfsuite", "pyshacl")
    script = ("import sys\nfrom kg.launch import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})), file=sys.stderr)")
    code, out, err = _run(script, ["tasks", "--bureau", "建委", "--graph", str(built)], built.parent)
    assert code == 0 and "区建委" in out
    assert err.splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [
    [],
    ["query", "tasks-of-bureau"],
    ["tasks", "--help"],
    ["tasks", "--endpoint", "http://127.0.0.1:1/sparql", "--bureau", "建委"],
    ["tasks", "--format", "xml"],
    ["tasks", "--status", "done"],
    ["tasks", "--bureau"],
    ["tasks", "--bureau", "-x"],
    ["tasks", "--bureau", "a", "--bureau", "b"],
    ["tasks", "--bure", "建委"],
    ["tasks", "建委"],
    ["tasks", "--", "--bureau"],
])
def test_anything_but_a_simple_lookup_goes_to_click(args) -> None:
    assert simple_task_lookup(args) is None


def test_a_graph_that_is_a_file_goes_to_click(tmp_path) -> None:
    (tmp_path / "graph.ttl").write_text("")
    assert simple_task_lookup(["tasks", "--graph", str(tmp_path / "graph.ttl")]) is None
    assert simple_task_lookup(["tasks", "--graph", str(tmp_path)]) == {"graph": str(tmp_path)}


def test_click_s_messages_for_what_the_entry_point_hands_over(built) -> None:
    """A bad choice is still click's usage error, through the installed entry point's code."""
    code, out, err = _run(_FAST, ["tasks", "--format", "xml", "--graph", str(built)], built.parent)
    assert code == 2 and "Invalid value for '--format'" in err and not out


def test_the_entry_point_knows_the_click_command_s_local_options_and_defaults() -> None:
    """The option list is written twice (kg.launch cannot ask click without importing it): they must agree."""
    from kg.cli import tasks
    from kg.launch import _CHOICES, _LOOKUP_OPTIONS, GRAPH

    options = {p.name if p.name != "fmt" else "format": p for p in tasks.params}
    assert set(options) - {"endpoint", "user", "password"} == set(_LOOKUP_OPTIONS)
    assert options["graph"].default == GRAPH and options["format"].default == "table"
    for name, choices in _CHOICES.items():
        assert tuple(options[name].type.choices) == tuple(choices)

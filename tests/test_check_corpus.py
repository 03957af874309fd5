"""`rosetta check` on what learners really hand in: the course's notebooks, as tests/corpus.py writes them.

Correct submissions of every week and release, as notebooks (nbformat 4 and 3) and nbconvert scripts, must pass
every function; each planted classic mistake must fail on its function with the course's words for it, and on no
function that does not call it; hostile files must be reported as such while the rest of the batch is checked.
Expected values come from the loop oracle (reference/check/problems.py), never from the corpus.
"""

import ast
import csv
import json
import re
import subprocess
import sys

import pytest

from reference.check import check_files, course_api
from reference.check.checks import check_functions
from reference.check.confine import bubblewrap
from reference.check.confined import sources
from reference.check.confined.namespace import learner_functions, load
from reference.check.context import Context
from reference.cli import main
from tests import corpus
from tests.shown import blocks_after

WEEK = {"week2": "week2", "week2_v1": "week2", "week3": "week3", "week3_v1": "week3", "week4": "week4",
        "week4_v3": "week4", "app": "app"}
GRADED = {
    "week2": {"sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"},
    "week3": {"layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
              "update_parameters", "nn_model", "predict"},
    "week4": {"initialize_parameters", "initialize_parameters_deep", "linear_forward", "linear_activation_forward",
              "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward", "L_model_backward",
              "update_parameters"},
    "app": {"two_layer_model", "L_layer_model"},
}


@pytest.fixture(scope="module")
def correct_reports(tmp_path_factory):
    """Every correct submission as .ipynb (v4) and as an nbconvert script, week 3 and 4 also as nbformat 3."""
    folder = tmp_path_factory.mktemp("correct")
    for name, cells in corpus.SUBMISSIONS.items():
        corpus.write_ipynb(cells, folder / f"{name}.ipynb")
        corpus.write_py(cells, folder / f"{name}.py")
    for name in ("week3_v1", "week4_v3"):
        corpus.write_ipynb(corpus.SUBMISSIONS[name], folder / f"{name}_nbformat3.ipynb", nbformat=3)
    paths = sources.collect([folder])
    return {path.name: report for path, report in zip(paths, check_files(paths), strict=True)}


def test_every_correct_submission_passes_every_function(correct_reports):
    assert len(correct_reports) == 2 * len(corpus.SUBMISSIONS) + 2
    for name, report in correct_reports.items():
        base = name.split(".")[0].removesuffix("_nbformat3")
        assert report.week == WEEK[base], (name, report.week)
        assert set(report.functions) == GRADED[report.week], (name, report.functions)
        bad = [str(o) for o in report.outcomes if not o.ok]
        assert not bad and not report.error, (name, bad, report.error)
        assert report.count("PASS") >= 12
        assert report.skipped > 5  # the data loading, test calls and plots were there, and not run


def test_the_course_published_outputs_are_among_the_checks(correct_reports):
    quantities = {(o.function, o.quantity) for r in correct_reports.values() for o in r.outcomes}
    assert ("propagate", "published cost") in quantities and ("sigmoid", "published") in quantities
    assert ("initialize_parameters_deep", "published W2") in quantities


def _dependents(cells, function: str) -> set[str]:
    """The learner's functions that call ``function``, directly or through others (from the code itself)."""
    calls: dict[str, set[str]] = {}
    for kind, source in cells:
        if kind != "code":
            continue
        try:
            tree = ast.parse(sources.strip_magics(source))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                calls[node.name] = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    found, todo = {function}, [function]
    while todo:
        callee = todo.pop()
        for caller, names in calls.items():
            if callee in names and caller not in found:
                found.add(caller)
                todo.append(caller)
    return found


def _check_cells(cells):
    submission = sources.Submission(None, "ipynb v4", tuple(
        sources.Cell(f"cell {i}", sources.strip_magics(source)) for i, (kind, source) in enumerate(cells, 1)
        if kind == "code"))
    namespace, _, _ = load(submission)
    return check_functions(learner_functions(namespace), ctx=Context())


def test_the_catalogue_of_mistakes_is_large_enough():
    assert len(corpus.MISTAKES) >= 20
    assert len({m.diagnosis for m in corpus.MISTAKES}) >= 15
    assert {WEEK[m.base] for m in corpus.MISTAKES} >= {"week2", "week3", "week4"}


@pytest.mark.parametrize("mistake", corpus.MISTAKES, ids=lambda m: m.id)
def test_each_classic_mistake_is_named_on_its_function(mistake, capsys):
    """Trusted code (the corpus), so in this process: the sandbox itself is tested below."""
    _, outcomes = _check_cells(corpus.planted(mistake))
    bad = [o for o in outcomes if not o.ok]
    said = [o for o in outcomes if o.status != "PASS"]  # a change of the caller's arrays in place is a WARN
    assert any(o.function == mistake.function and mistake.diagnosis in o.detail for o in said), [str(o) for o in said]
    if "in place" in mistake.diagnosis:
        assert any(o.status == "WARN" and "in place" in o.detail for o in said)
    allowed = _dependents(corpus.planted(mistake), mistake.function)
    assert {o.function for o in bad} <= allowed, [str(o) for o in bad]


def test_a_class_folder_summary_csv_and_json(tmp_path, capsys):
    folder = tmp_path / "class"
    written = subprocess.run([sys.executable, "-m", "tests.corpus", str(folder)], capture_output=True, text=True,
                             check=True)
    assert str(folder) in written.stdout
    files = sources.collect([folder])
    assert len(files) == 30
    code = main(["check", str(folder), "--timeout", "3", "--csv", str(tmp_path / "class.csv"),
                 "--json", str(tmp_path / "class.json")])
    out = capsys.readouterr().out
    assert code == 1  # some submissions have mistakes
    assert out.splitlines()[-1].endswith(" s") and " in 30 files; " in out.splitlines()[-1]
    rows = list(csv.DictReader(open(tmp_path / "class.csv")))
    header = list(rows[0])
    assert len(rows) == 30 and header[:11] == ["file", "week", "format", "functions", "passed", "warnings", "failed",
                                               "errors", "follows", "points", "seconds"]
    assert {"propagate", "L_model_backward", "nn_model"} <= set(header[11:]) <= {f.name for f in course_api.COURSE_API}
    document = json.loads((tmp_path / "class.json").read_text())
    assert len(document) == 30 and all("outcomes" in d for d in document)
    clean = [r for r in rows if r["failed"] == "0" and r["errors"] == "0"]
    assert 10 <= len(clean) < 30 and all(int(r["passed"]) > 0 for r in clean)
    assert any(int(r["errors"]) > 0 for r in rows)  # the hostile ones
    # the README shows this run ("..." skips lines; the seconds differ from run to run)
    [shown] = blocks_after("$ .venv/bin/rosetta check /tmp/class --timeout 3 --csv /tmp/class.csv")

    def timeless(line: str) -> str:  # columns as wide as the folder's name, the seconds and the rule left out
        line = re.sub(r"( +[0-9.]+| [0-9.]+ s)$", "", line.replace(str(folder), "/tmp/class"))
        return " ".join(line.split()).strip("-")

    printed = {timeless(line) for line in out.splitlines()}
    missing = [line for line in shown if line != "..." and timeless(line) not in printed
               and not (line.startswith("isolation:") and not bubblewrap())]  # the README's is bubblewrap's
    assert not missing, f"README's class output is stale: {missing}"

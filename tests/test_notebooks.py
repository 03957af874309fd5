"""The course's notebooks (notebooks/*.py, jupytext percent format) execute top to bottom in a fresh kernel, write
nothing to stderr (no framework log lines), and show what each week promises: the equations, the four frameworks
side by side, a run on every installed backend (a training run; in course 2's gradient checking, the check) with its
plots.

The tests run every cell with shorter runs: each notebook's run lengths are in its cell tagged ``parameters``, and
QUICK sets them anew (papermill's convention, reference/notebooks/build.py); ``make notebooks`` runs the course's
lengths. The full-length runs are proven elsewhere: the L-layer model's 2500 iterations in tests/test_docs.py's
predict table, the course 2 runs in tests/test_course2_runs.py and tests/test_optimizers.py.

Expected: every backend's line in the training table, a figure after each training cell; the numbers themselves
are the harness's business (tests/test_harness.py, tests/test_app.py; course 2's: tests/test_regularization_harness.py,
tests/test_gradient_check.py)."""

import ast

import jupytext
import pytest

from reference import available_backends
from reference.notebooks import build

NOTEBOOKS = {s.stem: s for s in build.sources()}
QUICK = {  # each notebook's run lengths in the tests: about a tenth of the course's, each printed cost still reached
    "course2_week1_initialization": {"NUM_ITERATIONS": 1001},  # past the cost the notebook prints at 1000
    "course2_week1_regularization": {"NUM_ITERATIONS": 1000},
    "course2_week2_optimization": {"EPOCHS": 200, "COURSE_EPOCHS": 20, "OWN_EPOCHS": 2},
    "week2_logistic_regression": {"NUM_ITERATIONS": 200, "RATE_ITERATIONS": 150},
    "week3_shallow_network": {"NUM_ITERATIONS": 1000, "SIZE_ITERATIONS": 500},
    "week4_application": {"NUM_ITERATIONS": 100, "BACKEND_ITERATIONS": 100},
    "week4_deep_network": {"NUM_ITERATIONS": 250},
}


def test_there_is_a_notebook_for_each_week_and_the_application():
    assert sorted(NOTEBOOKS) == ["course2_week1_gradient_checking", "course2_week1_initialization",
                                 "course2_week1_regularization", "course2_week2_optimization",
                                 "week2_logistic_regression", "week3_shallow_network", "week4_application",
                                 "week4_deep_network"]


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))  # each beside the other tests (conftest.py's OWN)
def test_the_notebook_executes_cleanly(name, tmp_path):
    built = build.build(NOTEBOOKS[name], tmp_path, parameters=QUICK.get(name))
    assert built.error is None, built.error
    assert built.stderr == [], "\n".join(built.stderr)
    import nbformat

    notebook = nbformat.read(built.path, as_version=4)
    text = "\n".join(output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
                     if output.get("output_type") == "stream")
    images = sum("image/png" in output.get("data", {}) for cell in notebook.cells
                 for output in cell.get("outputs", []))
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "$$" in markdown, "the week's equations"
    assert images >= 2, f"{images} figures"
    for backend in available_backends():
        assert f"{backend}: impl_{backend}/" in text, f"{backend}'s code side by side"
        assert f"{backend:>6}: " in text, f"a training run on {backend}"


def parameters_cell(name):
    cells = [cell for cell in jupytext.read(NOTEBOOKS[name]).cells if "parameters" in cell.metadata.get("tags", [])]
    return cells[0].source if cells else None


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_the_tests_shorten_every_run_length_a_notebook_has(name):
    """Every name a parameters cell sets has its shorter value in QUICK, smaller than the course's."""
    source = parameters_cell(name)
    course = {} if source is None else {node.targets[0].id: ast.literal_eval(node.value)
                                        for node in ast.parse(source).body if isinstance(node, ast.Assign)}
    assert sorted(QUICK.get(name, {})) == sorted(course)
    assert all(QUICK[name][key] <= value for key, value in course.items()), (QUICK.get(name), course)


def test_injected_parameters_follow_the_parameters_cell_and_unknown_names_are_refused():
    notebook = jupytext.read(NOTEBOOKS["week4_deep_network"])
    at = next(i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", []))
    build.inject(notebook, {"NUM_ITERATIONS": 7}, "week4_deep_network")
    injected = notebook.cells[at + 1]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert injected.source == "# Injected parameters\nNUM_ITERATIONS = 7\n"
    with pytest.raises(ValueError, match=r"parameters: expected names the parameters cell of week4_deep_network "
                                         r"sets \(NUM_ITERATIONS\), got EPOCHS"):
        build.inject(jupytext.read(NOTEBOOKS["week4_deep_network"]), {"EPOCHS": 7}, "week4_deep_network")
    with pytest.raises(ValueError, match="parameters: expected a notebook with one cell tagged 'parameters', got "
                                         "course2_week1_gradient_checking, which has 0"):
        build.inject(jupytext.read(NOTEBOOKS["course2_week1_gradient_checking"]), {"N": 1},
                     "course2_week1_gradient_checking")


@pytest.mark.parametrize("argv, message", [
    (["out", "-p", "NUM_ITERATIONS"], "expected NAME=VALUE with a Python literal VALUE, got 'NUM_ITERATIONS'"),
    (["out", "-p", "N=int(3)"], "expected NAME=VALUE with a Python literal VALUE, got 'N=int(3)'"),
    (["out", "week4_deep_network", "-p", "EPOCHS=3"], "expected names the parameters cell of week4_deep_network"),
    # week3_shallow_network takes it, week4_deep_network does not: refused before either runs
    (["out", "week3_shallow_network", "week4_deep_network", "-p", "SIZE_ITERATIONS=5"],
     "expected names the parameters cell of week4_deep_network sets (NUM_ITERATIONS), got SIZE_ITERATIONS"),
])
def test_the_command_line_names_a_bad_parameter(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        build.main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "out").exists(), "a notebook was built"

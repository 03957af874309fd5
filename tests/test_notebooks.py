"""The course's notebooks (notebooks/*.py, jupytext percent format) execute top to bottom in a fresh kernel, write
nothing to stderr (no framework log lines), and show what each week promises: the equations, the four frameworks
side by side, a run on every installed backend (a training run; in course 2's gradient checking, the check) with its
plots.

Expected: every backend's line in the training table, a figure after each training cell; the numbers themselves
are the harness's business (tests/test_harness.py, tests/test_app.py; course 2's: tests/test_regularization_harness.py,
tests/test_gradient_check.py)."""

import pytest

from reference import available_backends
from reference.notebooks import build

NOTEBOOKS = {s.stem: s for s in build.sources()}


def test_there_is_a_notebook_for_each_week_and_the_application():
    assert sorted(NOTEBOOKS) == ["course2_week1_gradient_checking", "course2_week1_initialization",
                                 "course2_week1_regularization", "course2_week2_optimization",
                                 "week2_logistic_regression", "week3_shallow_network", "week4_application",
                                 "week4_deep_network"]


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))  # each beside the other tests (conftest.py's OWN)
def test_the_notebook_executes_cleanly(name, tmp_path):
    built = build.build(NOTEBOOKS[name], tmp_path)
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

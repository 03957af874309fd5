"""Course 2, week 1's assignments run as the notebooks run them, against the notebooks' published outputs, and
benchmarks/course2.json (docs/course2.md's tables) against the code that wrote it.

Expected numbers: the initialization notebook's printed costs and accuracies (learners' public copies of the notebook
print them; benchmarks/course2.py's PUBLISHED says which), on the notebook's own circles (reference.data.circles
draws them from its seeds); and the NumPy rows of the benchmark's JSON, which must still be what the code gives.
"""

import functools
import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks.course2 import INIT_MODEL, PUBLISHED, REG_MODEL, REG_RUNS, assignment_run
from reference import data

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def init_run(run):
    return assignment_run("numpy", "init_model", run, *data.circles())


@pytest.mark.parametrize("run", ["zeros", "random", "he"])
def test_the_initialization_notebooks_runs_are_reproduced(run):
    """Every printed cost (but the x 10 run's log(0)) to 1e-15 relative, and the train and test accuracies exactly."""
    result, published = init_run(run), PUBLISHED[("init_model", run)]
    for iteration, cost in published["costs"].items():
        if np.isfinite(cost):
            assert result["costs"][iteration] == pytest.approx(cost, rel=1e-15, abs=0), iteration
    assert result["train"] == published["train"] and result["test"] == published["test"]


def test_benchmark_json_is_what_the_code_gives():
    """The JSON's NumPy rows (docs/course2.md's tables come from it): the three initialization runs and the L2 run
    recomputed now, final cost to 1e-12 and accuracies exact; rerun ``python -m benchmarks.course2`` when not."""
    document = json.loads((ROOT / "benchmarks" / "course2.json").read_text())
    fresh = [init_run(run) for run in ("zeros", "random", "he")]
    fresh.append(assignment_run("numpy", "reg_model", "L2, lambd 0.7", *data.football()))
    for r in fresh:
        stored = next(s for s in document["runs"] if (s["model"], s["run"], s["backend"]) == (r["model"], r["run"],
                                                                                              "numpy"))
        assert stored["final_cost"] == pytest.approx(r["final_cost"], rel=1e-12), (r["model"], r["run"])
        assert (stored["train"], stored["test"]) == (r["train"], r["test"]), (r["model"], r["run"])
    runs = {("init_model", run) for run in ("zeros", "random", "he")} | {("reg_model", run) for run in REG_RUNS}
    assert {(r["model"], r["run"]) for r in document["runs"]} == runs
    assert INIT_MODEL["num_iterations"] == 15000 and REG_MODEL["num_iterations"] == 30000


def test_rosetta_train_reproduces_the_he_run(tmp_path, capsys):
    """rosetta train init_model --init he: the notebook's model and data, its accuracies printed."""
    from reference import cli

    assert cli.main(["train", "init_model", "--init", "he", "--frames", "0", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "init_model [2, 10, 5, 1] relu, he init, learning rate 0.01, 15000 iterations" in out
    assert "circles data: 300 training and 100 test examples" in out
    assert "Cost after iteration 0: 0.883054" in out  # the notebook's 0.8830537463419761
    assert "train accuracy 0.9933, test accuracy 0.9600" in out  # the notebook's 0.9933333 and 0.96


def test_the_courses_data_mat_is_read_in_its_layout(tmp_path):
    """A data.mat written as the course's (X (m, 2), y (m, 1), Xval, yval, MATLAB's layout) is read as the notebook
    reads it, and a file without its variables is refused naming them."""
    import scipy.io

    rng = np.random.default_rng(0)
    X, Xval = rng.standard_normal((7, 2)), rng.standard_normal((5, 2))
    y, yval = (rng.random((7, 1)) > 0.5).astype(float), (rng.random((5, 1)) > 0.5).astype(float)
    scipy.io.savemat(tmp_path / "data.mat", {"X": X, "y": y, "Xval": Xval, "yval": yval})
    X_train, X_test, y_train, y_test = data.football(tmp_path / "data.mat")
    np.testing.assert_array_equal(X_train, X)
    np.testing.assert_array_equal(y_test, yval[:, 0])
    assert X_test.shape == (5, 2) and y_train.shape == (7,)
    scipy.io.savemat(tmp_path / "other.mat", {"X": X})
    with pytest.raises(ValueError, match=r"data_mat: expected variables X, y, Xval, yval in .*, got \['X'\]"):
        data.football(tmp_path / "other.mat")
    with pytest.raises(ValueError, match="data_mat: expected the course's data.mat"):
        data.football(tmp_path / "missing.mat")


def test_the_stand_in_has_the_course_files_layout():
    """data.mat's shapes: X (211, 2), y (211, 1), Xval (200, 2), yval (200, 1), labels 0 and 1, both classes."""
    standin = data.football_standin()
    assert {key: value.shape for key, value in standin.items()} == {"X": (211, 2), "y": (211, 1), "Xval": (200, 2),
                                                                    "yval": (200, 1)}
    assert set(np.unique(standin["y"])) == {0.0, 1.0} == set(np.unique(standin["yval"]))


def test_rosetta_compare_takes_lambd_and_keep_prob(tmp_path, capsys):
    """--lambd and --keep-prob reach every backend's regularization module (each run judged against the ensemble of
    NumPy's regularized runs, so a backend that ignored them would leave it), and results.json records them."""
    from reference import cli

    code = cli.main(["compare", "--dataset", "football", "--models", "deep_nn", "--iterations", "30", "--lambd", "0.7",
                     "--keep-prob", "0.86", "--no-plots", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "the networks with lambd 0.7, keep_prob 0.86 (masks drawn once)" in out
    document = json.loads((tmp_path / "results.json").read_text())
    assert (document["lambd"], document["keep_prob"]) == (0.7, 0.86)
    assert document["models"][0]["lambd"] == 0.7 and document["models"][0]["keep_prob"] == 0.86
    assert all(r["agrees"] for r in document["results"])


@pytest.mark.parametrize("argv, message", [
    (["--keep-prob", "1.5"], "argument --keep-prob: expected a keep probability in (0, 1]"),
    (["--keep-prob", "0"], "argument --keep-prob: expected a keep probability in (0, 1]"),
    (["--lambd", "-1"], "argument --lambd: expected a number >= 0, got '-1'"),
])
def test_bad_lambd_or_keep_prob_is_one_line_and_exit_2(argv, message, capsys):
    from reference import cli

    with pytest.raises(SystemExit) as exit_:
        cli.main(["train", "reg_model", *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and message in err and err.count("\n") == 1, err


def test_rosetta_train_takes_keep_prob(tmp_path, capsys):
    """rosetta train reg_model --keep-prob: the backend's regularization module with the notebook's masks, drawn in
    NumPy once, so that torch's run prints NumPy's costs (to the 6 digits printed)."""
    from reference import cli

    outs = []
    for backend in ("numpy", "torch"):
        assert cli.main(["train", "reg_model", "--keep-prob", "0.86", "--iterations", "200", "--frames", "0",
                         "--backend", backend, "--out", str(tmp_path)]) == 0
        outs.append(capsys.readouterr().out)
    assert "reg_model [2, 20, 3, 1] relu, xavier init, learning rate 0.3, keep_prob 0.86, 200 iterations" in outs[0]
    assert "football data: 211 training and 200 test examples" in outs[0]
    costs = [[line for line in out.splitlines() if line.startswith("Cost after")] for out in outs]
    assert costs[0] == costs[1] and len(costs[0]) == 11

"""``rosetta compare``: the table, the exit status, the plots, results.json, and one-line errors for bad input.

The runs use few iterations (--iterations) to stay fast; the agreement they check is the tolerance
table's (reference/proof/tolerances.py). A backend with a planted bug must make the command fail (exit 1).
"""

import contextlib
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

import impl_numpy
from reference import available_backends, cli, quiet
from reference.proof import compare as comparing
from reference.views.progress import Progress

MODELS = ("logistic_regression", "shallow_nn", "deep_nn")
REPO = Path(__file__).resolve().parents[1]


def run(argv, capsys):
    """(exit status, stdout, stderr) of ``rosetta ARGV`` run in this process."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """One run over every installed backend and model, 20 iterations, shared by the tests below."""
    out = tmp_path_factory.mktemp("rosetta-out")
    stdout, stderr = io.StringIO(), io.StringIO()
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        code = cli.main(["compare", "--iterations", "20", "--out", str(out)])
    finally:
        sys.stdout, sys.stderr = real
    return SimpleNamespace(code=code, out=out, stdout=stdout.getvalue(), stderr=stderr.getvalue())


def test_compare_prints_the_table_of_every_backend_and_model(compared):
    assert compared.code == 0, compared.stdout + compared.stderr
    rows = [line.split() for line in compared.stdout.splitlines() if line.split()[:1] and line.split()[0] in MODELS]
    assert {(row[0], row[1]) for row in rows} == {(m, b) for m in MODELS for b in available_backends()}
    assert all(row[-1] == "yes" for row in rows)
    assert "Every backend agrees with NumPy" in compared.stdout
    assert str(compared.out) in compared.stdout  # names the folder with the plots
    assert "training shallow_nn on numpy" in compared.stderr  # progress, one line per run when not a terminal


def test_compare_writes_results_json(compared):
    document = json.loads((compared.out / "results.json").read_text())
    assert document["all_agree"] is True
    assert document["dataset"] == "planar" and document["dtype"] == "float64"
    assert len(document["results"]) == len(MODELS) * len(available_backends())
    for result in document["results"]:
        assert result["agrees"] and result["judged_iterations"] == result["num_iterations"] == 20
        assert len(document["costs"][f'{result["model"]}/{result["backend"]}']) == 20
    # NumPy against itself is exact, so its differences are 0, and every other is within the table
    numpy_rows = [r for r in document["results"] if r["backend"] == "numpy"]
    assert all(r["max_cost_diff"] == 0 and r["max_param_diff"] == 0 for r in numpy_rows)
    assert sorted(document["plots"]) == ["cost_differences.png", "costs.png", "decision_boundaries.png"]


@pytest.mark.parametrize("name, panels", [
    ("costs.png", [f"{m}: cost, float64" for m in MODELS]),
    ("cost_differences.png", [f"{m}: |cost - cost_numpy|, float64" for m in MODELS]),
    ("decision_boundaries.png", [f"{m}: decision boundary" for m in MODELS]),
])
def test_compare_writes_valid_images_with_the_expected_panels(compared, name, panels):
    path = compared.out / name
    with Image.open(path) as image:
        image.verify()  # a complete, uncorrupted PNG
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.width >= 3 * 300 and image.height >= 300  # three panels side by side
        assert image.text["Description"].splitlines() == panels
        pixels = np.asarray(image.convert("L"))
        assert pixels.std() > 10  # drawn on, not blank


def test_json_output_is_machine_readable(tmp_path, capsys):
    code, out, _ = run(["compare", "--backends", "numpy", "--models", "logistic_regression,deep_nn",
                        "--iterations", "5", "--json", "--no-plots", "--out", str(tmp_path)], capsys)
    document = json.loads(out)
    assert code == 0 and document["all_agree"] is True and document["plots"] == []
    assert [r["model"] for r in document["results"]] == ["logistic_regression", "deep_nn"]
    assert [m["learning_rate"] for m in document["models"]] == [0.005, 0.0075]  # the course's, by default


def test_options_reach_the_training(tmp_path, capsys):
    code, out, _ = run(["compare", "--backends", "numpy", "--models", "shallow_nn", "--iterations", "7",
                        "--learning-rate", "0.5", "--init", "he", "--seed", "3", "--dataset", "breast_cancer",
                        "--dtype", "float32", "--json", "--out", str(tmp_path)], capsys)
    model = json.loads(out)["models"][0]
    assert code == 0
    assert (model["learning_rate"], model["num_iterations"], model["init"], model["dtype"]) == (0.5, 7, "he", "float32")
    assert model["layer_dims"] == [30, 4, 1]  # breast cancer has 30 features
    assert model["judged_iterations"] == 7  # float32 too: the whole run, against the ensemble
    # 30 features: no decision boundary to draw
    assert json.loads((tmp_path / "results.json").read_text())["plots"] == ["costs.png", "cost_differences.png"]


def planted_numpy(edit):
    """A stand-in backend: NumPy with ``edit`` applied to the source of its logistic_regression module."""
    path = Path(impl_numpy.logistic_regression.__file__)
    source = edit(path.read_text())
    spec = importlib.util.spec_from_file_location("impl_numpy._planted_logistic_regression", path)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, str(path), "exec"), module.__dict__)
    return SimpleNamespace(asarray=impl_numpy.asarray, to_numpy=impl_numpy.to_numpy, precision=impl_numpy.precision,
                           logistic_regression=module)


@pytest.mark.parametrize("edit, code", [
    (lambda source: source, 0),  # the copy itself changes nothing
    (lambda source: source.replace("db1 = np.sum(dZ1, axis=1, keepdims=True) / m",
                                   "db1 = np.sum(dZ1, axis=1, keepdims=True)"), 1),  # db not averaged over m
], ids=["unchanged-copy", "planted-bug"])
def test_exit_status_says_whether_backends_agree(tmp_path, capsys, monkeypatch, edit, code):
    if code == 1:
        source = Path(impl_numpy.logistic_regression.__file__).read_text()
        assert edit(source) != source, "the planted edit no longer applies to impl_numpy/logistic_regression.py"
    planted = planted_numpy(edit)
    real = comparing.get_backend
    monkeypatch.setattr(comparing, "get_backend", lambda name: planted if name == "torch" else real(name))
    monkeypatch.setattr(quiet, "get_backend", lambda name: planted if name == "torch" else real(name))
    status, out, _ = run(["compare", "--backends", "numpy,torch", "--models", "logistic_regression",
                          "--iterations", "10", "--no-plots", "--out", str(tmp_path)], capsys)
    torch_row = next(line for line in out.splitlines() if line.startswith("logistic_regression  torch"))
    assert status == code
    assert torch_row.endswith("yes") if code == 0 else "NO (leaves at iteration" in torch_row


# Several models and backends where only one run disagrees: the first, a middle one, the last. Every backend is NumPy
# under another name (cheap, and agreeing exactly), but for the one run whose costs are moved by 1e-6, far outside
# the ensemble's rounding-level envelope: the expected verdict is known from how the stand-ins were built.
ONE_DISAGREES = {"first": ("logistic_regression", "torch"), "middle": ("shallow_nn", "tf"), "last": ("deep_nn", "jax")}


def numpy_as_another_backend(disagreeing_model=None):
    """impl_numpy as a stand-in backend; with ``disagreeing_model``, that model's training costs moved by 1e-6."""
    modules = {model: getattr(impl_numpy, model) for model in MODELS}
    if disagreeing_model is not None:
        real = modules[disagreeing_model]

        def train(*args, **kwargs):
            trained, costs = real.train(*args, **kwargs)
            return trained, costs + 1e-6

        modules[disagreeing_model] = SimpleNamespace(**{**vars(real), "train": train})
    return SimpleNamespace(NAME="numpy", asarray=impl_numpy.asarray, to_numpy=impl_numpy.to_numpy,
                           precision=impl_numpy.precision, **modules)


def compare_with_one_disagreeing(compare_module, where, out):
    """``rosetta compare`` (its body from ``compare_module``, dispatched by cli.main) over 3 models and 4 backends in
    which only the run ONE_DISAGREES[where] disagrees: the table, the verdict line, results.json and the exit
    status must all name that run, and only it."""
    model, backend = ONE_DISAGREES[where]
    real = comparing.get_backend

    def pick(name):
        return real(name) if name == "numpy" else numpy_as_another_backend(model if name == backend else None)

    body = f"{compare_module.__name__.removeprefix('reference.')}:command"
    stdout = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compare_module, "get_backend", pick)
        patch.setattr(quiet, "get_backend", pick)
        patch.setattr(cli, "COMMANDS", {**cli.COMMANDS, "compare": body})
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(["compare", "--backends", "numpy,torch,tf,jax", "--iterations", "5", "--no-plots",
                             "--out", str(out)])
    document = json.loads((out / "results.json").read_text())
    rows = [line.split() for line in stdout.getvalue().splitlines() if line.split()[:1] and line.split()[0] in MODELS]
    assert len(rows) == len(document["results"]) == 12, stdout.getvalue()
    assert {(row[0], row[1]) for row in rows if row[-1] != "yes"} == {(model, backend)}, stdout.getvalue()
    assert {(r["model"], r["backend"]) for r in document["results"] if not r["agrees"]} == {(model, backend)}
    assert document["all_agree"] is False, f"all_agree with {model} on {backend} disagreeing"
    assert "Some backends DISAGREE with NumPy" in stdout.getvalue(), stdout.getvalue()
    assert code == 1, f"exit status {code} with {model} on {backend} disagreeing"


@pytest.mark.parametrize("where", ONE_DISAGREES)
def test_one_disagreeing_run_anywhere_fails_compare(tmp_path, where):
    compare_with_one_disagreeing(comparing, where, tmp_path)


def test_progress_bar_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = Progress(300, stream=stream)
    bar.step("deep_nn on numpy", 100)
    bar.step("deep_nn on torch", 200)
    bar.close()
    text = stream.getvalue()
    assert "deep_nn on torch" in text and "\x1b[" in text  # rich redraws the line in place
    last = text.rsplit("\r", 1)[-1]
    assert "100%" in last and "done" in last and "\n" in last  # full, and the terminal's line ended


def test_progress_piped_is_one_line_per_run():
    stream = io.StringIO()
    bar = Progress(300, stream=stream)
    bar.step("deep_nn on numpy", 100)
    bar.step("deep_nn on torch", 200)
    bar.close()
    assert stream.getvalue() == ("  training deep_nn on numpy (100 iterations) ...\n"
                                 "  training deep_nn on torch (200 iterations) ...\n")


def write_cat_file(path, split, m=12, size=4, labels=None, keys=None):
    import h5py

    rng = np.random.default_rng(0)
    with h5py.File(path, "w") as f:
        x_key, y_key = keys or (f"{split}_set_x", f"{split}_set_y")
        f[x_key] = rng.integers(0, 256, (m, size, size, 3), dtype=np.uint8)
        f[y_key] = labels if labels is not None else np.arange(m) % 2


def test_cat_files_are_a_data_set(tmp_path, capsys):
    write_cat_file(tmp_path / "train.h5", "train")
    write_cat_file(tmp_path / "test.h5", "test", m=6)
    code, out, err = run(["compare", "--cat-train", str(tmp_path / "train.h5"), "--cat-test", str(tmp_path / "test.h5"),
                          "--backends", "numpy", "--iterations", "3", "--json", "--out", str(tmp_path / "out")], capsys)
    document = json.loads(out)
    assert code == 0, err
    assert (document["dataset"], document["n_train"], document["n_test"], document["n_features"]) == ("cat", 12, 6, 48)


def bad_h5_files(tmp_path):
    (tmp_path / "text.h5").write_text("not an HDF5 file")
    write_cat_file(tmp_path / "keys.h5", "train", keys=("x", "y"))
    write_cat_file(tmp_path / "labels.h5", "train", labels=np.full(12, 7))
    write_cat_file(tmp_path / "test.h5", "test")


CAT = ["compare", "--backends", "numpy", "--iterations", "2"]


@pytest.mark.parametrize("argv, says", [
    (["compare", "--dataset", "mnist"], "--dataset"),
    (["compare", "--backends", "numpy,mxnet"], "--backends"),
    (["compare", "--models", "resnet"], "--models"),
    (["compare", "--dtype", "float16"], "--dtype"),
    (["compare", "--iterations", "ten"], "--iterations"),
    (["compare", "--backends", "numpy", "--iterations", "-3"], "--iterations"),
    (["compare", "--backends", "numpy", "--learning-rate", "0"], "--learning-rate"),
    (["compare", "--backends", "numpy", "--learning-rate", "nan"], "--learning-rate"),
    (["compare", "--backends", "numpy", "--seed", "-1"], "--seed"),
    (["compare", "--dataset", "cat"], "--cat-train"),
    (["compare", "--dataset", "digits", "--cat-train", "{tmp}/test.h5"], "--dataset"),
    ([*CAT, "--cat-train", "{tmp}/missing.h5", "--cat-test", "{tmp}/test.h5"], "--cat-train: expected an existing HDF5 file"),
    ([*CAT, "--cat-train", "{tmp}/text.h5", "--cat-test", "{tmp}/test.h5"], "expected an HDF5 file"),
    ([*CAT, "--cat-train", "{tmp}/keys.h5", "--cat-test", "{tmp}/test.h5"], "train_set_x"),
    ([*CAT, "--cat-train", "{tmp}/labels.h5", "--cat-test", "{tmp}/test.h5"], "labels 0 and 1"),
    (["frobnicate"], "invalid choice"),
    (["site"], "--out"),
    (["show", "--width", "5", "activations.relu"], "--width"),
], ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_bad_input_gets_one_line_and_exit_status_2(tmp_path, capsys, argv, says):
    bad_h5_files(tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run([*argv, "--out", str(tmp_path / "out")] if argv[0] == "compare" else argv, capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert says in err and "error" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "results.json").exists()


def test_the_installed_command_runs(tmp_path):
    """The real entry point, in a fresh process: a numpy-only run, then a bad option."""
    good = subprocess.run([sys.executable, "-m", "reference.cli", "compare", "--backends", "numpy", "--models",
                           "logistic_regression", "--iterations", "5", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert good.returncode == 0, good.stderr
    assert "logistic_regression  numpy" in good.stdout and (tmp_path / "costs.png").is_file()
    bad = subprocess.run([sys.executable, "-m", "reference.cli", "compare", "--dataset", "imagenet"],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr

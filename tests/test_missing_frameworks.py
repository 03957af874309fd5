"""With a framework uninstalled, the rest must work: ``import reference``, the other backends, ``rosetta compare``
and the test suite; and asking for the missing backend must say which extra to install.

A framework is uninstalled at the start of a fresh Python process by a path finder that does not see it:
``import name`` then raises ModuleNotFoundError and ``importlib.util.find_spec(name)`` answers None, as when
the package is not installed. (``sys.modules[name] = None`` would not do: SciPy, for one, takes a name in
sys.modules for a loaded module.) Each process blocks a set of frameworks and prints what it saw as JSON:

- every framework blocked: ``import reference`` and the NumPy backend, ``rosetta compare`` and ``rosetta show``,
  and the test suite, collected whole (every module must import, or skip, without any framework) and run for
  the tests that need none;
- TensorFlow blocked: the torch and JAX backends train, and ``rosetta compare`` runs them;
- torch and JAX blocked: the TensorFlow backend trains, and ``rosetta compare`` runs it.

So each framework's backend is shown working with at least one other framework missing, and every framework
is missing in at least one process. The processes run side by side.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reference import available_backends
from reference.proof.tolerances import compare

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = {"torch": "torch", "tf": "tensorflow", "jax": "jax"}  # backend -> the module it needs
EXTRAS = {"torch": "torch", "tf": "tf", "jax": "jax"}

PRELUDE = """
import importlib.machinery, json, sys
CONFIG = json.loads(sys.argv[1])

class HidingPathFinder(importlib.machinery.PathFinder):
    # The path finder, blind to the blocked packages: as when they are not installed
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.partition(".")[0] in CONFIG["blocked"]:
            return None
        return super().find_spec(name, path, target)

sys.meta_path[:] = [HidingPathFinder if f is importlib.machinery.PathFinder else f for f in sys.meta_path]
"""

LIBRARY = """
import contextlib, io
import numpy as np
import reference
from reference import ShallowNN, available_backends, get_backend
from reference.cli import main

report = {"loaded_by_import": sorted(m for m in ("torch", "tensorflow", "jax") if sys.modules.get(m) is not None),
          "available": available_backends(), "missing": {}, "fits": {}, "compare": {}}
X = np.random.default_rng(0).standard_normal((12, 2))
y = np.array([0, 1] * 6, dtype=float)
start = {"W1": np.full((2, 2), 0.5), "b1": np.zeros((2, 1)), "W2": np.ones((1, 2)), "b2": np.zeros((1, 1))}
for backend in ("numpy", "torch", "tf", "jax"):
    try:
        get_backend(backend)
    except ImportError as error:
        report["missing"][backend] = [str(error)]
        try:
            ShallowNN(n_h=2, num_iterations=2, backend=backend).fit(X, y)
        except ImportError as error:
            report["missing"][backend].append(str(error))
        continue
    model = ShallowNN(n_h=2, num_iterations=3, backend=backend, initial_params=start).fit(X, y)
    report["fits"][backend] = model.costs_.tolist()

def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return {"status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}

args = ["--models", "shallow_nn", "--iterations", "3", "--no-plots", "--out", CONFIG["out"], "--json"]
report["compare"]["installed"] = run_cli("compare", *args)
for backend in report["missing"]:
    report["compare"][backend] = run_cli("compare", "--backends", backend, *args)
report["show"] = run_cli("show", "deep_nn.forward_propagation")["status"]
print("REPORT " + json.dumps(report))
"""

SUITE = """
import pytest
# -n 0: in this process, where the frameworks are hidden (pyproject's -n auto would run the tests in xdist's
# workers, fresh processes that see every framework)
sys.exit(pytest.main(["tests", "-q", "-n", "0", "-p", "no:cacheprovider", "-k", CONFIG["selection"]]))
"""
# The tests that need no framework and run in a few seconds: bad input, the interface, NumPy vs the oracle (184
# tests; test_bad_input_everywhere's 324 more were a third of this fixture's minute, and show nothing new without
# the frameworks it is about)
SUITE_SELECTION = "(bad_input and not everywhere) or interface or numpy_vs_oracle"


def start(code, blocked, folder, **config):
    """A fresh Python running ``code`` with the modules ``blocked`` hidden; ``config`` reaches it as CONFIG.
    Its output goes to files in ``folder`` (a pipe could fill up and stall it)."""
    script = textwrap.dedent(PRELUDE) + textwrap.dedent(code)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stdout, stderr = open(folder / "stdout", "w+"), open(folder / "stderr", "w+")  # noqa: SIM115 - closed in runs
    process = subprocess.Popen([sys.executable, "-c", script, json.dumps({"blocked": sorted(blocked), **config})],
                               cwd=ROOT, env=env, text=True, stdout=stdout, stderr=stderr)
    return process, stdout, stderr


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The four processes, started together; name -> (return code, stdout, stderr)."""
    if not {"torch", "tf", "jax"} <= set(available_backends()):
        pytest.skip("needs every framework installed, to uninstall them one by one")
    folder = tmp_path_factory.mktemp("missing")
    out = str(folder / "rosetta-out")
    plans = {
        "none": (LIBRARY, FRAMEWORKS.values(), {"out": out}),
        "suite": (SUITE, FRAMEWORKS.values(), {"selection": SUITE_SELECTION}),
        "no tf": (LIBRARY, {"tensorflow"}, {"out": out}),
        "tf only": (LIBRARY, {"torch", "jax", "jaxlib"}, {"out": out}),
    }
    started = {}
    for name, (code, blocked, config) in plans.items():
        (folder / name).mkdir()
        started[name] = start(code, blocked, folder / name, **config)
    results = {}
    for name, (process, stdout, stderr) in started.items():
        status = process.wait(timeout=600)
        with stdout, stderr:
            stdout.seek(0)
            stderr.seek(0)
            results[name] = (status, stdout.read(), stderr.read())
    return results


def report(runs, name):
    status, stdout, stderr = runs[name]
    assert status == 0, f"{name}: exit {status}\n{stderr[-3000:]}"
    line = next((line for line in stdout.splitlines() if line.startswith("REPORT ")), None)
    assert line, f"{name}: no report\n{stdout[-2000:]}\n{stderr[-2000:]}"
    return json.loads(line.removeprefix("REPORT "))


@pytest.mark.parametrize("name, available", [("none", ["numpy"]), ("no tf", ["numpy", "torch", "jax"]),
                                             ("tf only", ["numpy", "tf"])])
def test_import_reference_and_the_other_backends_work(runs, name, available):
    result = report(runs, name)
    assert result["loaded_by_import"] == [], "import reference imported a framework"
    assert result["available"] == available
    assert sorted(result["fits"]) == sorted(available)
    for backend, costs in result["fits"].items():  # from the same start, NumPy's three costs: a backend that works
        comparison = compare(costs, result["fits"]["numpy"], "float64", "training_costs")
        assert len(costs) == 3 and comparison.ok, f"{backend}: {comparison}"


@pytest.mark.parametrize("name", ["none", "no tf", "tf only"])
def test_using_a_missing_backend_names_the_extra_to_install(runs, name):
    result = report(runs, name)
    assert sorted(result["missing"]) == sorted(set(FRAMEWORKS) - set(result["available"]))
    for backend, messages in result["missing"].items():
        expected = (f"backend {backend!r} needs {FRAMEWORKS[backend]}, which is not installed: "
                    f"pip install 'nn-rosetta[{EXTRAS[backend]}]' (or 'nn-rosetta[all]')")
        assert messages == [expected, expected], backend  # get_backend and the estimator's fit
        cli = result["compare"][backend]
        assert cli["status"] == 2 and cli["stderr"] == f"rosetta compare: error: {expected}\n", cli


@pytest.mark.parametrize("name", ["none", "no tf", "tf only"])
def test_rosetta_compare_runs_the_installed_backends(runs, name):
    result = report(runs, name)
    cli = result["compare"]["installed"]
    assert cli["status"] == 0, cli["stderr"][-2000:]
    document = json.loads(cli["stdout"])
    assert document["backends"] == result["available"] and document["all_agree"] is True
    assert result["show"] == 0


def test_the_test_suite_runs_without_any_framework(runs):
    status, stdout, stderr = runs["suite"]
    summary = stdout.strip().splitlines()[-1] if stdout.strip() else stderr[-2000:]
    assert status == 0, f"exit {status}: {summary}\n{stdout[-3000:]}"
    assert " passed" in summary and "error" not in summary and "failed" not in summary, summary
    # test_torch_backend.py, test_tf_backend.py and test_jax_backend.py at least skip whole: the frameworks were hidden
    skipped = re.search(r"(\d+) skipped", summary)
    assert skipped and int(skipped.group(1)) >= 3, summary

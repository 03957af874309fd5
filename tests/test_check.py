"""`rosetta check`'s parts: the verdicts and their words, reading files and notebooks, the project's own interface,
framework ports, and the course's names in `rosetta show`.

Expected values come from the loop oracle (reference/check/problems.py); the words a mistake must get are the
course's (a missing 1/m, a transposed W, a dropped keepdims). The learners' corpus is tests/test_check_corpus.py.
"""

import json
import os
import textwrap

import numpy as np
import pytest

import impl_numpy
from reference.check import check_functions, course_api, problems
from reference.check.checks import plan
from reference.check.confine import bubblewrap
from reference.check.confined import sources
from reference.check.confined.namespace import learner_functions, load
from reference.check.context import Context
from reference.check.judge import FAIL, PASS, judge, labels
from reference.check.runner import local
from reference.cli import main
from tests.shown import blocks_after


def functions_of(*modules):
    return {name: fn for module in modules for name, fn in vars(module).items()
            if callable(fn) and getattr(fn, "__module__", "") == module.__name__ and not name.startswith("_")}


# ---------------------------------------------------------------- verdicts and their words

@pytest.mark.parametrize("mistake, words", [
    (lambda e: e.T, "transposed"),
    (lambda e: -e, "sign flipped"),
    (lambda e: e * 8, "off by a factor of m (the 1/m is missing)"),
    (lambda e: e / 8, "off by a factor of 1/m"),
    (lambda e: e[:, 0], "a dimension dropped"),
    (lambda e: e.sum(), "summed over every axis"),
    (lambda e: e + 1, "max |diff| 1"),
])
def test_a_wrong_result_gets_its_name(mistake, words):
    expected = np.arange(1.0, 4.0).reshape(3, 1) * np.array([[1.0, 2.0]])[:, :1]
    expected = np.hstack([expected, expected + 0.5]) if words == "transposed" else expected
    outcome = judge("f", "q", mistake(expected), expected, m=8)
    assert outcome.status == FAIL and words in outcome.detail, outcome


def test_a_cost_must_be_a_scalar_and_a_named_mistake_wins_over_the_slips():
    assert "not a scalar" in judge("compute_cost", "cost", np.array([[0.5]]), 0.5, m=8, scalar=True).detail
    assert judge("propagate", "db", np.array([[0.5]]), 0.5, m=8).ok  # a (1, 1) db is fine: the course's b is a number
    expected, wrong = np.array([1.0, 2.0]), np.array([3.0, 5.0])
    assert judge("f", "q", wrong, expected, 8, [("1 - A instead of 1 - A**2", wrong)]).detail.startswith("1 - A instead")


def test_each_result_is_judged_at_its_own_dtype():
    """float64 code at the float64 entry (1e-12): a float32 rounding in it fails; float32 code gets the float32 one."""
    expected = np.array([0.1234567891234, 1.0 / 3.0])
    assert judge("f", "q", expected, expected, 8).ok
    assert not judge("f", "q", expected.astype(np.float32).astype(np.float64), expected, 8).ok
    assert judge("f", "q", expected.astype(np.float32), expected, 8).ok


def test_non_finite_results_never_pass():
    expected = np.array([1.0, 2.0])
    for bad in (np.array([np.nan, 2.0]), np.array([np.inf, 2.0])):
        assert judge("f", "q", bad, expected, 8).status == FAIL


def test_predictions_accept_the_course_shapes_and_name_probabilities():
    expected, probabilities = np.array([[1.0, 0.0, 1.0]]), np.array([[0.9, 0.2, 0.7]])
    for form in (expected, expected.astype(bool), [[1, 0, 1]]):
        assert labels("predict", "p", form, expected, probabilities).status == PASS
    assert "probabilities, not 0/1 labels" in labels("predict", "p", probabilities, expected, probabilities).detail
    assert "1 of 3 labels differ" in labels("predict", "p", [[1, 1, 1]], expected, probabilities).detail


@pytest.mark.parametrize("got, expected, words", [
    (np.ones(5), np.ones((1, 5)), "a dimension dropped: shape (5,), expected (1, 5)"),      # A[L] squeezed
    (np.ones(4), np.ones((4, 1)), "a dimension dropped: shape (4,), expected (4, 1)"),      # db without keepdims
    (np.ones((1, 4)), np.ones((4, 1)), "transposed: shape (1, 4), expected (4, 1)"),
    (np.ones((1, 1, 5)), np.ones((1, 5)), "a dimension added: shape (1, 1, 5), expected (1, 5)"),
], ids=["(m,) for (1, m)", "(n,) for (n, 1)", "(1, n) for (n, 1)", "(1, 1, m) for (1, m)"])
def test_a_result_of_equal_values_in_a_broadcastable_shape_fails_on_its_shape(got, expected, words):
    """The course's shapes ((1, m) for A[L] and predictions, (n, 1) for b and db) are part of the answer: the same
    values in a shape that broadcasts fail, and the words name both shapes."""
    outcome = judge("f", "q", got, expected, m=5)
    assert outcome.status == FAIL and words in outcome.detail, outcome
    if expected.shape[0] == 1:  # 0/1 labels, as predict returns them (the course's template asserts (1, m))
        outcome = labels("predict", "p", got, expected, expected * 0.9)
        assert outcome.status == FAIL and words in outcome.detail, outcome
    for column in (np.ones((5, 1)), np.ones(5)):  # (m, 1) - Y broadcasts to (m, m) in the course's accuracy
        outcome = labels("predict", "p", column, np.ones((1, 5)), np.full((1, 5), 0.9))
        assert outcome.status == FAIL and f"shape {column.shape}, expected (1, 5)" in outcome.detail, outcome


def test_the_problems_expose_the_mistakes_they_are_built_for():
    deep = problems.deep()
    assert deep.dims == [4, 5, 4, 3, 1] and deep.L - 1 >= 3  # three hidden layers
    for l in range(1, deep.L + 1):
        Z = deep.cache[f"Z{l}"]
        assert ((Z > 0).any(axis=1) & (Z < 0).any(axis=1)).all()  # relu' is 1 and 0 in every unit
        assert np.all(deep.params[f"b{l}"] != 0)
    assert 0 < deep.Y.mean() < 1
    for p in (problems.logistic(), problems.shallow()):  # a missing sigmoid or b changes a prediction
        Z = p.cache[f"Z{p.L}"]
        assert np.any((Z > 0.5) != p.labels())
        assert np.any((p.params[f"W{p.L}"] @ p.cache[f"A{p.L - 1}"] > 0) != p.labels())


# ---------------------------------------------------------------- the project's own interface

@pytest.mark.parametrize("model, activation", [("logistic_regression", "tanh"), ("shallow_nn", "relu"),
                                               ("deep_nn", "leaky_relu"), ("deep_nn", "sigmoid")])
def test_the_project_implementation_passes(model, activation):
    functions = functions_of(getattr(impl_numpy, model), impl_numpy.activations, impl_numpy.cost)
    chosen, outcomes = check_functions(functions, ctx=Context(model=model, activation=activation))
    assert chosen.week == "project" and len(chosen.functions) >= 12
    assert outcomes and all(o.ok for o in outcomes), [str(o) for o in outcomes if not o.ok]


def test_the_readme_shows_the_example_notebooks_check(capsys):
    """Every line the README shows of `rosetta check` on the example notebook is in its output now ("..." skips)."""
    command = "$ .venv/bin/rosetta check examples/Building_your_Deep_Neural_Network_Step_by_Step.ipynb"
    assert main(["check", "examples/Building_your_Deep_Neural_Network_Step_by_Step.ipynb"]) == 1
    out = capsys.readouterr().out.split("\n")
    missing = [line for shown_ in blocks_after(command) for line in shown_ if line != "..." and line not in out
               and not (line.startswith("isolation:") and not bubblewrap())]  # the README's is bubblewrap's
    assert not missing, f"README's rosetta check output is stale: {missing}"


def test_the_example_module(capsys, tmp_path):
    assert main(["check", "examples/my_shallow_nn.py"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  backward_propagation  db2    off by a factor of m (the 1/m is missing)" in out
    assert out.rstrip().endswith("13 passed, 1 failed")
    fixed = tmp_path / "fixed.py"
    fixed.write_text(open("examples/my_shallow_nn.py").read().replace(
        "db2 = np.sum(dZ2, axis=1, keepdims=True)  #", "db2 = np.sum(dZ2, axis=1, keepdims=True) / m  #"))
    assert main(["check", str(fixed)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("14 passed, 0 failed")


# ---------------------------------------------------------------- a learner's port to a framework

PORT = """
import {import_line}

def linear_forward(A, W, b):
    Z = {matmul}(W, A) + b
    return Z, (A, W, b)

def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = {sigmoid}(Z) if activation == "sigmoid" else {relu}(Z)
    return A, (linear_cache, Z)

def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches

def compute_cost(AL, Y):
    m = Y.shape[1]
    return -{sum}(Y * {log}(AL) + (1 - Y) * {log}(1 - AL)) / m

def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = {matmul}(dZ, {T}(A_prev)) / m
    db = {sum}(dZ, {axis}=1, {keepdims}=True) / m
    dA_prev = {matmul}({T}(W), dZ)
    return dA_prev, dW, db

def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = {where}(Z > 0, dA, 0 * dA)
    else:
        s = {sigmoid}(Z)
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)

def L_model_backward(AL, Y, caches):
    grads = {{}}
    L = len(caches)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(
        dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads

def update_parameters(params, grads, learning_rate):
    return {{key: value - learning_rate * grads["d" + key] for key, value in params.items()}}
"""

PORTS = {
    "torch": dict(import_line="torch", matmul="torch.matmul", sigmoid="torch.sigmoid", relu="torch.relu",
                  sum="torch.sum", log="torch.log", T="torch.t", axis="dim", keepdims="keepdim", where="torch.where"),
    "jax": dict(import_line="jax.numpy as jnp", matmul="jnp.matmul", sigmoid="jax.nn.sigmoid", relu="jax.nn.relu",
                sum="jnp.sum", log="jnp.log", T="jnp.transpose", axis="axis", keepdims="keepdims", where="jnp.where"),
    "tf": dict(import_line="tensorflow as tf", matmul="tf.matmul", sigmoid="tf.math.sigmoid", relu="tf.nn.relu",
               sum="tf.reduce_sum", log="tf.math.log", T="tf.transpose", axis="axis", keepdims="keepdims",
               where="tf.where"),
}


@pytest.mark.parametrize("framework", PORTS)
def test_a_framework_port_with_the_course_names(framework, tmp_path, capsys):
    pytest.importorskip({"tf": "tensorflow"}.get(framework, framework))
    source = PORT.format(**PORTS[framework])
    if framework == "jax":
        source = "import jax\n" + source
    path = tmp_path / f"week4_{framework}.py"
    path.write_text(source)
    assert main(["check", str(path), "--framework", framework]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "week4" in out and "8 functions checked" in out and ", 0 failed" in out
    broken = tmp_path / f"broken_{framework}.py"
    broken.write_text(source.replace(" / m\n    dA_prev", "\n    dA_prev"))  # db without its 1/m
    assert main(["check", str(broken), "--framework", framework]) == 1
    out = capsys.readouterr().out
    assert any(line.split()[:3] == ["FAIL", "linear_backward", "db"] and "off by a factor of m" in line
               for line in out.splitlines())


# ---------------------------------------------------------------- reading what learners have

def notebook(cells, version=4):
    if version == 3:
        return {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
            {"cell_type": "code", "input": source.splitlines(True), "language": "python", "outputs": []}
            for source in cells]}]}
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": source.splitlines(True), "metadata": {}, "outputs": [], "execution_count": None}
        for source in cells]}


@pytest.mark.parametrize("version", [3, 4])
def test_notebooks_magics_and_a_broken_cell(tmp_path, version):
    cells = ["%matplotlib inline\n!pip install h5py\nimport numpy as np",
             "%%time\nwhile True: pass",
             "def sigmoid(z:\n    return z",  # does not parse: hides only itself
             "def initialize_with_zeros(dim):\n    w = np.zeros((dim, 1))\n    b = 0.\n    return w, b\nfiles = !ls",
             "w, b = initialize_with_zeros(2)\nassert w.shape == (3, 1)"]  # the learner's own assert: not run
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook(cells, version)))
    submission = sources.read(path)
    assert submission.kind == f"ipynb v{version}" and len(submission.cells) == 5
    namespace, notes, skipped = load(submission)
    assert list(learner_functions(namespace)) == ["initialize_with_zeros"]
    assert len(notes) == 1 and notes[0].startswith("cell 3, line 1: SyntaxError")
    assert skipped == 2


def test_a_nbconvert_script_is_split_at_its_cells(tmp_path):
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent("""\
        #!/usr/bin/env python
        # coding: utf-8

        # In[1]:

        import numpy as np
        get_ipython().run_line_magic('matplotlib', 'inline')

        # In[2]:

        def broken(:
            pass

        # In[3]:

        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        """))
    namespace, notes, _ = load(sources.read(path))
    assert list(learner_functions(namespace)) == ["sigmoid"] and notes[0].startswith("line 11 (In[2]): SyntaxError")


def test_imported_helpers_are_never_the_learners():
    submission = sources.Submission(None, "py", (sources.Cell("", textwrap.dedent("""\
        import numpy as np
        from dnn_utils_v2 import sigmoid, sigmoid_backward, relu, relu_backward
        from testCases_v4a import *
        from public_tests import *
        from dnn_app_utils_v3 import *
        def linear_forward(A, W, b):
            return np.dot(W, A) + b, (A, W, b)
        """)),))
    namespace, notes, _ = load(submission)
    assert not notes
    assert list(learner_functions(namespace)) == ["linear_forward"]
    A, cache = namespace["sigmoid"](np.zeros((1, 2)))  # the course's dnn_utils: (A, cache)
    assert np.allclose(A, 0.5) and callable(namespace["L_model_backward"])


def test_a_folder_leaves_out_the_course_helper_files_and_checkpoints(tmp_path):
    for name in ("alice.ipynb", "bob.py", "dnn_utils_v2.py", "testCases_v4a.py", "public_tests.py", "lr_utils.py",
                 ".ipynb_checkpoints/alice-checkpoint.ipynb"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    assert [p.name for p in sources.collect([tmp_path])] == ["alice.ipynb", "bob.py"]
    assert [p.name for p in sources.collect([tmp_path / "dnn_utils_v2.py"])] == ["dnn_utils_v2.py"]  # asked for


def test_bad_paths(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.py")]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    assert main(["check", str(tmp_path / "photo.jpg")]) == 2
    assert "expected a .py file or a .ipynb notebook" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 2
    (tmp_path / "bad.ipynb").write_text("{not json")
    assert main(["check", str(tmp_path / "bad.ipynb")]) == 1
    assert "expected a Jupyter notebook" in capsys.readouterr().out


def test_the_week_is_found_from_the_names(tmp_path):
    def week_of(source):
        space = load(sources.Submission(None, "py", (sources.Cell("", source),)))[0]
        return plan(local(space, functions=learner_functions(space))[1]).week

    assert week_of("def propagate(w, b, X, Y): pass\ndef sigmoid(z): pass") == "week2"
    assert week_of("def backward_propagation(parameters, cache, X, Y): pass") == "week3"
    assert week_of("def L_model_backward(AL, Y, caches): pass\ndef compute_cost(AL, Y): pass") == "week4"
    assert week_of("def L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost): pass") == "app"
    assert week_of("def relu_derivative(Z): pass\ndef compute_cost(ZL, Y): pass") == "project"
    assert week_of("def compute_cost(A2, Y, parameters): pass") == "week3"


# ---------------------------------------------------------------- the course's names travel

def test_every_course_name_shows_its_concept(capsys):
    from reference.views.show import concepts, resolve

    known = set(concepts())
    for entry in course_api.COURSE_API:
        if entry.week == "project":
            continue
        assert entry.concept in known, entry
        assert resolve(f"{entry.week}.{entry.name}") == entry.concept
    assert resolve("L_model_backward") == "deep_nn.backward_propagation"
    assert main(["show", "propagate", "--backends", "numpy", "--color", "never"]) == 0
    assert "the course's function: week2 propagate(w, b, X, Y)" in capsys.readouterr().out


def test_the_web_page_lists_the_course_names():
    from reference.views.site import concept_html

    assert "week4 L_model_backward(AL, Y, caches)" in concept_html("deep_nn.backward_propagation")


def test_initial_weights_of_nan_or_inf_fail():
    """std(NaN) > 0.1 is False: the initializer's checks must not read NaN weights as small ones."""
    import numpy as np_  # the learner's namespace

    def initialize_parameters(n_x, n_h, n_y):
        return {"W1": np_.full((n_h, n_x), np_.nan), "b1": np_.zeros((n_h, 1)),
                "W2": np_.full((n_y, n_h), np_.inf), "b2": np_.zeros((n_y, 1))}

    _, outcomes = check_functions({"initialize_parameters": initialize_parameters,
                                   "layer_sizes": lambda X, Y: None}, week="week3")
    bad = {o.quantity.split()[0] for o in outcomes if not o.ok and o.function == "initialize_parameters"}
    assert bad == {"W1", "W2", "scale"}
    assert all("NaN or inf" in o.detail for o in outcomes if o.quantity.startswith(("W", "scale")))


SIGMOID_FILE = "import numpy as np\n\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"


def test_every_report_says_how_the_file_was_confined(tmp_path, capsys, monkeypatch):
    """The first line of a report: bubblewrap, --no-sandbox, or bubblewrap missing or refused (a bwrap that cannot
    make a sandbox here, as in some containers: the probe runs it once and falls back to process limits)."""
    from reference.check import confine

    path = tmp_path / "week2.py"
    path.write_text(SIGMOID_FILE)
    assert main(["check", "--no-sandbox", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "isolation: NOT confined: --no-sandbox; process limits only"
    refused = tmp_path / "bin" / "bwrap"
    refused.parent.mkdir()
    refused.write_text("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n")
    refused.chmod(0o755)
    monkeypatch.setenv("PATH", f"{refused.parent}:{os.environ['PATH']}")
    confine.bubblewrap.cache_clear()
    try:
        assert confine.bubblewrap() == ""
        assert main(["check", str(path)]) == 0
        out = capsys.readouterr().out
        assert out.splitlines()[0] == "isolation: NOT confined: process limits only; install bubblewrap", out
        assert "PASS  sigmoid" in out
    finally:
        confine.bubblewrap.cache_clear()

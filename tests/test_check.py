"""`rosetta check`: a learner's module against the oracle, with the mistake named."""

import textwrap

import numpy as np
import pytest

import impl_numpy
from reference.check import check_module, diagnose, load_module


def failures(outcomes):
    return {(o.function, o.quantity): o.detail for o in outcomes if not o.ok}


def test_the_example_module_fails_exactly_on_db2():
    outcomes = check_module(load_module("examples/my_shallow_nn.py"))
    assert failures(outcomes) == {("backward_propagation", "db2"): failures(outcomes)[("backward_propagation", "db2")]}
    assert "off by a factor of m" in failures(outcomes)[("backward_propagation", "db2")]
    assert len(outcomes) == 14


@pytest.mark.parametrize("model, activation", [("logistic_regression", "tanh"), ("shallow_nn", "relu"),
                                               ("deep_nn", "leaky_relu")])
def test_the_reference_implementation_passes(model, activation):
    module = getattr(impl_numpy, model)
    outcomes = check_module(module, model, activation)
    assert outcomes and all(o.ok for o in outcomes), [str(o) for o in outcomes if not o.ok]
    assert all(o.ok for o in check_module(impl_numpy.activations, model, activation))


def test_a_framework_module_with_its_own_arrays():
    torch = pytest.importorskip("torch")
    from reference import get_backend

    backend = get_backend("torch")
    outcomes = check_module(backend.deep_nn, "deep_nn", "relu", convert=lambda a: torch.as_tensor(a, dtype=torch.float64))
    assert all(o.ok for o in outcomes), [str(o) for o in outcomes if not o.ok]


@pytest.mark.parametrize("mistake, words", [
    (lambda e: e.T, "transposed"),
    (lambda e: -e, "sign flipped"),
    (lambda e: e * 7, "off by a factor of m"),
    (lambda e: e / 7, "off by a factor of 1/m"),
    (lambda e: e + 1, ""),
])
def test_diagnose_names_the_mistake(mistake, words):
    expected = np.arange(1.0, 7.0).reshape(2, 3)
    assert diagnose(mistake(expected), expected, m=7).startswith(words)


def test_a_function_that_raises_is_reported_not_fatal(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text(textwrap.dedent("""
        def sigmoid(Z):
            raise RuntimeError("not done yet")
    """))
    [outcome] = check_module(load_module(path))
    assert not outcome.ok and "RuntimeError: not done yet" in outcome.detail


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="module: expected a path to a .py file"):
        load_module(tmp_path / "missing.py")
    (tmp_path / "empty.py").write_text("x = 1\n")
    with pytest.raises(ValueError, match="module: expected at least one of the interface's functions"):
        check_module(load_module(tmp_path / "empty.py"))
    with pytest.raises(ValueError, match="model: expected one of"):
        check_module(impl_numpy.deep_nn, "cnn")


def test_the_command(capsys, tmp_path):
    from reference.cli import main

    assert main(["check", "examples/my_shallow_nn.py"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  backward_propagation   db2      off by a factor of m" in out
    assert out.rstrip().endswith("13 passed, 1 failed")
    fixed = tmp_path / "fixed.py"
    fixed.write_text(open("examples/my_shallow_nn.py").read().replace(
        "db2 = np.sum(dZ2, axis=1, keepdims=True)  #", "db2 = np.sum(dZ2, axis=1, keepdims=True) / m  #"))
    assert main(["check", str(fixed)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("14 passed, 0 failed")
    (tmp_path / "syntax.py").write_text("def sigmoid(Z:\n")
    assert main(["check", str(tmp_path / "syntax.py")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rosetta check: error: module: expected an importable .py file") and len(err.splitlines()) == 1

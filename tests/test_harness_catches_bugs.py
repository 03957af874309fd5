"""The harness can fail: a bug planted into a copy of a backend is reported as the right quantity.

Each test loads a fresh copy of one model module of a backend (its source, optionally edited), plants one
bug, runs the harness on the copy, and asserts which quantities are out of tolerance and which are not.
A copy with nothing planted passes, so the copying itself changes nothing.
"""

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from reference import available_backends, get_backend, harness

BACKENDS = ["numpy", "torch", "tf", "jax"]


def require(backend):
    if backend not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")


def planted_copy(backend, model, edit_source=None, **globals_):
    """A stand-in backend package whose ``model`` module is a fresh copy, edited and with globals replaced."""
    package = get_backend(backend)
    original = getattr(package, model)
    source = Path(original.__file__).read_text()
    if edit_source is not None:
        source = edit_source(source)
    spec = importlib.util.spec_from_file_location(f"{package.__name__}._planted_{model}", original.__file__)
    copy = importlib.util.module_from_spec(spec)
    exec(compile(source, original.__file__, "exec"), copy.__dict__)
    copy.__dict__.update(globals_)
    return SimpleNamespace(NAME=package.NAME, asarray=package.asarray, to_numpy=package.to_numpy,
                           precision=package.precision, **{model: copy})


def bad_quantities(problem, backend, stand_in):
    report = harness.run(problem, [backend], packages={backend: stand_in})
    return {(row.quantity, row.name) for row in report.failures()}, report


def transpose(backend):
    if backend == "tf":
        import tensorflow as tf

        return tf.transpose
    return lambda W: W.T


def through_float32(backend):
    """The round trip a float32 leak makes: float64 -> float32 -> float64."""
    if backend == "tf":
        import tensorflow as tf

        return lambda X: tf.cast(tf.cast(X, tf.float32), tf.float64)
    if backend == "torch":
        return lambda X: X.float().double()
    return lambda X: X.astype("float32").astype("float64")


SHALLOW = dict(model="shallow_nn", layer_dims=[3, 4, 1], activation="tanh", m=12, seed=5, num_iterations=20)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_unplanted_copy_passes(backend):
    require(backend)
    problem = harness.random_problem(**SHALLOW)
    bad, report = bad_quantities(problem, backend, planted_copy(backend, "shallow_nn"))
    assert not bad, str(report)


@pytest.mark.parametrize("backend", BACKENDS)
def test_wrong_derivative_shows_in_the_hidden_layer_gradients(backend):
    """tanh' replaced by sigmoid' in the backward pass: dW1, db1 wrong; forward, cost, dW2, db2 right."""
    require(backend)
    real = get_backend(backend).activations.activation_backward
    wrong = planted_copy(backend, "shallow_nn", activation_backward=lambda dA, Z, activation: real(dA, Z, "sigmoid"))
    bad, report = bad_quantities(harness.random_problem(**SHALLOW), backend, wrong)
    assert {("gradients", "dW1"), ("gradients", "db1")} <= bad, str(report)
    assert not {q for q in bad if q[0] in ("forward", "cost") or q[1] in ("dW2", "db2")}, str(report)


@pytest.mark.parametrize("backend", BACKENDS)
def test_missing_one_over_m_shows_in_db1(backend):
    """db1 without its 1/m: db1 off by a factor of m; forward, cost and the other gradients right."""
    require(backend)

    def drop_one_over_m(source):
        edited, count = re.subn(r"^(\s*db1 = .*?)\s*/ m\b", r"\1", source, count=1, flags=re.M)
        assert count == 1, "the db1 line no longer ends in '/ m': update this planted bug"
        return edited

    bad, report = bad_quantities(harness.random_problem(**SHALLOW), backend,
                                 planted_copy(backend, "shallow_nn", edit_source=drop_one_over_m))
    assert ("gradients", "db1") in bad, str(report)
    assert not {q for q in bad if q[0] in ("forward", "cost") or q[1] in ("dW1", "dW2", "db2")}, str(report)


@pytest.mark.parametrize("backend", BACKENDS)
def test_transposed_weight_shows_in_the_forward_pass(backend):
    """W2 used transposed (a square layer, so the shapes still fit): the forward output is wrong."""
    require(backend)
    T = transpose(backend)
    problem = harness.random_problem("deep_nn", [4, 4, 4, 1], "relu", m=12, seed=2, num_iterations=20)
    real_forward = get_backend(backend).deep_nn.forward_propagation
    stand_in = planted_copy(backend, "deep_nn")
    stand_in.deep_nn.forward_propagation = lambda X, params, activation="relu": real_forward(
        X, {**params, "W2": T(params["W2"])}, activation)
    bad, report = bad_quantities(problem, backend, stand_in)
    assert ("forward", "AL") in bad and ("cost", "J") in bad, str(report)


@pytest.mark.parametrize("backend", BACKENDS)
def test_float32_leak_in_a_float64_run(backend):
    """X rounded through float32 inside a float64 forward pass: off by about 1e-8, caught at float64's 1e-12."""
    require(backend)
    leak = through_float32(backend)
    real_forward = get_backend(backend).shallow_nn.forward_propagation
    stand_in = planted_copy(backend, "shallow_nn")
    stand_in.shallow_nn.forward_propagation = lambda X, params, activation="tanh": real_forward(leak(X), params, activation)
    problem = harness.random_problem(**SHALLOW)
    problem = harness.Problem(problem.model, problem.X * np.pi, problem.Y, problem.params, "tanh", "float64", 0.1, 20)
    bad, report = bad_quantities(problem, backend, stand_in)
    assert ("forward", "AL") in bad, str(report)
    worst = report.worst(backend, "forward")
    assert 1e-10 < worst.max_rel < 1e-5, str(report)  # the size of a float32 rounding, not a gross error

"""The harness can fail: a bug planted into a copy of a backend is reported as the right quantity.

Each test loads a fresh copy of one model module of a backend (its source, optionally edited), plants one
bug, runs the harness on the copy, and asserts which quantities are out of tolerance and which are not.
A copy with nothing planted passes, so the copying itself changes nothing.
"""

import importlib.util
import itertools
import linecache
import re
import sys
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import test_ensemble_rule as ensemble_rule

from reference import available_backends, get_backend
from reference.proof import harness
from reference.proof.tolerances import compare

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
    """The (quantity, name) pairs out of tolerance when ``stand_in`` runs as ``backend`` (e.g. "torch:layers")."""
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


# ---------------------------------------------------------------- the catalogue of porting bugs
#
# Realistic mistakes of someone porting the course to a framework, or of someone editing reference/, each
# planted into a fresh copy of the package (every module re-executed, so that the models import the edited
# activations or cost) and asserted caught on the quantity it must show in. The problems start from non-zero
# biases, with example 0 through exact zeros in Z and an output of exactly 0.5 (harness.with_edges).

@dataclass(frozen=True)
class Bug:
    id: str
    backend: str        # a harness name ("torch", "jax:autodiff", "tf:layers"), or "reference"
    module: str         # the file the edit is in, e.g. "activations" or "reference/proof/tolerances.py"
    old: str            # replaced by new, everywhere in that file (it must be there)
    new: str
    problem: str        # a key of PROBLEMS, or for "reference" and "probe" a key of PROBES
    caught: str         # the harness quantity that must be out of tolerance, or "probe": PROBES[problem] fails


PROBLEMS = {
    "shallow": dict(model="shallow_nn", layer_dims=[3, 4, 1], activation="tanh"),
    "deep_relu": dict(model="deep_nn", layer_dims=[4, 5, 4, 3, 1], activation="relu"),
    "deep_leaky": dict(model="deep_nn", layer_dims=[4, 5, 4, 3, 1], activation="leaky_relu"),
    "logistic": dict(model="logistic_regression", layer_dims=[4, 1], activation="sigmoid"),
    "deep_l2": dict(model="deep_nn", layer_dims=[4, 5, 4, 3, 1], activation="relu", lambd=0.7),
    "deep_dropout": dict(model="deep_nn", layer_dims=[4, 5, 4, 3, 1], activation="relu", keep_prob=0.8),
}

CATALOGUE = [
    # NumPy, the reference every backend is compared with: compared here with the real NumPy
    Bug("relu'(0) = 1", "numpy", "activations", "return (Z > 0).astype(Z.dtype)", "return (Z >= 0).astype(Z.dtype)",
        "deep_relu", "gradients"),
    Bug("leaky slope 0.02", "numpy", "activations", "LEAKY_SLOPE = 0.01", "LEAKY_SLOPE = 0.02", "deep_leaky", "forward"),
    Bug("leaky_relu'(0) = 1", "numpy", "activations", "np.where(Z > 0, 1, LEAKY_SLOPE)", "np.where(Z >= 0, 1, LEAKY_SLOPE)",
        "deep_leaky", "gradients"),
    Bug("tanh' as 1 - A", "numpy", "activations", "return 1 - np.tanh(Z) ** 2", "return 1 - np.tanh(Z)", "shallow",
        "gradients"),
    Bug("predict at >= 0.5", "numpy", "logistic_regression", "(A1 > 0.5)", "(A1 >= 0.5)", "logistic", "predictions"),
    Bug("cost summed, not averaged", "numpy", "cost", "return np.sum(losses) / m", "return np.sum(losses)", "deep_relu",
        "cost"),
    Bug("gradient ascent", "numpy", "deep_nn", "value - learning_rate *", "value + learning_rate *", "deep_relu",
        "update"),
    # PyTorch
    Bug("relu'(0) = 1", "torch", "activations", "return (Z > 0).to(Z.dtype)", "return (Z >= 0).to(Z.dtype)",
        "deep_relu", "gradients"),
    Bug("leaky_relu'(0) = 1", "torch", "activations", "torch.where(Z > 0, torch.ones_like(Z)",
        "torch.where(Z >= 0, torch.ones_like(Z)", "deep_leaky", "gradients"),
    Bug("leaky slope as a float32 scalar", "torch", "activations",
        "torch.where(Z > 0, torch.ones_like(Z), torch.full_like(Z, LEAKY_SLOPE))",
        "torch.where(Z > 0, 1.0, LEAKY_SLOPE)", "deep_leaky", "gradients"),
    Bug("db without 1/m", "torch", "deep_nn", "torch.sum(dZ, dim=1, keepdim=True) / m",
        "torch.sum(dZ, dim=1, keepdim=True)", "deep_relu", "gradients"),
    Bug("predict at >= 0.5", "torch", "deep_nn", "(AL > 0.5)", "(AL >= 0.5)", "deep_relu", "predictions"),
    Bug("labels flipped in the cost", "torch", "cost", "- ZL * Y", "- ZL * (1 - Y)", "deep_relu", "cost"),
    Bug("SGD with momentum", "torch:layers", "layers", "torch.optim.SGD(model.parameters(), lr=learning_rate)",
        "torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=0.9)", "deep_relu", "training_costs"),
    Bug("SGD with weight decay", "torch:layers", "layers", "torch.optim.SGD(model.parameters(), lr=learning_rate)",
        "torch.optim.SGD(model.parameters(), lr=learning_rate, weight_decay=1e-4)", "deep_relu", "update"),
    Bug("the loader drops b", "torch:layers", "layers", 'layer.bias.copy_(torch.as_tensor(params[f"b{l}"][:, 0]))',
        "layer.bias.zero_()", "deep_relu", "forward"),
    # TensorFlow
    Bug("relu'(0) = 1", "tf", "activations", "return tf.cast(Z > 0, Z.dtype)", "return tf.cast(Z >= 0, Z.dtype)",
        "deep_relu", "gradients"),
    Bug("leaky slope in float32", "tf", "activations", "tf.where(Z > 0, Z, tf.constant(LEAKY_SLOPE, Z.dtype) * Z)",
        "tf.where(Z > 0, Z, tf.cast(tf.constant(LEAKY_SLOPE, tf.float32), Z.dtype) * Z)", "deep_leaky", "forward"),
    Bug("tanh' written with Z", "tf", "activations", "1 - tf.math.square(tf.math.tanh(Z))", "1 - tf.math.square(Z)",
        "shallow", "gradients"),
    Bug("labels flipped in the cost", "tf", "cost", "sigmoid_cross_entropy_with_logits(labels=Y",
        "sigmoid_cross_entropy_with_logits(labels=1 - Y", "deep_relu", "cost"),
    Bug("db without 1/m", "tf", "deep_nn", "tf.reduce_sum(dZ, axis=1, keepdims=True) / m",
        "tf.reduce_sum(dZ, axis=1, keepdims=True)", "deep_relu", "gradients"),
    Bug("SGD with momentum", "tf:layers", "layers", "keras.optimizers.SGD(learning_rate=lambda: alpha)",
        "keras.optimizers.SGD(learning_rate=lambda: alpha, momentum=0.9)", "deep_relu", "training_costs"),
    Bug("Keras keeps a float learning rate in float32", "tf:layers", "layers",
        "keras.optimizers.SGD(learning_rate=lambda: alpha)", "keras.optimizers.SGD(learning_rate=learning_rate)",
        "deep_relu", "update"),
    Bug("predict at >= 0.5", "tf:layers", "layers", "tf.cast(forward(model, X) > 0.5", "tf.cast(forward(model, X) >= 0.5",
        "deep_relu", "predictions"),
    # JAX
    Bug("relu'(0) = 1", "jax", "activations", "return (Z > 0).astype(Z.dtype)", "return (Z >= 0).astype(Z.dtype)",
        "deep_relu", "gradients"),
    Bug("jax.nn.leaky_relu (derivative 1 at 0) under autodiff", "jax:autodiff", "activations",
        "return jnp.where(Z > 0, Z, LEAKY_SLOPE * Z)", "return jax.nn.leaky_relu(Z, LEAKY_SLOPE)", "deep_leaky",
        "gradients"),
    Bug("dW without 1/m", "jax", "deep_nn", 'dZ @ cache[f"A{l - 1}"].T / m', 'dZ @ cache[f"A{l - 1}"].T', "deep_relu",
        "gradients"),
    Bug("the mean divided by m again", "jax", "cost", "return jnp.sum(losses) / m", "return jnp.mean(losses) / m",
        "deep_relu", "cost"),
    Bug("optax.sgd with momentum", "jax:layers", "layers", "return optax.sgd(learning_rate)",
        "return optax.sgd(learning_rate, momentum=0.9)", "deep_relu", "training_costs"),
    Bug("predict at >= 0.5", "jax:layers", "layers", "(forward(model, X) > 0.5)", "(forward(model, X) >= 0.5)",
        "deep_relu", "predictions"),
    Bug("the exporter forgets the kernel's transpose", "jax:layers", "layers", 'params[f"{prefix}W{l}"] = kernel.T',
        'params[f"{prefix}W{l}"] = kernel', "deep_relu", "gradients"),
    # reference/: each caught by the probe that the suite's own test of it makes
    Bug("check_y accepts any label in [0, 1]", "reference", "reference/validation.py",
        "if not np.all(np.isin(labels, (0, 1))):", "if not np.all((labels >= 0) & (labels <= 1)):", "fractional_labels",
        "bad input"),
    Bug("compare() without its finiteness check", "reference", "reference/proof/tolerances.py", "ok = finite and bool(",
        "ok = bool(", "finite_against_inf", "non-finite"),
    Bug("the float64 forward entry 10x looser", "reference", "reference/proof/tolerances.py",
        '"forward": Tolerance(1e-12, 1e-14, _F64_REDUCTION)', '"forward": Tolerance(1e-11, 1e-14, _F64_REDUCTION)',
        "float64_forward_must_catch", "tolerance"),
    Bug("the float64 oracle entry at 1e-6", "reference", "reference/proof/tolerances.py",
        '"oracle": Tolerance(1e-12, 1e-14, "the loop oracle', '"oracle": Tolerance(1e-6, 1e-14, "the loop oracle',
        "float64_oracle_must_catch", "tolerance"),
    Bug("rosetta check judges every result at float32", "reference", "reference/check/judge.py",
        'dtype = dtype_of(a) if np.issubdtype(a.dtype, np.floating) else "float64"', 'dtype = "float32"',
        "float32_rounding_in_float64_code", "check verdict"),
    Bug("the oracle's relu'(0) = 1", "reference", "reference/proof/oracle.py", "return 1.0 if z > 0 else 0.0",
        "return 1.0 if z >= 0 else 0.0", "numpy_against_the_oracle", "oracle"),
]


_copies = itertools.count()
PACKAGE_MODULES = ("activations", "cost", "initializers", "logistic_regression", "shallow_nn", "deep_nn",
                   "regularization", "gradient_check", "optimizers", "layers", "own_optimizers", "graph")


def planted_package(backend, module, old, new):
    """A fresh copy of ``impl_<backend>``: every module executed again from its source, ``module``'s with ``old``
    replaced by ``new``, under a new package name, so that the models' ``from .activations import ...`` get the
    edited copy."""
    original = get_backend(backend)
    folder = Path(original.__file__).parent
    name = f"_planted_{backend}_{next(_copies)}"
    package = types.ModuleType(name)
    package.__path__ = [str(folder)]
    sys.modules[name] = package
    for sub in PACKAGE_MODULES:
        path = folder / f"{sub}.py"
        if not path.is_file():
            continue
        source = path.read_text()
        if sub == module:
            source = _edited(source, old, new, path)
        copy = types.ModuleType(f"{name}.{sub}")
        copy.__file__, copy.__package__ = str(path), name
        sys.modules[copy.__name__] = copy
        # the edited source under a name of its own in linecache: TensorFlow's AutoGraph converts a tf.function
        # from inspect.getsource, which would otherwise read the unedited file from disk
        filename = f"<{name}.{sub}: {path}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), copy.__dict__)
        setattr(package, sub, copy)
    for attribute in ("NAME", "asarray", "to_numpy", "precision"):
        setattr(package, attribute, getattr(original, attribute))
    if module == "__init__":  # the package's own functions (asarray ...): its __init__ edited, run over the copies
        path = folder / "__init__.py"
        package.__file__, package.__package__ = str(path), name
        exec(compile(_edited(path.read_text(), old, new, path), str(path), "exec"), package.__dict__)
    return package


def _edited(source, old, new, path):
    """``source`` with ``old`` replaced by ``new``: one edit, or tuples of edits made in turn."""
    for before, after in zip(*((old, new) if isinstance(old, tuple) else ((old,), (new,))), strict=True):
        assert before in source, f"{before!r} is no longer in {path}: update this planted bug"
        source = source.replace(before, after)
    return source


def planted_module(path, old, new):
    """A fresh copy of one module of reference/, with ``old`` replaced by ``new``."""
    source = Path(path).read_text()
    assert old in source, f"{old!r} is no longer in {path}: update this planted bug"
    package = ".".join(Path(path).with_suffix("").parts[:-1])
    copy = types.ModuleType(f"{package}._planted_{next(_copies)}")
    copy.__file__, copy.__package__ = str(path), package
    sys.modules[copy.__name__] = copy  # dataclasses look their module up there
    exec(compile(source.replace(old, new), str(path), "exec"), copy.__dict__)
    return copy


def _probe_fractional_labels(validation):
    with pytest.raises(ValueError, match="labels 0 and 1 only"):
        validation.check_y(np.array([0.0, 0.5, 1.0]), 3)


def _probe_finite_against_inf(tolerances):
    """inf - inf is NaN and fails any rule by itself; a finite value against inf passes |a - e| <= rtol |e| = inf."""
    assert not tolerances.compare(np.array([0.5]), np.array([np.inf]), "float64", "forward").ok


def _probe_must_catch(quantity):
    def probe(tolerances):
        from test_tolerance_table import MUST_CATCH

        error, why = MUST_CATCH[("float64", quantity)]
        expected = np.linspace(0.5, 1.0, 50)
        assert not tolerances.compare(expected * (1 + error), expected, "float64", quantity).ok, why
    return probe


def _probe_float32_rounding(judge_module):
    expected = np.linspace(0.1, 1.0, 20) * np.pi
    assert not judge_module.judge("f", "q", expected.astype(np.float32).astype(np.float64), expected, 8).ok


def _probe_numpy_against_oracle(oracle):
    problem = harness.random_problem(**PROBLEMS["deep_relu"], m=8, seed=1)
    AL, cache = get_backend("numpy").deep_nn.forward_propagation(problem.X, problem.params)
    grads = get_backend("numpy").deep_nn.backward_propagation(problem.params, cache, problem.Y)
    ograds = oracle.backward_propagation(problem.params, oracle.forward_propagation(problem.X, problem.params)[1],
                                         problem.Y)
    assert all(compare(grads[k], ograds[k], "float64", "oracle").ok for k in grads)


PROBES = {"fractional_labels": _probe_fractional_labels, "finite_against_inf": _probe_finite_against_inf,
          "float64_forward_must_catch": _probe_must_catch("forward"),
          "float64_oracle_must_catch": _probe_must_catch("oracle"),
          "float32_rounding_in_float64_code": _probe_float32_rounding,
          "numpy_against_the_oracle": _probe_numpy_against_oracle}


# shapes (issue 26): every judge holds a result to its exact shape, every input check refuses a shape that only
# broadcasts, and fit refuses a y of one class; each slip below lets a broadcastable wrong shape (or one class) through

def _probe_shapes_in_compare(tolerances):
    """A (m,) A[L] against NumPy's (1, m): the same numbers, and out of tolerance, naming both shapes."""
    values = np.linspace(0.5, 1.0, 5)
    result = tolerances.compare(values, values[np.newaxis, :], "float64", "forward")
    assert not result.ok and "shape (5,), expected shape (1, 5)" in str(result), str(result)


def _probe_shapes_in_the_harness(harness_module):
    """NumPy's run with its labels after training flattened to (m,): that row fails as a shape mismatch."""
    problem = harness_module.random_problem(**PROBLEMS["logistic"], m=6, seed=1, num_iterations=3)
    reference = harness_module.run_backend(problem, "numpy")
    ensemble = harness_module.build_ensemble(problem, reference)
    from dataclasses import replace

    flat = replace(reference, trained_predictions=np.ravel(reference.trained_predictions))
    bad = [row for row in harness_module.compare_runs(flat, reference, "float64", ensemble) if not row.ok]
    assert [row.name for row in bad] == ["y_hat after training"] and "SHAPE MISMATCH" in str(bad[0].comparison)


def _probe_shapes_in_rosetta_check(judge_module):
    """A learner's (m,) A[L] and (m,) predictions where the course's are (1, m): both fail on their shape."""
    expected = np.array([[0.2, 0.7, 0.9]])
    for outcome in (judge_module.judge("f", "A2", expected[0], expected, 3),
                    judge_module.labels("predict", "p", expected[0] > 0.5, expected > 0.5, expected)):
        assert outcome.status == "FAIL" and "shape (3,), expected (1, 3)" in outcome.detail, outcome


def _probe_broadcastable_inputs(validation):
    """Each shape rule, given a shape that broadcasts: refused, naming the argument, the expected and the actual."""
    X, Y = np.ones((3, 5)), np.ones((1, 5))
    params = {"W1": np.ones((4, 3)), "b1": np.ones((4, 1)), "W2": np.ones((1, 4)), "b2": np.ones((1, 1))}
    validation.check_arrays("shallow_nn", X, params, Y, "tanh")  # the right shapes pass
    refused = [
        (lambda: validation.check_arrays("shallow_nn", X, {**params, "b1": np.ones((4, 5))}, Y, "tanh"),
         r"params\['b1'\]: expected shape \(4, 1\) to match W1, got shape \(4, 5\)$"),
        (lambda: validation.check_arrays("shallow_nn", X, params, np.ones((1, 1)), "tanh"),
         r"Y: expected shape \(1, 5\) to match X, got shape \(1, 1\)$"),
        (lambda: validation.check_params("initial_params", {**params, "b1": np.ones((1, 1))}, [3, 4, 1]),
         r"initial_params\['b1'\]: expected shape \(4, 1\), got shape \(1, 1\)$"),
        (lambda: validation.check_y(np.ones((5, 1)), 5), r"y: expected shape \(5,\) to match X, got shape \(5, 1\)$"),
    ]
    for call, message in refused:
        with pytest.raises(ValueError, match=message):
            call()


def _probe_one_class(estimators):
    """fit on a y of one class raises, as scikit-learn's binary classifiers do; two classes fit, with classes_ [0, 1]
    naming predict_proba's two columns."""
    X = np.linspace(-1.0, 1.0, 12).reshape(6, 2)
    model = estimators.LogisticRegression(num_iterations=1).fit(X, np.array([0, 1] * 3))
    assert model.classes_.tolist() == [0, 1] and model.predict_proba(X).shape == (6, 2)
    with pytest.raises(ValueError, match="y: expected both labels 0 and 1"):
        estimators.LogisticRegression(num_iterations=1).fit(X, np.zeros(6))


CATALOGUE += [
    Bug("compare() matches sizes, not shapes", "reference", "reference/proof/tolerances.py",
        "if a.shape != e.shape:", "if a.size != e.size:", "shapes_in_compare", "shape"),
    Bug("the harness flattens the labels after training", "reference", "reference/proof/harness.py",
        "actual, expected = run.trained_predictions, reference.trained_predictions",
        "actual, expected = np.ravel(run.trained_predictions), np.ravel(reference.trained_predictions)",
        "shapes_in_the_harness", "predictions"),
    Bug("rosetta check judges sizes, not shapes", "reference", "reference/check/judge.py",
        "if a.shape != e.shape and not (not scalar and e.shape == () and a.size == 1):",
        "if a.size != e.size:", "shapes_in_rosetta_check", "check verdict"),
    Bug("rosetta check reshapes any labels of the right size", "reference", "reference/check/judge.py",
        "    if a.shape != e.shape:\n        return Outcome(function, quantity, FAIL, shape_words(a, e))\n",
        "    if a.size != e.size:\n        return Outcome(function, quantity, FAIL, shape_words(a, e))\n"
        "    a = a.reshape(e.shape)\n", "shapes_in_rosetta_check", "check verdict"),
    Bug("b's column count unchecked: a (n, m) bias passes", "reference", "reference/validation.py",
        "if len(b_shape) != 2 or not (_same(b_shape[0], n) and _same(b_shape[1], 1)):",
        "if len(b_shape) != 2 or not _same(b_shape[0], n):", "broadcastable_inputs", "bad input"),
    Bug("Y's rule with or for and: a (1, 1) Y passes", "reference", "reference/validation.py",
        "not (_same(Y_shape[0], 1) and _same(Y_shape[1], m))", "not (_same(Y_shape[0], 1) or _same(Y_shape[1], m))",
        "broadcastable_inputs", "bad input"),
    Bug("check_params takes any shape that broadcasts", "reference", "reference/validation.py",
        "if array.shape != shape:", "if np.broadcast_shapes(array.shape, shape) != shape:", "broadcastable_inputs",
        "bad input"),
    Bug("check_y counts the labels: a (m, 1) y passes", "reference", "reference/validation.py",
        "if array.ndim != 1 or array.shape[0] != n_samples:", "if array.size != n_samples:", "broadcastable_inputs",
        "bad input"),
    Bug("fit takes a y of one class", "reference", "reference/estimators.py", "        v.check_two_classes(y)\n", "",
        "one_class", "bad input"),
]
PROBES.update({"shapes_in_compare": _probe_shapes_in_compare, "shapes_in_the_harness": _probe_shapes_in_the_harness,
               "shapes_in_rosetta_check": _probe_shapes_in_rosetta_check,
               "broadcastable_inputs": _probe_broadcastable_inputs, "one_class": _probe_one_class})


# the ensemble's rule (issue 26): each slip caught by the boundary probe of tests/test_ensemble_rule.py it names

CATALOGUE += [
    Bug("each iteration judged alone, not the running maximum D(t)", "reference", "reference/proof/ensemble.py",
        "used = np.maximum.accumulate(np.abs(costs - self.reference)) / self.envelope(exclude)",
        "used = np.abs(costs - self.reference) / self.envelope(exclude)", "a_deviation_is_not_forgiven", "ensemble"),
    Bug("the float32 floor in float64 ulps", "reference", "reference/proof/ensemble.py",
        "ulp = np.spacing(np.abs(reference).astype(dtype)).astype(np.float64)", "ulp = np.spacing(np.abs(reference))",
        "the_floor_in_each_dtype", "ensemble"),
    Bug("undecided without its axis", "reference", "reference/proof/ensemble.py",
        "return np.any(self.member_predictions != expected, axis=0)",
        "return np.any(self.member_predictions != expected)", "undecided_per_example", "ensemble"),
    Bug("leave one out judges a member against itself too", "reference", "reference/proof/ensemble.py",
        "return values if exclude is None else np.delete(values, exclude, axis=0)", "return values", "leave_one_out",
        "ensemble"),
    Bug("the norms' allowance a running maximum across parameters", "reference", "reference/proof/ensemble.py",
        "self.dtype, self.m, running=False)", "self.dtype, self.m)", "the_norms_rule", "ensemble"),
    Bug("a member's X not moved", "reference", "reference/proof/ensemble.py",
        "X = nudged(np.asarray(X, dtype)[:, order], rng, dtype, ulps)", "X = np.asarray(X, dtype)[:, order]",
        "a_members_problem", "ensemble"),
    Bug("a member's labels left in the old order", "reference", "reference/proof/ensemble.py",
        "return X, np.asarray(Y, dtype)[:, order], params, moved", "return X, np.asarray(Y, dtype), params, moved",
        "a_members_problem", "ensemble"),
]
PROBES.update(ensemble_rule.PROBES)


# verdicts and training paths (issue 26): every judge's verdict over several backends, models, files or functions
# where only one disagrees (the first, a middle one, the last), and each training path, export, asarray and predict
# being what it says (tests/test_training_paths.py). The backend bugs here agree with NumPy on every harness quantity
# (or, for asarray, never reach the harness, which converts NumPy arrays): each is caught by a probe that receives the
# planted package (caught="probe").

HARNESS_STAND_INS = ("torch", "tf", "jax")  # names only: each is a copy of NumPy's shallow_nn


def harness_with_one_disagreeing(harness_module, wrong):
    """``harness_module.run`` over three copies of NumPy, where only ``wrong``'s backward pass uses sigmoid' for tanh':
    the report is not ok, and its failures are ``wrong``'s rows (expected: the copies agree with NumPy exactly)."""
    real = get_backend("numpy").activations.activation_backward
    planted = {"activation_backward": lambda dA, Z, activation: real(dA, Z, "sigmoid")}
    packages = {name: planted_copy("numpy", "shallow_nn", **(planted if name == wrong else {}))
                for name in HARNESS_STAND_INS}
    report = harness_module.run(harness_module.random_problem(**SHALLOW), list(packages), packages=packages)
    assert not report.ok, str(report)
    assert {row.backend for row in report.failures()} == {wrong}, str(report)
    assert all(row.ok for row in report.rows if row.backend != wrong), str(report)


@pytest.mark.parametrize("wrong", HARNESS_STAND_INS)
def test_the_harness_verdict_names_the_one_backend_that_disagrees(wrong):
    harness_with_one_disagreeing(harness, wrong)


def _probe_harness_verdict(harness_module):
    for wrong in HARNESS_STAND_INS:
        harness_with_one_disagreeing(harness_module, wrong)


def _probe_compare_verdict(compare_module):
    from test_cli import ONE_DISAGREES, compare_with_one_disagreeing

    for where in ONE_DISAGREES:
        with tempfile.TemporaryDirectory() as out:
            compare_with_one_disagreeing(compare_module, where, Path(out))


def _probe_check_verdict(module):
    """``module``: a copy of reference/check/command.py, report.py or points.py, used in place of the real one."""
    from test_check_points import ONE_FAILS, check_with_one_failing

    for where in ONE_FAILS:
        check_with_one_failing(where, {Path(module.__file__).stem: module})


def _probe_path(check, *args):
    """The probe that runs tests/test_training_paths.py's ``check`` on the planted package."""
    def probe(package):
        import test_training_paths

        getattr(test_training_paths, check)(package, *args)
    return probe


CATALOGUE += [
    Bug("the verdict from the last model only", "reference", "reference/proof/compare.py",
        "agree = all(r.agrees for c in comparisons for r in c.results)",
        "agree = all(r.agrees for r in comparisons[-1].results)", "compare_verdict", "exit status"),
    Bug("the verdict from each model's last backend only", "reference", "reference/proof/compare.py",
        "agree = all(r.agrees for c in comparisons for r in c.results)",
        "agree = all(c.results[-1].agrees for c in comparisons)", "compare_verdict", "exit status"),
    Bug("Report.ok from the last backend only", "reference", "reference/proof/harness.py",
        "return all(row.ok for row in self.rows)",
        "return all(row.ok for row in self.rows if row.backend == self.rows[-1].backend)", "harness_verdict",
        "verdict"),
    Bug("failures() from the last backend only", "reference", "reference/proof/harness.py",
        "return [row for row in self.rows if not row.ok]",
        "return [row for row in self.rows if not row.ok and row.backend == self.rows[-1].backend]",
        "harness_verdict", "verdict"),
    Bug("rosetta check's exit status from the last file only", "reference", "reference/check/command.py",
        'bad = any(r.error or r.count("FAIL") or r.count("ERROR") for r in reports)',
        'bad = bool(reports[-1].error or reports[-1].count("FAIL") or reports[-1].count("ERROR"))', "check_verdict",
        "exit status"),
    Bug("rosetta check's totals from the last file only", "reference", "reference/check/report.py",
        "(sum(r.count(s) for r in reports)", "(reports[-1].count(s)", "check_verdict", "totals"),
    Bug("a function's points from its last quantity only", "reference", "reference/check/points.py",
        "passed = sum(o.ok for o in counted)", "passed = sum(counted[-1].ok for o in counted)", "check_verdict",
        "points"),
    Bug("train_autodiff through the manual equations", "tf", "deep_nn", "activation, autodiff=True)",
        "activation, autodiff=False)", "deep_nn_training_paths", "probe"),
    Bug("train through jax.grad", "jax", "shallow_nn", "activation, autodiff=False)", "activation, autodiff=True)",
        "shallow_nn_training_paths", "probe"),
    Bug("export_params shares the model's storage", "torch:layers", "layers", "weight.detach().clone()",
        "weight.detach()", "layers_exports", "probe"),
    Bug("asarray through float32", "tf", "__init__", "tf.convert_to_tensor(np.asarray(x, dtype=dtype))",
        "tf.cast(tf.convert_to_tensor(x), dtype)", "asarray", "probe"),
    Bug("deep predict returns booleans", "jax", "deep_nn", "return (AL > 0.5).astype(X.dtype)", "return AL > 0.5",
        "deep_nn_predict", "probe"),
]
PROBES.update({"compare_verdict": _probe_compare_verdict, "harness_verdict": _probe_harness_verdict,
               "check_verdict": _probe_check_verdict,
               "deep_nn_training_paths": _probe_path("check_training_paths", "deep_nn"),
               "shallow_nn_training_paths": _probe_path("check_training_paths", "shallow_nn"),
               "layers_exports": _probe_path("check_layers_exports"), "asarray": _probe_path("check_asarray"),
               "deep_nn_predict": _probe_path("check_predict", "deep_nn")})


# course 2, week 1 (issue 24): L2 and inverted dropout ported wrong, in the course's equations, in the framework's
# autodiff of them and in the framework's own layers; a framework's dropout layer given the keep probability as its
# rate, or masks drawn in another order than the notebook's, agree with NumPy's given masks on every harness quantity
# and are caught by the law of tests/test_dropout_law.py and the notebook's draws


def _probe_dropout_law(package):
    from test_dropout_law import check_dropout_law

    check_dropout_law(package, 0.8)


def _probe_notebook_masks(package):
    """The notebook's masks: np.random.seed(1), then D1 = rand(20, m) < keep_prob, then D2 = rand(3, m)."""
    rng = np.random.RandomState(1)
    D1, D2 = (rng.rand(20, 5) < 0.86), (rng.rand(3, 5) < 0.86)
    masks = package.regularization.dropout_masks([2, 20, 3, 1], 5, 0.86, seed=1)
    assert np.array_equal(masks["D1"], D1) and np.array_equal(masks["D2"], D2)


CATALOGUE += [
    Bug("L2 on the biases too", "numpy", "regularization", "np.sum(dZ, axis=1, keepdims=True) / m",
        'np.sum(dZ, axis=1, keepdims=True) / m + lambd / m * params[f"b{l}"]', "deep_l2", "gradients"),
    Bug("the L2 gradient without its 1/m", "numpy", "regularization", '+ lambd / m * params[f"W{l}"]',
        '+ lambd * params[f"W{l}"]', "deep_l2", "gradients"),
    Bug("the L2 cost without its 1/2", "numpy", "regularization", "lambd / (2 * m) * sum(", "lambd / m * sum(",
        "deep_l2", "cost"),
    Bug("the dropout mask not rescaled", "numpy", "regularization", "            A = A / keep_prob ", "            A = A ",
        "deep_dropout", "forward"),
    Bug("the mask not applied in backward", "numpy", "regularization", 'dA = dA * cache[f"D{l - 1}"]', "dA = dA",
        "deep_dropout", "gradients"),
    Bug("the masks drawn in another order than the notebook's", "numpy", "regularization",
        "for l in range(1, len(layer_dims) - 1)}", "for l in reversed(range(1, len(layer_dims) - 1))}",
        "notebook_masks", "probe"),
    Bug("the L2 gradient without its 1/m", "torch", "regularization", '+ lambd / m * params[f"W{l}"]',
        '+ lambd * params[f"W{l}"]', "deep_l2", "gradients"),
    Bug("the biases' parameter group decayed too", "torch:layers", "layers",
        '{"params": [layer.bias for layer in linear], "weight_decay": 0.0}',
        '{"params": [layer.bias for layer in linear], "weight_decay": weight_decay}', "deep_l2", "update"),
    Bug("nn.Dropout(p=keep_prob)", "torch:layers", "layers", "return nn.Dropout(p=1 - keep_prob)",
        "return nn.Dropout(p=keep_prob)", "dropout_law", "probe"),
    Bug("the given mask not rescaled", "torch:layers", "layers", "return A * self.mask / self.keep_prob",
        "return A * self.mask", "deep_dropout", "forward"),
    Bug("the mask not applied in backward", "tf", "regularization", 'dA = dA * cache[f"D{l - 1}"]', "dA = dA",
        "deep_dropout", "gradients"),
    Bug("Keras' L2(lambd / m): its missing 1/2 forgotten", "tf:layers", "layers",
        '{"build": {"l2": check_lambd(lambd) / (2 * m)}', '{"build": {"l2": check_lambd(lambd) / m}', "deep_l2",
        "cost"),
    Bug("Dropout(rate=keep_prob)", "tf:layers", "layers", "keras.layers.Dropout(rate=1 - keep_prob, seed=seed)",
        "keras.layers.Dropout(rate=keep_prob, seed=seed)", "dropout_law", "probe"),
    Bug("the L2 cost without its 1/2, under autodiff", "jax:autodiff", "regularization", "lambd / (2 * m) * sum(",
        "lambd / m * sum(", "deep_l2", "gradients"),
    Bug("optax.add_decayed_weights without its mask", "jax:layers", "layers",
        "optax.add_decayed_weights(weight_decay, mask=None if decay_biases else _kernels)",
        "optax.add_decayed_weights(weight_decay)", "deep_l2", "update"),
    Bug("nnx.Dropout(rate=keep_prob)", "jax:layers", "layers", "nnx.Dropout(rate=1 - keep_prob,",
        "nnx.Dropout(rate=keep_prob,", "dropout_law", "probe"),
]


def _probe_masks_move_with_examples(ensemble_module):
    """An ensemble of NumPy's dropout runs (each member's masks in its order of the examples) leaves out a run that
    ignores dropout; with the masks left in the old order, every member drops other units of other examples and the
    envelope widens until that run fits (measured: 1.04 of the envelope used, against 3.6e-4 when moved)."""
    import impl_numpy

    p = harness.random_problem("deep_nn", [4, 6, 4, 1], "relu", m=16, seed=3, num_iterations=30, keep_prob=0.5)
    e = ensemble_module.build(p.model, p.X, p.Y, p.params, p.learning_rate, p.num_iterations, "relu", "float64",
                              n_members=8, regularization=p.regularization)
    _, ignoring_dropout = impl_numpy.deep_nn.train(p.X, p.Y, p.params, p.learning_rate, p.num_iterations, "relu")
    assert not e.judge(ignoring_dropout).consistent


CATALOGUE += [
    Bug("the dropout masks left in the examples' old order in each member", "reference",
        "reference/proof/ensemble.py", "np.asarray(v, dtype)[:, slice(None) if order is None else order]",
        "np.asarray(v, dtype)", "masks_move_with_examples", "ensemble"),
]
PROBES.update({"dropout_law": _probe_dropout_law, "notebook_masks": _probe_notebook_masks,
               "masks_move_with_examples": _probe_masks_move_with_examples})


# course 2, week 2 (issue 25): the optimization assignment's classic slips, planted into a backend's optimizers module
# and caught by a probe that runs its mini-batches, one Adam update and an epoch (5 updates) of each optimizer against
# NumPy's (for a slip planted into NumPy itself, against the real NumPy, which reproduces the notebook)


def _probe_optimizers(package):
    from test_optimizers import OPTIMIZERS, moons, orders, start

    import impl_numpy

    X, Y = moons()
    reference = impl_numpy.optimizers
    with package.precision("float64"):
        X_, Y_ = package.asarray(X), package.asarray(Y)
        params = {key: package.asarray(value) for key, value in start().items()}
        order = reference.mini_batch_order(300, 11)
        got = package.optimizers.mini_batches(X_, Y_, order, 64)
        expected = reference.mini_batches(X, Y, order, 64)
        assert len(got) == len(expected), f"{len(got)} mini-batches, expected {len(expected)}"
        for (X_t, Y_t), (X_e, Y_e) in zip(got, expected, strict=True):
            assert np.array_equal(package.to_numpy(X_t), X_e) and np.array_equal(package.to_numpy(Y_t), Y_e)
        grads = {"d" + key: value * 0.1 + 0.01 for key, value in params.items()}
        v, s_ = package.optimizers.initialize_adam(params)
        updated, _, _ = package.optimizers.update_parameters_with_adam(params, grads, v, s_, 1)
        expected_update, _, _ = reference.update_parameters_with_adam(
            start(), {"d" + key: value * 0.1 + 0.01 for key, value in start().items()}, *reference.initialize_adam(
                start()), 1)
        assert all(compare(package.to_numpy(updated[k]), expected_update[k], "float64", "update").ok for k in updated)
        for optimizer in OPTIMIZERS:
            _, costs = package.optimizers.train(X_, Y_, params, orders(1), optimizer, 0.01)
            _, expected_costs = reference.train(X, Y, start(), orders(1), optimizer, 0.01)
            result = compare(package.to_numpy(costs), expected_costs, "float64", "training_costs")
            assert result.ok, f"{optimizer}: {result}"


CATALOGUE += [
    Bug("Adam without its bias correction", "numpy", "optimizers", 'v_corrected = v["d" + name] / (1 - beta1 ** t)',
        'v_corrected = v["d" + name]', "optimizers", "probe"),
    Bug("Adam's epsilon inside the square root", "numpy", "optimizers", "(np.sqrt(s_corrected) + epsilon)",
        "np.sqrt(s_corrected + epsilon)", "optimizers", "probe"),
    Bug("momentum's beta and 1 - beta swapped", "numpy", "optimizers", "beta * v[key] + (1 - beta) * grads[key]",
        "(1 - beta) * v[key] + beta * grads[key]", "optimizers", "probe"),
    Bug("the last, partial mini-batch dropped", "numpy", "optimizers", "for k in range(0, m, mini_batch_size)]",
        "for k in range(0, m - mini_batch_size + 1, mini_batch_size)]", "optimizers", "probe"),
    Bug("the permutation applied to X and not to Y", "numpy", "optimizers", "X, Y = X[:, order], Y[:, order]",
        "X, Y = X[:, order], Y", "optimizers", "probe"),
    Bug("Adam's t starting at 0", "numpy", "optimizers", "return (*initialize_adam(params), 0, 0)",
        "return (*initialize_adam(params), -1, 0)", "optimizers",
        "probe"),
    Bug("momentum's beta and 1 - beta swapped", "torch", "optimizers", "beta * v[key] + (1 - beta) * grads[key]",
        "(1 - beta) * v[key] + beta * grads[key]", "optimizers", "probe"),
    Bug("the last, partial mini-batch dropped", "tf", "optimizers", "for k in range(0, m, mini_batch_size)]",
        "for k in range(0, m - mini_batch_size + 1, mini_batch_size)]", "optimizers", "probe"),
    Bug("Adam's epsilon inside the square root", "jax", "optimizers", "(jnp.sqrt(s_corrected) + epsilon)",
        "jnp.sqrt(s_corrected + epsilon)", "optimizers", "probe"),
]
PROBES["optimizers"] = _probe_optimizers


def test_the_catalogue_has_thirty_kinds_everywhere():
    assert len(CATALOGUE) >= 30 and len({bug.id + bug.backend for bug in CATALOGUE}) == len(CATALOGUE)
    assert {bug.backend.partition(":")[0] for bug in CATALOGUE} == {"numpy", "torch", "tf", "jax", "reference"}
    assert {bug.backend for bug in CATALOGUE} >= {"torch:layers", "tf:layers", "jax:layers", "jax:autodiff"}


@pytest.mark.parametrize("bug", CATALOGUE, ids=[f"{bug.backend}-{bug.id}" for bug in CATALOGUE])
def test_each_porting_bug_is_caught(bug):
    if bug.backend == "reference":
        probe = PROBES[bug.problem]
        probe(planted_module(bug.module, bug.old, bug.old))  # the unplanted copy passes the probe
        with pytest.raises((AssertionError, pytest.fail.Exception)):
            probe(planted_module(bug.module, bug.old, bug.new))
        return
    backend = bug.backend.partition(":")[0]
    require(backend)
    if bug.caught == "probe":  # no harness quantity shows it: its probe gets the planted package
        probe = PROBES[bug.problem]
        probe(planted_package(backend, bug.module, bug.old, bug.old))  # the unplanted copy passes the probe
        with pytest.raises((AssertionError, pytest.fail.Exception)):
            probe(planted_package(backend, bug.module, bug.old, bug.new))
        return
    problem = harness.random_problem(**PROBLEMS[bug.problem], m=12, seed=5, num_iterations=5)
    stand_in = planted_package(backend, bug.module, bug.old, bug.new)
    bad, report = bad_quantities(problem, bug.backend, stand_in)
    assert bug.caught in {quantity for quantity, _ in bad}, str(report)

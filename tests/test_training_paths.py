"""Each path is the path it says it is (issue 26), in every backend.

- ``train_autodiff`` trains through the framework's autodiff of the cost, and ``train`` through the manual
  ``backward_propagation``: with the autodiff loss doubled and the manual gradients multiplied by 4 in a fresh
  copy of the backend, ``train`` must end where NumPy ends at 4 alpha and ``train_autodiff`` where it ends at
  2 alpha. The gradient of 2 J is 2 dJ, and alpha (k dV) = (k alpha) dV exactly for a power of two, so the
  expected parameters are NumPy's runs at those learning rates. A ``train_autodiff`` that runs the manual
  equations (TensorFlow's once did, agreeing with NumPy all the same) ends at 4 alpha and fails.
- what the layers' ``export_params`` and ``gradients`` return is a copy: later steps of the model leave it as
  it was (expected: the parameters loaded, and NumPy's gradients); training leaves the NumPy arrays it was given.
- ``asarray`` is exact in float64 for lists, tuples, nested lists and scalars (expected: ``np.asarray(x,
  float64)``, bit for bit; 0.1 and 1/3 change when rounded through float32).
- ``predict`` returns 0 or 1 in X's dtype, shape (1, m), the labels NumPy's predict gives (expected: NumPy's).

The ``check_*`` functions take a backend package, so that tests/test_harness_catches_bugs.py can run them on a
copy with a bug planted (its catalogue's ``caught="probe"`` entries).
"""

import functools

import numpy as np
import pytest
from test_harness_catches_bugs import planted_package

import impl_numpy
from reference import available_backends, get_backend
from reference.proof import harness
from reference.proof.tolerances import compare

BACKENDS = ["numpy", "torch", "tf", "jax"]
FRAMEWORKS = BACKENDS[1:]  # the backends with autodiff and layers
MODELS = {"logistic_regression": ([4, 1], "sigmoid"), "shallow_nn": ([3, 4, 1], "tanh"),
          "deep_nn": ([4, 5, 3, 1], "relu")}
AUTODIFF_SCALE, MANUAL_SCALE = 2.0, 4.0  # powers of two: scaling a gradient by them is exact


def require(backend):
    if backend not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")


@functools.cache
def problem(model):
    """12 examples, 5 iterations: example 0 through the exact zeros and the 0.5 tie of harness.with_edges."""
    dims, activation = MODELS[model]
    return harness.random_problem(model, dims, activation, m=12, seed=5, learning_rate=0.1, num_iterations=5)


@functools.cache
def numpy_trained(model, scale):
    """NumPy's final parameters after training at ``scale`` times the problem's learning rate."""
    p = problem(model)
    trained, _ = getattr(impl_numpy, model).train(p.X, p.Y, p.params, scale * p.learning_rate, p.num_iterations,
                                                  **p.kwargs)
    return trained


def converted(package, p, dtype="float64"):
    """X, Y and the parameters of problem ``p`` as ``package``'s arrays (inside its precision context)."""
    return (package.asarray(p.X, dtype), package.asarray(p.Y, dtype),
            {key: package.asarray(value, dtype) for key, value in p.params.items()})


def out_of_tolerance(package, actual, expected, quantity):
    """The keys of ``expected`` where ``actual`` (a package's arrays) is out of float64 tolerance."""
    return [key for key in expected if not compare(package.to_numpy(actual[key]), expected[key], "float64",
                                                   quantity).ok]


# ---------------------------------------------------------------- autodiff and manual training

def check_training_paths(package, model):
    """``package`` (a throwaway copy: its module is edited) trains manually through backward_propagation and with
    autodiff through the cost: each path shows the scale planted in its own gradient and not the other's."""
    module = getattr(package, model)
    cost, backward = module.compute_cost, module.backward_propagation
    module.compute_cost = lambda ZL, Y: AUTODIFF_SCALE * cost(ZL, Y)  # the autodiff loss, 2 J
    module.backward_propagation = lambda *args, **kwargs: {
        name: MANUAL_SCALE * grad for name, grad in backward(*args, **kwargs).items()}  # the manual gradients, 4 dV
    p = problem(model)
    with package.precision("float64"):
        X, Y, params = converted(package, p)
        manual, _ = module.train(X, Y, params, p.learning_rate, p.num_iterations, **p.kwargs)
        autodiff, _ = module.train_autodiff(X, Y, params, p.learning_rate, p.num_iterations, **p.kwargs)
    assert not out_of_tolerance(package, manual, numpy_trained(model, MANUAL_SCALE), "training_params"), \
        f"{model}.train did not follow backward_propagation alone (4 dV): it ran another gradient"
    assert not out_of_tolerance(package, autodiff, numpy_trained(model, AUTODIFF_SCALE), "training_params"), \
        f"{model}.train_autodiff did not follow the autodiff of the cost alone (2 dJ): it ran another gradient"


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_autodiff_trains_through_autodiff_and_train_through_the_manual_backward(backend, model):
    require(backend)
    assert not np.allclose(numpy_trained(model, AUTODIFF_SCALE)["W1"], numpy_trained(model, MANUAL_SCALE)["W1"])  # they can differ
    check_training_paths(planted_package(backend, None, (), ()), model)  # a fresh copy, nothing edited


# ---------------------------------------------------------------- exports are copies

def check_layers_exports(package):
    """export_params and gradients of ``package.layers`` stay as they were through two later training steps."""
    p, layers = problem("deep_nn"), package.layers
    dims, activation = MODELS["deep_nn"]
    manual = impl_numpy.deep_nn
    _, cache = manual.forward_propagation(p.X, p.params, activation)
    expected_grads = manual.backward_propagation(p.params, cache, p.Y, activation)
    with package.precision("float64"):
        X, Y, _ = converted(package, p)
        model = layers.load_params(layers.build(dims, activation, "float64"), p.params)
        exported, grads = layers.export_params(model), layers.gradients(model, X, Y)
        optimizer = layers.sgd(model, p.learning_rate)
        for _ in range(2):
            layers.train_step(model, optimizer, X, Y)
        moved = layers.export_params(model)
    assert out_of_tolerance(package, moved, p.params, "training_params"), "the steps did not move the model: nothing tested"
    changed = [key for key in p.params if not np.array_equal(package.to_numpy(exported[key]), p.params[key])]
    assert not changed, f"export_params {changed}: rewritten by later steps (shares the model's storage)"
    assert not out_of_tolerance(package, grads, expected_grads, "gradients"), "gradients: rewritten by later steps"


@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_the_layers_exports_are_unchanged_by_later_steps(backend):
    require(backend)
    check_layers_exports(get_backend(backend))


def check_training_leaves_its_arrays(package):
    """deep_nn.train leaves the NumPy arrays it was given, and the parameters it returned, as they were through a later
    training run (torch.as_tensor shares a float64 NumPy array's storage: an update in place would rewrite them)."""
    p = problem("deep_nn")
    originals = {key: value.copy() for key, value in p.params.items()}
    shared = {key: value.copy() for key, value in p.params.items()}  # converted without a copy where it can be
    with package.precision("float64"):
        X, Y = package.asarray(p.X), package.asarray(p.Y)
        params = {key: package.asarray(value) for key, value in shared.items()}
        trained, _ = package.deep_nn.train(X, Y, params, p.learning_rate, p.num_iterations, **p.kwargs)
        first = {key: package.to_numpy(value).copy() for key, value in trained.items()}
        package.deep_nn.train(X, Y, trained, p.learning_rate, p.num_iterations, **p.kwargs)
        assert all(np.array_equal(package.to_numpy(trained[key]), first[key]) for key in first), \
            "the parameters train returned: rewritten by a later run"
    assert all(np.array_equal(shared[key], originals[key]) for key in originals), "the NumPy arrays given: rewritten"
    assert all(np.array_equal(package.to_numpy(params[key]), originals[key]) for key in originals), \
        "the parameters given: rewritten"


@pytest.mark.parametrize("backend", BACKENDS)
def test_training_leaves_the_arrays_it_was_given_and_returned_as_they_were(backend):
    require(backend)
    check_training_leaves_its_arrays(get_backend(backend))


# ---------------------------------------------------------------- asarray

VALUES = {"list": [0.1, 1 / 3, 2 / 3], "tuple": (0.1, 1 / 3), "nested list": [[0.1, 1 / 3], [2 / 3, 0.7]],
          "nested tuple": ((0.1,), (1 / 3,)), "float": 1 / 3, "int": 3, "list of ints": [[1, 2], [3, 4]]}


def check_asarray(package):
    """``package.asarray(x, "float64")`` is ``np.asarray(x, np.float64)``: dtype, shape and every bit."""
    with package.precision("float64"):
        for kind, x in VALUES.items():
            got, expected = package.to_numpy(package.asarray(x, "float64")), np.asarray(x, np.float64)
            assert got.dtype == np.float64 and got.shape == expected.shape, f"{kind}: {got.dtype} {got.shape}"
            assert got.tobytes() == expected.tobytes(), f"{kind}: {got.tolist()} for {expected.tolist()}"


@pytest.mark.parametrize("backend", BACKENDS)
def test_asarray_is_exact_in_float64(backend):
    require(backend)
    assert np.float64(np.float32(0.1)) != 0.1 and np.float64(np.float32(1 / 3)) != 1 / 3  # a float32 trip shows
    check_asarray(get_backend(backend))


# ---------------------------------------------------------------- predict

def expected_labels(model, dtype):
    p = problem(model)
    return getattr(impl_numpy, model).predict(p.X.astype(dtype), {k: v.astype(dtype) for k, v in p.params.items()},
                                              **p.kwargs)


def check_labels(package, labels, expected, dtype, what):
    got = package.to_numpy(labels)
    assert got.dtype == np.dtype(dtype), f"{what}: dtype {got.dtype}, X's is {dtype}"
    assert got.shape == expected.shape == (1, 12), f"{what}: shape {got.shape}"
    assert set(np.unique(got)) <= {0, 1} and np.array_equal(got, expected), f"{what}: {got} for {expected}"


def check_predict(package, model):
    """``package``'s predict of ``model``, in float64 and float32, against NumPy's (the tie A = 0.5 says 0)."""
    p = problem(model)
    for dtype in ("float64", "float32"):
        with package.precision(dtype):
            X, _, params = converted(package, p, dtype)
            labels = getattr(package, model).predict(X, params, **p.kwargs)
            check_labels(package, labels, expected_labels(model, dtype), dtype, f"{model}.predict [{dtype}]")


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_predict_is_0_or_1_in_the_dtype_of_X(backend, model):
    require(backend)
    check_predict(get_backend(backend), model)


@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_the_layers_predict_is_0_or_1_in_the_dtype_of_X(backend):
    require(backend)
    package = get_backend(backend)
    for model, (dims, activation) in MODELS.items():
        p = problem(model)
        with package.precision("float64"):
            network = package.layers.load_params(package.layers.build(dims, activation, "float64"), p.params)
            labels = package.layers.predict(network, package.asarray(p.X, "float64"))
            check_labels(package, labels, expected_labels(model, "float64"), "float64", f"{model} layers.predict")

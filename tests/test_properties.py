"""Property-based equivalence: Hypothesis generates networks and data, and every installed backend must agree
with NumPy and with the loop oracle within the tolerance table (reference/proof/tolerances.py).

Generated: for each model and dtype, networks of 1 to 5 layers (1 for logistic regression, 2 for the shallow
network), n_x and every hidden layer of 1 to 30 units, every activation and initializer (but one, below), biases small or large
but never zero (a lost b must show), half of the cases with example 0 through exact zeros in Z and an output of
exactly 0.5 (harness.with_edges), 1 to 64 examples in [-3, 3] (real, or whole numbers), and labels drawn from
{0, 1}, so that one class only and a single example come up. Expected numbers: the loop oracle
(reference/proof/oracle.py: plain Python floats and for-loops, an independent implementation of the equations)
and the NumPy backend, itself compared with the oracle here.

The forward pass, cost and gradients (manual and autodiff) go through the functional API; JAX's under one
jax.jit per example, since its eager ops would each compile for every new shape. Training goes through
``train`` for a few steps, in fewer examples, since every example has new shapes for tf.function to retrace
and jax.jit to compile. The "default" profile (tests/conftest.py) runs 5 examples per model and dtype and 4
training examples; ``pytest --hypothesis-profile=thorough`` runs 100 and 83.
"""

import functools
import types
from dataclasses import dataclass

import numpy as np
import pytest
from conftest import DTYPES, MODELS
from hypothesis import event, given, note, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import impl_numpy
from reference import available_backends, get_backend
from reference.proof import oracle
from reference.proof.harness import with_edges
from reference.proof.tolerances import compare
from reference.validation import ACTIVATIONS, INITIALIZERS

# init="random" (x 10, course 2's initialization assignment) is not drawn: its weights saturate tanh and the
# sigmoid, where 1 - tanh(z)^2 cancels to a few digits in every implementation (a deep tanh network's dW1 2e-5
# apart, relative, between JAX and the loop oracle), so a disagreement would measure the cancellation, not the code
EQUATION_INITS = [init for init in INITIALIZERS if init != "random"]

FRAMEWORKS = [name for name in available_backends() if name != "numpy"]
TRAINING_STEPS = 3


def oracle_cost_holds(ZL, Y):
    """Whether the course's cost formula, as the oracle writes it, gives J to the oracle's tolerance at logits ZL.

    It takes log(1 - a) with a = sigmoid(z) rounded: for a label 0 at logit z the rounding error eps / (1 - a)
    ~ eps e^z on a loss of about z is a relative error of eps e^z / z, below the oracle's rtol 1e-12 up to
    z = 10 (5e-13), 1e-9 at z = 20. And beyond z = 36.7, a rounds to 1 and log(1 - a) is log(0) whatever the
    label (the oracle evaluates both terms), as log(a) is below z = -745. Outside these bounds the backends'
    formula from the logits is the accurate one: J is compared with NumPy's there, not with the oracle's.
    """
    ZL, labels = np.asarray(ZL, dtype=float).ravel(), np.asarray(Y).ravel()
    return bool(np.all((ZL <= 36) & (ZL >= -700)) and not np.any((labels == 0) & (ZL > 10)))


@dataclass(frozen=True)
class Case:
    model: str
    dims: tuple[int, ...]
    activation: str
    init: str
    dtype: str
    X: np.ndarray  # (n_x, m), float64
    Y: np.ndarray  # (1, m), float64
    params: dict  # float64 NumPy

    @property
    def kwargs(self):
        return {} if self.model == "logistic_regression" else {"activation": self.activation}

    @property
    def L(self):
        return len(self.dims) - 1

    def __repr__(self):
        return (f"Case({self.model}, dims={list(self.dims)}, m={self.X.shape[1]}, {self.activation}, {self.init}, "
                f"{self.dtype}, labels={self.Y.astype(int).ravel().tolist()})")


@st.composite
def cases(draw, model=None, dtype=None):
    """A generated Case; ``model`` and ``dtype`` are drawn too unless given."""
    model = model or draw(st.sampled_from(["deep_nn", "shallow_nn", "logistic_regression"]))
    L = {"logistic_regression": 1, "shallow_nn": 2}.get(model) or draw(st.integers(1, 5))
    dims = tuple(draw(st.integers(1, 30)) for _ in range(L)) + (1,)
    m = draw(st.integers(1, 64))
    dtype = dtype or draw(st.sampled_from(DTYPES))
    activation = draw(st.sampled_from(ACTIVATIONS)) if model != "logistic_regression" else "sigmoid"
    init = draw(st.sampled_from(EQUATION_INITS))
    bias_scale = draw(st.sampled_from([0.05, 0.5]))  # never the initializers' zero biases: a lost b must show
    edges = draw(st.booleans())  # example 0 through exact zeros in Z and an output of exactly 0.5
    inputs = draw(st.sampled_from(["uniform", "integers"]))  # integers: exact zeros and ties in Z
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3, 3, (dims[0], m)) if inputs == "uniform" else rng.integers(-2, 3, (dims[0], m)).astype(float)
    Y = draw(arrays(np.float64, (1, m), elements=st.sampled_from([0.0, 1.0])))
    params = getattr(impl_numpy, model).initialize_parameters(list(dims), init, seed)
    for l in range(1, L + 1):
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * bias_scale
    if edges:
        X, params = with_edges(X, params, activation)
    return Case(model, dims, activation, init, dtype, X, Y, params)


def check(actual, expected, dtype, quantity, what):
    result = compare(actual, expected, dtype, quantity)
    assert result.ok, f"{what}: {result}"


def in_dtype(case, backend=None):
    """X, Y and params in the case's dtype, as NumPy arrays or as ``backend``'s arrays."""
    if backend is None:
        convert = lambda a: a.astype(case.dtype)  # noqa: E731
    else:
        convert = functools.partial(backend.asarray, dtype=case.dtype)
    return convert(case.X), convert(case.Y), {name: convert(value) for name, value in case.params.items()}


def oracle_results(case):
    """A[L], J (None where the course's formula fails, see oracle_cost_holds) and gradients, in float64."""
    activation = case.kwargs.get("activation", "sigmoid")  # unused by logistic regression (L = 1)
    AL, cache = oracle.forward_propagation(case.X, case.params, activation)
    grads = oracle.backward_propagation(case.params, cache, case.Y, activation)
    cost = oracle.compute_cost(AL, case.Y) if oracle_cost_holds(cache[f"Z{case.L}"], case.Y) else None
    return np.array(AL), cost, {name: np.array(value) for name, value in grads.items()}


def eager(module, X, Y, params, kwargs):
    """A[L], J, the manual gradients and (where the backend has them) the autodiff gradients.

    ``kwargs`` is a tuple of (name, value) pairs, hashable, so that jax.jit can take it as static.
    """
    kwargs = dict(kwargs)
    L = len(params) // 2
    AL, cache = module.forward_propagation(X, params, **kwargs)
    cost = module.compute_cost(cache[f"Z{L}"], Y)
    grads = module.backward_propagation(params, cache, Y, **kwargs)
    auto = module.autodiff_gradients(params, X, Y, **kwargs) if hasattr(module, "autodiff_gradients") else None
    return AL, cost, grads, auto


@functools.cache
def jax_eager():
    """``eager`` for JAX, compiled: one compilation per example instead of one per operation and shape."""
    import jax

    return jax.jit(eager, static_argnums=(0, 4))


def run(backend, module, case):
    """``eager`` on one backend package (and its model ``module``) in the case's dtype, as NumPy arrays."""
    with backend.precision(case.dtype):
        X, Y, params = in_dtype(case, backend)
        compute = jax_eager() if backend.NAME == "jax" else eager
        AL, cost, grads, auto = compute(module, X, Y, params, tuple(case.kwargs.items()))
        out = backend.to_numpy
        return (out(AL), out(cost), {k: out(v) for k, v in grads.items()},
                None if auto is None else {k: out(v) for k, v in auto.items()})


def assert_agrees(name, results, expected, oracle_expected, dtype):
    """One backend's ``run`` against NumPy's (same dtype) and the oracle's (float64)."""
    AL, cost, grads, auto = results
    eAL, ecost, egrads, _ = expected
    oAL, ocost, ograds = oracle_expected
    assert AL.dtype == dtype and cost.dtype == dtype, f"{name}: dtypes {AL.dtype}, {cost.dtype}"
    check(AL, eAL, dtype, "forward", f"{name} A[L] vs numpy")
    check(AL, oAL, dtype, "oracle", f"{name} A[L] vs oracle")
    check(cost, ecost, dtype, "cost", f"{name} J vs numpy")
    if ocost is not None:
        check(cost, ocost, dtype, "oracle", f"{name} J vs oracle")
    for kind, computed in (("manual", grads), ("autodiff", auto)):
        if computed is None:
            continue
        assert sorted(computed) == sorted(ograds), f"{name} {kind}: {sorted(computed)}"
        for key in ograds:
            assert computed[key].dtype == dtype, f"{name} {kind} {key}: dtype {computed[key].dtype}"
            check(computed[key], egrads[key], dtype, "gradients", f"{name} {kind} {key} vs numpy")
            check(computed[key], ograds[key], dtype, "oracle", f"{name} {kind} {key} vs oracle")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model", MODELS)
@settings(max_examples=max(2, settings.default.max_examples // 5))
@given(data=st.data())
def test_forward_cost_and_gradients_agree_everywhere(model, dtype, data):
    """Every backend's A[L], J and gradients (manual and autodiff) against NumPy's and the oracle's."""
    case = data.draw(cases(model, dtype), label="case")
    event(f"L = {case.L}")
    expected = run(impl_numpy, getattr(impl_numpy, case.model), case)
    oracle_expected = oracle_results(case)
    if oracle_expected[1] is None:
        event("a logit beyond the oracle's cost formula: J compared with NumPy only")
    assert_agrees("numpy", expected, expected, oracle_expected, case.dtype)
    for name in FRAMEWORKS:
        backend = get_backend(name)
        assert_agrees(name, run(backend, getattr(backend, case.model), case), expected, oracle_expected, case.dtype)


def oracle_training(case, learning_rate):
    """oracle.train's loop, with each cost where oracle_cost_holds and None elsewhere: the final params and the costs."""
    activation = case.kwargs.get("activation", "sigmoid")
    params, costs = case.params, []
    for _ in range(TRAINING_STEPS):
        AL, cache = oracle.forward_propagation(case.X, params, activation)
        costs.append(oracle.compute_cost(AL, case.Y) if oracle_cost_holds(cache[f"Z{case.L}"], case.Y) else None)
        grads = oracle.backward_propagation(params, cache, case.Y, activation)
        params = oracle.update_parameters(params, grads, learning_rate)
    return params, costs


@settings(max_examples=max(3, settings.default.max_examples // 6))
@given(cases(), st.sampled_from([0.01, 0.1, 1.0]))
def test_training_steps_agree_everywhere(case, learning_rate):
    """A few steps of ``train`` on every backend against NumPy's and the oracle's: the costs and final params."""
    note(repr(case))
    dtype, kwargs = case.dtype, case.kwargs
    X, Y, params = in_dtype(case)
    trained, costs = getattr(impl_numpy, case.model).train(X, Y, params, learning_rate, TRAINING_STEPS, **kwargs)
    oparams, ocosts = oracle_training(case, learning_rate)
    for i, ocost in enumerate(ocosts):
        if ocost is not None:
            check(costs[i], ocost, dtype, "oracle", f"numpy cost {i} vs oracle")
    for name in trained:
        check(trained[name], np.array(oparams[name]), dtype, "oracle", f"numpy {name} vs oracle")
    for backend_name in FRAMEWORKS:
        backend = get_backend(backend_name)
        with backend.precision(dtype):
            bX, bY, bparams = in_dtype(case, backend)
            model = getattr(backend, case.model)
            btrained, bcosts = model.train(bX, bY, bparams, learning_rate, TRAINING_STEPS, **kwargs)
            bcosts, btrained = backend.to_numpy(bcosts), {k: backend.to_numpy(v) for k, v in btrained.items()}
        check(bcosts, costs, dtype, "training_costs", f"{backend_name} costs vs numpy")
        for name in trained:
            check(btrained[name], trained[name], dtype, "training_params", f"{backend_name} {name} vs numpy")


def test_the_property_catches_a_planted_bug():
    """assert_agrees fails for a backend whose db[l] misses its 1/m, on an ordinary case."""
    X = np.linspace(-1, 1, 12).reshape(3, 4)
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    params = impl_numpy.deep_nn.initialize_parameters([3, 2, 1], "he", 0)
    case = Case("deep_nn", (3, 2, 1), "tanh", "he", "float64", X, Y, params)

    def backward_without_1_over_m(params, cache, Y, activation):
        grads = impl_numpy.deep_nn.backward_propagation(params, cache, Y, activation)
        return {**grads, "db1": grads["db1"] * Y.shape[1]}

    planted = types.SimpleNamespace(**{**vars(impl_numpy.deep_nn), "backward_propagation": backward_without_1_over_m})
    expected = run(impl_numpy, impl_numpy.deep_nn, case)
    assert_agrees("numpy", expected, expected, oracle_results(case), "float64")
    with pytest.raises(AssertionError, match="planted manual db1 vs numpy"):
        assert_agrees("planted", run(impl_numpy, planted, case), expected, oracle_results(case), "float64")

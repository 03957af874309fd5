"""Extreme inputs through whole networks: logits near +-40, +-800 and +-1e4 (both labels at each), inputs of
magnitude 1e6, all-zero inputs and a single example. On every installed backend, in float64 and float32, the
forward pass, the cost and the gradients (manual, and autodiff where the backend has it) must be finite and
agree with NumPy's under the tolerance table (reference/proof/tolerances.py).

Expected numbers: impl_numpy in the same dtype, and from the math where it gives them: the cost at the
logits that NumPy computed, J = (1/m) sum[max(z, 0) - z y + log(1 + e^-|z|)] in Python floats; and for
zero inputs with zero biases and a hidden activation with g(0) = 0, every Z[l] = 0, so A[L] = 1/2 exactly
and J = log 2.

The functional API is called eagerly, JAX's under one jax.jit per network, dtype and size (cases share
them), since its eager operations would each compile for every new shape.
"""

import functools
import math

import numpy as np
import pytest
from conftest import DTYPES

import impl_numpy
from reference import available_backends, get_backend
from reference.proof.tolerances import compare
from reference.validation import ACTIVATIONS

BACKENDS = available_backends()
DIMS = {"logistic_regression": [3, 1], "shallow_nn": [3, 4, 1], "deep_nn": [3, 4, 4, 1]}  # shapes shared: JAX reuses
M = 6
# The hidden activation matters for huge and zero inputs (saturation, g'(0)): each one in the shallow network
NETWORKS = [("logistic_regression", "sigmoid"), *[("shallow_nn", a) for a in ACTIVATIONS], ("deep_nn", "relu")]
ONE_ACTIVATION = [("logistic_regression", "sigmoid"), ("shallow_nn", "tanh"), ("deep_nn", "relu")]
SCENARIOS = ([(f"logits {z:+g}", model, activation) for z in (40, -40, 800, -800, 1e4, -1e4)
              for model, activation in ONE_ACTIVATION]
             + [("inputs 1e6", model, activation) for model, activation in NETWORKS]
             + [("zero inputs", model, activation) for model, activation in NETWORKS]
             + [("one example", model, activation) for model, activation in ONE_ACTIVATION])


def kwargs_of(model, activation):
    return {} if model == "logistic_regression" else {"activation": activation}


def problem(scenario, model, activation):
    """X (n_x, m), Y (1, m) and params, float64 NumPy."""
    rng = np.random.default_rng(7)
    dims = DIMS[model]
    m = 1 if scenario == "one example" else M
    X = rng.standard_normal((dims[0], m))
    Y = np.array([[0.0, 1.0, 1.0, 0.0, 1.0, 0.0][:m]])
    params = impl_numpy.deep_nn.initialize_parameters(dims, "he", 3)
    L = len(dims) - 1
    for l in range(1, L + 1):
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.1
    if scenario.startswith("logits"):
        # Every logit near z (+-40, +-800, +-1e4), from the output bias b[L] = z with W[L] as drawn, so that
        # the gradients keep the scale of a plain network, for which the table's absolute terms are set
        # (scaling W[L] instead scales every hidden gradient by z/|Z| too, and a float32 entry that cancels
        # to near 0 then misses atol 1e-6 by rounding alone)
        params[f"b{L}"] = np.full((1, 1), float(scenario.split()[1]))
    elif scenario == "inputs 1e6":
        X = np.sign(X) * 1e6 * rng.uniform(0.5, 1.0, X.shape)
    elif scenario == "zero inputs":
        X = np.zeros_like(X)
        params = {name: value if name.startswith("W") else np.zeros_like(value) for name, value in params.items()}
    return X, Y, params


def forward_cost_gradients(module, X, Y, params, kwargs):
    """A[L], Z[L], J, the manual gradients and the autodiff gradients (or None); ``kwargs`` as (name, value) pairs."""
    kwargs = dict(kwargs)
    L = len(params) // 2
    AL, cache = module.forward_propagation(X, params, **kwargs)
    cost = module.compute_cost(cache[f"Z{L}"], Y)
    grads = {"manual": module.backward_propagation(params, cache, Y, **kwargs)}
    if hasattr(module, "autodiff_gradients"):
        grads["autodiff"] = module.autodiff_gradients(params, X, Y, **kwargs)
    return AL, cache[f"Z{L}"], cost, grads


@functools.cache
def jax_compiled():
    """forward_cost_gradients under one jax.jit: its eager operations would each compile for every shape and dtype."""
    import jax

    return jax.jit(forward_cost_gradients, static_argnums=(0, 4))


def compute(backend_name, X, Y, params, model, activation, dtype):
    """forward_cost_gradients on one backend in ``dtype``, as NumPy arrays."""
    backend = get_backend(backend_name)
    run = jax_compiled() if backend_name == "jax" else forward_cost_gradients
    with backend.precision(dtype):
        X, Y = backend.asarray(X, dtype), backend.asarray(Y, dtype)
        params = {name: backend.asarray(value, dtype) for name, value in params.items()}
        AL, ZL, cost, grads = run(getattr(backend, model), X, Y, params, tuple(kwargs_of(model, activation).items()))
        out = backend.to_numpy
        return out(AL), out(ZL), out(cost), {kind: {k: out(v) for k, v in g.items()} for kind, g in grads.items()}


def check(actual, expected, dtype, quantity, what):
    assert np.all(np.isfinite(actual)), f"{what}: not finite: {actual}"
    result = compare(actual, expected, dtype, quantity)
    assert result.ok, f"{what}: {result}"


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("scenario, model, activation", SCENARIOS,
                         ids=[f"{s.replace(' ', '_')}-{m}-{a}" for s, m, a in SCENARIOS])
def test_finite_and_equal_on_every_backend(scenario, model, activation, dtype):
    X, Y, params = problem(scenario, model, activation)
    AL, ZL, cost, grads = compute("numpy", X, Y, params, model, activation, dtype)
    if scenario.startswith("logits"):
        z = float(scenario.split()[1])
        assert np.all(np.abs(ZL - z) <= 0.2 * abs(z)), f"the scenario's logits: {ZL}"
        exact = math.fsum(max(zi, 0) - zi * yi + math.log1p(math.exp(-abs(zi)))
                          for zi, yi in zip(ZL[0].astype(float), Y[0], strict=True)) / Y.shape[1]
        check(cost, exact, dtype, "cost", "numpy J vs the math")
    if scenario == "zero inputs" and activation != "sigmoid":  # g(0) = 0: every Z[l] = 0
        check(AL, np.full_like(AL, 0.5), dtype, "forward", "numpy A[L] vs 1/2")
        check(cost, math.log(2), dtype, "cost", "numpy J vs log 2")
    check(AL, AL, dtype, "forward", "numpy A[L]")  # finite
    check(cost, cost, dtype, "cost", "numpy J")
    for name, value in grads["manual"].items():
        check(value, value, dtype, "gradients", f"numpy {name}")
    for backend in BACKENDS[1:]:
        bAL, _, bcost, bgrads = compute(backend, X, Y, params, model, activation, dtype)
        check(bAL, AL, dtype, "forward", f"{backend} A[L]")
        check(bcost, cost, dtype, "cost", f"{backend} J")
        for kind, computed in bgrads.items():
            assert sorted(computed) == sorted(grads["manual"]), f"{backend} {kind}"
            for name, value in grads["manual"].items():
                check(computed[name], value, dtype, "gradients", f"{backend} {kind} {name}")


def test_the_check_fails_on_an_overflowing_cost():
    """The check can fail: the course's cost written on probabilities, log(1 - sigmoid(800)) = log(0) = -inf."""
    X, Y, params = problem("logits 800", "deep_nn", "relu")
    AL, _ = impl_numpy.deep_nn.forward_propagation(X, params, "relu")
    with np.errstate(divide="ignore", invalid="ignore"):
        naive = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    _, _, cost, _ = compute("numpy", X, Y, params, "deep_nn", "relu", "float64")
    with pytest.raises(AssertionError, match="not finite"):
        check(naive, cost, "float64", "cost", "naive J")

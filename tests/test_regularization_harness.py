"""Course 2's L2 and inverted dropout through the harness: every backend and mode against NumPy, in both dtypes.

Each problem starts from NumPy-made parameters with dropout masks drawn once in NumPy (the course's notebook keeps one
set for every step, and no framework's dropout layer takes a given mask): the manual mode runs each backend's
regularization module, the autodiff mode its framework's autodiff of the regularized cost, and the layers mode the
framework's own layers with L2 configured its way (an optimizer's weight decay or Keras' kernel regularizer,
layers.L2_VARIANTS["course"]) and the masks applied by a layer. Forward, cost, gradients, one update and a training
run are compared with NumPy's (tests/test_regularization.py checks NumPy against the loop oracle), the run judged
against the ensemble of perturbed NumPy runs, the masks moved with their examples.
"""

import functools

import pytest

from reference import available_backends
from reference.proof import harness

BACKENDS = [f"{b}{mode}" for b in ("torch", "tf", "jax") for mode in ("", ":autodiff", ":layers")]
QUANTITIES = ["forward", "cost", "gradients", "predictions", "update", "training_costs", "training_params"]

# (model, layer_dims, activation, lambd, keep_prob, dtype): L2 and dropout together in each model (float32 on the deep
# network, which has more layers for rounding to travel through), and each alone once (the layers mode then builds
# without the mask layer, or without the regularizer)
CASES = {
    "shallow-both-float64": ("shallow_nn", [3, 5, 1], "tanh", 0.7, 0.8, "float64"),
    "deep-both-float64": ("deep_nn", [4, 6, 4, 1], "relu", 0.7, 0.8, "float64"),
    "deep-both-float32": ("deep_nn", [4, 6, 4, 1], "relu", 0.7, 0.8, "float32"),
    "deep-l2-float64": ("deep_nn", [4, 6, 4, 1], "leaky_relu", 0.7, 1.0, "float64"),
    "deep-dropout-float32": ("deep_nn", [4, 6, 4, 1], "relu", 0.0, 0.5, "float32"),
}


def require(backend: str) -> None:
    name = backend.partition(":")[0]
    if name not in available_backends():
        pytest.skip(f"backend {name!r} is not installed (pip install 'nn-rosetta[{name}]')")


@functools.cache
def problem(case):
    model, dims, activation, lambd, keep_prob, dtype = CASES[case]
    return harness.random_problem(model, dims, activation, dtype, m=16, init="he", seed=3, learning_rate=0.1,
                                  num_iterations=30, lambd=lambd, keep_prob=keep_prob)


@functools.cache
def ensemble(case):
    return harness.build_ensemble(problem(case))


@functools.cache
def report(backend, case):
    return harness.run(problem(case), [backend], ensemble=ensemble(case))


@pytest.mark.parametrize("quantity", QUANTITIES)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("backend", BACKENDS)
def test_agrees_with_numpy(backend, case, quantity):
    require(backend)
    rows = [row for row in report(backend, case).rows if row.quantity == quantity]
    assert rows
    bad = [f"{row.name}: {row.comparison}" for row in rows if not row.ok]
    assert not bad, "\n".join(bad)


def test_the_problems_regularize():
    """Each case's L2 term and masks are there: the regularized cost differs from the plain one, and some units are
    dropped (the problem of random_problem keeps example 0's units, for its exact zeros)."""
    import impl_numpy

    for case, (_, _, _, lambd, keep_prob, _) in CASES.items():
        p = problem(case)
        L = len(p.params) // 2
        _, cache = impl_numpy.regularization.forward_propagation(p.X, p.params, p.activation)
        plain = impl_numpy.regularization.compute_cost(cache[f"Z{L}"], p.Y, p.params)
        regularized = impl_numpy.regularization.compute_cost(cache[f"Z{L}"], p.Y, p.params, p.lambd)
        assert (regularized > plain) == (lambd > 0), case
        assert (p.masks is not None and 0 < sum(D.mean() for D in p.masks.values()) / len(p.masks) < 1) == \
            (keep_prob < 1), case


NAIVE = [(backend, variant) for backend, variants in (
    ("torch", ["weight_decay=lambd", "biases decayed"]), ("tf", ["L2(lambd)", "L2(lambd / m)"]),
    ("jax", ["weight_decay=lambd", "biases decayed"])) for variant in variants]


@pytest.mark.parametrize("backend, variant", NAIVE, ids=[f"{b}-{v}" for b, v in NAIVE])
def test_each_naive_l2_configuration_differs_from_the_courses(backend, variant):
    """The configurations learners write (torch's and optax's weight_decay = lambd, the 1/m forgotten; the biases
    decayed by the one default parameter group; Keras' L2(lambd), and L2(lambd / m), its missing 1/2 forgotten) give
    another update than the course's equations: the gradient the update follows is out of tolerance, on the weights
    (the 1/m and the 1/2) or on the biases (decayed), and L2_VARIANTS["course"] is in it (test_agrees_with_numpy)."""
    require(backend)
    from reference import get_backend

    p = problem("deep-l2-float64")
    package = get_backend(backend)
    assert set(package.layers.L2_VARIANTS) == {"course", *(v for b, v in NAIVE if b == backend)}
    reference = harness.run_backend(p, "numpy")
    run = harness.run_layers(p, f"{backend}:layers", package, l2_variant=variant)
    bad = {row.name for row in harness.compare_runs(run, reference, p.dtype, ensemble("deep-l2-float64"))
           if not row.ok and row.quantity == "gradients"}
    expected = {"db1", "db2", "db3"} if variant == "biases decayed" else {"dW1", "dW2", "dW3"}
    assert bad == expected, bad

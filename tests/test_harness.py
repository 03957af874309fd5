"""Every backend against NumPy through the harness (reference/proof/harness.py), from identical NumPy-made
starting points: forward, cost, gradients, predictions, one update, and a training run.

Expected numbers: the NumPy backend, itself checked against the loop oracle, finite differences and
the course's published outputs (test_numpy_vs_oracle.py, test_gradient_check.py, test_published.py).
"""

import functools
from dataclasses import replace

import numpy as np
import pytest
from conftest import DTYPES, model_dims

from reference import available_backends
from reference.data import planar
from reference.proof import ensemble as ensembles
from reference.proof import harness
from reference.validation import ACTIVATIONS

BACKENDS = ["torch", "torch:autodiff", "tf", "tf:autodiff", "jax", "jax:autodiff"]
CASES = [("logistic_regression", "sigmoid")] + [(m, a) for m in ("shallow_nn", "deep_nn") for a in ACTIVATIONS]
CASE_IDS = ["logistic_regression"] + [f"{m}-{a}" for m, a in CASES[1:]]
QUANTITIES = ["forward", "cost", "gradients", "predictions", "update", "training_costs", "training_params"]


def require(backend: str) -> None:
    name = backend.partition(":")[0]
    if name not in available_backends():
        pytest.skip(f"backend {name!r} is not installed (pip install 'nn-rosetta[{name}]')")


@functools.cache
def report(backend, model, activation, dtype):
    problem = harness.random_problem(model, model_dims(model), activation, dtype, m=16, init="he", seed=3,
                                     learning_rate=0.1, num_iterations=60)
    return harness.run(problem, [backend])


@pytest.mark.parametrize("quantity", QUANTITIES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("model, activation", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_agrees_with_numpy(backend, model, activation, dtype, quantity):
    require(backend)
    rows = [row for row in report(backend, model, activation, dtype).rows if row.quantity == quantity]
    assert rows
    bad = [f"{row.name}: {row.comparison}" for row in rows if not row.ok]
    assert not bad, "\n".join(bad)


# One result of a correct NumPy run given back in a broadcastable wrong shape: (1, m) as (m,), (n, 1) as (n,), the
# scalar cost as (1, 1), the cost curve (k,) as (1, k). (field of the Run, its key, the row that must fail.)
SHAPE_SLIPS = [("forward", None, "forward", "AL"), ("cost", None, "cost", "J"), ("gradients", "db1", "gradients", "db1"),
               ("predictions", None, "predictions", "y_hat"), ("update", "b2", "update", "b2"),
               ("training_costs", None, "training_costs", "costs"),
               ("training_params", "b1", "training_params", "b1"),
               ("trained_predictions", None, "predictions", "y_hat after training")]


@functools.cache
def numpy_run(dtype, num_iterations):
    problem = harness.random_problem("shallow_nn", [3, 4, 1], "tanh", dtype, m=6, seed=1, num_iterations=num_iterations)
    reference = harness.run_backend(problem, "numpy")
    return reference, harness.build_ensemble(problem, reference)


@pytest.mark.parametrize("dtype, num_iterations", [("float64", 5), ("float32", 40)],
                         ids=["final-params-judged", "final-params-reported-only"])
def test_a_result_in_a_broadcastable_shape_fails_as_a_shape_mismatch(dtype, num_iterations):
    """Every quantity the harness judges, NumPy's own values reshaped: that row alone fails, naming both shapes. In
    float32 past FLOAT32_TRAINING_ITERATIONS the final parameters and labels are reported, not judged
    (Ensemble.calm), but a wrong shape still fails."""
    reference, ensemble = numpy_run(dtype, num_iterations)
    assert ensemble.calm(reference.training_params) == (dtype == "float64")  # as the ids say
    assert all(row.ok for row in harness.compare_runs(reference, reference, dtype, ensemble))
    for field, key, quantity, name in SHAPE_SLIPS:
        value = getattr(reference, field) if key is None else getattr(reference, field)[key]
        wrong = np.reshape(value, (1, 1) if value.ndim == 0 else (1, -1) if value.ndim == 1 else -1)
        changed = wrong if key is None else {**getattr(reference, field), key: wrong}
        rows = harness.compare_runs(replace(reference, **{field: changed}), reference, dtype, ensemble)
        bad = [row for row in rows if not row.ok]
        assert [(row.quantity, row.name) for row in bad] == [(quantity, name)], (field, [str(r.comparison) for r in bad])
        assert f"SHAPE MISMATCH: shape {wrong.shape}, expected shape {value.shape}" in str(bad[0].comparison)


@functools.cache
def flower():
    """The course's week-3 run in float64 at learning rate 1.2, all its 10000 iterations, and its ensemble."""
    X, y = planar()
    problem = harness.Problem("shallow_nn", X.T, y[None, :], _course_shallow_params(), "tanh", "float64", 1.2, 10000)
    return problem, harness.build_ensemble(problem)


@functools.cache
def flower_report(backend):
    problem, ensemble = flower()
    return harness.run(problem, [backend], ensemble=ensemble)


@pytest.mark.parametrize("backend", BACKENDS)
def test_full_length_training_on_the_flower(backend):
    """Near iteration 7740 this run passes an unstable point (the course's printed cost rises between iterations
    7000 and 8000): NumPy against itself, with W1 moved by one ulp, separates there, so no tolerance in the table
    holds two correct implementations together past it. The ensemble judges the whole run: every backend's cost
    curve stays inside the envelope of NumPy's runs perturbed at rounding level, and its labels after training
    match NumPy's wherever no member's differ."""
    require(backend)
    result = flower_report(backend)
    training = [row for row in result.rows if row.quantity.startswith("training") or "after" in row.name]
    assert len(training) == 6 and all(row.ok for row in training), str(result)
    assert not result.ensemble.calm(result.runs["numpy"].training_params)  # so the final parameters are reported only


def test_the_flower_judged_against_a_numpy_rewritten_in_its_rounding():
    """NumPy's dW1 written dZ1 @ (X.T / m), the same equation rounded differently at every step, is the reference
    and the ensemble's members: every correct backend's flower stays consistent with it over all 10000 iterations.
    With members perturbed at the start only, torch and JAX left it at iteration 7697 (benchmarks/ensemble_rewrites.py
    measures every rewrite in REWRITES, over several seeds)."""
    from benchmarks.ensemble_rewrites import REWRITES, rewritten

    problem, _ = flower()
    old, new = REWRITES["shallow_nn"][0]
    ensemble = ensembles.build(problem.model, problem.X, problem.Y, problem.params, problem.learning_rate,
                               problem.num_iterations, problem.activation, problem.dtype,
                               package=rewritten(problem.model, old, new))
    verdicts = {backend: ensemble.judge(flower_report(backend).runs[backend].training_costs)
                for backend in BACKENDS if backend.partition(":")[0] in available_backends()}
    assert verdicts and all(v.consistent for v in verdicts.values()), {b: str(v) for b, v in verdicts.items()}


@functools.cache
def deep_network():
    """A deep relu network on image-sized inputs, 2500 iterations at the course's 0.0075, in float64, and its
    ensemble. The course's application is [12288, 20, 7, 5, 1] on 209 images; a twenty-fourth of the inputs (512,
    a 16 x 32 grey picture) keeps dot products of hundreds of terms, and the ensemble's 24 NumPy runs and three
    backends under a minute in all (1024 inputs took twice as long, for the suite's longest test)."""
    rng = np.random.default_rng(0)
    X = rng.random((512, 209))  # pixels in [0, 1], like the course's images / 255
    Y = (X[:7].mean(axis=0, keepdims=True) > 0.5).astype(np.float64)
    problem = harness.random_problem("deep_nn", [512, 20, 7, 5, 1], "relu", init="xavier", seed=1)
    problem = harness.Problem("deep_nn", X, Y, problem.params, "relu", "float64", 0.0075, 2500)
    return problem, harness.build_ensemble(problem)


@pytest.mark.parametrize("backend", [b for b in BACKENDS if ":" not in b])
def test_full_length_training_of_a_deep_network(backend):
    """Calm training: every member ends within the tolerance table of NumPy, so the final parameters are judged."""
    require(backend)
    problem, ensemble = deep_network()
    result = harness.run(problem, [backend], ensemble=ensemble)
    assert result.ok, str(result)
    assert ensemble.calm(result.runs["numpy"].training_params)


def _course_shallow_params():
    import impl_numpy

    return impl_numpy.shallow_nn.initialize_parameters([2, 4, 1], "random_small", seed=2)

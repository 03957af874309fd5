"""Whole training runs judged against an ensemble of perturbed NumPy runs (reference/proof/ensemble.py).

Correct backends must be consistent over the course's full-length deep run (2500 iterations, planar data) in both
dtypes; slow bugs, planted into fresh copies of the backends the way tests/test_harness_catches_bugs.py plants
them, must leave the ensemble, although the first-30-iterations rule for float32 lets every one of them through.
Expected numbers: the ensemble itself, NumPy runs that differ from the reference only by rounding.
"""

import functools

import numpy as np
import pytest
from test_harness_catches_bugs import planted_package

import impl_numpy  # noqa: I001
from reference import available_backends, data, determinism, get_backend
from reference.proof import ensemble
from reference.proof.compare import MODEL_DEFAULTS
from reference.proof.tolerances import FLOAT32_TRAINING_ITERATIONS, compare

MODEL = "deep_nn"
SPEC = MODEL_DEFAULTS[MODEL]


def require(backend):
    if backend.partition(":")[0] not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")


@functools.cache
def setting(model=MODEL, activation=None):
    X, _, y, _ = data.load("planar", seed=0)
    spec = MODEL_DEFAULTS[model]
    params = getattr(impl_numpy, model).initialize_parameters([X.shape[1], *spec["hidden"], 1], spec["init"], 0,
                                                              "float64")
    return X.T, y[None, :], params, activation or spec["activation"]


@functools.cache
def the_ensemble(dtype, activation=None):
    determinism.apply(threads=1)
    X, Y, params, activation = setting(activation=activation)
    return ensemble.build(MODEL, X, Y, params, SPEC["learning_rate"], SPEC["num_iterations"], activation, dtype)


def train(package, dtype, activation=None, autodiff=False):
    X, Y, params, activation = setting(activation=activation)
    module = getattr(package, MODEL)
    fit = module.train_autodiff if autodiff else module.train
    with package.precision(dtype):
        trained, costs = fit(package.asarray(X, dtype), package.asarray(Y, dtype),
                             {k: package.asarray(v, dtype) for k, v in params.items()}, SPEC["learning_rate"],
                             SPEC["num_iterations"], activation=activation)
        return package.to_numpy(costs), {k: package.to_numpy(v) for k, v in trained.items()}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_every_member_is_consistent_with_the_others(dtype):
    verdicts = the_ensemble(dtype).leave_one_out()
    assert all(v.consistent for v in verdicts), [str(v) for v in verdicts]
    assert max(v.worst for v in verdicts) < 0.5  # well inside: K leaves room


CORRECT = ["torch", "tf", "jax", "torch:autodiff", "tf:autodiff", "jax:autodiff"]


@functools.cache
def correct_run(backend, dtype):
    name, _, mode = backend.partition(":")
    return train(get_backend(name), dtype, autodiff=mode == "autodiff")


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("backend", CORRECT)
def test_correct_backends_are_consistent_over_the_full_run(backend, dtype):
    require(backend)
    costs, params = correct_run(backend, dtype)
    verdict = the_ensemble(dtype).judge(costs, params)
    assert verdict.consistent, str(verdict)


@pytest.mark.parametrize("dtype, rewrite", [("float32", 0), ("float64", 1)], ids=["float32-(A.T / m)", "float64-(dZ / m)"])
def test_a_numpy_rewritten_in_its_rounding_keeps_every_correct_backend_consistent(dtype, rewrite):
    """The ensemble built from NumPy with one backward equation rewritten (dW = dZ @ (A.T / m), or (dZ / m) @ A.T:
    the same math, rounded differently at every step) judges every correct backend consistent, as NumPy's own."""
    from benchmarks.ensemble_rewrites import REWRITES, rewritten

    determinism.apply(threads=1)
    X, Y, params, activation = setting()
    old, new = REWRITES[MODEL][rewrite]
    e = ensemble.build(MODEL, X, Y, params, SPEC["learning_rate"], SPEC["num_iterations"], activation, dtype,
                       package=rewritten(MODEL, old, new))
    verdicts = {backend: e.judge(correct_run(backend, dtype)[0]) for backend in CORRECT
                if backend.partition(":")[0] in available_backends()}
    assert verdicts and all(v.consistent for v in verdicts.values()), {b: str(v) for b, v in verdicts.items()}


F16_LEARNING_RATE = ("value - learning_rate * grads", "value - float(np.float16(learning_rate)) * grads")
SLOW_BUGS = {
    # (backend, module, old, new, the hidden activation the bug needs)
    "learning rate rounded to float16": [
        ("numpy", "deep_nn", *F16_LEARNING_RATE, None),
        ("torch", "deep_nn", *F16_LEARNING_RATE, None),
        ("tf", "deep_nn", "tf.constant(learning_rate, X.dtype)", "tf.cast(tf.constant(learning_rate, tf.float16), X.dtype)",
         None),  # in train, where alpha becomes the tensor that the graph of the loop is given
        ("jax", "deep_nn", "value - learning_rate * grads",
         "value - jnp.asarray(learning_rate, jnp.float16).astype(value.dtype) * grads", None)],
    "leaky slope 0.0101": [
        (backend, "activations", "LEAKY_SLOPE = 0.01", "LEAKY_SLOPE = 0.0101", "leaky_relu")
        for backend in ("numpy", "torch", "tf", "jax")],
    "bias update skipped every 100th step": [
        (backend, "deep_nn", "params = update_parameters(params, grads, learning_rate)",
         "params = {k: (params[k] if k[0] == 'b' and len(costs) % 100 == 0 else v) "
         "for k, v in update_parameters(params, grads, learning_rate).items()}", None)
        for backend in ("numpy", "torch")] + [
        ("tf", "deep_nn", "params = update_parameters(params, grads, learning_rate)",  # i counts from 0 in the graph
         "params = {k: (tf.where((i + 1) % 100 == 0, params[k], v) if k[0] == 'b' else v) "
         "for k, v in update_parameters(params, grads, learning_rate).items()}", None),
        ("jax", "deep_nn",  # lax.scan's step is given the iteration number to know which step it is
         ("def step(params, _):", "return update_parameters(params, grads, learning_rate), cost",
          "jax.lax.scan(step, params, length=num_iterations)"),
         ("def step(params, i):", "return {k: (jnp.where((i + 1) % 100 == 0, params[k], v) if k[0] == 'b' else v) "
          "for k, v in update_parameters(params, grads, learning_rate).items()}, cost",
          "jax.lax.scan(step, params, jnp.arange(num_iterations))"), None)],
    "matrix products with operands rounded to 10 mantissa bits (TF32)": [
        (backend, "deep_nn", 'Z = params[f"W{l}"] @ A + params[f"b{l}"]',
         'Z = _tf32(params[f"W{l}"]) @ _tf32(A) + params[f"b{l}"]', None)
        for backend in ("numpy", "torch", "tf", "jax")],
}
TF32 = {  # float32 significands rounded to nearest at TF32's 10 bits, in each framework's own ops
    "numpy": """
def _tf32(x):
    return ((x.view(np.int32) + np.int32(0x1000)) & np.int32(-0x2000)).view(np.float32)
""",
    "torch": """
def _tf32(x):
    return ((x.view(torch.int32) + 0x1000) & -0x2000).view(torch.float32)
""",
    "tf": """
def _tf32(x):
    return tf.bitcast(tf.bitwise.bitwise_and(tf.bitcast(x, tf.int32) + 0x1000, -0x2000), tf.float32)
""",
    "jax": """
def _tf32(x):
    return jax.lax.reduce_precision(x, exponent_bits=8, mantissa_bits=10)
""",
}
CASES = [(name, *case) for name, cases in SLOW_BUGS.items() for case in cases]


def plant(backend, module, old, new):
    package = planted_package(backend, module, old, new)
    if "_tf32" in new:
        exec(TF32[backend], vars(getattr(package, module)))
    if "np.float16" in new and backend != "numpy":
        vars(getattr(package, module))["np"] = np
    return package


@pytest.mark.parametrize("name, backend, module, old, new, activation", CASES,
                         ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_a_slow_bug_leaves_the_ensemble_but_passes_the_first_30_iterations(name, backend, module, old, new,
                                                                             activation):
    require(backend)
    dtype = "float32"
    costs, params = train(plant(backend, module, old, new), dtype, activation)
    reference = the_ensemble(dtype, activation).reference
    first_30 = compare(costs[:FLOAT32_TRAINING_ITERATIONS], reference[:FLOAT32_TRAINING_ITERATIONS], dtype,
                       "training_costs")
    assert first_30.ok, f"the first-30-iterations rule already catches it: {first_30}"
    verdict = the_ensemble(dtype, activation).judge(costs, params)
    assert not verdict.consistent, f"{name} on {backend}: {verdict}"

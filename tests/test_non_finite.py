"""NaN and inf are disagreement in every judge: on the actual side, the expected side or both, never a pass.

The judges: tolerances.compare (under every entry of the table, in both dtypes), the gradient check's
relative_error, the harness's rows, rosetta compare's verdict on a training run (compare_model's ``agrees``,
over the whole run) and rosetta check's judge and labels.

Why compare needs its own finiteness check: |1 - inf| = inf <= atol + rtol * |inf| = inf, so without it a
finite result "agrees" with an infinite expected value under every entry with rtol > 0.
"""

import math
from dataclasses import replace

import numpy as np
import pytest

from reference import available_backends
from reference.check.judge import FAIL, judge, labels
from reference.proof import compare as comparing
from reference.proof import harness
from reference.proof.tolerances import FINITE_DIFFERENCE_RELATIVE_ERROR, TOLERANCES, compare, relative_error

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # arithmetic with NaN and inf is the point here
BACKENDS = available_backends()
inf, nan = math.inf, math.nan

PAIRS = [
    # (id, actual, expected)
    ("+inf vs +inf", inf, inf),
    ("-inf vs -inf", -inf, -inf),
    ("nan vs nan", nan, nan),
    ("finite vs nan", 0.5, nan),
    ("nan vs finite", nan, 0.5),
    ("finite vs inf", 0.5, inf),  # the case only the finiteness check refuses
    ("inf vs finite", inf, 0.5),
    ("-inf vs +inf", -inf, inf),
    ("nan vs inf", nan, inf),
]
PAIR_IDS = [p[0] for p in PAIRS]
QUANTITIES = [(dtype, quantity) for dtype in TOLERANCES for quantity in TOLERANCES[dtype]]

# ------------------------------------------------------------------------------------------- compare


@pytest.mark.parametrize("dtype, quantity", QUANTITIES, ids=[f"{d}-{q}" for d, q in QUANTITIES])
@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_compare_never_passes_nan_or_inf(pair, dtype, quantity):
    _, a, e = pair
    alone = compare(np.array([a]), np.array([e]), dtype, quantity)
    among_equals = compare(np.array([0.25, a, 1.0]), np.array([0.25, e, 1.0]), dtype, quantity)
    assert alone.ok is False, f"{quantity} [{dtype}]: {a} against {e} passes: {alone}"
    assert among_equals.ok is False, f"{quantity} [{dtype}]: {a} among equal entries passes: {among_equals}"


@pytest.mark.parametrize("dtype, quantity", QUANTITIES, ids=[f"{d}-{q}" for d, q in QUANTITIES])
def test_compare_of_inf_with_inf_and_nan_with_nan_is_not_ok(dtype, quantity):
    assert compare(np.array([np.inf]), np.array([np.inf]), dtype, quantity).ok is False
    assert compare(np.array([np.nan]), np.array([np.nan]), dtype, quantity).ok is False


# ------------------------------------------------------------------------------------------- gradient check

GRADIENTS = [
    # (id, g, g_num): the backward pass's gradient and the centred finite difference
    ("nan in g", [0.1, nan, 0.3], [0.1, 0.2, 0.3]),
    ("nan in g_num", [0.1, 0.2, 0.3], [0.1, nan, 0.3]),
    ("nan in both", [0.1, nan, 0.3], [0.1, nan, 0.3]),
    ("all nan", [nan, nan], [nan, nan]),
    ("inf in g", [0.1, inf, 0.3], [0.1, 0.2, 0.3]),
    ("inf in g_num", [0.1, 0.2, 0.3], [0.1, -inf, 0.3]),
    ("inf in both", [0.1, inf, 0.3], [0.1, inf, 0.3]),
]


@pytest.mark.parametrize("g, g_num", [c[1:] for c in GRADIENTS], ids=[c[0] for c in GRADIENTS])
def test_gradient_check_fails_on_nan_or_inf(g, g_num):
    """The check is ``relative_error(g, g_num) < FINITE_DIFFERENCE_RELATIVE_ERROR``: relative_error is NaN here,
    and NaN < bound is False, so the check fails; any number it returned instead would have to be >= the bound."""
    error = relative_error(np.array(g), np.array(g_num))
    passes = error < FINITE_DIFFERENCE_RELATIVE_ERROR
    assert passes is False, f"relative error {error} passes the gradient check"
    assert math.isnan(error), f"relative error {error}, expected NaN"


def test_nan_is_not_below_any_bound():
    """The comparison the gradient check relies on: NaN < bound and NaN >= bound are both False."""
    assert not nan < FINITE_DIFFERENCE_RELATIVE_ERROR
    assert not nan >= FINITE_DIFFERENCE_RELATIVE_ERROR


# ------------------------------------------------------------------------------------------- the harness

QUANTITY_OF = {"forward": "forward", "cost": "cost", "gradients": "gradients", "predictions": "predictions",
               "update": "update", "training_costs": "training_costs", "training_params": "training_params",
               "trained_predictions": "predictions"}


@pytest.fixture(scope="module")
def numpy_run():
    problem = harness.random_problem("shallow_nn", [2, 3, 1], "tanh", m=6, num_iterations=5)
    return problem, harness.run_backend(problem, "numpy")


def planted(run, field, value):
    """``run`` with the first entry of ``field`` (the first array of a dict of arrays) set to ``value``."""
    def poison(array):
        array = np.array(array, dtype=np.float64)
        array.flat[0] = value
        return array

    old = getattr(run, field)
    if isinstance(old, dict):
        first = next(iter(old))
        return replace(run, **{field: {**old, first: poison(old[first])}})
    return replace(run, **{field: poison(old)})


@pytest.mark.parametrize("value", [nan, inf, -inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("side", ["backend", "numpy", "both"])
@pytest.mark.parametrize("field", list(QUANTITY_OF))
def test_harness_rows_with_nan_or_inf_are_out_of_tolerance(numpy_run, field, side, value):
    problem, run = numpy_run
    bad = planted(run, field, value)
    actual, expected = (bad if side in ("backend", "both") else run), (bad if side in ("numpy", "both") else run)
    ensemble = harness.build_ensemble(problem, expected)
    report = harness.Report(problem, {}, ensemble, harness.compare_runs(actual, expected, problem.dtype, ensemble))
    failing = {row.quantity for row in report.failures()}
    assert failing == {QUANTITY_OF[field]}, f"{value} in {side}'s {field}: failing rows {failing}"
    assert not report.ok


def test_harness_on_a_diverging_run_is_not_ok():
    """A real run that diverges (learning rate 1e150: NaN after one step), NumPy against NumPy: out of tolerance."""
    import impl_numpy

    problem = harness.random_problem("deep_nn", [2, 3, 1], "relu", m=6, learning_rate=1e150, num_iterations=3)
    report = harness.run(problem, ["numpy"], packages={"numpy": impl_numpy})
    assert not np.isfinite(report.runs["numpy"].training_costs).all()
    assert not report.ok
    assert {row.quantity for row in report.failures()} >= {"training_costs", "training_params"}


# ------------------------------------------------------------------------------------------- rosetta compare

ITERATIONS = 50
COSTS = np.linspace(0.7, 0.1, ITERATIONS)
PARAMS = {"W1": np.array([[0.5, -0.5]]), "b1": np.array([[0.1]])}


def with_value(costs=COSTS, at=None, value=nan, params=PARAMS):
    """A run: its cost curve with ``value`` from iteration ``at`` on, and its final parameters."""
    costs = costs.copy()
    if at is not None:
        costs[at:] = value
    return costs, params


INF_PARAMS = {**PARAMS, "W1": np.array([[inf, -0.5]])}

RUNS = [
    # (id, dtype, NumPy's run, the backend's): none of them agrees
    ("backend nan", "float64", with_value(), with_value(at=20)),
    ("backend nan, late", "float64", with_value(), with_value(at=45)),
    ("backend inf, late", "float32", with_value(), with_value(at=40, value=inf)),
    ("backend inf params, float32", "float32", with_value(), with_value(params=INF_PARAMS)),
    ("backend nan params", "float64", with_value(), with_value(params={**PARAMS, "b1": np.array([[nan]])})),
    ("NumPy diverges", "float64", with_value(at=30, value=inf), with_value(at=30, value=inf)),
    ("NumPy diverges, late", "float32", with_value(at=40), with_value(at=40)),
    ("NumPy and the backend inf alike", "float64", with_value(at=45, value=inf), with_value(at=45, value=inf)),
    ("NumPy's params inf", "float32", with_value(params=INF_PARAMS), with_value(params=INF_PARAMS)),
]


def compare_with(monkeypatch, dtype, numpy_run, backend_run):
    """compare_model on logistic regression with train_one replaced: it returns NumPy's run and the backend's, in
    the order compare_model asks for them (the ensemble's members are real NumPy runs, trained on the side)."""
    runs = iter([numpy_run, backend_run])

    def train_one(backend_name, model, X_train, y_train, X_test, *args, grid=None, regularization=None,
                  optimization=None):
        costs, params = next(runs)
        return costs.astype(dtype), params, np.zeros(len(y_train)), np.zeros(len(X_test)), 0.0, None

    monkeypatch.setattr(comparing, "train_one", train_one)
    X = np.zeros((4, 2))
    y = np.zeros(4)
    return comparing.compare_model("logistic_regression", ["numpy", "backend"], X, X, y, y, dtype=dtype,
                                   num_iterations=ITERATIONS)


@pytest.mark.parametrize("dtype, numpy_run, backend_run", [r[1:] for r in RUNS], ids=[r[0] for r in RUNS])
def test_rosetta_compare_a_run_with_nan_or_inf_does_not_agree(monkeypatch, dtype, numpy_run, backend_run):
    comparison = compare_with(monkeypatch, dtype, numpy_run, backend_run)
    backend = comparison.results[-1]
    assert backend.backend == "backend"
    assert backend.agrees is False, f"agrees over {comparison.judged_iterations} judged iterations"
    numpy_finite = np.isfinite(numpy_run[0]).all() and all(np.isfinite(p).all() for p in numpy_run[1].values())
    assert comparison.results[0].agrees is bool(numpy_finite), "NumPy against itself"


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_rosetta_compare_stand_in_agrees_when_finite(monkeypatch, dtype):
    """The stand-in above can say yes: the same finite run agrees."""
    comparison = compare_with(monkeypatch, dtype, with_value(), with_value())
    assert [r.agrees for r in comparison.results] == [True, True]


def test_rosetta_compare_on_a_diverging_run_does_not_agree():
    """A real run: one float32 step at learning rate 1e300 leaves every backend's parameters NaN or inf, while the
    one cost recorded (before the step) is finite and the same everywhere."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((8, 2))
    y = (X[:, 0] > 0).astype(np.float64)
    comparison = comparing.compare_model("logistic_regression", BACKENDS, X, X, y, y, dtype="float32",
                                         learning_rate=1e300, num_iterations=1)
    assert np.isfinite(comparison.results[0].costs).all()
    assert not all(np.isfinite(p).all() for p in comparison.results[0].params.values())
    assert [r.backend for r in comparison.results if r.agrees] == []


# ------------------------------------------------------------------------------------------- rosetta check


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_check_judge_fails_nan_or_inf(pair, dtype):
    _, a, e = pair
    actual, expected = np.array([[0.25, a]], dtype=dtype), np.array([[0.25, e]])
    for kind in ("oracle", "published"):
        outcome = judge("forward_propagation", "A2", actual, expected, m=2, kind=kind)
        assert outcome.status == FAIL, f"{kind}: {outcome}"
    cost = judge("compute_cost", "cost", np.asarray(a, dtype=dtype), np.asarray(e), m=2, scalar=True)
    assert cost.status == FAIL, str(cost)


LABELS = [
    # (id, actual, expected)
    ("nan vs 1", [nan, 1.0, 0.0], [1.0, 1.0, 0.0]),
    ("nan vs nan", [nan, 1.0, 0.0], [nan, 1.0, 0.0]),
    ("+inf vs +inf", [inf, 1.0, 0.0], [inf, 1.0, 0.0]),
    ("-inf vs -inf", [-inf, 1.0, 0.0], [-inf, 1.0, 0.0]),
    ("inf vs 1", [inf, 1.0, 0.0], [1.0, 1.0, 0.0]),
    ("1 vs nan", [1.0, 1.0, 0.0], [nan, 1.0, 0.0]),
]


@pytest.mark.parametrize("actual, expected", [c[1:] for c in LABELS], ids=[c[0] for c in LABELS])
def test_check_labels_fail_nan_or_inf(actual, expected):
    probabilities = np.array([[0.9, 0.8, 0.1]])
    outcome = labels("predict", "Y_prediction", np.array([actual]), np.array([expected]), probabilities)
    assert outcome.status == FAIL, str(outcome)

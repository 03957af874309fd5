"""The tolerance table (reference/proof/tolerances.py) is tested like code: each entry must catch the smallest error it
exists to catch, and leave what correct backends really differ by well inside.

Three kinds of evidence, each independent of the table's own numbers:

- the rule: for every entry, an error just above atol + rtol |expected| is caught and one just below is not
  (compare's semantics, NumPy's allclose rule);
- the arithmetic: each entry is pinned from above by an error derived here from the machine epsilon and the
  longest sum in the project (a 12288-term dot product), with its reason in MUST_CATCH: a looser entry lets it
  through and fails. float64 entries also catch one float32 rounding of the values, float32 ones one bfloat16
  rounding;
- the measurement: the harness's grid (tests/test_harness.py: every backend and mode, model, activation, dtype)
  uses at most a tenth of each entry, so an entry tightened below what correct backends differ by fails.

The judges built on the table are pinned the same way: rosetta check's verdict, the gradient check's bound.
"""

import math

import numpy as np
import pytest
from conftest import DTYPES
from test_harness import BACKENDS, CASES
from test_harness import report as harness_report

from reference import available_backends
from reference.check.judge import judge
from reference.proof.tolerances import FINITE_DIFFERENCE_RELATIVE_ERROR, TOLERANCES, compare, relative_error, tolerance

N_LONGEST = 12288                     # W1 X on the course's 64 x 64 x 3 cat images: the longest sum anywhere here
U = {"float64": 2.0**-53, "float32": 2.0**-24}  # unit roundoff
FORWARD = {"float64": N_LONGEST * U["float64"],                 # worst case of reordering that sum: n u
           "float32": 10 * math.sqrt(N_LONGEST) * U["float32"]}  # float32: the expected size (sqrt(n) u), x10

# The relative error each entry exists to catch, and why. An entry looser than this lets it through.
MUST_CATCH = {
    ("float64", "forward"): (2 * FORWARD["float64"], "twice the worst reordering of the longest dot product"),
    ("float64", "cost"): (2 * FORWARD["float64"], "as forward: one more sum"),
    ("float64", "update"): (2 * FORWARD["float64"], "W - alpha dW adds one rounding"),
    ("float64", "oracle"): (2 * FORWARD["float64"], "the oracle is one more summation order"),
    ("float64", "gradients"): (200 * FORWARD["float64"], "L chained products and a cancelling difference: 100x"),
    ("float64", "training_costs"): (200 * FORWARD["float64"], "thousands of steps compound the rounding: 100x"),
    ("float64", "training_params"): (2000 * FORWARD["float64"], "as the costs, parameters near 0 drift more"),
    ("float32", "forward"): (2 * FORWARD["float32"], "twice the float32 reordering allowance"),
    ("float32", "cost"): (2 * FORWARD["float32"], "as forward"),
    ("float32", "update"): (2 * FORWARD["float32"], "as forward"),
    ("float32", "oracle"): (2 * FORWARD["float32"], "the oracle in float64 against float32: as forward"),
    ("float32", "gradients"): (20 * FORWARD["float32"], "chained products and cancellation: 10x forward"),
    ("float32", "training_costs"): (20 * FORWARD["float32"], "30 steps of drift: 10x forward"),
    ("float32", "training_params"): (200 * FORWARD["float32"], "parameters drift 10x more than the cost"),
    ("float64", "probabilities"): (2000 * FORWARD["float64"], "as training_params: A[L] of trained parameters"),
    ("float32", "probabilities"): (200 * FORWARD["float32"], "as training_params"),
    ("float64", "published"): (1e-8, "one unit in the last of the 8 decimals the course prints"),
    ("float32", "published"): (2 * FORWARD["float32"] / 10, "8 printed decimals plus one float32 rounding"),
}

ENTRIES = [(dtype, quantity) for dtype in TOLERANCES for quantity in TOLERANCES[dtype]]
IDS = [f"{dtype}-{quantity}" for dtype, quantity in ENTRIES]


def typical(seed=0):
    """Values like the quantities': magnitudes from 1e-3 to 10, both signs, and an exact zero."""
    rng = np.random.default_rng(seed)
    values = rng.standard_normal(200) * np.exp(rng.uniform(np.log(1e-3), np.log(10), 200))
    values[0] = 0.0
    return values


def test_every_entry_has_both_dtypes_and_a_reason():
    assert set(TOLERANCES["float64"]) == set(TOLERANCES["float32"])
    for dtype, quantity in ENTRIES:
        entry = tolerance(dtype, quantity)
        assert entry.rtol >= 0 and entry.atol >= 0 and len(entry.reason) > 20, (dtype, quantity)
        assert (dtype, quantity) in MUST_CATCH or quantity == "predictions", (dtype, quantity)


@pytest.mark.parametrize("dtype, quantity", ENTRIES, ids=IDS)
def test_an_error_just_above_the_entry_is_caught_and_just_below_is_not(dtype, quantity):
    entry = tolerance(dtype, quantity)
    expected = typical()
    allowed = entry.atol + entry.rtol * np.abs(expected)
    for k in range(0, 200, 37):
        above, below = expected.copy(), expected.copy()
        # an entry with no allowance (predictions): one ulp away is already a difference
        above[k] = expected[k] + 1.01 * allowed[k] if allowed[k] else np.nextafter(expected[k], np.inf)
        below[k] += 0.99 * allowed[k]
        assert not compare(above, expected, dtype, quantity).ok, k
        assert compare(below, expected, dtype, quantity).ok, k


@pytest.mark.parametrize("dtype, quantity", [e for e in ENTRIES if e[1] != "predictions"],
                         ids=[i for i, e in zip(IDS, ENTRIES, strict=True) if e[1] != "predictions"])
def test_the_entry_catches_the_error_it_exists_to_catch(dtype, quantity):
    """A relative error of MUST_CATCH on values of magnitude 0.5 to 1 (where atol no longer helps) is caught."""
    error, why = MUST_CATCH[(dtype, quantity)]
    expected = np.linspace(0.5, 1.0, 50)
    assert not compare(expected * (1 + error), expected, dtype, quantity).ok, why


def test_a_single_flipped_label_is_caught():
    expected = np.array([[0.0, 1.0, 1.0, 0.0]])
    for dtype in DTYPES:
        assert not compare(np.array([[0.0, 1.0, 0.0, 0.0]]), expected, dtype, "predictions").ok


# (actual, expected) shapes that broadcast against each other but are not equal: the course's A[L] and Y are (1, m),
# its db and b (n, 1), its cost a scalar; a backend that drops or adds a dimension has a bug even where the values fit
BROADCASTABLE = [((1,), (1, 1)), ((5,), (1, 5)), ((4,), (4, 1)), ((), (1, 1)), ((1, 1), ()), ((1, 5), (5,))]


@pytest.mark.parametrize("shape, expected_shape", BROADCASTABLE, ids=[f"{a}-for-{e}" for a, e in BROADCASTABLE])
def test_equal_values_in_another_shape_fail_and_name_both_shapes(shape, expected_shape):
    """The same numbers reshaped: no tolerance lets them through, and the failure names both shapes."""
    values = np.linspace(0.5, 1.0, int(np.prod(expected_shape)))
    for dtype in DTYPES:
        assert compare(values.reshape(expected_shape), values.reshape(expected_shape), dtype, "forward").ok
        result = compare(values.reshape(shape), values.reshape(expected_shape), dtype, "forward")
        assert not result.ok and result.shapes_differ
        assert f"SHAPE MISMATCH: shape {shape}, expected shape {expected_shape}" in str(result), str(result)


@pytest.mark.parametrize("quantity", [q for q in TOLERANCES["float64"] if q not in ("predictions", "published")])
def test_float64_entries_catch_one_float32_rounding(quantity):
    """The float32 leak in a float64 run: the values rounded once through float32 (a relative error up to 6e-8)."""
    expected = typical(1) * np.pi
    leaked = expected.astype(np.float32).astype(np.float64)
    assert not compare(leaked, expected, "float64", quantity).ok


@pytest.mark.parametrize("quantity", [q for q in TOLERANCES["float32"] if q not in ("predictions", "published")])
def test_float32_entries_catch_one_bfloat16_rounding(quantity):
    """A bfloat16 product in a float32 run (8 significant bits: a relative error up to 2e-3)."""
    expected = typical(2).astype(np.float32) * np.float32(np.pi)
    bits = expected.view(np.uint32) & np.uint32(0xFFFF0000)  # bfloat16: float32 with its low 16 bits cut
    leaked = bits.view(np.float32).astype(np.float64)
    assert not compare(leaked, expected.astype(np.float64), "float32", quantity).ok


def _used(actual, expected, dtype, quantity) -> float:
    """The largest fraction of the entry's allowance that ``actual`` uses."""
    entry = tolerance(dtype, quantity)
    a, e = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    allowed = entry.atol + entry.rtol * np.abs(e)
    return float(np.max(np.abs(a - e) / allowed)) if a.size else 0.0


@pytest.fixture(scope="module")
def measured():
    """For each entry, the largest fraction of it that any backend of the harness's grid uses against NumPy."""
    worst: dict[tuple[str, str], float] = {}
    for backend in BACKENDS:
        if backend.partition(":")[0] not in available_backends():
            continue
        for model, activation in CASES:
            for dtype in DTYPES:
                runs = harness_report(backend, model, activation, dtype).runs
                run, reference = runs[backend], runs["numpy"]
                pairs = [("forward", run.forward, reference.forward), ("cost", run.cost, reference.cost),
                         ("training_costs", run.training_costs, reference.training_costs)]
                pairs += [("gradients", run.gradients[k], reference.gradients[k]) for k in reference.gradients]
                pairs += [("update", run.update[k], reference.update[k]) for k in reference.update]
                pairs += [("training_params", run.training_params[k], reference.training_params[k])
                          for k in reference.training_params]
                for quantity, actual, expected in pairs:
                    key = (dtype, quantity)
                    worst[key] = max(worst.get(key, 0.0), _used(actual, expected, dtype, quantity))
    if not worst:
        pytest.skip("no framework installed: nothing to measure")
    return worst


@pytest.mark.parametrize("dtype, quantity", [(d, q) for d in DTYPES for q in
                                             ("forward", "cost", "gradients", "update", "training_costs",
                                              "training_params")])
def test_correct_backends_use_at_most_a_tenth_of_the_entry(measured, dtype, quantity):
    print(f"{dtype} {quantity}: {measured[(dtype, quantity)]:.2e} of the entry")
    assert measured[(dtype, quantity)] <= 0.1, f"{dtype} {quantity}: {measured[(dtype, quantity)]:.3g} of the entry"


# ---------------------------------------------------------------- the judges built on the table

def test_rosetta_check_judges_float64_code_at_float64():
    """A learner's float64 result with one float32 rounding in it fails; the same values as float32 code pass."""
    expected = typical(3)[1:] * np.pi
    assert not judge("f", "q", expected.astype(np.float32).astype(np.float64), expected, 8).ok
    assert judge("f", "q", expected.astype(np.float32), expected, 8).ok


def test_the_gradient_check_bound_catches_a_gradient_off_by_3e_7():
    """||g (1 + e) - g|| / (||g (1 + e)|| + ||g||) = e / (2 + e): the bound 1e-7 catches any e above 2e-7, a float32
    rounding of the gradient (up to 6e-8 per entry) included when it is systematic; how well inside it correct
    gradients are is measured in tests/test_gradient_check.py."""
    g = typical(4)
    assert relative_error(g * (1 + 3e-7), g) > FINITE_DIFFERENCE_RELATIVE_ERROR
    assert relative_error(g * (1 + 1e-7), g) < FINITE_DIFFERENCE_RELATIVE_ERROR
    assert not relative_error(np.array([np.nan, 1.0]), np.array([1.0, 1.0])) < FINITE_DIFFERENCE_RELATIVE_ERROR

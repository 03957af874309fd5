"""The ensemble's rule (reference/proof/ensemble.py) tested at its boundaries, the way tests/test_tolerance_table.py
tests the table: synthetic cost curves, no training, so that each number the rule must give is known beforehand.

The rule, as the module states it: a run is consistent while D(t), its largest |deviation| from the reference up to
iteration t, stays within K M(t) + FLOOR_ULPS sqrt(m) ulp(J(t)), M(t) the largest |deviation| of any member up to t
and ulp(J(t)) the spacing of the reference cost in the run's dtype. The expected envelope is computed here from that
sentence, with the ulp from the binary exponent (2^(e - 52) in float64, 2^(e - 23) in float32), not by the module's
code. Each probe takes the ensemble module as its argument, so that tests/test_harness_catches_bugs.py runs the same
probes on copies of the module with a slip planted, each slip under the probe that catches it.
"""

import math
from pathlib import Path

import numpy as np
import pytest

from reference.proof import ensemble

T, M_EXAMPLES = 400, 300
MANTISSA_BITS = {"float64": 52, "float32": 23}
EARLY, LATE = 20, 350


def ulp(value, dtype):
    """The spacing of the floating-point numbers at |value| in ``dtype``, from its binary exponent."""
    return 2.0 ** (math.floor(math.log2(abs(value))) - MANTISSA_BITS[dtype])


def reference_curve(falling=False):
    """A cost between 0.25 and 0.45, one binade, so that its ulp is the same throughout; or (``falling``) one falling
    from 0.69 to 0.05, like a training run's, whose ulp shrinks by a factor of 16 on the way."""
    t = np.arange(T)
    return 0.05 + 0.64 * np.exp(-t / 60.0) if falling else 0.3 + 0.15 * np.exp(-t / 60.0)


def synthetic(module, dtype, spread, falling=False):
    """An ensemble of four members around the reference curve: member i deviates by +-spread(t) (float64)."""
    reference = reference_curve(falling)
    members = np.array([reference + sign * spread for sign in (1, -1, 0.5, -0.25)])
    norms = np.ones(4)
    return module.Ensemble(dtype, reference, members, norms, np.tile(norms, (4, 1)), m=M_EXAMPLES)


def allowed(dtype, spread, falling=False):
    """K M(t) + FLOOR_ULPS sqrt(m) ulp(J(t)), from the rule's sentence."""
    running = np.maximum.accumulate(np.abs(spread))
    floor = np.array([ensemble.FLOOR_ULPS * math.sqrt(M_EXAMPLES) * ulp(j, dtype) for j in reference_curve(falling)])
    return ensemble.K * running + floor


def noisy_spread():
    """Members' spread: rounding-sized, growing, with quiet stretches where M(t) stays at an earlier maximum."""
    t = np.arange(T)
    return 1e-13 * (1 + t / 50.0) * np.abs(np.sin(t / 7.0))


def probe_just_inside_and_just_outside(module):
    """A deviation at 0.999 of the envelope at one iteration passes; at 1.001 the run leaves there, early or late."""
    for dtype in ("float64", "float32"):
        spread = noisy_spread() * (1 if dtype == "float64" else 2.0**29)
        ens, limit = synthetic(module, dtype, spread), allowed(dtype, spread)
        for t in (EARLY, LATE):
            for factor, first in ((0.999, None), (1.001, t)):
                run = ens.reference.copy()
                run[t] += factor * limit[t]
                verdict = ens.judge(run)
                assert verdict.first_exit == first, (dtype, t, factor, str(verdict))
                assert verdict.consistent is (first is None)


def probe_a_deviation_is_not_forgiven(module):
    """D(t) is a running maximum: a deviation the envelope allowed while the cost (and its ulp) was large leaves the
    ensemble at the first later iteration whose envelope is below it, although the run is exact from then on."""
    dtype = "float64"
    spread = np.zeros(T)  # the members agree with the reference to the bit: the envelope is the floor alone
    ens, limit = synthetic(module, dtype, spread, falling=True), allowed(dtype, spread, falling=True)
    run = ens.reference.copy()
    run[EARLY] += 0.9 * limit[EARLY]
    expected = int(np.argmax(limit < 0.9 * limit[EARLY]))  # the floor halves when the cost crosses a power of two
    assert EARLY < expected < T
    assert ens.judge(run).first_exit == expected


def probe_a_drift_of_small_steps(module):
    """A systematic drift whose every single step is inside the members' noise still leaves, where its sum crosses
    the envelope: the slow bugs (a learning rate rounded to float16, a bias update skipped) look like this."""
    dtype = "float64"
    spread = np.full(T, 1e-12)
    ens, limit = synthetic(module, dtype, spread), allowed(dtype, spread)
    step = 0.5e-12                                   # each step half the members' spread
    deviation = step * np.arange(T)
    expected = int(np.argmax(deviation > limit))     # where the sum first exceeds K M(t) + floor(t)
    assert 0 < expected < T
    assert ens.judge(ens.reference + deviation).first_exit == expected


def probe_the_floor_in_each_dtype(module):
    """Where every member agrees with the reference to the bit, FLOOR_ULPS sqrt(m) ulps of the run's own dtype are
    still allowed: 0.99 of them pass and 1.01 leave, in float64 and in float32 (whose ulp is 2^29 times larger),
    early and late."""
    for dtype in ("float64", "float32"):
        ens = synthetic(module, dtype, np.zeros(T))
        for t in (EARLY, LATE):
            floor = ensemble.FLOOR_ULPS * math.sqrt(M_EXAMPLES) * ulp(ens.reference[t], dtype)
            for factor, first in ((0.99, None), (1.01, t)):
                run = ens.reference.copy()
                run[t] -= factor * floor
                assert ens.judge(run).first_exit == first, (dtype, t, factor)


def probe_undecided_per_example(module):
    """One member flipping one label leaves that example undecided and no other."""
    m = 10
    reference = np.array([0, 1] * (m // 2), dtype=np.float64)
    members = np.tile(reference, (5, 1))
    members[3, 7] = 1 - members[3, 7]
    ens = synthetic(module, "float64", np.zeros(T))
    ens.member_predictions = members
    undecided = ens.undecided(reference[None, :])
    assert np.shape(undecided) == (m,)
    assert np.flatnonzero(undecided).tolist() == [7]


def probe_leave_one_out(module):
    """A member far from the others leaves their envelope, judged against them and not against itself; the others,
    judged with it among theirs, stay consistent."""
    spread = noisy_spread()
    ens = synthetic(module, "float64", spread)
    ens.members[0, LATE:] = ens.reference[LATE:] + 100 * spread.max()
    verdicts = ens.leave_one_out()
    assert [v.consistent for v in verdicts] == [False, True, True, True], [str(v) for v in verdicts]
    assert verdicts[0].first_exit == LATE


def probe_the_norms_rule(module):
    """The final parameters' norms, each against its own allowance K max|member - reference| + FLOOR_ULPS sqrt(m)
    ulps (no running maximum across parameters): 0.99 of it inside, 1.01 outside, for a parameter whose members
    spread 1000 times less than the one before it."""
    reference_norms = np.array([0.7, 0.3])
    spread = np.array([1e-10, 1e-13])
    ens = synthetic(module, "float64", np.zeros(T))
    ens.reference_norms = reference_norms
    ens.member_norms = reference_norms + np.array([1, -1, 0.5, -0.25])[:, None] * spread
    floor = ensemble.FLOOR_ULPS * math.sqrt(M_EXAMPLES) * ulp(reference_norms[1], "float64")
    for factor, outside in ((0.99, False), (1.01, True)):
        norms = reference_norms + np.array([0.0, factor * (ensemble.K * spread[1] + floor)])
        verdict = ens.judge(ens.reference, norms_of_params=norms)
        assert verdict.params_outside is outside and verdict.consistent, (factor, str(verdict))


def probe_a_members_problem(module):
    """A member's problem: the examples in another order (X and Y alike), X, every initial parameter and the
    learning rate each moved by exactly NUDGE_ULPS ulps of the dtype (the spacing from np.spacing), a learning
    rate past the dtype's range left as given, and exact zeros (the course's biases) left zero."""
    rng = np.random.default_rng(0)
    X = np.linspace(0.3, 0.45, 15).reshape(3, 5)    # one binade: every entry's ulp is the same
    Y = np.arange(5.0)[None, :] / 8                 # each example's label names it, exactly
    params = {"W1": np.full((4, 3), 0.3), "b1": np.full((4, 1), 0.35)}
    for dtype in ("float64", "float32"):
        Xm, Ym, pm, alpha = module.member_problem(X, Y, params, 0.0075, rng, dtype)
        order = np.rint(Ym[0] * 8).astype(int)
        assert sorted(order) == list(range(5)) and Xm.dtype == dtype
        moved = {"X": (Xm, X[:, order]), **{k: (pm[k], v) for k, v in params.items()},
                 "learning rate": (np.asarray(alpha, dtype), np.asarray(0.0075))}
        for name, (value, start) in moved.items():
            start = start.astype(dtype)
            steps = np.abs(value.astype(np.float64) - start) / np.spacing(start).astype(np.float64)
            assert np.all(steps == ensemble.NUDGE_ULPS), (dtype, name, steps)
    assert module.member_problem(X, Y, params, 1e300, rng, "float32")[3] == 1e300
    zero = module.member_problem(X, Y, {"b1": np.zeros((4, 1))}, 0.0075, rng, "float64")[2]["b1"]
    assert np.all(zero == 0), "a zero bias moved to a denormal (a dead relu unit revived)"


PROBES = {"just_inside_and_just_outside": probe_just_inside_and_just_outside,
          "a_deviation_is_not_forgiven": probe_a_deviation_is_not_forgiven,
          "a_drift_of_small_steps": probe_a_drift_of_small_steps,
          "the_floor_in_each_dtype": probe_the_floor_in_each_dtype,
          "undecided_per_example": probe_undecided_per_example,
          "leave_one_out": probe_leave_one_out,
          "the_norms_rule": probe_the_norms_rule,
          "a_members_problem": probe_a_members_problem}


@pytest.mark.parametrize("name", PROBES)
def test_the_rule(name):
    PROBES[name](ensemble)


def test_the_docs_give_the_rules_constants():
    """docs/compare.md and docs/proof.md state N_MEMBERS, K and FLOOR_ULPS in words: read here from the module."""
    root = Path(__file__).resolve().parents[1]
    compare_page = " ".join((root / "docs" / "compare.md").read_text().split())
    proof_page = " ".join((root / "docs" / "proof.md").read_text().split())
    assert f"N_MEMBERS = {ensemble.N_MEMBERS} more times" in compare_page
    assert f"within {ensemble.K:g} times the ensemble's (plus a floor of {ensemble.FLOOR_ULPS} sqrt(m) ulps" in compare_page
    assert f"N_MEMBERS is now {ensemble.N_MEMBERS}" in proof_page
    assert f"The cost: {ensemble.N_MEMBERS} more NumPy runs per model" in proof_page

"""NumPy's initializers hit their target standard deviation (reference.proof.oracle.init_std).

A z-test on the sample variance: for s^2 of N independent normal draws with variance sigma^2,
(s^2 - sigma^2) / (sigma^2 sqrt(2 / N)) is about standard normal, so |z| < 4 fails a correct
initializer with probability 6e-5, and the seed is fixed, so the test is deterministic. A factor of
sqrt(2) off in the std (he vs xavier) gives z near 700 on a 12288 -> 20 layer.
"""

import numpy as np
import pytest

import impl_numpy
from reference.proof.oracle import init_std
from reference.validation import INITIALIZERS

N_IN, N_OUT = 12288, 20


def variance_z(W, sigma):
    return (W.var() - sigma**2) / (sigma**2 * np.sqrt(2 / W.size))


@pytest.mark.parametrize("init", [i for i in INITIALIZERS if i != "zeros"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_standard_deviation(init, dtype):
    params = impl_numpy.initializers.initialize_parameters([N_IN, N_OUT, 1], init=init, seed=0, dtype=dtype)
    W1 = params["W1"]
    assert W1.shape == (N_OUT, N_IN) and W1.dtype == np.dtype(dtype)
    assert abs(W1.mean()) < 4 * init_std(init, N_IN, N_OUT) / np.sqrt(W1.size)
    z = variance_z(W1.astype(np.float64), init_std(init, N_IN, N_OUT))
    assert abs(z) < 4, f"variance z = {z:.1f}"
    assert not params["b1"].any() and params["b1"].shape == (N_OUT, 1)


def test_the_z_test_can_fail():
    """He's std is sqrt(2) times the course's xavier: testing one against the other's target fails."""
    W1 = impl_numpy.initializers.initialize_parameters([N_IN, N_OUT, 1], init="he", seed=0)["W1"]
    assert abs(variance_z(W1, init_std("xavier", N_IN, N_OUT))) > 100


def test_zeros():
    params = impl_numpy.initializers.initialize_parameters([3, 4, 1], init="zeros")
    assert all(not v.any() for v in params.values())


def test_the_assignments_random_initialization_gives_the_courses_published_weights():
    """Course 2, week 1, the initialization assignment: initialize_parameters_random([3, 2, 1]) with its seed 3 prints
    these weights (the notebook's expected output, 8 decimals); b is zero."""
    params = impl_numpy.initializers.initialize_parameters([3, 2, 1], init="random", seed=3)
    np.testing.assert_allclose(params["W1"], [[17.88628473, 4.36509851, 0.96497468],
                                              [-18.63492703, -2.77388203, -3.54758979]], rtol=0, atol=5e-9)
    np.testing.assert_allclose(params["W2"], [[-0.82741481, -6.27000677]], rtol=0, atol=5e-9)
    assert not params["b1"].any() and not params["b2"].any()

"""Each framework's own dropout layer is the course's inverted dropout in law (layers.dropout_layer).

The course's forward_propagation_with_dropout keeps each unit with probability keep_prob and divides the kept ones by
keep_prob: A = A * D / keep_prob with D ~ Bernoulli(keep_prob). A framework's dropout layer takes the rate of
DROPPING, ``p`` (torch) or ``rate`` (Keras, Flax), so the course's keep_prob = 0.8 is p = 0.2; given keep_prob as p it
keeps 20% of the units and multiplies them by 5. Expected numbers come from the Bernoulli law: on N = 40000 units
the kept fraction is keep_prob within 5 standard deviations, sqrt(keep_prob (1 - keep_prob) / N) = 0.002 at 0.8.
The layer draws a fresh mask at every call (the course's notebook, seeding inside its forward pass, keeps one), and
drops nothing at inference.
"""

import numpy as np
import pytest

from reference import available_backends, get_backend

FRAMEWORKS = ["torch", "tf", "jax"]
SHAPE = (200, 200)  # examples as rows, units as columns: N = 40000 units


def require(backend):
    if backend not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")


def apply(package, layer, A, training):
    """The layer on A (NumPy) as its framework calls it, in training or inference mode; the result as NumPy."""
    name = package.NAME
    x = package.asarray(A, "float32")
    if name == "torch":
        layer.train(training)
        return package.to_numpy(layer(x).detach())
    if name == "tf":
        return package.to_numpy(layer(x, training=training))
    return package.to_numpy(layer(x, deterministic=not training))


def check_dropout_law(package, keep_prob=0.8, seed=0):
    """dropout_layer(keep_prob) of ``package``: values 0 or 1/keep_prob, the kept fraction keep_prob in law, a fresh
    mask at each call, the identity at inference."""
    layer = package.layers.dropout_layer(keep_prob, seed)
    ones = np.ones(SHAPE, np.float32)
    first, second = apply(package, layer, ones, True), apply(package, layer, ones, True)
    scale = np.float32(1) / np.float32(keep_prob)
    kept = float(np.mean(first != 0))
    sd = np.sqrt(keep_prob * (1 - keep_prob) / first.size)
    assert abs(kept - keep_prob) < 5 * sd, f"kept {kept:.4f} of the units, expected keep_prob {keep_prob}"
    assert set(np.unique(first).tolist()) <= {0.0, float(scale)}, f"values {np.unique(first)[:5]}, not 0 or {scale}"
    assert abs(float(np.mean(first)) - 1) < 5 * sd * scale, "E[A] changed: the kept units are not scaled"
    assert np.mean((first != 0) != (second != 0)) > 0.1, "the same mask twice: a fresh one is drawn at every step"
    np.testing.assert_array_equal(apply(package, layer, ones, False), ones)


@pytest.mark.parametrize("keep_prob", [0.8, 0.5])
@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_the_frameworks_dropout_is_the_courses_in_law(backend, keep_prob):
    require(backend)
    check_dropout_law(get_backend(backend), keep_prob)


@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_keep_prob_given_as_the_rate_is_caught(backend):
    """The learner's slip, nn.Dropout(keep_prob): the layer keeps 1 - keep_prob of the units, which the law sees."""
    require(backend)
    package = get_backend(backend)

    class Slip:  # dropout_layer called with the keep probability where the framework wants the rate
        NAME, asarray, to_numpy = package.NAME, package.asarray, package.to_numpy
        layers = type("layers", (), {"dropout_layer": staticmethod(
            lambda keep_prob, seed=0: package.layers.dropout_layer(1 - keep_prob, seed))})

    with pytest.raises(AssertionError, match=r"kept 0\.(19|20)\d* of the units, expected keep_prob 0.8"):
        check_dropout_law(Slip, 0.8)


@pytest.mark.parametrize("backend", ["numpy", *FRAMEWORKS])
def test_each_backends_masks_follow_the_courses_law(backend):
    """regularization.dropout_masks with the backend's own generator: D[l] of 0 and 1 for the hidden layers only,
    keep_prob of them 1 (within 5 standard deviations), the same masks from the same seed, other layers other draws."""
    require(backend)
    package = get_backend(backend)
    with package.precision("float32"):
        masks = package.regularization.dropout_masks([3, 400, 300, 1], 50, 0.8, seed=1, dtype="float32")
        again = package.regularization.dropout_masks([3, 400, 300, 1], 50, 0.8, seed=1, dtype="float32")
    masks = {key: package.to_numpy(D) for key, D in masks.items()}
    assert [(key, D.shape, D.dtype) for key, D in masks.items()] == [("D1", (400, 50), np.float32),
                                                                     ("D2", (300, 50), np.float32)]
    for key, D in masks.items():
        assert set(np.unique(D).tolist()) <= {0.0, 1.0}
        assert abs(float(D.mean()) - 0.8) < 5 * np.sqrt(0.8 * 0.2 / D.size), key
        np.testing.assert_array_equal(package.to_numpy(again[key]), D)
    assert not np.array_equal(masks["D1"][:300], masks["D2"])


@pytest.mark.parametrize("backend", FRAMEWORKS)
def test_a_network_with_the_frameworks_dropout_drops_in_training_only(backend):
    """layers.build(keep_prob=0.5): in training two forward passes differ (fresh masks); at inference the network is
    the plain one, NumPy's deep_nn forward pass within the float64 table."""
    require(backend)
    import impl_numpy
    from reference.proof.tolerances import compare

    package = get_backend(backend)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 8))
    params = impl_numpy.deep_nn.initialize_parameters([3, 5, 4, 1], "he", 0)
    with package.precision("float64"):
        model = package.layers.load_params(package.layers.build([3, 5, 4, 1], "relu", "float64", keep_prob=0.5),
                                           params)
        x = package.asarray(X)
        train_1, train_2 = (package.to_numpy(package.layers.forward(model, x, training=True)) for _ in range(2))
        inference = package.to_numpy(package.layers.forward(model, x))
    assert not np.array_equal(train_1, train_2)
    assert compare(inference, impl_numpy.deep_nn.forward_propagation(X, params, "relu")[0], "float64", "forward").ok

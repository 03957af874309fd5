"""Random draws of every backend's initializers: the named law, independent layers and seeds, no global state.

For each backend (numpy, torch, tf, jax; one whose framework is not installed is skipped) and each family:

1. Distribution, not only variance: a (200, 300) draw, 60000 values, divided by its target standard deviation,
   follows the named law by a Kolmogorov-Smirnov test: the standard normal for random_small, xavier, glorot
   and he; for tf's and jax's he_truncated and glorot_truncated, the normal truncated at +-2 and rescaled to
   variance 1. A uniform of the same variance, and each normal family against the other, are rejected.
2. Independence: the layers of one initialize_parameters call, and the same layer for seeds 0 and 1, are
   not equal and not correlated. A generator reseeded, or a key reused, for every layer is caught.
3. No global state: NumPy's legacy np.random, torch's default generator and TF's global seed and global
   generator give the same numbers whether or not a backend's initializer ran in between. An initializer
   that seeds and draws from one of them, as the course's own initialize_parameters_deep does with
   np.random.seed(3), is caught.

Expected numbers come from the math, not from another backend (every framework's generator differs): the
laws from scipy.stats, the standard deviations from reference.proof.oracle.init_std, the correlation bound from
r ~ N(0, 1/k) for k independent pairs, and a global generator's numbers from the same generator, reseeded,
with no call in between. The seeds are fixed, so every test is deterministic.
"""
# ruff: noqa: NPY002  (section 3 seeds and draws from the legacy global np.random on purpose)

import importlib
import importlib.util
import itertools
import math

import numpy as np
import pytest

from reference import available_backends, get_backend
from reference.proof.oracle import init_std

stats = pytest.importorskip("scipy.stats")

BACKENDS = ("numpy", "torch", "tf", "jax")
PLAIN = ("random_small", "xavier", "glorot", "he")  # every backend's INITIALIZERS, less zeros
TRUNCATED = {"he_truncated": "he", "glorot_truncated": "glorot"}  # tf's and jax's extras -> the std they target
HAS_TRUNCATED = ("tf", "jax")
N_OUT, N_IN = 200, 300  # W (n[l], n[l-1]): 60000 values

# A correct initializer fails the KS test with probability P_MIN. There are 20 (backend, family) draws here
# (4 backends x 4 plain families, and 2 truncated in tf and jax), 28 at most if every family existed
# everywhere, so a correct suite raises a false alarm with probability below 28e-3 < 3% (in fact the families
# of one backend rescale one standard-normal draw from seed 0, so there are 6 distinct KS statistics).
# Measured (CPU; numpy 2.4, scipy 1.17, torch 2.13, tf 2.21, jax 0.10): p in [0.0037, 0.94]; the smallest is
# jax's truncated draw from jax.random.key(0), whose p-values over keys 0..299 are uniform (KS p = 0.25), so
# chance. The laws the tests below must reject score p <= 1.1e-13.
P_MIN = 1e-3


def cases(families, backends=BACKENDS):
    return [pytest.param(backend, family, id=f"{backend}-{family}") for backend in backends for family in families]


ALL_CASES = cases(PLAIN) + cases(TRUNCATED, HAS_TRUNCATED)


def load(name):
    if name not in available_backends():
        pytest.skip(f"backend {name!r}: its framework is not installed")
    return get_backend(name)


def fresh_rng(name, seed):
    """The generator each backend's initialize_parameters makes from ``seed`` before its first layer."""
    if name == "numpy":
        return np.random.RandomState(seed)
    if name == "torch":
        return importlib.import_module("torch").Generator().manual_seed(seed)
    if name == "tf":
        return importlib.import_module("tensorflow").random.Generator.from_seed(seed)
    return importlib.import_module("jax").random.key(seed)


def draw(name, family, seed=0):
    """W (N_OUT, N_IN), float64 NumPy: from initialize_parameters, or an extra (truncated) initializer by itself."""
    B = load(name)
    with B.precision("float64"):
        if family in B.initializers.INITIALIZERS:
            W = B.initializers.initialize_parameters([N_IN, N_OUT], family, seed, "float64")["W1"]
        else:
            W = getattr(B.initializers, family)((N_OUT, N_IN), fresh_rng(name, seed), "float64")
        return B.to_numpy(W)


def target_std(family):
    return init_std(TRUNCATED.get(family, family), N_IN, N_OUT)


def standard_law(family):
    """W / target_std's law: N(0, 1), or N(0, 1) truncated at +-2 and divided by its std 0.8796 (variance 1)."""
    if family in TRUNCATED:
        return stats.truncnorm(-2, 2, scale=1 / stats.truncnorm(-2, 2).std())
    return stats.norm()


def ks_pvalue(W, sigma, law):
    return stats.kstest(np.ravel(W) / sigma, law.cdf).pvalue


# --- 1. distribution --------------------------------------------------------------------------------


@pytest.mark.parametrize(("backend", "family"), ALL_CASES)
def test_draws_follow_the_named_law(backend, family):
    """Expected: standard_law(family) for W / init_std, by KS at P_MIN (which also checks the scale)."""
    p = ks_pvalue(draw(backend, family), target_std(family), standard_law(family))
    assert p > P_MIN, f"{backend} {family}: KS p = {p:.3g}"


def test_ks_rejects_a_uniform_with_the_same_variance():
    """torch.nn.init.xavier_uniform_'s law, U(-a, a) with a = sqrt(6 / (n_in + n_out)) = sqrt(3) * glorot's
    std: a z-test on the variance, as in test_initializers.py, passes it; KS against the normal does not."""
    sigma = target_std("glorot")
    W = np.random.default_rng(0).uniform(-math.sqrt(3) * sigma, math.sqrt(3) * sigma, (N_OUT, N_IN))
    variance_z = (np.mean(W**2) - sigma**2) / (sigma**2 * math.sqrt(2 / W.size))
    assert abs(variance_z) < 4
    assert ks_pvalue(W, sigma, standard_law("glorot")) < 1e-10


@pytest.mark.parametrize(("backend", "family"), cases(TRUNCATED, HAS_TRUNCATED))
def test_ks_tells_the_truncated_normal_from_the_plain_one(backend, family):
    """Both have the same variance; each is rejected against the other's law."""
    plain = TRUNCATED[family]
    assert ks_pvalue(draw(backend, family), target_std(family), standard_law(plain)) < 1e-10
    assert ks_pvalue(draw(backend, plain), target_std(plain), standard_law(family)) < 1e-10


# --- 2. independence --------------------------------------------------------------------------------

LAYER_DIMS = {"same-shapes": [50, 50, 50, 50], "different-shapes": [40, 50, 60]}


def standardized_layers(B, params, family, layer_dims):
    """Each W[l] flattened and divided by its target std."""
    return [B.to_numpy(params[f"W{l}"]).ravel() / init_std(family, layer_dims[l - 1], layer_dims[l])
            for l in range(1, len(layer_dims))]


def dependent_pairs(draws):
    """(i, j, r) for each pair of draws that is equal or correlated on its first k = min(size) values.

    Under independence r is about N(0, 1/k), so |r| >= 4 / sqrt(k) flags an independent pair with probability
    6e-5: 96 pairs are checked here, a false alarm below 1%. k >= 2000, so the bound is at most 0.09.
    Measured: |r| <= 0.044 (median 0.016) on bounds of 0.08 and 0.089; a reused key gives |r| = 1.
    """
    flagged = []
    for (i, a), (j, b) in itertools.combinations(enumerate(draws), 2):
        k = min(a.size, b.size)
        r = np.corrcoef(a[:k], b[:k])[0, 1]
        if np.array_equal(a[:k], b[:k]) or abs(r) >= 4 / math.sqrt(k):
            flagged.append((i, j, r))
    return flagged


def initialize(B, layer_dims, family, seed, initialize_parameters=None):
    initialize_parameters = initialize_parameters or B.initializers.initialize_parameters
    with B.precision("float64"):
        params = initialize_parameters(layer_dims, family, seed, "float64")
        return standardized_layers(B, params, family, layer_dims)


@pytest.mark.parametrize("layer_dims", LAYER_DIMS.values(), ids=LAYER_DIMS.keys())
@pytest.mark.parametrize(("backend", "family"), cases(PLAIN))
def test_layers_are_independent(backend, family, layer_dims):
    """Expected: no pair of layers flagged (the truncated extras have no initialize_parameters to check)."""
    assert dependent_pairs(initialize(load(backend), layer_dims, family, seed=0)) == []


@pytest.mark.parametrize(("backend", "family"), cases(PLAIN))
def test_seeds_are_independent(backend, family):
    """Expected: W[l] for seed 0 and W[l] for seed 1 are not flagged, for every l."""
    B, layer_dims = load(backend), LAYER_DIMS["different-shapes"]
    for W_seed0, W_seed1 in zip(initialize(B, layer_dims, family, 0), initialize(B, layer_dims, family, 1),
                                strict=True):
        assert dependent_pairs([W_seed0, W_seed1]) == []


def reseeded_per_layer(B):
    """A planted initialize_parameters that makes a fresh generator from ``seed`` for every layer: NumPy's
    np.random.RandomState(seed) each time, or JAX's jax.random.key(seed) used unsplit for every layer."""
    def initialize_parameters(layer_dims, init, seed, dtype):
        initializer = B.initializers.INITIALIZERS[init]
        return {f"W{l}": initializer((layer_dims[l], layer_dims[l - 1]), fresh_rng(B.NAME, seed), dtype)
                for l in range(1, len(layer_dims))}
    return initialize_parameters


@pytest.mark.parametrize("layer_dims", LAYER_DIMS.values(), ids=LAYER_DIMS.keys())
@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_the_independence_check_catches_a_reused_key(backend, layer_dims):
    """Every pair of layers is flagged with |r| = 1: the same stream gives the same first k values, whatever
    the shape (for JAX, because jax_threefry_partitionable, the default since JAX 0.5, draws value i from
    counter i)."""
    B = load(backend)
    draws = initialize(B, layer_dims, "he", 0, initialize_parameters=reseeded_per_layer(B))
    flagged = dependent_pairs(draws)
    assert len(flagged) == math.comb(len(draws), 2)
    assert all(abs(r) > 1 - 1e-9 for _, _, r in flagged)


# --- 3. global generators ---------------------------------------------------------------------------

# name -> (framework, reseed(framework, seed), draw five numbers(framework)). TF's global seed acts through
# op-level seeds that count the random ops run since tf.random.set_seed, so an unseeded TF op inside the
# initializer shows as a changed tf.random.uniform; its global tf.random.Generator is a separate stream.
GLOBAL_GENERATORS = {
    "np.random": ("numpy", lambda np_, seed: np_.random.seed(seed), lambda np_: np_.random.rand(5)),
    "torch": ("torch", lambda torch, seed: torch.manual_seed(seed), lambda torch: torch.rand(5).numpy()),
    "tf.random.set_seed": ("tensorflow", lambda tf, seed: tf.random.set_seed(seed),
                           lambda tf: tf.random.uniform((5,)).numpy()),
    # reseeded by replacing it: with TF's op determinism on (reference/determinism.py, as other tests leave it),
    # get_global_generator() refuses to make the default one
    "tf.random.get_global_generator": ("tensorflow",
                                       lambda tf, seed: tf.random.set_global_generator(tf.random.Generator.from_seed(seed)),
                                       lambda tf: tf.random.get_global_generator().normal((5,)).numpy()),
}


def installed_global_generators():
    return {name: (importlib.import_module(framework), reseed, draw_five)
            for name, (framework, reseed, draw_five) in GLOBAL_GENERATORS.items()
            if importlib.util.find_spec(framework) is not None}


def global_draws_after(call):
    """Every installed global generator's first numbers after reseeding it with 123 and running ``call``."""
    generators = installed_global_generators()
    for framework, reseed, _ in generators.values():
        reseed(framework, 123)
    call()
    return {name: draw_five(framework) for name, (framework, _, draw_five) in generators.items()}


def touched_global_generators(call):
    """The global generators whose numbers ``call`` changes."""
    untouched, after = global_draws_after(lambda: None), global_draws_after(call)
    return sorted(name for name in untouched if not np.array_equal(untouched[name], after[name]))


@pytest.mark.parametrize(("backend", "family"), cases(("zeros", *PLAIN)) + cases(TRUNCATED, HAS_TRUNCATED))
def test_initializers_leave_the_global_generators_alone(backend, family):
    """Expected: the same numbers from every global generator with or without the initializer in between."""
    load(backend)
    assert touched_global_generators(lambda: draw(backend, family)) == []


def seeds_and_draws_globally(name):
    """A planted initialize_parameters in the course's style: seed a global generator, then draw from it."""
    framework, reseed, draw_five = GLOBAL_GENERATORS[name]

    def initialize_parameters(layer_dims, init="he", seed=3, dtype="float64"):
        module = importlib.import_module(framework)
        reseed(module, seed)
        return {"W1": draw_five(module)}
    return initialize_parameters


@pytest.mark.parametrize("name", GLOBAL_GENERATORS)
def test_the_global_generator_check_catches_a_seeding_initializer(name):
    if importlib.util.find_spec(GLOBAL_GENERATORS[name][0]) is None:
        pytest.skip(f"{GLOBAL_GENERATORS[name][0]} is not installed")
    assert touched_global_generators(lambda: seeds_and_draws_globally(name)([N_IN, N_OUT])) == [name]

"""The frameworks' own layers (impl_*/layers.py: nn.Linear, keras Dense, nnx.Linear, each with its logits loss
and SGD) against NumPy's raw equations, through the harness's ":layers" variant of each backend.

Expected numbers: the NumPy backend (checked against the loop oracle, finite differences and the course's
published outputs elsewhere); for the saturation tests, the losses' documented formulas evaluated in NumPy.
"""

import dataclasses
import functools
import types

import numpy as np
import pytest
from conftest import model_dims

import impl_numpy
from reference import available_backends, get_backend
from reference.data import planar
from reference.proof import harness
from reference.proof.tolerances import compare

BACKENDS = ["torch:layers", "tf:layers", "jax:layers"]
# Every model and every hidden activation once in float64, and the deep network in float32 (the dtype reaching
# every layer, the loss and the optimizer); test_harness.py runs the full grid for the raw equations.
CASES = [("logistic_regression", "sigmoid", "float64"), ("shallow_nn", "tanh", "float64"),
         ("shallow_nn", "sigmoid", "float64"), ("deep_nn", "relu", "float64"), ("deep_nn", "leaky_relu", "float64"),
         ("deep_nn", "leaky_relu", "float32")]
CASE_IDS = [f"{m}-{dtype}" if m == "logistic_regression" else f"{m}-{a}-{dtype}" for m, a, dtype in CASES]
QUANTITIES = ["forward", "cost", "gradients", "predictions", "update", "training_costs", "training_params"]


@pytest.fixture(autouse=True, scope="module")
def one_torch_thread():
    """Tests run with torch on one thread: nn.BCEWithLogitsLoss's log_sigmoid runs as a parallel region even for
    a few hundred elements, and on a busy 2-core machine each region took 2.5 ms (24 us on one thread)."""
    if "torch" not in available_backends():
        yield
        return
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def require(framework: str):
    if framework not in available_backends():
        pytest.skip(f"backend {framework!r} is not installed (pip install 'nn-rosetta[{framework}]')")


def problem(model, activation, dtype):
    """A small random problem in which unit 1 of layer 1 starts at Z = 0 for every example (its row of W1 and
    its b1 are 0), so that g'(0) enters dW1: relu'(0) = 0 and leaky_relu'(0) = 0.01 in the course."""
    p = harness.random_problem(model, model_dims(model), activation, dtype, m=16, init="he", seed=3,
                               learning_rate=0.1, num_iterations=60)
    params = dict(p.params)
    if model != "logistic_regression":
        params["W1"], params["b1"] = params["W1"].copy(), params["b1"].copy()
        params["W1"][0], params["b1"][0] = 0.0, 0.0
    return dataclasses.replace(p, params=params)


@functools.cache
def report(backend, model, activation, dtype):
    return harness.run(problem(model, activation, dtype), [backend])


@pytest.mark.parametrize("quantity", QUANTITIES)
@pytest.mark.parametrize("model, activation, dtype", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_agrees_with_numpy(backend, model, activation, dtype, quantity):
    require(backend.partition(":")[0])
    rows = [row for row in report(backend, model, activation, dtype).rows if row.quantity == quantity]
    assert rows
    bad = [f"{row.name}: {row.comparison}" for row in rows if not row.ok]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("backend", BACKENDS)
def test_full_training_on_the_flower(backend):
    """The course's week-3 network on the planar data, float64, learning rate 1.2, 1000 iterations: the
    framework's own loop (Keras: model.fit, one epoch per update) against NumPy, every quantity."""
    require(backend.partition(":")[0])
    X, y = planar()
    params = impl_numpy.shallow_nn.initialize_parameters([2, 4, 1], "random_small", seed=2)
    result = harness.run(harness.Problem("shallow_nn", X.T, y[None, :], params, "tanh", "float64", 1.2, 1000), [backend])
    assert result.ok, str(result)


@pytest.mark.parametrize("framework", ["tf", "jax"])
def test_the_framework_leaky_relu_is_caught(framework, monkeypatch):
    """The harness fails on the framework's own leaky_relu, which the layers modules avoid: Keras' keeps its
    slope in float32 (forward off by 2e-8 relative in float64), Flax's has derivative 1 at 0 (dW1 off)."""
    require(framework)
    if framework == "tf":
        import keras

        planted, caught = (lambda Z: keras.activations.leaky_relu(Z, negative_slope=0.01)), "forward"
    else:
        from flax import nnx

        planted, caught = (lambda Z: nnx.leaky_relu(Z, 0.01)), "gradients"
    monkeypatch.setitem(get_backend(framework).layers.ACTIVATIONS, "leaky_relu", planted)
    result = harness.run(problem("deep_nn", "leaky_relu", "float64"), [f"{framework}:layers"])
    assert caught in {row.quantity for row in result.failures()}, str(result)


# ---- Probability-space losses at saturation -----------------------------------------------------------------
#
# Six examples: logits z and labels y. Confidently wrong at |z| = 40 and 800, then confidently right.
# In float64 sigmoid(40) rounds to 1 (1 - 4e-18), sigmoid(-40) = 4.2e-18 is representable, sigmoid(+-800)
# is 1 and 0. The course's cost from the logits, log(1 + e^z) - z y, is |z| when wrong.
#
#   z, y                 40, 0   -40, 1   800, 0   -800, 1   40, 1     800, 1
#   course (logits)      40      40       800      800       4.2e-18   0
#   torch BCELoss        100     40       100      100       0         0        log clamped at -100
#   keras, probabilities 16.12   16.12    16.12    16.12     1e-7      1e-7     p clipped to [1e-7, 1 - 1e-7]
#   jnp, written out     inf     40       inf      inf       nan       nan      log(0); 0 * log(0)
#   every logits form    = course

Z = np.array([[40.0, -40.0, 800.0, -800.0, 40.0, 800.0]])  # (1, m)
Y = np.array([[0.0, 1.0, 0.0, 1.0, 1.0, 1.0]])  # (1, m)


def course_losses():
    """Each example's cost from impl_numpy.cost.compute_cost on its own logit (m = 1)."""
    return np.array([impl_numpy.cost.compute_cost(Z[:, [i]], Y[:, [i]]) for i in range(Z.shape[1])])


def assert_equal_to_the_course(losses):
    comparison = compare(losses, course_losses(), "float64", "cost")
    assert comparison.ok, f"{losses} against the course's {course_losses()}: {comparison}"


def test_the_course_cost_at_saturation():
    np.testing.assert_array_equal(course_losses(), [40.0, 40.0, 800.0, 800.0, np.exp(-40.0), 0.0])


def test_torch_bce_loss_saturates_and_the_logits_form_does_not():
    require("torch")
    import torch

    z, y = torch.tensor(Z[0]), torch.tensor(Y[0])
    probability = torch.nn.BCELoss(reduction="none")(torch.sigmoid(z), y).numpy()
    # BCELoss's documentation: "BCELoss clamps its log function outputs to be greater than or equal to -100"
    np.testing.assert_array_equal(probability, [100.0, 40.0, 100.0, 100.0, 0.0, 0.0])
    assert_equal_to_the_course(torch.nn.BCEWithLogitsLoss(reduction="none")(z, y).numpy())


def test_keras_probability_loss_saturates_and_the_logits_form_does_not():
    require("tf")
    import keras
    import tensorflow as tf

    z, y = tf.constant(Z.T), tf.constant(Y.T)  # (m, 1): examples as rows
    # keras.losses.binary_crossentropy clips p to [eps, 1 - eps], eps = keras.config.epsilon() = 1e-7 (documented)
    eps = keras.config.epsilon()
    A = np.exp(-np.logaddexp(0, -Z[0])).clip(eps, 1 - eps)  # sigmoid(z), then the clip
    expected = -(Y[0] * np.log(A) + (1 - Y[0]) * np.log(1 - A))  # 16.118 when wrong, 1e-7 when right
    probability = keras.losses.binary_crossentropy(y, tf.math.sigmoid(z)).numpy()
    assert compare(probability, expected, "float64", "cost").ok, probability
    assert np.all(probability[:4] < 16.2)
    assert_equal_to_the_course(keras.losses.binary_crossentropy(y, z, from_logits=True).numpy())
    # Keras' own sigmoid tags its output with the logits, and the loss quietly uses them (no clip):
    assert_equal_to_the_course(keras.losses.binary_crossentropy(y, keras.activations.sigmoid(z)).numpy())


def test_jax_probability_loss_written_out_overflows_and_optax_does_not():
    require("jax")
    import jax
    import jax.numpy as jnp
    import optax

    with jax.enable_x64(True):
        z, y = jnp.asarray(Z[0]), jnp.asarray(Y[0])
        A = jax.nn.sigmoid(z)
        probability = np.asarray(-(y * jnp.log(A) + (1 - y) * jnp.log(1 - A)))  # the course's formula on A
        logits = np.asarray(optax.sigmoid_binary_cross_entropy(z, y))
    np.testing.assert_array_equal(probability[:4], [np.inf, 40.0, np.inf, np.inf])
    assert np.all(np.isnan(probability[4:]))  # 0 * log(0)
    assert_equal_to_the_course(logits)


# ---- Keras' float32 defaults that impl_tf/layers.py works around ----------------------------------------------

def test_keras_defaults_would_train_float64_layers_in_float32():
    """The two things impl_tf.layers avoids, shown: SGD keeps a float learning rate in float32, and fit casts
    float64 arrays to float32. Either moves a float64 run off NumPy's by about 1e-8, far outside the table."""
    require("tf")
    import keras
    import tensorflow as tf

    import impl_tf

    p = problem("shallow_nn", "tanh", "float64")
    expected, _ = impl_numpy.shallow_nn.train(p.X, p.Y, p.params, p.learning_rate, 3, "tanh")
    X, Y = tf.constant(p.X), tf.constant(p.Y)
    batch = tf.data.Dataset.from_tensors((tf.transpose(X), tf.transpose(Y)))
    loss = keras.losses.BinaryCrossentropy(from_logits=True, dtype="float64")

    def fit(optimizer, *data, **options):
        """W1 after 3 epochs of model.fit, against NumPy's."""
        model = impl_tf.layers.load_params(impl_tf.layers.build([4, 5, 1], "tanh"), p.params)
        model.compile(optimizer=optimizer(model), loss=loss, jit_compile=False)
        model.fit(*data, epochs=3, shuffle=False, verbose=0, **options)
        return compare(impl_tf.layers.export_params(model)["W1"], expected["W1"], "float64", "training_params")

    assert keras.optimizers.SGD(p.learning_rate).learning_rate.dtype == "float32"
    assert not fit(lambda model: keras.optimizers.SGD(p.learning_rate), batch).ok  # float64 data, float32 alpha

    def exact_rate(model):
        return impl_tf.layers.sgd(model, p.learning_rate)

    assert not fit(exact_rate, p.X.T, p.Y.T, batch_size=p.X.shape[1]).ok  # NumPy float64 arrays, cast by fit
    assert fit(exact_rate, batch).ok  # as layers.train does


# ---- Loading and exporting -----------------------------------------------------------------------------------

@pytest.mark.parametrize("framework", ["torch", "tf", "jax"])
def test_load_then_export_gives_the_course_parameters_back(framework):
    require(framework)
    backend = get_backend(framework)
    params = problem("deep_nn", "relu", "float64").params
    with backend.precision("float64"):
        model = backend.layers.load_params(backend.layers.build(model_dims("deep_nn"), "relu"), params)
        exported = {key: backend.to_numpy(value) for key, value in backend.layers.export_params(model).items()}
    assert sorted(exported) == sorted(params)
    for key in params:
        np.testing.assert_array_equal(exported[key], params[key])


@pytest.mark.parametrize("framework", ["torch", "tf", "jax"])
def test_params_of_the_wrong_shape_get_a_one_line_error(framework):
    require(framework)
    backend = get_backend(framework)
    params = problem("shallow_nn", "tanh", "float64").params
    params = {**params, "W1": params["W1"].T}
    with backend.precision("float64"), pytest.raises(ValueError) as error:
        backend.layers.load_params(backend.layers.build([4, 5, 1], "tanh"), params)
    assert str(error.value) == "params['W1']: expected shape (5, 4), got shape (4, 5)"


# ---- A loader or exporter that loses one parameter is caught ---------------------------------------------------
#
# Every starting point has non-zero biases and square hidden layers here, so that a loader that drops b[l] (loads
# zeros), or puts W[l] in transposed (a Keras or nnx kernel is W transposed: one transpose forgotten, or one too
# many), changes what the network computes; the same for an exporter that reads one of them back wrong.

SQUARE = dict(model="deep_nn", layer_dims=[4, 4, 4, 1], activation="relu", m=12, seed=7, num_iterations=3)
LOSSES = [(direction, key, kind) for direction in ("load", "export") for key in ("W1", "b1", "W2", "b2", "W3", "b3")
          for kind in ("dropped", "transposed") if kind == "dropped" or key in ("W1", "W2")]


def lose(kind, value):
    return value * 0 if kind == "dropped" else value.T


@pytest.mark.parametrize("direction, key, kind", LOSSES, ids=[f"{d}-{k}-{kind}" for d, k, kind in LOSSES])
@pytest.mark.parametrize("framework", ["torch", "tf", "jax"])
def test_a_loader_or_exporter_that_loses_one_parameter_is_caught(framework, direction, key, kind):
    require(framework)
    backend = get_backend(framework)
    real = backend.layers
    wrong = types.SimpleNamespace(**{name: getattr(real, name) for name in dir(real) if not name.startswith("__")})
    if direction == "load":
        wrong.load_params = lambda model, params: real.load_params(model, {**params, key: lose(kind, params[key])})
    else:
        wrong.export_params = lambda model: {
            k: backend.asarray(lose(kind, backend.to_numpy(v)), "float64") if k == key else v
            for k, v in real.export_params(model).items()}
    stand_in = types.SimpleNamespace(layers=wrong, asarray=backend.asarray, to_numpy=backend.to_numpy,
                                     precision=backend.precision)
    problem = harness.random_problem(**SQUARE)
    assert all(problem.params[f"b{l}"].all() for l in (1, 2, 3))  # no zero bias to hide a dropped one
    report = harness.run(problem, [f"{framework}:layers"], packages={f"{framework}:layers": stand_in})
    caught = {row.quantity for row in report.failures()}
    expected = {"update", "training_params"} if direction == "export" else {"forward", "gradients"}
    assert expected & caught, str(report)

"""The three models the way Flax's tutorials write them: nnx.Linear layers, optax's loss from the logits, optax.sgd.

A network is an ``nnx.Sequential`` of ``nnx.Linear`` layers with the hidden activation between them; its
output is the logit Z[L], since the loss takes logits (its sigmoid is inside the loss). Logistic regression
is layer_dims [n_x, 1], the shallow network [n_x, n_h, 1], the deep one [n_x, n[1], ..., 1].

nnx.Linear computes ``x @ kernel + bias`` on examples as rows, x (m, n[l-1]): ``kernel`` is (n[l-1], n[l]),
the course's W[l] transposed (as in Keras), and ``bias`` (n[l],) is b[l] without its column axis. ``build``
leaves Linear's own initialization (lecun_normal kernel, zero bias); ``load_params`` replaces it with the
course's parameters, and ``export_params`` and ``gradients`` give them back in the course layout. X and Y
come in the course layout, (n_x, m) and (1, m), and are transposed once on the way in. forward, cost,
gradients and train_step are compiled with nnx.jit, as Flax's tutorials compile their steps. float64 needs
``impl_jax.precision("float64")`` around every call, as for the rest of impl_jax.

Course 2, week 1 (equations: impl_numpy/regularization.py). Dropout is a layer after each hidden activation:
Flax's nnx.Dropout (a fresh mask at every call), or, given the course's masks D[l], a layer of this module that
applies them (no framework's dropout takes a given mask); it drops only in training, which ``nnx.view(model,
deterministic=...)`` switches. L2 is optax's weight decay, chained before optax.sgd: p := p - alpha (dp + wd p),
the course's dW[l] + lambd / m W[l] with wd = lambd / m on the kernels only (``L2_VARIANTS``).
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx

from reference.validation import (
    check_activation,
    check_dtype,
    check_given_masks,
    check_keep_prob,
    check_lambd,
    check_learning_rate,
    check_mask_examples,
    check_model_dims,
    check_num_iterations,
    check_params,
    check_seed,
)

from .activations import leaky_relu
from .initializers import _check_precision

# nnx.relu is jax.nn.relu, whose derivative at 0 is the course's 0. nnx.leaky_relu tests Z >= 0, so its
# derivative at 0 is 1; the hidden layers use impl_jax's (a jnp.where on Z > 0, slope 0.01 at 0).
ACTIVATIONS = {"sigmoid": nnx.sigmoid, "tanh": nnx.tanh, "relu": nnx.relu, "leaky_relu": leaky_relu}

# L2 configured the optax way, name -> (lambd, m) -> the kwargs of build and of cost/gradients/sgd/train_step/train.
# "course" is the course's lambd / (2 m) sum ||W[l]||^2; the other two are the usual slips.
L2_VARIANTS = {
    "course": lambda lambd, m: {"build": {}, "train": {"weight_decay": check_lambd(lambd) / m}},
    "weight_decay=lambd": lambda lambd, m: {"build": {}, "train": {"weight_decay": check_lambd(lambd)}},  # no 1/m
    "biases decayed": lambda lambd, m: {"build": {}, "train": {"weight_decay": check_lambd(lambd) / m,
                                                               "decay_biases": True}},
}


def build(layer_dims, activation="relu", dtype="float64", keep_prob=1.0, masks=None, seed=0):
    """nnx.Sequential(Linear, g, [dropout,] ..., Linear) from layer_dims = [n_x, n[1], ..., 1]; its output is Z[L].
    The dropout after each hidden layer: the given masks D[l] when there are any, else nnx.Dropout if keep_prob < 1."""
    dims = check_model_dims("deep_nn", layer_dims)
    activation, dtype = check_activation(activation), _check_precision(check_dtype(dtype))
    keep_prob, seed = check_keep_prob(keep_prob), check_seed(seed)
    L = len(dims) - 1
    if masks is not None:
        masks = {key: jnp.asarray(D, dtype) for key, D in check_given_masks(masks, dims, keep_prob).items()}
    rngs = nnx.Rngs(0)  # Linear draws its own initial kernel, which load_params replaces
    layers = []
    for l in range(1, L + 1):
        linear = nnx.Linear(dims[l - 1], dims[l], dtype=dtype, param_dtype=dtype, rngs=rngs)
        layers.append(linear)  # kernel (n[l-1], n[l]), bias (n[l],)
        if l < L:
            layers.append(ACTIVATIONS[activation])
            if masks is not None:
                layers.append(CourseDropout(masks[f"D{l}"].T, keep_prob))  # (n[l], m) -> (m, n[l]): examples as rows
            elif keep_prob < 1:
                layers.append(dropout_layer(keep_prob, seed + l - 1))  # a stream per layer, not one mask twice
    return nnx.Sequential(*layers)


def dropout_layer(keep_prob, seed=0):
    """nnx.Dropout for the course's keep_prob: inverted dropout, a fresh mask at every call in training."""
    keep_prob, seed = check_keep_prob(keep_prob), check_seed(seed)
    # where learners trip: Flax's rate (PyTorch's p, Keras's rate) is the probability of DROPPING a unit,
    # the course's 1 - keep_prob; rate=keep_prob would keep 20% of the units instead of 80%
    return nnx.Dropout(rate=1 - keep_prob, rngs=nnx.Rngs(dropout=seed))


class CourseDropout(nnx.Module):
    """A * D / keep_prob with a given mask D (m, n[l]) in training, the course's inverted dropout; identity in
    inference. nnx.view(model, deterministic=...) switches it as it switches nnx.Dropout."""

    def __init__(self, D, keep_prob, deterministic=False):
        self.D = nnx.Variable(D)  # a Variable, not a Param: neither trained nor decayed
        self.keep_prob = keep_prob
        self.deterministic = deterministic

    def __call__(self, A):
        if self.deterministic:
            return A
        check_mask_examples(A.shape[0], self.D.shape[0])  # static under nnx.jit: checked while tracing only
        A = A * self.D[...]       # shut down the units D[l] drops
        return A / self.keep_prob  # inverted dropout

    def set_view(self, deterministic=None):
        """For nnx.view, as nnx.Dropout.set_view."""
        if deterministic is not None:
            self.deterministic = deterministic


def load_params(model, params):
    """Copy the course's W[l], b[l] into the nnx.Linear layers; returns the model."""
    linear = _linear_layers(model)
    params = check_params("params", params, [linear[0].in_features] + [layer.out_features for layer in linear])
    for l, layer in enumerate(linear, start=1):
        layer.kernel[...] = params[f"W{l}"].T     # (n[l], n[l-1]) -> (n[l-1], n[l]): Linear's kernel is W[l].T
        layer.bias[...] = params[f"b{l}"][:, 0]   # (n[l], 1) -> (n[l],)
    return model


def export_params(model):
    """W[l], b[l] in the course layout, read from the nnx.Linear layers."""
    return _course_layout([(layer.kernel[...], layer.bias[...]) for layer in _linear_layers(model)])


@nnx.jit(static_argnames="training")
def forward(model, X, training=False):
    """A[L] = sigmoid(Z[L]), shape (1, m); with training=True, through the dropout layers."""
    model = nnx.view(model, deterministic=not training, raise_if_not_found=False)  # model.train() / model.eval()
    return nnx.sigmoid(model(X.T)).T  # examples as rows: (m, n_x) -> Z[L].T (m, 1) -> A[L] (1, m)


def cost(model, X, Y, weight_decay=0.0, decay_biases=False):
    """J = the cross-entropy (dropout on, as the course's cost) + wd / 2 sum ||p||^2 over the decayed parameters:
    the objective whose gradient optax's weight decay follows."""
    return _cost(model, X, Y, check_lambd(weight_decay, "weight_decay"), bool(decay_biases))


@nnx.jit(static_argnames="decay_biases")
def _cost(model, X, Y, weight_decay, decay_biases):
    return _loss(model, X, Y) + _decay_term(model, weight_decay, decay_biases)


def gradients(model, X, Y, weight_decay=0.0, decay_biases=False):
    """dW[l], db[l] that optax.sgd is given: nnx.grad of the cross-entropy, then optax.add_decayed_weights'
    dp + wd p on the decayed parameters; in the course layout."""
    return _gradients(model, X, Y, check_lambd(weight_decay, "weight_decay"), bool(decay_biases))


@nnx.jit(static_argnames="decay_biases")
def _gradients(model, X, Y, weight_decay, decay_biases):
    grads = nnx.grad(_loss)(model, X, Y)  # an nnx.State of the Params shaped like the model: grads.layers[i].kernel
    params = nnx.state(model, nnx.Param)
    decay = _decay(weight_decay, decay_biases)
    grads, _ = decay.update(grads, decay.init(params), params)  # what sgd's chain does before optax.sgd
    positions = [i for i, layer in enumerate(model.layers) if isinstance(layer, nnx.Linear)]
    return _course_layout([(grads.layers[i].kernel[...], grads.layers[i].bias[...]) for i in positions], prefix="d")


def sgd(model, learning_rate, weight_decay=0.0, decay_biases=False):
    """nnx.Optimizer over the Params with optax.sgd (momentum None), after optax.add_decayed_weights when
    weight_decay > 0: p := p - alpha (dp + wd p), the course's update with wd = lambd / m on the kernels."""
    learning_rate, weight_decay = check_learning_rate(learning_rate), check_lambd(weight_decay, "weight_decay")
    return nnx.Optimizer(model, _sgd(learning_rate, weight_decay, bool(decay_biases)), wrt=nnx.Param)


def train_step(model, optimizer, X, Y, weight_decay=0.0, decay_biases=False):
    """One update, the body of the usual loop (compiled by nnx.jit); returns J (as cost) before it. The decay
    is the optimizer's (sgd's weight_decay); weight_decay here only puts its term in J."""
    return _train_step(model, optimizer, X, Y, check_lambd(weight_decay, "weight_decay"), bool(decay_biases))


@nnx.jit(static_argnames="decay_biases")
def _train_step(model, optimizer, X, Y, weight_decay, decay_biases):
    loss, grads = nnx.value_and_grad(_loss)(model, X, Y)
    J = loss + _decay_term(model, weight_decay, decay_biases)
    optimizer.update(model, grads)
    return J


def train(model, X, Y, learning_rate, num_iterations, weight_decay=0.0, decay_biases=False):
    """The usual loop: num_iterations full-batch steps of sgd(model, learning_rate, weight_decay, decay_biases);
    returns J before each update."""
    num_iterations = check_num_iterations(num_iterations)
    optimizer = sgd(model, learning_rate, weight_decay, decay_biases)
    costs = [train_step(model, optimizer, X, Y, weight_decay, decay_biases) for _ in range(num_iterations)]
    # fetched together and made one array on the host: jnp.stack of 30000 scalars compiles one XLA op with 30000
    # operands, which took 3 minutes
    return jnp.asarray(np.array(jax.device_get(costs), X.dtype)) if costs else jnp.zeros(0, X.dtype)


def predict(model, X):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    return (forward(model, X) > 0.5).astype(X.dtype)


def _loss(model, X, Y):
    """The cross-entropy by optax.sigmoid_binary_cross_entropy on the logits Z[L] of the training pass (dropout on),
    averaged over the m examples."""
    model = nnx.view(model, deterministic=False, raise_if_not_found=False)  # model.train()
    return optax.sigmoid_binary_cross_entropy(model(X.T), Y.T).mean()  # (m, 1) logits and labels


def _decay_term(model, weight_decay, decay_biases):
    """wd / 2 sum ||p||^2 over the kernels (and the biases when decay_biases): lambd / (2 m) sum ||W[l]||^2."""
    decayed = [p for layer in _linear_layers(model) for p in (layer.kernel, layer.bias)[:2 if decay_biases else 1]]
    return weight_decay / 2 * sum(jnp.sum(jnp.square(p[...])) for p in decayed)


@functools.cache
def _sgd(learning_rate, weight_decay=0.0, decay_biases=False):
    """optax.sgd, after the decay when there is one; one per argument tuple: nnx.jit compiles train_step again for
    every new transformation."""
    if weight_decay == 0:
        return optax.sgd(learning_rate)
    return optax.chain(_decay(weight_decay, decay_biases), optax.sgd(learning_rate))


def _decay(weight_decay, decay_biases):
    """optax.add_decayed_weights: dp + wd p, on the kernels only unless decay_biases (mask None: every Param)."""
    return optax.add_decayed_weights(weight_decay, mask=None if decay_biases else _kernels)


def _kernels(params):
    """The mask of optax.add_decayed_weights: True on the kernels (the W[l]), False on the biases."""
    return nnx.map_state(lambda path, _: path[-1] == "kernel", params)


def _linear_layers(model):
    return [layer for layer in model.layers if isinstance(layer, nnx.Linear)]


def _course_layout(pairs, prefix=""):
    """{W1, b1, ...} (or dW1, db1, ...) from (kernel, bias) pairs."""
    params = {}
    for l, (kernel, bias) in enumerate(pairs, start=1):
        params[f"{prefix}W{l}"] = kernel.T         # (n[l-1], n[l]) -> (n[l], n[l-1])
        params[f"{prefix}b{l}"] = bias[:, None]    # (n[l],) -> (n[l], 1)
    return params


__all__ = ["L2_VARIANTS", "CourseDropout", "build", "dropout_layer", "load_params", "export_params", "forward", "cost",
           "gradients", "sgd", "train_step", "train", "predict"]

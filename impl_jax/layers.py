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
"""

import functools

import jax.numpy as jnp
import optax
from flax import nnx

from reference.validation import (
    check_activation,
    check_dtype,
    check_learning_rate,
    check_model_dims,
    check_num_iterations,
    check_params,
)

from .activations import leaky_relu
from .initializers import _check_precision

# nnx.relu is jax.nn.relu, whose derivative at 0 is the course's 0. nnx.leaky_relu tests Z >= 0, so its
# derivative at 0 is 1; the hidden layers use impl_jax's (a jnp.where on Z > 0, slope 0.01 at 0).
ACTIVATIONS = {"sigmoid": nnx.sigmoid, "tanh": nnx.tanh, "relu": nnx.relu, "leaky_relu": leaky_relu}


def build(layer_dims, activation="relu", dtype="float64"):
    """nnx.Sequential(Linear, g, ..., Linear) from layer_dims = [n_x, n[1], ..., 1]; its output is Z[L]."""
    dims = check_model_dims("deep_nn", layer_dims)
    activation, dtype = check_activation(activation), _check_precision(check_dtype(dtype))
    L = len(dims) - 1
    rngs = nnx.Rngs(0)  # Linear draws its own initial kernel, which load_params replaces
    layers = []
    for l in range(1, L + 1):
        linear = nnx.Linear(dims[l - 1], dims[l], dtype=dtype, param_dtype=dtype, rngs=rngs)
        layers.append(linear)  # kernel (n[l-1], n[l]), bias (n[l],)
        if l < L:
            layers.append(ACTIVATIONS[activation])
    return nnx.Sequential(*layers)


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


@nnx.jit
def forward(model, X):
    """A[L] = sigmoid(Z[L]), shape (1, m)."""
    return nnx.sigmoid(model(X.T)).T  # examples as rows: (m, n_x) -> Z[L].T (m, 1) -> A[L] (1, m)


@nnx.jit
def cost(model, X, Y):
    """J by optax.sigmoid_binary_cross_entropy on the logits Z[L], averaged over the m examples."""
    return optax.sigmoid_binary_cross_entropy(model(X.T), Y.T).mean()  # (m, 1) logits and labels


@nnx.jit
def gradients(model, X, Y):
    """dW[l], db[l] by nnx.grad, in the course layout."""
    grads = nnx.grad(cost)(model, X, Y)  # an nnx.State shaped like the model: grads.layers[i].kernel
    positions = [i for i, layer in enumerate(model.layers) if isinstance(layer, nnx.Linear)]
    return _course_layout([(grads.layers[i].kernel[...], grads.layers[i].bias[...]) for i in positions], prefix="d")


def sgd(model, learning_rate):
    """nnx.Optimizer over the Params with optax.sgd (momentum None): p := p - alpha dp, the course's update."""
    learning_rate = check_learning_rate(learning_rate)
    return nnx.Optimizer(model, _sgd(learning_rate), wrt=nnx.Param)


@nnx.jit
def train_step(model, optimizer, X, Y):
    """One update, the body of the usual loop (compiled by nnx.jit); returns the cost before it."""
    J, grads = nnx.value_and_grad(cost)(model, X, Y)
    optimizer.update(model, grads)
    return J


def train(model, X, Y, learning_rate, num_iterations):
    """The usual loop: num_iterations full-batch optax.sgd steps; returns the cost before each update."""
    num_iterations = check_num_iterations(num_iterations)
    optimizer = sgd(model, learning_rate)
    costs = [train_step(model, optimizer, X, Y) for _ in range(num_iterations)]
    return jnp.stack(costs) if costs else jnp.zeros(0, X.dtype)


def predict(model, X):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    return (forward(model, X) > 0.5).astype(X.dtype)


@functools.cache
def _sgd(learning_rate):
    """optax.sgd, one per learning rate: nnx.jit compiles train_step again for every new transformation."""
    return optax.sgd(learning_rate)


def _linear_layers(model):
    return [layer for layer in model.layers if isinstance(layer, nnx.Linear)]


def _course_layout(pairs, prefix=""):
    """{W1, b1, ...} (or dW1, db1, ...) from (kernel, bias) pairs."""
    params = {}
    for l, (kernel, bias) in enumerate(pairs, start=1):
        params[f"{prefix}W{l}"] = kernel.T         # (n[l-1], n[l]) -> (n[l], n[l-1])
        params[f"{prefix}b{l}"] = bias[:, None]    # (n[l],) -> (n[l], 1)
    return params


__all__ = ["build", "load_params", "export_params", "forward", "cost", "gradients", "sgd", "train_step", "train",
           "predict"]

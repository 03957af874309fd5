"""Course 2, week 1: L2 regularization and inverted dropout on an L-layer network, in TF (reference/NOTATION.md).

deep_nn's loops with two additions, for any L (the equations are in impl_numpy/regularization.py):

- L2: J = cross-entropy + lambd / (2 m) sum_l ||W[l]||_F^2, so dW[l] gains lambd / m W[l]; the biases are
  not regularized.
- Inverted dropout on the hidden layers 1..L-1: A[l] = g(Z[l]) * D[l] / keep_prob, and the same mask and
  scale on dA[l] in backward. The masks D[l] are given, one set for every iteration as in the course's
  notebook; ``dropout_masks`` draws them with TF's stateless generator (the proofs draw them in NumPy).

lambd = 0 and keep_prob = 1 (no masks) are deep_nn's equations exactly. The training loop is compiled by
tf.function; lambd and keep_prob enter it as Python numbers, as they enter NumPy's equations (one graph per pair).
"""

import tensorflow as tf

from reference.validation import (
    check_arrays,
    check_cache,
    check_dtype,
    check_keep_prob,
    check_lambd,
    check_layer_sizes,
    check_masks,
    check_seed,
    check_training,
)

from . import deep_nn
from .activations import activation_backward, activation_forward, sigmoid
from .cost import compute_cost as cross_entropy

initialize_parameters = deep_nn.initialize_parameters
update_parameters = deep_nn.update_parameters
predict = deep_nn.predict  # no dropout at inference: the 1 / keep_prob in training already keeps E[A] the same


def dropout_masks(layer_dims, m, keep_prob, seed=1, dtype="float64"):
    """D[l] = (U(n[l], m) < keep_prob) for the hidden layers 1..L-1, U from tf.random.stateless_uniform with
    seed [seed, l]: the same law as the course's draw, from TF's own generator."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    keep_prob, seed, dtype = check_keep_prob(keep_prob), check_seed(seed), check_dtype(dtype)
    return {f"D{l}": tf.cast(tf.random.stateless_uniform((layer_dims[l], m), tf.constant([seed, l], tf.int64),
                                                         dtype=dtype) < keep_prob, dtype)
            for l in range(1, len(layer_dims) - 1)}


def l2_cost(params, lambd, m):
    """lambd / (2 m) sum_l ||W[l]||_F^2: the course's L2_regularization_cost; biases are not in it."""
    L = len(params) // 2
    return lambd / (2 * m) * sum(tf.reduce_sum(tf.square(params[f"W{l}"])) for l in range(1, L + 1))


def compute_cost(ZL, Y, params, lambd=0.0):
    """compute_cost_with_regularization: the cross-entropy (from the logits Z[L]) plus the L2 term."""
    lambd = check_lambd(lambd)
    return cross_entropy(ZL, Y) + l2_cost(params, lambd, Y.shape[1])


def forward_propagation(X, params, activation="relu", keep_prob=1.0, masks=None):
    """A[L] through L layers, with A[l] = g(Z[l]) * D[l] / keep_prob on the hidden layers when masks are given."""
    check_arrays("deep_nn", X, params, activation=activation)
    keep_prob = check_keep_prob(keep_prob)
    check_masks(masks, params, X, keep_prob)
    L = len(params) // 2
    A, cache = X, {"A0": X}
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]  # (n[l], m)
        A = activation_forward(Z, activation) if l < L else sigmoid(Z)
        if l < L and masks is not None:
            A = A * masks[f"D{l}"]                 # shut down the units D[l] drops
            A = A / keep_prob                      # inverted dropout: E[A[l]] is what it is without dropout
            cache[f"D{l}"] = masks[f"D{l}"]
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def backward_propagation(params, cache, Y, activation="relu", lambd=0.0, keep_prob=1.0):
    """dW[l], db[l]: deep_nn's equations, dA[l] masked and scaled as A[l] was, and dW[l] += lambd / m W[l]."""
    check_cache("deep_nn", params, cache, Y, activation)
    lambd, keep_prob = check_lambd(lambd), check_keep_prob(keep_prob)
    m = Y.shape[1]
    L = len(params) // 2
    grads = {}
    dZ = cache[f"A{L}"] - Y                                              # (1, m)
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ tf.transpose(cache[f"A{l - 1}"]) / m + lambd / m * params[f"W{l}"]
        grads[f"db{l}"] = tf.reduce_sum(dZ, axis=1, keepdims=True) / m  # biases: no L2 term
        if l > 1:
            dA = tf.transpose(params[f"W{l}"]) @ dZ                      # (n[l-1], m)
            if f"D{l - 1}" in cache:
                dA = dA * cache[f"D{l - 1}"]                             # the units dropped forward get no gradient
                dA = dA / keep_prob
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], activation)
    return grads


@tf.function
def _gradient_descent(X, Y, params, learning_rate, num_iterations, activation, lambd, keep_prob, masks, autodiff):
    """The loop of train and train_autodiff: the same masks at every step, the costs kept on the device."""
    L = len(params) // 2
    costs = tf.TensorArray(X.dtype, size=num_iterations, element_shape=())
    for i in tf.range(num_iterations):
        AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
        costs = costs.write(i, compute_cost(cache[f"Z{L}"], Y, params, lambd))
        grads = (autodiff_gradients(params, X, Y, activation, lambd, keep_prob, masks) if autodiff
                 else backward_propagation(params, cache, Y, activation, lambd, keep_prob))
        params = update_parameters(params, grads, learning_rate)
    return params, costs.stack()


def train(X, Y, params, learning_rate=0.3, num_iterations=30000, activation="relu", lambd=0.0, keep_prob=1.0,
          masks=None):
    """Batch gradient descent with L2 and dropout (the same masks at every step, as the course's notebook);
    returns the final params and the regularized cost before each update."""
    return _train(X, Y, params, learning_rate, num_iterations, activation, lambd, keep_prob, masks, autodiff=False)


def autodiff_gradients(params, X, Y, activation="relu", lambd=0.0, keep_prob=1.0, masks=None):
    """dW[l], db[l] by tf.GradientTape: the gradient of the regularized cost, through the given masks, with
    respect to the params only."""
    L = len(params) // 2
    with tf.GradientTape() as tape:
        tape.watch(params)  # neither X nor the masks are watched
        AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
        J = compute_cost(cache[f"Z{L}"], Y, params, lambd)
    grads = tape.gradient(J, params)
    return {"d" + name: grad for name, grad in grads.items()}


def train_autodiff(X, Y, params, learning_rate=0.3, num_iterations=30000, activation="relu", lambd=0.0,
                   keep_prob=1.0, masks=None):
    """train with the gradients of autodiff_gradients, the framework's way."""
    return _train(X, Y, params, learning_rate, num_iterations, activation, lambd, keep_prob, masks, autodiff=True)


def _train(X, Y, params, learning_rate, num_iterations, activation, lambd, keep_prob, masks, autodiff):
    """Every input checked before tracing, then the compiled loop."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    lambd, keep_prob = check_lambd(lambd), check_keep_prob(keep_prob)
    check_masks(masks, params, X, keep_prob)
    # alpha a tensor built in X's dtype (tf.constant: tf.cast would round a Python float through float32 first)
    return _gradient_descent(X, Y, params, tf.constant(learning_rate, X.dtype), tf.constant(num_iterations, tf.int32),
                             activation, lambd, keep_prob, masks, autodiff)


__all__ = ["initialize_parameters", "dropout_masks", "l2_cost", "compute_cost", "forward_propagation",
           "backward_propagation", "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]

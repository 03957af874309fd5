"""Course 2, week 1: L2 regularization and inverted dropout on an L-layer network, in PyTorch (reference/NOTATION.md).

The course's ``compute_cost_with_regularization``, ``backward_propagation_with_regularization``,
``forward_propagation_with_dropout`` and ``backward_propagation_with_dropout``, for any L, as the loops of
deep_nn with two additions (the equations are in impl_numpy/regularization.py):

- L2: J = cross-entropy + lambd / (2 m) sum_l ||W[l]||_F^2, so dW[l] gains lambd / m W[l]; the biases are
  not regularized.
- Inverted dropout on the hidden layers 1..L-1: A[l] = g(Z[l]) * D[l] / keep_prob, and the same mask and
  scale on dA[l] in backward, with the masks D[l] given, one set for every iteration as the course's notebook
  has it. ``dropout_masks`` draws them from a seeded ``torch.Generator``: the same law as the course's
  ``np.random.rand``, not the same draws, so masks for proving equality are drawn in NumPy and converted.
  ``nn.Dropout``, which draws a fresh mask per step, is in impl_torch/layers.py.

lambd = 0 and keep_prob = 1 (no masks) are deep_nn's equations exactly.
"""

import torch

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
    """D[l] = (rand(n[l], m) < keep_prob) for the hidden layers 1..L-1, from a ``torch.Generator`` seeded with
    ``seed``, D1, D2, ... in order."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    keep_prob = check_keep_prob(keep_prob)
    dtype = getattr(torch, check_dtype(dtype))
    rng = torch.Generator().manual_seed(check_seed(seed))
    return {f"D{l}": (torch.rand(layer_dims[l], m, generator=rng, dtype=dtype) < keep_prob).to(dtype)
            for l in range(1, len(layer_dims) - 1)}


def l2_cost(params, lambd, m):
    """lambd / (2 m) sum_l ||W[l]||_F^2: the course's L2_regularization_cost; biases are not in it."""
    L = len(params) // 2
    return lambd / (2 * m) * sum(torch.sum(torch.square(params[f"W{l}"])) for l in range(1, L + 1))


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
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m + lambd / m * params[f"W{l}"]
        grads[f"db{l}"] = torch.sum(dZ, dim=1, keepdim=True) / m         # biases: no L2 term
        if l > 1:
            dA = params[f"W{l}"].T @ dZ                                  # (n[l-1], m)
            if f"D{l - 1}" in cache:
                dA = dA * cache[f"D{l - 1}"]                             # the units dropped forward get no gradient
                dA = dA / keep_prob
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], activation)
    return grads


def train(X, Y, params, learning_rate=0.3, num_iterations=30000, activation="relu", lambd=0.0, keep_prob=1.0,
          masks=None):
    """Batch gradient descent with L2 and dropout (the same masks at every step, as the course's notebook);
    returns the final params and the regularized cost before each update."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    L = len(params) // 2
    costs = []
    with torch.no_grad():  # the manual equations need no autograd graph
        for _ in range(num_iterations):
            AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
            costs.append(compute_cost(cache[f"Z{L}"], Y, params, lambd))  # a 0-d tensor: no .item() in the loop
            grads = backward_propagation(params, cache, Y, activation, lambd, keep_prob)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


def _autodiff_cost_and_gradients(params, X, Y, activation, lambd, keep_prob, masks):
    """J (with its L2 term) and torch.autograd.grad of J through forward_propagation with the given masks,
    with respect to the params only."""
    L = len(params) // 2
    params = {name: value.detach().requires_grad_() for name, value in params.items()}
    with torch.enable_grad():
        AL, cache = forward_propagation(X, params, activation, keep_prob, masks)
        cost = compute_cost(cache[f"Z{L}"], Y, params, lambd)
    grads = torch.autograd.grad(cost, list(params.values()))  # X, Y and the masks are constants
    return cost.detach(), {"d" + name: grad for name, grad in zip(params, grads, strict=True)}


def autodiff_gradients(params, X, Y, activation="relu", lambd=0.0, keep_prob=1.0, masks=None):
    """dW[l], db[l] of the regularized cost with dropout, by torch's autograd (the framework way)."""
    return _autodiff_cost_and_gradients(params, X, Y, activation, lambd, keep_prob, masks)[1]


def train_autodiff(X, Y, params, learning_rate=0.3, num_iterations=30000, activation="relu", lambd=0.0,
                   keep_prob=1.0, masks=None):
    """As train, with the gradients from torch's autograd instead of the manual equations."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    costs = []
    with torch.no_grad():  # for the update; the gradient step turns autograd on for itself
        for _ in range(num_iterations):
            cost, grads = _autodiff_cost_and_gradients(params, X, Y, activation, lambd, keep_prob, masks)
            costs.append(cost)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


__all__ = ["initialize_parameters", "dropout_masks", "l2_cost", "compute_cost", "forward_propagation",
           "backward_propagation", "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]

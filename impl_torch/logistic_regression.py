"""Week 2: logistic regression as a one-neuron network, in PyTorch (reference/NOTATION.md).

The course's ``w`` of shape (n_x, 1) is ``W1 = w.T`` of shape (1, n_x), and ``b`` is ``b1`` (1, 1),
so that this is the one-layer case of the deep network.
"""

import torch

from reference.validation import check_arrays, check_cache, check_model_dims, check_training

from . import initializers
from .activations import sigmoid
from .cost import compute_cost


def initialize_parameters(layer_dims, init="zeros", seed=0, dtype="float64"):
    """W1 (1, n_x) and b1 (1, 1) for layer_dims = [n_x, 1]."""
    layer_dims = check_model_dims("logistic_regression", layer_dims)
    return initializers.initialize_parameters(layer_dims, init, seed, dtype)


def forward_propagation(X, params):
    """A1 = sigmoid(W1 X + b1), and the cache for backward_propagation."""
    check_arrays("logistic_regression", X, params)
    Z1 = params["W1"] @ X + params["b1"]  # (1, n_x) @ (n_x, m) -> (1, m)
    A1 = sigmoid(Z1)                      # (1, m)
    return A1, {"A0": X, "Z1": Z1, "A1": A1}


def backward_propagation(params, cache, Y):
    """dW1 and db1 from the course's manual equations."""
    check_cache("logistic_regression", params, cache, Y)
    m = Y.shape[1]
    dZ1 = cache["A1"] - Y                          # (1, m)
    dW1 = dZ1 @ cache["A0"].T / m                  # (1, m) @ (m, n_x) -> (1, n_x)
    db1 = torch.sum(dZ1, dim=1, keepdim=True) / m  # (1, 1)
    return {"dW1": dW1, "db1": db1}


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def train(X, Y, params, learning_rate=0.005, num_iterations=2000):
    """Batch gradient descent; returns the final params and the cost before each update."""
    check_training("logistic_regression", X, Y, params, learning_rate, num_iterations)
    costs = []
    with torch.no_grad():  # the manual equations need no autograd graph
        for _ in range(num_iterations):
            A1, cache = forward_propagation(X, params)
            costs.append(compute_cost(cache["Z1"], Y))  # a 0-d tensor: no .item() in the loop
            grads = backward_propagation(params, cache, Y)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


def predict(X, params):
    """1 where A1 > 0.5, else 0; shape (1, m)."""
    A1, _ = forward_propagation(X, params)
    return (A1 > 0.5).to(X.dtype)


def _autodiff_cost_and_gradients(params, X, Y):
    """J and torch.autograd.grad of J through forward_propagation, with respect to the params only."""
    params = {name: value.detach().requires_grad_() for name, value in params.items()}
    with torch.enable_grad():
        A1, cache = forward_propagation(X, params)
        cost = compute_cost(cache["Z1"], Y)
    grads = torch.autograd.grad(cost, list(params.values()))  # X and Y are constants: no dX
    return cost.detach(), {"d" + name: grad for name, grad in zip(params, grads, strict=True)}


def autodiff_gradients(params, X, Y):
    """dW1 and db1 by torch's autograd (the framework way)."""
    return _autodiff_cost_and_gradients(params, X, Y)[1]


def train_autodiff(X, Y, params, learning_rate=0.005, num_iterations=2000):
    """As train, with the gradients from torch's autograd instead of the manual equations."""
    check_training("logistic_regression", X, Y, params, learning_rate, num_iterations)
    costs = []
    with torch.no_grad():  # for the update; the gradient step turns autograd on for itself
        for _ in range(num_iterations):
            cost, grads = _autodiff_cost_and_gradients(params, X, Y)
            costs.append(cost)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]

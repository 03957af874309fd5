"""Week 3: a network with one hidden layer, in PyTorch (reference/NOTATION.md)."""

import torch

from reference.validation import check_arrays, check_cache, check_model_dims, check_training

from . import initializers
from .activations import activation_backward, activation_forward, sigmoid
from .cost import compute_cost


def initialize_parameters(layer_dims, init="random_small", seed=2, dtype="float64"):
    """W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1) for layer_dims = [n_x, n_h, 1]."""
    layer_dims = check_model_dims("shallow_nn", layer_dims)
    return initializers.initialize_parameters(layer_dims, init, seed, dtype)


def forward_propagation(X, params, activation="tanh"):
    """A2 = sigmoid(W2 g(W1 X + b1) + b2), and the cache for backward_propagation."""
    check_arrays("shallow_nn", X, params, activation=activation)
    Z1 = params["W1"] @ X + params["b1"]   # (n_h, n_x) @ (n_x, m) -> (n_h, m)
    A1 = activation_forward(Z1, activation)  # (n_h, m)
    Z2 = params["W2"] @ A1 + params["b2"]  # (1, n_h) @ (n_h, m) -> (1, m)
    A2 = sigmoid(Z2)                       # (1, m)
    return A2, {"A0": X, "Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def backward_propagation(params, cache, Y, activation="tanh"):
    """dW1, db1, dW2, db2 from the course's manual equations."""
    check_cache("shallow_nn", params, cache, Y, activation)
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y                                    # (1, m)
    dW2 = dZ2 @ cache["A1"].T / m                            # (1, m) @ (m, n_h) -> (1, n_h)
    db2 = torch.sum(dZ2, dim=1, keepdim=True) / m            # (1, 1)
    dA1 = params["W2"].T @ dZ2                               # (n_h, 1) @ (1, m) -> (n_h, m)
    dZ1 = activation_backward(dA1, cache["Z1"], activation)  # (n_h, m)
    dW1 = dZ1 @ cache["A0"].T / m                            # (n_h, m) @ (m, n_x) -> (n_h, n_x)
    db1 = torch.sum(dZ1, dim=1, keepdim=True) / m            # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def train(X, Y, params, learning_rate=1.2, num_iterations=10000, activation="tanh"):
    """Batch gradient descent; returns the final params and the cost before each update."""
    check_training("shallow_nn", X, Y, params, learning_rate, num_iterations, activation)
    costs = []
    with torch.no_grad():  # the manual equations need no autograd graph
        for _ in range(num_iterations):
            A2, cache = forward_propagation(X, params, activation)
            costs.append(compute_cost(cache["Z2"], Y))  # a 0-d tensor: no .item() in the loop
            grads = backward_propagation(params, cache, Y, activation)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


def predict(X, params, activation="tanh"):
    """1 where A2 > 0.5, else 0; shape (1, m)."""
    A2, _ = forward_propagation(X, params, activation)
    return (A2 > 0.5).to(X.dtype)


def _autodiff_cost_and_gradients(params, X, Y, activation):
    """J and torch.autograd.grad of J through forward_propagation, with respect to the params only."""
    params = {name: value.detach().requires_grad_() for name, value in params.items()}
    with torch.enable_grad():
        A2, cache = forward_propagation(X, params, activation)
        cost = compute_cost(cache["Z2"], Y)
    grads = torch.autograd.grad(cost, list(params.values()))  # X and Y are constants: no dX
    return cost.detach(), {"d" + name: grad for name, grad in zip(params, grads, strict=True)}


def autodiff_gradients(params, X, Y, activation="tanh"):
    """dW1, db1, dW2, db2 by torch's autograd (the framework way)."""
    return _autodiff_cost_and_gradients(params, X, Y, activation)[1]


def train_autodiff(X, Y, params, learning_rate=1.2, num_iterations=10000, activation="tanh"):
    """As train, with the gradients from torch's autograd instead of the manual equations."""
    check_training("shallow_nn", X, Y, params, learning_rate, num_iterations, activation)
    costs = []
    with torch.no_grad():  # for the update; the gradient step turns autograd on for itself
        for _ in range(num_iterations):
            cost, grads = _autodiff_cost_and_gradients(params, X, Y, activation)
            costs.append(cost)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]

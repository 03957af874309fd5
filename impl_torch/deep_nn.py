"""Week 4: a deep L-layer network, in PyTorch (reference/NOTATION.md).

Hidden layers 1..L-1 use ``activation``; the output layer L is a sigmoid unit.
"""

import torch

from reference.validation import check_arrays, check_cache, check_model_dims, check_training

from . import initializers
from .activations import activation_backward, activation_forward, sigmoid
from .cost import compute_cost


def initialize_parameters(layer_dims, init="xavier", seed=1, dtype="float64"):
    """W[l] (n[l], n[l-1]) and b[l] (n[l], 1) for layer_dims = [n_x, n[1], ..., 1]."""
    layer_dims = check_model_dims("deep_nn", layer_dims)
    return initializers.initialize_parameters(layer_dims, init, seed, dtype)


def forward_propagation(X, params, activation="relu"):
    """A[L] through L linear -> activation layers, and the cache for backward_propagation."""
    check_arrays("deep_nn", X, params, activation=activation)
    L = len(params) // 2
    A = X
    cache = {"A0": X}
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]  # (n[l], n[l-1]) @ (n[l-1], m) -> (n[l], m)
        A = activation_forward(Z, activation) if l < L else sigmoid(Z)  # (n[l], m)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def backward_propagation(params, cache, Y, activation="relu"):
    """dW[l], db[l] for every layer from the course's manual equations."""
    check_cache("deep_nn", params, cache, Y, activation)
    m = Y.shape[1]
    L = len(params) // 2
    grads = {}
    dZ = cache[f"A{L}"] - Y                                          # (1, m)
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m              # (n[l], m) @ (m, n[l-1])
        grads[f"db{l}"] = torch.sum(dZ, dim=1, keepdim=True) / m     # (n[l], 1)
        if l > 1:  # dA[0], the gradient with respect to X, is never needed
            dA = params[f"W{l}"].T @ dZ                              # (n[l-1], n[l]) @ (n[l], m)
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], activation)  # (n[l-1], m)
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: V := V - alpha dV."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def train(X, Y, params, learning_rate=0.0075, num_iterations=2500, activation="relu"):
    """Batch gradient descent; returns the final params and the cost before each update."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    L = len(params) // 2
    costs = []
    with torch.no_grad():  # the manual equations need no autograd graph
        for _ in range(num_iterations):
            AL, cache = forward_propagation(X, params, activation)
            costs.append(compute_cost(cache[f"Z{L}"], Y))  # a 0-d tensor: no .item() in the loop
            grads = backward_propagation(params, cache, Y, activation)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


def predict(X, params, activation="relu"):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    AL, _ = forward_propagation(X, params, activation)
    return (AL > 0.5).to(X.dtype)


def _autodiff_cost_and_gradients(params, X, Y, activation):
    """J and torch.autograd.grad of J through forward_propagation, with respect to the params only."""
    L = len(params) // 2
    params = {name: value.detach().requires_grad_() for name, value in params.items()}
    with torch.enable_grad():
        AL, cache = forward_propagation(X, params, activation)
        cost = compute_cost(cache[f"Z{L}"], Y)
    grads = torch.autograd.grad(cost, list(params.values()))  # X and Y are constants: no dX
    return cost.detach(), {"d" + name: grad for name, grad in zip(params, grads, strict=True)}


def autodiff_gradients(params, X, Y, activation="relu"):
    """dW[l], db[l] for every layer by torch's autograd (the framework way)."""
    return _autodiff_cost_and_gradients(params, X, Y, activation)[1]


def train_autodiff(X, Y, params, learning_rate=0.0075, num_iterations=2500, activation="relu"):
    """As train, with the gradients from torch's autograd instead of the manual equations."""
    check_training("deep_nn", X, Y, params, learning_rate, num_iterations, activation)
    costs = []
    with torch.no_grad():  # for the update; the gradient step turns autograd on for itself
        for _ in range(num_iterations):
            cost, grads = _autodiff_cost_and_gradients(params, X, Y, activation)
            costs.append(cost)
            params = update_parameters(params, grads, learning_rate)
    return params, torch.stack(costs) if costs else X.new_empty(0)


__all__ = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "train", "predict", "autodiff_gradients", "train_autodiff"]

"""The three models the way PyTorch's tutorials write them: nn.Linear layers, nn.BCEWithLogitsLoss, torch.optim.SGD.

A network is an ``nn.Sequential`` of ``nn.Linear`` layers with the hidden activation between them; its
output is the logit Z[L], since the loss takes logits (its sigmoid is inside the loss). Logistic regression
is layer_dims [n_x, 1], the shallow network [n_x, n_h, 1], the deep one [n_x, n[1], ..., 1].

nn.Linear computes ``x @ weight.T + bias`` on examples as rows, x (m, n[l-1]): ``weight`` is (n[l], n[l-1]),
the course's W[l] as it is, and ``bias`` (n[l],) is b[l] without its column axis. ``build`` leaves nn.Linear's
own initialization (uniform in +-1/sqrt(n[l-1])); ``load_params`` replaces it with the course's parameters,
and ``export_params`` and ``gradients`` give them back in the course layout. X and Y come in the course
layout, (n_x, m) and (1, m), and are transposed once on the way in.
"""

import torch
from torch import nn

from reference.validation import (
    check_activation,
    check_dtype,
    check_learning_rate,
    check_model_dims,
    check_num_iterations,
    check_params,
)

from .activations import LEAKY_SLOPE

# Autograd of each agrees with the course at Z = 0: ReLU's derivative there is 0, LeakyReLU's the slope 0.01.
ACTIVATIONS = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "leaky_relu": lambda: nn.LeakyReLU(LEAKY_SLOPE)}

LOSS = nn.BCEWithLogitsLoss()  # the mean over the m examples of -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))]


def build(layer_dims, activation="relu", dtype="float64"):
    """nn.Sequential(Linear, g, ..., Linear) from layer_dims = [n_x, n[1], ..., 1]; its output is Z[L]."""
    dims = check_model_dims("deep_nn", layer_dims)
    activation, dtype = check_activation(activation), getattr(torch, check_dtype(dtype))
    L = len(dims) - 1
    layers = []
    for l in range(1, L + 1):
        layers.append(nn.Linear(dims[l - 1], dims[l], dtype=dtype))  # weight (n[l], n[l-1]), bias (n[l],)
        if l < L:
            layers.append(ACTIVATIONS[activation]())
    return nn.Sequential(*layers)


def load_params(model, params):
    """Copy the course's W[l], b[l] into the nn.Linear layers; returns the model."""
    linear = _linear_layers(model)
    params = check_params("params", params, [linear[0].in_features] + [layer.out_features for layer in linear])
    with torch.no_grad():
        for l, layer in enumerate(linear, start=1):
            layer.weight.copy_(torch.as_tensor(params[f"W{l}"]))       # (n[l], n[l-1]): the course's W, as it is
            layer.bias.copy_(torch.as_tensor(params[f"b{l}"][:, 0]))   # (n[l], 1) -> (n[l],)
    return model


def export_params(model):
    """W[l], b[l] in the course layout, read from the nn.Linear layers."""
    return _course_layout([(layer.weight, layer.bias) for layer in _linear_layers(model)])


def forward(model, X):
    """A[L] = sigmoid(Z[L]), shape (1, m)."""
    with torch.no_grad():
        return torch.sigmoid(model(X.T)).T  # examples as rows: (m, n_x) -> Z[L].T (m, 1) -> A[L] (1, m)


def cost(model, X, Y):
    """J by nn.BCEWithLogitsLoss on the logits Z[L]."""
    return LOSS(model(X.T), Y.T)  # (m, 1) logits and labels


def gradients(model, X, Y):
    """dW[l], db[l] by loss.backward(), in the course layout."""
    model.zero_grad()
    cost(model, X, Y).backward()
    return _course_layout([(layer.weight.grad, layer.bias.grad) for layer in _linear_layers(model)], prefix="d")


def sgd(model, learning_rate):
    """torch.optim.SGD with no momentum and no weight decay: p := p - alpha p.grad, the course's update."""
    learning_rate = check_learning_rate(learning_rate)
    return torch.optim.SGD(model.parameters(), lr=learning_rate)


def train_step(model, optimizer, X, Y):
    """One update, the body of the usual loop; returns the cost before it."""
    optimizer.zero_grad()
    loss = cost(model, X, Y)
    loss.backward()
    optimizer.step()
    return loss.detach()


def train(model, X, Y, learning_rate, num_iterations):
    """The usual loop: num_iterations full-batch SGD steps; returns the cost before each update."""
    num_iterations = check_num_iterations(num_iterations)
    optimizer = sgd(model, learning_rate)
    costs = [train_step(model, optimizer, X, Y) for _ in range(num_iterations)]
    return torch.stack(costs) if costs else X.new_empty(0)


def predict(model, X):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    return (forward(model, X) > 0.5).to(X.dtype)


def _linear_layers(model):
    return [layer for layer in model if isinstance(layer, nn.Linear)]


def _course_layout(pairs, prefix=""):
    """{W1, b1, ...} (or dW1, db1, ...) from (weight, bias) pairs, as new tensors apart from the model."""
    params = {}
    for l, (weight, bias) in enumerate(pairs, start=1):
        params[f"{prefix}W{l}"] = weight.detach().clone()          # (n[l], n[l-1]): no transpose
        params[f"{prefix}b{l}"] = bias.detach()[:, None].clone()   # (n[l],) -> (n[l], 1)
    return params


__all__ = ["build", "load_params", "export_params", "forward", "cost", "gradients", "sgd", "train_step", "train",
           "predict"]

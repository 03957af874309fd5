"""The three models the way PyTorch's tutorials write them: nn.Linear layers, nn.BCEWithLogitsLoss, torch.optim.SGD.

A network is an ``nn.Sequential`` of ``nn.Linear`` layers with the hidden activation between them; its
output is the logit Z[L], since the loss takes logits (its sigmoid is inside the loss). Logistic regression
is layer_dims [n_x, 1], the shallow network [n_x, n_h, 1], the deep one [n_x, n[1], ..., 1].

nn.Linear computes ``x @ weight.T + bias`` on examples as rows, x (m, n[l-1]): ``weight`` is (n[l], n[l-1]),
the course's W[l] as it is, and ``bias`` (n[l],) is b[l] without its column axis. ``build`` leaves nn.Linear's
own initialization (uniform in +-1/sqrt(n[l-1])); ``load_params`` replaces it with the course's parameters,
and ``export_params`` and ``gradients`` give them back in the course layout. X and Y come in the course
layout, (n_x, m) and (1, m), and are transposed once on the way in.

Course 2, week 1 (impl_numpy/regularization.py), the framework's way: dropout is ``nn.Dropout`` after each
hidden activation, a fresh mask per step, or ``CourseDropout`` applying given masks D[l] the course's way (no
framework's dropout takes a mask, and equality with the course is proven with given ones); L2 is the
optimizer's ``weight_decay``, p := p - alpha (p.grad + weight_decay p), which is the course's update for
weight_decay = lambd / m on the weights only (``L2_VARIANTS``). Each function sets the mode it needs:
``model.train()`` (dropout on) for the cost, gradients and steps, ``model.eval()`` for predictions.
"""


import torch
from torch import nn

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

from .activations import LEAKY_SLOPE

# Autograd of each agrees with the course at Z = 0: ReLU's derivative there is 0, LeakyReLU's the slope 0.01.
ACTIVATIONS = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "leaky_relu": lambda: nn.LeakyReLU(LEAKY_SLOPE)}

LOSS = nn.BCEWithLogitsLoss()  # the mean over the m examples of -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))]

# L2 as the kwargs of build and of cost, gradients, sgd, train_step and train: the course's, and two slips
L2_VARIANTS = {
    "course": lambda lambd, m: {"build": {}, "train": {"weight_decay": lambd / m}},
    "weight_decay=lambd": lambda lambd, m: {"build": {}, "train": {"weight_decay": lambd}},  # the 1/m forgotten
    "biases decayed": lambda lambd, m: {"build": {}, "train": {"weight_decay": lambd / m, "decay_biases": True}},
}


class CourseDropout(nn.Module):
    """Inverted dropout with a given mask, the course's way: A * D / keep_prob in training, A in eval mode."""

    def __init__(self, mask, keep_prob):
        super().__init__()
        self.keep_prob = keep_prob
        self.register_buffer("mask", mask.T.clone())  # D[l] (n[l], m) -> (m, n[l]): examples as rows

    def forward(self, A):
        if not self.training:
            return A
        check_mask_examples(A.shape[0], self.mask.shape[0])  # (m, n[l]): the examples of the masks, or a one-line error
        return A * self.mask / self.keep_prob


def build(layer_dims, activation="relu", dtype="float64", keep_prob=1.0, masks=None, seed=0):
    """nn.Sequential(Linear, g, [dropout], ..., Linear) from layer_dims = [n_x, n[1], ..., 1]; its output is Z[L].
    With keep_prob < 1, dropout_layer after each hidden activation; with masks (D1 ... D[L-1], (n[l], m)),
    CourseDropout applying them instead. seed is there for the signature every backend shares: nn.Dropout has
    no seed of its own and draws from torch's global generator, which the caller seeds (torch.manual_seed)."""
    dims = check_model_dims("deep_nn", layer_dims)
    activation, dtype = check_activation(activation), getattr(torch, check_dtype(dtype))
    keep_prob, seed = check_keep_prob(keep_prob), check_seed(seed)
    masks = check_given_masks(masks, dims, keep_prob) if masks is not None else None
    L = len(dims) - 1
    layers = []
    for l in range(1, L + 1):
        layers.append(nn.Linear(dims[l - 1], dims[l], dtype=dtype))  # weight (n[l], n[l-1]), bias (n[l],)
        if l < L:
            layers.append(ACTIVATIONS[activation]())
            if masks is not None:
                layers.append(CourseDropout(torch.as_tensor(masks[f"D{l}"], dtype=dtype), keep_prob))
            elif keep_prob < 1:
                layers.append(dropout_layer(keep_prob, seed))
    return nn.Sequential(*layers)


def dropout_layer(keep_prob, seed=0):
    """nn.Dropout for the course's keep_prob: A * D / keep_prob with a fresh D at each call in training mode, A
    in eval mode. seed is unused (see build): torch's global generator draws D."""
    keep_prob, seed = check_keep_prob(keep_prob), check_seed(seed)
    # p is the probability of DROPPING a unit, the course's 1 - keep_prob: nn.Dropout(keep_prob) is where learners trip
    return nn.Dropout(p=1 - keep_prob)


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


def forward(model, X, training=False):
    """A[L] = sigmoid(Z[L]), shape (1, m); with training=True, through the dropout, as the course's
    forward_propagation_with_dropout."""
    model.train(training)  # nn.Dropout and CourseDropout drop in training mode only
    with torch.no_grad():
        return torch.sigmoid(model(X.T)).T  # examples as rows: (m, n_x) -> Z[L].T (m, 1) -> A[L] (1, m)


def cost(model, X, Y, weight_decay=0.0, decay_biases=False):
    """J: nn.BCEWithLogitsLoss on the logits Z[L] in training mode (dropout on, as the course's cost), plus the L2
    term the optimizer's decay minimizes, weight_decay / 2 sum ||p||^2 over the decayed parameters."""
    return _cross_entropy(model, X, Y) + _l2_term(model, weight_decay, decay_biases)


def gradients(model, X, Y, weight_decay=0.0, decay_biases=False):
    """dW[l], db[l] the update follows, in the course layout: loss.backward()'s p.grad, plus weight_decay p on
    the decayed parameters as torch.optim.SGD adds it (the gradient of cost's L2 term)."""
    weight_decay = check_lambd(weight_decay, "weight_decay")
    model.zero_grad()
    _cross_entropy(model, X, Y).backward()
    if weight_decay:
        with torch.no_grad():
            for p in _decayed(model, decay_biases):
                p.grad.add_(p, alpha=weight_decay)  # SGD's d_p = p.grad + weight_decay p
    return _course_layout([(layer.weight.grad, layer.bias.grad) for layer in _linear_layers(model)], prefix="d")


def sgd(model, learning_rate, weight_decay=0.0, decay_biases=False):
    """torch.optim.SGD with no momentum: p := p - alpha (p.grad + weight_decay p), the course's update with L2 for
    weight_decay = lambd / m. The biases are a group of their own with no decay, unless decay_biases: torch's
    one default group, model.parameters(), decays them too."""
    learning_rate, weight_decay = check_learning_rate(learning_rate), check_lambd(weight_decay, "weight_decay")
    if not weight_decay:
        return torch.optim.SGD(model.parameters(), lr=learning_rate)
    if decay_biases:
        return torch.optim.SGD(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
    linear = _linear_layers(model)
    return torch.optim.SGD([{"params": [layer.weight for layer in linear], "weight_decay": weight_decay},
                            {"params": [layer.bias for layer in linear], "weight_decay": 0.0}], lr=learning_rate)


def train_step(model, optimizer, X, Y, weight_decay=0.0, decay_biases=False):
    """One update, the body of the usual loop; returns the cost J before it (with the L2 term of the optimizer's
    decay, which the caller configured the optimizer with)."""
    optimizer.zero_grad()
    loss = _cross_entropy(model, X, Y)
    loss.backward()  # the cross-entropy's gradient: the optimizer adds weight_decay p in its step
    J = loss.detach() + _l2_term(model, weight_decay, decay_biases).detach()
    optimizer.step()
    return J


def train(model, X, Y, learning_rate, num_iterations, weight_decay=0.0, decay_biases=False):
    """The usual loop: num_iterations full-batch SGD steps; returns the cost J before each update."""
    num_iterations = check_num_iterations(num_iterations)
    optimizer = sgd(model, learning_rate, weight_decay, decay_biases)
    costs = [train_step(model, optimizer, X, Y, weight_decay, decay_biases) for _ in range(num_iterations)]
    return torch.stack(costs) if costs else X.new_empty(0)


def predict(model, X):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    return (forward(model, X) > 0.5).to(X.dtype)


def _cross_entropy(model, X, Y):
    model.train()  # dropout on
    return LOSS(model(X.T), Y.T)  # (m, 1) logits and labels


def _l2_term(model, weight_decay, decay_biases):
    """weight_decay / 2 sum ||p||^2 over the decayed parameters: lambd / (2 m) sum_l ||W[l]||_F^2 for the course."""
    if not check_lambd(weight_decay, "weight_decay"):
        return torch.zeros((), dtype=_linear_layers(model)[0].weight.dtype)
    return weight_decay / 2 * sum(torch.sum(torch.square(p)) for p in _decayed(model, decay_biases))


def _decayed(model, decay_biases):
    """The parameters the optimizer's weight decay applies to: the weights W[l], and the biases if decay_biases."""
    linear = _linear_layers(model)
    return [layer.weight for layer in linear] + ([layer.bias for layer in linear] if decay_biases else [])


def _linear_layers(model):
    return [layer for layer in model if isinstance(layer, nn.Linear)]


def _course_layout(pairs, prefix=""):
    """{W1, b1, ...} (or dW1, db1, ...) from (weight, bias) pairs, as new tensors apart from the model."""
    params = {}
    for l, (weight, bias) in enumerate(pairs, start=1):
        params[f"{prefix}W{l}"] = weight.detach().clone()          # (n[l], n[l-1]): no transpose
        params[f"{prefix}b{l}"] = bias.detach()[:, None].clone()   # (n[l],) -> (n[l], 1)
    return params


__all__ = ["L2_VARIANTS", "CourseDropout", "build", "dropout_layer", "load_params", "export_params", "forward", "cost",
           "gradients", "sgd", "train_step", "train", "predict"]

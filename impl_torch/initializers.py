"""Weight initializers in PyTorch, on ``torch.nn.init`` with a seeded ``torch.Generator`` (reference/NOTATION.md).

The course's W[l] of shape (n[l], n[l-1]) is ``nn.Linear.weight``'s own (out_features, in_features)
layout, so torch's fan_in (``size(1)`` of a 2-d weight) is n[l-1] with no transpose. torch's draws
differ from the course's ``np.random.randn`` for the same seed: the distributions are the same.
torch's defaults differ from the course: ``nn.Linear`` initializes its weight with
``kaiming_uniform_(a=sqrt(5))``, i.e. U(-1/sqrt(n[l-1]), 1/sqrt(n[l-1])), and its bias from the same
uniform, not 0; nothing here uses them.
"""

import torch

from reference.validation import check_dtype, check_init, check_layer_sizes, check_seed


def zeros(shape, rng, dtype="float64"):
    """W = 0."""
    W = torch.empty(shape, dtype=getattr(torch, dtype))  # (n[l], n[l-1])
    return torch.nn.init.zeros_(W)


def random_small(shape, rng, dtype="float64"):
    """W = randn * 0.01."""
    W = torch.empty(shape, dtype=getattr(torch, dtype))  # (n[l], n[l-1])
    return torch.nn.init.normal_(W, mean=0.0, std=0.01, generator=rng)


def random(shape, rng, dtype="float64"):
    """W = randn * 10, the initialization assignment's large random weights (course 2, week 1)."""
    W = torch.empty(shape, dtype=getattr(torch, dtype))  # (n[l], n[l-1])
    return torch.nn.init.normal_(W, mean=0.0, std=10.0, generator=rng)


def xavier(shape, rng, dtype="float64"):
    """W = randn * sqrt(1 / n[l-1]), the course's variant: kaiming_normal_ with gain 1."""
    W = torch.empty(shape, dtype=getattr(torch, dtype))  # (n[l], n[l-1]): fan_in = size(1) = n[l-1]
    return torch.nn.init.kaiming_normal_(W, mode="fan_in", nonlinearity="linear", generator=rng)


def glorot(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / (n[l-1] + n[l])): xavier_normal_ with gain 1."""
    W = torch.empty(shape, dtype=getattr(torch, dtype))  # (n[l], n[l-1]): fan_in + fan_out either way
    return torch.nn.init.xavier_normal_(W, gain=1.0, generator=rng)


def he(shape, rng, dtype="float64"):
    """W = randn * sqrt(2 / n[l-1]): kaiming_normal_ with relu's gain sqrt(2)."""
    W = torch.empty(shape, dtype=getattr(torch, dtype))  # (n[l], n[l-1]): fan_in = size(1) = n[l-1]
    return torch.nn.init.kaiming_normal_(W, mode="fan_in", nonlinearity="relu", generator=rng)


INITIALIZERS = {"zeros": zeros, "random_small": random_small, "random": random, "xavier": xavier,
                "glorot": glorot, "he": he}


def initialize_parameters(layer_dims, init="he", seed=0, dtype="float64"):
    """{"W1", "b1", ..., "WL", "bL"} for ``layer_dims`` = [n_x, n[1], ..., n[L]]; biases are zero."""
    layer_dims = check_layer_sizes("layer_dims", layer_dims)
    initializer = INITIALIZERS[check_init(init)]
    dtype = check_dtype(dtype)
    rng = torch.Generator().manual_seed(check_seed(seed))
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = initializer((layer_dims[l], layer_dims[l - 1]), rng, dtype)   # (n[l], n[l-1])
        params[f"b{l}"] = torch.zeros((layer_dims[l], 1), dtype=getattr(torch, dtype))  # (n[l], 1)
    return params

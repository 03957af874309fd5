"""PyTorch backend: the course's vectorized equations in torch ops, with manual and autograd backpropagation.

The same modules and public functions as ``impl_numpy``, in the same order, plus the framework
extras ``autodiff_gradients`` and ``train_autodiff`` in each model module. The equations are in
``reference/NOTATION.md``. Tensors live on the CPU; the dtype comes from the tensors themselves.
"""

import contextlib

import torch

from . import (
    activations,
    cost,
    deep_nn,
    gradient_check,
    initializers,
    layers,
    logistic_regression,
    optimizers,
    own_optimizers,
    regularization,
    shallow_nn,
)

NAME = "torch"


def asarray(x, dtype="float64"):
    """A NumPy array (or nested list) as this backend's array of ``dtype``."""
    return torch.as_tensor(x, dtype=getattr(torch, dtype))


def to_numpy(x):
    """This backend's array as a NumPy array."""
    return x.detach().cpu().numpy()


def precision(dtype="float64"):
    """Context for computing in ``dtype``; torch needs no switch (every op keeps its inputs' dtype)."""
    return contextlib.nullcontext()


__all__ = [
    "NAME", "activations", "asarray", "cost", "deep_nn", "gradient_check", "initializers",
    "layers", "logistic_regression",
    "optimizers", "own_optimizers", "precision", "regularization", "shallow_nn", "to_numpy",
]

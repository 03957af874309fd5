"""One training run of a preset on one backend and dtype, kept as the portable ``.npz``.

The run is the backend's own ``train`` called in chunks, each from the parameters the previous one ended with:
gradient descent keeps no state but the parameters, so the chunks make the same run (the cost curve is the same
to the bit as one call's, tests/test_app.py), and between them the progress bar moves and the 2-D data's
decision boundary is recorded for the animation. Course 2, week 2's optimizers keep more state (momentum's v,
RMSprop's s, Adam's t, the epochs done for the decay): the backend's ``optimizers.train`` carries it from one
chunk to the next in its ``state`` dict, and the chunks are again one run (tests/test_optimizers.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .. import validation as v
from ..backends import get_backend
from ..io import save_params
from ..proof import minibatches
from .presets import Preset


@dataclass
class Training:
    preset: Preset
    backend: str
    dtype: str
    layer_dims: list[int]
    learning_rate: float
    num_iterations: int
    init: str
    seed: int
    costs: np.ndarray                                 # (num_iterations,) the cost before each update
    params: dict[str, np.ndarray]                     # the final parameters, NumPy, in the run's dtype
    train_accuracy: float
    test_accuracy: float | None
    seconds: float
    snapshots: list[tuple[int, dict[str, np.ndarray]]] = field(default_factory=list, repr=False)
    lambd: float = 0.0
    keep_prob: float = 1.0
    optimization: str = ""                            # course 2, week 2: the optimizer ("": full-batch descent)

    def save(self, path, dataset: str, picture: tuple[int, int, int] | None = None,
             classes: tuple[str, str] = ("0", "1")) -> None:
        """The portable ``.npz`` (reference/io.py), with what ``rosetta predict`` needs to read pictures."""
        save_params(path, self.params, self.preset.activation, self.preset.model, application={
            "preset": self.preset.name, "dataset": dataset, "backend": self.backend,
            "picture": None if picture is None else list(picture), "classes": list(classes),
            "learning_rate": self.learning_rate, "num_iterations": self.num_iterations, "init": self.init,
            "seed": self.seed, "lambd": self.lambd, "keep_prob": self.keep_prob, "optimization": self.optimization,
            "train_accuracy": self.train_accuracy, "test_accuracy": self.test_accuracy,
            "final_cost": float(self.costs[-1]) if len(self.costs) else None})


def chunks(num_iterations: int, pieces: int = 50) -> list[int]:
    """``num_iterations`` cut into at most ``pieces`` equal chunks and a remainder (two compilations in JAX)."""
    size = max(1, -(-num_iterations // pieces))
    return [size] * (num_iterations // size) + ([num_iterations % size] if num_iterations % size else [])


def train(preset: Preset, X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray | None = None,
          y_test: np.ndarray | None = None, *, backend: str = "numpy", dtype: str = "float64",
          learning_rate: float | None = None, num_iterations: int | None = None, init: str | None = None,
          seed: int | None = None, progress=None, snapshots: int = 0, lambd: float = 0.0,
          keep_prob: float = 1.0, optimization: minibatches.Optimization | None = None) -> Training:
    """Train ``preset`` on X_train (m, n_x), y_train (m,) from NumPy-made initial parameters (``seed``: the
    preset's when None).

    ``progress(done, size)`` before each chunk of ``size`` iterations; ``snapshots``: how many parameter sets to
    keep along the way (the animation's frames), the first before any update. ``lambd`` and ``keep_prob``: course 2's
    L2 and dropout (the backend's regularization module; the masks drawn once in NumPy, seed 1, as the course's
    notebook, for every step). ``optimization``: course 2, week 2's optimizer over mini-batches, in the course's
    orders (reference/proof/minibatches.py), ``num_iterations`` counting epochs.
    """
    import impl_numpy

    dtype = v.check_dtype(dtype)
    learning_rate = v.check_learning_rate(preset.learning_rate if learning_rate is None else learning_rate)
    num_iterations = v.check_num_iterations(preset.num_iterations if num_iterations is None else num_iterations)
    init = v.check_init(init or preset.init)
    seed = preset.seed if seed is None else seed
    lambd, keep_prob = v.check_lambd(lambd), v.check_keep_prob(keep_prob)
    regularized = lambd > 0 or keep_prob < 1
    if regularized and preset.model == "logistic_regression":
        raise ValueError("MODEL: expected a network with --lambd or --keep-prob (logistic regression has no hidden "
                         "layer), got 'logistic_regression'")
    if optimization is not None and (regularized or preset.model == "logistic_regression"):
        raise ValueError(f"--optimizer: expected a network trained without --lambd and --keep-prob (course 2's "
                         f"mini-batch and regularized models are apart), got {optimization} for {preset.name}"
                         + (" with L2 or dropout" if regularized else ""))
    dims = preset.layer_dims(X_train.shape[1])
    params = getattr(impl_numpy, preset.model).initialize_parameters(dims, init, seed, "float64")
    masks = impl_numpy.regularization.dropout_masks(dims, len(X_train), keep_prob) if keep_prob < 1 else None
    framework = get_backend(backend)
    module = getattr(framework, "regularization" if regularized else preset.model)
    orders: list = []
    state: dict = {}  # course 2, week 2: the epochs' orders, and the optimizer's state between chunks
    if optimization is not None:
        orders = minibatches.orders(len(X_train), num_iterations)
    kwargs, out = preset.kwargs, framework.to_numpy
    pieces = chunks(num_iterations, max(50, snapshots))
    keep = set(np.linspace(0, len(pieces), snapshots).round().astype(int).tolist()) if snapshots else set()
    kept, costs = [], []
    with framework.precision(dtype):
        X = framework.asarray(np.ascontiguousarray(X_train.T), dtype)
        Y = framework.asarray(np.asarray(y_train, np.float64)[np.newaxis, :], dtype)
        current = {key: framework.asarray(value, dtype) for key, value in params.items()}
        course2 = {} if not regularized else {"lambd": lambd, "keep_prob": keep_prob, "masks": None if masks is None
                                              else {k: framework.asarray(D, dtype) for k, D in masks.items()}}
        start = time.perf_counter()
        done = 0
        for index, size in enumerate(pieces):
            if index in keep:
                kept.append((done, {key: out(value) for key, value in current.items()}))
            if progress:
                progress(done, size)
            if optimization is not None:
                current, chunk_costs = framework.optimizers.train(X, Y, current, orders[done:done + size],
                                                                  learning_rate=learning_rate, **kwargs,
                                                                  **optimization.kwargs, state=state)
            else:
                current, chunk_costs = module.train(X, Y, current, learning_rate, size, **kwargs, **course2)
            costs.append(out(chunk_costs))
            done += size
        seconds = time.perf_counter() - start
        if len(pieces) in keep:
            kept.append((done, {key: out(value) for key, value in current.items()}))
        train_accuracy = float(np.mean(out(module.predict(X, current, **kwargs))[0] == y_train))
        test_accuracy = None
        if X_test is not None and y_test is not None and len(y_test):
            X_t = framework.asarray(np.ascontiguousarray(X_test.T), dtype)
            test_accuracy = float(np.mean(out(module.predict(X_t, current, **kwargs))[0] == y_test))
        final = {key: out(value) for key, value in current.items()}
    return Training(preset, backend, dtype, dims, learning_rate, num_iterations, init, seed,
                    np.concatenate(costs) if costs else np.zeros(0, dtype), final, train_accuracy, test_accuracy,
                    seconds, kept, lambd, keep_prob, str(optimization or ""))


def probabilities(model: str, params: dict[str, np.ndarray], X: np.ndarray, activation: str | None,
                  backend: str = "numpy") -> np.ndarray:
    """A[L] for the columns of X (n_x, k), by ``backend``'s forward propagation in the parameters' dtype: (k,)."""
    framework = get_backend(backend)
    module = getattr(framework, model)
    dtype = next(iter(params.values())).dtype.name
    kwargs = {} if activation is None else {"activation": activation}
    with framework.precision(dtype):
        AL, _ = module.forward_propagation(framework.asarray(X, dtype),
                                           {key: framework.asarray(value, dtype) for key, value in params.items()},
                                           **kwargs)
        return np.asarray(framework.to_numpy(AL), np.float64).reshape(-1)

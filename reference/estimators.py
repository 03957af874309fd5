"""scikit-learn style estimators over any backend: ``fit(X, y)`` with X of shape (n_samples, n_features).

The estimators are the only place that transposes: the course's layout, ``X`` of shape (n_x, m)
and ``Y`` of shape (1, m), starts at the call into the backend. Everything is checked before
any work is done (reference/validation.py), so every backend gives the same errors.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError

from . import validation as v
from .backends import get_backend
from .io import load_params, read_metadata, save_params


class _Network(ClassifierMixin, BaseEstimator):
    """Shared fit/predict logic; subclasses name the model module and its layer sizes."""

    _model = ""

    def _layer_dims(self, n_x: int) -> tuple[int, ...]:
        raise NotImplementedError

    def _model_kwargs(self) -> dict[str, Any]:
        return {"activation": v.check_activation(self.activation)}

    def _check_hyperparameters(self) -> None:
        v.check_learning_rate(self.learning_rate)
        v.check_num_iterations(self.num_iterations)
        v.check_init(self.init)
        v.check_seed(self.seed)
        v.check_dtype(self.dtype)
        self._model_kwargs()
        self._regularization()
        self._optimization()

    def _regularization(self) -> dict[str, float]:
        """Course 2's lambd and keep_prob, for the networks that take them (empty when both are off)."""
        lambd = v.check_lambd(getattr(self, "lambd", 0.0))
        keep_prob = v.check_keep_prob(getattr(self, "keep_prob", 1.0))
        return {"lambd": lambd, "keep_prob": keep_prob} if lambd or keep_prob < 1 else {}

    def _optimization(self) -> dict[str, Any]:
        """Course 2, week 2's optimizer and mini-batches, for the networks that take them (empty for full-batch
        gradient descent, today's training)."""
        optimizer = v.check_optimizer(getattr(self, "optimizer", "gd"))
        size = getattr(self, "mini_batch_size", None)
        if optimizer == "gd" and size is None:
            return {}
        if self._regularization():
            raise ValueError(f"optimizer: expected 'gd' and no mini_batch_size with lambd or keep_prob (course 2's "
                             f"regularized and mini-batch models are apart), got {optimizer!r}")
        options = {"optimizer": optimizer, "mini_batch_size": 64 if size is None else v.check_mini_batch_size(size),
                   "beta": v.check_beta("beta", self.beta), "beta1": v.check_beta("beta1", self.beta1),
                   "beta2": v.check_beta("beta2", self.beta2), "epsilon": v.check_epsilon(self.epsilon),
                   "decay_rate": v.check_lambd(self.decay_rate, "decay_rate"),
                   "time_interval": v.check_time_interval(self.time_interval)}
        return options

    def _backend_model(self, training: bool = False):
        """The backend and its model module: its regularization module for training with L2 or dropout."""
        backend = get_backend(self.backend)
        return backend, getattr(backend, "regularization" if training and self._regularization() else self._model)

    def fit(self, X, y):
        """Train by batch gradient descent on X (n_samples, n_features) and y (n_samples,) holding both labels 0 and 1;
        sets ``params_``, ``costs_`` and returns self."""
        self._check_hyperparameters()
        X = v.check_X(X)
        y = v.check_y(y, X.shape[0])
        v.check_two_classes(y)
        dims = self._layer_dims(X.shape[1])
        initial = None
        if self.initial_params is not None:
            initial = v.check_params("initial_params", self.initial_params, dims)
        dtype = v.check_dtype(self.dtype)
        backend, model = self._backend_model(training=True)
        regularization = self._regularization()
        if regularization.get("keep_prob", 1.0) < 1:  # drawn once, as the course's notebook (seed 1), in NumPy
            import impl_numpy

            masks = impl_numpy.regularization.dropout_masks(dims, X.shape[0], regularization["keep_prob"])
        with backend.precision(dtype):
            X_ = backend.asarray(X.T, dtype)          # (n_x, m)
            Y_ = backend.asarray(y[np.newaxis, :], dtype)  # (1, m)
            if initial is not None:
                params = {name: backend.asarray(value, dtype) for name, value in initial.items()}
            else:
                params = model.initialize_parameters(list(dims), self.init, self.seed, dtype)
            if regularization.get("keep_prob", 1.0) < 1:
                regularization["masks"] = {key: backend.asarray(D, dtype) for key, D in masks.items()}
            optimization = self._optimization()
            if optimization:  # epochs of mini-batches, in the course's orders (drawn in NumPy, the same everywhere)
                import impl_numpy

                orders = [impl_numpy.optimizers.mini_batch_order(X.shape[0], 10 + 1 + epoch)
                          for epoch in range(v.check_num_iterations(self.num_iterations))]
                params, costs = backend.optimizers.train(X_, Y_, params, orders, learning_rate=self.learning_rate,
                                                         **self._model_kwargs(), **optimization)
            else:
                params, costs = model.train(X_, Y_, params, self.learning_rate, self.num_iterations,
                                            **self._model_kwargs(), **regularization)
            self.params_ = {name: backend.to_numpy(value) for name, value in params.items()}
            self.costs_ = backend.to_numpy(costs)
        self.layer_dims_ = dims
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.array([0, 1])  # the labels check_y allows, both present (check_two_classes): one column each
        return self

    def _fitted(self) -> dict[str, np.ndarray]:
        if not hasattr(self, "params_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet: call fit(X, y) first")
        return self.params_

    def predict_proba(self, X) -> np.ndarray:
        """Probabilities of class 0 and class 1, shape (n_samples, 2)."""
        params = self._fitted()
        X = v.check_X(X, self.n_features_in_)
        backend, model = self._backend_model()
        dtype = v.check_dtype(self.dtype)
        with backend.precision(dtype):
            params_ = {name: backend.asarray(value, dtype) for name, value in params.items()}
            AL, _ = model.forward_propagation(backend.asarray(X.T, dtype), params_, **self._model_kwargs())
            p = backend.to_numpy(AL)[0]  # (m,)
        return np.column_stack([1 - p, p])

    def predict(self, X) -> np.ndarray:
        """Labels 0 or 1, shape (n_samples,): 1 where A[L] > 0.5."""
        params = self._fitted()
        X = v.check_X(X, self.n_features_in_)
        backend, model = self._backend_model()
        dtype = v.check_dtype(self.dtype)
        with backend.precision(dtype):
            params_ = {name: backend.asarray(value, dtype) for name, value in params.items()}
            y_hat = model.predict(backend.asarray(X.T, dtype), params_, **self._model_kwargs())
            return backend.to_numpy(y_hat)[0].astype(int)

    def cost_and_gradients(self, X, y, params=None) -> tuple[float, dict[str, np.ndarray]]:
        """The cost J and the gradients {"dW1", "db1", ...} at ``params`` (default: the fitted ones), with the L2
        term of ``lambd``; without dropout, which is a device of training (as a gradient check needs)."""
        self._check_hyperparameters()
        X = v.check_X(X)
        y = v.check_y(y, X.shape[0])
        dims = self._layer_dims(X.shape[1])
        params = v.check_params("params", self._fitted() if params is None else params, dims)
        dtype = v.check_dtype(self.dtype)
        backend, model = self._backend_model()
        kwargs = self._model_kwargs()
        L = len(dims) - 1
        with backend.precision(dtype):
            params_ = {name: backend.asarray(value, dtype) for name, value in params.items()}
            Y_ = backend.asarray(y[np.newaxis, :], dtype)
            AL, cache = model.forward_propagation(backend.asarray(X.T, dtype), params_, **kwargs)
            lambd = self._regularization().get("lambd", 0.0)
            if lambd:  # the regularization module's cost and backward, with no masks
                regularized = get_backend(self.backend).regularization
                cost = float(backend.to_numpy(regularized.compute_cost(cache[f"Z{L}"], Y_, params_, lambd)))
                grads = regularized.backward_propagation(params_, cache, Y_, lambd=lambd, **kwargs)
            else:
                cost = float(backend.to_numpy(model.compute_cost(cache[f"Z{L}"], Y_)))
                grads = model.backward_propagation(params_, cache, Y_, **kwargs)
            return cost, {name: backend.to_numpy(value) for name, value in grads.items()}

    def save(self, path) -> None:
        """Write the fitted parameters and the hyperparameters to a portable ``.npz`` (reference/io.py)."""
        params = self._fitted()
        hyper = {k: (list(p) if isinstance(p, tuple) else p)
                 for k, p in self.get_params().items() if k != "initial_params"}
        save_params(path, params, activation=getattr(self, "activation", None), model=self._model,
                    estimator={"class": type(self).__name__, "hyperparameters": hyper})

    @classmethod
    def load(cls, path, **overrides):
        """An estimator saved by ``save``, fitted, on any backend: ``ShallowNN.load(path, backend="jax")``."""
        meta = read_metadata(path)
        saved = meta.get("estimator") or {}
        if saved.get("class") != cls.__name__:
            raise ValueError(f"path: expected a saved {cls.__name__}, got {saved.get('class') or 'bare parameters'}")
        hyper = {k: (tuple(p) if isinstance(p, list) else p) for k, p in saved["hyperparameters"].items()}
        model = cls(**{**hyper, **overrides})
        model._check_hyperparameters()
        dims = model._layer_dims(meta["layer_dims"][0])
        if list(dims) != meta["layer_dims"]:
            raise ValueError(f"path: expected layer sizes {list(dims)} for these hyperparameters, "
                             f"got {meta['layer_dims']}")
        model.params_ = load_params(path)
        model.layer_dims_ = dims
        model.n_features_in_ = dims[0]
        model.classes_ = np.array([0, 1])
        model.costs_ = np.array([])  # the training history is not saved
        return model


def load_estimator(path, **overrides) -> _Network:
    """Whichever estimator class was saved at ``path``, e.g. ``load_estimator(path, backend="tf")``."""
    saved = read_metadata(path).get("estimator") or {}
    classes = {c.__name__: c for c in (LogisticRegression, ShallowNN, DeepNN)}
    if saved.get("class") not in classes:
        raise ValueError(f"path: expected a saved estimator, got {saved.get('class') or 'bare parameters'}")
    return classes[saved["class"]].load(path, **overrides)


class LogisticRegression(_Network):
    """Week 2: logistic regression as a one-neuron network (W1 is the course's w.T).

    Parameters
    ----------
    backend : {"numpy", "torch", "tf", "jax"}
    learning_rate : float > 0
    num_iterations : int >= 0
    init : {"zeros", "random_small", "random", "xavier", "glorot", "he"}
    seed : int >= 0
    dtype : {"float64", "float32"}
    initial_params : dict of arrays {"W1": (1, n_features), "b1": (1, 1)}, optional
        Used instead of ``init``, so every backend can start from the same weights.
    """

    _model = "logistic_regression"

    def __init__(self, *, backend="numpy", learning_rate=0.005, num_iterations=2000, init="zeros",
                 seed=0, dtype="float64", initial_params=None):
        self.backend = backend
        self.learning_rate = learning_rate
        self.num_iterations = num_iterations
        self.init = init
        self.seed = seed
        self.dtype = dtype
        self.initial_params = initial_params

    def _layer_dims(self, n_x):
        return (n_x, 1)

    def _model_kwargs(self):
        return {}


class ShallowNN(_Network):
    """Week 3: one hidden layer of ``n_h`` units with ``activation``, a sigmoid output unit.

    Parameters as for LogisticRegression, plus ``n_h`` (int > 0) and ``activation``
    ({"tanh", "relu", "leaky_relu", "sigmoid"}), and course 2's ``lambd`` (L2's lambda, >= 0) and ``keep_prob``
    (inverted dropout on the hidden layer, in (0, 1]; the masks drawn once, seed 1, as the course's notebook); and
    course 2, week 2's ``optimizer`` ("gd", "momentum", "rmsprop", "adam"), ``mini_batch_size`` (None: the whole
    batch with "gd", 64 otherwise), ``beta``, ``beta1``, ``beta2``, ``epsilon``, ``decay_rate`` and ``time_interval``
    (learning-rate decay after each epoch, or every time_interval epochs): num_iterations then counts epochs, each
    in the course's order of the examples (seeds 11, 12, ..., drawn in NumPy for every backend).
    """

    _model = "shallow_nn"

    def __init__(self, n_h=4, activation="tanh", *, backend="numpy", learning_rate=1.2,
                 num_iterations=10000, init="random_small", seed=2, dtype="float64",
                 initial_params=None, lambd=0.0, keep_prob=1.0, optimizer="gd",
                 mini_batch_size=None, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0,
                 time_interval=None):
        self.lambd = lambd
        self.keep_prob = keep_prob
        self.optimizer, self.mini_batch_size, self.decay_rate = optimizer, mini_batch_size, decay_rate
        self.beta, self.beta1, self.beta2, self.epsilon = beta, beta1, beta2, epsilon
        self.time_interval = time_interval
        self.n_h = n_h
        self.activation = activation
        self.backend = backend
        self.learning_rate = learning_rate
        self.num_iterations = num_iterations
        self.init = init
        self.seed = seed
        self.dtype = dtype
        self.initial_params = initial_params

    def _check_hyperparameters(self):
        v.check_layer_sizes("n_h", [self.n_h])
        super()._check_hyperparameters()

    def _layer_dims(self, n_x):
        return (n_x, self.n_h, 1)


class DeepNN(_Network):
    """Week 4: hidden layers of ``hidden_layer_sizes`` units with ``activation``, a sigmoid output.

    Parameters as for LogisticRegression, plus ``hidden_layer_sizes`` (tuple of ints > 0) and ``activation``, and
    course 2's ``lambd``, ``keep_prob``, ``optimizer`` and its options as for ShallowNN. The default init is the
    course's ``randn / sqrt(n[l-1])`` ("xavier").
    """

    _model = "deep_nn"

    def __init__(self, hidden_layer_sizes=(20, 7, 5), activation="relu", *, backend="numpy",
                 learning_rate=0.0075, num_iterations=2500, init="xavier", seed=1,
                 dtype="float64", initial_params=None, lambd=0.0, keep_prob=1.0, optimizer="gd",
                 mini_batch_size=None, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, decay_rate=0.0,
                 time_interval=None):
        self.lambd = lambd
        self.keep_prob = keep_prob
        self.optimizer, self.mini_batch_size, self.decay_rate = optimizer, mini_batch_size, decay_rate
        self.beta, self.beta1, self.beta2, self.epsilon = beta, beta1, beta2, epsilon
        self.time_interval = time_interval
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.backend = backend
        self.learning_rate = learning_rate
        self.num_iterations = num_iterations
        self.init = init
        self.seed = seed
        self.dtype = dtype
        self.initial_params = initial_params

    def _check_hyperparameters(self):
        v.check_layer_sizes("hidden_layer_sizes", self.hidden_layer_sizes)
        super()._check_hyperparameters()

    def _layer_dims(self, n_x):
        return (n_x, *self.hidden_layer_sizes, 1)

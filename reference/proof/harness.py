"""The cross-framework equivalence harness.

A ``Problem`` (model, data, initial parameters as NumPy arrays, activation, dtype, hyperparameters) is
run on each backend from the identical starting point: the NumPy arrays are converted into each
framework, so agreement never depends on a framework's random generator. Every backend's results are
compared with NumPy's under the tolerance table (reference/proof/tolerances.py):

- ``forward`` (A[L]), ``cost``, ``gradients`` (each dW[l], db[l]), ``predictions``;
- ``update``: the parameters after one step of gradient descent;
- a whole training run, in float32 and float64 alike, judged against an ensemble of NumPy runs perturbed at
  rounding level (reference/proof/ensemble.py), built once per problem: ``training_costs``, the cost at every
  iteration, must stay inside the ensemble's envelope; ``training_params``, the final parameters, are held to
  the tolerance table where every member agrees with NumPy within it (training did not amplify rounding) and,
  in float32, the run is no longer than the table's entries are set for (``Ensemble.calm`` says why), and so
  are the labels predicted after training, on every example that no member flips. Elsewhere (the course's
  flower after iteration 7740, long float32 runs) the final parameters and labels are reported, not judged:
  there a correct backend's final state is not fixed at rounding level (of 64 perturbed NumPy runs of the
  flower, 2 ended outside the others' parameter norms; torch's run ends with 13 of 400 labels that no member
  of 8 flipped), and the cost curve carries the verdict.

Course 2's L2 and dropout (``Problem.lambd``, ``keep_prob``, ``masks``) run through each backend's ``regularization``
module, the dropout masks drawn once in NumPy and the same at every step, as the course's notebook has them; the
layers mode configures L2 the framework's way (``layers.L2_VARIANTS["course"]``) and applies the masks as a layer.

A backend is named ``"torch"`` (the course's manual backward equations), ``"torch:autodiff"`` (the
framework's own autodiff, where the backend provides ``autodiff_gradients`` and ``train_autodiff``) or
``"torch:layers"`` (the framework's own layers, loss and optimizer: the backend's ``layers`` module, loaded
with the problem's parameters and read back in the course layout; see ``run_layers``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from types import ModuleType

import numpy as np

from ..backends import get_backend
from ..validation import check_activation, check_dtype
from . import ensemble as ensembles
from .tolerances import Comparison, compare

MODELS = ("logistic_regression", "shallow_nn", "deep_nn")
MODES = ("manual", "autodiff", "layers")


@dataclass(frozen=True)
class Problem:
    """One model on one data set from one starting point, in the course layout (float64 NumPy)."""

    model: str
    X: np.ndarray  # (n_x, m)
    Y: np.ndarray  # (1, m)
    params: dict[str, np.ndarray]
    activation: str = "relu"
    dtype: str = "float64"
    learning_rate: float = 0.01
    num_iterations: int = 100
    lambd: float = 0.0                            # course 2, week 1: L2's lambda
    keep_prob: float = 1.0                        # and dropout's keep probability, with
    masks: dict[str, np.ndarray] | None = None    # its masks D1 ... D[L-1] (n[l], m), the same at every step

    @property
    def kwargs(self) -> dict[str, str]:
        return {} if self.model == "logistic_regression" else {"activation": check_activation(self.activation)}

    @property
    def regularized(self) -> bool:
        """L2 or dropout: the backends' ``regularization`` module runs the problem instead of its model's."""
        return self.lambd != 0 or self.keep_prob < 1 or self.masks is not None

    @property
    def regularization(self) -> dict:
        """lambd, keep_prob and masks as the regularization modules take them (empty when not regularized)."""
        if not self.regularized:
            return {}
        if self.model == "logistic_regression":
            raise ValueError("model: expected 'shallow_nn' or 'deep_nn' with lambd or keep_prob, got "
                             "'logistic_regression'")
        return {"lambd": self.lambd, "keep_prob": self.keep_prob, "masks": self.masks}

    def with_dtype(self, dtype: str) -> Problem:
        return replace(self, dtype=check_dtype(dtype))


def random_problem(model: str, layer_dims, activation: str = "relu", dtype: str = "float64", m: int = 16,
                   init: str = "he", seed: int = 0, learning_rate: float = 0.1,
                   num_iterations: int = 100, lambd: float = 0.0, keep_prob: float = 1.0) -> Problem:
    """Gaussian inputs, random labels and NumPy-initialized weights for ``layer_dims``, with non-zero biases
    and the exact zeros and the tie of ``with_edges`` in example 0; with keep_prob < 1, dropout masks drawn by
    impl_numpy.regularization.dropout_masks (example 0 keeps every unit, so that its edges stay edges)."""
    import impl_numpy

    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    params = getattr(impl_numpy, model).initialize_parameters(list(layer_dims), init, seed, "float64")
    for l in range(1, len(layer_dims)):
        params[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * 0.5
    X, params = with_edges(X, params, activation if model != "logistic_regression" else "sigmoid")
    masks = None
    if keep_prob < 1:
        masks = impl_numpy.regularization.dropout_masks(list(layer_dims), m, keep_prob, seed)
        for D in masks.values():
            D[:, 0] = 1.0
    return Problem(model, X, Y, params, activation, check_dtype(dtype), learning_rate, num_iterations, lambd,
                   keep_prob, masks)


def with_edges(X: np.ndarray, params: dict[str, np.ndarray], activation: str) -> tuple[np.ndarray, dict]:
    """``X`` and ``params`` changed so that example 0 goes through the edges every implementation must agree on:

    - pre-activations exactly 0 with a non-zero incoming gradient, where relu'(0) = 0 and leaky_relu'(0) = 0.01
      are the course's choices: Z[1] of every unit but unit 0 in every activation, and in every hidden layer
      for relu and leaky relu;
    - an output exactly 0.5 (Z[L] = 0), where predict's ``A > 0.5`` says 0 (logistic regression, and the
      networks with relu or leaky relu hidden units, whose g carries the exact value 1 from layer to layer).

    Example 0 becomes x = e_1 (1 in feature 0). Unit 0 of each hidden layer carries an exact 1: W[l][0, 0] =
    0.5 and b[l][0] = 0.5. Every other unit j gets b[l][j] = -W[l][j, 0], so that Z[l][j, 0] = W[l][j, 0] * 1 +
    b[l][j] = 0 exactly, in any summation order and in float32 too (the other terms are exact zeros). The
    output's b[L] = -W[L][0, 0] makes Z[L] = 0. The biases stay non-zero wherever W[l][j, 0] is.
    """
    X, params = X.copy(), {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    X[:, 0] = 0.0
    X[0, 0] = 1.0
    exact = activation in ("relu", "leaky_relu")  # g(1) = 1 and g(0) = 0 exactly: the carrier goes on
    for l in range(1, L + 1):
        if l > 1 and not exact:
            break
        W, b = params[f"W{l}"], params[f"b{l}"]
        if l == L:
            b[0, 0] = -W[0, 0]          # Z[L] = 0: A[L] = 0.5
        else:
            W[0, 0], b[0, 0] = 0.5, 0.5  # Z[l][0, 0] = 1, the carrier
            b[1:, 0] = -W[1:, 0]         # Z[l][j, 0] = 0 for every other unit
    return X, params


@dataclass
class Run:
    """What one backend computed for a problem, as NumPy arrays."""

    backend: str
    forward: np.ndarray
    cost: np.ndarray
    gradients: dict[str, np.ndarray]
    predictions: np.ndarray
    update: dict[str, np.ndarray]
    training_costs: np.ndarray
    training_params: dict[str, np.ndarray]
    trained_predictions: np.ndarray
    seconds: float


def split_name(name: str) -> tuple[str, str]:
    """"torch:autodiff" -> ("torch", "autodiff"); "torch" -> ("torch", "manual")."""
    backend, _, mode = name.partition(":")
    mode = mode or "manual"
    if mode not in MODES:
        raise ValueError(f"backend: expected a name like 'torch', 'torch:autodiff' or 'torch:layers', got {name!r}")
    return backend, mode


def run_backend(problem: Problem, name: str, package: ModuleType | None = None) -> Run:
    """Run ``problem`` on the backend ``name`` (or on ``package``, a stand-in such as a planted copy)."""
    backend_name, mode = split_name(name)
    backend = package if package is not None else get_backend(backend_name)
    if mode == "layers":
        return run_layers(problem, name, backend)
    model = getattr(backend, "regularization" if problem.regularized else problem.model)
    if mode == "autodiff" and not hasattr(model, "autodiff_gradients"):
        raise ValueError(f"backend: {backend_name!r} has no autodiff variant")
    gradients = model.autodiff_gradients if mode == "autodiff" else None
    train = model.train_autodiff if mode == "autodiff" else model.train
    dtype, kwargs, L = problem.dtype, problem.kwargs, len(problem.params) // 2
    out = backend.to_numpy
    start = time.perf_counter()
    with backend.precision(dtype):
        X = backend.asarray(problem.X, dtype)
        Y = backend.asarray(problem.Y, dtype)
        params = {key: backend.asarray(value, dtype) for key, value in problem.params.items()}
        regularization = problem.regularization
        if problem.masks is not None:
            regularization["masks"] = {key: backend.asarray(value, dtype) for key, value in problem.masks.items()}
        forward_kwargs = {k: v for k, v in regularization.items() if k in ("keep_prob", "masks")}
        backward_kwargs = {k: v for k, v in regularization.items() if k in ("lambd", "keep_prob")}
        cost_args = (params, problem.lambd) if problem.regularized else ()
        AL, cache = model.forward_propagation(X, params, **kwargs, **forward_kwargs)
        cost = model.compute_cost(cache[f"Z{L}"], Y, *cost_args)
        if gradients is None:
            grads = model.backward_propagation(params, cache, Y, **kwargs, **backward_kwargs)
        else:
            grads = gradients(params, X, Y, **kwargs, **regularization)
        updated = model.update_parameters(params, grads, problem.learning_rate)
        predictions = model.predict(X, params, **kwargs)
        trained, costs = train(X, Y, params, problem.learning_rate, problem.num_iterations, **kwargs,
                               **regularization)
        trained_predictions = model.predict(X, trained, **kwargs)
        result = Run(
            backend=name,
            forward=out(AL), cost=out(cost),
            gradients={key: out(value) for key, value in grads.items()},
            predictions=out(predictions),
            update={key: out(value) for key, value in updated.items()},
            training_costs=out(costs),
            training_params={key: out(value) for key, value in trained.items()},
            trained_predictions=out(trained_predictions),
            seconds=0.0,
        )
    result.seconds = time.perf_counter() - start
    return result


def run_layers(problem: Problem, name: str, backend: ModuleType, l2_variant: str = "course") -> Run:
    """Run ``problem`` through ``backend.layers``: the framework's layers, logits loss and SGD optimizer
    (``l2_variant``: which of ``layers.L2_VARIANTS`` configures L2, the course's or a learner's naive one).

    Each quantity starts from a fresh network loaded with the problem's parameters: forward, cost,
    gradients and predictions from one; ``update`` is one optimizer step (``train_step``) on a second;
    the training run (``train``) on a third. Parameters and gradients come back in the course layout.
    """
    if not hasattr(backend, "layers"):
        raise ValueError(f"backend: {name.partition(':')[0]!r} has no layers variant")
    layers, dtype, out = backend.layers, problem.dtype, backend.to_numpy
    L = len(problem.params) // 2
    layer_dims = [problem.X.shape[0]] + [problem.params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    activation = problem.kwargs.get("activation", "relu")  # logistic regression has no hidden layer to use it
    # course 2: L2 configured the framework's way (layers.L2_VARIANTS["course"]: an optimizer's weight decay or
    # a layer's regularizer), dropout as a layer applying the problem's masks the course's way
    config = layers.L2_VARIANTS[l2_variant](problem.lambd, problem.X.shape[1]) if problem.lambd else {}
    build_kwargs, train_kwargs = config.get("build", {}), config.get("train", {})
    if problem.masks is not None:
        build_kwargs = {**build_kwargs, "keep_prob": problem.keep_prob, "masks": problem.masks}
    forward_kwargs = {"training": True} if problem.masks is not None else {}

    def network():
        return layers.load_params(layers.build(layer_dims, activation, dtype, **build_kwargs), problem.params)

    start = time.perf_counter()
    with backend.precision(dtype):
        X = backend.asarray(problem.X, dtype)
        Y = backend.asarray(problem.Y, dtype)
        model = network()
        AL, cost = layers.forward(model, X, **forward_kwargs), layers.cost(model, X, Y, **train_kwargs)
        grads = layers.gradients(model, X, Y, **train_kwargs)
        predictions = layers.predict(model, X)
        stepped = network()
        layers.train_step(stepped, layers.sgd(stepped, problem.learning_rate, **train_kwargs), X, Y, **train_kwargs)
        trained = network()
        costs = layers.train(trained, X, Y, problem.learning_rate, problem.num_iterations, **train_kwargs)
        result = Run(
            backend=name,
            forward=out(AL), cost=out(cost),
            gradients={key: out(value) for key, value in grads.items()},
            predictions=out(predictions),
            update={key: out(value) for key, value in layers.export_params(stepped).items()},
            training_costs=out(costs),
            training_params={key: out(value) for key, value in layers.export_params(trained).items()},
            trained_predictions=out(layers.predict(trained, X)),
            seconds=0.0,
        )
    result.seconds = time.perf_counter() - start
    return result


@dataclass(frozen=True)
class Judged:
    """A quantity of a training run judged against the ensemble rather than by the tolerance table."""

    quantity: str
    dtype: str
    max_abs: float
    max_rel: float
    ok: bool
    reason: str

    def __str__(self) -> str:
        return f"{self.quantity} [{self.dtype}]: max |diff| {self.max_abs:.3g}, {self.reason}"


@dataclass(frozen=True)
class Row:
    """One quantity (or one array of it, e.g. gradients dW2) of one backend against NumPy."""

    backend: str
    quantity: str
    name: str
    comparison: Comparison | Judged

    @property
    def ok(self) -> bool:
        return self.comparison.ok


def judge_training(run: Run, reference: Run, ensemble: ensembles.Ensemble) -> list[Row]:
    """The training run's rows: its cost curve, final parameters and labels after training, against the ensemble."""
    dtype, rows = ensemble.dtype, []

    def add(quantity, name, actual, expected, ok, reason):
        table = compare(actual, expected, dtype, quantity)  # for its differences: the verdict is the ensemble's
        if table.shapes_differ:  # judged, never reported only: a (m,) result where NumPy's is (1, m) is wrong
            ok, reason = False, f"SHAPE MISMATCH: shape {table.shape}, expected shape {table.expected_shape}"
        rows.append(Row(run.backend, quantity, name, Judged(quantity, dtype, table.max_abs, table.max_rel, ok,
                                                            reason)))

    verdict = ensemble.judge(run.training_costs, run.training_params)
    add("training_costs", "costs", run.training_costs, reference.training_costs, verdict.consistent,
        f"{verdict.reason}, against {len(ensemble.members)} NumPy runs perturbed at rounding level")
    finite = all(np.all(np.isfinite(value)) for value in [*run.training_params.values(),
                                                           *reference.training_params.values()])
    calm = finite and ensemble.calm(reference.training_params)
    for key in reference.training_params:
        actual, expected = run.training_params[key], reference.training_params[key]
        if calm or not finite:
            rows.append(Row(run.backend, "training_params", key, compare(actual, expected, dtype, "training_params")))
        else:
            add("training_params", key, actual, expected, True,
                "reported, not judged: runs perturbed at rounding level already differ from NumPy's by more than "
                "the tolerance table allows" + ("; norms outside the members'" if verdict.params_outside else ""))
    actual, expected = run.trained_predictions, reference.trained_predictions
    undecided = ensemble.undecided(expected)  # (m,)
    same = np.shape(actual) == np.shape(expected)
    differ = int(np.sum((np.ravel(actual) != np.ravel(expected)) & ~undecided)) if same else np.size(actual)
    differ += int(np.sum(~np.isfinite(actual))) + int(np.sum(~np.isfinite(expected)))
    reason = f"{differ} labels differ from NumPy's on the {int(np.sum(~undecided))} examples no member flips"
    if calm or not finite or differ == 0:
        add("predictions", "y_hat after training", actual, expected, differ == 0, reason)
    else:
        add("predictions", "y_hat after training", actual, expected, True, f"reported, not judged: {reason}, "
            "where runs perturbed at rounding level end more than the tolerance table apart")
    return rows


def compare_runs(run: Run, reference: Run, dtype: str, ensemble: ensembles.Ensemble) -> list[Row]:
    rows = []

    def add(quantity, name, actual, expected):
        rows.append(Row(run.backend, quantity, name, compare(actual, expected, dtype, quantity)))

    add("forward", "AL", run.forward, reference.forward)
    add("cost", "J", run.cost, reference.cost)
    if sorted(run.gradients) != sorted(reference.gradients):
        raise AssertionError(f"{run.backend}: gradients {sorted(run.gradients)}, NumPy's {sorted(reference.gradients)}")
    for key in reference.gradients:
        add("gradients", key, run.gradients[key], reference.gradients[key])
    add("predictions", "y_hat", run.predictions, reference.predictions)
    for key in reference.update:
        add("update", key, run.update[key], reference.update[key])
    return rows + judge_training(run, reference, ensemble)


@dataclass
class Report:
    problem: Problem
    runs: dict[str, Run]
    ensemble: ensembles.Ensemble
    rows: list[Row] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows)

    def failures(self) -> list[Row]:
        return [row for row in self.rows if not row.ok]

    def worst(self, backend: str, quantity: str) -> Comparison | Judged:
        """The row with the largest relative difference of one quantity for one backend."""
        rows = [r for r in self.rows if r.backend == backend and r.quantity == quantity]
        bad = [r for r in rows if not r.ok]
        return max(bad or rows, key=lambda r: (r.comparison.max_rel, r.comparison.max_abs)).comparison

    def __str__(self) -> str:
        p = self.problem
        course2 = f", lambd {p.lambd:g}, keep_prob {p.keep_prob:g}" if p.regularized else ""
        lines = [f"{p.model} [{p.activation}, {p.dtype}{course2}] X {p.X.shape}: "
                 + ("all within tolerance" if self.ok else f"{len(self.failures())} out of tolerance")]
        for row in self.rows:
            lines.append(f"  {row.backend:>15} {row.name:>22}  {row.comparison}")
        return "\n".join(lines)


def build_ensemble(problem: Problem, reference: Run | None = None) -> ensembles.Ensemble:
    """The NumPy ensemble a training run of ``problem`` is judged against (reference: NumPy's run, if made)."""
    return ensembles.build(problem.model, problem.X, problem.Y, problem.params, problem.learning_rate,
                           problem.num_iterations, problem.kwargs.get("activation"), problem.dtype,
                           reference=None if reference is None else (reference.training_costs,
                                                                     reference.training_params),
                           regularization=problem.regularization)


def run(problem: Problem, backends, packages: dict[str, ModuleType] | None = None,
        ensemble: ensembles.Ensemble | None = None) -> Report:
    """Run ``problem`` on NumPy and on each of ``backends``; compare each with NumPy, and each training run with
    the ensemble (``ensemble``: one built for this problem before, to share between calls)."""
    packages = packages or {}
    reference = run_backend(problem, "numpy")
    with np.errstate(all="ignore"):  # a diverging problem's members overflow as NumPy's own run does
        report = Report(problem, {"numpy": reference}, ensemble or build_ensemble(problem, reference))
    for name in backends:
        if name == "numpy" and name not in packages:
            continue  # the reference itself; a stand-in named "numpy" (a planted copy) is compared
        result = run_backend(problem, name, packages.get(name))
        report.runs[name] = result
        report.rows.extend(compare_runs(result, reference, problem.dtype, report.ensemble))
    return report

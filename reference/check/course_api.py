"""The course's functions, as data: week by week, the signatures its notebook releases used, what each returns,
and the project concept it corresponds to (``rosetta show`` and the web page use the last column).

The weeks are the graded notebooks of Course 1, "Neural Networks and Deep Learning":
week2 "Logistic Regression with a Neural Network mindset", week3 "Planar data classification with one hidden
layer", week4 "Building your Deep Neural Network: Step by Step", app "Deep Neural Network - Application"; the
three of Course 2's week 1, "Improving Deep Neural Networks": c2w1_init "Initialization", c2w1_reg
"Regularization", c2w1_gradcheck "Gradient Checking"; Course 2's week 2, c2w2_opt "Optimization Methods"; and
project, nn-rosetta's own interface (impl_numpy's names and signatures), which keeps working.

Course 2's notebooks lean on their helper files (init_utils, reg_utils, gc_utils, opt_utils), whose functions carry
Course 1's names with other meanings (reg_utils' ``forward_propagation(X, parameters)`` is a 3-layer relu network, not
week 3's tanh one): a function of a Course 2 file is only ever checked as a function of Course 2.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

WEEKS = {
    "week2": "Logistic Regression with a Neural Network mindset",
    "week3": "Planar data classification with one hidden layer",
    "week4": "Building your Deep Neural Network: Step by Step",
    "app": "Deep Neural Network - Application",
    "c2w1_init": "Course 2, week 1: Initialization",
    "c2w1_reg": "Course 2, week 1: Regularization",
    "c2w1_gradcheck": "Course 2, week 1: Gradient Checking",
    "c2w2_opt": "Course 2, week 2: Optimization Methods",
    "project": "nn-rosetta's own interface (impl_numpy)",
}


@dataclass(frozen=True)
class CourseFunction:
    week: str
    name: str
    signatures: tuple[tuple[str, ...], ...]  # the positional parameters, one tuple per notebook release
    returns: str
    concept: str                             # module.function in impl_*, for rosetta show


_F = CourseFunction
COURSE_API: tuple[CourseFunction, ...] = (
    _F("week2", "sigmoid", (("z",),), "s = sigmoid(z), the shape of z", "activations.sigmoid"),
    _F("week2", "initialize_with_zeros", (("dim",),), "(w (dim, 1) zeros, b = 0.)", "initializers.zeros"),
    _F("week2", "propagate", (("w", "b", "X", "Y"),), '(grads {"dw", "db"}, cost)',
       "logistic_regression.backward_propagation"),
    _F("week2", "optimize", (("w", "b", "X", "Y", "num_iterations", "learning_rate", "print_cost"),),
       '(params {"w", "b"}, grads {"dw", "db"}, costs every 100 iterations)', "logistic_regression.train"),
    _F("week2", "predict", (("w", "b", "X"),), "Y_prediction (1, m) of 0/1", "logistic_regression.predict"),
    _F("week2", "model", (("X_train", "Y_train", "X_test", "Y_test", "num_iterations", "learning_rate",
                           "print_cost"),),
       'd {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"}',
       "logistic_regression.train"),

    _F("week3", "sigmoid", (("x",), ("z",)), "s = sigmoid(x), as planar_utils' (defined in the file)",
       "activations.sigmoid"),
    _F("week3", "layer_sizes", (("X", "Y"),), "(n_x, n_h = 4, n_y)", "shallow_nn.initialize_parameters"),
    _F("week3", "initialize_parameters", (("n_x", "n_h", "n_y"),), 'parameters {"W1", "b1", "W2", "b2"}',
       "shallow_nn.initialize_parameters"),
    _F("week3", "forward_propagation", (("X", "parameters"),), '(A2, cache {"Z1", "A1", "Z2", "A2"})',
       "shallow_nn.forward_propagation"),
    _F("week3", "compute_cost", (("A2", "Y"), ("A2", "Y", "parameters")), "cost, a scalar", "cost.compute_cost"),
    _F("week3", "backward_propagation", (("parameters", "cache", "X", "Y"),), 'grads {"dW1", "db1", "dW2", "db2"}',
       "shallow_nn.backward_propagation"),
    _F("week3", "update_parameters", (("parameters", "grads", "learning_rate"),), "parameters",
       "shallow_nn.update_parameters"),
    _F("week3", "nn_model", (("X", "Y", "n_h", "num_iterations", "print_cost"),), "parameters", "shallow_nn.train"),
    _F("week3", "predict", (("parameters", "X"),), "predictions (1, m) of 0/1 (booleans too)", "shallow_nn.predict"),

    _F("week4", "initialize_parameters", (("n_x", "n_h", "n_y"),), 'parameters {"W1", "b1", "W2", "b2"}',
       "shallow_nn.initialize_parameters"),
    _F("week4", "initialize_parameters_deep", (("layer_dims",),), 'parameters {"W1", "b1", ..., "WL", "bL"}',
       "deep_nn.initialize_parameters"),
    _F("week4", "linear_forward", (("A", "W", "b"),), "(Z, cache (A, W, b))", "deep_nn.forward_propagation"),
    _F("week4", "linear_activation_forward", (("A_prev", "W", "b", "activation"),),
       "(A, cache (linear_cache, activation_cache))", "activations.activation_forward"),
    _F("week4", "L_model_forward", (("X", "parameters"),), "(AL, caches, a list of L caches)",
       "deep_nn.forward_propagation"),
    _F("week4", "compute_cost", (("AL", "Y"),), "cost, a scalar", "cost.compute_cost"),
    _F("week4", "linear_backward", (("dZ", "cache"),), "(dA_prev, dW, db)", "deep_nn.backward_propagation"),
    _F("week4", "linear_activation_backward", (("dA", "cache", "activation"),), "(dA_prev, dW, db)",
       "activations.activation_backward"),
    _F("week4", "L_model_backward", (("AL", "Y", "caches"),),
       'grads {"dA{l}" (numbered l-1 or l, by release), "dW{l}", "db{l}"}', "deep_nn.backward_propagation"),
    *(_F("week4", name, (("Z",),), "(A, cache Z), as dnn_utils' (defined in the file)", f"activations.{name}")
      for name in ("sigmoid", "relu")),
    *(_F("week4", name, (("dA", "cache"),), "dZ, as dnn_utils' (defined in the file)",
         "activations.activation_backward")
      for name in ("sigmoid_backward", "relu_backward")),
    _F("week4", "update_parameters", (("parameters", "grads", "learning_rate"), ("params", "grads", "learning_rate")),
       "parameters", "deep_nn.update_parameters"),

    _F("app", "two_layer_model", (("X", "Y", "layers_dims", "learning_rate", "num_iterations", "print_cost"),),
       "parameters, or (parameters, costs)", "shallow_nn.train"),
    _F("app", "L_layer_model", (("X", "Y", "layers_dims", "learning_rate", "num_iterations", "print_cost"),),
       "parameters, or (parameters, costs)", "deep_nn.train"),
    _F("app", "predict", (("X", "y", "parameters"),), "p (1, m) of 0/1", "deep_nn.predict"),

    _F("c2w1_init", "initialize_parameters_zeros", (("layers_dims",),), 'parameters {"W1", "b1", ...}, all zeros',
       "initializers.zeros"),
    _F("c2w1_init", "initialize_parameters_random", (("layers_dims",),),
       "parameters, W[l] = randn * 10 after np.random.seed(3)", "initializers.random"),
    _F("c2w1_init", "initialize_parameters_he", (("layers_dims",),),
       "parameters, W[l] = randn * sqrt(2 / n[l-1]) after np.random.seed(3)", "initializers.he"),

    _F("c2w1_reg", "compute_cost_with_regularization", (("A3", "Y", "parameters", "lambd"),),
       "cost, the cross-entropy plus (1/m)(lambd/2) sum ||W[l]||^2", "regularization.compute_cost"),
    _F("c2w1_reg", "backward_propagation_with_regularization", (("X", "Y", "cache", "lambd"),),
       'gradients {"dW1", "db1", ..., "db3"}, dW[l] with + (lambd/m) W[l]', "regularization.backward_propagation"),
    _F("c2w1_reg", "forward_propagation_with_dropout", (("X", "parameters", "keep_prob"),),
       "(A3, cache (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3))", "regularization.forward_propagation"),
    _F("c2w1_reg", "backward_propagation_with_dropout", (("X", "Y", "cache", "keep_prob"),),
       'gradients {"dW1", "db1", ..., "db3"}, dA[l] masked by D[l] / keep_prob', "regularization.backward_propagation"),

    _F("c2w1_gradcheck", "forward_propagation", (("x", "theta"),), "J = theta x", "gradient_check.gradient_check"),
    _F("c2w1_gradcheck", "backward_propagation", (("x", "theta"),), "dtheta = x", "gradient_check.gradient_check"),
    _F("c2w1_gradcheck", "gradient_check", (("x", "theta", "epsilon"),),
       "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)", "gradient_check.gradient_check"),
    _F("c2w1_gradcheck", "forward_propagation_n", (("X", "Y", "parameters"),),
       "(cost, cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3))", "gradient_check.gradient_check_n"),
    _F("c2w1_gradcheck", "backward_propagation_n", (("X", "Y", "cache"),), 'gradients {"dW1", "db1", ..., "db3"}',
       "gradient_check.gradient_check_n"),
    _F("c2w1_gradcheck", "gradient_check_n", (("parameters", "gradients", "X", "Y", "epsilon"),),
       "difference, over every parameter (print_msg in the newer release)", "gradient_check.gradient_check_n"),

    _F("c2w2_opt", "update_parameters_with_gd", (("parameters", "grads", "learning_rate"),),
       "parameters, W[l] - learning_rate dW[l]", "optimizers.update_parameters_with_gd"),
    _F("c2w2_opt", "random_mini_batches", (("X", "Y", "mini_batch_size", "seed"),),
       "mini_batches [(mini_batch_X, mini_batch_Y), ...], one permutation, the last one partial",
       "optimizers.random_mini_batches"),
    _F("c2w2_opt", "initialize_velocity", (("parameters",),), 'v {"dW1", "db1", ...} of zeros',
       "optimizers.initialize_velocity"),
    _F("c2w2_opt", "update_parameters_with_momentum", (("parameters", "grads", "v", "beta", "learning_rate"),),
       "(parameters, v)", "optimizers.update_parameters_with_momentum"),
    _F("c2w2_opt", "initialize_adam", (("parameters",),), 'v, s {"dW1", "db1", ...} of zeros',
       "optimizers.initialize_adam"),
    _F("c2w2_opt", "update_parameters_with_adam", (("parameters", "grads", "v", "s", "t", "learning_rate", "beta1",
                                                    "beta2", "epsilon"),),
       "(parameters, v, s), and v_corrected, s_corrected in the newer release",
       "optimizers.update_parameters_with_adam"),
    _F("c2w2_opt", "update_parameters_with_rmsprop", (("parameters", "grads", "s", "beta", "learning_rate"),
                                                       ("parameters", "grads", "s", "beta2", "learning_rate")),
       "(parameters, s): the lectures' RMSprop, a learner's own (the assignment has none)",
       "optimizers.update_parameters_with_rmsprop"),
    _F("c2w2_opt", "update_lr", (("learning_rate0", "epoch_num", "decay_rate"),),
       "learning_rate0 / (1 + decay_rate epoch_num) (the newer release)", "optimizers.update_lr"),
    _F("c2w2_opt", "schedule_lr_decay", (("learning_rate0", "epoch_num", "decay_rate", "time_interval"),),
       "learning_rate0 / (1 + decay_rate floor(epoch_num / time_interval)) (the newer release)",
       "optimizers.schedule_lr_decay"),
    _F("c2w2_opt", "model", (("X", "Y", "layers_dims", "optimizer", "learning_rate", "mini_batch_size", "beta",
                              "beta1", "beta2", "epsilon", "num_epochs", "print_cost"),),
       "parameters (decay and decay_rate in the newer release)", "optimizers.train"),

    *(_F("project", name, (("Z",),), "g(Z) or g'(Z), the shape of Z", f"activations.{name}")
      for name in ("sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu", "relu_derivative",
                   "leaky_relu", "leaky_relu_derivative")),
    _F("project", "compute_cost", (("ZL", "Y"),), "J from the logits Z[L]", "cost.compute_cost"),
    _F("project", "forward_propagation", (("X", "params", "activation"), ("X", "params")), "(A[L], cache)",
       "deep_nn.forward_propagation"),
    _F("project", "backward_propagation", (("params", "cache", "Y", "activation"), ("params", "cache", "Y")),
       'grads {"dW1", "db1", ...}', "deep_nn.backward_propagation"),
    _F("project", "update_parameters", (("params", "grads", "learning_rate"),), "params", "deep_nn.update_parameters"),
    _F("project", "predict", (("X", "params", "activation"), ("X", "params")), "(1, m) of 0/1", "deep_nn.predict"),
)

COURSE_WEEKS = ("week2", "week3", "week4", "app", "c2w1_init", "c2w1_reg", "c2w1_gradcheck", "c2w2_opt")
# The courses' weeks that may lend each other a function with its signature (a week-4 file's sigmoid(z) is week
# 3's); Course 2's never lend to Course 1's or borrow from them (the module docstring)
FAMILIES = (("week2", "week3", "week4", "app"), ("c2w1_init", "c2w1_reg", "c2w1_gradcheck", "c2w2_opt"))

# The keyword arguments the course's own cells pass (its test cells, its training runs): a function whose
# parameters are named otherwise works when called by position and fails in the course's notebook.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "optimize": ("num_iterations", "learning_rate", "print_cost"),
    "model": ("num_iterations", "learning_rate", "print_cost"),
    "nn_model": ("n_h", "num_iterations", "print_cost"),
    "linear_activation_forward": ("activation",), "linear_activation_backward": ("activation",),
    "two_layer_model": ("layers_dims", "num_iterations", "print_cost"),
    "L_layer_model": ("num_iterations", "print_cost"),
    "compute_cost_with_regularization": ("lambd",), "backward_propagation_with_regularization": ("lambd",),
    "forward_propagation_with_dropout": ("keep_prob",), "backward_propagation_with_dropout": ("keep_prob",),
    "update_parameters_with_momentum": ("beta", "learning_rate"), "update_parameters_with_adam": ("t",),
}
# ... and where one name is two weeks' functions, that week's (Optimization Methods' model is not week 2's)
WEEK_KEYWORDS: dict[tuple[str, str], tuple[str, ...]] = {("c2w2_opt", "model"): ("optimizer", "beta")}

# What each course function returns, as the names of the local variables the course's code builds it from: when
# the learner's function raises, causes.partial rebuilds what it had computed from them (a list: alternatives).
_W = {"W1": "W1", "b1": "b1", "W2": "W2", "b2": "b2"}
RETURNS: dict[str, object] = {
    "sigmoid": "s", "initialize_with_zeros": ("w", "b"), "propagate": [({"dw": "dw", "db": "db"}, "cost"),
                                                                       ("grads", "cost")],
    "optimize": [({"w": "w", "b": "b"}, {"dw": "dw", "db": "db"}, "costs"), ("params", "grads", "costs")],
    "predict": ["Y_prediction", "predictions", "p"], "layer_sizes": ("n_x", "n_h", "n_y"),
    "initialize_parameters": [_W, "parameters"], "forward_propagation": ("A2", {"Z1": "Z1", "A1": "A1", "Z2": "Z2",
                                                                               "A2": "A2"}),
    "compute_cost": "cost", "backward_propagation": [{"dW1": "dW1", "db1": "db1", "dW2": "dW2", "db2": "db2"},
                                                      "grads"],
    "update_parameters": ["parameters", _W], "initialize_parameters_deep": "parameters",
    "linear_forward": ("Z", ("A", "W", "b")), "linear_activation_forward": ("A", ("linear_cache", "activation_cache")),
    "L_model_forward": ("AL", "caches"), "linear_backward": ("dA_prev", "dW", "db"),
    "linear_activation_backward": ("dA_prev", "dW", "db"), "L_model_backward": "grads",
    "initialize_parameters_zeros": "parameters", "initialize_parameters_random": "parameters",
    "initialize_parameters_he": "parameters", "compute_cost_with_regularization": "cost",
    "backward_propagation_with_regularization": "gradients", "backward_propagation_with_dropout": "gradients",
    "forward_propagation_with_dropout": ("A3", ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3",
                                                "A3", "W3", "b3")),
    "forward_propagation_n": ("cost", ("Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")),
    "backward_propagation_n": "gradients", "gradient_check": "difference", "gradient_check_n": "difference",
    "update_parameters_with_gd": "parameters", "random_mini_batches": "mini_batches", "initialize_velocity": "v",
    "update_parameters_with_momentum": ("parameters", "v"), "initialize_adam": ("v", "s"),
    "update_parameters_with_adam": [("parameters", "v", "s", "v_corrected", "s_corrected"), ("parameters", "v", "s")],
    "update_parameters_with_rmsprop": [("parameters", "s"), ("parameters", "S")], "update_lr": "learning_rate",
    "schedule_lr_decay": "learning_rate",
}


def keywords(week: str, name: str) -> tuple[str, ...]:
    """The keyword arguments the course's own cells pass to ``name`` of ``week``."""
    return WEEK_KEYWORDS.get((week, name), KEYWORDS.get(name, ()))


def find(week: str, name: str) -> CourseFunction | None:
    return next((f for f in COURSE_API if f.week == week and f.name == name), None)


def names(week: str) -> list[str]:
    return [f.name for f in COURSE_API if f.week == week]


def positional(fn: Callable) -> tuple[str, ...]:
    """The names of ``fn``'s positional parameters (empty when they cannot be read)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return ()
    return tuple(p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def matches(entry: CourseFunction, fn: Callable) -> bool:
    """``fn`` has one of the entry's signatures: the same leading parameter names (extra defaults allowed)."""
    have = positional(fn)
    return any(have[:len(sig)] == sig for sig in entry.signatures)


def detect_week(functions: Mapping[str, Callable], default: str | None = "project") -> str | None:
    """The week whose functions a file defines: its own names first, then the signatures, course weeks first.

    Names found in one week only (``propagate``, ``nn_model``, ``L_model_backward``, ``relu_derivative``) count
    twice; a shared name (``predict``, ``compute_cost``) counts once for each week whose signature it has. A file
    with a name of Course 2's own has its shared names counted for Course 2 only: there they are its helper
    files' (reg_utils' ``forward_propagation(X, parameters)``, ``predict(X, y, parameters)``). With no vote at
    all, ``default``.
    """
    owners = Counter(f.name for f in COURSE_API)
    votes: Counter[str] = Counter()
    own: set[str] = set()
    for name, fn in functions.items():
        for entry in (f for f in COURSE_API if f.name == name):
            if owners[name] == 1:
                votes[entry.week] += 2
                own.add(entry.week)
            elif matches(entry, fn):
                votes[entry.week] += 1
    if own & set(FAMILIES[1]):
        votes = Counter({week: n for week, n in votes.items() if week in FAMILIES[1]})
    if not votes:
        return default
    order = list(WEEKS)
    return max(votes, key=lambda week: (votes[week], -order.index(week)))


def entry_for(week: str, name: str, fn: Callable) -> CourseFunction | None:
    """The table's entry for a function ``name`` found in a ``week`` file: that week's, else the one other week
    that has the name with this signature (a week-4 file's ``sigmoid(z)``), else None (not a course function).
    A course week's file never gets the project's checks (its inline ``sigmoid(Z)`` is dnn_utils', not ours)."""
    own = find(week, name)
    if own is not None:
        return own
    family = next((weeks for weeks in FAMILIES if week in weeks), ())
    others = [f for f in COURSE_API if f.name == name and matches(f, fn) and (week == "project" or f.week in family)]
    return others[0] if len(others) == 1 else None


def course_names(concept: str) -> list[str]:
    """The course's functions that correspond to a project concept, as 'week: name(signature)'."""
    return [f"{f.week} {f.name}({', '.join(f.signatures[0])})" for f in COURSE_API
            if f.concept == concept and f.week != "project"]


def concept_of(name: str) -> list[CourseFunction]:
    """Every course function called ``name``, across the weeks."""
    return [f for f in COURSE_API if f.name == name and f.week != "project"]


def describe(entries: Iterable[CourseFunction]) -> str:
    return "; ".join(f"{WEEKS[f.week]}: {f.name}({', '.join(f.signatures[0])}) -> {f.returns}" for f in entries)

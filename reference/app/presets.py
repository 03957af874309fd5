"""The models ``rosetta train`` knows: the application's two, and the course's three of ``rosetta compare``.

The application (week 4, "Deep Neural Network - Application") trains ``two_layer_model``, LINEAR -> RELU ->
LINEAR -> SIGMOID with 7 hidden units and W = randn * 0.01, and ``L_layer_model``, [20, 7, 5] relu units with
W = randn / sqrt(n[l-1]) (the project's "xavier"), both 2500 iterations at 0.0075 on 64 x 64 pictures
(12288 inputs). Both are the deep_nn model of every backend with those layer sizes.

Course 2, week 1 adds its two assignments' ``model``: the initialization assignment's, [2, 10, 5, 1] relu units,
15000 iterations at 0.01 on the circles, with ``initialization`` "zeros", "random" (x 10) or "he" (--init); and the
regularization assignment's, [2, 20, 3, 1] relu units with W = randn / sqrt(n[l-1]), 30000 iterations at 0.3 on the
football data, with ``lambd`` (--lambd) or ``keep_prob`` (--keep-prob). Both draw their weights with seed 3, as the
course's initializers do.

Course 2, week 2 adds the optimization assignment's ``model``, [2, 5, 2, 1] relu units with He weights of seed 3,
5000 epochs of mini-batches of 64 at 0.0007 on the moons, with ``optimizer`` "gd", "momentum" or "adam"
(--optimizer; its iterations count epochs).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..proof.compare import MODEL_DEFAULTS


@dataclass(frozen=True)
class Preset:
    name: str
    model: str                  # the backend module: logistic_regression, shallow_nn or deep_nn
    hidden: tuple[int, ...]
    activation: str | None
    learning_rate: float
    num_iterations: int
    init: str
    course: str                 # where the course defines it
    seed: int = 0               # the initial parameters' seed when --seed is not given
    dataset: str | None = None  # the data set when --dataset is not given (None: planar)
    mini_batch_size: int | None = None  # course 2, week 2: trained over mini-batches, iterations counting epochs

    def layer_dims(self, n_x: int) -> list[int]:
        return [n_x, *self.hidden, 1]

    @property
    def kwargs(self) -> dict[str, str]:
        return {} if self.activation is None else {"activation": self.activation}


PRESETS = {
    "two_layer_model": Preset("two_layer_model", "deep_nn", (7,), "relu", 0.0075, 2500, "random_small",
                              "week 4 application: two_layer_model, layers_dims = (12288, 7, 1)"),
    "L_layer_model": Preset("L_layer_model", "deep_nn", (20, 7, 5), "relu", 0.0075, 2500, "xavier",
                            "week 4 application: L_layer_model, layers_dims = [12288, 20, 7, 5, 1]"),
    "init_model": Preset("init_model", "deep_nn", (10, 5), "relu", 0.01, 15000, "he",
                         "course 2 week 1, Initialization: model(X, Y, learning_rate=0.01, num_iterations=15000, "
                         "initialization='he'), layers_dims = [2, 10, 5, 1]", seed=3, dataset="circles"),
    "reg_model": Preset("reg_model", "deep_nn", (20, 3), "relu", 0.3, 30000, "xavier",
                        "course 2 week 1, Regularization: model(X, Y, learning_rate=0.3, num_iterations=30000, "
                        "lambd=0, keep_prob=1), layers_dims = [2, 20, 3, 1]", seed=3, dataset="football"),
    "opt_model": Preset("opt_model", "deep_nn", (5, 2), "relu", 0.0007, 5000, "he",
                        "course 2 week 2, Optimization Methods: model(X, Y, layers_dims, optimizer, learning_rate="
                        "0.0007, mini_batch_size=64, num_epochs=5000), layers_dims = [2, 5, 2, 1]", seed=3,
                        dataset="moons", mini_batch_size=64),
    **{name: Preset(name, name, tuple(spec["hidden"]), spec["activation"], spec["learning_rate"],
                    spec["num_iterations"], spec["init"], f"rosetta compare's {name}")
       for name, spec in MODEL_DEFAULTS.items()},
}


def preset(name: str) -> Preset:
    if name not in PRESETS:
        raise ValueError(f"MODEL: expected one of {', '.join(PRESETS)}, got {name!r}")
    return PRESETS[name]

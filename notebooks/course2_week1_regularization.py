# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Course 2, week 1: L2 regularization and inverted dropout
#
# The course's "Regularization" assignment: where should the French goalkeeper kick the ball so that a French player
# heads it? A [2, 20, 3, 1] relu network (a sigmoid unit on top), W = randn / sqrt(n[l-1]) with seed 3, 30000
# iterations at learning rate 0.3, trained three times: without regularization, with L2 (lambd = 0.7) and with
# inverted dropout (keep_prob = 0.86). The equations in every framework, the three runs, what the course's one set
# of dropout masks means, each framework's own way of configuring L2 and dropout (and the naive ways, with how far
# they are), and the harness proving the four backends equal.
#
# The data are the course's `datasets/data.mat` when it is next to this notebook (the course's layout); otherwise a
# stand-in generated in code in the same layout (`reference.data.football()`: 211 training and 200 test points of a
# field, the classes split by a wavy line, 4% of the labels flipped). The course's file cannot be downloaded, so
# the stand-in's numbers are its own, not the course's.

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import impl_numpy
from reference import available_backends, data, determinism, get_backend
from reference.app import presets, training
from reference.proof import harness
from reference.views import show
from reference.views.plots import grid_for

determinism.apply(threads=1)
BACKENDS = available_backends()
course_file = Path("datasets/data.mat")
X_train, X_test, y_train, y_test = data.football(course_file if course_file.is_file() else None)
preset = presets.preset("reg_model")  # [2, 20, 3, 1], relu, xavier, seed 3, 30000 iterations at 0.3
dims = preset.layer_dims(2)
print(f"{'the course data.mat' if course_file.is_file() else 'the stand-in'}: {len(X_train)} training and "
      f"{len(X_test)} test points; layer_dims {dims}, learning rate {preset.learning_rate}, "
      f"{preset.num_iterations} iterations")
plt.scatter(X_train[:, 0], X_train[:, 1], c=np.where(y_train == 1, "#2166ac", "#b2182b"), s=12)
plt.title("where the ball was headed: blue by France, red by the other team")
plt.show()

# %% tags=["parameters"]
# The run length: the course's. The tests build this notebook with a shorter one (reference/notebooks/build.py);
# the costs a shorter run does not reach are printed as "-".
NUM_ITERATIONS = 30000

# %% [markdown]
# ## The equations
#
# L2 regularization adds the squared weights to the cross-entropy; the biases are not in it:
#
# $$J_{regularized} = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{[L](i)} + (1 - y^{(i)}) \log (1 - a^{[L](i)})
# \right] + \frac{\lambda}{2m} \sum_{l} \| W^{[l]} \|_F^2$$
#
# so backpropagation gains one term, $dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}$ (weight
# decay: each step shrinks $W$ by a factor $1 - \alpha \lambda / m$). Inverted dropout shuts down each hidden unit of
# each example with probability $1 - $ keep_prob and scales up the rest, so that $\mathbb{E}[A^{[l]}]$ is unchanged
# and nothing changes at test time:
#
# $$D^{[l]} = (\mathrm{rand}(n^{[l]}, m) < \text{keep\_prob}), \qquad A^{[l]} = \frac{g(Z^{[l]}) \odot D^{[l]}}
# {\text{keep\_prob}}, \qquad dA^{[l]} = \frac{dA^{[l]} \odot D^{[l]}}{\text{keep\_prob}}$$
#
# Here both are `impl_*/regularization.py`: deep_nn's loops for any L, with these additions.

# %% [markdown]
# ## The four frameworks, side by side
#
# The backward pass with both (`rosetta show regularization.backward_propagation`):

# %%
print(show.render("regularization.backward_propagation", layout="side", width=210))

# %% [markdown]
# ## The course's three runs (NumPy, full length)
#
# Beside each, the notebook's published numbers, on its own data: they are comparable only when `datasets/data.mat`
# is here.

# %%
PUBLISHED = {  # the notebook's: cost at iterations 0, 10000 and 20000, train and test accuracy
    "none": ({}, (0.6557412523481002, 0.16329987525724216, 0.13851642423255986), 0.9478672985781991, 0.915),
    "L2, lambd 0.7": ({"lambd": 0.7}, (0.6974484493131264, 0.2684918873282239, 0.2680916337127301),
                      0.9383886255924171, 0.93),
    "dropout, keep_prob 0.86": ({"keep_prob": 0.86}, (0.6543912405149825, 0.0610169865749056, 0.060582435798513114),
                                0.9289099526066351, 0.95),
}
runs = {name: training.train(preset, X_train, y_train, X_test, y_test, num_iterations=NUM_ITERATIONS, **course2)
        for name, (course2, *_) in PUBLISHED.items()}
print(f"{'':>23}  {'cost at 0':>9} {'10000':>9} {'20000':>9}  {'train':>5} {'test':>5}   the notebook's")
for name, run in runs.items():
    _, costs, train, test = PUBLISHED[name]
    at = [f"{run.costs[i]:9.6f}" if i < len(run.costs) else f"{'-':>9}" for i in (0, 10000, 20000)]
    print(f"{name:>23}  {' '.join(at)}  "
          f"{run.train_accuracy:5.3f} {run.test_accuracy:5.3f}   {', '.join(f'{c:.6f}' for c in costs)}; "
          f"{train:.3f}, {test:.3f}  ({run.seconds:.1f} s)")

# %% [markdown]
# Without regularization the network fits the training set's flipped labels with islands and a jagged boundary, and
# the test accuracy pays for it. L2 keeps the weights small (weight decay: their norms below) and the boundary
# smooth; dropout, through its fixed masks, ends with smaller weights than no regularization too. Both trade training
# accuracy for test accuracy, as on the course's data (91.5% test accuracy without, 93% with L2, 95% with dropout).

# %%
grid, xs, ys = grid_for(X_train, steps=150)
fig, axes = plt.subplots(1, 4, figsize=(18, 4))
for name, run in runs.items():
    axes[0].plot(run.costs, label=name)
    norms = ", ".join(f"{np.linalg.norm(run.params[f'W{l}']):.1f}" for l in (1, 2, 3))
    print(f"{name:>23}: ||W1||, ||W2||, ||W3|| = {norms}")
axes[0].set_yscale("log")
axes[0].set_xticks(range(0, NUM_ITERATIONS + 1, 10000))
axes[0].set_xlabel("iteration")
axes[0].set_ylabel("cost (log scale)")
axes[0].legend()
for ax, (name, run) in zip(axes[1:], runs.items(), strict=True):
    predicted = impl_numpy.regularization.predict(grid.T, run.params)
    ax.contourf(xs, ys, predicted.reshape(len(ys), len(xs)), levels=[-0.5, 0.5, 1.5], colors=["#f4c7c3", "#c6dbef"])
    ax.scatter(X_train[:, 0], X_train[:, 1], c=np.where(y_train == 1, "#2166ac", "#b2182b"), s=6)
    ax.set_xlim(-0.8, 0.5)
    ax.set_ylim(-0.8, 0.7)
    ax.set_title(f"{name}: test {run.test_accuracy:.1%}")
plt.show()

# %% [markdown]
# ## Every backend, from the same start
#
# L2 and dropout at once on every backend's equations (`impl_*.regularization`), from the same NumPy-made weights and
# the same masks, 300 iterations to keep this notebook short (each alone is in the harness's tests,
# `tests/test_regularization_harness.py`; without either it is deep_nn's equations, compared in week 4's notebook):

# %%
short = {b: training.train(preset, X_train, y_train, backend=b, num_iterations=300, lambd=0.7, keep_prob=0.86)
         for b in BACKENDS}
for b, run in short.items():
    print(f"{b:>6}: lambd 0.7 and keep_prob 0.86, cost after 300 iterations {run.costs[-1]:.6f}, {run.seconds:.2f} s, "
          f"max |cost - NumPy's| {np.max(np.abs(run.costs - short['numpy'].costs)):.1e}")

# %% [markdown]
# ## One set of masks for every iteration
#
# The course's `forward_propagation_with_dropout` calls `np.random.seed(1)` before it draws $D^{[1]}$ and
# $D^{[2]}$, so every one of its 30000 iterations draws the same masks: each example always loses the same units.
# That trains one fixed thinned network per example, a deterministic objective whose cost falls smoothly, rather
# than the random ensemble dropout is meant to average. `impl_*.regularization` reproduces it by taking the masks
# as an argument (`dropout_masks`, drawn once as the course draws them); the frameworks' dropout layers draw a
# fresh mask at every step, which is dropout as it is meant. Below, 1000 iterations of each in NumPy.

# %%
X, Y = np.ascontiguousarray(X_train.T), y_train[None, :]
start = impl_numpy.regularization.initialize_parameters(dims, preset.init, preset.seed)
masks = impl_numpy.regularization.dropout_masks(dims, X.shape[1], 0.86)  # np.random.seed(1), then D1, D2
print({key: f"{D.shape}, {D.mean():.3f} kept" for key, D in masks.items()})
_, one_mask = impl_numpy.regularization.train(X, Y, start, 0.3, 1000, keep_prob=0.86, masks=masks)
params, fresh = start, []
for i in range(1000):  # the loop of regularization.train, with new masks at every step
    step_masks = impl_numpy.regularization.dropout_masks(dims, X.shape[1], 0.86, seed=100 + i)
    AL, cache = impl_numpy.regularization.forward_propagation(X, params, "relu", 0.86, step_masks)
    fresh.append(impl_numpy.regularization.compute_cost(cache["Z3"], Y, params))
    grads = impl_numpy.regularization.backward_propagation(params, cache, Y, "relu", 0.0, 0.86)
    params = impl_numpy.regularization.update_parameters(params, grads, 0.3)
plt.plot(fresh, label="a fresh mask at every step (the frameworks' dropout layers)", linewidth=0.8)
plt.plot(one_mask, label="one mask for every step (the course's notebook)", linewidth=2)
plt.xlabel("iteration")
plt.ylabel("cost, through the dropped units")
plt.legend()
plt.show()

# %% [markdown]
# ## Each framework's own way: L2
#
# The frameworks have no L2 term in their losses; they configure it. PyTorch's `torch.optim.SGD(weight_decay=wd)`
# and optax's `add_decayed_weights(wd)` add $wd \cdot p$ to each gradient, which is the course's update for
# $wd = \lambda / m$ on the weights only (the biases in a parameter group of their own, or masked out); Keras'
# `L2(l2)` regularizer adds $l2 \sum w^2$ to the loss, the course's term for $l2 = \lambda / (2m)$
# (`layers.L2_VARIANTS`). Learners write `weight_decay=lambd` (the $1/m$ forgotten: $m = 211$ times the course's
# decay), let the one default parameter group decay the biases too, or write `L2(lambd)` ($2m$ times) and
# `L2(lambd / m)` (the $1/2$ forgotten: twice). Each configuration's gradient through the framework's own layers,
# at the weights of the 300 iterations above (whose biases are no longer zero), against the course's
# $\frac{1}{m} dZ A^T + \frac{\lambda}{m} W$ (no dropout here):

# %%
m, at = X.shape[1], short["numpy"].params
AL, cache = impl_numpy.regularization.forward_propagation(X, at)
course = impl_numpy.regularization.backward_propagation(at, cache, Y, lambd=0.7)
norm = np.sqrt(sum(np.sum(np.square(g)) for g in course.values()))
for b in [b for b in BACKENDS if b != "numpy"]:
    B = get_backend(b)
    for name, variant in B.layers.L2_VARIANTS.items():
        config = variant(0.7, m)
        with B.precision("float64"):
            model = B.layers.load_params(B.layers.build(dims, "relu", "float64", **config["build"]), at)
            grads = {key: B.to_numpy(g) for key, g in B.layers.gradients(model, B.asarray(X), B.asarray(Y),
                                                                          **config["train"]).items()}
        off = {key: np.sqrt(np.sum(np.square(g - course[key]))) for key, g in grads.items()}
        settings = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                             for k, v in {**config["build"], **config["train"]}.items())
        print(f"{b:>6}: {name:<20} {settings:<40} ||grad - the course's|| / ||the course's|| "
              f"{np.sqrt(sum(d ** 2 for d in off.values())) / norm:.1e} (most in {max(off, key=off.get)})")

# %% [markdown]
# ## Each framework's own way: dropout
#
# `nn.Dropout(p)`, `keras.layers.Dropout(rate)` and `nnx.Dropout(rate)` all take the probability of *dropping* a
# unit, the course's $1 - $ keep_prob, and all are inverted dropout (the kept units scaled by $1 / (1 - p)$ in
# training, nothing at inference). `Dropout(keep_prob)` is where learners trip: it drops 86% of the units.

# %%
print(show.render("layers.dropout_layer", layout="side", width=210))

# %%
for b in [b for b in BACKENDS if b != "numpy"]:
    B = get_backend(b)
    with B.precision("float64"):
        layer = B.layers.dropout_layer(0.86, seed=0)
        ones = B.asarray(np.ones((X.shape[1], 20)))  # A[1] of the 211 examples, as rows
        if b == "torch":  # nn.Dropout draws from torch's global generator, which the caller seeds
            import torch

            torch.manual_seed(0)
            layer.train()
            A = layer(ones)
        elif b == "tf":
            A = layer(ones, training=True)
        else:
            A = layer(ones)
        A = B.to_numpy(A)
    rate = getattr(layer, "p", getattr(layer, "rate", None))
    print(f"{b:>6}: {type(layer).__module__}.{type(layer).__name__}, rate {rate:.2f}: {np.mean(A == 0):.3f} of the "
          f"units dropped, the others scaled to {A.max():.4f} = 1 / 0.86")

# %% [markdown]
# ## The harness: the four backends equal with L2 and the same masks
#
# `reference.proof.harness` runs one problem on every backend from the same NumPy-made start, with L2 and dropout
# masks drawn once in NumPy (no framework's dropout layer takes a given mask, so a `layers.build(..., masks=...)`
# layer applies them the course's way), and compares the forward pass, the cost, the gradients, one update and a
# training run with NumPy's under the tolerance table (`reference/proof/tolerances.py`); the training run is judged
# against an ensemble of NumPy runs perturbed at rounding level. Here the assignment's network, lambd 0.7 and
# keep_prob 0.86, on 16 random examples, the first of which meets the edges every backend must agree on: exact zeros
# in Z, where relu'(0) = 0 is the course's choice, and an output of exactly 0.5, where predict's $A > 0.5$ says 0.
# `tests/test_regularization_harness.py` runs the same in float32, each regularization alone, and through the
# frameworks' own autodiff and layers.

# %%
problem = harness.random_problem("deep_nn", dims, "relu", "float64", m=16, init="xavier", seed=3, learning_rate=0.3,
                                 num_iterations=30, lambd=0.7, keep_prob=0.86)
report = harness.run(problem, [b for b in BACKENDS if b != "numpy"])
print(report)

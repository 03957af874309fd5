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
# # Course 2, week 2: mini-batches, momentum, RMSprop, Adam and learning-rate decay
#
# The course's "Optimization Methods" assignment: the same [2, 5, 2, 1] relu network (a sigmoid unit on top, He's
# weights of seed 3) trained on scikit-learn's two moons in mini-batches of 64, 5000 epochs at learning rate 0.0007,
# three times: plain mini-batch gradient descent, with momentum, and with Adam. Only the update changes. The
# equations in every framework, the three runs beside the notebook's published costs and accuracies, the newer
# release's learning-rate decay, every backend's run of the course's equations and of its own optimizer configured
# as the course's, and the frameworks' defaults that are not the course's.
#
# The moons are the course's points exactly: its `load_dataset()` seeds `np.random.seed(3)` and draws
# `make_moons(n_samples=300, noise=.2)`, the same points as `RandomState(3)` here (the notebook has no test set).

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

import time

import matplotlib.pyplot as plt
import numpy as np

import impl_numpy
from reference import available_backends, data, determinism, get_backend
from reference.proof.tolerances import compare
from reference.views import show
from reference.views.plots import grid_for

determinism.apply(threads=1)
BACKENDS = available_backends()
O = impl_numpy.optimizers
X_points, _, y, _ = data.moons()  # make_moons(n_samples=300, noise=.2) from RandomState(3); no test set
X, Y = X_points.T, y[np.newaxis, :].astype(np.float64)  # the course's layout: (2, 300), (1, 300)
dims = [2, 5, 2, 1]
start = impl_numpy.deep_nn.initialize_parameters(dims, "he", 3)  # the notebook's: seed 3, randn * sqrt(2 / n[l-1])

# %% tags=["parameters"]
# The run lengths: the course's. The tests build this notebook with shorter ones (reference/notebooks/build.py);
# the costs a shorter run does not reach are printed as "-".
EPOCHS = 5000                          # the course's three runs
COURSE_EPOCHS = 200                    # each backend's run of Adam in its course equations
OWN_EPOCHS = 10                        # and with its own optimizer

# %%
DECAY_EPOCHS = 2001  # the decayed run's, below
# the model's seed 10, plus one each epoch
orders = [O.mini_batch_order(300, 10 + 1 + epoch) for epoch in range(max(EPOCHS, DECAY_EPOCHS))]
print(f"X {X.shape}, Y {Y.shape}; layer_dims {dims}; {EPOCHS} epochs of mini-batches of 64 at learning rate 0.0007")
plt.scatter(X[0], X[1], c=np.where(y == 1, "#2166ac", "#b2182b"), s=10)
plt.title("the moons: 300 training points, 2 classes")
plt.show()

# %% [markdown]
# ## Mini-batches
#
# Each epoch shuffles the examples by one permutation, the same for X and Y, and cuts it into slices of 64, the last
# one partial: $300 = 4 \times 64 + 44$. The course's `random_mini_batches(X, Y, 64, seed)` seeds
# `np.random.seed(seed)` and draws `np.random.permutation(m)`; its model starts at seed 10 and adds one before every
# epoch, so epoch 0 uses seed 11. Here `mini_batch_order(m, seed)` draws that permutation once, in NumPy, and every
# backend slices by it (`mini_batches(X, Y, order)`), so that the runs differ only by the framework.

# %%
batches = O.random_mini_batches(X, Y, mini_batch_size=64, seed=11)  # epoch 0's
order = orders[0]
print("shapes:", [(X_t.shape, Y_t.shape) for X_t, Y_t in batches])
print("the permutation starts", order[:8], "...; the batches are its slices of X[:, order]:",
      np.array_equal(np.concatenate([X_t for X_t, _ in batches], axis=1), X[:, order]),
      "and each label moves with its point:", np.array_equal(np.concatenate([Y_t for _, Y_t in batches], axis=1),
                                                             Y[:, order]))

# %% [markdown]
# ## The equations
#
# For every layer $l$ (and the same for $b^{[l]}$), with the gradients $dW^{[l]}$ of one mini-batch. Gradient descent
# is $W^{[l]} := W^{[l]} - \alpha \, dW^{[l]}$; momentum keeps an exponentially weighted average of the gradients,
# without bias correction (the course's $v$ starts at zero and is used as it is):
#
# $$v_{dW^{[l]}} = \beta \, v_{dW^{[l]}} + (1 - \beta) \, dW^{[l]}, \qquad W^{[l]} := W^{[l]} - \alpha \,
# v_{dW^{[l]}}$$
#
# RMSprop (taught in the lectures, not an exercise of the assignment) divides by the root of an average of the
# squared gradients, $\epsilon$ outside the root:
#
# $$s_{dW^{[l]}} = \beta_2 \, s_{dW^{[l]}} + (1 - \beta_2) \, (dW^{[l]})^2, \qquad W^{[l]} := W^{[l]} - \alpha \,
# \frac{dW^{[l]}}{\sqrt{s_{dW^{[l]}}} + \epsilon}$$
#
# Adam is both, each divided by $1 - \beta^t$, where $t$ counts the updates from 1 (over all epochs), and $\epsilon$
# again outside the root:
#
# $$v^{corrected}_{dW^{[l]}} = \frac{v_{dW^{[l]}}}{1 - \beta_1^t}, \qquad s^{corrected}_{dW^{[l]}} =
# \frac{s_{dW^{[l]}}}{1 - \beta_2^t}, \qquad W^{[l]} := W^{[l]} - \alpha \, \frac{v^{corrected}_{dW^{[l]}}}
# {\sqrt{s^{corrected}_{dW^{[l]}}} + \epsilon}$$
#
# with $\beta = \beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{-8}$. The newer release adds learning-rate decay,
# applied at the end of each epoch for the next one, every epoch (`update_lr`) or in steps of `time_interval` epochs
# (`schedule_lr_decay`):
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \cdot \text{epoch\_num}}, \qquad
# \alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \cdot \lfloor \text{epoch\_num} / \text{time\_interval} \rfloor}$$
#
# The cost is the course's: the sum of the examples' losses over the epoch's mini-batches, divided by $m$.

# %% [markdown]
# ## The four frameworks, side by side
#
# Adam's update (`rosetta show optimizers.update_parameters_with_adam`): the same lines in every framework; JAX's
# compiled run gets $1 - \beta^t$ computed before its loop, in Python floats, as NumPy computes them.

# %%
print(show.render("optimizers.update_parameters_with_adam", layout="side", width=210))

# %% [markdown]
# And each framework's own optimizer configured to be the course's (`rosetta show own_optimizers.course_optimizer`):
# torch's momentum is `SGD(lr = alpha (1 - beta), momentum = beta)` (its buffer is $v / (1 - \beta)$), optax's is
# `chain(ema(beta, debias=False), scale(-alpha))`, torch's and optax's RMSprop and Adam are the course's, Keras' are
# not quite (below).

# %%
print(show.render("own_optimizers.course_optimizer", layout="side", width=210))

# %% [markdown]
# ## The course's three runs (NumPy, full length)
#
# Beside each, the notebook's printed costs ("Cost after epoch k", 6 digits) and accuracy on the training set
# (Adam's to two digits only, 94%, as learners' copies give it).

# %%
PUBLISHED = {  # the notebook's: cost after epoch k, and the training accuracy
    "gd": ({0: 0.702405, 1000: 0.668101, 2000: 0.635288, 3000: 0.600491, 4000: 0.573367}, "0.7167"),
    "momentum": ({0: 0.702413}, "0.7167"),
    "adam": ({0: 0.702166, 1000: 0.167845, 2000: 0.141316, 3000: 0.138788, 4000: 0.136066}, "94%"),
}
runs, seconds = {}, {}
for optimizer in PUBLISHED:
    tic = time.perf_counter()
    runs[optimizer] = O.train(X, Y, start, orders[:EPOCHS], optimizer, learning_rate=0.0007)
    seconds[optimizer] = time.perf_counter() - tic
accuracy = {name: np.mean(impl_numpy.deep_nn.predict(X, params, "relu") == Y) for name, (params, _) in runs.items()}
print(f"{'':>8}  {'cost at 0':>9} {'1000':>8} {'2000':>8} {'3000':>8} {'4000':>8}  {'train':>6}   the notebook's")
for name, (_, costs) in runs.items():
    printed, published_accuracy = PUBLISHED[name]
    same = all(round(float(costs[k]), 6) == c for k, c in printed.items() if k < len(costs))
    at = [f"{costs[k]:8.6f}" if k < len(costs) else f"{'-':>8}" for k in (1000, 2000, 3000, 4000)]
    print(f"{name:>8}  {costs[0]:9.6f} {' '.join(at)}  "
          f"{accuracy[name]:6.4f}   {', '.join(f'{c:.6f}' for c in printed.values())}; {published_accuracy} "
          f"({'the same 6 digits' if same else 'DIFFERENT'}; {seconds[name]:.1f} s)")

# %% [markdown]
# At this learning rate gradient descent and momentum barely move in 5000 epochs (gd's curve is under momentum's:
# averaging the gradients changes little when every step is this small) and stop at 71.7% with an almost straight
# boundary, while Adam, whose step on each weight is about $\alpha$ whatever the size of its gradient (the first is
# exactly $\alpha \, \mathrm{sign}(dW)$, up to $\epsilon$), has the cost down to 0.17 by epoch 1000 and bends the
# boundary between the moons.

# %%
grid, xs, ys = grid_for(X_points, steps=150)
fig, axes = plt.subplots(1, 4, figsize=(18, 4))
for name, (_, costs) in runs.items():
    axes[0].plot(costs, label=name, linewidth=0.8)
axes[0].set_xlabel("epoch")
axes[0].set_ylabel("cost")
axes[0].legend()
for ax, (name, (params, _)) in zip(axes[1:], runs.items(), strict=True):
    predicted = impl_numpy.deep_nn.predict(grid.T, params, "relu")
    ax.contourf(xs, ys, predicted.reshape(len(ys), len(xs)), levels=[-0.5, 0.5, 1.5], colors=["#f4c7c3", "#c6dbef"])
    ax.scatter(X[0], X[1], c=np.where(y == 1, "#2166ac", "#b2182b"), s=6)
    ax.set_xlim(-1.5, 2.5)
    ax.set_ylim(-1, 1.5)
    ax.set_title(f"{name}: train {accuracy[name]:.1%}")
plt.show()

# %% [markdown]
# ## Learning-rate decay
#
# The newer release trains gradient descent at $\alpha_0 = 0.1$ with `schedule_lr_decay` (decay_rate 1, every 1000
# epochs): the rate is decayed at the end of epoch $i$ for the next, so it halves from epoch 1001 on (one epoch
# earlier, the cost at 1000 would not be the notebook's). Its printed costs stop at epoch 2000, so 2001 epochs here.

# %%
DECAYED = {0: 0.701091, 1000: 0.127161, 2000: 0.120304}  # the notebook's
params, costs = O.train(X, Y, start, orders[:DECAY_EPOCHS], "gd", learning_rate=0.1, decay_rate=1.0,
                        time_interval=1000)
print("alpha in epochs 1000, 1001, 2001:", [O.schedule_lr_decay(0.1, epoch - 1, 1.0, 1000) for epoch in
                                           (1000, 1001, 2001)])
print(f"gd, decayed: cost {', '.join(f'{costs[k]:.6f}' for k in DECAYED)} at {', '.join(map(str, DECAYED))}; the "
      f"notebook's {', '.join(f'{c:.6f}' for c in DECAYED.values())}; train accuracy "
      f"{np.mean(impl_numpy.deep_nn.predict(X, params, 'relu') == Y):.4f} after {DECAY_EPOCHS} epochs")

# %% [markdown]
# ## Every backend, from the same start
#
# Adam on every backend, in float64, from the same NumPy-made weights and orders: its course equations
# (`impl_*/optimizers.py`'s `train`; TF and JAX compile the whole run) for 200 epochs, and its own optimizer
# configured as the course's (`own_optimizers.train`: the framework's layers and loss with `torch.optim.Adam`,
# `keras.optimizers.Adam` or `optax.adam`, one step per mini-batch from Python) for 10 epochs, each against the first
# epochs of NumPy's run above under the tolerance table (`reference/proof/tolerances.py`). Shorter than NumPy's
# 5000 epochs to keep this notebook quick: compiling and Keras' steps (about 10 ms each, eagerly) cost seconds.
# The 5000 epochs of all three runs on every backend are in `docs/course2.md` (`python -m benchmarks.course2 --parts
# week2_runs`), every backend's costs the notebook's to 6 digits.

# %%
expected = runs["adam"][1]
own = {}
for b in BACKENDS:
    if b == "numpy":
        print(f"{b:>6}: the reference, the run above: cost {expected[COURSE_EPOCHS - 1]:.6f} at epoch "
              f"{COURSE_EPOCHS - 1}, {expected[OWN_EPOCHS - 1]:.6f} at epoch {OWN_EPOCHS - 1}")
        continue
    B = get_backend(b)
    with B.precision("float64"):
        args = B.asarray(X), B.asarray(Y), {k: B.asarray(v) for k, v in start.items()}
        tic = time.perf_counter()
        course = B.to_numpy(B.optimizers.train(*args, orders[:COURSE_EPOCHS], "adam")[1])
        course_seconds, tic = time.perf_counter() - tic, time.perf_counter()
        own[b] = B.to_numpy(B.own_optimizers.train(*args, orders[:OWN_EPOCHS], "adam")[1])
        own_seconds = time.perf_counter() - tic
    result = compare(course, expected[:COURSE_EPOCHS], "float64", "training_costs")
    print(f"{b:>6}: the course's equations, {COURSE_EPOCHS} epochs: cost {course[-1]:.6f} at epoch "
          f"{COURSE_EPOCHS - 1}, max |cost - NumPy's| / NumPy's {result.max_rel:.1e} "
          f"({'within' if result.ok else 'OUTSIDE'} the table), {course_seconds:.2f} s")
    result = compare(own[b], expected[:OWN_EPOCHS], "float64", "training_costs")
    print(f"{'':>8}its own Adam, {OWN_EPOCHS} epochs: cost {own[b][-1]:.6f} at epoch {OWN_EPOCHS - 1}, "
          f"max |cost - NumPy's| / NumPy's {result.max_rel:.1e} ({'within' if result.ok else 'OUTSIDE'} the table), "
          f"{own_seconds:.2f} s")

# %% [markdown]
# Keras' Adam is the only one outside the table: it folds both bias corrections into the learning rate and adds
# $\epsilon$ to the uncorrected $\sqrt{s}$ (the Adam paper's "epsilon hat"),
# $\alpha \frac{\sqrt{1 - \beta_2^t}}{1 - \beta_1^t} \frac{v}{\sqrt{s} + \epsilon}$, which is the course's update
# with $\epsilon / \sqrt{1 - \beta_2^t}$ in place of $\epsilon$: larger at the first steps, the course's only as $t$
# grows, so no setting of Keras' `epsilon` is the course's at every step (`impl_tf/own_optimizers.py`).

# %%
for t in (1, 50, 25000):
    print(f"update {t:>5}: Keras' epsilon 1e-8 acts as the course's epsilon {1e-8 / np.sqrt(1 - 0.999 ** t):.2e}")
if "tf" in own:
    result = compare(own["tf"], expected[:OWN_EPOCHS], "float64", "training_costs")
    print(f"Keras' Adam after {OWN_EPOCHS * len(batches)} updates: costs up to {result.max_rel:.1e} relative from "
          f"the course's (the other backends': rounding, under 1e-15), far below anything a plot shows")

# %% [markdown]
# ## The frameworks' defaults that are not the course's
#
# `own_optimizers.DEFAULTS` writes each framework's optimizer as a learner naturally does: torch's
# `SGD(momentum=beta, dampening=beta)` (torch skips the dampening at step 1), momentum without its $(1 - \beta)$
# (steps $1 / (1 - \beta) = 10$ times the course's), RMSprop at its defaults ($\beta_2$ 0.99 in torch, 0.9 in Keras
# and optax; $\epsilon$ inside the root in Keras and optax) and Adam at its defaults (the course's in torch and
# optax; Keras' epsilon is 1e-7, and "hat"). Below, one epoch (5 updates) of each from the same start, at the
# assignment's learning rate: how far the weights moved, and how far from where the course's optimizer put them, each
# as a multiple of the distance the course's moved them. optax's are listed, not run: each compiles a step of its
# own, about a second apiece. `docs/course2.md`'s defaults table has every one after the assignment's 5000 epochs
# (`python -m benchmarks.optimizer_defaults`).

# %%
first_epoch = {}
for b in [b for b in BACKENDS if b != "numpy"]:
    B = get_backend(b)
    for name in B.own_optimizers.DEFAULTS:
        optimizer = next(o for o in ("momentum", "rmsprop", "adam") if o in name.lower())  # the name says which
        if b == "jax":
            print(f"{b:>6}: {name:<36} for the course's {optimizer:<8} (not run here)")
            continue
        if optimizer not in first_epoch:
            first_epoch[optimizer] = O.train(X, Y, start, orders[:1], optimizer, 0.0007)[0]
        with B.precision("float64"):
            params = B.own_optimizers.train(B.asarray(X), B.asarray(Y), {k: B.asarray(v) for k, v in start.items()},
                                            orders[:1], optimizer, 0.0007, config=name)[0]
            params = {k: B.to_numpy(v) for k, v in params.items()}
        course = first_epoch[optimizer]
        moved = np.sqrt(sum(np.sum((params[k] - start[k]) ** 2) for k in start))
        step = np.sqrt(sum(np.sum((course[k] - start[k]) ** 2) for k in start))  # how far the course's moved
        off = np.sqrt(sum(np.sum((params[k] - course[k]) ** 2) for k in start))
        print(f"{b:>6}: {name:<36} for the course's {optimizer:<8} moves the weights {moved / step:6.3f} x as far, "
              f"and ends {off / step:.2g} x that distance from where the course's ends")

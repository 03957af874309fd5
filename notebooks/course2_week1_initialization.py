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
# # Course 2, week 1: initialization
#
# The course's "Initialization" assignment: the same [2, 10, 5, 1] relu network (a sigmoid unit on top), trained
# 15000 iterations at learning rate 0.01 on two circles, from three starts: zeros, large random weights (randn x 10)
# and He's. Only the start changes, and it decides everything: the costs and accuracies beside the notebook's
# published ones, why zeros cannot learn, why x 10 prints "inf" in the course and a number here, the decision
# boundaries, and each framework's initializers side by side.
#
# The circles are the course's points exactly: `reference.data.circles()` draws scikit-learn's `make_circles` with
# the notebook's seeds (300 training and 100 test points).

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

import matplotlib.pyplot as plt
import numpy as np

import impl_numpy
from reference import available_backends, data, determinism, get_backend
from reference.app import presets, training
from reference.views import show
from reference.views.plots import grid_for

determinism.apply(threads=1)
BACKENDS = available_backends()
X_train, X_test, y_train, y_test = data.circles()  # the notebook's load_dataset(): (300, 2), (100, 2)
preset = presets.preset("init_model")                # [2, 10, 5, 1], relu, 15000 iterations at 0.01, seed 3
print(f"{len(X_train)} training and {len(X_test)} test points; layer_dims {preset.layer_dims(2)}, "
      f"{preset.activation}, learning rate {preset.learning_rate}, {preset.num_iterations} iterations, "
      f"seed {preset.seed}")
plt.scatter(X_train[:, 0], X_train[:, 1], c=np.where(y_train == 1, "#2166ac", "#b2182b"), s=10)
plt.title("the circles: 300 training points, 2 classes")
plt.gca().set_aspect("equal")
plt.show()

# %% tags=["parameters"]
# The run length: the course's. The tests build this notebook with a shorter one, past the printed cost at 1000
# (reference/notebooks/build.py).
NUM_ITERATIONS = 15000

# %% [markdown]
# ## The three initializations
#
# The biases start at zero in all three; the weights of layer $l$, of shape $(n^{[l]}, n^{[l-1]})$:
#
# $$W^{[l]} = 0, \qquad W^{[l]} = 10 \cdot \mathrm{randn}(n^{[l]}, n^{[l-1]}), \qquad
# W^{[l]} = \mathrm{randn}(n^{[l]}, n^{[l-1]}) \cdot \sqrt{\frac{2}{n^{[l-1]}}}$$
#
# He's scale keeps $\mathrm{Var}(Z^{[l]})$ about the same from layer to layer for relu units, which zero half of
# their inputs: $n^{[l-1]} \cdot \mathrm{Var}(W) \cdot \frac{1}{2} \mathbb{E}[Z^2] = \mathbb{E}[Z^2]$ for
# $\mathrm{Var}(W) = 2 / n^{[l-1]}$. The course seeds `np.random.seed(3)` and draws layer by layer; NumPy here does
# the same, so the weights are the notebook's.

# %% [markdown]
# ## The course's three runs (NumPy, full length)

# %%
PUBLISHED = {  # the notebook's printed outputs: cost at iterations 0 and 1000, train and test accuracy
    "zeros": (0.6931471805599453, 0.6931471805599453, 0.5, 0.5),
    "random": (float("inf"), None, 0.83, 0.86),
    "he": (0.8830537463419761, 0.6879825919728063, 0.9933333333333333, 0.96),
}
runs = {init: training.train(preset, X_train, y_train, X_test, y_test, init=init, num_iterations=NUM_ITERATIONS)
        for init in PUBLISHED}
print(f"{'':>6}  {'cost at 0':>19} {'cost at 1000':>19} {'final cost':>10}  {'train':>6} {'test':>5}   the notebook's")
for init, run in runs.items():
    cost0, cost1000, train, test = PUBLISHED[init]
    print(f"{init:>6}  {run.costs[0]:19.16g} {run.costs[1000]:19.16g} {run.costs[-1]:10.6f}  "
          f"{run.train_accuracy:6.4f} {run.test_accuracy:5.2f}   {cost0:.16g}, {cost1000 or '-'}; "
          f"{train:.4g}, {test:g}")
print(f"He's first cost - the notebook's: {runs['he'].costs[0] - PUBLISHED['he'][0]:.1e}, "
      f"at 1000: {runs['he'].costs[1000] - PUBLISHED['he'][1]:.1e} (our cost from the logits rounds differently)")

# %%
for init, run in runs.items():
    plt.plot(run.costs, label=init)
plt.yscale("log")
plt.xlabel("iteration")
plt.ylabel("cost (log scale)")
plt.title("the same network from three starts")
plt.legend()
plt.show()

# %% [markdown]
# ## Why zeros cannot learn: symmetry
#
# With $W^{[l]} = 0$ every unit of a layer computes the same thing, gets the same gradient and takes the same step:
# the layer stays a single unit copied $n^{[l]}$ times. With relu it is worse: $Z^{[1]} = 0$, so $A^{[1]} = 0$ and
# relu'(0) = 0 (the course's choice), and every $dW^{[l]}$ is exactly zero. The network predicts 0.5 for every
# point, its cost stays $\log 2$ and its accuracy is the share of the larger class. Any equal start is stuck the
# same way: with every weight 0.5, the ten units of layer 1 are still identical after 1000 updates.

# %%
dims = preset.layer_dims(2)
zeros = runs["zeros"].params
print(f"after {NUM_ITERATIONS} updates from zeros: max |W[l]| =",
      [float(np.abs(zeros[f"W{l}"]).max()) for l in (1, 2, 3)],
      f"cost - log 2 = {runs['zeros'].costs[-1] - np.log(2):.1e}")
equal = {key: np.full_like(value, 0.5) if key.startswith("W") else value
         for key, value in impl_numpy.deep_nn.initialize_parameters(dims, "zeros").items()}
trained, _ = impl_numpy.deep_nn.train(X_train.T, y_train[None, :], equal, preset.learning_rate, 1000)
print(f"after 1000 updates from W = 0.5: the rows of W1 differ by at most {np.ptp(trained['W1'], axis=0).max()}; "
      f"W1's first row: {np.round(trained['W1'][0], 4).tolist()}")

# %% [markdown]
# ## Why x 10 prints "inf" in the course, and a number here
#
# Weights of size 10 make $Z^{[3]}$ of size thousands. The course computes the cost from $A^{[3]} = \sigma(Z^{[3]})$:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{[3](i)} + (1 - y^{(i)}) \log (1 - a^{[3](i)}) \right]$$
#
# and in float64 $\sigma(z)$ rounds to exactly 1 for $z > 36.7$: a point labelled 0 there costs $-\log(1 - 1) =
# \infty$ (one labelled 1 costs $0 \cdot \infty$, NaN, which the course's `np.nansum` skips). This project computes
# the same $J$ from the logits, $\max(z, 0) - z y + \log(1 + e^{-|z|})$ (`reference/NOTATION.md`), which is $|z|$
# for a confidently wrong point: large, and finite. The gradient is $A - Y$ in both, so the training runs are the
# same.

# %%
params = impl_numpy.deep_nn.initialize_parameters(dims, "random", seed=preset.seed)
AL, cache = impl_numpy.deep_nn.forward_propagation(X_train.T, params)
Z3, Y = cache["Z3"], y_train[None, :]
with np.errstate(divide="ignore", invalid="ignore"):  # log(0) and 0 * inf are the point: no RuntimeWarning
    logprobs = -Y * np.log(AL) - (1 - Y) * np.log(1 - AL)  # the course's compute_loss, which sums with nansum
    course = float(np.nansum(logprobs) / Y.shape[1])
print(f"|Z3| up to {np.abs(Z3).max():.0f}; {int(np.sum(AL == 1))} of {Y.shape[1]} points have A3 == 1.0 exactly, "
      f"{int(np.sum((AL == 1) & (Y == 0)))} of them labelled 0")
print(f"the course's cost from A3: {course}; ours from Z3: {impl_numpy.deep_nn.compute_cost(Z3, Y):.10g}")

# %% [markdown]
# ## The decision boundaries
#
# Zeros draw no boundary at all (every point gets $\hat{y} = 0.5$, and $0.5 > 0.5$ is false: all red); x 10 ends
# with a boundary that cuts across both circles; He's separates them.

# %%
grid, xs, ys = grid_for(X_train)
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
for ax, (init, run) in zip(axes, runs.items(), strict=True):
    predicted = impl_numpy.deep_nn.predict(grid.T, run.params)
    ax.contourf(xs, ys, predicted.reshape(len(ys), len(xs)), levels=[-0.5, 0.5, 1.5], colors=["#f4c7c3", "#c6dbef"])
    ax.scatter(X_train[:, 0], X_train[:, 1], c=np.where(y_train == 1, "#2166ac", "#b2182b"), s=6)
    ax.set_title(f"{init}: train {run.train_accuracy:.1%}, test {run.test_accuracy:.0%}")
    ax.set_aspect("equal")
plt.show()

# %% [markdown]
# ## Each framework's initializers, side by side
#
# He's initializer as each framework ships it (`rosetta show initializers.he`). PyTorch's `kaiming_normal_` reads
# fan-in from the course's layout as it is; Keras and JAX read it from their own kernel layout (in, out) and are
# told the course's.

# %%
print(show.render("initializers.he", layout="side", width=210))

# %% [markdown]
# and the x 10 one (`rosetta show initializers.random`):

# %%
print(show.render("initializers.random", layout="side", width=210))

# %% [markdown]
# Each framework draws from its own generator, so its weights are not NumPy's; what must agree is the scale. The
# standard deviation of each layer's draw for seed 3, against $\sqrt{2 / n^{[l-1]}}$ and 10 (a 2 x 10 first layer
# is a small sample):

# %%
for b in BACKENDS:
    B = get_backend(b)
    with B.precision("float64"):
        spread = {init: [float(np.std(B.to_numpy(W))) for key, W in
                         B.initializers.initialize_parameters(dims, init, preset.seed, "float64").items()
                         if key.startswith("W")] for init in ("he", "random")}
    print(f"{b:>6}: he {np.round(spread['he'], 3).tolist()}, random {np.round(spread['random'], 2).tolist()}")
print(f"target: he {np.round([np.sqrt(2 / n) for n in dims[:-1]], 3).tolist()}, random [10, 10, 10]")

# %% [markdown]
# ## Every backend, from the same start
#
# The three runs on every backend from the same NumPy-made weights, 300 iterations each to keep this notebook
# short. From zeros and from He's weights the cost curves lie on top of each other. From x 10 they agree to rounding
# (the first cost, 1773.6, comes from the logits in every framework) for about 75 iterations, then part, and are
# visibly apart by iteration 200: that start is chaotic, its first steps are of size hundreds, and NumPy against
# itself with one weight of W1 moved by one unit in the last place parts the same way (the dotted line). The
# course's 0.83 and 0.86 are where NumPy's run happens to land; `rosetta compare` judges such runs against an
# ensemble of perturbed NumPy runs.

# %%
def parted(costs, reference):
    """Where the costs first differ by more than 1e-12 relative: "at iteration i", or "never"."""
    apart = np.abs(costs - reference) > 1e-12 * np.abs(reference)
    return f"at iteration {np.argmax(apart)}" if apart.any() else "never"


fig, axes = plt.subplots(1, 3, figsize=(15, 4))
for ax, init in zip(axes, PUBLISHED, strict=True):
    reference = runs[init].costs[:300]
    for b in BACKENDS:
        run = training.train(preset, X_train, y_train, init=init, backend=b, num_iterations=300)
        print(f"{b:>6}: {init:<6} cost after 300 iterations {run.costs[-1]:9.6f}, {run.seconds:.2f} s, "
              f"max |cost - NumPy's| {np.max(np.abs(run.costs - reference)):.1e}, "
              f"parts from NumPy's {parted(run.costs, reference)}")
        ax.plot(run.costs, label=b, linewidth=3 if b == "numpy" else 1.2, linestyle="-" if b == "numpy" else "--")
    ax.set_title(init)
    ax.set_xlabel("iteration")
axes[0].set_ylim(0.69, 0.70)  # log 2 throughout, to the last bit
axes[0].set_ylabel("cost")
axes[1].set_yscale("log")

start = impl_numpy.deep_nn.initialize_parameters(dims, "random", seed=preset.seed)
start["W1"][0, 0] = np.nextafter(start["W1"][0, 0], np.inf)  # one unit in the last place
_, nudged = impl_numpy.deep_nn.train(X_train.T, y_train[None, :], start, preset.learning_rate, 300)
print(f"NumPy, W1[0, 0] + 1 ulp: cost after 300 iterations {nudged[-1]:9.6f}, "
      f"parts from NumPy's {parted(nudged, runs['random'].costs[:300])}")
axes[1].plot(nudged, label="numpy, W1[0, 0] + 1 ulp", color="black", linewidth=1, linestyle=":")
for ax in axes:
    ax.legend()
plt.show()

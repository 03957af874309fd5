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
# # Week 3: a shallow network with one hidden layer
#
# The course's planar "flower": two classes that no straight line separates. Logistic regression fails on it;
# one hidden layer of 4 tanh units draws the petals. The equations, the four frameworks' forward and backward
# passes side by side, the course's run (10000 iterations at learning rate 1.2) on every backend, and the
# course's sweep of the hidden layer's size.

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

import matplotlib.pyplot as plt
import numpy as np

import impl_numpy
from reference import available_backends, data, determinism
from reference.app import presets, training
from reference.views import show
from reference.views.plots import grid_for

determinism.apply(threads=1)
BACKENDS = available_backends()
X, y = data.planar()  # the course's load_planar_dataset(), point for point: X (400, 2), y (400,)
plt.scatter(X[:, 0], X[:, 1], c=y, cmap=plt.cm.Spectral, s=10)
plt.title("the planar data: 400 points, 2 classes")
plt.show()

# %% tags=["parameters"]
# The run lengths: the course's. The tests build this notebook with shorter ones (reference/notebooks/build.py).
NUM_ITERATIONS = 10000   # the course's run on every backend
SIZE_ITERATIONS = 5000   # each run of the hidden-layer sizes

# %% [markdown]
# ## The equations
#
# Forward, for the $m$ examples at once ($X$ is $(n_x, m)$, $W^{[1]}$ is $(n_h, n_x)$):
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \quad A^{[1]} = \tanh(Z^{[1]}), \quad Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},
# \quad A^{[2]} = \sigma(Z^{[2]})$$
#
# Backward:
#
# $$dZ^{[2]} = A^{[2]} - Y, \quad dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}, \quad db^{[2]} = \frac{1}{m}
# \sum dZ^{[2]}$$
#
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot (1 - A^{[1]2}), \quad dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T, \quad
# db^{[1]} = \frac{1}{m} \sum dZ^{[1]}$$

# %% [markdown]
# ## The four frameworks, side by side

# %%
print(show.render("shallow_nn.forward_propagation", layout="side", width=210))

# %%
print(show.render("shallow_nn.backward_propagation", layout="side", width=210))

# %% [markdown]
# ## The course's run on every backend
#
# From the same NumPy-made start (W = randn * 0.01), 10000 iterations at learning rate 1.2. Near iteration 7700
# this run passes an unstable point where even NumPy against itself, one weight moved by one unit in the last
# place, separates by 1e-5; `rosetta compare` judges such runs against an ensemble of perturbed NumPy runs
# (`reference/proof/ensemble.py`).

# %%
preset = presets.preset("shallow_nn")
runs = {b: training.train(preset, X, y, backend=b, num_iterations=NUM_ITERATIONS) for b in BACKENDS}
for b, run in runs.items():
    difference = np.max(np.abs(run.costs - runs["numpy"].costs))
    print(f"{b:>6}: final cost {run.costs[-1]:.6f}, accuracy {run.train_accuracy:.3f}, {run.seconds:.1f} s, "
          f"max |cost - NumPy's| {difference:.1e}")

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
for b, run in runs.items():
    left.plot(run.costs, label=b, linewidth=3 if b == "numpy" else 1.2, linestyle="-" if b == "numpy" else "--")
left.set_xlabel("iteration")
left.set_ylabel("cost")
left.legend()
grid, xs, ys = grid_for(X)
predicted = impl_numpy.shallow_nn.predict(grid.T, runs["numpy"].params)
right.contourf(xs, ys, predicted.reshape(len(ys), len(xs)), cmap=plt.cm.Spectral, alpha=0.6)
right.scatter(X[:, 0], X[:, 1], c=y, cmap=plt.cm.Spectral, s=8)
right.set_title("the decision boundary (NumPy)")
plt.show()

# %% [markdown]
# ## The size of the hidden layer
#
# The course's experiment: 1 to 50 hidden units, 5000 iterations each. A few units already draw the petals;
# many more fit the noise.

# %%
fig, axes = plt.subplots(2, 4, figsize=(14, 6.5))
for ax, n_h in zip(axes.flat, (1, 2, 3, 4, 5, 10, 20, 50), strict=True):
    params = impl_numpy.shallow_nn.initialize_parameters([2, n_h, 1], "random_small", seed=2)
    params, _ = impl_numpy.shallow_nn.train(X.T, y[None, :], params, 1.2, SIZE_ITERATIONS)
    predicted = impl_numpy.shallow_nn.predict(grid.T, params)
    accuracy = np.mean(impl_numpy.shallow_nn.predict(X.T, params)[0] == y)
    ax.contourf(xs, ys, predicted.reshape(len(ys), len(xs)), cmap=plt.cm.Spectral, alpha=0.6)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap=plt.cm.Spectral, s=4)
    ax.set_title(f"{n_h} hidden units: {accuracy:.1%}")
    ax.axis("off")
plt.show()

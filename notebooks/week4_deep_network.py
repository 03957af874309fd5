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
# # Week 4: a deep L-layer network
#
# The course's "Building your Deep Neural Network: Step by Step": L - 1 layers of relu units and a sigmoid
# unit, any depth. The equations, the four frameworks' functions side by side (the manual backward pass and the
# frameworks' own autodiff), initialization, and a training run on every backend with each hidden activation.

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

import matplotlib.pyplot as plt
import numpy as np

import impl_numpy
from reference import available_backends, data, determinism
from reference.app import presets, training
from reference.views import show

determinism.apply(threads=1)
BACKENDS = available_backends()
X_train, X_test, y_train, y_test = data.load("breast_cancer")  # scikit-learn's bundled copy, standardized
print(f"breast cancer: {len(X_train)} training and {len(X_test)} test examples, {X_train.shape[1]} features")

# %% tags=["parameters"]
# The run length: the course's. The tests build this notebook with a shorter one (reference/notebooks/build.py).
NUM_ITERATIONS = 2500

# %% [markdown]
# ## The equations
#
# For $l = 1, \dots, L$, with $A^{[0]} = X$, $g$ the hidden activation and $\sigma$ at the last layer:
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]})$$
#
# and backward from $dZ^{[L]} = A^{[L]} - Y$:
#
# $$dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}, \quad db^{[l]} = \frac{1}{m} \sum dZ^{[l]}, \quad
# dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \quad dZ^{[l-1]} = dA^{[l-1]} \odot g'(Z^{[l-1]})$$
#
# with relu'(0) = 0, the course's choice.

# %% [markdown]
# ## Initialization
#
# The course's deep initialization scales each layer by $1/\sqrt{n^{[l-1]}}$, so that $Z$ keeps its size from
# layer to layer; He initialization uses $\sqrt{2/n^{[l-1]}}$ for relu.

# %%
print(show.render("initializers.he", layout="side", width=210))
dims = [X_train.shape[1], 20, 7, 5, 1]
for init in ("random_small", "xavier", "he"):
    params = impl_numpy.deep_nn.initialize_parameters(dims, init, seed=1)
    _, cache = impl_numpy.deep_nn.forward_propagation(X_train.T, params)
    spread = [float(np.std(cache[f"Z{l}"])) for l in range(1, len(dims))]
    print(f"{init:>12}: standard deviation of Z[1..4] = {np.round(spread, 3).tolist()}")
    plt.semilogy(range(1, len(dims)), spread, marker="o", label=init)
plt.xlabel("layer l")
plt.ylabel("standard deviation of Z[l]")
plt.xticks(range(1, len(dims)))
plt.legend()
plt.show()

# %% [markdown]
# ## The backward pass, side by side: the course's equations, then each framework's autodiff

# %%
print(show.render("deep_nn.backward_propagation", layout="side", width=210))

# %%
print(show.render("deep_nn.autodiff_gradients", backends=[b for b in BACKENDS if b != "numpy"], layout="side",
                  width=210))

# %% [markdown]
# ## Training on every backend, with each hidden activation
#
# [30, 20, 7, 5, 1] at the course's learning rate 0.0075 for 2500 iterations, from the same NumPy-made start.

# %%
preset = presets.preset("deep_nn")
fig, axes = plt.subplots(1, 3, figsize=(15, 4))
for ax, activation in zip(axes, ("relu", "leaky_relu", "tanh"), strict=True):
    chosen = presets.Preset(f"deep_nn ({activation})", "deep_nn", preset.hidden, activation, preset.learning_rate,
                            NUM_ITERATIONS, preset.init, preset.course)
    runs = {b: training.train(chosen, X_train, y_train, X_test, y_test, backend=b) for b in BACKENDS}
    for b, run in runs.items():
        ax.plot(run.costs, label=b, linewidth=3 if b == "numpy" else 1.2, linestyle="-" if b == "numpy" else "--")
        print(f"{b:>6}: {activation:<10} final cost {run.costs[-1]:.6f}, test accuracy {run.test_accuracy:.3f}, "
              f"{run.seconds:.1f} s, max |cost - NumPy's| {np.max(np.abs(run.costs - runs['numpy'].costs)):.1e}")
    worst = max(np.max(np.abs(run.costs - runs["numpy"].costs)) for run in runs.values())
    ax.set_title(f"{activation}: test accuracy {runs['numpy'].test_accuracy:.3f}; backends within {worst:.0e}")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    ax.legend()
plt.show()

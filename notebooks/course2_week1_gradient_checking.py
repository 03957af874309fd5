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
# # Course 2, week 1: gradient checking
#
# The course's "Gradient Checking" assignment: is backpropagation right? Compare its gradient with the slope of the
# cost itself, measured by nudging one parameter at a time. The one-dimensional check, the n-dimensional one on the
# course's test case in every backend (`impl_*.gradient_check`), the notebook's two planted mistakes caught by the
# course's check and by each framework's own checker, and why the check must run with dropout off.

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

from textwrap import shorten

import matplotlib.pyplot as plt
import numpy as np

import impl_numpy
from reference import available_backends, determinism, get_backend
from reference.views import show

determinism.apply(threads=1)
BACKENDS = available_backends()
THRESHOLD = impl_numpy.gradient_check.THRESHOLD  # the notebook's 2e-7

# The notebook's gradient_check_n_test_case: np.random.seed(1), then X (4, 3), W1 (5, 4), b1, W2 (3, 5), b2,
# W3 (1, 3), b3 drawn from randn in that order; Y = [1, 1, 0]. A [4, 5, 3, 1] network, relu, relu, sigmoid.
rng = np.random.RandomState(1)
X = rng.randn(4, 3)
Y = np.array([[1.0, 1.0, 0.0]])
params = {name: rng.randn(*shape) for name, shape in (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)),
                                                       ("W3", (1, 3)), ("b3", (1, 1)))}
theta, keys = impl_numpy.gradient_check.dictionary_to_vector(params)
print(f"X {X.shape}, Y {Y.tolist()}; theta {theta.shape}: " +
      ", ".join(f"{name} {keys.count(name)}" for name in dict.fromkeys(keys)))

# %% [markdown]
# ## The equations
#
# Every parameter, flattened and stacked, is one column $\theta$ (`dictionary_to_vector`: W1, b1, W2, b2, W3, b3,
# row by row). For each entry $i$, the two-sided difference of the cost:
#
# $$\text{gradapprox}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2 \varepsilon},
# \qquad \varepsilon = 10^{-7}$$
#
# is off from $\partial J / \partial \theta_i$ by $O(\varepsilon^2)$, and backpropagation's gradient (stacked the
# same way by `gradients_to_vector`) is compared with it relatively:
#
# $$\text{difference} = \frac{\| \text{grad} - \text{gradapprox} \|_2}{\| \text{grad} \|_2 +
# \| \text{gradapprox} \|_2}$$
#
# The course calls a difference above $2 \cdot 10^{-7}$ a mistake. Float64 only: $\theta + 10^{-7}$ rounds back to
# $\theta$ in float32 for $|\theta| \geq 2$, and every backend refuses float32 here.

# %% [markdown]
# ## The one-dimensional check
#
# $J(\theta) = \theta x$, whose derivative is $x$: at $x = 2$, $\theta = 4$ the notebook prints 2.919335883291695e-10,
# the rounding of $(\theta + \varepsilon) x - (\theta - \varepsilon) x$. Every backend does the same IEEE operations:

# %%
for b in BACKENDS:
    B = get_backend(b)
    with B.precision("float64"):
        difference = B.gradient_check.gradient_check(2, 4)
    print(f"{b:>6}: difference {difference!r} (the notebook's 2.919335883291695e-10), "
          f"{'correct' if difference < THRESHOLD else 'a mistake'}")

# %% [markdown]
# ## The n-dimensional check, side by side (`rosetta show gradient_check.gradient_check_n`)

# %%
print(show.render("gradient_check.gradient_check_n", layout="side", width=210))

# %% [markdown]
# ## The loop, entry by entry
#
# The course's `backward_propagation_n` plants two mistakes: `dW2 = 1./m * np.dot(dZ2, A1.T) * 2` and
# `db1 = 4./m * np.sum(dZ1, ...)`. The loop of the check, written out in NumPy, shows where they are: every entry of
# dW2 and db1 is off, every other entry agrees with the cost's slope to about $10^{-9}$.

# %%
def gradapprox_of(J, theta, epsilon=1e-7):
    """(J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon) for every i: the course's loop."""
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i, 0] += epsilon
        minus[i, 0] -= epsilon
        approx[i, 0] = (J(plus) - J(minus)) / (2 * epsilon)
    return approx


def cost(theta):
    """J(theta): the forward pass and the cross-entropy, from the logits Z3."""
    AL, cache = impl_numpy.deep_nn.forward_propagation(X, impl_numpy.gradient_check.vector_to_dictionary(theta, dims))
    return impl_numpy.deep_nn.compute_cost(cache["Z3"], Y)


def planted(B, **factors):
    """B's deep_nn.backward_propagation with some gradients multiplied: the notebook's dW2 * 2 and db1 * 4."""
    def backward(params, cache, Y):
        grads = dict(B.deep_nn.backward_propagation(params, cache, Y))
        for name, factor in factors.items():
            grads[name] = grads[name] * factor
        return grads
    return backward


dims = (4, 5, 3, 1)
approx = gradapprox_of(cost, theta)
_, cache = impl_numpy.deep_nn.forward_propagation(X, params)
fig, ax = plt.subplots(figsize=(12, 4))
for label, backward, marker in (("correct backward", impl_numpy.deep_nn.backward_propagation, "o"),
                                ("dW2 x 2 and db1 x 4", planted(impl_numpy, dW2=2, db1=4), "x")):
    grad = impl_numpy.gradient_check.gradients_to_vector(backward(params, cache, Y))
    off = np.abs(grad - approx)[:, 0]
    difference = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    print(f"{label:>20}: difference {difference:.3e}; entries off by more than 1e-6: "
          f"{sorted({keys[i] for i in np.flatnonzero(off > 1e-6)})}")
    ax.semilogy(np.maximum(off, 1e-18), marker, label=label, markersize=5)
edges = np.cumsum([keys.count(name) for name in dict.fromkeys(keys)])
ax.set_xticks(edges - np.diff(np.r_[0, edges]) / 2, list(dict.fromkeys(keys)))
for edge in edges[:-1]:
    ax.axvline(edge - 0.5, color="0.8", linewidth=0.8)
ax.set_ylabel("|grad - gradapprox| per entry")
ax.set_title("the 47 entries of theta (exact zeros drawn at 1e-18)")
ax.legend()
plt.show()

# %% [markdown]
# ## Every backend: the course's check and the framework's own checker
#
# Each backend runs `gradient_check_n` on its own arrays, for its correct `deep_nn.backward_propagation` and for the
# two planted mistakes, and asks its framework's own checker the same question (`framework_check`): SciPy's
# `check_grad` for NumPy, `torch.autograd.gradcheck`, `tf.test.compute_gradient` and `jax.test_util.check_grads`,
# each given the backward pass as the cost's gradient. The notebook prints 0.2850931567761624 with both mistakes; our
# cost from the logits rounds differently, which moves the difference in its eighth digit.

# %%
MISTAKES = {"correct": {}, "dW2 x 2": {"dW2": 2}, "db1 x 4": {"db1": 4}, "both": {"dW2": 2, "db1": 4}}
differences = {}
for b in BACKENDS:
    B = get_backend(b)
    with B.precision("float64"):
        Xb, Yb = B.asarray(X), B.asarray(Y)
        params_b = {key: B.asarray(value) for key, value in params.items()}
        _, cache_b = B.deep_nn.forward_propagation(Xb, params_b)
        for name, factors in MISTAKES.items():
            backward = planted(B, **factors)
            difference = B.gradient_check.gradient_check_n(params_b, backward(params_b, cache_b, Yb), Xb, Yb)
            ok, detail = B.gradient_check.framework_check(params_b, Xb, Yb, backward)
            differences[b, name] = difference
            verdict = "correct" if difference < THRESHOLD else "a mistake"
            print(f"{b:>6}: {name:<8} difference {difference:.10e} ({verdict}); "
                  f"{shorten(detail, 100, placeholder=' ...')}")

# %%
fig, ax = plt.subplots(figsize=(10, 4))
width = 0.8 / len(BACKENDS)
for k, b in enumerate(BACKENDS):
    ax.bar(np.arange(len(MISTAKES)) + k * width, [differences[b, name] for name in MISTAKES], width, label=b)
ax.axhline(THRESHOLD, color="black", linestyle="--", linewidth=1, label="the course's threshold, 2e-7")
ax.set_xticks(np.arange(len(MISTAKES)) + width * (len(BACKENDS) - 1) / 2, list(MISTAKES))
ax.set_yscale("log")
ax.set_ylabel("difference")
ax.legend(loc="center left")
plt.show()

# %% [markdown]
# Each framework's checker, side by side (`rosetta show gradient_check.framework_check`): the backward pass is
# registered as the cost's gradient (a `torch.autograd.Function`, a `tf.custom_gradient`, a `jax.custom_vjp`) so that
# the checker compares it with its own finite differences.

# %%
print(show.render("gradient_check.framework_check", layout="side", width=210))

# %% [markdown]
# ## With dropout on, the check fails for a correct backward pass
#
# With dropout, each evaluation of $J$ draws new masks: $J(\theta + \varepsilon e_i)$ and $J(\theta - \varepsilon
# e_i)$ are costs of two different thinned networks, apart by $O(J)$ rather than by $2 \varepsilon \, \partial J /
# \partial \theta_i$, so gradapprox is $O(10^6)$ noise and the difference tends to 1. The course's advice: check
# with keep_prob = 1, then turn dropout on. (`gradient_check_with_dropout` runs the check so, by mistake on purpose.)

# %%
for b in BACKENDS:
    B = get_backend(b)
    with B.precision("float64"):
        Xb, Yb = B.asarray(X), B.asarray(Y)
        params_b = {key: B.asarray(value) for key, value in params.items()}
        _, cache_b = B.deep_nn.forward_propagation(Xb, params_b)
        grads_b = B.deep_nn.backward_propagation(params_b, cache_b, Yb)
        on = B.gradient_check.gradient_check_with_dropout(params_b, grads_b, Xb, Yb, keep_prob=0.86)
        off = B.gradient_check.gradient_check_with_dropout(params_b, grads_b, Xb, Yb, keep_prob=1.0)
    print(f"{b:>6}: keep_prob 0.86: difference {on:.7f}; keep_prob 1: {off:.2e}")

# %% [markdown]
# What the check needs is a fixed $J$, not no dropout: with the masks held fixed, as the course's notebook holds them
# for training (`regularization.dropout_masks`, drawn once), $J$ is one function again and the dropout backward pass
# (`regularization.backward_propagation`: $dA^{[l]} \odot D^{[l]} / \text{keep\_prob}$) checks out; forgetting the
# mask or the scale in it is caught:

# %%
masks = impl_numpy.regularization.dropout_masks(dims, X.shape[1], 0.86)  # D1 (5, 3), D2 (3, 3), drawn once
print({key: f"{int(D.size - D.sum())} of {D.size} units dropped" for key, D in masks.items()})


def masked_cost(theta):
    """J(theta) through the same masks at every evaluation."""
    AL, cache = impl_numpy.regularization.forward_propagation(
        X, impl_numpy.gradient_check.vector_to_dictionary(theta, dims), keep_prob=0.86, masks=masks)
    return impl_numpy.deep_nn.compute_cost(cache["Z3"], Y)


approx = gradapprox_of(masked_cost, theta)
_, cache = impl_numpy.regularization.forward_propagation(X, params, keep_prob=0.86, masks=masks)
for label, keep_prob, dropped in (("the course's dropout backward", 0.86, cache),
                                  ("without the 1 / keep_prob scale", 1.0, cache),
                                  ("without the masks (and the scale)", 0.86,
                                   {k: v for k, v in cache.items() if not k.startswith("D")})):
    grad = impl_numpy.gradient_check.gradients_to_vector(
        impl_numpy.regularization.backward_propagation(params, dropped, Y, keep_prob=keep_prob))
    difference = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    print(f"{label:>34}: difference {difference:.3e} ({'correct' if difference < THRESHOLD else 'a mistake'})")

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
# # Week 2: logistic regression as a one-neuron network
#
# The course's first model, one sigmoid unit, written four times (NumPy, PyTorch, TensorFlow, JAX). This notebook
# walks the week: the equations, the four frameworks' functions side by side, a training run on every backend,
# the choice of learning rate, and a prediction on a picture of a cat.
#
# The data are the course's cat pictures when `datasets/train_catvnoncat.h5` and `datasets/test_catvnoncat.h5`
# are next to this notebook (the course's layout); otherwise stand-in files in the same format, made from
# scikit-image's photographs (`reference/app/standin.py`).

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from reference import available_backends, data, determinism
from reference.app import pictures, presets, standin, training
from reference.views import show

determinism.apply(threads=1)  # one thread per framework: every run reproducible to the bit
BACKENDS = available_backends()
train_file, test_file = standin.course_or_standin("datasets")  # the course's files if there, else stand-ins
X_train, X_test, y_train, y_test = data.load_cat_h5(train_file, test_file)
shape, classes = data.cat_pictures(train_file)
print(f"backends: {', '.join(BACKENDS)}")
print(f"{len(X_train)} training and {len(X_test)} test pictures of {shape}, flattened to {X_train.shape[1]} "
      f"values in [0, 1]; classes {classes}")

# %% tags=["parameters"]
# The run lengths: the course's. The tests build this notebook with shorter ones (reference/notebooks/build.py).
NUM_ITERATIONS = 2000   # the course's run on every backend
RATE_ITERATIONS = 1500  # each run of the learning-rate figure

# %%
fig, axes = plt.subplots(1, 6, figsize=(12, 2.4))
for ax, i in zip(axes, range(6), strict=True):
    ax.imshow((X_train[i] * 255).astype(np.uint8).reshape(shape))
    ax.set_title(classes[int(y_train[i])])
    ax.axis("off")
plt.show()

# %% [markdown]
# ## The equations
#
# For one example $x^{(i)}$ (a column of $X$, shape $(n_x, m)$):
#
# $$z^{(i)} = w^T x^{(i)} + b, \qquad a^{(i)} = \sigma(z^{(i)}) = \frac{1}{1 + e^{-z^{(i)}}}$$
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log (1 - a^{(i)}) \right]$$
#
# and its gradients, vectorized over the $m$ examples:
#
# $$\frac{\partial J}{\partial w} = \frac{1}{m} X (A - Y)^T, \qquad \frac{\partial J}{\partial b} =
# \frac{1}{m} \sum_{i=1}^{m} (a^{(i)} - y^{(i)})$$
#
# The project keeps the course's shapes ($W_1$ is $w^T$, of shape $(1, n_x)$) and computes $J$ from the logits
# $z$, so that it never takes $\log 0$ (`reference/NOTATION.md`).

# %% [markdown]
# ## The four frameworks, side by side
#
# The course's manual backward equations in each framework's own operations:

# %%
print(show.render("logistic_regression.backward_propagation", layout="side", width=210))

# %% [markdown]
# and what each framework's experts write instead: the gradient from the framework's own autodiff.

# %%
print(show.render("logistic_regression.autodiff_gradients", backends=[b for b in BACKENDS if b != "numpy"],
                  layout="side", width=210))

# %% [markdown]
# ## Training on every backend
#
# The course's run: 2000 iterations at learning rate 0.005 from zero weights. Every backend starts from the same
# NumPy-made parameters; the curves lie on top of each other.

# %%
preset = presets.preset("logistic_regression")
runs = {b: training.train(preset, X_train, y_train, X_test, y_test, backend=b, num_iterations=NUM_ITERATIONS)
        for b in BACKENDS}
for b, run in runs.items():
    difference = np.max(np.abs(run.costs - runs["numpy"].costs))
    print(f"{b:>6}: final cost {run.costs[-1]:.6f}, train accuracy {run.train_accuracy:.3f}, "
          f"test accuracy {run.test_accuracy:.3f}, {run.seconds:.1f} s, max |cost - NumPy's| {difference:.1e}")
for b, run in runs.items():
    plt.plot(run.costs, label=b, linewidth=3 if b == "numpy" else 1.2, linestyle="-" if b == "numpy" else "--")
plt.xlabel("iteration")
plt.ylabel("cost")
plt.title("logistic regression, learning rate 0.005")
plt.legend()
plt.show()

# %% [markdown]
# ## The choice of learning rate
#
# The course's figure: the same model at three learning rates. Too large a rate oscillates; too small a one
# learns slowly. (`rosetta learning-rates logistic_regression` draws it for every backend.)

# %%
for rate in (0.01, 0.001, 0.0001):
    costs = training.train(preset, X_train, y_train, learning_rate=rate, num_iterations=RATE_ITERATIONS).costs
    plt.plot(costs, label=f"learning rate {rate:g}")
plt.xlabel("iteration")
plt.ylabel("cost")
plt.legend()
plt.show()

# %% [markdown]
# ## Your own picture
#
# The course reads a picture with `np.array(Image.open(fname).resize((64, 64))) / 255`, flattened to a column;
# `reference.app.pictures.read` does the same for any picture Pillow reads. Here, scikit-image's photograph of
# Chelsea the cat:

# %%
from PIL import Image
from skimage import data as skdata

path = Path(tempfile.mkdtemp()) / "chelsea.jpg"
Image.fromarray(skdata.chelsea()).save(path)
picture = pictures.read(path)
p = training.probabilities("logistic_regression", runs["numpy"].params, picture.x, None)[0]
plt.imshow(picture.pixels)
plt.title(f"{classes[int(p > 0.5)]} (p = {p:.3f})")
plt.axis("off")
plt.show()

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
# # Week 4 application: a cat classifier, and your own pictures
#
# The course's "Deep Neural Network - Application": a two-layer and an L-layer model trained on 64 x 64 pictures,
# the test pictures the model gets wrong, and "you can even test it with your own pictures". The same is on the
# command line: `rosetta train L_layer_model --cat-train ... --cat-test ... --save model.npz`, then
# `rosetta predict model.npz my_cat.jpg`.
#
# The data are the course's files when `datasets/train_catvnoncat.h5` and `datasets/test_catvnoncat.h5` are next
# to this notebook; otherwise stand-in files in the same format made from scikit-image's photographs
# (`reference/app/standin.py`): their cats are all crops of one cat, so expect higher accuracies than the course's.

# %%
from reference import quiet

quiet.framework_logs()  # TensorFlow's and XLA's C++ log lines stay out of the notebook

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from reference import available_backends, data, determinism
from reference.app import figures, pictures, presets, standin, training
from reference.io import load_params
from reference.views import show

determinism.apply(threads=1)
BACKENDS = available_backends()
train_file, test_file = standin.course_or_standin("datasets")  # the course's files if there, else stand-ins
X_train, X_test, y_train, y_test = data.load_cat_h5(train_file, test_file)
shape, classes = data.cat_pictures(train_file)
print(f"{len(X_train)} training pictures ({int(y_train.sum())} cats), {len(X_test)} test pictures "
      f"({int(y_test.sum())} cats), each {shape} -> {X_train.shape[1]} inputs")

# %% tags=["parameters"]
# The run lengths: the course's. The tests build this notebook with shorter ones (reference/notebooks/build.py).
NUM_ITERATIONS = 2500      # the L-layer model's run
BACKEND_ITERATIONS = 100   # each backend's run beside it

# %% [markdown]
# ## The two models
#
# A picture is a column $x$ of $64 \cdot 64 \cdot 3 = 12288$ values in $[0, 1]$. `two_layer_model` is
# LINEAR -> RELU -> LINEAR -> SIGMOID with 7 hidden units; `L_layer_model` is [LINEAR -> RELU] x 3 -> LINEAR ->
# SIGMOID with 20, 7 and 5 units:
#
# $$A^{[0]} = X, \qquad A^{[l]} = \mathrm{relu}(W^{[l]} A^{[l-1]} + b^{[l]}) \quad (l < L), \qquad
# \hat{Y} = A^{[L]} = \sigma(W^{[L]} A^{[L-1]} + b^{[L]})$$
#
# A picture is called a cat when $\hat{y} > 0.5$. Both are the `deep_nn` model of every framework:

# %%
print(show.render("deep_nn.forward_propagation", layout="side", width=210))

# %% [markdown]
# ## The L-layer model, the course's run
#
# [12288, 20, 7, 5, 1], relu units, W = randn / sqrt(n[l-1]), 2500 iterations at 0.0075 (about 25 s in NumPy on one
# core).

# %%
model = presets.preset("L_layer_model")
run = training.train(model, X_train, y_train, X_test, y_test, num_iterations=NUM_ITERATIONS)
for i in range(0, NUM_ITERATIONS, 500):
    print(f"Cost after iteration {i}: {run.costs[i]:.6f}")
print(f"train accuracy {run.train_accuracy:.3f}, test accuracy {run.test_accuracy:.3f}, {run.seconds:.1f} s")
plt.plot(run.costs)
plt.xlabel("iteration")
plt.ylabel("cost")
plt.title("L_layer_model, learning rate 0.0075")
plt.show()

# %% [markdown]
# ## Every backend
#
# The same model from the same start on each backend, 100 iterations each to keep this notebook short: the cost
# curves lie on top of each other.

# %%
n = min(BACKEND_ITERATIONS, NUM_ITERATIONS)
runs = {b: training.train(model, X_train, y_train, X_test, y_test, backend=b, num_iterations=n) for b in BACKENDS}
for b, other in runs.items():
    difference = np.max(np.abs(other.costs - run.costs[:n]))
    print(f"{b:>6}: cost after {n} iterations {other.costs[-1]:.6f}, {other.seconds:.1f} s, "
          f"max |cost - NumPy's| {difference:.1e}")
    plt.plot(other.costs, label=b, linewidth=3 if b == "numpy" else 1.2, linestyle="-" if b == "numpy" else "--")
plt.legend()
plt.xlabel("iteration")
plt.ylabel("cost")
plt.show()

# %% [markdown]
# ## The mislabelled pictures
#
# The course's `print_mislabeled_images`: the test pictures the trained model gets wrong.

# %%
images = np.rint(X_test * 255).astype(np.uint8).reshape(len(X_test), *shape)
p_test = training.probabilities("deep_nn", run.params, X_test.T, "relu")
folder = Path(tempfile.mkdtemp())
wrong = figures.mislabelled(images, y_test, p_test, classes, folder / "mislabelled.png")
if wrong:
    plt.imshow(plt.imread(wrong))
    plt.axis("off")
    plt.gcf().set_size_inches(12, 6)
    plt.show()
else:
    print("no test picture is mislabelled")

# %% [markdown]
# ## Your own pictures
#
# Saved as the portable `.npz`, read back, and asked about two photographs from scikit-image (Chelsea the cat and
# a cup of coffee) on every backend. Put your own picture's path in `mine`.

# %%
from PIL import Image
from skimage import data as skdata

run.save(folder / "model.npz", "cat", shape, classes)
params = load_params(folder / "model.npz")
mine = [folder / "chelsea.jpg", folder / "coffee.jpg"]
Image.fromarray(skdata.chelsea()).save(mine[0])
Image.fromarray(skdata.coffee()).save(mine[1])
read = [pictures.read(path, shape[0]) for path in mine]
X_mine = np.hstack([p.x for p in read])
for b in BACKENDS:
    p = training.probabilities("deep_nn", params, X_mine, "relu", backend=b)
    print(f"{b:>6}: " + ", ".join(f"{path.name} {q:.6f}" for path, q in zip(mine, p, strict=True)))
p = training.probabilities("deep_nn", params, X_mine, "relu")
figure = figures.pictures([r.pixels for r in read], p, classes, folder / "mine.png", [m.name for m in mine])
plt.imshow(plt.imread(figure))
plt.axis("off")
plt.show()

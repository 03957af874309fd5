"""Stand-in for the course's ``planar_utils`` (week 3): the flower, the extra data sets, the decision boundary.

``sigmoid`` here returns the array alone (unlike week 4's ``dnn_utils``). ``load_planar_dataset`` seeds the global
``np.random`` with 1 and leaves it where the course's leaves it, since a learner's next cells draw from it.
"""
# ruff: noqa: NPY002  (the course draws from the global np.random, and learners' seeds depend on it)

import numpy as np


def plot_decision_boundary(model, X, y):
    """Contours of ``model`` (a function of (k, 2) points) over a grid around X (2, m), and the points coloured by y."""
    import matplotlib.pyplot as plt

    x_min, x_max = X[0, :].min() - 1, X[0, :].max() + 1
    y_min, y_max = X[1, :].min() - 1, X[1, :].max() + 1
    h = 0.01
    xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
    Z = model(np.c_[xx.ravel(), yy.ravel()])  # the model's predictions on the grid
    Z = np.asarray(Z).reshape(xx.shape)
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral)
    plt.ylabel("x2")
    plt.xlabel("x1")
    plt.scatter(X[0, :], X[1, :], c=np.ravel(y), cmap=plt.cm.Spectral)


def sigmoid(x):
    """s = 1 / (1 + e^-x)."""
    s = 1 / (1 + np.exp(-x))
    return s


def flower(m: int = 400, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The flower as (n_samples, 2) points and (n_samples,) labels, from its own generator: the course's formula, as
    reference.data.planar has it (this kit sees nothing of the project; tests/test_course_helpers.py keeps the two
    equal point for point)."""
    rng = np.random.RandomState(seed)
    N = m // 2  # points per class
    X = np.zeros((2 * N, 2))
    y = np.zeros(2 * N)
    a = 4  # maximum ray of the flower
    for j in range(2):
        ix = slice(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.randn(N) * 0.2  # theta
        r = a * np.sin(4 * t) + rng.randn(N) * 0.2                        # radius
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def load_planar_dataset():
    """X (2, 400) float64 and Y (1, 400) uint8: the course's flower, two classes of 200 points."""
    m = 400
    X, y = flower(m, seed=1)  # the course's draws, from its own generator
    np.random.seed(1)
    np.random.randn(2 * m)  # the course draws 4 x 200 normals from the global np.random: leave it there too
    return X.T, y.reshape(1, m).astype(np.uint8)


def load_extra_datasets():
    """noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure: each (X (N, 2), y (N,)), N = 200."""
    import sklearn.datasets

    N = 200
    noisy_circles = sklearn.datasets.make_circles(n_samples=N, factor=0.5, noise=0.3)
    noisy_moons = sklearn.datasets.make_moons(n_samples=N, noise=0.2)
    blobs = sklearn.datasets.make_blobs(n_samples=N, random_state=5, n_features=2, centers=6)
    gaussian_quantiles = sklearn.datasets.make_gaussian_quantiles(mean=None, cov=0.5, n_samples=N, n_features=2,
                                                                  n_classes=2, shuffle=True, random_state=None)
    no_structure = np.random.rand(N, 2), np.random.rand(N, 2)
    return noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure

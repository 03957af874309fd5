"""Data sets that need no download, in the estimators' layout: X (n_samples, n_features), y (n_samples,).

- ``planar``: the course's "flower" (week 3), generated from its formula with the course's seed.
- ``circles``: course 2's initialization assignment's data, scikit-learn's ``make_circles`` with the notebook's
  seeds: the course's points exactly, with its own train and test sets.
- ``football``: course 2's regularization assignment's layout (the notebook's ``datasets/data.mat``: X (211, 2),
  y (211, 1), Xval (200, 2), yval (200, 1)), as a stand-in generated in code; ``load_data_mat`` reads the course's
  file when a user brings it.
- ``moons``: course 2's optimization assignment's data, scikit-learn's ``make_moons`` with the notebook's seed: its
  300 training points exactly (the notebook has no test set).
- ``breast_cancer``, ``digits``: scikit-learn's bundled copies, as binary problems, standardized
  with the training split's mean and standard deviation.
- ``load_cat_h5``: the course's cat-vs-non-cat HDF5 files, which a user brings.
- ``from_args``: the one a command's options name (``rosetta compare``, ``train``, ``learning-rates``).
"""

from __future__ import annotations

import os

import numpy as np

DATASETS = ("planar", "breast_cancer", "digits", "circles", "football", "moons")
SPLIT = ("circles", "football", "moons")  # the course's own train and test sets: load() does not split them again


def planar(m: int = 400, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The course's planar "flower": two classes of m/2 points on the petals r = 4 sin(4 t).

    With the defaults this is the course's ``load_planar_dataset()`` point for point (it seeds
    ``np.random.seed(1)`` and draws in this order), transposed to (n_samples, 2).
    """
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


def circles() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The initialization assignment's ``load_dataset()``: 300 training and 100 test points on two circles.

    The notebook seeds ``np.random.seed(1)`` before ``make_circles(n_samples=300, noise=.05)`` and
    ``np.random.seed(2)`` before the 100 test points; a ``RandomState`` of the same seed draws the same points
    without touching NumPy's global generator. Returns (X_train, X_test, y_train, y_test).
    """
    from sklearn.datasets import make_circles

    X_train, y_train = make_circles(n_samples=300, noise=0.05, random_state=np.random.RandomState(1))
    X_test, y_test = make_circles(n_samples=100, noise=0.05, random_state=np.random.RandomState(2))
    return X_train, X_test, y_train.astype(np.float64), y_test.astype(np.float64)


def moons() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The optimization assignment's ``load_dataset()``: ``np.random.seed(3)`` then ``make_moons(n_samples=300,
    noise=.2)``, drawn here from a ``RandomState(3)`` (the same points). Returns (X_train, X_test, y_train, y_test),
    the test set empty: the notebook measures the training set only."""
    from sklearn.datasets import make_moons

    X, y = make_moons(n_samples=300, noise=0.2, random_state=np.random.RandomState(3))
    return X, np.zeros((0, 2)), y.astype(np.float64), np.zeros(0)


def football_standin(seed: int = 0) -> dict[str, np.ndarray]:
    """A stand-in for the regularization assignment's ``datasets/data.mat``, in its layout: X (211, 2) and y (211, 1)
    to train on, Xval (200, 2) and yval (200, 1) to test on.

    The course's file (where the French goalkeeper kicks the ball, blue where a French player headed it) cannot be
    downloaded; this one is made in code for the same use: points of a field in [-0.75, 0.45] x [-0.75, 0.65], the
    classes split by a wavy line x2 = 0.25 sin(5 x1) + 0.1, and 4% of the labels flipped, so that an unregularized
    [2, 20, 3, 1] network fits the noise of the training set (0.991 train, 0.895 test accuracy after the notebook's
    30000 iterations) and a regularized one generalizes better (L2 at 0.7: 0.962 and 0.935; dropout at 0.86: 0.948
    and 0.930), as with the course's data. With 8% flipped the unregularized run is chaotic: backends 1e-9 apart
    early end 2e-3 apart in cost, rounding amplified, which would hide the equality the data are there to show.
    """
    rng = np.random.RandomState(seed)

    def points(m):
        X = np.c_[rng.uniform(-0.75, 0.45, m), rng.uniform(-0.75, 0.65, m)]
        y = (X[:, 1] > 0.25 * np.sin(5 * X[:, 0]) + 0.1).astype(np.float64)
        flip = rng.rand(m) < 0.04
        y[flip] = 1 - y[flip]
        return X, y[:, None]

    X, y = points(211)
    Xval, yval = points(200)
    return {"X": X, "y": y, "Xval": Xval, "yval": yval}


def load_data_mat(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The regularization assignment's ``datasets/data.mat``, which a user brings, read as the notebook reads it
    (``scipy.io.loadmat``): X (m, 2), y (m, 1), Xval (m_test, 2), yval (m_test, 1)."""
    import scipy.io

    if not os.path.isfile(path):
        raise ValueError(f"data_mat: expected the course's data.mat, got {str(path)!r} (no such file)")
    try:
        data = scipy.io.loadmat(path)
    except (ValueError, OSError, TypeError) as exc:
        raise ValueError(f"data_mat: expected a MATLAB .mat file, got {str(path)!r} ({exc})") from None
    missing = [key for key in ("X", "y", "Xval", "yval") if key not in data]
    if missing:
        found = sorted(key for key in data if not key.startswith("__"))
        raise ValueError(f"data_mat: expected variables X, y, Xval, yval in {str(path)!r}, got {found}")
    out = {key: np.asarray(data[key], dtype=np.float64) for key in ("X", "y", "Xval", "yval")}
    for features, labels in (("X", "y"), ("Xval", "yval")):
        X, y = out[features], out[labels]
        if X.ndim != 2 or y.size != X.shape[0]:
            raise ValueError(f"data_mat: expected {features} (m, n_x) and {labels} (m, 1) in {str(path)!r}, got "
                             f"{features} {X.shape} and {labels} {y.shape}")
        if not np.all(np.isin(y, (0, 1))):
            raise ValueError(f"data_mat: expected {labels} of 0 and 1 only, got {np.unique(y)[:5].tolist()}")
    return out


def football(path: str | os.PathLike | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The regularization assignment's data, from the course's data.mat at ``path`` or else the stand-in:
    (X_train, X_test, y_train, y_test), the notebook's X and Xval with their labels."""
    data = football_standin() if path is None else load_data_mat(path)
    return data["X"], data["Xval"], data["y"].reshape(-1), data["yval"].reshape(-1)


def breast_cancer() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's Wisconsin breast-cancer data: 569 x 30, y = 1 for malignant."""
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    return data.data.astype(np.float64), (data.target == 0).astype(np.float64)  # target 0 = malignant


def digits() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8x8 digits: 1797 x 64 pixels in 0..16, y = 1 for an odd digit."""
    from sklearn.datasets import load_digits

    data = load_digits()
    return data.data.astype(np.float64), (data.target % 2).astype(np.float64)


def load_cat_h5(train_path: str | os.PathLike, test_path: str | os.PathLike):
    """The course's ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` as (X_train, X_test, y_train, y_test).

    Each file holds ``{train,test}_set_x`` of shape (m, 64, 64, 3) with uint8 pixels and
    ``{train,test}_set_y`` of shape (m,); images are flattened to 12288 features and scaled to [0, 1].
    """
    X_train, y_train = _read_cat_file(train_path, "train")
    X_test, y_test = _read_cat_file(test_path, "test")
    if X_train.shape[1] != X_test.shape[1]:
        raise ValueError(f"test_path: expected images of {X_train.shape[1]} values like the training "
                         f"file, got {X_test.shape[1]}")
    return X_train, X_test, y_train, y_test


def cat_pictures(path: str | os.PathLike, split: str = "train") -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The picture shape (height, width, channels) and the class names (``list_classes``, b"non-cat" and b"cat" in
    the course's files; "0" and "1" when a file has none) of one of the course's HDF5 files."""
    import h5py

    with h5py.File(path, "r") as f:
        shape = tuple(int(n) for n in f[f"{split}_set_x"].shape[1:])
        names: tuple[str, ...] = ("0", "1")
        if "list_classes" in f:
            names = tuple(c.decode(errors="replace") if isinstance(c, bytes) else str(c)
                          for c in np.asarray(f["list_classes"]).reshape(-1))
    return shape, names


def _read_cat_file(path, split: str) -> tuple[np.ndarray, np.ndarray]:
    import h5py

    name = f"{split}_path"
    if not os.path.isfile(path):
        raise ValueError(f"{name}: expected an existing HDF5 file, got {str(path)!r} (no such file)")
    try:
        with h5py.File(path, "r") as f:
            keys = (f"{split}_set_x", f"{split}_set_y")
            missing = [k for k in keys if k not in f]
            if missing:
                raise ValueError(f"{name}: expected datasets {list(keys)} in {str(path)!r}, "
                                 f"got {sorted(f.keys())}")
            images = np.asarray(f[keys[0]])
            labels = np.asarray(f[keys[1]]).reshape(-1)
    except OSError as exc:
        raise ValueError(f"{name}: expected an HDF5 file, got {str(path)!r} ({exc})") from None
    if images.ndim != 4 or images.shape[0] != labels.shape[0]:
        raise ValueError(f"{name}: expected images of shape (m, height, width, channels) and m labels, "
                         f"got {images.shape} and {labels.shape}")
    if not np.all(np.isin(labels, (0, 1))):
        raise ValueError(f"{name}: expected labels 0 and 1 only, got {np.unique(labels)[:5].tolist()}")
    X = images.reshape(images.shape[0], -1).astype(np.float64) / 255  # (m, 64*64*3) in [0, 1]
    return X, labels.astype(np.float64)


def train_test_split(X: np.ndarray, y: np.ndarray, test_size: float = 0.25, seed: int = 0):
    """A seeded, stratified split: (X_train, X_test, y_train, y_test)."""
    from sklearn.model_selection import train_test_split as split

    return split(X, y, test_size=test_size, random_state=seed, stratify=y)


def standardize(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scale every feature to mean 0 and standard deviation 1 with the training split's statistics."""
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1  # constant pixels (the digits' borders) stay 0
    return (X_train - mean) / std, (X_test - mean) / std


def load(name: str, seed: int = 0, test_size: float = 0.25):
    """A named data set, split (seeded) and standardized: (X_train, X_test, y_train, y_test)."""
    if name not in DATASETS:
        raise ValueError(f"dataset: expected one of {', '.join(map(repr, DATASETS))}, got {name!r}")
    if name in SPLIT:  # the course's own split, used as the notebook uses it (raw coordinates)
        return globals()[name]()
    X, y = globals()[name]()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size, seed)
    if name != "planar":  # the course trains the flower on its raw coordinates
        X_train, X_test = standardize(X_train, X_test)
    return X_train, X_test, y_train, y_test


def from_args(args):
    """The data set a command's options name (``--dataset``, ``--cat-train``, ``--cat-test``, ``--data-mat``,
    ``--seed``): (X_train, X_test, y_train, y_test). Sets ``args.dataset`` to the one loaded (planar when none is
    named)."""
    if args.cat_train or args.cat_test or args.dataset == "cat":
        if args.dataset not in (None, "cat"):
            raise ValueError(f"--dataset: expected 'cat' (or no --dataset) with --cat-train/--cat-test, "
                             f"got {args.dataset!r}")
        given = (("--cat-train", args.cat_train), ("--cat-test", args.cat_test))
        missing = [flag for flag, value in given if not value]
        if missing:
            raise ValueError(f"{missing[0]}: expected the course's HDF5 file (the cat data set needs --cat-train "
                             f"and --cat-test), got nothing")
        args.dataset = "cat"
        try:
            return load_cat_h5(args.cat_train, args.cat_test)
        except ValueError as exc:  # name the options, not the loader's arguments
            message = str(exc).replace("train_path:", "--cat-train:", 1).replace("test_path:", "--cat-test:", 1)
            raise ValueError(message) from None
    if getattr(args, "data_mat", None):
        if args.dataset not in (None, "football"):
            raise ValueError(f"--dataset: expected 'football' (or no --dataset) with --data-mat, got {args.dataset!r}")
        args.dataset = "football"
        try:
            return football(args.data_mat)
        except ValueError as exc:
            raise ValueError(str(exc).replace("data_mat:", "--data-mat:", 1)) from None
    args.dataset = args.dataset or "planar"
    return load(args.dataset, seed=args.seed or 0)

"""The offline data sets and the loader for the course's cat HDF5 files (tested on files written here)."""

import h5py
import numpy as np
import pytest

from reference import data


def test_planar_is_the_course_flower():
    """Shape, balance and the formula: every point lies near the petal r = 4 sin(4 t) (noise 0.2)."""
    X, y = data.planar()
    assert X.shape == (400, 2) and y.shape == (400,)
    assert y.sum() == 200
    r = np.hypot(X[:, 0], X[:, 1])
    assert r.max() < 4 * 1.0 + 1.0  # |a sin(4t)| <= 4, plus noise
    np.testing.assert_array_equal(data.planar()[0], X)  # seeded
    assert not np.array_equal(data.planar(seed=2)[0], X)


@pytest.mark.parametrize("name, n, d", [("breast_cancer", 569, 30), ("digits", 1797, 64)])
def test_bundled_data_as_binary_problems(name, n, d):
    X, y = getattr(data, name)()
    assert X.shape == (n, d) and set(np.unique(y)) == {0.0, 1.0}
    X_train, X_test, y_train, y_test = data.load(name, seed=0)
    assert len(X_train) + len(X_test) == n
    np.testing.assert_allclose(X_train.mean(axis=0), 0, atol=1e-12)
    stds = X_train.std(axis=0)
    np.testing.assert_allclose(stds[stds > 0], 1)
    again = data.load(name, seed=0)
    np.testing.assert_array_equal(again[0], X_train)
    assert not np.array_equal(data.load(name, seed=1)[0], X_train)


def test_load_rejects_unknown_names():
    with pytest.raises(ValueError, match="dataset: expected one of 'planar'"):
        data.load("mnist")


def write_cat_file(path, split, m=6, labels=None, size=4):
    rng = np.random.default_rng(0)
    with h5py.File(path, "w") as f:
        f[f"{split}_set_x"] = rng.integers(0, 256, size=(m, size, size, 3), dtype=np.uint8)
        f[f"{split}_set_y"] = np.array(labels if labels is not None else [0, 1] * (m // 2))
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    return path


def test_load_cat_h5(tmp_path):
    train = write_cat_file(tmp_path / "train.h5", "train", m=6)
    test = write_cat_file(tmp_path / "test.h5", "test", m=4)
    X_train, X_test, y_train, y_test = data.load_cat_h5(train, test)
    assert X_train.shape == (6, 48) and X_test.shape == (4, 48)
    assert 0 <= X_train.min() and X_train.max() <= 1
    with h5py.File(train) as f:  # the course's flatten: reshape(m, -1), then / 255
        np.testing.assert_array_equal(X_train, f["train_set_x"][:].reshape(6, -1) / 255)
    np.testing.assert_array_equal(y_train, [0, 1, 0, 1, 0, 1])


def test_load_cat_h5_errors(tmp_path):
    train = write_cat_file(tmp_path / "train.h5", "train")
    with pytest.raises(ValueError, match="test_path: expected an existing HDF5 file"):
        data.load_cat_h5(train, tmp_path / "missing.h5")
    (tmp_path / "junk.h5").write_bytes(b"not an hdf5 file")
    with pytest.raises(ValueError, match="train_path: expected an HDF5 file"):
        data.load_cat_h5(tmp_path / "junk.h5", train)
    wrong = write_cat_file(tmp_path / "wrong.h5", "train")  # a train file given as the test file
    with pytest.raises(ValueError, match=r"test_path: expected datasets \['test_set_x', 'test_set_y'\]"):
        data.load_cat_h5(train, wrong)
    bad_labels = write_cat_file(tmp_path / "labels.h5", "test", labels=[0, 1, 2, 0, 1, 2])
    with pytest.raises(ValueError, match="test_path: expected labels 0 and 1 only"):
        data.load_cat_h5(train, bad_labels)
    small = write_cat_file(tmp_path / "small.h5", "test", size=3)
    with pytest.raises(ValueError, match="test_path: expected images of 48 values"):
        data.load_cat_h5(train, small)

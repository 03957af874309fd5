"""Portable parameters (reference/io.py): save with one backend, load into another, identical predictions."""

import itertools

import numpy as np
import pytest

from reference import DeepNN, LogisticRegression, ShallowNN, available_backends
from reference.data import planar
from reference.estimators import load_estimator
from reference.io import load_params, read_metadata, save_params

BACKENDS = ["numpy", "torch", "tf", "jax"]
PAIRS = list(itertools.product(BACKENDS, BACKENDS))


@pytest.fixture(scope="module")
def data():
    return planar(m=80)


def require(*backends):
    missing = [b for b in backends if b not in available_backends()]
    if missing:
        pytest.skip(f"backend {missing[0]!r} is not installed")


@pytest.fixture(scope="module")
def saved(tmp_path_factory, data):
    """One fitted model per (backend, estimator), saved once."""
    X, y = data
    files = {}
    for backend in available_backends():
        for name, make in {"shallow": lambda b: ShallowNN(n_h=3, backend=b, num_iterations=40, seed=1),
                           "deep": lambda b: DeepNN(hidden_layer_sizes=(6, 3), activation="leaky_relu", backend=b,
                                                    num_iterations=40, learning_rate=0.1)}.items():
            model = make(backend).fit(X, y)
            path = tmp_path_factory.mktemp("saved") / f"{backend}-{name}.npz"
            model.save(path)
            files[backend, name] = (path, model)
    return files


@pytest.mark.parametrize("trained_on, loaded_into", PAIRS, ids=[f"{a}-to-{b}" for a, b in PAIRS])
@pytest.mark.parametrize("name", ["shallow", "deep"])
def test_train_on_one_backend_predict_on_another(saved, data, trained_on, loaded_into, name):
    """Expected: the predictions of the model that was saved (a float64 run; ties at 0.5 do not occur)."""
    require(trained_on, loaded_into)
    X, _ = data
    path, original = saved[trained_on, name]
    loaded = load_estimator(path, backend=loaded_into)
    assert type(loaded) is type(original) and loaded.backend == loaded_into
    np.testing.assert_array_equal(loaded.predict(X), original.predict(X))
    for key, value in original.params_.items():
        np.testing.assert_array_equal(loaded.params_[key], value)  # bit for bit through the file


def test_metadata_is_recorded(tmp_path, data):
    X, y = data
    model = DeepNN(hidden_layer_sizes=(5, 2), activation="tanh", dtype="float32", num_iterations=3).fit(X, y)
    model.save(tmp_path / "m.npz")
    meta = read_metadata(tmp_path / "m.npz")
    assert meta["layer_dims"] == [2, 5, 2, 1]
    assert meta["dtype"] == "float32" and meta["activation"] == "tanh" and meta["model"] == "deep_nn"
    assert meta["estimator"]["hyperparameters"]["hidden_layer_sizes"] == [5, 2]
    assert load_params(tmp_path / "m.npz")["W2"].dtype == np.float32


def test_bare_params_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    params = {"W1": rng.standard_normal((1, 4)), "b1": np.zeros((1, 1))}
    save_params(tmp_path / "p.npz", params)
    loaded = load_params(tmp_path / "p.npz")
    for key in params:
        np.testing.assert_array_equal(loaded[key], params[key])
    with pytest.raises(ValueError, match="path: expected a saved estimator, got bare parameters"):
        load_estimator(tmp_path / "p.npz")


def test_corrupt_and_mismatched_files(tmp_path, data):
    X, y = data
    with pytest.raises(ValueError, match="path: expected an existing .npz file"):
        load_params(tmp_path / "none.npz")
    (tmp_path / "junk.npz").write_bytes(b"\x00not a zip")
    with pytest.raises(ValueError, match="path: expected a .npz file written by save_params"):
        load_params(tmp_path / "junk.npz")
    np.savez(tmp_path / "plain.npz", W1=np.ones((1, 2)), b1=np.ones((1, 1)))
    with pytest.raises(ValueError, match="without metadata"):
        load_params(tmp_path / "plain.npz")
    ShallowNN(n_h=3, num_iterations=2).fit(X, y).save(tmp_path / "s.npz")
    with pytest.raises(ValueError, match="path: expected a saved DeepNN, got ShallowNN"):
        DeepNN.load(tmp_path / "s.npz")
    with pytest.raises(ValueError, match=r"path: expected layer sizes \[2, 5, 1\] for these hyperparameters, got \[2, 3, 1\]"):
        ShallowNN.load(tmp_path / "s.npz", n_h=5)
    # a file whose arrays disagree with its recorded layer sizes (edited by hand)
    with np.load(tmp_path / "s.npz") as npz:
        arrays = dict(npz)
    arrays["W1"] = np.ones((4, 2))
    np.savez(tmp_path / "edited.npz", **arrays)
    with pytest.raises(ValueError, match=r"\['W1'\]: expected shape \(3, 2\), got shape \(4, 2\)"):
        load_params(tmp_path / "edited.npz")


def test_logistic_regression_round_trip(tmp_path, data):
    X, y = data
    model = LogisticRegression(num_iterations=10).fit(X, y)
    model.save(tmp_path / "lr.npz")
    np.testing.assert_array_equal(LogisticRegression.load(tmp_path / "lr.npz").predict_proba(X), model.predict_proba(X))

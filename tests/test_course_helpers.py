"""The stand-ins for the course's helper modules agree with impl_numpy, and keep the course's shapes and habits."""
# ruff: noqa: NPY002  (the course draws from the global np.random, and learners' seeds depend on it)

import builtins
import sys

import numpy as np
import pytest

import impl_numpy
from reference import data
from reference.check.confined.course_helpers import course_tests, dnn_app_utils, dnn_utils, lr_utils, planar_utils
from reference.proof.tolerances import compare

DIMS = [4, 5, 4, 3, 1]  # three hidden layers, so that every index in the loops is exercised


@pytest.fixture
def problem():
    """X (4, 7), Y (1, 7) and params with non-zero biases, float64."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((DIMS[0], 7))
    Y = np.array([[0, 1, 1, 0, 1, 0, 1]], dtype=np.float64)
    params = {}
    for l in range(1, len(DIMS)):
        params[f"W{l}"] = rng.standard_normal((DIMS[l], DIMS[l - 1])) / np.sqrt(DIMS[l - 1])
        params[f"b{l}"] = rng.standard_normal((DIMS[l], 1)) * 0.1
    return X, Y, params


def assert_close(actual, expected, kind="oracle"):
    result = compare(np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64), "float64", kind)
    assert result.ok, result


@pytest.mark.parametrize("name", ["sigmoid", "relu"])
def test_dnn_utils_activations_return_A_and_the_cache_Z(name):
    Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    A, cache = getattr(dnn_utils, name)(Z)
    assert_close(A, getattr(impl_numpy.activations, name)(Z))
    assert cache is Z


@pytest.mark.parametrize("name", ["sigmoid", "relu"])
def test_dnn_utils_backward_is_dA_times_the_derivative_at_Z(name):
    Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    dA = np.array([[1.0, -2.0, 3.0, -4.0, 5.0]])
    dZ = getattr(dnn_utils, f"{name}_backward")(dA, Z)
    assert_close(dZ, dA * getattr(impl_numpy.activations, f"{name}_derivative")(Z))
    assert dA[0, 0] == 1.0  # relu_backward works on a copy


def test_forward_and_cost_agree_with_impl_numpy(problem):
    X, Y, params = problem
    L = len(DIMS) - 1
    AL, caches = dnn_app_utils.L_model_forward(X, params)
    expected_AL, cache = impl_numpy.deep_nn.forward_propagation(X, params, "relu")
    assert_close(AL, expected_AL)
    assert len(caches) == L
    (A_prev, W, b), Z = caches[L - 1]
    assert W is params[f"W{L}"] and b is params[f"b{L}"]
    assert_close(A_prev, cache[f"A{L - 1}"])
    assert_close(Z, cache[f"Z{L}"])
    cost = dnn_app_utils.compute_cost(AL, Y)
    assert np.shape(cost) == ()
    assert_close(cost, impl_numpy.cost.compute_cost(cache[f"Z{L}"], Y))


def test_backward_agrees_with_impl_numpy_layer_by_layer(problem):
    X, Y, params = problem
    AL, caches = dnn_app_utils.L_model_forward(X, params)
    grads = dnn_app_utils.L_model_backward(AL, Y, caches)
    _, cache = impl_numpy.deep_nn.forward_propagation(X, params, "relu")
    expected = impl_numpy.deep_nn.backward_propagation(params, cache, Y, "relu")
    L = len(DIMS) - 1
    for l in range(1, L + 1):
        assert_close(grads[f"dW{l}"], expected[f"dW{l}"])
        assert_close(grads[f"db{l}"], expected[f"db{l}"])
        assert grads[f"dA{l - 1}"].shape == (DIMS[l - 1], X.shape[1])  # v3 numbering: dA[l-1] enters layer l
    assert f"dA{L}" not in grads


def test_update_parameters_rebinds_the_entries_and_agrees_with_impl_numpy(problem):
    X, Y, params = problem
    grads = {f"d{k}": np.ones_like(v) for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    expected = impl_numpy.deep_nn.update_parameters(before, grads, 0.1)
    updated = dnn_app_utils.update_parameters(params, grads, 0.1)
    assert updated is params  # the course's loop writes into the dict it was given ...
    for key in expected:
        assert_close(updated[key], expected[key])
    assert_close(before["W1"], params["W1"] + 0.1)  # ... but leaves the old arrays alone


def test_initialize_parameters_deep_draws_randn_over_sqrt_n_prev_with_seed_1():
    params = dnn_app_utils.initialize_parameters_deep(DIMS)
    expected = impl_numpy.initializers.initialize_parameters(DIMS, "xavier", seed=1)
    assert params.keys() == expected.keys()
    for key in expected:
        assert params[key].shape == expected[key].shape
        assert_close(params[key], expected[key])
    big = dnn_app_utils.initialize_parameters_deep([400, 300, 1])
    assert abs(big["W1"].std() * np.sqrt(400) - 1) < 0.01
    assert not np.any(big["b1"])


def test_initialize_parameters_two_layer_is_randn_times_0_01_with_seed_1():
    params = dnn_app_utils.initialize_parameters(3, 4, 1)
    expected = impl_numpy.initializers.initialize_parameters([3, 4, 1], "random_small", seed=1)
    for key in expected:
        assert_close(params[key], expected[key])


def test_predict_prints_the_accuracy_and_returns_0_1_labels(problem, capsys):
    X, Y, params = problem
    p = dnn_app_utils.predict(X, Y, params)
    assert p.shape == (1, X.shape[1])
    assert_close(p, impl_numpy.deep_nn.predict(X, params, "relu"))
    assert capsys.readouterr().out.startswith("Accuracy: ")


@pytest.mark.parametrize("load", [dnn_app_utils.load_data, lr_utils.load_dataset], ids=["load_data", "load_dataset"])
def test_without_the_h5_files_the_data_is_synthetic_with_the_courses_shapes(load, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    train_x_orig, train_y, test_x_orig, test_y, classes = load()
    assert train_x_orig.shape == (20, 64, 64, 3) and train_x_orig.dtype == np.uint8
    assert test_x_orig.shape == (10, 64, 64, 3) and test_x_orig.dtype == np.uint8
    assert train_y.shape == (1, 20) and test_y.shape == (1, 10)
    assert set(np.unique(train_y)) == {0, 1}
    assert classes.tolist() == [b"non-cat", b"cat"]
    assert np.array_equal(load()[0], train_x_orig)  # fixed seed


def test_with_the_h5_files_the_data_is_read_from_them(tmp_path, monkeypatch):
    h5py = pytest.importorskip("h5py")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "datasets").mkdir()
    images = np.arange(3 * 64 * 64 * 3, dtype=np.uint8).reshape(3, 64, 64, 3)
    for split in ("train", "test"):
        with h5py.File(f"datasets/{split}_catvnoncat.h5", "w") as f:
            f[f"{split}_set_x"] = images
            f[f"{split}_set_y"] = np.array([1, 0, 1])
            f["list_classes"] = np.array([b"non-cat", b"cat"])
    train_x_orig, train_y, test_x_orig, test_y, classes = dnn_app_utils.load_data()
    assert np.array_equal(train_x_orig, images) and train_y.tolist() == [[1, 0, 1]]
    assert test_y.shape == (1, 3) and classes.tolist() == [b"non-cat", b"cat"]


def test_print_mislabeled_images_runs_headless(problem):
    plt = pytest.importorskip("matplotlib.pyplot")
    X = np.random.default_rng(0).random((64 * 64 * 3, 3))
    dnn_app_utils.print_mislabeled_images(np.array([b"non-cat", b"cat"]), X, np.array([[1, 0, 1]]),
                                          np.array([[0.0, 0.0, 1.0]]))
    assert len(plt.gcf().axes) == 1  # one image mislabeled
    plt.close("all")


def test_load_planar_dataset_is_the_courses_flower_and_leaves_np_random_where_the_course_does():
    X, Y = planar_utils.load_planar_dataset()
    after = np.random.rand()
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Y.dtype == np.uint8
    assert Y[0, :200].sum() == 0 and Y[0, 200:].sum() == 200
    np.random.seed(1)
    for j in range(2):  # the course's loop, drawing from the global generator
        t = np.linspace(j * 3.12, (j + 1) * 3.12, 200) + np.random.randn(200) * 0.2
        r = 4 * np.sin(4 * t) + np.random.randn(200) * 0.2
        assert_close(X[:, 200 * j:200 * (j + 1)], np.c_[r * np.sin(t), r * np.cos(t)].T)
    assert np.random.rand() == after
    X_ours, y_ours = data.planar()  # the project's own copy of the formula, beside the kit's
    assert np.array_equal(X_ours.T, X) and np.array_equal(y_ours, Y[0])


def test_planar_sigmoid_returns_the_array_and_the_extra_datasets_have_200_points():
    assert_close(planar_utils.sigmoid(np.array([0.0, 2.0])), impl_numpy.activations.sigmoid(np.array([0.0, 2.0])))
    datasets = planar_utils.load_extra_datasets()
    assert len(datasets) == 5
    for X, y in datasets:
        assert X.shape == (200, 2) and len(y) == 200


def test_plot_decision_boundary_runs_headless():
    plt = pytest.importorskip("matplotlib.pyplot")
    X = np.array([[0.0, 1.0, 0.5], [0.0, 1.0, 0.2]])
    planar_utils.plot_decision_boundary(lambda x: (x[:, 0] > 0.5).astype(float), X, np.array([[0, 1, 0]]))
    plt.close("all")


def test_course_tests_answers_any_name_with_a_function_that_does_nothing(monkeypatch):
    for name in ("sigmoid_test", "linear_forward_test_case", "L_model_backward_test", "comparator"):
        assert getattr(course_tests, name)("anything", key=1) is None
    with pytest.raises(AttributeError):
        course_tests.__wrapped__  # noqa: B018  dunder names are not answered (copy, pickle and inspect ask for them)
    monkeypatch.setitem(sys.modules, "public_tests", course_tests)  # as the checker maps the course's names
    namespace: dict = {}
    exec("from public_tests import *", {"__builtins__": builtins}, namespace)
    assert namespace == {}
    exec("from public_tests import sigmoid_test, propagate_test", {"__builtins__": builtins}, namespace)
    assert namespace["sigmoid_test"](print) is None


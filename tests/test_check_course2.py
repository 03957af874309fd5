"""`rosetta check` on Course 2, week 1's three notebooks: Initialization, Regularization and Gradient Checking.

The learners' files are written here, in the forms the releases have: the Regularization notebook of 2017 exported
as a script (``from reg_utils import ...``, ``### START CODE HERE ###``), Gradient Checking of 2021 (``print_msg``,
``# YOUR CODE STARTS HERE``, ``from public_tests import *``) and Initialization as a notebook. Each correct file
passes; each planted slip fails on its function with the classic mistake named (several slips share a file when
they are in different functions that call none of the others). Every file goes through the real sandbox, in one
batch. Expected values, as everywhere in rosetta check, come from the loop oracle and impl_numpy.
"""

import numpy as np
import pytest

import impl_numpy
from reference.check import check_files, course_api, problems, published
from reference.check.checks import plan
from reference.check.confined import sources
from reference.check.confined.course_helpers import gc_utils, init_utils, reg_utils
from reference.check.confined.namespace import learner_functions, load
from reference.check.runner import local
from reference.cli import main
from reference.proof.tolerances import compare
from tests import corpus
from tests.corpus import bad, edited, lines

REG = '''import numpy as np
import matplotlib.pyplot as plt
from reg_utils import sigmoid, relu, plot_decision_boundary, initialize_parameters, load_2D_dataset, predict_dec
from reg_utils import compute_cost, predict, forward_propagation, backward_propagation, update_parameters
from testCases import *

train_X, train_Y, test_X, test_Y = load_2D_dataset()


# GRADED FUNCTION: compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    ### START CODE HERE ### (approx. 1 line)
    L2_regularization_cost = 1. / m * lambd / 2 * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    ### END CODER HERE ###
    cost = cross_entropy_cost + L2_regularization_cost
    return cost


A3, Y_assess, parameters = compute_cost_with_regularization_test_case()
print("cost = " + str(compute_cost_with_regularization(A3, Y_assess, parameters, lambd = 0.1)))


# GRADED FUNCTION: backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    ### START CODE HERE ### (approx. 1 line)
    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / m * W3
    ### END CODE HERE ###
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims = True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / m * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims = True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims = True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,"dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


# GRADED FUNCTION: forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob = 0.5):
    np.random.seed(1)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    ### START CODE HERE ### (approx. 4 lines)
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = D1 < keep_prob
    A1 = A1 * D1
    A1 = A1 / keep_prob
    ### END CODE HERE ###
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    ### START CODE HERE ### (approx. 4 lines)
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = D2 < keep_prob
    A2 = A2 * D2
    A2 = A2 / keep_prob
    ### END CODE HERE ###
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


# GRADED FUNCTION: backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims = True)
    dA2 = np.dot(W3.T, dZ3)
    ### START CODE HERE ### (≈ 2 lines of code)
    dA2 = dA2 * D2
    dA2 = dA2 / keep_prob
    ### END CODE HERE ###
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims = True)
    dA1 = np.dot(W2.T, dZ2)
    ### START CODE HERE ### (≈ 2 lines of code)
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    ### END CODE HERE ###
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims = True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,"dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def model(X, Y, learning_rate = 0.3, num_iterations = 30000, print_cost = True, lambd = 0, keep_prob = 1):
    grads = {}
    costs = []
    m = X.shape[1]
    layers_dims = [X.shape[0], 20, 3, 1]
    parameters = initialize_parameters(layers_dims)
    for i in range(0, num_iterations):
        if keep_prob == 1:
            a3, cache = forward_propagation(X, parameters)
        elif keep_prob < 1:
            a3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
        if lambd == 0:
            cost = compute_cost(a3, Y)
        else:
            cost = compute_cost_with_regularization(a3, Y, parameters, lambd)
        if lambd == 0 and keep_prob == 1:
            grads = backward_propagation(X, Y, cache)
        elif lambd != 0:
            grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        elif keep_prob < 1:
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters


parameters = model(train_X, train_Y, keep_prob = 0.86, learning_rate = 0.3)
'''

GC = '''import numpy as np
from testCases import *
from public_tests import *
from gc_utils import sigmoid, relu, dictionary_to_vector, vector_to_dictionary, gradients_to_vector


# GRADED FUNCTION: forward_propagation
def forward_propagation(x, theta):
    # (approx. 1 line)
    # J =
    # YOUR CODE STARTS HERE
    J = theta * x
    # YOUR CODE ENDS HERE
    return J


# GRADED FUNCTION: backward_propagation
def backward_propagation(x, theta):
    # YOUR CODE STARTS HERE
    dtheta = x
    # YOUR CODE ENDS HERE
    return dtheta


# GRADED FUNCTION: gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    # YOUR CODE STARTS HERE
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    grad = backward_propagation(x, theta)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print ("\\033[93m" + "There is a mistake in the backward propagation! difference = " + str(difference) + "\\033[0m")
        else:
            print ("\\033[92m" + "Your backward propagation works perfectly fine! difference = " + str(difference) + "\\033[0m")
    return difference


x, theta = 3, 4
difference = gradient_check(x, theta, print_msg=True)


def forward_propagation_n(X, Y, parameters):
    m = X.shape[1]
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    log_probs = np.multiply(-np.log(A3),Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1. / m * np.sum(log_probs)
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache


def backward_propagation_n(X, Y, cache):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,
                 "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
                 "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


# GRADED FUNCTION: gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        # YOUR CODE STARTS HERE
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        # YOUR CODE ENDS HERE
        # YOUR CODE STARTS HERE
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        # YOUR CODE ENDS HERE
        # YOUR CODE STARTS HERE
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
        # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print ("\\033[93m" + "There is a mistake in the backward propagation! difference = " + str(difference) + "\\033[0m")
        else:
            print ("\\033[92m" + "Your backward propagation works perfectly fine! difference = " + str(difference) + "\\033[0m")
    return difference


X, Y, parameters = gradient_check_n_test_case()
cost, cache = forward_propagation_n(X, Y, parameters)
gradients = backward_propagation_n(X, Y, cache)
difference = gradient_check_n(parameters, gradients, X, Y, 1e-7, True)
'''

INIT = [
    ("code", "import numpy as np\nimport matplotlib.pyplot as plt\nimport sklearn\nimport sklearn.datasets\n"
             "from init_utils import sigmoid, relu, compute_loss, forward_propagation, backward_propagation\n"
             "from init_utils import update_parameters, predict, load_dataset, plot_decision_boundary, predict_dec\n"
             "\n%matplotlib inline"),
    ("code", "train_X, train_Y, test_X, test_Y = load_dataset()"),
    ("code", '''# GRADED FUNCTION: initialize_parameters_zeros

def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)            # number of layers in the network
    for l in range(1, L):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l-1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        ### END CODE HERE ###
    return parameters'''),
    ("code", 'parameters = initialize_parameters_zeros([3,2,1])\nprint("W1 = " + str(parameters["W1"]))'),
    ("code", '''# GRADED FUNCTION: initialize_parameters_random

def initialize_parameters_random(layers_dims):
    np.random.seed(3)               # This seed makes sure your "random" numbers will be the as ours
    parameters = {}
    L = len(layers_dims)            # integer representing the number of layers
    for l in range(1, L):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        ### END CODE HERE ###
    return parameters'''),
    ("code", '''# GRADED FUNCTION: initialize_parameters_he

def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1 # integer representing the number of layers
    for l in range(1, L + 1):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2./layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        ### END CODE HERE ###
    return parameters'''),
    ("code", 'parameters = model(train_X, train_Y, initialization = "he")'),
]

# the file, and its slips: (old, new) replaced exactly once, each in another function
FILES = {
    "reg": ("REG", []),
    "reg_slips_a": ("REG", [
        ("L2_regularization_cost = 1. / m * lambd / 2 *", "L2_regularization_cost = lambd / 2 *"),
        ("    A1 = A1 / keep_prob\n", ""),
        ("    A2 = A2 / keep_prob\n", ""),
        ("    dA2 = dA2 * D2\n", ""),  # and relu' taken at Z, where a missing mask shows
        ("    dA1 = dA1 * D1\n", ""),
        ("dZ2 = np.multiply(dA2, np.int64(A2 > 0))\n    dW2 = 1. / m * np.dot(dZ2, A1.T)\n",
         "dZ2 = np.multiply(dA2, np.int64(Z2 > 0))\n    dW2 = 1. / m * np.dot(dZ2, A1.T)\n"),
        ("dZ1 = np.multiply(dA1, np.int64(A1 > 0))\n    dW1 = 1. / m * np.dot(dZ1, X.T)\n",
         "dZ1 = np.multiply(dA1, np.int64(Z1 > 0))\n    dW1 = 1. / m * np.dot(dZ1, X.T)\n"),
        ("dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1", "dW1 = 1. / m * np.dot(dZ1, X.T)"),  # after those
    ]),
    "reg_slips_b": ("REG", [
        ("L2_regularization_cost = 1. / m * lambd / 2 *", "L2_regularization_cost = 1. / m * lambd *"),
        ("db3 = 1. / m * np.sum(dZ3, axis=1, keepdims = True)\n    dA2 = np.dot(W3.T, dZ3)\n    dZ2",
         "db3 = 1. / m * np.sum(dZ3, axis=1, keepdims = True) + lambd / m * b3\n    dA2 = np.dot(W3.T, dZ3)\n    dZ2"),
        ("    D1 = D1 < keep_prob\n", "    D1 = D1 > keep_prob\n"),
        ("    D2 = D2 < keep_prob\n", "    D2 = D2 > keep_prob\n"),
        ("    dA2 = dA2 / keep_prob\n", ""),
        ("    dA1 = dA1 / keep_prob\n", ""),
    ]),
    "reg_slips_c": ("REG", [
        ("L2_regularization_cost = 1. / m * lambd / 2 *", "L2_regularization_cost = lambd / 2 * m *"),
        ("    A3 = sigmoid(Z3)\n    cache = (Z1, D1",
         "    A3 = sigmoid(Z3)\n    D3 = np.random.rand(A3.shape[0], A3.shape[1]) < keep_prob\n"
         "    A3 = A3 * D3 / keep_prob\n    cache = (Z1, D1"),
    ]),
    "gc": ("GC", []),
    "gc_slips_a": ("GC", [
        ("dW2 = 1. / m * np.dot(dZ2, A1.T)", "dW2 = 1. / m * np.dot(dZ2, A1.T) * 2"),  # the notebook's own, left in
        ("db1 = 1. / m * np.sum(dZ1", "db1 = 4. / m * np.sum(dZ1"),
        ("gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)",
         "gradapprox[i] = (J_plus[i] - forward_propagation_n(X, Y, parameters)[0]) / epsilon"),
        ("    J = theta * x\n", "    J = theta + x\n"),  # gradient_check itself is right: it follows
    ]),
    "gc_slips_b": ("GC", [
        ("    gradapprox = (J_plus - J_minus) / (2 * epsilon)\n", "    gradapprox = (J_plus - J_minus) / epsilon\n"),
        ("        # YOUR CODE ENDS HERE\n    # YOUR CODE STARTS HERE\n    numerator = np.linalg.norm(grad - gradapprox)\n"
         "    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)\n    difference = numerator / denominator\n",
         "        # YOUR CODE ENDS HERE\n    # YOUR CODE STARTS HERE\n    numerator = np.linalg.norm(grad - gradapprox)\n"
         "    difference = numerator\n"),
    ]),
    "init": ("INIT", []),
    "init_slips": ("INIT", [
        ("np.zeros((layers_dims[l], layers_dims[l-1]))", "np.zeros((layers_dims[l-1], layers_dims[l]))"),
        ("    np.random.seed(3)               # This seed", "    # This seed"),
        ("* np.sqrt(2./layers_dims[l-1])", "* np.sqrt(1./layers_dims[l-1])"),
    ]),
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course2")
    paths = {}
    for name, (base, edits) in FILES.items():
        if base == "INIT":  # each slip in the cell that has it
            cells = [(kind, edited(source, [e for e in edits if e[0] in source])) for kind, source in INIT]
            assert all(any(e[1] in source for _, source in cells) for e in edits), name
            paths[name] = corpus.write_ipynb(cells, folder / f"{name}.ipynb")
        else:
            paths[name] = folder / f"{name}.py"
            paths[name].write_text(edited(REG if base == "REG" else GC, edits), encoding="utf-8")
    return dict(zip(paths, check_files(list(paths.values())), strict=True))


# ---------------------------------------------------------------- the correct files

@pytest.mark.parametrize("name, week, functions, passed", [
    ("reg", "c2w1_reg", ["compute_cost_with_regularization", "backward_propagation_with_regularization",
                         "forward_propagation_with_dropout", "backward_propagation_with_dropout"], 20),
    ("gc", "c2w1_gradcheck", ["forward_propagation", "backward_propagation", "gradient_check", "forward_propagation_n",
                              "backward_propagation_n", "gradient_check_n"], 20),
    ("init", "c2w1_init", ["initialize_parameters_zeros", "initialize_parameters_random",
                           "initialize_parameters_he"], 38),
])
def test_a_correct_notebook_passes_every_check(reports, name, week, functions, passed):
    report = reports[name]
    assert report.week == week and report.functions == functions, (report.week, report.functions)
    assert not bad(report) and report.count("PASS") == passed, lines(report)
    helper = {"reg": "reg_utils", "gc": "gc_utils", "init": "init_utils"}[name]
    assert report.imports[helper] == "the course's (a stand-in)"


def test_the_course_published_outputs_are_checked(reports):
    published_lines = [line for name in ("reg", "init") for line in lines(reports[name]) if " published" in line]
    assert len(published_lines) == 10 and all(line.startswith("PASS") for line in published_lines), published_lines


def test_gradient_checks_are_judged_three_ways(reports):
    found = {o.quantity: o.detail for o in reports["gc"].outcomes if o.function == "gradient_check_n"}
    assert "below the notebook's 2e-07" in found["right"]
    assert "expected 0.296356 for the notebook's planted" in found["wrong"]
    assert "at epsilon = 0.001" in found["epsilon 0.001"]


# ---------------------------------------------------------------- the classic mistakes, named

@pytest.mark.parametrize("name, function, quantity, words", [
    ("reg_slips_a", "compute_cost_with_regularization", "cost", "the 1/m dropped from the L2 term"),
    ("reg_slips_b", "compute_cost_with_regularization", "cost", "the 1/2 dropped from the L2 term"),
    ("reg_slips_c", "compute_cost_with_regularization", "cost", "lambd / 2 * m: m multiplies"),
    ("reg_slips_a", "backward_propagation_with_regularization", "dW1", "dW without the L2 term (lambd / m) W"),
    ("reg_slips_b", "backward_propagation_with_regularization", "db3", "the biases regularized too"),
    ("reg_slips_a", "forward_propagation_with_dropout", "A3", "no division by keep_prob"),
    ("reg_slips_b", "forward_propagation_with_dropout", "cache D2", "masks drawn with rand > keep_prob"),
    ("reg_slips_c", "forward_propagation_with_dropout", "A3", "dropout on the output layer too"),
    ("reg_slips_a", "backward_propagation_with_dropout", "dW2", "the mask not applied to dA"),
    ("reg_slips_b", "backward_propagation_with_dropout", "dW1", "no division by keep_prob in backward"),
    ("gc_slips_a", "backward_propagation_n", "dW2", "the notebook's planted dW2 * 2, still in"),
    ("gc_slips_a", "backward_propagation_n", "db1", "the notebook's planted 4./m in db1, still in"),
    ("gc_slips_a", "gradient_check_n", "epsilon 0.001", "one-sided differences"),
    ("gc_slips_b", "gradient_check_n", "wrong", "without the normalization"),
    ("gc_slips_b", "gradient_check", "right", "the 2 of 2 epsilon missing"),
    ("init_slips", "initialize_parameters_zeros", "W1 [3, 2, 1]", "transposed: shape (3, 2), expected (2, 3)"),
    ("init_slips", "initialize_parameters_random", "W1 [4, 5, 3, 1]", "np.random.seed(3) missing"),
    ("init_slips", "initialize_parameters_he", "W2 [4, 5, 3, 1]", "sqrt(1 / n[l-1]) (Xavier's)"),
])
def test_each_classic_mistake_is_named(reports, name, function, quantity, words):
    found = [o for o in reports[name].outcomes if o.function == function and o.quantity == quantity]
    assert len(found) == 1 and found[0].status == "FAIL" and words in found[0].detail, lines(reports[name], function)


def test_a_slip_fails_its_own_function_only(reports):
    """Every slip file fails exactly the functions it was planted in; a caller of a wrong callee follows from it."""
    planted_in = {"reg_slips_a": 4, "reg_slips_b": 4, "reg_slips_c": 2, "gc_slips_a": 3, "gc_slips_b": 2,
                  "init_slips": 3}
    for name, count in planted_in.items():
        failing = {line.split(" ")[1] for line in bad(reports[name])}
        assert len(failing) == count, (name, failing)
    follows = lines(reports["gc_slips_a"], "gradient_check")
    assert len(follows) == 1 and follows[0].startswith("FOLLOWS gradient_check calls follows from forward_propagation")


# ---------------------------------------------------------------- the week, the helpers, the published numbers

def test_the_week_is_found_from_the_names():
    def week_of(source):
        space = load(sources.Submission(None, "py", (sources.Cell("", source),)))[0]
        return plan(local(space, functions=learner_functions(space))[1]).week

    assert week_of("def initialize_parameters_he(layers_dims): pass") == "c2w1_init"
    assert week_of("def compute_cost_with_regularization(A3, Y, parameters, lambd): pass\n"
                   "def forward_propagation(X, parameters): pass\ndef predict(X, y, parameters): pass\n"
                   "def sigmoid(x): pass") == "c2w1_reg"
    assert week_of("def forward_propagation(x, theta): pass\ndef backward_propagation(x, theta): pass") == \
        "c2w1_gradcheck"
    assert week_of("def forward_propagation(X, parameters): pass") == "week3"
    # a near name is read as Course 1's: forward_propagation_nn is not Gradient Checking's forward_propagation_n
    assert week_of("def layer_sizes(X, Y): pass\ndef forward_propagation_nn(X, parameters): pass") == "week3"


def test_a_course2_file_never_gets_course1_checks():
    """reg_utils' forward_propagation(X, parameters) and predict(X, y, parameters), copied into a Regularization
    file, have week 3's and the Application's signatures; they are the helpers', not checked."""
    source = REG.replace("from reg_utils import compute_cost, predict, forward_propagation,", "from reg_utils import "
                         "compute_cost,") + "\n\ndef forward_propagation(X, parameters):\n    pass\n\n\n" \
        "def predict(X, y, parameters):\n    pass\n"
    space = load(sources.Submission(None, "py", (sources.Cell("", source),)))[0]
    chosen = plan(local(space, functions=learner_functions(space))[1])
    assert chosen.week == "c2w1_reg" and {"forward_propagation", "predict", "model"} <= set(chosen.unchecked)


def test_the_command_line_knows_the_weeks(capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "c2w1_init, c2w1_reg, c2w1_gradcheck" in " ".join(capsys.readouterr().out.split())
    assert set(course_api.FAMILIES[1]) <= set(course_api.WEEKS)


def _close(actual, expected, kind="oracle"):
    result = compare(np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64), "float64", kind)
    assert result.ok, result


def test_the_helper_stand_ins_agree_with_impl_numpy():
    p = problems.three_layer()
    A3, cache = reg_utils.forward_propagation(p.X, p.params)
    expected, impl_cache = impl_numpy.deep_nn.forward_propagation(p.X, p.params, "relu")
    _close(A3, expected)
    _close(reg_utils.compute_cost(A3, p.Y), impl_numpy.deep_nn.compute_cost(impl_cache["Z3"], p.Y))
    grads = impl_numpy.deep_nn.backward_propagation(p.params, impl_cache, p.Y, "relu")
    for helper in (reg_utils, init_utils):
        found = helper.backward_propagation(p.X, p.Y, cache)
        for key, value in grads.items():
            _close(found[key], value, "gradients")
    theta, keys = gc_utils.dictionary_to_vector(p.params)
    impl_theta, _ = impl_numpy.gradient_check.dictionary_to_vector(p.params)
    assert np.array_equal(theta, impl_theta) and len(keys) == 47 and keys[20:25] == ["b1"] * 5
    back = gc_utils.vector_to_dictionary(theta)
    assert all(np.array_equal(back[k], p.params[k]) for k in p.params)
    assert np.array_equal(gc_utils.gradients_to_vector(grads), impl_numpy.gradient_check.gradients_to_vector(grads))
    for keep_prob in problems.KEEP_PROBS:  # the masks the checks name mistakes with are impl_numpy's
        masks = impl_numpy.regularization.dropout_masks(p.dims, p.m, keep_prob, seed=1)
        ours = problems.course_masks(p.dims, p.m, keep_prob)
        assert masks.keys() == ours.keys() and all(np.array_equal(masks[k], ours[k]) for k in masks)


def test_the_published_outputs_are_impl_numpys():
    for init, args, values in (("random", published.INITIALIZE_RANDOM_ARGS, published.INITIALIZE_RANDOM),
                               ("he", published.INITIALIZE_HE_ARGS, published.INITIALIZE_HE)):
        params = impl_numpy.initializers.initialize_parameters(*args, init=init, seed=3)
        for key, value in values.items():
            _close(params[key], value, "published")
    A3, Y, parameters, lambd = published.COST_WITH_REGULARIZATION_ARGS
    cross_entropy = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    _close(cross_entropy + impl_numpy.regularization.l2_cost(parameters, lambd, 5), published.COST_WITH_REGULARIZATION,
           "published")
    X, parameters, keep_prob = published.FORWARD_WITH_DROPOUT_ARGS
    masks = impl_numpy.regularization.dropout_masks([3, 2, 3, 1], 5, keep_prob, seed=1)
    A3, _ = impl_numpy.regularization.forward_propagation(X, parameters, "relu", keep_prob, masks)
    _close(A3, published.FORWARD_WITH_DROPOUT_A3, "published")

"""`rosetta check` on Course 2, week 2's notebook, "Optimization Methods".

The learners' files are written here in our own words, in the forms the two releases have: the 2017 notebook
exported as a script (``from opt_utils import ...``, ``### START CODE HERE ###``, Adam returning (parameters, v, s),
a learner's own RMSprop from the lectures) and the later notebook (``from opt_utils_v1a import ...``, ``from
public_tests import *``, Adam returning v_corrected and s_corrected too, update_lr and schedule_lr_decay, the model's
``decay``). Each correct file passes every check; each planted slip fails its function with the classic mistake
named, and the model that calls a planted function follows from it. Every file goes through the real sandbox, in
one batch. Expected values come from impl_numpy.optimizers (tests/test_optimizers.py checks it against the
notebook's printed runs) and the stand-ins' against the notebook's data and initializer.
"""

import numpy as np
import pytest

import impl_numpy
from reference.check import check_files, course_api
from reference.check.checks import plan
from reference.check.confined import sources
from reference.check.confined.course_helpers import opt_utils, opt_utils_v1a
from reference.check.confined.namespace import learner_functions, load
from reference.check.runner import local
from reference.cli import main
from tests import corpus
from tests.corpus import bad, edited, lines
from tests.test_optimizers import moons

OLD = '''import numpy as np
import matplotlib.pyplot as plt
import scipy.io
import math
import sklearn
import sklearn.datasets

from opt_utils import load_params_and_grads, initialize_parameters, forward_propagation, backward_propagation
from opt_utils import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset
from testCases import *

plt.rcParams['figure.figsize'] = (7.0, 4.0)


# GRADED FUNCTION: update_parameters_with_gd
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        ### START CODE HERE ### (approx. 2 lines)
        parameters["W" + str(l+1)] -= learning_rate * grads["dW" + str(l+1)]
        parameters["b" + str(l+1)] -= learning_rate * grads["db" + str(l+1)]
        ### END CODE HERE ###
    return parameters


parameters, grads, learning_rate = update_parameters_with_gd_test_case()
parameters = update_parameters_with_gd(parameters, grads, learning_rate)


# GRADED FUNCTION: random_mini_batches
def random_mini_batches(X, Y, mini_batch_size = 64, seed = 0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1,m))
    num_complete_minibatches = math.floor(m/mini_batch_size)
    for k in range(0, num_complete_minibatches):
        ### START CODE HERE ### (approx. 2 lines)
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        ### END CODE HERE ###
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    if m % mini_batch_size != 0:
        ### START CODE HERE ### (approx. 2 lines)
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size : m]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size : m]
        ### END CODE HERE ###
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    return mini_batches


# GRADED FUNCTION: initialize_velocity
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(L):
        ### START CODE HERE ### (approx. 2 lines)
        v["dW" + str(l+1)] = np.zeros(parameters["W" + str(l+1)].shape)
        v["db" + str(l+1)] = np.zeros(parameters["b" + str(l+1)].shape)
        ### END CODE HERE ###
    return v


# GRADED FUNCTION: update_parameters_with_momentum
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        ### START CODE HERE ### (approx. 4 lines)
        v["dW" + str(l+1)] = beta * v["dW" + str(l+1)] + (1 - beta) * grads["dW" + str(l+1)]
        v["db" + str(l+1)] = beta * v["db" + str(l+1)] + (1 - beta) * grads["db" + str(l+1)]
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * v["dW" + str(l+1)]
        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * v["db" + str(l+1)]
        ### END CODE HERE ###
    return parameters, v


# GRADED FUNCTION: initialize_adam
def initialize_adam(parameters) :
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(L):
        ### START CODE HERE ### (approx. 4 lines)
        v["dW" + str(l+1)] = np.zeros_like(parameters["W" + str(l+1)])
        v["db" + str(l+1)] = np.zeros_like(parameters["b" + str(l+1)])
        s["dW" + str(l+1)] = np.zeros_like(parameters["W" + str(l+1)])
        s["db" + str(l+1)] = np.zeros_like(parameters["b" + str(l+1)])
        ### END CODE HERE ###
    return v, s


# GRADED FUNCTION: update_parameters_with_adam
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate = 0.01,
                                beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(L):
        ### START CODE HERE ### (approx. 2 lines)
        v["dW" + str(l+1)] = beta1 * v["dW" + str(l+1)] + (1 - beta1) * grads["dW" + str(l+1)]
        v["db" + str(l+1)] = beta1 * v["db" + str(l+1)] + (1 - beta1) * grads["db" + str(l+1)]
        ### END CODE HERE ###
        ### START CODE HERE ### (approx. 2 lines)
        v_corrected["dW" + str(l+1)] = v["dW" + str(l+1)] / (1 - beta1**t)
        v_corrected["db" + str(l+1)] = v["db" + str(l+1)] / (1 - beta1**t)
        ### END CODE HERE ###
        ### START CODE HERE ### (approx. 2 lines)
        s["dW" + str(l+1)] = beta2 * s["dW" + str(l+1)] + (1 - beta2) * np.power(grads["dW" + str(l+1)], 2)
        s["db" + str(l+1)] = beta2 * s["db" + str(l+1)] + (1 - beta2) * np.power(grads["db" + str(l+1)], 2)
        ### END CODE HERE ###
        ### START CODE HERE ### (approx. 2 lines)
        s_corrected["dW" + str(l+1)] = s["dW" + str(l+1)] / (1 - beta2**t)
        s_corrected["db" + str(l+1)] = s["db" + str(l+1)] / (1 - beta2**t)
        ### END CODE HERE ###
        ### START CODE HERE ### (approx. 2 lines)
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * v_corrected["dW" + str(l+1)] / (np.sqrt(s_corrected["dW" + str(l+1)]) + epsilon)
        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * v_corrected["db" + str(l+1)] / (np.sqrt(s_corrected["db" + str(l+1)]) + epsilon)
        ### END CODE HERE ###
    return parameters, v, s


parameters, grads, v, s = update_parameters_with_adam_test_case()
parameters, v, s  = update_parameters_with_adam(parameters, grads, v, s, t = 2)


# My own: RMSprop as the lectures give it
def update_parameters_with_rmsprop(parameters, grads, s, beta = 0.9, learning_rate = 0.01, epsilon = 1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            s["d" + p + str(l)] = beta * s["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)] ** 2
            parameters[p + str(l)] -= learning_rate * grads["d" + p + str(l)] / (np.sqrt(s["d" + p + str(l)]) + epsilon)
    return parameters, s


train_X, train_Y = load_dataset()


def model(X, Y, layers_dims, optimizer, learning_rate = 0.0007, mini_batch_size = 64, beta = 0.9,
          beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8, num_epochs = 10000, print_cost = True):
    L = len(layers_dims)
    costs = []
    t = 0
    seed = 10
    parameters = initialize_parameters(layers_dims)
    if optimizer == "gd":
        pass
    elif optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    for i in range(num_epochs):
        seed = seed + 1
        minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
        for minibatch in minibatches:
            (minibatch_X, minibatch_Y) = minibatch
            a3, caches = forward_propagation(minibatch_X, parameters)
            cost = compute_cost(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "adam":
                t = t + 1
                parameters, v, s = update_parameters_with_adam(parameters, grads, v, s,
                                                               t, learning_rate, beta1, beta2,  epsilon)
        if print_cost and i % 1000 == 0:
            print ("Cost after epoch %i: %f" %(i, cost))
        if print_cost and i % 100 == 0:
            costs.append(cost)
    plt.plot(costs)
    plt.ylabel('cost')
    plt.xlabel('epochs (per 100)')
    plt.title("Learning rate = " + str(learning_rate))
    plt.show()
    return parameters


layers_dims = [train_X.shape[0], 5, 2, 1]
parameters = model(train_X, train_Y, layers_dims, optimizer = "adam")
'''

NEW = [
    ("code", "import numpy as np\nimport matplotlib.pyplot as plt\nimport scipy.io\nimport math\nimport sklearn\n"
             "import sklearn.datasets\n\n"
             "from opt_utils_v1a import load_params_and_grads, initialize_parameters, forward_propagation, "
             "backward_propagation\n"
             "from opt_utils_v1a import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset\n"
             "from copy import deepcopy\nfrom testCases import *\nfrom public_tests import *\n\n%matplotlib inline"),
    ("code", '''# GRADED FUNCTION: update_parameters_with_gd

def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        # YOUR CODE ENDS HERE
    return parameters'''),
    ("code", "update_parameters_with_gd_test(update_parameters_with_gd)"),
    ("code", '''# GRADED FUNCTION: random_mini_batches

def random_mini_batches(X, Y, mini_batch_size = 64, seed = 0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    inc = mini_batch_size
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        # YOUR CODE STARTS HERE
        mini_batch_X = shuffled_X[:, k * inc:(k + 1) * inc]
        mini_batch_Y = shuffled_Y[:, k * inc:(k + 1) * inc]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    if m % mini_batch_size != 0:
        # YOUR CODE STARTS HERE
        mini_batch_X = shuffled_X[:, num_complete_minibatches * inc:]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * inc:]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    return mini_batches'''),
    ("code", '''# GRADED FUNCTION: initialize_velocity

def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = np.zeros((parameters["W" + str(l)].shape))
        v["db" + str(l)] = np.zeros((parameters["b" + str(l)].shape))
        # YOUR CODE ENDS HERE
    return v'''),
    ("code", '''# GRADED FUNCTION: update_parameters_with_momentum

def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
        # YOUR CODE ENDS HERE
    return parameters, v'''),
    ("code", '''# GRADED FUNCTION: initialize_adam

def initialize_adam(parameters) :
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        # YOUR CODE ENDS HERE
    return v, s'''),
    ("code", '''# GRADED FUNCTION: update_parameters_with_adam

def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate = 0.01,
                                beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            # YOUR CODE STARTS HERE
            v["d" + name] = beta1 * v["d" + name] + (1 - beta1) * grads["d" + name]
            v_corrected["d" + name] = v["d" + name] / (1 - beta1 ** t)
            s["d" + name] = beta2 * s["d" + name] + (1 - beta2) * np.square(grads["d" + name])
            s_corrected["d" + name] = s["d" + name] / (1 - beta2 ** t)
            parameters[name] = parameters[name] - learning_rate * v_corrected["d" + name] / (np.sqrt(s_corrected["d" + name]) + epsilon)
            # YOUR CODE ENDS HERE
    return parameters, v, s, v_corrected, s_corrected'''),
    ("code", "update_parameters_with_adam_test(update_parameters_with_adam)"),
    ("code", "train_X, train_Y = load_dataset()"),
    ("code", '''def model(X, Y, layers_dims, optimizer, learning_rate = 0.0007, mini_batch_size = 64, beta = 0.9,
          beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8, num_epochs = 5000, print_cost = True, decay=None, decay_rate=1):
    L = len(layers_dims)
    costs = []
    t = 0
    seed = 10
    m = X.shape[1]
    lr_rates = []
    learning_rate0 = learning_rate
    parameters = initialize_parameters(layers_dims)
    if optimizer == "gd":
        pass
    elif optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    for i in range(num_epochs):
        seed = seed + 1
        minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
        cost_total = 0
        for minibatch in minibatches:
            (minibatch_X, minibatch_Y) = minibatch
            a3, caches = forward_propagation(minibatch_X, parameters)
            cost_total += compute_cost(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "adam":
                t = t + 1
                parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s,
                                                               t, learning_rate, beta1, beta2,  epsilon)
        cost_avg = cost_total / m
        if decay:
            learning_rate = decay(learning_rate0, i, decay_rate)
        if print_cost and i % 1000 == 0:
            print ("Cost after epoch %i: %f" %(i, cost_avg))
        if print_cost and i % 100 == 0:
            costs.append(cost_avg)
    plt.plot(costs)
    plt.ylabel('cost')
    plt.xlabel('epochs (per 100)')
    plt.title("Learning rate = " + str(learning_rate))
    plt.show()
    return parameters'''),
    ("code", '''# GRADED FUNCTION: update_lr

def update_lr(learning_rate0, epoch_num, decay_rate):
    # YOUR CODE STARTS HERE
    learning_rate = 1 / (1 + decay_rate * epoch_num) * learning_rate0
    # YOUR CODE ENDS HERE
    return learning_rate'''),
    ("code", '''# GRADED FUNCTION: schedule_lr_decay

def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    # YOUR CODE STARTS HERE
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    # YOUR CODE ENDS HERE
    return learning_rate'''),
    ("code", 'layers_dims = [train_X.shape[0], 5, 2, 1]\n'
             'parameters = model(train_X, train_Y, layers_dims, optimizer="gd", learning_rate=0.1, num_epochs=5000, '
             'decay=schedule_lr_decay)'),
]

# the file, and its slips: (old, new) replaced exactly once; the functions a file's slips are in call none of the
# others (the model calls them all: it follows)
ADAM_OLD = '(np.sqrt(s_corrected["d" + name]) + epsilon)'
FILES = {
    "old": ("OLD", []),
    "old_slips": ("OLD", [
        ("for k in range(0, num_complete_minibatches):", "for k in range(0, num_complete_minibatches + 1):"),
        ('v["dW" + str(l+1)] = beta1 * v["dW" + str(l+1)] + (1 - beta1) * grads["dW" + str(l+1)]',
         'v["dW" + str(l+1)] = (1 - beta1) * v["dW" + str(l+1)] + beta1 * grads["dW" + str(l+1)]'),
        ('v["db" + str(l+1)] = beta1 * v["db" + str(l+1)] + (1 - beta1) * grads["db" + str(l+1)]',
         'v["db" + str(l+1)] = (1 - beta1) * v["db" + str(l+1)] + beta1 * grads["db" + str(l+1)]'),
        ('/ (np.sqrt(s["d" + p + str(l)]) + epsilon)', '/ np.sqrt(s["d" + p + str(l)] + epsilon)'),
    ]),
    "new": ("NEW", []),
    "new_slips_a": ("NEW", [
        ("v_corrected[\"d\" + name] = v[\"d\" + name] / (1 - beta1 ** t)", "v_corrected[\"d\" + name] = v[\"d\" + name]"),
        ("s_corrected[\"d\" + name] = s[\"d\" + name] / (1 - beta2 ** t)", "s_corrected[\"d\" + name] = s[\"d\" + name]"),
        ("    if m % mini_batch_size != 0:\n", "    if False:\n"),
        ("(1 + decay_rate * epoch_num) * learning_rate0", "(1 + decay_rate * (epoch_num + 1)) * learning_rate0"),
        ("np.floor(epoch_num / time_interval)", "epoch_num / time_interval"),
    ]),
    "new_slips_b": ("NEW", [
        (ADAM_OLD, 'np.sqrt(s_corrected["d" + name] + epsilon)'),
        ('beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]',
         '(1 - beta) * v["dW" + str(l)] + beta * grads["dW" + str(l)]'),
        ('beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]',
         '(1 - beta) * v["db" + str(l)] + beta * grads["db" + str(l)]'),
        ("shuffled_Y = Y[:, permutation].reshape((1, m))", "shuffled_Y = Y.reshape((1, m))"),
        ("np.floor(epoch_num / time_interval)", "np.floor((epoch_num + 1) / time_interval)"),
    ]),
    "new_slips_c": ("NEW", [
        ("                t = t + 1\n                parameters, v, s, _, _ = update_parameters_with_adam(parameters, "
         "grads, v, s,\n                                                               t, learning_rate, beta1, beta2,"
         "  epsilon)\n",
         "                parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s,\n"
         "                                                               t, learning_rate, beta1, beta2,  epsilon)\n"
         "                t = t + 1\n"),
        ("shuffled_Y = Y[:, permutation].reshape((1, m))",
         "shuffled_Y = Y[:, list(np.random.permutation(m))].reshape((1, m))"),
    ]),
    # as in a learner's public file (its other slip, 1 - beta2^2 for 1 - beta2^t, left out: unnamed when combined)
    "new_slips_d": ("NEW", [(ADAM_OLD, '(s_corrected["d" + name] + epsilon)')]),
}


def _lean(source: str) -> str:
    """Without SciPy's and scikit-learn's imports, a second a file: the slips' files (the correct ones have them)."""
    return source.replace("import scipy.io\n", "").replace("import sklearn\nimport sklearn.datasets\n", "")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course2_week2")
    paths = {}
    for name, (base, edits) in FILES.items():
        if base == "NEW":  # each slip in the cell that has it
            cells = [(kind, edited(source, [e for e in edits if e[0] in source])) for kind, source in NEW]
            cells = [(kind, _lean(source)) for kind, source in cells] if edits else cells
            assert all(any(e[1] in source for _, source in cells) for e in edits), name
            paths[name] = corpus.write_ipynb(cells, folder / f"{name}.ipynb")
        else:
            paths[name] = folder / f"{name}.py"
            paths[name].write_text(_lean(edited(OLD, edits)) if edits else OLD, encoding="utf-8")
    return dict(zip(paths, check_files(list(paths.values())), strict=True))


GRADED = ["update_parameters_with_gd", "random_mini_batches", "initialize_velocity", "update_parameters_with_momentum",
          "initialize_adam", "update_parameters_with_adam"]


# ---------------------------------------------------------------- the correct files

@pytest.mark.parametrize("name, functions, helper, passed", [
    ("old", [*GRADED, "update_parameters_with_rmsprop", "model"], "opt_utils", 21),
    ("new", [*GRADED, "update_lr", "schedule_lr_decay", "model"], "opt_utils_v1a", 27),
])
def test_a_correct_notebook_passes_every_check(reports, name, functions, helper, passed):
    report = reports[name]
    assert report.week == "c2w2_opt" and report.functions == functions, (report.week, report.functions)
    assert not bad(report) and report.count("PASS") == passed, lines(report)
    assert report.imports[helper] == "the course's (a stand-in)"
    assert {"testCases", *(("public_tests",) if name == "new" else ())} <= set(report.imports)


def test_the_model_is_run_short_with_each_optimizer(reports):
    found = {o.quantity: o.detail for o in reports["new"].outcomes if o.function == "model"}
    assert set(found) == {"gd", "momentum", "adam"} and all("over W1, b1, W2, b2, W3, b3" in d for d in found.values())


# ---------------------------------------------------------------- the classic mistakes, named

@pytest.mark.parametrize("name, function, quantity, words", [
    ("new_slips_a", "update_parameters_with_adam", "t=1 parameters", "no bias correction"),
    ("new_slips_a", "update_parameters_with_adam", "v_corrected", "no bias correction"),
    ("new_slips_b", "update_parameters_with_adam", "parameters", "epsilon inside the square root"),
    ("old_slips", "update_parameters_with_adam", "v", "beta1 and 1 - beta1 swapped"),
    ("new_slips_b", "update_parameters_with_momentum", "v", "beta and 1 - beta swapped"),
    ("new_slips_c", "model", "adam", "passes t = 0: Adam's bias correction divides by 1 - beta1^0 = 0"),
    ("new_slips_a", "random_mini_batches", "m=148 count", "the last, partial mini-batch dropped"),
    ("old_slips", "random_mini_batches", "m=148 count", "the last mini-batch twice"),
    ("old_slips", "random_mini_batches", "m=20 count", "an empty mini-batch at the end"),
    ("new_slips_b", "random_mini_batches", "m=148 Y", "the permutation applied to X and not to Y"),
    ("new_slips_c", "random_mini_batches", "m=148 Y", "Y shuffled by another permutation than X"),
    ("old_slips", "update_parameters_with_rmsprop", "parameters", "epsilon inside the square root"),
    ("new_slips_d", "update_parameters_with_adam", "parameters", "the square root missing"),
    ("new_slips_a", "update_lr", "epoch 2", "epoch_num + 1 where epoch_num belongs"),
    ("new_slips_a", "schedule_lr_decay", "epoch 150 of 100", "the floor missing"),
    ("new_slips_b", "schedule_lr_decay", "epoch 3 of 1", "epoch_num + 1 where epoch_num belongs"),
])
def test_each_classic_mistake_is_named(reports, name, function, quantity, words):
    found = [o for o in reports[name].outcomes if o.function == function and o.quantity == quantity]
    assert len(found) == 1 and found[0].status == "FAIL" and words in found[0].detail, lines(reports[name], function)


def test_a_slip_fails_its_own_function_only(reports):
    """Every slip file fails exactly the functions it was planted in; the model, which calls them, follows."""
    planted_in = {"old_slips": {"random_mini_batches", "update_parameters_with_adam", "update_parameters_with_rmsprop"},
                  "new_slips_a": {"update_parameters_with_adam", "random_mini_batches", "update_lr",
                                  "schedule_lr_decay"},
                  "new_slips_b": {"update_parameters_with_adam", "update_parameters_with_momentum",
                                  "random_mini_batches", "schedule_lr_decay"},
                  "new_slips_c": {"model", "random_mini_batches"},
                  "new_slips_d": {"update_parameters_with_adam"}}
    for name, functions in planted_in.items():
        assert {line.split(" ")[1] for line in bad(reports[name])} == functions, (name, bad(reports[name]))
    follows = lines(reports["new_slips_a"], "model")
    assert follows and all(line.startswith("FOLLOWS model calls follows from") for line in follows), follows


def test_a_script_with_the_helper_star_imported_and_a_renamed_argument(tmp_path):
    """A form from a learner's public repository: the later notebook's functions as a .py script that brings the
    helpers in with ``from opt_utils_v1a import *``, whose model renamed its ``mini_batch_size`` argument
    ``mini_batch`` and still reads ``mini_batch_size`` in its body. The star import is answered by the stand-in and
    every function but the model passes; the model is an ERROR where the checker calls it with the course's keyword,
    and the FAIL names the global it reads instead of an argument."""
    code = [source for kind, source in NEW[1:] if kind == "code" and "_test(" not in source]
    code.insert(0, "import math\n\nfrom opt_utils_v1a import *\nimport numpy as np")
    source = edited("\n\n".join(code), [("learning_rate = 0.0007, mini_batch_size = 64, beta = 0.9",
                                         "learning_rate = 0.0007, mini_batch = 64, beta = 0.9")])
    path = tmp_path / "optimization.py"
    path.write_text(source, encoding="utf-8")
    [report] = check_files([path])
    assert report.week == "c2w2_opt" and report.imports["opt_utils_v1a"] == "the course's (a stand-in)"
    assert [line.split(" ")[1] for line in bad(report)] == ["model", "model"], lines(report)
    [call, arguments] = [o for o in report.outcomes if o.function == "model"]
    assert call.status == "ERROR" and "unexpected keyword argument 'mini_batch_size'" in call.detail, call
    assert arguments.status == "FAIL" and "reads the notebook's global mini_batch_size" in arguments.detail, arguments


# ---------------------------------------------------------------- the week, the helpers

def test_the_week_is_found_from_the_names():
    def week_of(source):
        space = load(sources.Submission(None, "py", (sources.Cell("", source),)))[0]
        return plan(local(space, functions=learner_functions(space))[1]).week

    assert week_of("def random_mini_batches(X, Y, mini_batch_size=64, seed=0): pass") == "c2w2_opt"
    assert week_of("def update_lr(learning_rate0, epoch_num, decay_rate): pass\n"
                   "def model(X, Y, layers_dims, optimizer): pass\ndef predict(X, y, parameters): pass\n"
                   "def forward_propagation(X, parameters): pass") == "c2w2_opt"
    # week 2's model(X_train, Y_train, ...) is still week 2's
    assert week_of("def propagate(w, b, X, Y): pass\ndef model(X_train, Y_train, X_test, Y_test, num_iterations, "
                   "learning_rate, print_cost): pass") == "week2"


def test_the_command_line_and_the_table_know_the_week(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "c2w2_opt (Course 2, week 2: Optimization Methods)" in " ".join(capsys.readouterr().out.split())
    assert "c2w2_opt" in course_api.FAMILIES[1] and "c2w2_opt" in course_api.COURSE_WEEKS
    assert course_api.keywords("c2w2_opt", "model") == ("optimizer", "beta")
    assert course_api.keywords("week2", "model") == ("num_iterations", "learning_rate", "print_cost")


def test_the_helper_stand_ins_are_the_notebooks():
    """The notebook's data (make_moons after np.random.seed(3)) and its He start of seed 3 are the ones
    tests/test_optimizers.py reproduces the notebook's printed runs from; opt_utils' cost is the mean of
    opt_utils_v1a's sum."""
    X, Y = opt_utils_v1a.load_dataset()
    expected_X, expected_Y = moons()
    assert np.array_equal(X, expected_X) and np.array_equal(Y, expected_Y)
    start = opt_utils.initialize_parameters([2, 5, 2, 1])
    he = impl_numpy.deep_nn.initialize_parameters([2, 5, 2, 1], "he", 3)
    assert all(np.array_equal(start[k], he[k]) for k in he)
    a3, _ = opt_utils.forward_propagation(X, start)
    assert np.isclose(opt_utils_v1a.compute_cost(a3, Y), opt_utils.compute_cost(a3, Y) * X.shape[1], rtol=1e-12)

"""Outputs the course published for its own test cases, an independent source for the checks.

Each value is copied from the "Expected output" of the named notebook (deeplearning.ai, Neural Networks and
Deep Learning, and Course 2, Improving Deep Neural Networks); tests/test_published.py compares impl_numpy with
Course 1's, tests/test_check_course2.py with Course 2's. They are printed to 8 decimals, so they are compared
under the tolerance table's "published" entry.
"""

import numpy as np

# Week 2, propagate(w, b, X, Y) on the notebook's test case.
PROPAGATE_ARGS = (np.array([[1.0], [2.0]]), 2.0, np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
                  np.array([[1.0, 0.0, 1.0]]))
PROPAGATE = {"dw": np.array([[0.99845601], [2.39507239]]), "db": 0.00145557813678, "cost": 5.801545319394553}

# Week 2, sigmoid(np.array([0, 2])).
SIGMOID_ARGS = (np.array([0.0, 2.0]),)
SIGMOID = np.array([0.5, 0.88079708])

# Week 4, initialize_parameters_deep([5, 4, 3]), which seeds np.random.seed(3) itself.
INITIALIZE_DEEP_ARGS = ([5, 4, 3],)
INITIALIZE_DEEP = {
    "W1": np.array([[0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
                    [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
                    [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
                    [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068]]),
    "b1": np.zeros((4, 1)),
    "W2": np.array([[-0.01185047, -0.0020565, 0.01486148, 0.00236716],
                    [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
                    [-0.00768836, -0.00230031, 0.00745056, 0.01976111]]),
    "b2": np.zeros((3, 1)),
}

# Course 2, week 1, "Initialization": initialize_parameters_random([3, 2, 1]) and initialize_parameters_he([2, 4, 1]),
# each seeding np.random.seed(3) itself.
INITIALIZE_RANDOM_ARGS = ([3, 2, 1],)
INITIALIZE_RANDOM = {
    "W1": np.array([[17.88628473, 4.36509851, 0.96497468],
                    [-18.63492703, -2.77388203, -3.54758979]]),
    "b1": np.zeros((2, 1)),
    "W2": np.array([[-0.82741481, -6.27000677]]),
    "b2": np.zeros((1, 1)),
}
INITIALIZE_HE_ARGS = ([2, 4, 1],)
INITIALIZE_HE = {
    "W1": np.array([[1.78862847, 0.43650985], [0.09649747, -1.8634927], [-0.2773882, -0.35475898],
                    [-0.08274148, -0.62700068]]),
    "b1": np.zeros((4, 1)),
    "W2": np.array([[-0.03098412, -0.33744411, -0.92904268, 0.62552248]]),
    "b2": np.zeros((1, 1)),
}


def _course_test_case(X_shape=None):
    """The "Regularization" notebook's test cases: after np.random.seed(1), X (when it has one), then W1 (2, 3),
    b1, W2 (3, 2), b2, W3 (1, 3), b3, drawn with randn in that order."""
    rng = np.random.RandomState(1)  # noqa: NPY002  (the course's legacy generator, for its numbers)
    X = rng.randn(*X_shape) if X_shape else None
    shapes = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 2), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    return X, {key: rng.randn(*shape) for key, shape in shapes.items()}


# Course 2, week 1, "Regularization": compute_cost_with_regularization(A3, Y, parameters, lambd=0.1) on the
# notebook's test case (its A3 is printed to 8 decimals; the cost it prints, to 11).
_, _PARAMETERS = _course_test_case()
COST_WITH_REGULARIZATION_ARGS = (np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]]),
                                 np.array([[1.0, 1.0, 0.0, 1.0, 0.0]]), _PARAMETERS, 0.1)
COST_WITH_REGULARIZATION = 1.78648594516

# forward_propagation_with_dropout(X, parameters, keep_prob=0.7) on the notebook's test case (X (3, 5)).
_X, _PARAMETERS = _course_test_case((3, 5))
FORWARD_WITH_DROPOUT_ARGS = (_X, _PARAMETERS, 0.7)
FORWARD_WITH_DROPOUT_A3 = np.array([[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]])

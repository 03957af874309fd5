"""Outputs the course published for its own test cases, an independent source for the checks.

Each value is copied from the "Expected output" of the named notebook (deeplearning.ai, Neural Networks and
Deep Learning); tests/test_published.py compares impl_numpy with the same numbers. They are printed to 8
decimals, so they are compared under the tolerance table's "published" entry.
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

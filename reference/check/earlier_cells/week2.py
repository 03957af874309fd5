"""The course's week 2 cells, complete: "Logistic Regression with a Neural Network mindset" (2021 release).

w is (n_x, 1) and b a number; ``optimize`` records the cost every 100 iterations.
"""

import copy

import numpy as np


def sigmoid(z):
    """s = 1 / (1 + e^-z), the shape of z."""
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_with_zeros(dim):
    """w (dim, 1) of zeros and b = 0.0."""
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def propagate(w, b, X, Y):
    """grads {"dw", "db"} and the cost, for A = sigmoid(w.T X + b)."""
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)  # (1, m)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)  # (n_x, m) @ (m, 1) -> (n_x, 1)
    db = 1 / m * np.sum(A - Y)
    cost = np.squeeze(np.array(cost))
    return {"dw": dw, "db": db}, cost


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent: params {"w", "b"}, the last grads, and the costs every 100 iterations."""
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, {"dw": dw, "db": db}, costs


def predict(w, b, X):
    """Y_prediction (1, m): 1 where sigmoid(w.T X + b) > 0.5, else 0."""
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(A.shape[1]):
        Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0
    return Y_prediction


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """The whole model from zeros: d {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", ...}."""
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    return {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}

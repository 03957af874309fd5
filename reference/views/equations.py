"""The course's equations as data, one entry per concept, in the order the course teaches them.

A concept is ``module.function``, a function that the ``impl_*`` packages define (``deep_nn.backward_propagation``,
``activations.relu``, ``initializers.he``). Each has its equation twice: as plain text in the symbols of
reference/NOTATION.md (for ``rosetta show`` in a terminal) and in LaTeX (turned into MathML by ``rosetta site``).
Both come from NOTATION.md; tests/test_show.py checks that every function in the ``impl_*`` packages has an entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Equation:
    title: str                # what the function computes, in a few words
    text: tuple[str, ...]     # one equation per line, in NOTATION.md's plain-text symbols
    latex: tuple[str, ...]    # the same lines in LaTeX, one display equation each


def _update(layers: str) -> Equation:
    return Equation(
        f"one step of gradient descent on {layers}",
        ("W[l] := W[l] - alpha dW[l]", "b[l] := b[l] - alpha db[l]"),
        (r"W^{[l]} \coloneqq W^{[l]} - \alpha\, dW^{[l]}", r"b^{[l]} \coloneqq b^{[l]} - \alpha\, db^{[l]}"),
    )


def _train(gradients: str) -> Equation:
    return Equation(
        f"batch gradient descent, the gradients from {gradients}",
        ("repeat num_iterations times:",
         "    costs.append(J(params))            (the cost before each update)",
         "    params := params - alpha grads"),
        (r"\text{repeat } \texttt{num_iterations} \text{ times:}\quad J_i = J(W, b),\quad "
         r"W^{[l]} \coloneqq W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} \coloneqq b^{[l]} - \alpha\, db^{[l]}",),
    )


_PREDICT = Equation(
    "the predicted label",
    ("y_hat = 1 if A[L] > 0.5 else 0",),
    (r"\hat{y} = \begin{cases} 1 & A^{[L]} > 0.5 \\ 0 & \text{otherwise} \end{cases}",),
)


def _autodiff(model: str) -> Equation:
    return Equation(
        f"the gradients of the {model}'s cost by the framework's reverse-mode autodiff",
        ("dW[l] = dJ/dW[l],  db[l] = dJ/db[l]      (through forward_propagation and compute_cost)",),
        (r"dW^{[l]} = \frac{\partial J}{\partial W^{[l]}}, \quad db^{[l]} = \frac{\partial J}{\partial b^{[l]}}",),
    )


_DEEP_FORWARD = (
    ("A[0] = X",
     "Z[l] = W[l] A[l-1] + b[l]                 l = 1..L",
     "A[l] = g(Z[l]) for l < L,  A[L] = sigmoid(Z[L])"),
    (r"A^{[0]} = X",
     r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \quad l = 1, \dots, L",
     r"A^{[l]} = g(Z^{[l]}) \;\; (l < L), \qquad A^{[L]} = \sigma(Z^{[L]})"),
)

_DEEP_BACKWARD = (
    ("dZ[L] = A[L] - Y",
     "dW[l] = (1/m) dZ[l] A[l-1]^T",
     "db[l] = (1/m) sum over the m columns of dZ[l]",
     "dA[l-1] = W[l]^T dZ[l]",
     "dZ[l-1] = dA[l-1] * g'(Z[l-1])"),
    (r"dZ^{[L]} = A^{[L]} - Y",
     r"dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T}",
     r"db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}",
     r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}",
     r"dZ^{[l-1]} = dA^{[l-1]} \odot g'(Z^{[l-1]})"),
)


EQUATIONS: dict[str, Equation] = {
    # ---- week 2: logistic regression as a one-neuron network
    "activations.sigmoid": Equation(
        "the logistic sigmoid", ("sigmoid(z) = 1 / (1 + e^-z)",), (r"\sigma(z) = \frac{1}{1 + e^{-z}}",)),
    "cost.compute_cost": Equation(
        "binary cross-entropy, from the logits so that it never takes log(0)",
        ("J = -(1/m) sum_i [ y_i log a_i + (1 - y_i) log(1 - a_i) ],   a = sigmoid(z),  z = Z[L]",
         "  = (1/m) sum_i [ max(z_i, 0) - z_i y_i + log(1 + e^-|z_i|) ]"),
        (r"J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)}) \right],"
         r"\quad a = \sigma(z),\; z = Z^{[L]}",
         r"J = \frac{1}{m} \sum_{i=1}^{m} \left[ \max(z^{(i)}, 0) - z^{(i)} y^{(i)} "
         r"+ \log(1 + e^{-|z^{(i)}|}) \right]"),
    ),
    "initializers.zeros": Equation("all-zero weights", ("W[l] = 0",), (r"W^{[l]} = 0",)),
    "logistic_regression.initialize_parameters": Equation(
        "the parameters of one sigmoid unit (the course: zeros)",
        ("W1 = init(1, n_x)   (the course's w.T; zeros by default),  b1 = 0 (1, 1)",),
        (r"W^{[1]} \in \mathbb{R}^{1 \times n_x} \;(\text{the course's } w^T;\ 0 \text{ by default}), "
         r"\quad b^{[1]} = 0",),
    ),
    "logistic_regression.forward_propagation": Equation(
        "the predicted probability of one sigmoid unit",
        ("Z1 = W1 X + b1       (1, m)", "A1 = sigmoid(Z1)     (1, m)"),
        (r"Z^{[1]} = W^{[1]} X + b^{[1]}", r"A^{[1]} = \sigma(Z^{[1]})"),
    ),
    "logistic_regression.backward_propagation": Equation(
        "the gradients of the cost with respect to W1 and b1",
        ("dZ1 = A1 - Y", "dW1 = (1/m) dZ1 X^T", "db1 = (1/m) sum over the m columns of dZ1"),
        (r"dZ^{[1]} = A^{[1]} - Y", r"dW^{[1]} = \frac{1}{m}\, dZ^{[1]} X^{T}",
         r"db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}"),
    ),
    "logistic_regression.update_parameters": _update("W1 and b1"),
    "logistic_regression.train": _train("backward_propagation (the course's equations)"),
    "logistic_regression.predict": _PREDICT,
    # ---- week 3: a shallow network with one hidden layer
    "activations.tanh": Equation(
        "the hyperbolic tangent", ("tanh(z) = (e^z - e^-z) / (e^z + e^-z)",),
        (r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",)),
    "activations.tanh_derivative": Equation(
        "the derivative of tanh", ("tanh'(z) = 1 - tanh(z)^2",), (r"\tanh'(z) = 1 - \tanh^{2}(z)",)),
    "activations.sigmoid_derivative": Equation(
        "the derivative of the sigmoid", ("sigmoid'(z) = s (1 - s),  s = sigmoid(z)",),
        (r"\sigma'(z) = s\,(1 - s), \quad s = \sigma(z)",)),
    "initializers.random_small": Equation(
        "small random weights (week 3)", ("W[l] = randn(n[l], n[l-1]) * 0.01",),
        (r"W^{[l]} = 0.01 \cdot \operatorname{randn}(n^{[l]}, n^{[l-1]})",)),
    "initializers.random": Equation(
        "large random weights (course 2, week 1: the initialization assignment's, which saturate the sigmoid)",
        ("W[l] = randn(n[l], n[l-1]) * 10",),
        (r"W^{[l]} = 10 \cdot \operatorname{randn}(n^{[l]}, n^{[l-1]})",)),
    "shallow_nn.initialize_parameters": Equation(
        "the parameters of a network with n_h hidden units (the course: small random weights)",
        ("W1 = init(n_h, n_x),  b1 = 0 (n_h, 1)", "W2 = init(1, n_h),    b2 = 0 (1, 1)"),
        (r"W^{[1]} \in \mathbb{R}^{n_h \times n_x}, \quad b^{[1]} = 0 \in \mathbb{R}^{n_h \times 1}",
         r"W^{[2]} \in \mathbb{R}^{1 \times n_h}, \quad b^{[2]} = 0"),
    ),
    "shallow_nn.forward_propagation": Equation(
        "one hidden layer, then a sigmoid unit",
        ("Z1 = W1 X + b1       (n_h, m)", "A1 = g(Z1)           (n_h, m),  g = tanh in the course",
         "Z2 = W2 A1 + b2      (1, m)", "A2 = sigmoid(Z2)     (1, m)"),
        (r"Z^{[1]} = W^{[1]} X + b^{[1]}", r"A^{[1]} = g(Z^{[1]}) \quad (g = \tanh \text{ in the course})",
         r"Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}", r"A^{[2]} = \sigma(Z^{[2]})"),
    ),
    "shallow_nn.backward_propagation": Equation(
        "the gradients of the cost through the two layers",
        ("dZ2 = A2 - Y", "dW2 = (1/m) dZ2 A1^T", "db2 = (1/m) sum over the m columns of dZ2",
         "dZ1 = W2^T dZ2 * g'(Z1)", "dW1 = (1/m) dZ1 X^T", "db1 = (1/m) sum over the m columns of dZ1"),
        (r"dZ^{[2]} = A^{[2]} - Y", r"dW^{[2]} = \frac{1}{m}\, dZ^{[2]} A^{[1]T}",
         r"db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}", r"dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})",
         r"dW^{[1]} = \frac{1}{m}\, dZ^{[1]} X^{T}", r"db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}"),
    ),
    "shallow_nn.update_parameters": _update("W1, b1, W2 and b2"),
    "shallow_nn.train": _train("backward_propagation (the course's equations)"),
    "shallow_nn.predict": _PREDICT,
    # ---- week 4: a deep L-layer network
    "activations.relu": Equation(
        "the rectified linear unit", ("relu(z) = max(0, z)",), (r"\operatorname{relu}(z) = \max(0, z)",)),
    "activations.relu_derivative": Equation(
        "the derivative of relu, 0 at z = 0 (the course's choice)",
        ("relu'(z) = 1 if z > 0 else 0      (relu'(0) = 0)",),
        (r"\operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}",)),
    "activations.leaky_relu": Equation(
        "relu with a small slope for negative z", ("leaky_relu(z) = z if z > 0 else 0.01 z",),
        (r"\text{leaky_relu}(z) = \begin{cases} z & z > 0 \\ 0.01\, z & z \le 0 \end{cases}",)),
    "activations.leaky_relu_derivative": Equation(
        "the derivative of leaky_relu, 0.01 at z = 0",
        ("leaky_relu'(z) = 1 if z > 0 else 0.01      (leaky_relu'(0) = 0.01)",),
        (r"\text{leaky_relu}'(z) = \begin{cases} 1 & z > 0 \\ 0.01 & z \le 0 \end{cases}",)),
    "activations.activation_forward": Equation(
        "the hidden activation g, chosen by name, elementwise",
        ("A = g(Z),   g in {sigmoid, tanh, relu, leaky_relu}",),
        (r"A = g(Z), \quad g \in \{\sigma, \tanh, \operatorname{relu}, \text{leaky_relu}\}",)),
    "activations.activation_backward": Equation(
        "the chain rule through g, elementwise", ("dZ = dA * g'(Z)",), (r"dZ = dA \odot g'(Z)",)),
    "initializers.xavier": Equation(
        "the course's Xavier variant (week 4)", ("W[l] = randn(n[l], n[l-1]) * sqrt(1 / n[l-1])",),
        (r"W^{[l]} = \operatorname{randn}(n^{[l]}, n^{[l-1]}) \cdot \sqrt{\frac{1}{n^{[l-1]}}}",)),
    "initializers.glorot": Equation(
        "Glorot and Bengio's normal initializer",
        ("W[l] = randn(n[l], n[l-1]) * sqrt(2 / (n[l-1] + n[l]))",),
        (r"W^{[l]} = \operatorname{randn}(n^{[l]}, n^{[l-1]}) \cdot \sqrt{\frac{2}{n^{[l-1]} + n^{[l]}}}",)),
    "initializers.he": Equation(
        "He et al.'s initializer for relu layers", ("W[l] = randn(n[l], n[l-1]) * sqrt(2 / n[l-1])",),
        (r"W^{[l]} = \operatorname{randn}(n^{[l]}, n^{[l-1]}) \cdot \sqrt{\frac{2}{n^{[l-1]}}}",)),
    "initializers.initialize_parameters": Equation(
        "every layer's weights from the named initializer; biases zero",
        ("W[l] = init(n[l], n[l-1]),   b[l] = 0 (n[l], 1),   l = 1..L",),
        (r"W^{[l]} = \operatorname{init}(n^{[l]}, n^{[l-1]}), \quad b^{[l]} = 0 \in \mathbb{R}^{n^{[l]} \times 1},"
         r"\quad l = 1, \dots, L",)),
    "deep_nn.initialize_parameters": Equation(
        "the parameters of every layer (the course: its Xavier variant)",
        ("W[l] = init(n[l], n[l-1]),   b[l] = 0 (n[l], 1),   l = 1..L",),
        (r"W^{[l]} = \operatorname{init}(n^{[l]}, n^{[l-1]}), \quad b^{[l]} = 0 \in \mathbb{R}^{n^{[l]} \times 1},"
         r"\quad l = 1, \dots, L",)),
    "deep_nn.forward_propagation": Equation("L linear layers, each followed by its activation", *_DEEP_FORWARD),
    "deep_nn.backward_propagation": Equation("the gradients of the cost, layer by layer from L down to 1",
                                             *_DEEP_BACKWARD),
    "deep_nn.update_parameters": _update("every layer"),
    "deep_nn.train": _train("backward_propagation (the course's equations)"),
    "deep_nn.predict": _PREDICT,
    # ---- the frameworks' own way (no NumPy version: NumPy has no autodiff)
    "logistic_regression.autodiff_gradients": _autodiff("logistic regression"),
    "logistic_regression.train_autodiff": _train("the framework's autodiff"),
    "shallow_nn.autodiff_gradients": _autodiff("shallow network"),
    "shallow_nn.train_autodiff": _train("the framework's autodiff"),
    "deep_nn.autodiff_gradients": _autodiff("deep network"),
    "deep_nn.train_autodiff": _train("the framework's autodiff"),
    "initializers.he_truncated": Equation(
        "He's initializer as Keras and JAX ship it: a normal truncated at 2 standard deviations",
        ("W[l] ~ N(0, 1) truncated to [-2, 2], rescaled to standard deviation sqrt(2 / n[l-1])",),
        (r"W^{[l]} \sim \mathcal{N}(0, 1)\big|_{[-2, 2]}, \text{ rescaled to std } \sqrt{\frac{2}{n^{[l-1]}}}",)),
    "initializers.glorot_truncated": Equation(
        "Glorot's initializer as Keras and JAX ship it: a normal truncated at 2 standard deviations",
        ("W[l] ~ N(0, 1) truncated to [-2, 2], rescaled to standard deviation sqrt(2 / (n[l-1] + n[l]))",),
        (r"W^{[l]} \sim \mathcal{N}(0, 1)\big|_{[-2, 2]}, \text{ rescaled to std } "
         r"\sqrt{\frac{2}{n^{[l-1]} + n^{[l]}}}",)),
    # ---- the frameworks' layers API (impl_torch/layers.py and the like): the same models, the usual way
    "layers.build": Equation(
        "the network as the framework's stack of linear layers; its output is the logits Z[L]",
        ("Linear(n[0] -> n[1]), g, Linear(n[1] -> n[2]), g, ..., Linear(n[L-1] -> n[L])",
         "Linear(A) = W[l] A + b[l]   (on examples as rows: A^T W[l]^T + b[l]^T)"),
        (r"Z^{[L]} = W^{[L]} g(\cdots g(W^{[1]} X + b^{[1]}) \cdots) + b^{[L]}",),
    ),
    "layers.load_params": Equation(
        "the course's parameters copied into the layers",
        ("layer l: weight := W[l] (n[l], n[l-1]),  bias := b[l] (n[l],)",),
        (r"\text{layer } l:\; \text{weight} \coloneqq W^{[l]}, \quad \text{bias} \coloneqq b^{[l]}",),
    ),
    "layers.export_params": Equation(
        "the layers' parameters in the course layout",
        ("W[l] := layer l's weight,  b[l] := its bias as a column (n[l], 1)",),
        (r"W^{[l]} \coloneqq \text{weight}_l, \quad "
         r"b^{[l]} \coloneqq \text{bias}_l \in \mathbb{R}^{n^{[l]} \times 1}",),
    ),
    "layers.forward": Equation(
        "the predicted probability", ("A[L] = sigmoid(Z[L])      (1, m)",), (r"A^{[L]} = \sigma(Z^{[L]})",)),
    "layers.cost": Equation(
        "the framework's binary cross-entropy on the logits",
        ("J = (1/m) sum_i [ max(z_i, 0) - z_i y_i + log(1 + e^-|z_i|) ],   z = Z[L]",),
        (r"J = \frac{1}{m} \sum_{i=1}^{m} \left[ \max(z^{(i)}, 0) - z^{(i)} y^{(i)} "
         r"+ \log(1 + e^{-|z^{(i)}|}) \right]",),
    ),
    "layers.gradients": Equation(
        "the gradients of the cost by the framework's autodiff, read back in the course layout",
        ("dW[l] = dJ/dW[l],  db[l] = dJ/db[l]      (through the layers and the framework's loss)",),
        (r"dW^{[l]} = \frac{\partial J}{\partial W^{[l]}}, \quad db^{[l]} = \frac{\partial J}{\partial b^{[l]}}",),
    ),
    "layers.sgd": Equation(
        "the framework's plain SGD optimizer: the course's update", ("V := V - alpha dV   for every parameter V",),
        (r"V \coloneqq V - \alpha\, dV",)),
    "layers.train_step": Equation(
        "one update by the optimizer, after the cost and its gradients",
        ("J = cost(model, X, Y);  dV = dJ/dV by autodiff;  V := V - alpha dV",),
        (r"J = J(W, b), \quad dV = \frac{\partial J}{\partial V}, \quad V \coloneqq V - \alpha\, dV",)),
    "layers.train": _train("the framework's autodiff, applied by its optimizer"),
    "layers.predict": _PREDICT,
    "regularization.dropout_masks": Equation(
        "the dropout masks of the hidden layers, drawn once (the course's notebook seeds np.random.seed(1) in "
        "forward_propagation_with_dropout, so every iteration drops the same units)",
        ("D[l] = (rand(n[l], m) < keep_prob)      l = 1..L-1",),
        (r"D^{[l]} = \left[\operatorname{rand}(n^{[l]}, m) < \texttt{keep\_prob}\right], \quad l = 1, \dots, L-1",)),
    "regularization.l2_cost": Equation(
        "L2 regularization's term of the cost; the biases are not in it",
        ("(lambd / (2 m)) sum_l ||W[l]||_F^2",),
        (r"\frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_F^2",)),
    "regularization.compute_cost": Equation(
        "the cost with L2 regularization (compute_cost_with_regularization)",
        ("J = -(1/m) sum[Y log A[L] + (1 - Y) log(1 - A[L])] + (lambd / (2 m)) sum_l ||W[l]||_F^2",),
        (r"J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[L](i)} + (1 - y^{(i)}) \log(1 - a^{[L](i)}) "
         r"\right) + \frac{\lambda}{2m} \sum_{l} \lVert W^{[l]} \rVert_F^2",)),
    "regularization.forward_propagation": Equation(
        "inverted dropout on the hidden layers (forward_propagation_with_dropout)",
        ("Z[l] = W[l] A[l-1] + b[l]",
         "A[l] = g(Z[l]) * D[l] / keep_prob        l < L: the units D[l] drops are 0, the rest scaled up",
         "A[L] = sigmoid(Z[L])                     no dropout on the output"),
        (r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}",
         r"A^{[l]} = g(Z^{[l]}) \odot D^{[l]} / \texttt{keep\_prob} \;\; (l < L), \qquad A^{[L]} = \sigma(Z^{[L]})")),
    "regularization.backward_propagation": Equation(
        "the gradients with L2 and dropout (backward_propagation_with_regularization, _with_dropout)",
        ("dZ[L] = A[L] - Y",
         "dW[l] = (1/m) dZ[l] A[l-1]^T + (lambd / m) W[l]",
         "db[l] = (1/m) sum over the m columns of dZ[l]        (no L2 term)",
         "dA[l-1] = W[l]^T dZ[l] * D[l-1] / keep_prob         (the mask of the forward pass)",
         "dZ[l-1] = dA[l-1] * g'(Z[l-1])"),
        (r"dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}",
         r"db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}",
         r"dA^{[l-1]} = W^{[l]T} dZ^{[l]} \odot D^{[l-1]} / \texttt{keep\_prob}",
         r"dZ^{[l-1]} = dA^{[l-1]} \odot g'(Z^{[l-1]})")),
    "regularization.train": _train("backward_propagation with L2 and dropout (the course's equations), the same "
                                   "masks at every step"),
    "regularization.autodiff_gradients": Equation(
        "the gradients of the regularized cost by the framework's reverse-mode autodiff, the masks given",
        ("dW[l] = dJ/dW[l],  db[l] = dJ/db[l]      (J with its L2 term, A[l] with its masks)",),
        (r"dW^{[l]} = \frac{\partial J}{\partial W^{[l]}}, \quad db^{[l]} = \frac{\partial J}{\partial b^{[l]}}",)),
    "regularization.train_autodiff": _train("the framework's autodiff of the regularized cost"),
    "gradient_check.gradient_check": Equation(
        "the one-dimensional gradient check, J(theta) = theta x",
        ("gradapprox = (J(theta + eps) - J(theta - eps)) / (2 eps)",
         "difference = |grad - gradapprox| / (|grad| + |gradapprox|)"),
        (r"\text{gradapprox} = \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}",
         r"\text{difference} = \frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}"
         r"{\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2}")),
    "gradient_check.dictionary_to_vector": Equation(
        "every parameter as one column theta: W1, b1, ..., WL, bL, each flattened row by row",
        ("theta = [vec(W1); vec(b1); ...; vec(WL); vec(bL)]     (n, 1)",),
        (r"\theta = \left[\operatorname{vec}(W^{[1]}); \operatorname{vec}(b^{[1]}); \dots; "
         r"\operatorname{vec}(b^{[L]})\right]",)),
    "gradient_check.vector_to_dictionary": Equation(
        "theta back into W1, b1, ..., WL, bL of layer_dims' shapes",
        ("W[l] = theta[i : i + n[l] n[l-1]] reshaped (n[l], n[l-1]), then b[l] (n[l], 1)",),
        (r"W^{[l]} = \operatorname{reshape}(\theta_{i:i + n^{[l]} n^{[l-1]}}, n^{[l]}, n^{[l-1]})",)),
    "gradient_check.gradients_to_vector": Equation(
        "the gradients as one column, in theta's order",
        ("grad = [vec(dW1); vec(db1); ...; vec(dWL); vec(dbL)]",),
        (r"\text{grad} = \left[\operatorname{vec}(dW^{[1]}); \dots; \operatorname{vec}(db^{[L]})\right]",)),
    "gradient_check.gradient_check_n": Equation(
        "the n-dimensional gradient check: two-sided differences of J in every parameter (float64; dropout off)",
        ("gradapprox[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)      i = 1..n",
         "difference = ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2)   a mistake above 2e-7"),
        (r"\text{gradapprox}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}",
         r"\text{difference} = \frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}"
         r"{\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2} \;>\; 2 \cdot 10^{-7} "
         r"\Rightarrow \text{a mistake}")),
    "gradient_check.gradient_check_with_dropout": Equation(
        "the same check run by mistake with dropout on: every J draws new masks, so gradapprox is noise",
        ("gradapprox[i] = (J_D1(theta + eps e_i) - J_D2(theta - eps e_i)) / (2 eps)    D1, D2 fresh masks",),
        (r"\text{gradapprox}_i = \frac{J_{D}(\theta + \varepsilon e_i) - J_{D'}(\theta - \varepsilon e_i)}"
         r"{2\varepsilon}, \quad D \ne D'",)),
    "gradient_check.framework_check": Equation(
        "the framework's own gradient checker, given the course's backward as J's gradient",
        ("backward's dW[l], db[l] registered as dJ/dtheta, then compared with the checker's finite differences",),
        (r"\frac{\partial J}{\partial \theta} := \text{backward}(\theta) \overset{?}{\approx} "
         r"\frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}",)),
    "layers.dropout_layer": Equation(
        "the framework's inverted dropout layer: rate (torch's p) = 1 - keep_prob, a fresh mask every step",
        ("training: A = A * D / keep_prob,  D ~ Bernoulli(keep_prob) drawn anew",
         "inference: A = A"),
        (r"A = A \odot D / \texttt{keep\_prob}, \quad D \sim \operatorname{Bernoulli}(\texttt{keep\_prob}) "
         r"\text{ each step}; \qquad \text{inference: } A = A",)),
    "optimizers.mini_batch_order": Equation(
        "one epoch's permutation of the m examples (the course seeds it, one more each epoch)",
        ("order = permutation(m)",), (r"\pi = \operatorname{permutation}(m)",)),
    "optimizers.mini_batches": Equation(
        "the examples in that order, cut into mini-batches, the last one partial",
        ("X{t} = X[:, order[(t-1) B : t B]],  Y{t} likewise      B = mini_batch_size",),
        (r"X^{\{t\}} = X_{:, \pi_{(t-1)B+1 \,:\, tB}}, \quad Y^{\{t\}} = Y_{:, \pi_{(t-1)B+1 \,:\, tB}}",)),
    "optimizers.random_mini_batches": Equation(
        "the course's random_mini_batches: a seeded permutation, then the slices",
        ("mini_batches(X, Y, permutation(m) after seed, B)",),
        (r"\left(X^{\{t\}}, Y^{\{t\}}\right)_{t=1}^{\lceil m / B \rceil}",)),
    "optimizers.initialize_velocity": Equation(
        "momentum's velocity, zeros shaped like the gradients",
        ("v_dW[l] = 0,  v_db[l] = 0",), (r"v_{dW^{[l]}} = 0, \quad v_{db^{[l]}} = 0",)),
    "optimizers.initialize_adam": Equation(
        "Adam's two averages, zeros shaped like the gradients",
        ("v_dW[l] = 0,  s_dW[l] = 0  (and for db[l])",), (r"v_{dW^{[l]}} = 0, \quad s_{dW^{[l]}} = 0",)),
    "optimizers.update_parameters_with_gd": _update("every layer, one mini-batch's gradients"),
    "optimizers.update_parameters_with_momentum": Equation(
        "gradient descent with momentum (no bias correction)",
        ("v_dW = beta v_dW + (1 - beta) dW", "W := W - alpha v_dW        (and for b)"),
        (r"v_{dW} = \beta\, v_{dW} + (1 - \beta)\, dW", r"W \coloneqq W - \alpha\, v_{dW}")),
    "optimizers.update_parameters_with_rmsprop": Equation(
        "RMSprop (the lectures): the step divided by the root of the squares' average, epsilon outside the root",
        ("s_dW = beta2 s_dW + (1 - beta2) dW^2", "W := W - alpha dW / (sqrt(s_dW) + epsilon)"),
        (r"s_{dW} = \beta_2\, s_{dW} + (1 - \beta_2)\, dW^2",
         r"W \coloneqq W - \alpha \frac{dW}{\sqrt{s_{dW}} + \varepsilon}")),
    "optimizers.update_parameters_with_adam": Equation(
        "Adam: momentum and RMSprop, each bias-corrected at step t (from 1), epsilon outside the root",
        ("v = beta1 v + (1 - beta1) dW,      v_corrected = v / (1 - beta1^t)",
         "s = beta2 s + (1 - beta2) dW^2,    s_corrected = s / (1 - beta2^t)",
         "W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon)"),
        (r"v = \beta_1 v + (1 - \beta_1)\, dW, \quad v^{corrected} = \frac{v}{1 - \beta_1^t}",
         r"s = \beta_2 s + (1 - \beta_2)\, dW^2, \quad s^{corrected} = \frac{s}{1 - \beta_2^t}",
         r"W \coloneqq W - \alpha \frac{v^{corrected}}{\sqrt{s^{corrected}} + \varepsilon}")),
    "optimizers.update_lr": Equation(
        "learning-rate decay after each epoch",
        ("alpha = alpha0 / (1 + decay_rate epoch_num)",),
        (r"\alpha = \frac{\alpha_0}{1 + \texttt{decay\_rate} \cdot \texttt{epoch\_num}}",)),
    "optimizers.schedule_lr_decay": Equation(
        "the decay in steps of time_interval epochs",
        ("alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval))",),
        (r"\alpha = \frac{\alpha_0}{1 + \texttt{decay\_rate} \left\lfloor \texttt{epoch\_num} / "
         r"\texttt{time\_interval} \right\rfloor}",)),
    "optimizers.train": Equation(
        "the course's model: epochs of mini-batches, one update each; the epoch's cost the sum of the losses / m",
        ("for each epoch: for each mini-batch t: forward, J_t, backward, update", "cost = sum_t J_t m_t / m"),
        (r"J_{epoch} = \frac{1}{m} \sum_{t} m_t\, J^{\{t\}}",)),
    "optimizers.resume": Equation(
        "a run in chunks is one run: the optimizer's state carried from one train call to the next",
        ("(v, s, t, epochs done) = the state the last chunk left, or (0, 0, 0, 0) at the start",),
        (r"v_0 = s_0 = 0, \quad t_0 = 0",)),
    "own_optimizers.course_optimizer": Equation(
        "the framework's own optimizer, configured to be the course's update",
        ("momentum: torch SGD(lr = alpha (1 - beta), momentum = beta); optax chain(ema(beta, debias=False), "
         "scale(-alpha))",
         "RMSprop: epsilon outside the root (torch's; optax eps_in_sqrt=False)",
         "Adam: torch's and optax's are the course's; Keras' folds the corrections into alpha (epsilon hat)"),
        (r"v = \beta v + (1 - \beta)\, dW \;\equiv\; b = \beta b + dW,\; W \coloneqq W - \alpha (1 - \beta)\, b",)),
    "own_optimizers.train": Equation(
        "the course's model through the framework's layers, loss, optimizer and learning-rate schedule",
        ("for each epoch: for each mini-batch: the framework's train step; then the schedule's decay",),
        (r"J_{epoch} = \frac{1}{m} \sum_{t} m_t\, J^{\{t\}}",)),
    "graph.computation_graph": Equation(
        "the course's computation graph J = 3(a + bc), forward and backward",
        ("u = b c,  v = a + u,  J = 3 v", "dJ/dv = 3,  dJ/du = dJ/da = 3,  dJ/db = 3 c,  dJ/dc = 3 b"),
        (r"u = bc, \quad v = a + u, \quad J = 3v",
         r"\frac{dJ}{dv} = 3, \quad \frac{dJ}{du} = \frac{dJ}{da} = 3, \quad \frac{dJ}{db} = 3c, \quad "
         r"\frac{dJ}{dc} = 3b"),
    ),
    "graph.traced_operations": Equation(
        "the operations one forward and backward pass of J = 3(a + bc) executes",
        ("forward: u = b c, v = a + u, J = 3 v;  backward: dJ/db = dJ/du c, dJ/dc = dJ/du b",),
        (r"u = bc,\ v = a + u,\ J = 3v; \quad \frac{dJ}{db} = \frac{dJ}{du}\, c,\ "
         r"\frac{dJ}{dc} = \frac{dJ}{du}\, b",),
    ),
    "graph.trace_gradient_step": Equation(
        "every operation one gradient step executes, evaluated (rosetta graph MODEL)",
        ("J, dW[l], db[l] = step(params, X, Y): forward, cost and backward, operation by operation",),
        (r"J,\ dW^{[l]},\ db^{[l]} = \operatorname{step}(W, b, X, Y)",),
    ),
    "graph.autograd_nodes": Equation(
        "the backward nodes autograd records behind J, with the tensors each one saves",
        ("J.grad_fn and its next_functions, down to one AccumulateGrad per parameter",),
        (r"J.\mathrm{grad\_fn} \to \dots \to \mathrm{AccumulateGrad}(W^{[l]}, b^{[l]})",),
    ),
}

# The course's order: the sections of the web page, and the order of ``rosetta show``'s list.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Week 2: logistic regression as a one-neuron network", (
        "graph.computation_graph", "graph.traced_operations", "activations.sigmoid", "cost.compute_cost",
        "initializers.zeros",
        "logistic_regression.initialize_parameters", "logistic_regression.forward_propagation",
        "logistic_regression.backward_propagation", "logistic_regression.update_parameters",
        "logistic_regression.train", "logistic_regression.predict")),
    ("Week 3: a shallow network with one hidden layer", (
        "activations.tanh", "activations.tanh_derivative", "activations.sigmoid_derivative",
        "initializers.random_small", "shallow_nn.initialize_parameters", "shallow_nn.forward_propagation",
        "shallow_nn.backward_propagation", "shallow_nn.update_parameters", "shallow_nn.train",
        "shallow_nn.predict")),
    ("Week 4: a deep L-layer network", (
        "activations.relu", "activations.relu_derivative", "activations.leaky_relu",
        "activations.leaky_relu_derivative", "activations.activation_forward", "activations.activation_backward",
        "initializers.xavier", "initializers.glorot", "initializers.he", "initializers.initialize_parameters",
        "deep_nn.initialize_parameters", "deep_nn.forward_propagation", "deep_nn.backward_propagation",
        "deep_nn.update_parameters", "deep_nn.train", "deep_nn.predict")),
    ("Course 2, week 1: initialization", ("initializers.random",)),
    ("Course 2, week 1: L2 regularization and inverted dropout", (
        "regularization.dropout_masks", "regularization.l2_cost", "regularization.compute_cost",
        "regularization.forward_propagation", "regularization.backward_propagation", "regularization.train")),
    ("Course 2, week 1: gradient checking", (
        "gradient_check.gradient_check", "gradient_check.dictionary_to_vector", "gradient_check.vector_to_dictionary",
        "gradient_check.gradients_to_vector", "gradient_check.gradient_check_n",
        "gradient_check.gradient_check_with_dropout", "gradient_check.framework_check")),
    ("Course 2, week 2: mini-batches and optimizers", (
        "optimizers.mini_batch_order", "optimizers.mini_batches", "optimizers.random_mini_batches",
        "optimizers.initialize_velocity", "optimizers.initialize_adam", "optimizers.update_parameters_with_gd",
        "optimizers.update_parameters_with_momentum", "optimizers.update_parameters_with_rmsprop",
        "optimizers.update_parameters_with_adam", "optimizers.update_lr", "optimizers.schedule_lr_decay",
        "optimizers.train", "optimizers.resume", "own_optimizers.course_optimizer", "own_optimizers.train")),
    ("The frameworks' own way: autodiff and their shipped initializers", (
        "logistic_regression.autodiff_gradients", "logistic_regression.train_autodiff",
        "shallow_nn.autodiff_gradients", "shallow_nn.train_autodiff",
        "deep_nn.autodiff_gradients", "deep_nn.train_autodiff", "regularization.autodiff_gradients",
        "regularization.train_autodiff", "graph.trace_gradient_step", "graph.autograd_nodes",
        "initializers.he_truncated", "initializers.glorot_truncated")),
    ("The frameworks' layers API: the same models as the frameworks' tutorials write them", (
        "layers.build", "layers.dropout_layer", "layers.load_params", "layers.export_params", "layers.forward",
        "layers.cost", "layers.gradients", "layers.sgd", "layers.train_step", "layers.train", "layers.predict")),
)

COURSE_ORDER: tuple[str, ...] = tuple(name for _, names in SECTIONS for name in names)

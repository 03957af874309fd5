"""Course 2, week 1: gradient checking, in PyTorch (the equations: impl_numpy/gradient_check.py).

framework_check makes the manual gradients J's derivative in a torch.autograd.Function and asks
torch.autograd.gradcheck whether they are. float64 only: epsilon = 1e-7 is below float32's resolution.
"""

import torch
from torch.autograd.gradcheck import GradcheckError

from reference.validation import (
    check_callable,
    check_epsilon,
    check_float64,
    check_gradient_check,
    check_gradients,
    check_keep_prob,
    check_lambd,
    check_param_layers,
    check_seed,
    check_theta,
)

from . import deep_nn
from .activations import activation_forward

THRESHOLD = 2e-7  # the notebook's: above it, "There is a mistake in the backward propagation!"
# torch.autograd.gradcheck's own defaults, per entry |manual - numerical| <= atol + rtol |numerical|: its centred
# differences at 1e-6 are off by about 1e-12 |J'''| (truncation) + 1e-10 |J| (rounding) in float64, five orders
# below atol; a mistake that moves no entry by 1e-5 passes (the course's test is relative to the whole ||grad||).
GRADCHECK_EPS = 1e-6
GRADCHECK_ATOL = 1e-5
GRADCHECK_RTOL = 1e-3


def gradient_check(x, theta, epsilon=1e-7):
    """The 1-D check of J(theta) = theta x: the difference between its derivative x and the centred difference."""
    check_float64("x", x)
    check_float64("theta", theta)
    epsilon = check_epsilon(epsilon)
    x, theta = torch.as_tensor(x, dtype=torch.float64), torch.as_tensor(theta, dtype=torch.float64)
    J_plus = (theta + epsilon) * x                 # J(theta + epsilon)
    J_minus = (theta - epsilon) * x                # J(theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x                                       # dJ/dtheta, the backward pass of J = theta x
    return _difference(grad, gradapprox)


def dictionary_to_vector(params):
    """theta (n, 1), W1, b1, ..., WL, bL flattened row by row and stacked; and keys, the name of each entry."""
    L = len(check_param_layers(params)) - 1
    names = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    theta = torch.cat([params[name].reshape((-1, 1)) for name in names])  # (n, 1)
    keys = [name for name in names for _ in range(params[name].numel())]
    return theta, keys


def vector_to_dictionary(theta, layer_dims):
    """The params dict of theta: W[l] (n[l], n[l-1]) and b[l] (n[l], 1), read back in dictionary_to_vector's order."""
    layer_dims = check_theta(theta, layer_dims)
    params, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = theta[start:start + n * n_prev].reshape((n, n_prev))  # (n[l], n[l-1])
        start += n * n_prev
        params[f"b{l}"] = theta[start:start + n].reshape((n, 1))              # (n[l], 1)
        start += n
    return params


def gradients_to_vector(grads):
    """grad (n, 1): dW1, db1, ..., dWL, dbL flattened and stacked as dictionary_to_vector stacks the params."""
    L = len(check_param_layers(grads, "grads", prefix="d")) - 1
    return torch.cat([grads[f"d{p}{l}"].reshape((-1, 1)) for l in range(1, L + 1) for p in ("W", "b")])


def gradient_check_n(params, grads, X, Y, epsilon=1e-7, activation="relu", lambd=0.0):
    """The course's difference between grads and the centred differences of J, one parameter at a time."""
    epsilon, lambd = check_gradient_check(X, Y, params, grads, activation, epsilon), check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, lambd), theta, epsilon))


def gradient_check_with_dropout(params, grads, X, Y, keep_prob, epsilon=1e-7, activation="relu", seed=0):
    """The check run by mistake with dropout on: every evaluation of J draws new masks (a torch.Generator)."""
    epsilon, keep_prob = check_gradient_check(X, Y, params, grads, activation, epsilon), check_keep_prob(keep_prob)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    rng = torch.Generator().manual_seed(check_seed(seed))
    return _difference(gradients_to_vector(grads),
                       _gradapprox(lambda theta: _cost(theta, layer_dims, X, Y, activation, 0.0, keep_prob, rng),
                                   theta, epsilon))


def framework_check(params, X, Y, backward, activation="relu", lambd=0.0):
    """torch.autograd.gradcheck of J, whose gradient is backward's (params, cache, Y) -> grads: (ok, detail)."""
    check_gradient_check(X, Y, params, activation=activation)
    check_callable("backward", backward)
    lambd = check_lambd(lambd)
    theta, _ = dictionary_to_vector(params)
    layer_dims = check_param_layers(params)
    theta = theta.detach().clone().requires_grad_()  # gradcheck perturbs the inputs that require a gradient
    try:
        torch.autograd.gradcheck(
            lambda theta: _CostWithManualGradient.apply(theta, layer_dims, X, Y, activation, lambd, backward),
            (theta,), eps=GRADCHECK_EPS, atol=GRADCHECK_ATOL, rtol=GRADCHECK_RTOL)
    except GradcheckError as error:  # raised, not returned as False, for its message: which entries differ
        return False, f"torch.autograd.gradcheck: {error}"
    return True, "torch.autograd.gradcheck: passed"


class _CostWithManualGradient(torch.autograd.Function):
    """J(theta) forward; backward's gradient, not autograd's, as its derivative."""

    @staticmethod
    def forward(ctx, theta, layer_dims, X, Y, activation, lambd, backward):
        ctx.save_for_backward(_manual_gradient(theta, layer_dims, X, Y, activation, backward))
        return _cost(theta, layer_dims, X, Y, activation, lambd)

    @staticmethod
    def backward(ctx, grad_output):
        (grad,) = ctx.saved_tensors
        return grad_output * grad, None, None, None, None, None, None  # dJ/dtheta; nothing for the rest


def _cost(theta, layer_dims, X, Y, activation, lambd, keep_prob=1.0, rng=None):
    """J(theta): the cross-entropy from Z[L] plus the L2 term; with rng, the hidden A[l] dropped by new masks."""
    params = vector_to_dictionary(theta, layer_dims)
    L = len(layer_dims) - 1
    if rng is None:
        AL, cache = deep_nn.forward_propagation(X, params, activation)
        ZL = cache[f"Z{L}"]
    else:
        A = X
        for l in range(1, L):
            D = torch.rand((layer_dims[l], X.shape[1]), generator=rng, dtype=X.dtype) < keep_prob  # new for every J
            A = activation_forward(params[f"W{l}"] @ A + params[f"b{l}"], activation) * D / keep_prob
        ZL = params[f"W{L}"] @ A + params[f"b{L}"]                          # (1, m)
    return deep_nn.compute_cost(ZL, Y) + _l2_cost(params, lambd, Y.shape[1])


def _l2_cost(params, lambd, m):
    """lambd / (2 m) sum_l ||W[l]||_F^2 (impl_numpy/regularization.py's l2_cost)."""
    L = len(params) // 2
    return lambd / (2 * m) * sum(torch.sum(torch.square(params[f"W{l}"])) for l in range(1, L + 1))


def _manual_gradient(theta, layer_dims, X, Y, activation, backward):
    """backward's gradient of J at theta, as a column like theta."""
    params = vector_to_dictionary(theta, layer_dims)
    AL, cache = deep_nn.forward_propagation(X, params, activation)
    grads = backward(params, cache, Y)
    check_gradients(grads, params, X)
    return gradients_to_vector(grads)


@torch.no_grad()  # J only: no autograd graph through 2n forward passes
def _gradapprox(J, theta, epsilon):
    """gradapprox[i] = (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon), one i at a time."""
    J_plus, J_minus = [], []
    for i in range(theta.shape[0]):
        theta_plus = theta.clone()
        theta_plus[i, 0] += epsilon
        J_plus.append(J(theta_plus))
        theta_minus = theta.clone()
        theta_minus[i, 0] -= epsilon
        J_minus.append(J(theta_minus))
    return (torch.stack(J_plus) - torch.stack(J_minus)).reshape((-1, 1)) / (2 * epsilon)  # (n, 1)


def _difference(grad, gradapprox):
    """||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2), as a Python float."""
    numerator = torch.linalg.norm(grad - gradapprox)
    denominator = torch.linalg.norm(grad) + torch.linalg.norm(gradapprox)
    return float(numerator / denominator)


__all__ = ["THRESHOLD", "gradient_check", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector",
           "gradient_check_n", "gradient_check_with_dropout", "framework_check"]

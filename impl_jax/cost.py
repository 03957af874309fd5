"""Binary cross-entropy in JAX, from the logits so it stays finite (reference/NOTATION.md)."""

import jax
import jax.numpy as jnp


def compute_cost(ZL, Y):
    """J = -(1/m) sum[Y log A + (1-Y) log(1-A)], A = sigmoid(ZL), as (1/m) sum[max(Z,0) - Z Y + log(1+e^-|Z|)]."""
    m = Y.shape[1]
    # softplus(Z) = log(1 + e^Z) = jnp.logaddexp(Z, 0), which JAX computes as max(Z, 0) + log1p(e^-|Z|):
    # the same numbers as NumPy's formula. Its custom derivative is sigmoid(Z) at every Z; the formula
    # written out would give jax.grad -Y instead of 1/2 - Y at Z = 0, where jnp.abs has derivative 1.
    losses = jax.nn.softplus(ZL) - ZL * Y  # (1, m)
    return jnp.sum(losses) / m

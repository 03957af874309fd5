"""The course's computation graph (week 2): J = 3(a + bc), forward in JAX, backward by ``jax.grad``.

JAX traces the function into a jaxpr; ``jax.value_and_grad`` adds the backward equations (the transposes of the
linearized forward ones). The derivatives of the intermediate u and v are those of J as a function of them.
"""

import jax
import jax.numpy as jnp


def _J(a, b, c):
    return 3 * (a + b * c)


def computation_graph(a, b, c):
    """The forward values {u, v, J} and the backward derivatives {dv, du, da, db, dc} of J = 3(a + b c)."""
    with jax.enable_x64(True):
        a, b, c = (jnp.asarray(float(x), jnp.float64) for x in (a, b, c))
        u = b * c
        v = a + u
        J, (da, db, dc) = jax.value_and_grad(_J, argnums=(0, 1, 2))(a, b, c)
        dv = jax.grad(lambda v: 3 * v)(v)
        du = jax.grad(lambda u: 3 * (a + u))(u)
    forward = {"u": float(u), "v": float(v), "J": float(J)}
    return forward, {"dv": float(dv), "du": float(du), "da": float(da), "db": float(db), "dc": float(dc)}


def traced_operations(a, b, c):
    """The primitives of the jaxpr of ``jax.value_and_grad`` with respect to a, b and c, in order."""
    with jax.enable_x64(True):
        a, b, c = (jnp.asarray(float(x), jnp.float64) for x in (a, b, c))
        jaxpr = jax.make_jaxpr(jax.value_and_grad(_J, argnums=(0, 1, 2)))(a, b, c)
    return [equation.primitive.name for equation in jaxpr.jaxpr.eqns]


__all__ = ["computation_graph", "traced_operations"]

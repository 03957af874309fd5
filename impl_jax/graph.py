"""Computation graphs in JAX: the course's week-2 example J = 3(a + bc), and one gradient step of each model.

JAX traces the function into a jaxpr; ``jax.value_and_grad`` adds the backward equations (the transposes of the
linearized forward ones). The derivatives of the intermediate u and v are those of J as a function of them.
For the models, the jaxpr of ``jax.value_and_grad`` (or of the manual equations) is evaluated one equation at a
time, with the inner jaxprs of ``jit``-wrapped library functions (``_where``, ``softplus``) inlined.
"""

import importlib

import jax
import jax.numpy as jnp
import numpy as np
from jax.extend.core import Literal


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



def _gradient_step(model, activation, mode):
    """(params, X, Y) -> (J, grads): by jax.value_and_grad ("autodiff") or the manual equations."""
    module = importlib.import_module(f".{model}", __package__)
    extra = () if model == "logistic_regression" else (activation,)

    def cost(params, X, Y):
        AL, cache = module.forward_propagation(X, params, *extra)
        return module.compute_cost(cache[f"Z{len(params) // 2}"], Y)

    def step(params, X, Y):
        if mode == "autodiff":
            J, grads = jax.value_and_grad(cost)(params, X, Y)  # argnums=0: no gradient with respect to X
            return J, {"d" + name: grad for name, grad in grads.items()}
        AL, cache = module.forward_propagation(X, params, *extra)
        J = module.compute_cost(cache[f"Z{len(params) // 2}"], Y)
        return J, module.backward_propagation(params, cache, Y, *extra)
    return step


def trace_gradient_step(model, params, X, Y, activation, mode):
    """The jaxpr's equations of one gradient step as (primitive, input indices, value, detail) rows, inputs first,
    and {"J": row, "dW1": row, ...}; each equation is bound to concrete values as it is read."""
    with jax.enable_x64(X.dtype == jnp.float64):
        step = _gradient_step(model, activation, mode)
        closed, shapes = jax.make_jaxpr(step, return_shape=True)(params, X, Y)
        leaves, _ = jax.tree_util.tree_flatten((params, X, Y))
        names = [*sorted(params), "X", "Y"]  # the order of tree_flatten: a dict's keys sorted
        rows = [("input", (), np.asarray(v), name) for v, name in zip(leaves, names, strict=True)]
        env = {var: (i, v) for i, (var, v) in enumerate(zip(closed.jaxpr.invars, leaves, strict=True))}
        _evaluate(closed.jaxpr, closed.consts, env, rows)
    outputs = [env[var][0] for var in closed.jaxpr.outvars]
    return rows, dict(zip(["J", *sorted(shapes[1])], outputs, strict=True))


def _evaluate(jaxpr, consts, env, rows):
    """Bind each equation of ``jaxpr`` in order, recording a row per equation; inner jaxprs are inlined."""
    for var, value in zip(jaxpr.constvars, consts, strict=True):
        env[var] = (None, value)

    def read(atom):
        return (None, atom.val) if isinstance(atom, Literal) else env[atom]

    for eqn in jaxpr.eqns:
        inputs = [read(atom) for atom in eqn.invars]
        inner = eqn.params.get("jaxpr") or eqn.params.get("call_jaxpr")
        if inner is not None:  # jit[name=_where], custom_jvp_call, ...: its equations, in place
            inner_jaxpr = getattr(inner, "jaxpr", inner)
            inner_env = dict(zip(inner_jaxpr.invars, inputs, strict=False))
            _evaluate(inner_jaxpr, getattr(inner, "consts", ()), inner_env, rows)
            for var, atom in zip(eqn.outvars, inner_jaxpr.outvars, strict=True):
                env[var] = (None, atom.val) if isinstance(atom, Literal) else inner_env[atom]
            continue
        values = eqn.primitive.bind(*(value for _, value in inputs), **eqn.params)
        values = values if eqn.primitive.multiple_results else [values]
        detail = str(eqn.params.get("dimension_numbers", eqn.params.get("permutation", "")))
        for var, value in zip(eqn.outvars, values, strict=True):
            env[var] = (len(rows), value)
            rows.append((eqn.primitive.name, tuple(i for i, _ in inputs if i is not None), np.asarray(value), detail))


__all__ = ["computation_graph", "traced_operations", "trace_gradient_step"]

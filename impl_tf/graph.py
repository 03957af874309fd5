"""The course's computation graph (week 2): J = 3(a + bc), forward in TensorFlow, backward by GradientTape.

The tape records the forward operations; ``tape.gradient`` runs each one's registered gradient from J back to
any tensor the tape saw, the intermediate u and v included. Inside a ``tf.function`` both passes become one graph.
"""

import tensorflow as tf


def computation_graph(a, b, c):
    """The forward values {u, v, J} and the backward derivatives {dv, du, da, db, dc} of J = 3(a + b c)."""
    a, b, c = (tf.constant(float(x), tf.float64) for x in (a, b, c))
    with tf.GradientTape() as tape:
        tape.watch([a, b, c])
        u = b * c
        v = a + u
        J = 3 * v
    dv, du, da, db, dc = tape.gradient(J, [v, u, a, b, c])
    forward = {"u": float(u), "v": float(v), "J": float(J)}
    return forward, {"dv": float(dv), "du": float(du), "da": float(da), "db": float(db), "dc": float(dc)}


@tf.function
def _value_and_gradients(a, b, c):
    with tf.GradientTape() as tape:
        tape.watch([a, b, c])
        J = 3 * (a + b * c)
    return J, tape.gradient(J, [a, b, c])


def traced_operations(a, b, c):
    """The operation types of the concrete graph that computes J and its gradients (placeholders left out)."""
    spec = tf.TensorSpec([], tf.float64)
    graph = _value_and_gradients.get_concrete_function(spec, spec, spec).graph
    return [op.type for op in graph.get_operations() if op.type not in ("Placeholder", "Identity", "NoOp")]


__all__ = ["computation_graph", "traced_operations"]

"""Computation graphs in TensorFlow: the course's week-2 example J = 3(a + bc), and one gradient step of each model.

The tape records the forward operations; ``tape.gradient`` runs each one's registered gradient from J back to
any tensor the tape saw, the intermediate u and v included. Inside a ``tf.function`` both passes become one graph:
for the models, the concrete graph of a ``tf.function`` that computes the cost and its ``GradientTape`` gradients
(or the manual equations) is read op by op, and a v1 Session over a copy of it fetches every op's value.
"""

import importlib

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



def _gradient_step(model, activation, mode):
    """(params, X, Y) -> (J, grads) as a tf.function: GradientTape ("autodiff") or the manual equations."""
    module = importlib.import_module(f".{model}", __package__)
    extra = () if model == "logistic_regression" else (activation,)

    @tf.function
    def step(params, X, Y):
        L = len(params) // 2
        with tf.GradientTape() as tape:
            tape.watch(params)  # X is not watched: no gradient with respect to X
            AL, cache = module.forward_propagation(X, params, *extra)
            J = module.compute_cost(cache[f"Z{L}"], Y)
        if mode == "autodiff":
            return J, {"d" + name: grad for name, grad in tape.gradient(J, params).items()}
        return J, module.backward_propagation(params, cache, Y, *extra)
    return step


_NOT_OPERATIONS = ("Placeholder", "Identity", "NoOp")


def trace_gradient_step(model, params, X, Y, activation, mode):
    """The concrete graph's operations of one gradient step as (op, input indices, value, detail) rows, inputs
    first, and {"J": row, "dW1": row, ...}; every op's value is fetched by a Session over the graph."""
    concrete = _gradient_step(model, activation, mode).get_concrete_function(params, X, Y)
    graph = concrete.graph
    names = [*sorted(params), "X", "Y"]  # the order of tf.nest.flatten, the order of graph.inputs
    inputs = dict(zip((t.name for t in graph.inputs), names, strict=False))
    operations = [op for op in graph.get_operations() if op.type not in _NOT_OPERATIONS]
    with tf.Graph().as_default() as copy:
        tf.graph_util.import_graph_def(graph.as_graph_def(), name="")
        with tf.compat.v1.Session(graph=copy) as session:
            values = session.run([op.outputs[0].name for op in operations if op.outputs],
                                 {t.name: v.numpy() for t, v in zip(graph.inputs, tf.nest.flatten((params, X, Y)),
                                                                     strict=False)})
    values = iter(values)
    rows = [("input", (), tf.nest.flatten((params, X, Y))[i].numpy(), name) for i, name in enumerate(names)]
    index = {t: i for i, t in enumerate(inputs)}
    for op in operations:
        detail = ", ".join(f"{key}" for key in ("transpose_a", "transpose_b", "adj_x", "adj_y")
                           if key in op.node_def.attr and op.get_attr(key))
        index[op.outputs[0].name] = len(rows)
        rows.append((op.type, tuple(index[t.name] for t in op.inputs if t.name in index), next(values), detail))
    J, grads = concrete.structured_outputs
    outputs = {"J": J, **grads}
    return rows, {key: index[_through_identity(t).name] for key, t in outputs.items()}


def _through_identity(tensor):
    while tensor.op.type == "Identity":
        tensor = tensor.op.inputs[0]
    return tensor


__all__ = ["computation_graph", "traced_operations", "trace_gradient_step"]

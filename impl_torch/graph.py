"""Computation graphs in torch: the course's week-2 example J = 3(a + bc), and one gradient step of each model.

autograd records each operation's backward node (``J.grad_fn``) as the forward runs; ``J.backward()`` walks them
from J to the leaves a, b, c. ``retain_grad`` keeps the derivatives of the intermediate nodes u and v too.
For the models, ``make_fx`` traces ``torch.func.grad_and_value`` (or the manual equations) into the ATen
operations the step executes, forward and backward, and ``torch.fx.Interpreter`` runs them one by one.
"""

import importlib

import torch
from torch.fx.experimental.proxy_tensor import make_fx


def computation_graph(a, b, c):
    """The forward values {u, v, J} and the backward derivatives {dv, du, da, db, dc} of J = 3(a + b c)."""
    a, b, c = (torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in (a, b, c))
    u = b * c
    v = a + u
    J = 3 * v
    u.retain_grad()
    v.retain_grad()
    J.backward()
    forward = {"u": u.item(), "v": v.item(), "J": J.item()}
    return forward, {"dv": v.grad.item(), "du": u.grad.item(), "da": a.grad.item(), "db": b.grad.item(),
                     "dc": c.grad.item()}


def traced_operations(a, b, c):
    """The backward nodes autograd recorded behind J, from J to the leaves (breadth first)."""
    a, b, c = (torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in (a, b, c))
    J = 3 * (a + b * c)
    return [type(node).__name__ for node in _backward_nodes(J)]


def _backward_nodes(J):
    """The grad_fn nodes behind J, from J to the leaves, breadth first, each once."""
    queue, seen = [J.grad_fn], set()
    while queue:
        node = queue.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        queue.extend(child for child, _ in node.next_functions)


def _gradient_step(model, activation, mode):
    """(params, X, Y) -> (J, grads): by torch.func.grad_and_value ("autodiff") or the manual equations."""
    module = importlib.import_module(f".{model}", __package__)
    extra = () if model == "logistic_regression" else (activation,)

    def cost(params, X, Y):
        AL, cache = module.forward_propagation(X, params, *extra)
        return module.compute_cost(cache[f"Z{len(params) // 2}"], Y)

    def step(params, X, Y):
        if mode == "autodiff":
            grads, J = torch.func.grad_and_value(cost)(params, X, Y)  # with respect to params only
            return J, {"d" + name: grad for name, grad in grads.items()}
        AL, cache = module.forward_propagation(X, params, *extra)
        J = module.compute_cost(cache[f"Z{len(params) // 2}"], Y)
        return J, module.backward_propagation(params, cache, Y, *extra)
    return step


def trace_gradient_step(model, params, X, Y, activation, mode):
    """The ATen operations of one gradient step as (op, input indices, value, detail) rows, inputs first,
    and {"J": row, "dW1": row, ...}: make_fx traces the step, an fx Interpreter evaluates every node."""
    step = _gradient_step(model, activation, mode)
    module = make_fx(step)(params, X, Y)
    rows, index = [], {}

    class Recorder(torch.fx.Interpreter):
        def run_node(self, node):
            value = super().run_node(node)
            inputs = tuple(index[arg.name] for arg in node.all_input_nodes)
            if node.op == "placeholder":
                op, detail = "input", names[len(rows)]
            elif node.op == "call_function":
                op = str(node.target).removesuffix(".default")  # aten.mm, aten.add.Tensor, ...
                detail = ", ".join(str(a) for a in node.args if not isinstance(a, torch.fx.Node))
            else:
                return value
            index[node.name] = len(rows)
            rows.append((op, inputs, value.detach().numpy().copy() if torch.is_tensor(value) else value, detail))
            return value

    names = [*params, "X", "Y"]
    J, grads = Recorder(module).run(params, X, Y)
    outputs = [node for node in module.graph.nodes if node.op == "output"][0].args[0]
    keys = ["J", *("d" + name for name in params)] if mode == "autodiff" else ["J", *grads]
    flat = torch.utils._pytree.tree_leaves(outputs)
    return rows, {key: index[node.name] for key, node in zip(keys, flat, strict=True)}


def autograd_nodes(model, params, X, Y, activation):
    """The grad_fn nodes behind the cost, from J to the leaves (breadth first), each with the tensors it saved
    for the backward pass: [(node name, {saved name: value})]."""
    module = importlib.import_module(f".{model}", __package__)
    extra = () if model == "logistic_regression" else (activation,)
    params = {name: value.detach().requires_grad_() for name, value in params.items()}
    AL, cache = module.forward_propagation(X, params, *extra)
    J = module.compute_cost(cache[f"Z{len(params) // 2}"], Y)
    return [(type(node).__name__, {name.removeprefix("_saved_"): getattr(node, name).detach().numpy().copy()
                                   for name in dir(node)
                                   if name.startswith("_saved_") and torch.is_tensor(getattr(node, name))})
            for node in _backward_nodes(J)]


__all__ = ["computation_graph", "traced_operations", "trace_gradient_step", "autograd_nodes"]

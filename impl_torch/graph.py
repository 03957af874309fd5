"""The course's computation graph (week 2): J = 3(a + bc), forward in torch, backward by autograd.

autograd records each operation's backward node (``J.grad_fn``) as the forward runs; ``J.backward()`` walks them
from J to the leaves a, b, c. ``retain_grad`` keeps the derivatives of the intermediate nodes u and v too.
"""

import torch


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
    names, queue, seen = [], [J.grad_fn], set()
    while queue:
        node = queue.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        names.append(type(node).__name__)
        queue.extend(child for child, _ in node.next_functions)
    return names


__all__ = ["computation_graph", "traced_operations"]

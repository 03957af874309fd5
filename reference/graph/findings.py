"""What a labelled graph shows: operation counts by kind, its matrix products against the course's, and where the
framework does the step differently from the course's equations."""

from __future__ import annotations

import math
from collections import Counter

from .symbols import layer_count, manual_matmuls
from .trace import Graph, Node

COUNTED = ("matmul", "transpose", "elementwise", "reduction", "shape")
_STANDARD_DOT = "(((1,), (0,)), ((), ()))"  # JAX's dot_general for an untransposed A @ B


def counts(graph: Graph) -> dict[str, int]:
    """The computed operations by kind (constants and unused nodes left out)."""
    kinds = Counter(n.kind for n in graph.operations())
    return {kind: kinds.get(kind, 0) for kind in COUNTED}


def matmul_signature(graph: Graph, node: Node) -> tuple[tuple[int, ...], int]:
    """(output shape, inner size): the inner size k from |lhs| |rhs| = |out| k^2, whatever the operands' layout."""
    lhs, rhs = (graph.nodes[i].value.size for i in node.inputs[:2])
    return node.shape, math.isqrt(lhs * rhs // node.value.size)


def _unordered(signature):
    shape, k = signature
    return tuple(sorted(shape)), k


def matmuls(graph: Graph) -> list[tuple[str, tuple[tuple[int, ...], int], bool]]:
    """(label, signature, folded) for every computed matrix product; folded: a transpose done by the product."""
    return [(n.label, matmul_signature(graph, n), "transpose" in n.detail or "adj" in n.detail
             or (n.detail.startswith("(((") and n.detail != _STANDARD_DOT))
            for n in graph.operations() if n.kind == "matmul"]


def matmul_problems(graph: Graph) -> list[str]:
    """What differs from the course's matrix products (count, shapes, a product with respect to X); [] if none."""
    expected = manual_matmuls(graph.model)
    found = matmuls(graph)
    problems = []
    if Counter(_unordered(s) for _, s in expected) != Counter(_unordered(s) for _, s, _ in found):
        problems.append(f"{len(found)} products of (output, inner) sizes "
                        f"{sorted(_unordered(s) for _, s, _ in found)}, the course's {len(expected)} are "
                        f"{sorted(_unordered(s) for _, s in expected)}")
    for label, _, _ in found:
        if label.startswith("dA0"):
            problems.append(f"a product with respect to X: {label}")
    return problems


def differences(graph: Graph) -> list[str]:
    """Sentences on where this graph computes the step differently from the course's equations."""
    L = layer_count(graph.model)
    ops = graph.operations()
    labels = {n.label for n in ops}
    out = []
    if f"dZ{L}" not in labels and f"dZ{L}/m" in labels:
        node = next(n for n in ops if n.label == f"dZ{L}/m")
        chain = _backward_chain(graph, node)
        out.append(f"dZ{L}: the course's A{L} - Y is never formed; dJ/dZ{L} = (A{L} - Y)/m comes out of the "
                   f"cross-entropy's own derivative ({' '.join(chain)})")
    unused = [n.label for n in graph.nodes if n.place == "unused" and n.label and n.kind != "constant"]
    if unused:
        out.append(f"computed and never used by the step: {', '.join(dict.fromkeys(unused))}")
    if any(n.label.startswith("dZ") and n.label.endswith("/m") for n in ops):
        out.append("1/m: taken once, at the cost's mean, so every backward node carries it (dJ/dZ = dZ/m) and "
                   "dW, db need no division (the course divides each dW and db by m)")
    for l in range(L - 1, 0, -1):
        dZ = next((n for n in ops if n.label in (f"dZ{l}", f"dZ{l}/m")), None)
        if dZ is not None:
            reads = ", ".join(graph.nodes[i].label or graph.nodes[i].op for i in dZ.inputs)
            how = "a select (the mask chooses dA or 0)" if dZ.op in ("select_n", "Select", "SelectV2",
                                                                    "aten.where.self") else dZ.op
            out.append(f"{dZ.label} by {how}, from {reads}")
    transposes = sum(n.kind == "transpose" for n in ops)
    folded = sum(f for _, _, f in matmuls(graph))
    out.append(f"transposes: {transposes} as operations, {folded} folded into a matrix product "
               f"(the course writes {2 * L - 1}: A[l-1]^T for each dW, W[l]^T for each dA)")
    repeated = Counter((n.label, n.op, tuple(graph.nodes[i].label or i for i in n.inputs)) for n in ops
                       if n.label[:1] in ("Z", "A", "W") and n.kind not in ("shape", "transpose"))
    for (label, _, _), count in repeated.items():
        if count > 1:
            out.append(f"{label} computed {count} times: the backward pass recomputes it instead of reading it "
                       f"from the forward pass's cache")
    return out


def _backward_chain(graph: Graph, node: Node) -> list[str]:
    """The operations of the backward pass that lead to ``node``, in order."""
    seen, stack = set(), [node.index]
    while stack:
        i = stack.pop()
        if i in seen or graph.nodes[i].place != "backward" or graph.nodes[i].kind == "constant":
            continue
        seen.add(i)
        stack.extend(graph.nodes[i].inputs)
    return [graph.nodes[i].op for i in sorted(seen)]

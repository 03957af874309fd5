"""One gradient step of a model as the operations a backend executes: ``trace`` returns a ``Graph`` of ``Node``s.

Each backend's ``graph.trace_gradient_step`` (impl_*/graph.py) reads its framework's own record of the step
(torch: ``make_fx``'s ATen graph; TensorFlow: the ``tf.function``'s concrete graph; JAX: the jaxpr; NumPy: an
ndarray subclass that logs each operation) and evaluates it. Here every operation gets a kind (matrix product,
transpose, elementwise, reduction, shape, constant) and a place: forward (needed for J), backward (needed only
for the gradients) or unused (computed, then never read by J or a gradient).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import numpy as np

from ..backends import get_backend
from . import symbols as course

MODES = {"numpy": ("manual",), "torch": ("autodiff", "manual"), "tf": ("autodiff", "manual"),
         "jax": ("autodiff", "manual")}

# Each framework's operation names by kind; anything not named here is elementwise.
KINDS = {
    "matmul": {"aten.mm", "aten.addmm", "aten.matmul", "MatMul", "BatchMatMulV2", "dot_general", "matmul"},
    "transpose": {"aten.t", "aten.permute", "aten.transpose.int", "Transpose", "transpose"},
    "reduction": {"aten.sum", "aten.sum.dim_IntList", "aten.mean", "Sum", "Mean", "reduce_sum", "sum"},
    "shape": {"aten.expand", "aten.view", "aten.reshape", "aten.unsqueeze", "Reshape", "Tile", "BroadcastTo",
              "ExpandDims", "Squeeze", "reshape", "broadcast_in_dim", "squeeze", "expand_dims"},
    "constant": {"aten.zeros_like", "aten.ones_like", "aten.full_like", "aten.scalar_tensor", "Const",
                 "ZerosLike", "OnesLike", "Fill", "iota"},
}


@dataclass
class Node:
    index: int
    op: str                    # the framework's own name: aten.mm, MatMul, dot_general, matmul
    inputs: tuple[int, ...]    # indices of the nodes it reads
    value: np.ndarray
    detail: str = ""           # an input's name, or the operation's arguments (transpose flags, axes)
    kind: str = ""             # input, matmul, transpose, elementwise, reduction, shape, constant
    place: str = ""            # input, forward, backward, unused
    label: str = ""            # the course's symbol, once labelled

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(np.shape(self.value))


@dataclass
class Graph:
    backend: str
    mode: str                  # autodiff or manual
    model: str
    activation: str | None
    nodes: list[Node]
    outputs: dict[str, int]    # {"J": index, "dW1": index, ...}
    extra: list = field(default_factory=list)  # torch: the autograd nodes and the tensors each saved
    dtype: str = "float64"     # what it was traced in: its values are named at this dtype's tolerance (label.py)

    def operations(self) -> list[Node]:
        """The nodes that compute something: not inputs, constants or unused."""
        return [n for n in self.nodes if n.place in ("forward", "backward") and n.kind != "constant"]


def trace(backend: str, model: str, mode: str = "autodiff", activation: str | None = None, seed: int = 0,
          package: str | None = None) -> Graph:
    """One gradient step of ``model`` on ``symbols.problem(model, seed)`` in float64, as ``backend`` executes it.
    ``package`` traces another copy of the backend (the tests' planted bugs)."""
    if mode not in MODES[backend]:
        raise ValueError(f"mode: expected one of {', '.join(MODES[backend])} for {backend}, got {mode!r}")
    b = get_backend(backend)  # a missing framework: the error names the extra to install
    graph_module = importlib.import_module(f"{package or 'impl_' + backend}.graph")
    params, X, Y = course.problem(model, seed)
    dtype = "float64"
    with b.precision(dtype):
        params = {name: b.asarray(value) for name, value in params.items()}
        rows, outputs = graph_module.trace_gradient_step(model, params, b.asarray(X), b.asarray(Y), activation, mode)
        extra = (graph_module.autograd_nodes(model, params, b.asarray(X), b.asarray(Y), activation)
                 if mode == "autodiff" and hasattr(graph_module, "autograd_nodes") else [])
    nodes = [Node(i, op, tuple(inputs), np.asarray(value, dtype=np.float64), str(detail))
             for i, (op, inputs, value, detail) in enumerate(rows)]
    _classify(nodes, outputs)
    return Graph(backend, mode, model, activation, nodes, outputs, extra, dtype)


def _classify(nodes: list[Node], outputs: dict[str, int]) -> None:
    for node in nodes:
        if node.op == "input":
            node.kind = node.place = "input"
            continue
        node.kind = next((kind for kind, ops in KINDS.items() if node.op in ops), "elementwise")
        if not node.inputs or all(nodes[i].kind == "constant" for i in node.inputs):
            node.kind = "constant"
    forward = _ancestors(nodes, [outputs["J"]])
    live = _ancestors(nodes, list(outputs.values()))
    for node in nodes:
        if node.kind != "input":
            node.place = "forward" if node.index in forward else "backward" if node.index in live else "unused"


def _ancestors(nodes: list[Node], roots: list[int]) -> set[int]:
    seen, stack = set(), list(roots)
    while stack:
        i = stack.pop()
        if i not in seen:
            seen.add(i)
            stack.extend(nodes[i].inputs)
    return seen

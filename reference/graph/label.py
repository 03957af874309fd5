"""Naming a graph's nodes with the course's symbols, and checking the names against the values.

``label_by_value`` names each computed node with the first symbol (symbols.py's order) whose oracle value it matches
within the tolerance table, at the graph's dtype (``trace`` traces in float64, where a node one float32 rounding
away from dZ1 is not dZ1; a graph built in float32 is named at float32's tolerance): what a node is comes from what
it computes. ``label_by_alignment`` carries the labels of a correct graph over to another trace of the same step (a
copy of a backend with a planted bug) by aligning their operation sequences, so that ``mismatches`` can show the
node whose value no longer matches.
"""

from __future__ import annotations

import difflib

import numpy as np

from ..proof.tolerances import Comparison, compare
from .symbols import Symbol
from .trace import Graph


def label_by_value(graph: Graph, candidates: list[Symbol]) -> None:
    for node in graph.nodes:
        if node.kind == "input":
            node.label = node.detail  # the input's name: W1, b1, ..., X, Y
            continue
        if node.kind == "constant":  # named by its value where it is one number: 0, 7, 0.142857
            flat = node.value.ravel()
            node.label = f"{flat[0]:.6g}" if flat.size and (flat == flat[0]).all() else ""
            continue
        node.label = name_of(node.value, candidates, graph.dtype)


def name_of(value, candidates: list[Symbol], dtype: str) -> str:
    """The first candidate whose value ``value`` is, within the tolerance table's entry for ``dtype``; "" when
    none."""
    return next((s.name for s in candidates if s.value.shape == np.shape(value)
                 and compare(value, s.value, dtype, s.quantity).ok), "")


def label_by_alignment(graph: Graph, reference: Graph) -> None:
    """Give each node of ``graph`` the label of the node in the same place of ``reference``'s operation sequence
    (difflib's alignment of "op shape" strings; a replaced run of equal length is matched one to one), and each
    node the step returns the name it is returned as (J, dW1, ...): that is what it claims to be."""
    def keys(g: Graph) -> list[str]:
        return [f"{n.op} {n.shape}" for n in g.nodes]

    matcher = difflib.SequenceMatcher(None, keys(reference), keys(graph), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                graph.nodes[j].label = reference.nodes[i].label
    for name, index in graph.outputs.items():
        graph.nodes[index].label = name


def mismatches(graph: Graph, candidates: list[Symbol]) -> list[tuple[int, str, Comparison]]:
    """(node index, label, comparison) for every labelled computed node whose value is not its label's."""
    by_name = {s.name: s for s in candidates}
    out = []
    for node in graph.nodes:
        symbol = by_name.get(node.label)
        if node.kind in ("input", "constant") or symbol is None:
            continue
        result = compare(node.value, symbol.value, graph.dtype, symbol.quantity)
        if not result.ok:
            out.append((node.index, node.label, result))
    return out

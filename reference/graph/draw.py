"""A labelled graph as a picture: Graphviz DOT text, and SVG from Graphviz's ``dot`` (the system's package).

Each computed operation is a box: the course's symbol it equals (bold) over the framework's operation and its
shape; the step's inputs are grey, the forward pass blue, the backward pass orange, matrix products outlined
thick, and a node whose value does not match its label red. Constants are written into the box that reads them
(``div 7``), and operations the step never uses are left out.
"""

from __future__ import annotations

import html
import shutil
import subprocess

from .trace import Graph

COLOURS = {"input": "#e6e6e6", "forward": "#d6e8fa", "backward": "#fde3c8", "mismatch": "#f4a6a6"}


def dot_source(graph: Graph, mismatched: frozenset[int] | set[int] = frozenset()) -> str:
    shown = [n for n in graph.nodes if n.place in ("input", "forward", "backward") and n.kind != "constant"]
    ids = {n.index for n in shown}
    outputs = {index: name for name, index in graph.outputs.items()}
    lines = [f'digraph "{graph.backend}_{graph.mode}_{graph.model}" {{',
             '  graph [rankdir=TB, nodesep=0.15, ranksep=0.25, fontname="Helvetica", fontsize=10];',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=9, margin="0.06,0.03"];',
             '  edge [arrowsize=0.5, color="#666666"];']
    for n in shown:
        constants = [graph.nodes[i].label for i in n.inputs if i not in ids and graph.nodes[i].label]
        op = n.op if n.kind != "input" else "input"
        text = f"{html.escape(op)}{' ' + html.escape(', '.join(constants)) if constants else ''}"
        title = f"<B>{html.escape(n.label)}</B><BR/>" if n.label else ""
        output = f"<BR/><I>returns {html.escape(outputs[n.index])}</I>" if n.index in outputs else ""
        colour = COLOURS["mismatch"] if n.index in mismatched else COLOURS[n.place]
        border = ', penwidth=2.2' if n.kind == "matmul" else ""
        border += ', color="#c00000", penwidth=2.5' if n.index in mismatched else ""
        lines.append(f'  n{n.index} [label=<{title}{text} <FONT POINT-SIZE="8">{n.shape}</FONT>{output}>, '
                     f'fillcolor="{colour}"{border}, tooltip="%{n.index} {html.escape(n.op)}"];')
    for n in shown:
        for i in dict.fromkeys(n.inputs):
            if i in ids:
                lines.append(f"  n{i} -> n{n.index};")
    lines.append("}")
    return "\n".join(lines)


def svg(source: str) -> str:
    """The SVG that Graphviz's dot draws from ``source``; an OSError naming the package when dot is missing."""
    dot = shutil.which("dot")
    if dot is None:
        raise OSError("Graphviz's dot is not installed: the pictures need the system's graphviz package "
                      "(apt-get install graphviz; make test installs it with .ci/install-system-packages)")
    result = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise OSError(f"dot failed: {result.stderr.strip()[-500:]}")
    text = result.stdout
    return text[text.index("<svg"):]  # without the XML prolog and doctype, to sit inside HTML

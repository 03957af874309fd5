"""The course's week-2 computation graph, J = 3(a + bc), in the four frameworks.

The course (week 2, "Computation Graph" and "Derivatives with a Computation Graph") takes a = 5, b = 3, c = 2:
forward u = bc = 6, v = a + u = 11, J = 3v = 33; backward dJ/dv = 3, dJ/du = 3, dJ/da = 3, dJ/db = 3c = 6,
dJ/dc = 3b = 9. Each backend's ``graph.computation_graph`` computes them (NumPy by the chain rule by hand, the
others by their autodiff) and ``graph.traced_operations`` lists what the framework executes.
"""

from __future__ import annotations

import importlib

from ..backends import get_backend

INPUTS = {"a": 5.0, "b": 3.0, "c": 2.0}
NODES = [("u", "u = b c"), ("v", "v = a + u"), ("J", "J = 3 v")]
DERIVATIVES = [("dv", "dJ/dv"), ("du", "dJ/du = dJ/dv dv/du"), ("da", "dJ/da = dJ/dv dv/da"),
               ("db", "dJ/db = dJ/du du/db"), ("dc", "dJ/dc = dJ/du du/dc")]
# The course's published numbers for a = 5, b = 3, c = 2 (the lecture's graph)
PUBLISHED = {"u": 6.0, "v": 11.0, "J": 33.0, "dv": 3.0, "du": 3.0, "da": 3.0, "db": 6.0, "dc": 9.0}


def oracle(a: float, b: float, c: float) -> dict[str, float]:
    """Every node and derivative from the formulas above, in Python floats."""
    return {"u": b * c, "v": a + b * c, "J": 3 * (a + b * c), "dv": 3.0, "du": 3.0, "da": 3.0, "db": 3 * c,
            "dc": 3 * b}


def evaluate(backends, a: float = 5.0, b: float = 3.0, c: float = 2.0) -> dict[str, dict]:
    """backend -> {"values": every node and derivative, "operations": what it executed}."""
    out = {}
    for name in backends:
        get_backend(name)  # a missing framework: the error names the extra to install
        graph = importlib.import_module(f"impl_{name}.graph")
        forward, backward = graph.computation_graph(a, b, c)
        out[name] = {"values": {**forward, **backward}, "operations": list(graph.traced_operations(a, b, c))}
    return out


def render(results: dict[str, dict], a: float = 5.0, b: float = 3.0, c: float = 2.0) -> str:
    expected = oracle(a, b, c)
    names = list(results)
    lines = [f"J = 3(a + bc) at a = {a:g}, b = {b:g}, c = {c:g} (the course's week-2 computation graph)", ""]
    header = f"{'node':<24}{'expected':>10}" + "".join(f"{n:>10}" for n in names)
    lines += [header, "-" * len(header)]
    for key, formula in NODES + DERIVATIVES:
        row = f"{formula:<24}{expected[key]:>10g}"
        for n in names:
            value = results[n]["values"][key]
            row += f"{value:>10g}" if value == expected[key] else f"{str(value) + ' !':>10}"
        lines.append(row)
    lines.append("")
    for n in names:
        lines.append(f"{n}: " + ", ".join(results[n]["operations"]))
    return "\n".join(lines)

"""``rosetta graph MODEL``: one gradient step of a model in every backend, labelled, counted and compared.

``explain`` traces the step in each backend and mode (trace.py), labels its nodes by value (label.py), and collects
what findings.py reads from it; ``render`` prints it as text, ``draw.py`` as pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import findings
from .label import label_by_value, name_of
from .symbols import DEFAULT_ACTIVATION, Symbol, layer_count, problem, symbols
from .trace import MODES, Graph, trace

MODELS = ("logistic_regression", "shallow_nn", "deep_nn")


@dataclass
class Explained:
    graph: Graph
    candidates: list[Symbol]
    missing: list[str]          # course intermediates found in no node, in no form
    counts: dict[str, int]
    matmul_problems: list[str]
    differences: list[str]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.matmul_problems


def course_intermediates(model: str) -> list[tuple[str, ...]]:
    """The oracle's intermediates every graph must reproduce, each with the forms it may take there."""
    L = layer_count(model)
    needed: list[tuple[str, ...]] = [("J",)]
    for l in range(1, L + 1):
        needed += [(f"Z{l}",), (f"A{l}",), (f"dZ{l}", f"dZ{l}/m"), (f"dW{l}",), (f"db{l}",)]
        if l < L:
            needed.append((f"dA{l}", f"dA{l}/m", f"dA{l}^T", f"dA{l}/m^T"))
    return needed


def explain_one(backend: str, model: str, mode: str, activation: str | None = None) -> Explained:
    activation = activation if model != "logistic_regression" else None
    graph = trace(backend, model, mode, activation)
    candidates = symbols(model, activation, *problem(model))
    label_by_value(graph, candidates)
    graph.extra = [(name, [f"{key}={name_of(value, candidates, graph.dtype) or f'a {value.shape} tensor'}"
                           for key, value in saved.items()])
                   for name, saved in graph.extra]
    labels = {n.label for n in graph.nodes}
    missing = [forms[0] for forms in course_intermediates(model) if not labels & set(forms)]
    return Explained(graph, candidates, missing, findings.counts(graph), findings.matmul_problems(graph),
                     findings.differences(graph))


def explain(model: str, backends, activation: str | None = None, modes=("autodiff", "manual")) -> list[Explained]:
    activation = activation or DEFAULT_ACTIVATION[model]
    return [explain_one(b, model, mode, activation) for b in backends for mode in modes if mode in MODES[b]]


def render(results: list[Explained]) -> str:
    first = results[0].graph
    lines = [f"{first.model}" + (f" ({first.activation})" if first.activation else "")
             + ": one gradient step, every operation each framework executes, named by the course's symbol its value "
             "equals (the loop oracle, float64, within the tolerance table)", ""]
    header = f"{'backend':<16}" + "".join(f"{k:>12}" for k in findings.COUNTED) + "   course's products"
    lines += [header, "-" * len(header)]
    for r in results:
        g = r.graph
        products = "exact" if not r.matmul_problems else "; ".join(r.matmul_problems)
        lines.append(f"{g.backend + ':' + g.mode:<16}" + "".join(f"{r.counts[k]:>12}" for k in findings.COUNTED)
                     + f"   {products}")
    for r in results:
        g = r.graph
        lines += ["", f"{g.backend}:{g.mode}" + ("" if r.ok else "  ! missing " + ", ".join(r.missing))]
        for node in g.operations():
            reads = ", ".join(g.nodes[i].label or f"%{i}" for i in node.inputs)
            label = node.label or ""
            lines.append(f"  %{node.index:<4}{node.place[:4]:<6}{node.op:<26}{str(node.shape):<10}{label:<14}{reads}")
        if g.extra:
            lines.append("  autograd nodes (what each saved for backward):")
            for name, saved in g.extra:
                lines.append(f"    {name}" + (f" saves {', '.join(saved)}" if saved else ""))
        lines += [f"  - {d}" for d in r.differences]
    return "\n".join(lines)

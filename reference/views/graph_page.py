"""The web page's section on the models' computation graphs (``rosetta site``): for each model, the course's backward
equations, the operation counts of every backend and mode, and each backend's graph of one gradient step drawn as
SVG at build time (Graphviz's dot; without it the section says so and the rest of the page is built as usual)."""

from __future__ import annotations

import html
from collections.abc import Callable

from ..backends import available_backends
from ..graph import draw, findings, models
from .equations import EQUATIONS

NAMES = {"numpy": "NumPy", "torch": "PyTorch", "tf": "TensorFlow", "jax": "JAX"}
LEGEND = ("Each box is one operation the framework executes for one gradient step on a small problem (n_x = 3, "
          "hidden layers of 4 or of 5 and 4 units, m = 7, float64), named in bold by the course's symbol whose "
          "value it equals (the loop oracle, within the tolerance table): blue the forward pass, orange the "
          "backward pass, thick outline a matrix product. dZ2/m is dJ/dZ2: autodiff carries the cost's 1/m from "
          "the start, where the course divides dW and db by m at the end.")


def section(mathml: Callable[[str], str]) -> str:
    backends = available_backends()
    parts = [f'<p>{html.escape(LEGEND)} The same as text: <code>rosetta graph MODEL</code>.</p>']
    for model in models.MODELS:
        explained = models.explain(model, backends)
        equation = EQUATIONS[f"{model}.backward_propagation"]
        rows = "".join(
            f"<tr><td>{NAMES[e.graph.backend]}</td><td>{e.graph.mode}</td>"
            + "".join(f"<td>{e.counts[k]}</td>" for k in findings.COUNTED)
            + f"<td>{'exact' if not e.matmul_problems else html.escape('; '.join(e.matmul_problems))}</td></tr>"
            for e in explained)
        head = "".join(f"<th>{h}</th>" for h in ("backend", "mode", *findings.COUNTED, "the course's products"))
        figures = []
        for e in explained:
            if e.graph.mode != ("manual" if e.graph.backend == "numpy" else "autodiff"):
                continue
            try:
                picture = draw.svg(draw.dot_source(e.graph))
            except OSError as exc:
                picture = f'<p class="no">{html.escape(str(exc))}</p>'
            notes = "".join(f"<li>{html.escape(d)}</li>" for d in e.differences)
            figures.append(f'<figure class="graph" data-backend="{e.graph.backend}">{picture}'
                           f'<figcaption>{NAMES[e.graph.backend]}, {e.graph.mode}</figcaption>'
                           f'<ul class="differences">{notes}</ul></figure>')
        activation = explained[0].graph.activation
        parts.append(
            f'<article class="model-graph" id="graph-{model}"><h3><code>{model}</code>'
            f'{" (" + activation + ")" if activation else ""}: one gradient step</h3>'
            f'<div class="equation">{"".join(mathml(line) for line in equation.latex)}</div>'
            f'<table class="results counts"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'<div class="graphs">{"".join(figures)}</div></article>')
    return "".join(parts)

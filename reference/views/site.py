"""``rosetta site -o DIR``: one static web page that walks the course, for reading offline.

For every concept, in the course's order: its equation (LaTeX from reference/views/equations.py, turned into
MathML here, at build time, by latex2mathml: browsers lay MathML out themselves, no script or font
needed) and the four implementations in columns whose matching lines share a row, highlighted by
pygments. Then each model's computation graph in every framework (reference/views/graph_page.py: SVG drawn by
Graphviz at build time) and the table and plots of the latest ``rosetta compare``. Everything is inside index.html
(styles, script, the plots as data URIs), so the page opens from the file system with no network.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from ..backends import BACKENDS
from ..check import course_api
from ..quiet import quiet_stderr
from . import graph_page
from .equations import EQUATIONS, SECTIONS
from .show import align, concepts, snippets

ASSETS = Path(__file__).parent / "site_assets"
NAMES = {"numpy": "NumPy", "torch": "PyTorch", "tf": "TensorFlow", "jax": "JAX"}

# Runs first, before anything else on the page can fail: records errors for the page and the browser test.
_ERROR_RECORDER = """
window.__rosettaErrors = [];
window.addEventListener("error", function (e) {
  var t = e.target || {};
  window.__rosettaErrors.push(e.message || ("failed to load " + (t.src || t.href || t.tagName)));
}, true);
(function () {
  var original = console.error;
  console.error = function () {
    window.__rosettaErrors.push(Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
})();
"""


def mathml(latex: str) -> str:
    from latex2mathml.converter import convert

    return convert(latex, display="block")


def _highlighted_rows(code_lines: list[str | None], code: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    colored = iter(highlight(code, PythonLexer(), HtmlFormatter(nowrap=True)).rstrip("\n").split("\n"))
    rows = []
    for line in code_lines:
        rows.append('<span class="row gap"></span>' if line is None else f'<span class="row">{next(colored)}</span>')
    return "".join(rows)


def concept_html(concept: str) -> str:
    equation = EQUATIONS.get(concept)
    found = snippets(concept)
    present = {b: s for b, s in found.items() if s is not None}
    rows = align([s.code.splitlines() for s in present.values()]) if present else []
    columns = []
    for backend, s in found.items():
        label = f'<span class="name">{NAMES[backend]}</span>'
        if s is None:
            columns.append(f'<div class="impl" data-backend="{backend}"><div class="file">{label}</div>'
                           f'<div class="missing">{BACKENDS[backend][0]} has no {html.escape(concept)}</div></div>')
            continue
        k = list(present).index(backend)
        body = _highlighted_rows([row[k] for row in rows], s.code)
        columns.append(f'<div class="impl" data-backend="{backend}"><div class="file">{label} {s.path}:{s.line}</div>'
                       f'<pre class="highlight">{body}</pre></div>')
    title = f' <span class="title">{html.escape(equation.title)}</span>' if equation else ""
    course = course_api.course_names(concept)
    if course:
        title += ('<div class="course-names">The course: ' + ", ".join(f"<code>{html.escape(name)}</code>"
                                                                   for name in course) + "</div>")
    maths = "".join(mathml(line) for line in equation.latex) if equation else ""
    return (f'<article class="concept" id="{concept}"><h3><code>{concept}</code>{title}</h3>'
            f'<div class="equation">{maths}</div><div class="columns">{"".join(columns)}</div></article>')


def results_html(folder: Path | None) -> str:
    if folder is None:
        return ("<p>No results of <code>rosetta compare</code> were found. Run <code>rosetta compare</code>, "
                "then <code>rosetta site</code> again.</p>")
    document = json.loads((folder / "results.json").read_text())
    head = ("model", "backend", "final cost", "train acc", "test acc", "max |dparams|", "max |dcost|", "seconds",
            "agrees")
    rows = []
    for r in document["results"]:
        cells = [r["model"], r["backend"], f'{r["final_cost"]:.6f}', f'{r["train_accuracy"]:.2%}',
                 f'{r["test_accuracy"]:.2%}', f'{r["max_param_diff"]:.2e}', f'{r["max_cost_diff"]:.2e}',
                 f'{r["seconds"]:.2f}']
        verdict = '<td>yes</td>' if r["agrees"] else '<td class="no">NO</td>'
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + verdict + "</tr>")
    notes = [f'<li><code>{m["model"]}</code>: alpha = {m["learning_rate"]:g}, {m["num_iterations"]} iterations, '
             f'init {m["init"]}, layers {m["layer_dims"]}; judged: {html.escape(m["judged_because"])}</li>'
             for m in document.get("models", [])]
    images = []
    for name in document.get("plots", []):
        path = folder / name
        if path.is_file():
            data = base64.b64encode(path.read_bytes()).decode()
            images.append(f'<figure><img alt="{html.escape(name)}" src="data:image/png;base64,{data}"></figure>')
    verdict = "every backend agrees with NumPy" if document.get("all_agree") else "some backends DISAGREE with NumPy"
    return (f'<p>{html.escape(str(document["dataset"]))} data, {document["dtype"]}, seed {document["seed"]}: '
            f'{verdict} within the tolerance table.</p>'
            f'<table class="results"><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table><ul>{"".join(notes)}</ul>'
            f'<div class="plots">{"".join(images)}</div>')


def page(results: Path | None = None) -> str:
    from pygments.formatters import HtmlFormatter

    known = concepts()
    sections, toc = [], []
    listed: set[str] = set()
    for number, (section, order) in enumerate(SECTIONS):
        names = [n for n in order if n in known]
        listed.update(names)
        if names:
            sections.append(f'<section id="s{number}"><h2>{html.escape(section)}</h2>'
                            + "".join(concept_html(n) for n in names) + "</section>")
            toc.append(f'<div class="week"><a href="#s{number}">{html.escape(section)}</a><ol>'
                       + "".join(f'<li><a href="#{n}"><code>{n}</code></a></li>' for n in names) + "</ol></div>")
    rest = [n for n in known if n not in listed]
    if rest:
        sections.append('<section id="other"><h2>Other functions</h2>' + "".join(concept_html(n) for n in rest)
                        + "</section>")
    boxes = "".join(f'<label><input type="checkbox" data-backend="{b}" checked> {NAMES[b]}</label>' for b in BACKENDS)
    options = "".join(f'<option value="{b}">{NAMES[b]}</option>' for b in BACKENDS)
    style = (ASSETS / "site.css").read_text() + HtmlFormatter(style="default").get_style_defs(".highlight")
    script = (ASSETS / "site.js").read_text()
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nn-rosetta: the course in NumPy, PyTorch, TensorFlow and JAX</title>
<script>{_ERROR_RECORDER}</script>
<style>{style}</style>
</head>
<body>
<header>
<h1>nn-rosetta</h1>
<p>The first course of the Deep Learning specialization (logistic regression, a shallow network, a deep network),
concept by concept: the equation, then the same function in NumPy, PyTorch, TensorFlow and JAX, matching lines side by
side. The symbols are the course's (reference/NOTATION.md): X is (n_x, m), one example per column.</p>
</header>
<div id="controls">
<fieldset><legend>Show</legend>{boxes}</fieldset>
<fieldset><legend>Compare two</legend>
<select id="left" aria-label="first framework">{options}</select> with
<select id="right" aria-label="second framework">{options.replace('value="torch"', 'value="torch" selected')}</select>
<button id="pair" type="button">Show these two</button> <button id="all" type="button">Show all</button></fieldset>
</div>
<nav>{"".join(toc)}<div class="week"><a href="#graphs">What autodiff computes</a></div>
<div class="week"><a href="#results">Latest rosetta compare</a></div></nav>
<main>
{"".join(sections)}
<section id="graphs"><h2>What the frameworks' autodiff computes: each model's graph</h2>
{graph_page.section(mathml)}</section>
<section id="results"><h2>Latest <code>rosetta compare</code></h2>{results_html(results)}</section>
<pre id="errors" hidden></pre>
<pre id="render-report" hidden></pre>
</main>
<footer><p>Generated by <code>rosetta site</code>. Lines that differ between the two frameworks shown are
highlighted when exactly two are shown.</p></footer>
<script>{script}</script>
</body>
</html>
"""


def build(out: Path, results: Path | None = None) -> Path:
    """Write ``out/index.html`` (creating ``out``) and return its path."""
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    index.write_text(page(results), encoding="utf-8")
    return index


def command(args) -> int:
    """``rosetta site -o DIR``: write the page, with the ``--results`` of a compare run when that folder has them."""
    results = Path(args.results)
    with quiet_stderr():  # the page traces each model's graph in every framework: their C++ log lines
        index = build(Path(args.out), results if (results / "results.json").is_file() else None)
    print(f"Wrote {index} (open it in a browser; it needs no network)")
    return 0

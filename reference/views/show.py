"""``rosetta show NAME``: one concept of the course in the four implementations, below its equation.

The sources are read with ``ast`` from the ``impl_*`` files, never imported, so this works with any
framework missing. A concept is ``module.function`` (``deep_nn.backward_propagation``); the snippet of a
function brings along the module's private helpers and constants that it uses (``_FUNCTIONS``,
``_gradient_descent``), since those are part of what it computes.
"""

from __future__ import annotations

import ast
import difflib
import functools
import importlib.util
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..backends import BACKENDS
from ..check import course_api
from .equations import COURSE_ORDER, EQUATIONS

# The interface every impl_* package has; a framework's extra modules (layers.py) are found and listed after them.
MODULES = ("activations", "cost", "initializers", "logistic_regression", "shallow_nn", "deep_nn")


@dataclass(frozen=True)
class Snippet:
    backend: str
    path: str       # e.g. "impl_numpy/deep_nn.py", for the reader to open
    line: int       # the first line of the function (of its first decorator)
    code: str


def package_dir(backend: str) -> Path | None:
    """The folder of ``impl_<backend>``, found without importing it (so without importing its framework)."""
    spec = importlib.util.find_spec(BACKENDS[backend][0])
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _module_tree(backend: str, module: str) -> tuple[Path, ast.Module] | None:
    folder = package_dir(backend)
    path = folder / f"{module}.py" if folder else None
    if path is None or not path.is_file():
        return None
    return path, _parse(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _parse(path: Path, mtime_ns: int) -> ast.Module:
    """The syntax tree of ``path``, parsed once per version of the file."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _public_functions(tree: ast.Module) -> list[str]:
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]


def modules() -> list[str]:
    """MODULES, then any other module of an ``impl_*`` package (a framework's extras), by name."""
    extra = {path.stem for backend in BACKENDS if (folder := package_dir(backend))
             for path in folder.glob("*.py") if not path.stem.startswith("_")}
    return [*MODULES, *sorted(extra - set(MODULES))]


def concepts() -> list[str]:
    """Every public function of every ``impl_*`` module, as ``module.function``, in the course's order."""
    found: list[str] = []
    for module in modules():
        for backend in BACKENDS:
            parsed = _module_tree(backend, module)
            if parsed:
                found += [f"{module}.{f}" for f in _public_functions(parsed[1]) if f"{module}.{f}" not in found]
    order = {name: i for i, name in enumerate(COURSE_ORDER)}
    return sorted(found, key=lambda name: order.get(name, len(order)))  # anything new goes last, in file order


def resolve(name: str) -> str:
    """``name`` as a known concept (``relu`` is enough when only one module has it); raises with the closest names."""
    known = concepts()
    if name in known:
        return name
    matches = [c for c in known if c.split(".", 1)[1] == name]
    if len(matches) == 1:
        return matches[0]
    course = {f.concept for f in course_api.concept_of(name) if f.concept in known}
    if not matches and len(course) == 1:  # the course's own name: L_model_backward, propagate, nn_model
        return course.pop()
    week, _, function = name.partition(".")
    entry = course_api.find(week, function)
    if entry is not None and entry.concept in known:  # week3.predict: the course's name in one week
        return entry.concept
    if matches:
        weeks = "; ".join(f"{f.week}.{f.name} is {f.concept}" for f in course_api.concept_of(name))
        raise ValueError(f"name: expected one concept, got {name!r}, which is in several modules: {', '.join(matches)}"
                         + (f" (the course's: {weeks})" if weeks else ""))
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    if not close:  # a misspelt function without its module: match the function names
        functions = list(dict.fromkeys(c.split(".", 1)[1] for c in known))
        for function in difflib.get_close_matches(name, functions, n=2, cutoff=0.5):
            close += [c for c in known if c.endswith("." + function)]
    hint = f"; closest: {', '.join(close)}" if close else "; `rosetta show` lists them"
    raise ValueError(f"name: expected a concept such as 'deep_nn.backward_propagation', got {name!r}{hint}")


def _definitions(tree: ast.Module) -> dict[str, ast.stmt]:
    """Module-level functions and assigned names -> their statement."""
    defs: dict[str, ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            defs[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id != "__all__":
                    defs[target.id] = node
    return defs


def _used_helpers(node: ast.stmt, defs: dict[str, ast.stmt], own: str) -> set[str]:
    """The module-level private functions and constants that ``node`` uses, and those they use in turn."""
    found: set[str] = set()
    todo = [node]
    while todo:
        for sub in ast.walk(todo.pop()):
            if isinstance(sub, ast.Name) and sub.id in defs and sub.id != own and sub.id not in found:
                target = defs[sub.id]
                if isinstance(target, ast.Assign) or sub.id.startswith("_"):
                    found.add(sub.id)
                    todo.append(target)
    return found


def snippet(backend: str, concept: str) -> Snippet | None:
    """The source of ``concept`` in ``impl_<backend>``, with the helpers it uses; None where it has none."""
    module, function = concept.split(".", 1)
    parsed = _module_tree(backend, module)
    if parsed is None:
        return None
    path, tree = parsed
    defs = _definitions(tree)
    node = defs.get(function)
    if not isinstance(node, ast.FunctionDef):
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    nodes = sorted({id(defs[name]): defs[name] for name in _used_helpers(node, defs, function)}.values(),
                   key=lambda n: n.lineno)
    parts = []
    for part in [*nodes, node]:
        first = min([part.lineno, *(d.lineno for d in getattr(part, "decorator_list", []))])
        parts.append("\n".join(lines[first - 1:part.end_lineno]))
    first_line = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return Snippet(backend, f"{BACKENDS[backend][0]}/{module}.py", first_line, "\n\n".join(parts))


# The raw version of each function of the frameworks' layers API (impl_*/layers.py): NumPy has no layers,
# so its column shows the course's own equations for the same step, and a reader sees what nn.Linear,
# Dense or nnx.Linear does in the course's symbols.
RAW_COUNTERPARTS = {
    "layers.build": "initializers.initialize_parameters",
    "layers.dropout_layer": "regularization.forward_propagation",
    "layers.load_params": "initializers.initialize_parameters",
    "layers.export_params": "initializers.initialize_parameters",
    "layers.forward": "deep_nn.forward_propagation",
    "layers.cost": "cost.compute_cost",
    "layers.gradients": "deep_nn.backward_propagation",
    "layers.sgd": "deep_nn.update_parameters",
    "layers.train_step": "deep_nn.update_parameters",
    "layers.train": "deep_nn.train",
    "layers.predict": "deep_nn.predict",
}


def snippets(concept: str, backends=tuple(BACKENDS)) -> dict[str, Snippet | None]:
    """Each backend's source of ``concept``; for a layers concept, NumPy's raw counterpart in its column."""
    found = {backend: snippet(backend, concept) for backend in backends}
    if concept in RAW_COUNTERPARTS and "numpy" in found and found["numpy"] is None:
        found["numpy"] = snippet("numpy", RAW_COUNTERPARTS[concept])
    return found


def layers_counterpart(concept: str) -> str | None:
    """The layers-API concept that does what the raw ``concept`` does, for a "see also" line."""
    return next((layers for layers, raw in RAW_COUNTERPARTS.items() if raw == concept), None)


_FRAMEWORK_CALL = re.compile(r"\b(np|torch|tf|jnp|jax|F)\.[\w.]*")


def _normalized(line: str) -> str:
    """A line with framework calls and trailing comments blanked, for aligning parallel files."""
    return _FRAMEWORK_CALL.sub("FW", line.split("  #")[0]).strip()


def align(columns: list[list[str]]) -> list[list[str | None]]:
    """Rows of the columns' lines, padded with None so that matching lines share a row (column 0 is the pivot).

    Each other column is matched against column 0 with difflib; lines that pair up (equal after
    blanking the framework calls, or replaced one for one) share a row, and extra lines get rows
    of their own.
    """
    pivot = columns[0]
    # for every other column: lines inserted before pivot line i (i = len(pivot): at the end) and the partner of i
    inserted: list[dict[int, list[str]]] = []
    partner: list[dict[int, str]] = []
    for other in columns[1:]:
        before: dict[int, list[str]] = {}
        match: dict[int, str] = {}
        opcodes = difflib.SequenceMatcher(None, [_normalized(x) for x in pivot], [_normalized(x) for x in other],
                                          autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in opcodes:
            pairs = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
            for k in range(pairs):
                match[i1 + k] = other[j1 + k]
            extra = other[j1 + pairs:j2]
            if extra:
                before.setdefault(i1 + pairs if i1 + pairs < i2 else i2, []).extend(extra)
        inserted.append(before)
        partner.append(match)
    rows: list[list[str | None]] = []
    for i in range(len(pivot) + 1):
        depth = max((len(b.get(i, [])) for b in inserted), default=0)
        for k in range(depth):
            rows.append([None, *[(b[i][k] if k < len(b.get(i, [])) else None) for b in inserted]])
        if i < len(pivot):
            rows.append([pivot[i], *[m.get(i) for m in partner]])
    return rows


# ---------------------------------------------------------------- the terminal

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _highlight_lines(code: str, color: bool) -> list[str]:
    if not color:
        return code.splitlines()
    from pygments import highlight
    from pygments.formatters import TerminalFormatter
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), TerminalFormatter()).rstrip("\n").split("\n")


def _width(text: str) -> int:
    return len(_ANSI.sub("", text))


def render(concept: str, backends=tuple(BACKENDS), width: int | None = None, color: bool = False,
           layout: str = "auto") -> str:
    """The equation, then the implementations: side by side if they fit in ``width`` columns, else one after another."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    equation = EQUATIONS.get(concept)
    out = [f"{concept}: {equation.title}" if equation else concept]
    course = course_api.course_names(concept)
    if course:
        out.append(f"the course's {'function' if len(course) == 1 else 'functions'}: {'; '.join(course)}")
    out.append("")
    if equation:
        out += ["    " + line for line in equation.text] + [""]
    found = snippets(concept, backends)
    present = {b: s for b, s in found.items() if s is not None}
    absent = [b for b, s in found.items() if s is None]
    plain = {b: s.code.splitlines() for b, s in present.items()}
    gap = " │ "
    needed = (sum(max(map(len, [*lines, _header(present[b])])) for b, lines in plain.items())
              + len(gap) * (len(plain) - 1))
    if present and (layout == "side" or (layout == "auto" and len(plain) > 1 and needed <= width)):
        out += _side_by_side(present, color, gap)
    else:
        for backend, s in present.items():
            out += [_header(s), "─" * min(width, max(map(len, plain[backend]))), *_highlight_lines(s.code, color), ""]
    if absent:
        out.append(f"({', '.join(BACKENDS[b][0] for b in absent)} has no {concept})")
    if concept in RAW_COUNTERPARTS:
        out.append(f"(the numpy column is the raw {RAW_COUNTERPARTS[concept]}, next to the frameworks' layers)")
    elif layers_counterpart(concept):
        out.append(f"(the same step with the frameworks' layers API: rosetta show {layers_counterpart(concept)})")
    return "\n".join(out).rstrip() + "\n"


def _header(s: Snippet) -> str:
    return f"{s.backend}: {s.path}:{s.line}"


def _side_by_side(present: dict[str, Snippet], color: bool, gap: str) -> list[str]:
    backends = list(present)
    rows = align([present[b].code.splitlines() for b in backends])
    # the highlighted text of each column, consumed in order as its lines come up in the rows
    colored = {b: iter(_highlight_lines(present[b].code, color)) for b in backends}
    widths = [max(len(_header(present[b])), *(len(r[k] or "") for r in rows)) for k, b in enumerate(backends)]
    lines = [gap.join(_header(present[b]).ljust(w) for b, w in zip(backends, widths, strict=True)).rstrip(),
             gap.replace("│", "┼").join("─" * w for w in widths)]
    for row in rows:
        cells = []
        for k, b in enumerate(backends):
            text = next(colored[b]) if row[k] is not None else ""
            text = text if _width(text) else ""  # an empty line may still carry a color reset
            cells.append(text + " " * (widths[k] - _width(text)))
        lines.append(gap.join(cells).rstrip())
    return lines + [""]


def listing() -> str:
    """Every concept with its one-line title, grouped as the course teaches them."""
    from .equations import SECTIONS

    known = concepts()
    out = []
    listed: set[str] = set()
    for section, order in SECTIONS:
        names = [n for n in order if n in known]
        if names:
            out += [section] + [f"  {n:<42} {EQUATIONS[n].title}" for n in names] + [""]
            listed.update(names)
    rest = [n for n in known if n not in listed]
    if rest:
        out += ["Other functions"] + [f"  {n}" for n in rest] + [""]
    return "\n".join(out) + ("rosetta show NAME prints one of them in every framework, below its equation. The "
                             "course's own names\nwork too (rosetta show L_model_backward, propagate, nn_model): "
                             "each shows its concept.\n")


def command(args) -> int:
    """``rosetta show [NAME]``: the concept's equation and implementations, or with no NAME the list of concepts."""
    if args.name is None:
        print(listing(), end="")
        return 0
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    print(render(resolve(args.name), args.backends, width=args.width, color=color, layout=args.layout), end="")
    return 0

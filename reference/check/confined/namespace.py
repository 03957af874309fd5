"""A learner's functions, taken from their file whatever the rest of it does.

Only the statements that make functions exist are run: imports, ``def`` and ``class`` statements, and
assignments of constants (``layers_dims = [12288, 20, 7, 5, 1]``). The notebook's other top-level code (loading
the data sets, the course's test calls, plots, the training run, the learner's own asserts) is skipped and
counted, so that none of it can stop the check. An import or a definition that fails is reported and skipped.

Imports are answered by modules.py (the learner's own modules beside the file, the course's helpers under any
name); ``from lr_utils import load_dataset, sigmoid`` imports what the module has and notes what it lacks. What a
file imports is never judged as the learner's: only functions whose code comes from the learner's file are.
A file cut from a notebook uses names that its earlier cells defined (``np``, ``sigmoid``, another graded
function): the checks' side says which (checks.prepare), and serve.py puts them in.
"""

from __future__ import annotations

import ast
import dis
import importlib
import linecache
import re
from types import CodeType, FunctionType

from . import modules
from .sources import Cell, Submission

SUBMISSION = "<submission>"  # the file name of the learner's code objects (a cell's: "<submission cell 3>")


DATA = "__rosetta_data__"  # in the namespace: the names that only the file's top-level code not run would make
BROKEN = "__rosetta_broken__"  # and the functions defined in a cell that does not parse, with the SyntaxError


PLACES: dict[str, Cell] = {}  # each compiled cell's file name -> the cell (for the learner's line numbers)


def filename(label: str, index: int = 0) -> str:
    """The name a cell's code is compiled under, and kept in linecache under, so that its lines can be shown."""
    return f"<submission {index} {label}>" if label or index else SUBMISSION


def place(code_filename: str, lineno: int) -> str:
    """Where a line of the learner's compiled code is in their file ("cell 3, line 4", "line 57 (In[9])")."""
    cell = PLACES.get(code_filename)
    return cell.place(lineno) if cell is not None else f"line {lineno}"


def is_learners(code) -> bool:
    return code.co_filename.startswith("<submission")


def _runs(node: ast.stmt) -> bool:
    """Whether a top-level statement is one that makes a name exist without doing the notebook's work."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        simple = all(isinstance(t, ast.Name) or (isinstance(t, ast.Tuple) and all(isinstance(e, ast.Name)
                                                                                  for e in t.elts)) for t in targets)
        calls = node.value is not None and any(isinstance(n, (ast.Call, ast.Lambda, ast.Await, ast.Yield))
                                               for n in ast.walk(node.value))
        return simple and not calls
    if isinstance(node, ast.Try):  # try: import a / except ImportError: import b
        return all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in node.body)
    return False


def _what(node: ast.stmt) -> str:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return f"def {node.name}"
    return ast.unparse(node).split("\n")[0][:60]


def _statements_that_parse(cell: Cell, broken: dict, name: str) -> ast.Module | None:
    """A cell that does not parse, statement by statement: each block that starts at the left margin (a ``def``
    with its body) is parsed on its own lines, so one bad line hides only its own block (a notebook pasted as
    text, with prose and prompts among the code). The ``def``s of the blocks that do not parse go to ``broken``."""
    lines = cell.source.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() and not line[:1].isspace()] + [len(lines)]
    body: list[ast.stmt] = []
    for start, end in zip(starts, starts[1:], strict=False):
        block = "\n".join(lines[start:end])
        try:
            body += ast.parse("\n" * start + block, filename=name).body
        except SyntaxError as inner:
            for defined in re.findall(r"^def (\w+)\s*\(", block, re.MULTILINE):
                broken[defined] = f"{cell.place(inner.lineno or start + 1)}: SyntaxError: {inner.msg}"
    if not body:
        return None
    _register(name, cell.source)
    return ast.Module(body=body, type_ignores=[])


def _register(name: str, source: str) -> None:
    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)


def _import_names(node: ast.ImportFrom, namespace: dict) -> list[str]:
    """``from module import a, b`` name by name: what the module has is imported; the names it lacks come back."""
    module = importlib.import_module(node.module or "")
    missing = []
    for alias in node.names:
        if hasattr(module, alias.name):
            namespace[alias.asname or alias.name] = getattr(module, alias.name)
        else:
            missing.append(alias.name)
    return missing


def load(submission: Submission) -> tuple[dict, list[str], int]:
    """The learner's namespace, notes on what failed, and the number of top-level statements skipped."""
    finder = modules.install(modules.SubmissionModules(submission.path.parent if submission.path else None))
    namespace: dict = {"__name__": "__submission__", "__builtins__": __builtins__}
    notes: list[str] = []
    skipped = 0
    data: set[str] = set()  # names only the statements not run make (train_x = ...)
    broken: dict[str, str] = {}  # functions whose cell does not parse -> why
    trees = []
    for index, cell in enumerate(submission.cells, start=1):
        name = filename(cell.label, index)
        PLACES[name] = cell
        try:
            tree = ast.parse(cell.source, filename=name)
        except SyntaxError as exc:
            notes.append(f"{cell.place(exc.lineno or 1)}: SyntaxError: {exc.msg} (skipped; the cell's other "
                         "statements read one by one)")
            salvaged = _statements_that_parse(cell, broken, name)
            if salvaged is None:
                continue
            tree = salvaged
        _register(name, cell.source)
        trees.append((cell, name, tree))
        for node in ast.walk(tree):  # imports anywhere, those inside functions too
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                finder.packages |= modules.prefixes(node.module)
            elif isinstance(node, ast.Import):
                finder.packages |= {p for alias in node.names for p in modules.prefixes(alias.name)}
    for cell, name, tree in trees:
        for node in tree.body:
            if not _runs(node):
                text = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)  # a docstring, no code
                skipped += not text
                data |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                continue
            quiet = isinstance(node, (ast.Assign, ast.AnnAssign))
            try:
                exec(compile(ast.Module(body=[node], type_ignores=[]), name, "exec"), namespace)
            except ImportError as exc:
                if isinstance(node, ast.ImportFrom) and not isinstance(exc, ModuleNotFoundError) and not node.level:
                    missing = _import_names(node, namespace)  # the module is there, one of the names is not
                    notes.append(f"{cell.place(node.lineno)}: {node.module} has no {', '.join(missing)}: "
                                 "imported the rest")
                else:
                    notes.append(f"{cell.place(node.lineno)}: {_what(node)} failed: {type(exc).__name__}: {exc} "
                                 "(skipped)")
            except Exception as exc:  # the learner's import or definition may fail in any way: note it, go on
                if quiet:  # test_x = test_x_flatten / 255.: made from the data, which is not loaded
                    data |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                else:
                    notes.append(f"{cell.place(node.lineno)}: {_what(node)} failed: {type(exc).__name__}: {exc} "
                                 "(skipped)")
    namespace[DATA] = sorted(data - set(namespace))
    namespace[BROKEN] = {name: why for name, why in broken.items() if name not in namespace}
    return namespace, notes, skipped


def learner_functions(namespace: dict) -> dict[str, FunctionType]:
    """The functions the learner wrote (not those imported from the course's helpers or anywhere else)."""
    return {name: value for name, value in namespace.items()
            if isinstance(value, FunctionType) and is_learners(value.__code__) and not name.startswith("_")}


def global_names(code: CodeType) -> set[str]:
    """The global names a function's code reads (nested functions and comprehensions included)."""
    found = {i.argval for i in dis.get_instructions(code) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for const in code.co_consts:
        if isinstance(const, CodeType):
            found |= global_names(const)
    return found

"""Why a learner's function raised, in words: the line of their code, and for their own ``assert`` the values
that made it false; and what the function had computed by then, so that it can still be checked.

``describe(exc)`` gives ``raised KeyError: 'dA2' at cell 7, line 31: dA_prev = grads["dA2"]``, or for an assert
``assert db.shape == b.shape is false at cell 5, line 12: db.shape is (3,), b.shape is (3, 1): a dimension
dropped (np.squeeze, or keepdims=True missing)``. ``partial(fn, exc, returns)`` rebuilds the course's result from
the local variables of the function's own frame when it raised (``dA_prev, dW`` computed, ``db`` not), so that
one mistake does not hide another. Sub-expressions of an assert are evaluated again only when they are names,
attributes, subscripts, constants and calls of ``len``/``type``/``isinstance``: reading values, never running
the learner's code a second time. ``unfilled(fn)`` finds the course's template left as it was (``s = None``, or
nothing between its START and END markers) in a function that failed.
"""

from __future__ import annotations

import ast
import linecache
import re
import sys
from pathlib import Path
from types import TracebackType

from .namespace import is_learners, place
from .wire import MISSING, PartialDict, PartialList, Raised

_SAFE_CALLS = {"len", "type", "isinstance", "float", "int"}
_READ_ONLY = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Tuple, ast.List, ast.Slice, ast.Load,
              ast.UnaryOp, ast.USub, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)


# this folder (as imported, and where it lies), the project's reference/ when it lies there, Python's own
_HERE = Path(__file__).parent
_PROJECT = [str(p) for p in _HERE.resolve().parents[1:2] if p.name == "reference"]
_LIBRARIES = (str(_HERE), str(_HERE.resolve()), *_PROJECT, sys.prefix, sys.base_prefix)


def theirs(code) -> bool:
    """Code of the learner's: from their file, or (checked in their kernel) from a notebook cell."""
    name = code.co_filename
    if is_learners(code) or name.startswith("<ipython-input"):
        return True
    return not name.startswith(("<", *_LIBRARIES)) and "site-packages" not in name


def _learner_frames(tb: TracebackType | None):
    while tb is not None:
        if theirs(tb.tb_frame.f_code):
            yield tb
        tb = tb.tb_next


def _where(tb: TracebackType) -> str:
    name = tb.tb_frame.f_code.co_filename
    at = place(name, tb.tb_lineno)
    line = linecache.getline(name, tb.tb_lineno).strip()
    return f"{at}: {line}" if line else at


def _readable(node: ast.AST) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            if not (isinstance(child.func, ast.Name) and child.func.id in _SAFE_CALLS):
                return False
        elif not isinstance(child, (*_READ_ONLY, ast.expr_context, ast.operator, ast.unaryop)):
            return False
    return True


def _brief(value) -> str:
    shape = getattr(value, "shape", None)
    if shape is not None and getattr(value, "size", 0) > 6:
        return f"an array of shape {tuple(shape)}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def shape_hint(a, b) -> str:
    """The mistake that makes two shapes differ, when both are tuples of ints."""
    if not all(isinstance(s, tuple) and all(isinstance(n, int) for n in s) for s in (a, b)) or a == b:
        return ""
    if len(a) == len(b) == 2 and a == b[::-1]:
        return "transposed"
    if tuple(n for n in a if n != 1) == tuple(n for n in b if n != 1):
        return "a dimension dropped (np.squeeze, or keepdims=True missing)"
    return ""


def _assert_values(tb: TracebackType) -> str:
    """``a is 1, b is 2`` for the operands of the failing assert at this frame's line; "" when not readable."""
    frame = tb.tb_frame
    lines = linecache.getlines(frame.f_code.co_filename)
    try:
        tree = ast.parse("".join(lines))
    except SyntaxError:
        return ""
    test = next((n.test for n in ast.walk(tree) if isinstance(n, ast.Assert) and n.lineno == tb.tb_lineno), None)
    if test is None:
        return ""
    operands = ([test.left, *test.comparators] if isinstance(test, ast.Compare) else
                test.values if isinstance(test, ast.BoolOp) else [test])
    shown, values = [], []
    for node in operands:
        if isinstance(node, ast.Constant) or not _readable(node):
            continue
        try:
            value = eval(compile(ast.Expression(node), "<assert>", "eval"), frame.f_globals, frame.f_locals)
        except Exception:  # a name the frame no longer has: leave it out
            continue
        shown.append(f"{ast.unparse(node)} is {_brief(value)}")
        values.append(value)
    hint = shape_hint(*values) if len(values) == 2 else ""
    return ", ".join(shown) + (f": {hint}" if hint else "")


def describe(exc: BaseException, fn=None) -> str:
    """The exception in the learner's words: its type and message, where in their code (and the line of ``fn``, the
    function checked, that called it, when it raised deeper), and for an assert why."""
    if isinstance(exc, Raised):  # raised where the learner's code runs, and described there
        return exc.description
    fn = fn or getattr(exc, "checked_function", None)
    text = str(exc).strip().split("\n")[0]
    text = text if len(text) <= 120 else text[:117] + "..."
    frames = list(_learner_frames(exc.__traceback__))
    own = [tb for tb in frames if fn is not None and tb.tb_frame.f_code is getattr(fn, "__code__", None)]
    if own and frames and own[0] is not frames[-1]:
        inner = frames[-1].tb_frame.f_code.co_name
        return describe_at(exc, text, frames) + f" (in {inner}, called at {_where(own[0])})"
    return describe_at(exc, text, frames)


_PLACEHOLDER = re.compile(r"^\s*([\w\[\]\"' ,.]+?)\s*=\s*None\s*(#.*)?$")


def _body(code) -> list[str]:
    """The source lines of a function's code object, from linecache (its cell, or its file)."""
    last = max((line for _, _, line in code.co_lines() if line), default=code.co_firstlineno)
    return linecache.getlines(code.co_filename)[code.co_firstlineno - 1:last]


_MARKERS = re.compile(r"START CODE HERE|YOUR CODE STARTS HERE")
_END = re.compile(r"END CODE HERE|YOUR CODE ENDS HERE")


def release(fn) -> str:
    """Which release of the course's template ``fn`` was written in, by its markers: "2021" (``# YOUR CODE STARTS
    HERE``), "2017" (``### START CODE HERE ###``), or "" (no markers)."""
    code = getattr(fn, "__code__", None)
    body = "".join(_body(code)) if code is not None else ""
    return "2021" if "YOUR CODE STARTS HERE" in body else "2017" if "START CODE HERE" in body else ""


def unfilled(fn) -> str:
    """How a function with the course's code markers is not filled in, in words ("the template's `s = None` is
    still there", "nothing written after `# YOUR CODE STARTS HERE`"), or "" when it is."""
    code = getattr(fn, "__code__", None)
    body = _body(code) if code is not None else []
    if not any(_MARKERS.search(line) for line in body):
        return ""
    found = [match.group(1) + " = None" for match in map(_PLACEHOLDER.match, body) if match]
    if found:
        return f"the template's `{found[0]}` is still there"
    starts = [i for i, line in enumerate(body) if _MARKERS.search(line)]
    for start in starts:  # nothing written between the template's START and END markers
        written = []
        for line in body[start + 1:]:
            if _END.search(line):
                break
            written += [line] if line.strip() and not line.strip().startswith("#") else []
        if not written:
            return f"nothing written after `{body[start].strip()}`"
    return ""


def describe_at(exc: BaseException, text: str, frames: list) -> str:
    if isinstance(exc, AssertionError) and frames:
        values = _assert_values(frames[-1])
        return (f"the function's own assert is false, at {_where(frames[-1])}" + (f"; {values}" if values else "")
                + (f" ({text})" if text else ""))
    where = f" at {_where(frames[-1])}" if frames else ""
    return f"raised {type(exc).__name__}: {text}{where}" if text else f"raised {type(exc).__name__}{where}"


def _build(spec, local: dict):
    if isinstance(spec, str):
        value = local.get(spec, MISSING)
        if isinstance(value, dict):
            return PartialDict(value)
        return PartialList(value) if isinstance(value, list) else value
    if isinstance(spec, tuple):
        return tuple(_build(s, local) for s in spec)
    return PartialDict({key: local[name] for key, name in spec.items() if name in local})


def _anything(value) -> bool:
    if isinstance(value, tuple):
        return any(_anything(v) for v in value)
    if isinstance(value, dict):
        return bool(value)
    return value is not MISSING


def partial(fn, exc: BaseException, returns):
    """The course's result of ``fn`` rebuilt from its frame's locals when it raised, missing parts MISSING; None
    when nothing was computed or ``returns`` (the course's variable names, course_api.RETURNS) is unknown."""
    if returns is None:
        return None
    frames = [tb for tb in _learner_frames(exc.__traceback__) if tb.tb_frame.f_code is getattr(fn, "__code__", None)]
    if not frames:
        return None
    local = frames[0].tb_frame.f_locals
    for spec in returns if isinstance(returns, list) else [returns]:  # a list: the releases' variable names
        value = _build(spec, local)
        if _anything(value):
            return value
    return None

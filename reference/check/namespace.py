"""A learner's functions, taken from their file whatever the rest of it does.

Only the statements that make functions exist are run: imports, ``def`` and ``class`` statements, and
assignments of constants (``layers_dims = [12288, 20, 7, 5, 1]``). The notebook's other top-level code (loading
the data sets, the course's test calls, plots, the training run, the learner's own asserts) is skipped and
counted, so that none of it can stop the check. An import or a definition that fails is reported and skipped.

The course's helper modules (``dnn_utils_v2``, ``testCases_v4a``, ``public_tests``, ``lr_utils``, ...) are
answered by the stand-ins in course_helpers/, and what a file imports from them is never judged as the
learner's: only functions whose code comes from the learner's file are.
"""

from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import re
import sys
from types import FunctionType

from .sources import Submission

SUBMISSION = "<submission>"  # the file name compiled into the learner's code objects
HELPERS_PACKAGE = __package__ + ".course_helpers"
STAND_INS = (
    (re.compile(r"dnn_utils(_v\d+)?$"), "dnn_utils"),
    (re.compile(r"dnn_app_utils(_v\d+)?$"), "dnn_app_utils"),
    (re.compile(r"planar_utils$"), "planar_utils"),
    (re.compile(r"lr_utils$"), "lr_utils"),
    (re.compile(r"(testCases\w*|testcases\w*|public_tests|test_utils|test_cases\w*)$"), "course_tests"),
)


def course_helper(module: str) -> str | None:
    """The stand-in for a course helper module's name (``dnn_utils_v2`` -> ``dnn_utils``), or None."""
    return next((stand_in for pattern, stand_in in STAND_INS if pattern.match(module)), None)


class _Alias(importlib.abc.Loader):
    """Answers an import with a module already imported under another name (the stand-in, as a package module)."""

    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass


class CourseHelpers(importlib.abc.MetaPathFinder):
    """Finds the course's helper modules by their course names, in any release's spelling."""

    def find_spec(self, fullname, path=None, target=None):
        if path is not None:
            return None
        stand_in = course_helper(fullname)
        return importlib.machinery.ModuleSpec(fullname, _Alias(f"{HELPERS_PACKAGE}.{stand_in}")) if stand_in else None


def install_helpers() -> None:
    if not any(isinstance(finder, CourseHelpers) for finder in sys.meta_path):
        sys.meta_path.insert(0, CourseHelpers())


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


def load(submission: Submission) -> tuple[dict, list[str], int]:
    """The learner's namespace, notes on what failed, and the number of top-level statements skipped."""
    install_helpers()
    namespace: dict = {"__name__": "__submission__", "__builtins__": __builtins__}
    notes: list[str] = []
    skipped = 0
    for cell in submission.cells:
        where = f"{cell.label}, line" if cell.label else "line"
        try:
            tree = ast.parse(cell.source, filename=SUBMISSION)
        except SyntaxError as exc:
            notes.append(f"{where} {exc.lineno}: SyntaxError: {exc.msg} (skipped)")
            continue
        for node in tree.body:
            if not _runs(node):
                text = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)  # a docstring, no code
                skipped += not text
                continue
            quiet = isinstance(node, (ast.Assign, ast.AnnAssign))
            try:
                exec(compile(ast.Module(body=[node], type_ignores=[]), SUBMISSION, "exec"), namespace)
            except Exception as exc:  # the learner's import or definition may fail in any way: note it, go on
                if not quiet:
                    notes.append(f"{where} {node.lineno}: {_what(node)} failed: {type(exc).__name__}: {exc} "
                                 "(skipped)")
    return namespace, notes, skipped


def learner_functions(namespace: dict) -> dict[str, FunctionType]:
    """The functions the learner wrote (not those imported from the course's helpers or anywhere else)."""
    return {name: value for name, value in namespace.items()
            if isinstance(value, FunctionType) and value.__code__.co_filename == SUBMISSION
            and not name.startswith("_")}

"""How a learner's imports are answered: their own modules beside the file, the course's helpers by any name.

A learner's file imports the course's helper modules in every way people do it: by the course's name in any
release's spelling (``dnn_utils_v2``, ``testCases_v4a``), qualified by the folder they keep it in (``from
partIch4.dnn_utils import *``, ``import week3.testCases``), or through ``%run path/dnn_utils_v2.py`` (sources.py
turns it into ``from dnn_utils_v2 import *``). It may also bring its own modules: a modified ``lr_utils.py`` or a
``sigmoid.py`` beside the notebook. ``SubmissionModules`` answers, in this order:

1. a module the machine has (NumPy, the standard library) is left to Python;
2. a ``.py`` file (or a package folder) beside the submission, by its qualified path from the file's folder or
   one of the six above it (the project's root): the learner's own code, which runs in the child like the rest;
3. a course helper, by the last part of its name: the stand-in in course_helpers/ (package prefixes that exist
   nowhere, ``partIch4`` above, become empty packages);
4. a module named after one of the week's course functions that the file does not define itself (``from sigmoid
   import sigmoid``, the notebook split
   into files): a module holding the course's function (earlier_cells/).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
from pathlib import Path

HELPERS_PACKAGE = __package__ + ".course_helpers"
STAND_INS = (
    (re.compile(r"dnn_utils(_v\d+)?$"), "dnn_utils"),
    (re.compile(r"dnn_app_utils(_v\d+)?$"), "dnn_app_utils"),
    (re.compile(r"planar_utils$"), "planar_utils"),
    (re.compile(r"lr_utils$"), "lr_utils"),
    (re.compile(r"init_utils(_v\d+)?$"), "init_utils"),      # Course 2, week 1's three notebooks
    (re.compile(r"reg_utils(_v\d+)?$"), "reg_utils"),
    (re.compile(r"gc_utils(_v\d+)?$"), "gc_utils"),
    (re.compile(r"opt_utils$"), "opt_utils"),                # Course 2, week 2: the 2017 release's, and the
    (re.compile(r"opt_utils_v\w+$"), "opt_utils_v1a"),       # later ones' (opt_utils_v1a), whose cost is a sum
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


class _Made(importlib.abc.Loader):
    """Answers an import with a module made here: an empty package, or one holding the course's functions."""

    def __init__(self, contents: dict, path: list[str] | None = None):
        self.contents, self.path = contents, path

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__dict__.update(self.contents)
        if self.path is not None:
            module.__path__ = self.path


class SubmissionModules(importlib.abc.MetaPathFinder):
    """The imports of one submission: see the module docstring for the order. ``course`` (the week's names from
    earlier_cells) is set once the week is known; ``used`` records what answered each import, for the report."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.course: dict = {}
        self.used: dict[str, str] = {}  # module name -> "yours (path)", "the course's (a stand-in)", ...
        self.found: Path | None = None   # where the last of the learner's own modules was found
        self.packages: set[str] = set()  # prefixes of course helpers' qualified names (partIch4 of partIch4.dnn_utils)

    def _local(self, fullname: str):
        if self.folder is None:
            return None
        parts = fullname.split(".")
        # a qualified name from the project's root: the file's folder, or one above it (Week4.dnn_app_utils_v2)
        roots = [self.folder, *self.folder.parents[:6]]  # the package of a qualified name may start further up
        base = next((root.joinpath(*parts) for root in roots if root.joinpath(parts[0]).is_dir()
                     or (root == self.folder and root.joinpath(parts[0] + ".py").is_file())),
                    self.folder.joinpath(*parts))
        self.found = base
        if base.with_suffix(".py").is_file():
            return importlib.util.spec_from_file_location(fullname, base.with_suffix(".py"))
        if (base / "__init__.py").is_file():
            return importlib.util.spec_from_file_location(fullname, base / "__init__.py",
                                                          submodule_search_locations=[str(base)])
        if base.is_dir():  # a folder of the learner's modules, without an __init__.py
            return importlib.machinery.ModuleSpec(fullname, _Made({}, [str(base)]), is_package=True)
        return None

    def find_spec(self, fullname, path=None, target=None):
        parent = fullname.rpartition(".")[0]
        if parent and parent not in self.used and parent not in self.packages:
            return None  # a submodule of the machine's own package (scipy.io)
        if not parent and importlib.machinery.PathFinder.find_spec(fullname) is not None:
            return None  # the machine's own module
        spec = self._local(fullname)
        if spec is not None:
            self.used.setdefault(fullname, f"yours ({spec.origin or self.found})")
            return spec
        last = fullname.rpartition(".")[2]
        stand_in = course_helper(last)
        if stand_in:
            self.used.setdefault(fullname, "the course's (a stand-in)")
            return importlib.machinery.ModuleSpec(fullname, _Alias(f"{HELPERS_PACKAGE}.{stand_in}"))
        if fullname in self.packages:
            return importlib.machinery.ModuleSpec(fullname, _Made({}, []), is_package=True)
        if last in self.course and callable(self.course[last]):
            self.used.setdefault(fullname, f"the course's {last}")
            return importlib.machinery.ModuleSpec(fullname, _Made({last: self.course[last]}))
        return None


def install(finder: SubmissionModules) -> SubmissionModules:
    """``finder`` first on sys.meta_path, in place of any earlier one, whose modules are forgotten (a learner's
    ``lr_utils`` must not answer the next file's import)."""
    for old in [f for f in sys.meta_path if isinstance(f, SubmissionModules)]:
        sys.meta_path.remove(old)
        for name in [*old.used, *old.packages]:
            sys.modules.pop(name, None)
    sys.meta_path.insert(0, finder)
    return finder


def current() -> SubmissionModules | None:
    return next((f for f in sys.meta_path if isinstance(f, SubmissionModules)), None)


def prefixes(module: str) -> set[str]:
    """``a`` and ``a.b`` of ``a.b.c`` when ``c`` is a course helper: the packages a qualified import needs."""
    parts = module.split(".")
    if len(parts) < 2 or not course_helper(parts[-1]):
        return set()
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _asfarray(a, dtype=float):
    import numpy as np

    return np.asarray(a, dtype=dtype)


def old_numpy() -> dict[str, object]:
    """The names the course's NumPy had and today's has dropped (``np.int``, ``np.float`` went in 1.24, ``np.float_``,
    ``np.NaN``, ``np.product`` in 2.0), each as what it stood for then: a learner's correct 2018 code still runs."""
    import numpy as np

    return {"int": int, "float": float, "bool": bool, "object": object, "str": str, "complex": complex, "long": int,
            "unicode": str, "float_": np.float64, "complex_": np.complex128, "NaN": np.nan, "NAN": np.nan,
            "Inf": np.inf, "Infinity": np.inf, "infty": np.inf, "PINF": np.inf, "NINF": -np.inf, "product": np.prod,
            "cumproduct": np.cumprod, "alltrue": np.all, "sometrue": np.any, "round_": np.round, "string_": np.bytes_,
            "unicode_": np.str_, "bool8": np.bool_, "int0": np.intp, "asfarray": _asfarray}


def restore_old_numpy(sources: list[str]) -> list[str]:
    """Puts back in NumPy the dropped names (``old_numpy``) it lacks; the ones the learner's code uses, as
    ``np.str``, for the report. Only in the child: a learner's own kernel keeps its NumPy as it is."""
    import numpy as np

    dropped = {name: value for name, value in old_numpy().items() if name not in np.__dict__}
    for name, value in dropped.items():
        setattr(np, name, value)
    text = "\n".join(sources)
    return [f"np.{name}" for name in dropped if re.search(rf"\b(np|numpy)\.{name}\b", text)]

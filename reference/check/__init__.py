"""``rosetta check``: a learner's own course functions, checked against the loop oracle, safely, a class at once.

A room per job:

- ``course_api.py``: the course's functions week by week (signatures per release, returns, project concept),
  and the week a file is from;
- ``sources.py``: reading .py files, notebooks (nbformat 3 and 4) and folders;
- ``namespace.py``: taking the learner's functions out of a file whatever its other code does, with the
  course's helper modules answered by the stand-ins in ``course_helpers/``;
- ``problems.py``: the problems functions are called on, where the classic mistakes show;
- ``week2.py``, ``week3.py``, ``week4.py`` (with the application), ``project.py``: each function's check,
  with the course's signature;
- ``judge.py``: one verdict under the tolerance table, with the mistake named; ``published.py``: the course's
  published outputs;
- ``checks.py``: which functions get which check; ``context.py``: what a check needs;
- ``child.py`` and ``sandbox.py``: a child process per file, with time, memory and output limits;
- ``report.py``: the lines, the class table, CSV and JSON;
- ``modules.py``: the learner's imports answered (their own modules beside the file, the course's helpers under
  any name); ``earlier_cells/``: what a course notebook's earlier cells define, for fragments and for checking
  a caller with the course's callee in place; ``causes.py``: why a function raised, in the learner's words;
- ``notebook.py``: ``%load_ext reference.check`` and ``%rosetta_check`` in the learner's own kernel, and
  ``check_here(globals())``.
"""

from .checks import check_functions
from .judge import Outcome
from .sandbox import FileReport, Limits, check_file, check_files
from .sources import collect


def check_here(namespace: dict, names=(), week: str | None = None):
    """The course functions a notebook's ``globals()`` defines, checked in place (notebook.py)."""
    from .notebook import check_here as here

    return here(namespace, names, week)


def load_ipython_extension(ipython) -> None:
    """``%load_ext reference.check``: registers ``%rosetta_check`` (notebook.py)."""
    from .notebook import load_ipython_extension as load

    load(ipython)


__all__ = ["FileReport", "Limits", "Outcome", "check_file", "check_files", "check_functions", "check_here", "collect",
           "load_ipython_extension"]

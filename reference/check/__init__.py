"""``rosetta check``: a learner's own course functions, checked against the loop oracle, safely, a class at once.

Two sides, a room per job. The checker's side (this folder) holds the checks, the oracle's answers and the
verdicts; the learner's side (``confined/``) is all a learner's file ever runs beside, in its child process.

The checker's side:

- ``course_api.py``: the course's functions week by week (signatures per release, returns, project concept),
  and the week a file is from;
- ``problems.py``: the problems functions are called on, where the classic mistakes show;
- ``week2.py``, ``week3.py``, ``week4.py`` (with the application), ``project.py``: each function's check,
  with the course's signature; ``c2w1_initialization.py``, ``c2w1_regularization.py`` and
  ``c2w1_gradient_checking.py``: Course 2, week 1's three notebooks; week 2's Optimization Methods in
  ``c2w2_updates.py`` (gradient descent, momentum, RMSprop and their zeros), ``c2w2_adam.py`` (Adam),
  ``c2w2_batches.py`` (mini-batches, learning-rate decay) and ``c2w2_optimization.py`` (the model, the week's table);
- ``judge.py``: one verdict under the tolerance table, with the mistake named; ``published.py``: the course's
  published outputs;
- ``checks.py``: which functions get which check; ``context.py``: what a check needs; ``earlier_cells/``: what a
  course notebook's earlier cells define, for fragments and for checking a caller with the course's callee in place;
- ``runner.py``: the one seam between the checks and the learner's functions: requests and plain-data answers,
  served in this process (the learner's own kernel) or by a child;
- ``sandbox.py``: a child process per file (its results pipe, its time and output limits, a new child after one
  dies); ``confine.py``: how the child is confined (bubblewrap, or process limits only, said in every report);
- ``cluster.py``: a class of any size on a Dask cluster (``--scheduler``), each file checked on a worker;
- ``report.py``: the lines, the class table, CSV, JSON and Gradescope's results.json; ``points.py``: each
  function's points (``--points FILE.toml``) and the gradebook's columns;
- ``notebook.py``: ``%load_ext reference.check`` and ``%rosetta_check`` in the learner's own kernel, and
  ``check_here(globals())``.
- ``command.py``: ``rosetta check PATH...``: the files collected, checked, reported, and the exit status;
  ``options.py``: its command-line options.

The learner's side, ``confined/`` (imported in the child as ``rosetta_kit``, and nothing else of the project):

- ``__main__.py``: the child: its orders, its limits, the file loaded, then one answer per request;
- ``limits.py``: memory, file size and no new processes (seccomp); ``wire.py``: plain data across the seam, each
  line sealed with the run's secret; ``serve.py``: the requests answered on the learner's namespace;
- ``sources.py``: reading .py files, notebooks (nbformat 3 and 4) and folders; ``namespace.py``: taking the
  learner's functions out of a file whatever its other code does; ``modules.py``: the learner's imports answered
  (their own modules beside the file, the course's helpers under any name, by the stand-ins in
  ``course_helpers/``); ``causes.py``: why a function raised, in the learner's words.
"""

from .checks import check_functions
from .confined.sources import collect
from .judge import Outcome
from .sandbox import FileReport, Limits, check_file, check_files


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

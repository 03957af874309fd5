"""What a course notebook's earlier cells define, for a file that is only part of one.

A learner's file is often a fragment: ``propagate`` cut from its notebook, still calling the ``sigmoid`` an
earlier cell defined, or ``L_model_backward`` calling ``linear_activation_backward``. ``names(week)`` is what the
complete notebook of that week has in its namespace by the time of any graded cell: the imports (``np``,
``copy``), the helper modules' functions, and the course's own solution of every graded function (and, for a
notebook of 2017, Python 2's ``xrange`` and ``raw_input``, which answers at once). They supply
the names a file uses and does not define (namespace.py), and stand in for a failing function while its callers
are checked again (checks.py): a caller that then passes fails only because of what it calls.

- ``week2.py``: Logistic Regression with a Neural Network mindset;
- ``week3.py``: Planar data classification with one hidden layer;
- ``week4.py``: Building your Deep Neural Network: Step by Step, and the Application;
- ``c2w1_initialization.py``, ``c2w1_regularization.py``, ``c2w1_gradient_checking.py``: Course 2, week 1's
  three notebooks (Initialization, Regularization, Gradient Checking);
- ``c2w2_optimization.py``: Course 2, week 2's Optimization Methods.
"""

from __future__ import annotations

import copy
import math
from types import ModuleType

import numpy as np

from . import (
    c2w1_gradient_checking,
    c2w1_initialization,
    c2w1_regularization,
    c2w2_optimization,
    week2,
    week3,
    week4,
)

MODULES = {"np": np, "numpy": np, "copy": copy, "math": math}
# Python 2's names, for a learner's 2017 notebook: the course's kernel had them, today's Python has not
PYTHON2 = {"xrange": range, "raw_input": lambda prompt="": "", "unicode": str, "long": int}
_WEEKS = {"week2": week2, "week3": week3, "week4": week4, "app": week4, "c2w1_init": c2w1_initialization,
          "c2w1_reg": c2w1_regularization, "c2w1_gradcheck": c2w1_gradient_checking, "c2w2_opt": c2w2_optimization}


def _own(module: ModuleType) -> dict:
    return {name: value for name, value in vars(module).items()
            if callable(value) and not name.startswith("_") and getattr(value, "__module__", "").startswith(
                ("reference.check.earlier_cells", "reference.check.confined.course_helpers"))}


def names(week: str) -> dict:
    """Every name the week's notebook defines before a graded cell: modules, helpers and graded functions."""
    module = _WEEKS.get(week)
    found: dict = {**MODULES, **PYTHON2}
    if module is not None:
        found.update(_own(module))
        if week == "app":
            found.update(week4.APPLICATION)
    return found


def graded(week: str) -> dict:
    """The course's solution of each graded function of ``week`` (for checking a caller with it in place)."""
    module = _WEEKS.get(week)
    if module is None:
        return {}
    found = _own(module)
    if week == "app":
        found.update(week4.APPLICATION)
    return found

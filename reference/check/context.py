"""What a check needs besides the learner's function: the problem's arrays, and how the course calls it.

``Context.call`` calls the learner's function through its runner (runner.py): the arguments cross as copies (the
runner's side turns NumPy's arrays into the learner's framework's, ``--framework``), so a function that changes
its arguments cannot change the problem, and a call that raises gives back what the function had computed
(confined/causes.py), so the rest is still checked. ``start_of`` finds what a
training function started from (``recording`` watches the functions it calls).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .judge import Unreadable, kind_of, to_numpy
from .runner import Learner, Raised, recording


@dataclass
class Context:
    framework: str = "numpy"                   # the learner's arrays' (the runner's side turns NumPy's into them)
    model: str = "shallow_nn"                  # for the project's own interface: which model, which hidden
    activation: str = "tanh"                   # activation (the course's weeks fix both)
    week: str = ""                             # the file's assignment (the application's scale is not week 4's)
    returns: object = None                     # course_api.RETURNS of the function being checked
    raised: list[str] = field(default_factory=list)  # why it raised, each time a partial result was used

    def array(self, value):
        return np.array(value, dtype=np.float64)

    def arrays(self, mapping: dict) -> dict:
        return {key: self.array(value) for key, value in mapping.items()}

    def call(self, fn: Learner, *args, **kwargs):
        """``fn`` on copies of the arguments, with NumPy's global generator seeded as a notebook would leave it.

        If it raises, what it had computed by then (its locals, as ``returns`` names them) comes back instead,
        the missing parts as causes.MISSING, and why it raised goes to ``raised``; with nothing computed, it raises.
        """
        try:
            return fn.runner.call(fn, _fitted(fn, args), kwargs, seed=1, returns=self.returns)
        except Raised as exc:
            if exc.partial is None or isinstance(exc, MemoryError):
                raise
            self.raised.append(exc.description)
            return exc.partial


def _fitted(fn: Callable, args: tuple) -> tuple:
    """``args`` less the trailing ``print_cost=False`` a function without that parameter cannot take (the check
    of the keywords the course passes says so; the rest of the function is still checked)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return args
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return args
    room = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)
    while len(args) > room and args[-1] is False:
        args = args[:-1]
    return args


def start_of(ctx: Context, fn: Learner, run: Callable[[int], object], iterations: int):
    """A training function's result after ``iterations``, the parameters it started from, and the first calls it
    made (``recording``). The start is what the function it calls once returned (its initializer, whatever its
    name), else what it returns after 0 iterations (it initialized inline; ``Context.call`` seeds the generator
    the same way each time), else None."""
    with recording(fn) as seen:
        result = run(iterations)
    *calls, last = seen
    counts: dict = last.result  # type: ignore[assignment]
    start = None
    for call in calls:
        if counts[call.name] == 1 and isinstance(call.result, dict) and "W1" in call.result:
            with contextlib.suppress(Unreadable):
                start = {k: to_numpy(v).astype(np.float64) for k, v in call.result.items()}
                break
    if start is None:
        with contextlib.suppress(Exception):
            start = {k: to_numpy(v).astype(np.float64) for k, v in params_of(run(0)).items()}
    return result, start, calls


def params_of(value, what: str = "the returned parameters") -> dict:
    """A training function's parameters: ``parameters``, or the first of ``(parameters, costs)`` (2021 releases) or
    of a longer tuple of the learner's."""
    if isinstance(value, tuple) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        raise Unreadable(f"expected {what} (a dict), got {kind_of(value)}")
    return value

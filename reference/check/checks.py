"""Which of a learner's functions get checked, and how: the week, then each function with that week's check.

``plan`` decides: the week (from the names a file defines, or given; a file with the Application's models is
the Application), and for each function the course function it is: by name in the file's week (whatever its
arguments are called), by a near name with as many arguments (``layer_size``, ``initialize_with_zero``), or by
name and arguments in another week.
``Checker`` runs the checks, callees before callers, and turns whatever the learner's code does (raises, returns
something else) into outcomes. A function that fails while a function it calls fails is checked again with the
course's version of that callee in place (earlier_cells/): if it then passes, its mistake is the callee's
(FOLLOWS); if not, what is left is its own. Both run in the child process (child.py); tests call them directly.
"""

from __future__ import annotations

import builtins
import difflib
import inspect
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import (
    c2w1_gradient_checking,
    c2w1_initialization,
    c2w1_regularization,
    c2w2_optimization,
    course_api,
    earlier_cells,
    project,
    week2,
    week3,
    week4,
)
from .context import Context
from .judge import ERROR, FAIL, FOLLOWS, SKIP, WARN, Outcome, collect
from .runner import ANYTHING, Learner, Runner, Stopped, local

CHECKS: dict[str, dict[str, Callable]] = {"week2": week2.CHECKS, "week3": week3.CHECKS, "week4": week4.CHECKS,
                                          "app": week4.APP_CHECKS, "c2w1_init": c2w1_initialization.CHECKS,
                                          "c2w1_reg": c2w1_regularization.CHECKS,
                                          "c2w1_gradcheck": c2w1_gradient_checking.CHECKS,
                                          "c2w2_opt": c2w2_optimization.CHECKS, "project": project.CHECKS}
APP_MODELS = ("two_layer_model", "L_layer_model")
# A model may read the notebook's test set to report on it; a step function takes what it needs as arguments
TRAINING = ("optimize", "model", "nn_model", *APP_MODELS)
_NAME_ERROR = re.compile(r"NameError: name '(\w+)' is not defined")  # in an ERROR's words (causes.describe)
_TOO_MANY = re.compile(r"too many values to unpack \(expected (\d+)")   # likewise


@dataclass(frozen=True)
class Checked:
    name: str      # the learner's
    week: str      # whose check it gets
    course: str    # the course function it is checked as (the learner's name, or the one it is near)


@dataclass
class Plan:
    week: str
    functions: list[Checked] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)   # the learner's other functions
    notes: list[str] = field(default_factory=list)       # near names and renamed arguments, said
    supplied: list[str] = field(default_factory=list)    # names the file uses and the course's notebook defines
    broken: dict[str, str] = field(default_factory=dict)  # course functions whose cell does not parse -> why

    @property
    def names(self) -> list[str]:
        return [item.name for item in self.functions]


def _near(name: str, names: list[str]) -> str | None:
    """The course name ``name`` is a slip of (``layer_size``, ``initialize_with_zero``), or None."""
    found = difflib.get_close_matches(name, names, n=1, cutoff=0.85)
    return found[0] if found and found[0] != name else None


def detect_week(functions: Mapping[str, Callable]) -> str:
    """The Application when the file defines its models (it may define Step by Step's functions too), else
    course_api.detect_week, with near names read as the course's."""
    if any(name in functions for name in APP_MODELS):
        return "app"
    course = {f.name for f in course_api.COURSE_API if f.week in course_api.COURSE_WEEKS}
    course1 = course_api.FAMILIES[0]  # a near name is read as Course 1's only: Course 2's files have names of its own
    near = sorted({f.name for f in course_api.COURSE_API if f.week in course1})
    named = {name if name in course else _near(name, near) or _prefixed(name, fn, course1) or name: fn
             for name, fn in functions.items()}
    week = course_api.detect_week({**named, **functions}, default=None)
    if week is None:  # course names, every one with its arguments renamed: the course week with most of them
        weeks = [w for w in course_api.COURSE_WEEKS if set(named) & set(course_api.names(w))]
        week = max(weeks, key=lambda w: len(set(named) & set(course_api.names(w))), default="project")
    return week


def _prefixed(name: str, fn: Callable, weeks=course_api.COURSE_WEEKS) -> str | None:
    """The course function of ``weeks`` whose name ``name`` begins like (5 letters or more) and whose arguments it
    has, as many and the first two the same (``propagation(w, b, X, Y)``, ``initialize(dim)``), or None."""
    have = course_api.positional(fn)
    for f in (f for f in course_api.COURSE_API if f.week in weeks):
        prefix = len(os.path.commonprefix([name.lower(), f.name.lower()]))
        if prefix >= 5 and any(len(have) == len(sig) and have[:2] == sig[:2] for sig in f.signatures):
            return f.name
    return None


def _weeks_for(week: str) -> list[str]:
    """The weeks whose functions a ``week`` file may hold, nearest first (the Application holds Step by Step's)."""
    return ["app", "week4"] if week == "app" else [week]


def _entry(week: str, name: str, fn: Callable) -> tuple[course_api.CourseFunction | None, str]:
    """The course function ``fn`` is checked as, and what to say about the match ("" for an exact one)."""
    for w in _weeks_for(week):
        found = course_api.find(w, name)
        if found is not None:
            return found, ""
    found = course_api.entry_for(week, name, fn)
    if found is not None or week == "project":
        return found, ""
    have = course_api.positional(fn)
    candidates = [f for w in _weeks_for(week) for f in course_api.COURSE_API if f.week == w]
    near = _near(name, [f.name for f in candidates])
    if near:
        f = next(f for f in candidates if f.name == near)
        if any(len(have) == len(sig) for sig in f.signatures):
            return f, f"{name} checked as the course's {f.name} (the name differs; the arguments are the same)"
    prefixed = _prefixed(name, fn, _weeks_for(week))  # a name of the learner's own, the course's arguments
    if prefixed:
        f = next(f for f in candidates if f.name == prefixed)
        return f, (f"{name}({', '.join(have)}) checked as the course's {f.name}({', '.join(f.signatures[0])}): "
                   "the name and the arguments are near the course's")
    return None, ""


def plan(functions: Mapping[str, Learner], week: str | None = None) -> Plan:
    week = week or detect_week(functions)
    result = Plan(week)
    taken = set(functions)
    for name, fn in functions.items():
        entry, said = _entry(week, name, fn)
        if entry is not None and entry.name in CHECKS[entry.week] and (not said or entry.name not in taken):
            result.functions.append(Checked(name, entry.week, entry.name))
            taken.add(entry.name)
            result.notes += [said] if said else []
        else:
            result.unchecked.append(name)
    order: dict[str, int] = {}
    for f in (f for w in (*_weeks_for(week)[::-1], *course_api.COURSE_WEEKS, "project") for f in course_api.COURSE_API
              if f.week == w):
        order.setdefault(f.name, len(order))  # the course's order, the file's own weeks first
    result.functions.sort(key=lambda item: order.get(item.course, len(order)))
    result.functions = _callees_first(result.functions, functions)
    return result


def _callees_first(items: list[Checked], functions: Mapping[str, Learner]) -> list[Checked]:
    """``items`` in their order, except that a function comes after the ones it calls (so that a caller of a
    failing function is checked knowing it)."""
    by_name = {item.name: item for item in items}
    done: dict[str, Checked] = {}

    def visit(item: Checked, seen: frozenset) -> None:
        for callee in sorted(set(functions[item.name].facts["globals"]) & set(by_name) - seen - {item.name},
                             key=[i.name for i in items].index):
            visit(by_name[callee], seen | {item.name})
        done.setdefault(item.name, item)

    for item in items:
        visit(item, frozenset())
    return list(done.values())


@dataclass
class Loaded:
    """What the learner's side found in a file (confined/__main__.py's "loaded", or a kernel's namespace)."""

    functions: dict[str, Learner]   # the learner's functions, and those of their own modules the file imports
    defined: list[str]              # every name the file's namespace has
    broken: dict[str, str] = field(default_factory=dict)  # course functions whose cell does not parse -> why
    name: str = ""                  # the namespace's __name__


def prepare(loaded: Loaded, runner: Runner, week: str | None = None) -> tuple[Plan, dict[str, Learner]]:
    """The plan for a loaded namespace and the functions it checks, with the names the course's notebook supplies
    put into it. A file that defines no course function but imports them from a module of the learner's own
    beside it (a driver script and its ``fun.py``) gets that module's checked, and is told so."""
    functions = {name: fn for name, fn in loaded.functions.items() if fn.facts["learners"]}
    chosen = plan(functions, week)
    if not chosen.functions:
        theirs_ = {name: fn for name, fn in loaded.functions.items() if fn.facts["their_module"]}
        again = plan(theirs_, week)
        if again.functions:
            files = sorted({theirs_[item.name].facts["their_module"] for item in again.functions})
            again.notes.append(f"defines no course function itself: checked the ones it imports from your "
                               f"{', '.join(files)}")
            chosen, functions = again, theirs_
    for name, why in loaded.broken.items():  # defined in a cell that does not parse
        unknown = chosen.week == "project" and not chosen.functions
        weeks = course_api.COURSE_WEEKS if unknown else _weeks_for(chosen.week)
        candidates = [f for w in weeks for f in course_api.COURSE_API if f.week == w and f.name in CHECKS[w]]
        near = name if name in {f.name for f in candidates} else _near(name, [f.name for f in candidates])
        found = next((f for f in candidates if f.name == near), None)
        if found is not None:
            if not chosen.functions:
                chosen.week = found.week
            chosen.functions.append(Checked(name, found.week, found.name))
            chosen.broken[name] = why
    chosen.supplied = supply(loaded, runner, chosen.week)
    return chosen, functions


def supply(loaded: Loaded, runner: Runner, week: str) -> list[str]:
    """The names the learner's functions use and nothing defines, that the week's notebook defines in its earlier
    cells (``np``, ``sigmoid``, ``relu_backward``, another graded function), put into the namespace; their names.
    A graded function's course version stays on this side: the learner's side gets a call back to it."""
    course = earlier_cells.names(week)
    used = set().union(*(fn.facts["globals"] for fn in loaded.functions.values() if fn.facts["learners"]))
    supplied = sorted(name for name in used - set(loaded.defined) - set(vars(builtins)) if name in course)
    # a module named after a course function answers with the course's, but never for a function the file defines
    # itself: its own ``from propagate import propagate`` would hand the checks the course's answers as its own
    importable: dict[str, object] = {name: value for name, value in course.items()
                                     if inspect.isfunction(value) and name not in loaded.defined}
    facts = runner.supply({name: course[name] for name in supplied}, importable)
    for key, fn in loaded.functions.items():
        if key in facts:
            fn.update(facts[key])
    return supplied


def arguments(item: Checked, fn: Learner) -> list[Outcome]:
    """What the function's parameters do to the course's own calls of it: a keyword the course passes that it
    lacks (``num_iteration`` for ``num_iterations``), or a global read where its own argument was meant."""
    try:
        parameters = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return []
    if any(p.kind == p.VAR_KEYWORD for p in parameters.values()):
        return []
    missing = [k for k in course_api.keywords(item.week, item.course) if k not in parameters]
    outcomes = []
    if missing:
        outcomes.append(Outcome(item.name, "arguments", FAIL, f"the course's notebook calls it with "
                                f"{', '.join(k + '=' for k in missing)}: it takes ({', '.join(parameters)}), so "
                                "that call raises TypeError"))
    course = {name for f in course_api.COURSE_API if f.name == item.course for sig in f.signatures for name in sig}
    read = sorted((set(fn.facts["globals"]) & course) - set(parameters))
    if read:
        outcomes.append(Outcome(item.name, "arguments", FAIL, f"reads the notebook's global {', '.join(read)}, not an "
                                f"argument: it takes ({', '.join(parameters)})"))
    return outcomes


def check_function(ctx: Context, item: Checked, fn: Learner) -> list[Outcome]:
    """One function's outcomes; a raise or an unreadable result is an ERROR, never the end of the run. When it
    raised after computing part of its result, that part is still judged, after the ERROR saying why."""
    ctx.returns, ctx.raised = course_api.RETURNS.get(item.course), []
    outcomes = [o for o in collect(item.name, CHECKS[item.week][item.course](ctx, fn)) if o.status != SKIP]
    if ctx.raised:
        outcomes.insert(0, Outcome(item.name, "call", ERROR, ctx.raised[0]))
    outcomes += arguments(item, fn)
    data = fn.facts["data"]
    unfilled = fn.facts["unfilled"]
    unused = _unused_globals(ctx, item, fn, outcomes, data) if not unfilled else []
    if unused:
        return [Outcome(item.name, "globals", WARN, f"reads the notebook's {', '.join(unused)}, which only its "
                                                    "top-level code makes (not run here); its result does not depend "
                                                    "on it, and every check passes without it")]
    for o in outcomes:
        o.function = item.name
        missing = _NAME_ERROR.search(o.detail)
        if o.status == ERROR and missing and missing.group(1) in data and item.course in TRAINING and not unfilled:
            o.status, o.detail = WARN, (f"uses {missing.group(1)}, which only the file's top-level code makes (data "
                                        f"loading, not run here), so its result is not checked: {o.detail}")
        elif o.status == ERROR and missing and missing.group(1) in data:
            o.detail = (f"reads the notebook's global {missing.group(1)}, made by its top-level code: a function "
                        f"computes what it needs from its arguments; {o.detail}")
    bad = next((o for o in outcomes if not o.ok), None)
    if unfilled and bad is not None:
        bad.detail = f"not filled in: {unfilled}; {bad.detail}"
    return outcomes


def _unused_globals(ctx: Context, item: Checked, fn: Learner, outcomes: list[Outcome], data) -> list[str]:
    """The notebook globals (made only by top-level code not run) that ``fn`` failed on for want of, when with a
    stand-in for each it passes every check: it reads them, and its result does not need them."""
    names = sorted({m.group(1) for o in outcomes if o.status == ERROR
                    for m in [_NAME_ERROR.search(o.detail)] if m} & set(data))
    if not names or item.course in TRAINING:
        return []
    with fn.runner.replaced(fn, dict.fromkeys(names, ANYTHING)):
        ctx.returns, ctx.raised = course_api.RETURNS.get(item.course), []
        again = [o for o in collect(item.name, CHECKS[item.week][item.course](ctx, fn)) if o.status != SKIP]
    return names if again and all(o.ok for o in again) and not ctx.raised else []


def _as_called(course: Callable, theirs_: Callable | None) -> Callable:
    """The course's function, taking its arguments as the learner's does: a caller that passes three to the
    learner's two-argument compute_cost still gets its TypeError (its own mistake), whatever the course accepts."""
    try:
        signature = inspect.signature(theirs_) if theirs_ is not None else None
    except (TypeError, ValueError):
        signature = None
    if signature is None:
        return course

    def called(*args, **kwargs):
        try:
            signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise TypeError(f"{getattr(theirs_, '__name__', 'it')}() {exc}") from None
        return course(*args, **kwargs)

    called.__wrapped__ = course  # type: ignore[attr-defined]
    return called


def _cut(course: Callable, n: int) -> Callable:
    """The course's function, a tuple it returns cut to its first ``n`` values: the release the learner's caller
    was written for returned fewer (Optimization Methods' Adam gained v_corrected and s_corrected later)."""

    def cut(*args, **kwargs):
        result = course(*args, **kwargs)
        return result[:n] if isinstance(result, tuple) and len(result) > n else result

    cut.__wrapped__ = course  # type: ignore[attr-defined]
    return cut


class Checker:
    """Checks a plan's functions one at a time, remembering which failed, so that a caller is not blamed for
    its callee's mistake."""

    def __init__(self, ctx: Context, chosen: Plan, functions: Mapping[str, Learner]):
        self.ctx, self.functions, self.broken = ctx, functions, chosen.broken
        self.course_name = {item.name: item.course for item in chosen.functions}
        self.failing: dict[str, set[str]] = {}  # a function that is not right -> the functions whose mistake it is
        ctx.week = ctx.week or chosen.week

    def checked(self, item: Checked) -> list[Outcome]:
        """``check``, with what stopped it early (runner.Stopped: a timeout, sys.exit, a dead or tampering child)
        as its ERROR."""
        try:
            return self.check(item)
        except Stopped as stop:
            self.failing[item.name] = {item.name}
            return [Outcome(item.name, stop.quantity, ERROR, stop.detail)]

    def check(self, item: Checked) -> list[Outcome]:
        if item.name in self.broken:
            self.failing[item.name] = {item.name}
            return [Outcome(item.name, "call", ERROR, f"not defined: the cell that defines it does not parse, at "
                                                      f"{self.broken[item.name]}")]
        fn = self.functions[item.name]
        outcomes = check_function(self.ctx, item, fn)
        if all(o.ok for o in outcomes):
            if any(o.quantity == "globals" for o in outcomes):  # right alone, wrong in a caller without the global
                self.failing[item.name] = {item.name}
            return outcomes
        course = earlier_cells.graded(self.ctx.week) if self.ctx.framework == "numpy" else {}
        replacements, roots = {}, {}
        for callee in sorted(set(fn.facts["globals"]) - {item.name}):
            module = fn.facts["callees"].get(callee, "")
            if callee in self.failing and self.course_name[callee] in course:  # the learner's, failing
                replacements[callee] = _as_called(course[self.course_name[callee]], self.functions.get(callee))
                roots[callee] = self.failing[callee]
            elif callee in course and module:  # from the learner's own helper module
                replacements[callee], roots[callee] = course[callee], {f"{module}'s {callee}"}
        if not replacements:
            self.failing[item.name] = {item.name}
            return outcomes
        with fn.runner.replaced(fn, replacements):
            again = check_function(self.ctx, item, fn)
        fewer = next((int(m.group(1)) for o in again if o.status == ERROR for m in [_TOO_MANY.search(o.detail)] if m),
                     None)
        if fewer is not None:  # the learner's caller unpacks an earlier release's result: the course's, cut to it
            replacements = {name: _cut(course_fn, fewer) for name, course_fn in replacements.items()}
            with fn.runner.replaced(fn, replacements):
                again = check_function(self.ctx, item, fn)
        swapped = ", ".join(replacements)
        if all(o.ok for o in again):
            for callee in [c for c in replacements if c not in self.failing]:  # of their module: which are wrong
                with fn.runner.replaced(fn, {k: v for k, v in replacements.items() if k != callee}):
                    if all(o.ok for o in check_function(self.ctx, item, fn)):
                        del roots[callee]  # right with their own: not a cause
            found = sorted(set().union(*roots.values()))
            self.failing[item.name] = set(found)
            through = [c for c in roots if c in self.failing and self.failing[c] != {c}]
            return [Outcome(item.name, "calls", FOLLOWS,
                            f"follows from {', '.join(found)}, which fail{'s' * (len(found) == 1)}"
                            + (f" (through {', '.join(through)})" if through else "") + f": with the course's "
                            f"{', '.join(roots)} in place of yours, every check of {item.name} passes")]
        self.failing[item.name] = {item.name}
        raised = [o for o in again if o.status == ERROR and o.quantity == "call"]
        if raised and not any(o.status == ERROR and o.quantity == "call" for o in outcomes):
            return outcomes  # it uses what its own callee returns: the course's, shaped otherwise, tells less
        first = next(o for o in again if not o.ok)
        first.detail += f" (checked with the course's {swapped} in place of yours: these are its own mistakes)"
        return again


def check_functions(functions: dict[str, Callable], week: str | None = None, ctx: Context | None = None
                    ) -> tuple[Plan, list[Outcome]]:
    """Every course function in ``functions``, served in this process (runner.Local): for trusted code (the
    project's own modules, the tests' corpus)."""
    _, learners = local({}, ctx.framework if ctx else "numpy", functions)
    chosen = plan(learners, week)
    ctx = ctx or Context()
    checker = Checker(ctx, chosen, learners)
    outcomes = [o for item in chosen.functions for o in checker.checked(item)]
    return chosen, outcomes

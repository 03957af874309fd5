"""Points for ``rosetta check``: what each checked function earns, and the gradebook's columns.

A function earns its points times the fraction of its quantities (its Outcome rows) that count as passing:

- PASS and WARN count (WARN is right, in a way the course computes elsewhere);
- FOLLOWS counts too: a function wrong only because a function it calls is wrong passes with the course's callee
  in its place, so the mistake is charged once, to the callee that has it, not again to every caller;
- FAIL and ERROR count as zero; SKIP rows (never computed, after a raise) are not counted at all;
- a function that raised, hung or died (an ERROR on its "call" or its "process") earns 0, whatever it computed
  before;
- a function the file does not define earns 0 ("not found"), and so does every function of a file that could not
  be loaded (``FileReport.error``).

Which functions a file is graded on: with no ``--points`` file, the functions found and checked in it, 1 point
each (so a file that defines fewer functions has fewer points to earn: give a gradebook its columns with a file).
With ``--points FILE.toml``, exactly the functions its ``[points]`` table lists, for every file; a course function
it does not list is not graded (give it a line to grade it). Points are numbers >= 0 (0: a column worth nothing)::

    [points]
    sigmoid = 1
    propagate = 3
    optimize = 2

A name that is no course function, or points that are no number >= 0, is a one-line ValueError naming the file,
the key, what was expected and what was there. A learner's near name (``layer_size``), which checks.py checks as
the course's, is graded as it.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .course_api import COURSE_API
from .judge import ERROR, SKIP, Outcome
from .sandbox import FileReport

COURSE_NAMES = {f.name for f in COURSE_API}
STOPPED = ("call", "process")  # the quantities an ERROR is on when the function raised, hung or its process died


@dataclass(frozen=True)
class Mark:
    function: str
    score: float      # the points earned
    max_score: float  # the function's points
    passed: int       # quantities that count as passing
    counted: int      # quantities counted (not SKIP)
    why: str = ""     # why it earns 0 whatever its quantities: not found, stopped, the file not loaded
    outcomes: tuple[Outcome, ...] = ()  # the rows it was marked on


@dataclass(frozen=True)
class Grade:
    marks: list[Mark]

    @property
    def score(self) -> float:
        return sum(m.score for m in self.marks)

    @property
    def max_score(self) -> float:
        return sum(m.max_score for m in self.marks)

    def __str__(self) -> str:
        return f"{number(self.score)}/{number(self.max_score)}"


def number(x: float) -> str:
    """Points as people write them: 7.5, 9, 0.83."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def read_points(path: str | Path) -> dict[str, float]:
    """The ``[points]`` table of a TOML file: course function -> its points; ValueError (one line) when it is not."""
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: expected TOML, got a syntax error: {exc}") from None
    except OSError as exc:
        raise ValueError(f"--points {path}: expected a TOML file, got {exc.strerror or exc}") from None
    table = document.get("points")
    if not isinstance(table, dict) or not table:
        got = repr(table) if "points" in document else f"none (its keys: {', '.join(document) or 'none'})"
        raise ValueError(f"{path}: points: expected a [points] table of course functions and their points "
                         f"(sigmoid = 1), got {got}")
    for key, value in table.items():
        if key not in COURSE_NAMES:
            near = difflib.get_close_matches(key, sorted(COURSE_NAMES), n=1)
            hint = f" (did you mean {near[0]}?)" if near else " (see `rosetta check --help` for the names)"
            raise ValueError(f"{path}: points.{key}: expected the name of a course function{hint}, got {key!r}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"{path}: points.{key}: expected a number of points >= 0, got {value!r}")
    return {key: float(value) for key, value in table.items()}


def mark(function: str, outcomes: list[Outcome], worth: float) -> Mark:
    """One function's points from its outcomes (the rules in the module's docstring)."""
    counted = tuple(o for o in outcomes if o.status != SKIP)
    passed = sum(o.ok for o in counted)
    if any(o.status == ERROR and o.quantity in STOPPED for o in counted):
        return Mark(function, 0.0, worth, passed, len(counted), "raised, hung or died: 0 whatever it computed", counted)
    if not counted:
        return Mark(function, 0.0, worth, 0, 0, "no quantity was checked")
    return Mark(function, worth * passed / len(counted), worth, passed, len(counted), outcomes=counted)


def grade(report: FileReport, points: Mapping[str, float] | None = None) -> Grade:
    """``report``'s marks: on the functions ``points`` lists (its ``--points`` file), else on those it checked."""
    wanted = dict(points) if points else dict.fromkeys(report.functions, 1.0)
    if report.error:
        return Grade([Mark(f, 0.0, worth, 0, 0, f"not checked: {report.error}") for f, worth in wanted.items()])
    found = {name: name for name in report.functions}
    for name in (n for n in report.functions if n not in COURSE_NAMES):  # a near name, read as the course's
        near = difflib.get_close_matches(name, list(wanted), n=1, cutoff=0.85)
        if near and near[0] not in found:
            found[near[0]] = name
    marks = []
    for function, worth in wanted.items():
        if function not in found:
            marks.append(Mark(function, 0.0, worth, 0, 0, "not found in the file"))
        else:
            marks.append(mark(function, [o for o in report.outcomes if o.function == found[function]], worth))
    return Grade(marks)


def columns(reports: list[FileReport], points: Mapping[str, float] | None = None) -> list[str]:
    """The gradebook's function columns: those ``points`` lists, else every function checked in any file."""
    if points:
        return list(points)
    return list(dict.fromkeys(name for r in reports for name in r.functions))

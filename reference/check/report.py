"""What ``rosetta check`` prints and writes: one file's outcomes line by line, or a class's summary table.

The table has a row per file (file, week, format, functions found, passed, warnings, failed, errors, follows,
points, seconds); the same rows go to CSV with each function's points, and to JSON with every outcome; one file's
marks go to Gradescope's results.json (``gradescope``). Points are points.py's. FAIL is a wrong result; ERROR is a
function that raised, hung, exited, flooded the output or ran out of memory: both count against the file. WARN is a
result the course computes another way elsewhere (the Application's initialization in Step by Step), and FOLLOWS a
function wrong only because one it calls is: neither counts against it.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import textwrap
from collections.abc import Mapping
from pathlib import Path

from .course_api import WEEKS
from .judge import ERROR, FAIL, FOLLOWS, PASS, WARN, Outcome
from .points import columns, grade, number
from .sandbox import FileReport

COLUMNS = ("file", "week", "format", "functions", "passed", "warnings", "failed", "errors", "follows", "points",
           "seconds")
Points = Mapping[str, float] | None  # a --points file's (points.read_points), or None: 1 for each function checked


def row(report: FileReport, points: Points = None) -> dict:
    return {"file": report.path, "week": report.week or "-", "format": report.kind or "-",
            "functions": len(report.functions), "passed": report.count(PASS), "warnings": report.count(WARN),
            "failed": report.count(FAIL), "errors": report.count(ERROR) + bool(report.error),
            "follows": report.count(FOLLOWS), "points": str(grade(report, points)),
            "seconds": round(report.seconds, 2)}


def totals(reports: list[FileReport]) -> str:
    passed, warned, failed, errors, follows = (sum(r.count(s) for r in reports)
                                               for s in (PASS, WARN, FAIL, ERROR, FOLLOWS))
    errors += sum(bool(r.error) for r in reports)
    return (f"{passed} passed" + (f", {warned} warning{'s' * (warned != 1)}" if warned else "")
            + f", {failed} failed" + (f", {errors} error{'s' * (errors != 1)}" if errors else "")
            + (f", {follows} follow{'s' * (follows == 1)} from another's mistake" if follows else ""))


def isolation_line(reports: list[FileReport]) -> str:
    """The first line of every report: how the learner's code was confined (confine.py's words)."""
    kinds = sorted({r.isolation for r in reports if r.isolation})
    return f"isolation: {'; '.join(kinds) or 'none: checked in this process'}"


def header(report: FileReport) -> list[str]:
    lines = [isolation_line([report]), report.path]
    if report.week:
        lines.append(f"  {report.week}, {WEEKS[report.week]} ({report.kind})")
        lines += textwrap.wrap(f"{len(report.functions)} functions checked: {', '.join(report.functions) or 'none'}",
                               110, initial_indent="  ", subsequent_indent="    ")
    if report.unchecked:
        lines.append(f"  not course functions, not checked: {', '.join(report.unchecked)}")
    if report.imports:
        answered = ", ".join(f"{name} by {by}" for name, by in report.imports.items())
        lines += textwrap.wrap(f"imports answered: {answered}", 110, initial_indent="  ", subsequent_indent="    ")
    if report.supplied:
        lines += textwrap.wrap("supplied from the course's notebook (the file uses them and does not define them; "
                               f"its earlier cells do): {', '.join(report.supplied)}", 110, initial_indent="  ",
                               subsequent_indent="    ")
    if report.skipped:
        lines.append(f"  ran its imports and definitions only: {report.skipped} other top-level "
                     f"statement{'s' * (report.skipped != 1)} not run (data loading, test calls, plots)")
    lines += [f"  note: {note}" for note in report.notes]
    if report.error:
        lines.append(f"  ERROR: {report.error}")
    elif report.week and not report.functions:
        lines.append("  found none of the course's functions (see `rosetta check --help` for the names)")
    return lines


def outcome_lines(outcomes: list[Outcome], indent: str = "") -> list[str]:
    """STATUS  function  quantity  detail, in columns as wide as the longest function and quantity."""
    if not outcomes:
        return []
    f = max(len(o.function) for o in outcomes)
    q = max(len(o.quantity) for o in outcomes)
    s = max(5, *(len(o.status) for o in outcomes))
    return [f"{indent}{o.status:<{s}} {o.function:<{f}}  {o.quantity:<{q}}  {o.detail}" for o in outcomes]


def single(report: FileReport) -> str:
    lines = header(report) + [""] + outcome_lines(report.outcomes)
    return "\n".join(lines) + f"\n\n{totals([report])}\n"


def table(reports: list[FileReport], points: Points = None) -> str:
    rows = [{**row(r, points), "seconds": f"{r.seconds:.1f}"} for r in reports]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS}
    numeric = {"functions", "passed", "warnings", "failed", "errors", "follows", "points", "seconds"}

    def line(values: dict) -> str:
        return "  ".join(str(values[c]).rjust(widths[c]) if c in numeric else str(values[c]).ljust(widths[c])
                         for c in COLUMNS).rstrip()

    out = [line({c: c for c in COLUMNS}), "-" * len(line({c: c for c in COLUMNS}))]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


def details(reports: list[FileReport]) -> str:
    """For each file with something wrong, or said: what, one line each (every status but PASS)."""
    blocks = []
    for r in reports:
        bad = [o for o in r.outcomes if o.status != PASS]
        if bad or r.error:
            blocks.append("\n".join([r.path, *outcome_lines(bad, "  "), *([f"  ERROR: {r.error}"] if r.error else [])]))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def write_csv(reports: list[FileReport], path: str | Path, points: Points = None) -> None:
    """The table's rows, then a column per function with its points (empty: not graded in that file)."""
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*COLUMNS, *columns(reports, points)])
        writer.writeheader()
        writer.writerows({**row(r, points), **{m.function: number(m.score) for m in grade(r, points).marks}}
                         for r in reports)


def write_json(reports: list[FileReport], path: str | Path, points: Points = None) -> None:
    document = [{**row(r, points), "isolation": r.isolation, "kind": r.kind, "functions_found": r.functions,
                 "unchecked": r.unchecked, "notes": r.notes, "supplied": r.supplied, "imports": r.imports,
                 "skipped_statements": r.skipped, "error": r.error,
                 "function_points": {m.function: {"score": round(m.score, 4), "max_score": m.max_score}
                                     for m in grade(r, points).marks},
                 "outcomes": [dataclasses.asdict(o) for o in r.outcomes]} for r in reports]
    Path(path).write_text(json.dumps(document, indent=1))


def gradescope(report: FileReport, points: Points = None) -> dict:
    """One submission's marks as Gradescope's results.json (its run_autograder writes /autograder/results/results.json):
    a test per function with its "name", "score", "max_score" and, as "output", its lines that are not PASS; the total
    as the top-level "score" (which Gradescope takes over the sum of the tests'); the isolation line as "output".

    The format is Gradescope's "Autograder Specifications", section "Output format":
    https://gradescope-autograders.readthedocs.io/en/latest/specs/ (a test whose score is its max_score is shown as
    passed, one below it as failed)."""
    marked, tests = grade(report, points), []
    for m in marked.marks:
        lines = outcome_lines([o for o in m.outcomes if o.status != PASS])
        passes = f"all {m.counted} quantities pass" if m.counted != 1 else "its 1 quantity passes"
        said = "\n".join([m.why] * bool(m.why) + lines) or passes
        tests.append({"name": m.function, "score": round(m.score, 4), "max_score": m.max_score, "output": said})
    output = "\n".join([isolation_line([report]), *([f"ERROR: {report.error}"] if report.error else [])])
    return {"score": round(marked.score, 4), "tests": tests, "output": output}


def write_gradescope(reports: list[FileReport], path: str | Path, points: Points = None) -> None:
    """Gradescope runs the autograder once per submission: one file's results.json (ValueError for several)."""
    if len(reports) != 1:
        raise ValueError(one_submission(len(reports)))
    Path(path).write_text(json.dumps(gradescope(reports[0], points), indent=1))


def one_submission(count: int) -> str:
    return (f"--gradescope: expected one submission (Gradescope runs the autograder once per submission), "
            f"got {count} files")

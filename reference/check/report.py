"""What ``rosetta check`` prints and writes: one file's outcomes line by line, or a class's summary table.

The table has a row per file (file, week, format, functions found, passed, warnings, failed, errors, follows,
seconds); the same rows go to CSV, and to JSON with every outcome. FAIL is a wrong result; ERROR is a function
that raised, hung, exited, flooded the output or ran out of memory: both count against the file. WARN is a
result the course computes another way elsewhere (the Application's initialization in Step by Step), and
FOLLOWS a function wrong only because one it calls is: neither counts against it.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import textwrap
from pathlib import Path

from .course_api import WEEKS
from .judge import ERROR, FAIL, FOLLOWS, PASS, WARN, Outcome
from .sandbox import FileReport

COLUMNS = ("file", "week", "format", "functions", "passed", "warnings", "failed", "errors", "follows", "seconds")


def row(report: FileReport) -> dict:
    return {"file": report.path, "week": report.week or "-", "format": report.kind or "-",
            "functions": len(report.functions), "passed": report.count(PASS), "warnings": report.count(WARN),
            "failed": report.count(FAIL), "errors": report.count(ERROR) + bool(report.error),
            "follows": report.count(FOLLOWS), "seconds": round(report.seconds, 2)}


def totals(reports: list[FileReport]) -> str:
    passed, warned, failed, errors, follows = (sum(r.count(s) for r in reports)
                                               for s in (PASS, WARN, FAIL, ERROR, FOLLOWS))
    errors += sum(bool(r.error) for r in reports)
    return (f"{passed} passed" + (f", {warned} warning{'s' * (warned != 1)}" if warned else "")
            + f", {failed} failed" + (f", {errors} error{'s' * (errors != 1)}" if errors else "")
            + (f", {follows} follow{'s' * (follows == 1)} from another's mistake" if follows else ""))


def header(report: FileReport) -> list[str]:
    lines = [report.path]
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


def table(reports: list[FileReport]) -> str:
    rows = [{**row(r), "seconds": f"{r.seconds:.1f}"} for r in reports]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS}
    numeric = {"functions", "passed", "warnings", "failed", "errors", "follows", "seconds"}

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


def write_csv(reports: list[FileReport], path: str | Path) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(row(r) for r in reports)


def write_json(reports: list[FileReport], path: str | Path) -> None:
    document = [{**row(r), "kind": r.kind, "functions_found": r.functions, "unchecked": r.unchecked,
                 "notes": r.notes, "supplied": r.supplied, "imports": r.imports, "skipped_statements": r.skipped,
                 "error": r.error,
                 "outcomes": [dataclasses.asdict(o) for o in r.outcomes]} for r in reports]
    Path(path).write_text(json.dumps(document, indent=1))

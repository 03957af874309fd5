"""``rosetta check PATH...``: each file checked in its own child, the lines or the class table, the exit status."""

from __future__ import annotations

import contextlib
import sys
import time

from ..backends import get_backend
from . import cluster, report
from .confined.sources import collect
from .points import read_points
from .sandbox import Limits, check_files


def command(args) -> int:
    """Check every file ``args.paths`` names; 1 when a function fails or a file cannot be checked, else 0."""
    paths = collect(args.paths)
    points = read_points(args.points) if args.points else None  # a bad file: one line, before any child starts
    if args.gradescope and len(paths) != 1:
        raise ValueError(report.one_submission(len(paths)))
    if args.framework != "numpy":
        get_backend(args.framework)  # a missing framework: one line naming the extra, before any child starts
    limits = Limits(timeout=args.timeout, memory_mb=args.memory)
    options = {"week": args.week, "framework": args.framework, "model": args.model, "activation": args.activation,
               "limits": limits, "sandbox": args.sandbox}
    start = time.perf_counter()
    done = []

    def progress(file_report):
        done.append(file_report)
        if len(paths) > 1:
            print(f"  checked {len(done)}/{len(paths)}: {file_report.path} ({file_report.seconds:.1f} s)",
                  file=sys.stderr, flush=True)

    with cluster.executor(args.scheduler) if args.scheduler else contextlib.nullcontext() as executor:
        reports = check_files(paths, jobs=args.jobs, progress=progress, executor=executor, **options)
    if len(reports) == 1:
        print(report.single(reports[0]), end="")
    else:
        print(report.isolation_line(reports))
        print(report.details(reports))
        print(report.table(reports, points))
        print(f"{report.totals(reports)} in {len(reports)} files; {time.perf_counter() - start:.1f} s")
    if args.csv:
        report.write_csv(reports, args.csv, points)
    if args.json:
        report.write_json(reports, args.json, points)
    if args.gradescope:
        report.write_gradescope(reports, args.gradescope, points)
    bad = any(r.error or r.count("FAIL") or r.count("ERROR") for r in reports)
    return 1 if bad else 0

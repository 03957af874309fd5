"""What confinement costs and what it stops: ``python -m benchmarks.check_confinement [--files N] [--json OUT]``.

1. The cost: N correct submissions (the corpus's weeks 2, 3, 4 and the application, in turn) checked one at a
   time (one job, so that the seconds are each file's own), with bubblewrap and with process limits only; seconds
   per file for each, and the difference, which is bubblewrap's start (its namespaces and mounts) per child.
2. What it stops: the hostile suite (tests/hostile.py) in one batch in each mode, as the README's table.

Writes benchmarks/check_confinement.json. Nothing here is a test: tests/test_check_hostile.py asserts the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reference.check import check_file  # noqa: E402
from reference.check.confine import bubblewrap  # noqa: E402
from tests import corpus, hostile  # noqa: E402

OUT = Path(__file__).with_name("check_confinement.json")


def cost(files: int, folder: Path) -> dict:
    """Seconds per file with and without bubblewrap, the same files, alternating so that drift falls on both."""
    names = ["week2", "week3", "week4", "app"]
    paths = [corpus.write_py(corpus.SUBMISSIONS[names[i % len(names)]], folder / f"student{i:03d}.py")
             for i in range(files)]
    seconds: dict[str, list[float]] = {"confined": [], "limits_only": []}
    for path in paths:
        for mode, sandbox in (("confined", True), ("limits_only", False)):
            start = time.perf_counter()
            report = check_file(path, sandbox=sandbox)
            seconds[mode].append(time.perf_counter() - start)
            if report.error or report.count("FAIL") or report.count("ERROR"):
                raise SystemExit(f"{path} ({mode}): a correct file did not pass: {report.error or report.outcomes}")
    return {mode: {"files": len(s), "mean_s": statistics.mean(s), "median_s": statistics.median(s)}
            for mode, s in seconds.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20, help="correct files for the cost (default 20)")
    parser.add_argument("--json", default=str(OUT), help=f"where to write the figures (default {OUT.name})")
    args = parser.parse_args(argv)
    if not bubblewrap():
        raise SystemExit("bubblewrap is missing or refused here: nothing to compare (apt-get install bubblewrap)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "cost").mkdir()
        figures = cost(args.files, folder / "cost")
        with hostile.aimed_at() as port:
            start = time.perf_counter()
            confined = hostile.run_batch(folder / "confined", port, sandbox=True)
            confined_s = time.perf_counter() - start
            start = time.perf_counter()
            limits_only = hostile.run_batch(folder / "limits_only", port, sandbox=False)
            limits_s = time.perf_counter() - start
    c, u = figures["confined"], figures["limits_only"]
    print(f"seconds per correct file, one at a time, {c['files']} files:")
    print(f"  confined (bubblewrap)      mean {c['mean_s']:.3f}  median {c['median_s']:.3f}")
    print(f"  process limits only        mean {u['mean_s']:.3f}  median {u['median_s']:.3f}")
    print(f"  bubblewrap's cost          {c['mean_s'] - u['mean_s']:+.3f} s a file "
          f"({(c['mean_s'] / u['mean_s'] - 1) * 100:+.0f}%)")
    cases = len(confined.reports)
    print(f"\nthe hostile suite, {cases} files in one batch: {confined_s:.1f} s confined, {limits_s:.1f} s with "
          "process limits only\n")
    table = hostile.table(confined, limits_only)
    print(table, end="")
    Path(args.json).write_text(json.dumps({"cost": figures, "hostile_seconds": {"confined": confined_s,
                                                                                "limits_only": limits_s},
                                           "hostile_files": cases, "table": table}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

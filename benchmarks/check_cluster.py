"""A class checked on the local pool and on a Dask cluster: ``python -m benchmarks.check_cluster [-n 300]``.

Writes N submissions as tests/corpus.py's ``write_class`` does (mostly correct notebooks and scripts of every week,
a third with a planted mistake, two hostile files) into a temporary folder, then checks them twice: with
``check_files(paths)``, one child per core, and with ``check_files(paths, executor=...)`` on a
``distributed.LocalCluster`` of two worker processes of one thread each, on loopback (reference/check/cluster.py).
Prints the seconds of each (the cluster's start apart) and whether every field of every file's report but its time
(each outcome's function, quantity, status and detail among them) is equal, and writes benchmarks/check_cluster.json.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import pickle
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reference.check import check_files, cluster  # noqa: E402
from reference.check.confined.sources import collect  # noqa: E402
from tests import corpus  # noqa: E402

WORKERS = 2


def everything(report) -> dict:
    fields = dataclasses.asdict(report)
    del fields["seconds"]
    return fields


def difference(here, there) -> dict:
    """The first field in which two reports of a file differ (the first outcome that does), both ways."""
    a, b = everything(here), everything(there)
    name = next(k for k in a if a[k] != b[k])
    if name == "outcomes" and len(a[name]) == len(b[name]):
        a[name], b[name] = next((x, y) for x, y in zip(a[name], b[name], strict=True) if x != y)
    return {"file": Path(here.path).name, "field": name, "local": str(a[name])[:300], "cluster": str(b[name])[:300]}


def timed(paths: list[Path], **options) -> tuple[list, float]:
    start = time.perf_counter()
    reports = check_files(paths, **options)
    return reports, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="submissions in the class (default: 300)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("check_cluster.json")))
    args = parser.parse_args(argv)
    import distributed

    begun = time.time()
    with tempfile.TemporaryDirectory(prefix="rosetta-class-") as folder:
        corpus.write_class(folder, args.n)
        paths = collect([folder])
        local, local_s = timed(paths)
        print(f"local pool ({os.cpu_count()} at once): {local_s:.1f} s", flush=True)
        start = time.perf_counter()
        with distributed.LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as local_cluster:
            started_s = time.perf_counter() - start
            with cluster.executor(local_cluster.scheduler_address) as executor:
                remote, cluster_s = timed(paths, executor=executor)
        print(f"Dask LocalCluster ({WORKERS} workers x 1 thread, started in {started_s:.1f} s): {cluster_s:.1f} s",
              flush=True)
        differ = [Path(a.path).name for a, b in zip(local, remote, strict=True) if everything(a) != everything(b)]
        first = [difference(a, b) for a, b in zip(local, remote, strict=True) if everything(a) != everything(b)][:3]
        batch = pickle.dumps(frozenset(p.resolve() for p in paths))
    changed = sorted(str(p.relative_to(REPO)) for p in (REPO / "reference").rglob("*.py") if p.stat().st_mtime > begun)
    if changed:  # the workers import the checker when they start: an edit in between is not the same checker
        print("the checker's code changed during the run:", *changed)
    statuses = collections.Counter(o.status for r in local for o in r.outcomes)
    outcomes = sum(len(r.outcomes) for r in local)
    print(f"{len(paths)} files, {outcomes} outcomes ({dict(statuses)}), {sum(bool(r.error) for r in local)} file "
          f"errors; every outcome of every file equal: {not differ}", *(["differ:", *differ] if differ else []))
    result = {"files": len(paths), "outcomes": outcomes, "statuses": dict(statuses), "cores": os.cpu_count(),
              "local_jobs": os.cpu_count(), "cluster_workers": WORKERS, "threads_per_worker": 1,
              "seconds_local": round(local_s, 1), "seconds_cluster": round(cluster_s, 1),
              "seconds_cluster_start": round(started_s, 1), "equal": not differ,
              "differ": differ, "first_differences": first, "code_changed_during_run": changed,
              "isolation": sorted({r.isolation for r in local + remote}),
              "batch_bytes_sent_once": len(batch), "batch_bytes_if_sent_with_every_file": len(batch) * len(paths),
              "distributed": distributed.__version__, "python": platform.python_version()}
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

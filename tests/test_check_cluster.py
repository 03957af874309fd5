"""`rosetta check --scheduler`: a class checked on a Dask cluster gives the local run's every outcome, in order.

The cluster is a ``distributed.LocalCluster`` of two worker processes on loopback only; the class is five files
of tests/corpus.py: correct notebooks and scripts of three weeks, a planted mistake (a FAIL) and a file that
calls ``os._exit`` (an ERROR), so that equal outcomes are not merely all PASS.
"""

import dataclasses
import re
import socket
import sys

import pytest

from reference.check import check_files, cluster
from reference.check.confined import sources
from reference.cli import main
from tests import corpus

distributed = pytest.importorskip("distributed", reason="needs nn-rosetta[cluster] (distributed)")

LOOPBACK = "127.0.0.1"


@pytest.fixture(scope="module")
def address():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host=LOOPBACK,
                                  dashboard_address=None) as local:
        assert local.scheduler_address.startswith(f"tcp://{LOOPBACK}:")
        yield local.scheduler_address


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    corpus.write_ipynb(corpus.SUBMISSIONS["week2"], folder / "alice_week2.ipynb")
    corpus.write_py(corpus.SUBMISSIONS["week3_v1"], folder / "bob_week3.py")
    corpus.write_ipynb(corpus.SUBMISSIONS["week4_v3"], folder / "chen_week4.ipynb", nbformat=3)
    corpus.write_ipynb(corpus.planted(corpus.MISTAKES[0]), folder / "dana_week2.ipynb")
    (folder / "emeka_week4.py").write_text(corpus.HOSTILE["os_exit"], encoding="utf-8")
    return folder


def everything(report) -> dict:
    """A report's every field but its time: each outcome's function, quantity, status and detail among them."""
    fields = dataclasses.asdict(report)
    del fields["seconds"]
    return fields


def test_the_cluster_gives_every_outcome_of_the_local_run_in_order(address, folder):
    paths = sources.collect([folder])
    local = check_files(paths)
    with cluster.executor(address) as executor:
        remote = check_files(paths, executor=executor)
        assert len(executor.shared) == 1  # the batch's paths went to the cluster once, not once per file
    assert [r.path for r in remote] == [str(p) for p in paths]
    for here, there in zip(local, remote, strict=True):
        assert everything(there) == everything(here), here.path
    statuses = {o.status for r in local for o in r.outcomes}
    assert {"PASS", "FAIL", "ERROR"} <= statuses  # the comparison is of outcomes that differ from one another
    assert all(r.isolation == local[0].isolation for r in remote)  # each worker confined its files as here


def _parts(out: str) -> tuple[list[str], list[str], str]:
    """(the lines before the table, the table's rows without their seconds, the totals without the time)."""
    lines = out.rstrip("\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("file "))
    end = lines.index("", start)
    rows = [line.rsplit(None, 1)[0] for line in lines[start:end]]
    return lines[:start], rows, re.sub(r"; [\d.]+ s$", "", lines[-1])


def test_the_command_line_prints_the_local_table(address, folder, capsys):
    code_here = main(["check", str(folder)])
    here = capsys.readouterr().out
    code_there = main(["check", "--scheduler", address, str(folder)])
    there = capsys.readouterr().out
    assert code_there == code_here == 1  # the planted mistake and os._exit
    assert _parts(there) == _parts(here)
    assert len(_parts(there)[1]) == 2 + 5  # the header, its rule, a row per file


def test_an_unreachable_scheduler_is_one_line_naming_it(folder, capsys, monkeypatch):
    with socket.socket() as free:  # a loopback port that nothing listens on once closed
        free.bind((LOOPBACK, 0))
        port = free.getsockname()[1]
    address = f"tcp://{LOOPBACK}:{port}"
    with pytest.raises(ValueError, match=f"no Dask scheduler answered at {address} within 0.5 s"):
        with cluster.executor(address, timeout=0.5):
            pass
    monkeypatch.setattr(cluster, "TIMEOUT", 0.5)
    assert main(["check", "--scheduler", address, str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"rosetta check: error: --scheduler: no Dask scheduler answered at {address} within 0.5 s"


def test_a_wrong_address_or_a_missing_extra_is_one_line(folder, capsys, monkeypatch):
    assert main(["check", "--scheduler", "nowhere", str(folder)]) == 2
    assert "expected a scheduler's address (tcp://host:8786), got 'nowhere'" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    assert main(["check", "--scheduler", f"tcp://{LOOPBACK}:8786", str(folder)]) == 2
    assert "pip install 'nn-rosetta[cluster]'" in capsys.readouterr().err

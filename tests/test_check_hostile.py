"""The sandbox's hostile suite: every case of tests/hostile.py in one batch with correct files, with bubblewrap
and with process limits only, each reported for what it is, no forged PASS, the rest of the batch unchanged and
the checker's process and files unharmed. The expected lines are the cases' own (tests/hostile.py says what each
tries and what it must meet in each mode); the correct files' outcomes are compared with a check of each alone.
The README's table of both modes is compared with the one these runs give."""

from __future__ import annotations

import re

import pytest

from reference.check import check_file
from reference.check.confine import CONFINED, NO_SANDBOX, bubblewrap
from tests import hostile, shown

FORGERIES = ("forge_judge", "forge_lines", "forge_array", "delegate", "at_import")  # cases that would need a forged PASS


@pytest.fixture(scope="module")
def port():
    with hostile.aimed_at() as port:
        yield port


@pytest.fixture(scope="module")
def confined(port, tmp_path_factory):
    if not bubblewrap():
        pytest.skip("bubblewrap is missing or refused here (.ci/install-system-packages installs it)")
    return hostile.run_batch(tmp_path_factory.mktemp("confined"), port, sandbox=True)


@pytest.fixture(scope="module")
def limits_only(port, tmp_path_factory):
    return hostile.run_batch(tmp_path_factory.mktemp("limits_only"), port, sandbox=False)


@pytest.fixture(scope="module")
def alone(limits_only):
    """Each correct file checked by itself, the batch's other files nowhere near."""
    return {name: check_file(limits_only.paths[name], sandbox=False) for name in hostile.CORRECT}


def _judge(batch: hostile.Batch, sandbox: bool, alone) -> None:
    wrong = []
    for name, (function, pattern) in hostile.expected(sandbox).items():
        lines = hostile.shown(batch.reports[name], function)
        if not any(re.search(pattern, line) for line in lines):
            wrong.append(f"{name}: expected a line matching {pattern!r}, got {lines}")
    for name in FORGERIES:  # no forged PASS: every line of the forging functions is a FAIL or an ERROR
        forged = [line for line in hostile.shown(batch.reports[name], "") if line.startswith("PASS ")
                  and line.split()[1] in ("sigmoid", "propagate")]
        if forged:
            wrong.append(f"{name}: a forged PASS: {forged}")
    for name in hostile.CORRECT:  # the rest of the batch unchanged
        got = [(o.function, o.quantity, o.status, o.detail) for o in batch.reports[name].outcomes]
        if got != [(o.function, o.quantity, o.status, o.detail) for o in alone[name].outcomes]:
            wrong.append(f"{name}: its outcomes in the batch differ from its own check's")
        if not got or any(o.status != "PASS" for o in batch.reports[name].outcomes):
            wrong.append(f"{name}: not every function passes")
    for name, (_, function, _) in hostile.FLOODS.items():  # the well-behaved functions of every file still checked
        if function and not any(o.function == "linear_forward" and o.ok for o in batch.reports[name].outcomes):
            wrong.append(f"{name}: linear_forward was not checked after {function}")
    if not (batch.cwd_kept and batch.notes == "the teacher's notes"):
        wrong.append("the checker's working folder or the class folder's other files were harmed")
    if not all(path.is_file() for path in batch.paths.values()):
        wrong.append("a submission was deleted")
    assert not wrong, "\n".join(wrong)


def test_every_hostile_case_is_contained_by_bubblewrap(confined, alone):
    _judge(confined, True, alone)
    assert confined.grades == "the teacher's grades"  # no write reached it: not at definition time, not by a link
    assert {r.isolation for r in confined.reports.values()} == {CONFINED}


def test_with_process_limits_only_the_reads_and_writes_escape(limits_only, alone):
    """What bubblewrap alone stops: the same batch under process limits only, where the verdicts are still the
    checker's but the file system, the network and the other processes are the machine's."""
    _judge(limits_only, False, alone)
    assert limits_only.grades != "the teacher's grades"  # three cases write to it, two files at a time
    assert {r.isolation for r in limits_only.reports.values()} == {NO_SANDBOX}


def test_the_readme_table_is_what_these_runs_give(confined, limits_only):
    got = hostile.table(confined, limits_only)
    assert got in shown.text(), f"the docs' table of hostile cases is stale; this run gives:\n{got}"

"""The sandbox's hostile suite: every case of tests/hostile.py in one batch with correct files, with bubblewrap
and with process limits only, each reported for what it is, no forged PASS, the rest of the batch unchanged and
the checker's process and files unharmed. The expected lines are the cases' own (tests/hostile.py says what each
tries and what it must meet in each mode); the correct files' outcomes are compared with a check of each alone.
The README's table of both modes is compared with the one these runs give. And the watchdog: a function that hangs
is stopped at its own check's limit, not at the file's load limit."""

from __future__ import annotations

import re

import pytest

from reference.check import check_file
from reference.check import sandbox as sandbox_module
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


HANGING = """
import time

import numpy as np

calls = []


def sigmoid(z):  # its first call sleeps past its limit: the child's timer stops it
    calls.append("sigmoid")
    if calls.count("sigmoid") == 1:
        time.sleep(1.0)
    return 1 / (1 + np.exp(-z))


def initialize_with_zeros(dim):  # its first call swallows the timer: the parent's watchdog kills the child
    calls.append("initialize_with_zeros")
    end = time.monotonic() + 2.5
    while calls.count("initialize_with_zeros") == 1 and time.monotonic() < end:
        try:
            time.sleep(max(end - time.monotonic(), 0))
        except BaseException:
            pass
    return np.zeros((dim, 1)), 0.0
"""


def stopped_at_their_own_limit(module, folder) -> None:
    """HANGING checked by ``module`` (reference.check.sandbox, or a copy of it) with each function's limit
    0.25 s and the load limit 30 s, its GRACE (the watchdog's wait past a function's timer) set to 1 s."""
    path = folder / "submission.py"
    path.write_text(HANGING)
    limits = module.Limits(timeout=0.25, load_timeout=30.0)
    report = module.check_file(path, week="week2", limits=limits, sandbox=False)
    errors = {o.function: o.detail for o in report.outcomes if o.status == "ERROR"}
    assert errors.get("sigmoid", "").startswith("timed out after 0.25 s"), report.outcomes
    killed = re.match(r"killed after ([\d.]+) s in the function", errors.get("initialize_with_zeros", ""))
    assert killed and float(killed.group(1)) < limits.load_timeout / 10, report.outcomes  # 0.25 s + GRACE


def test_a_hanging_function_is_stopped_at_its_own_limit_not_the_load_limit(tmp_path, monkeypatch):
    """A function that sleeps past its check's limit is stopped there by the child's timer ("timed out after
    0.25 s"); one that swallows the timer is killed by the parent's watchdog GRACE later (its words say after how
    long: about 1.25 s, an order of magnitude below the 30 s load limit). Each hangs for 4 and 10 times its limit
    and then returns, far less than the load limit: a timer or watchdog on the load limit shows in a second or two
    as a function let finish (PASS), not after 30 s."""
    monkeypatch.setattr(sandbox_module, "GRACE", 1.0)
    stopped_at_their_own_limit(sandbox_module, tmp_path)

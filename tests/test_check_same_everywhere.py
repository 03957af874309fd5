"""The seam between the checks and the learner's functions (reference/check/runner.py) gives the same verdicts
whatever stands behind it: the learner's own kernel (``check_here``, what ``%rosetta_check`` runs), a child
confined by bubblewrap, and a child under process limits only. The files are the corpus's correct submissions of
every week and planted mistakes in three of them; the kernel's namespace is what the file's
definitions make (namespace.load, in this process, as the kernel ran them). The Dask cluster's side is
tests/test_check_cluster.py."""

from __future__ import annotations

import pytest

from reference.check import check_files, check_here
from reference.check.confine import bubblewrap
from reference.check.confined import sources
from reference.check.confined.namespace import load
from tests import corpus

WEEKS = ("week2", "week3_v1", "week4", "app")  # a release of each assignment (the others differ in names only)
MISTAKES = ("db_without_1_over_m", "shallow_cost_without_1_over_m", "dW_divided_by_m_twice")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("everywhere")
    paths = {name: corpus.write_py(corpus.SUBMISSIONS[name], folder / f"{name}.py") for name in WEEKS}
    for mistake in (m for m in corpus.MISTAKES if m.id in MISTAKES):
        paths[mistake.id] = corpus.write_py(corpus.planted(mistake), folder / f"{mistake.id}.py")
    return paths


def _rows(outcomes):
    return [(o.function, o.quantity, o.status, o.detail) for o in outcomes]


def test_the_kernel_the_confined_and_the_unconfined_child_agree(files):
    modes = {"limits only": False, **({"bubblewrap": True} if bubblewrap() else {})}
    children = {mode: dict(zip(files, check_files(list(files.values()), sandbox=sandbox), strict=True))
                for mode, sandbox in modes.items()}
    differ = []
    for name, path in files.items():
        space, _, _ = load(sources.read(path))
        kernel = check_here(space, week="app" if name == "app" else None)
        for mode, reports in children.items():
            if reports[name].week != kernel.week or _rows(reports[name].outcomes) != _rows(kernel.outcomes):
                differ.append(f"{name}: the kernel and the child ({mode}) differ")
        assert kernel.outcomes and (name in MISTAKES) == any(o.status == "FAIL" for o in kernel.outcomes), name
    assert not differ, "\n".join(differ)

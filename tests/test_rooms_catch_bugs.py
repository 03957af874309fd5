"""The rooms can fail: a slip planted into a copy of one module of reference/check, reference/graph or reference/app
is caught by the probe that the room's own test makes.

The neighbour of tests/test_harness_catches_bugs.py's catalogue (whose ``planted_module`` makes the copies): each
``Slip`` is a realistic edit of a file, ``old`` (which must be in it) replaced by ``new``, and the probe that must
pass on a copy with nothing planted and fail on the planted one. A copy is a fresh module that no other module
imports, so each probe calls the copy's own functions: its ``read``, its ``check_file``, its ``label_by_value``.
What each probe asserts, and where its expected values come from, is in the room's test it calls.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from test_harness_catches_bugs import CATALOGUE as PORTING
from test_harness_catches_bugs import planted_module


@dataclass(frozen=True)
class Slip:
    id: str
    module: str         # the file the edit is in
    old: str            # replaced by new (it must be there)
    new: str
    probe: str          # a key of PROBES


CATALOGUE = [
    Slip("magics removed, not blanked", "reference/check/confined/sources.py",
         '        lines.append(run if run is not None else "" if _MAGIC.search(line) else line)',
         "        if run is not None or not _MAGIC.search(line):\n"
         "            lines.append(line if run is None else run)", "notebook_lines"),
    Slip("the watchdog waits for the load limit", "reference/check/sandbox.py",
         'answer = self._next(budget + GRACE - (time.monotonic() - start), "in the function")',
         'answer = self._next(self.limits.load_timeout + GRACE - (time.monotonic() - start), "in the function")',
         "hanging_function"),
    Slip("graph nodes named at float32's tolerance", "reference/graph/label.py",
         "and compare(value, s.value, dtype, s.quantity).ok)",
         'and compare(value, s.value, "float32", s.quantity).ok)', "float64_trace"),
    Slip("a dark 16-bit picture read as 8-bit", "reference/app/pictures.py",
         "        values = np.asarray(image, dtype=np.float64) / 257",
         "        values = np.asarray(image, dtype=np.float64)\n"
         "        values = values / 257 if values.max(initial=0) > 255 else values", "dark_sixteen_bit"),
]


def _probe_notebook_lines(sources, folder):
    pytest.importorskip("nbformat")
    from test_check_notebook import notes_cite_the_cells_own_lines

    notes_cite_the_cells_own_lines(sources, folder)


def _probe_hanging_function(sandbox, folder):
    from test_check_hostile import stopped_at_their_own_limit

    sandbox.GRACE = 1.0  # the copy's own: the real module keeps its 2 s
    stopped_at_their_own_limit(sandbox, folder)


def _probe_float64_trace(label, folder):
    from test_graph import named_at_the_traces_dtype

    named_at_the_traces_dtype(label, "float64")


def _probe_dark_sixteen_bit(pictures, folder):
    from test_app import read_at_its_bit_depth

    read_at_its_bit_depth(pictures, folder, "I;16 png", "dark")


PROBES = {"notebook_lines": _probe_notebook_lines, "hanging_function": _probe_hanging_function,
          "float64_trace": _probe_float64_trace, "dark_sixteen_bit": _probe_dark_sixteen_bit}
IDS = [f"{slip.module.split('/')[1]}-{slip.id}" for slip in CATALOGUE]


@pytest.mark.parametrize("slip", CATALOGUE, ids=IDS)
def test_an_unplanted_copy_passes(slip, tmp_path):
    PROBES[slip.probe](planted_module(slip.module, slip.old, slip.old), tmp_path)


@pytest.mark.parametrize("slip", CATALOGUE, ids=IDS)
def test_each_slip_is_caught(slip, tmp_path):
    with pytest.raises((AssertionError, pytest.fail.Exception)):
        PROBES[slip.probe](planted_module(slip.module, slip.old, slip.new), tmp_path)


def test_the_docs_count_both_catalogues():
    """README.md and docs/proof.md give the catalogues' sizes: counted here from the lists, so a stale figure fails."""
    root = Path(__file__).resolve().parents[1]
    for page in ("README.md", "docs/proof.md"):
        text = " ".join((root / page).read_text().split())
        assert f"a catalogue of {len(PORTING)} " in text, page
        assert f"{len(CATALOGUE)} slips" in text, page

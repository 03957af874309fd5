"""The outputs the README and docs/ show are what their generators give now (docs/cogs.py; ``make docs`` writes them).

Each page is run through cog in memory and compared with itself, block by block, the seconds and milliseconds of a
run masked on both sides where a generator's output holds them. A generator that runs a command of more than a few
seconds is not rerun here when another test already compares its block with that command (``checked_by``); its
block is kept as the page has it. ``make demo``'s table and the application's predictions, which no other test
compares, get one run each below. Every ```python block of the pages runs.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from cogapp import Cog

from tests.shown import PAGES, ROOT

sys.path.insert(0, str(ROOT / "docs"))
import cogs  # noqa: E402

SPEC = re.compile(r"\s*<!-- \[\[\[cog import cogs; cogs\.out\(cogs\.(\w+)\(.*\)\) \]\]\] -->")
END = "<!-- [[[end]]] -->"
HERE = cogs.EVERY_PAGE  # the generators test_every_shown_output_is_what_its_generator_gives reruns


def blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """Each cog block of a page: (its generator, the line number of its first output line, its output lines)."""
    found, lines = [], text.split("\n")
    for i, line in enumerate(lines):
        if "[[[cog" in line:
            match = SPEC.fullmatch(line)
            assert match, f"line {i + 1}: a cog block that calls no generator of docs/cogs.py: {line}"
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == END)
            found.append((match.group(1), i + 2, lines[i + 1:end]))
    return found


def timeless(lines: list[str]) -> list[str]:
    """``lines`` with the timings of a run masked: a number before " s" or " ms", and the "seconds" column of a
    table (the number that ends where its head's "seconds" ends), up to the table's end."""
    masked, column = [], None
    for line in lines:
        line = re.sub(r"\d+(\.\d+)? (m?s)\b", r"~ \2", line)
        if column and len(line) >= column and line[column:column + 1] in ("", " "):
            line = re.sub(r" *[\d.]+$", " ~", line[:column]) + line[column:]
        if re.search(r"\bseconds\b", line):
            column = line.index("seconds") + len("seconds")
        elif not line.strip():
            column = None
        masked.append(line)
    return masked


def isolated(lines: list[str]) -> list[str]:
    """Where bubblewrap is missing or refused, a report's first line says so; the pages show bubblewrap's."""
    from reference.check.confine import bubblewrap

    return lines if bubblewrap() else [re.sub(r"isolation: [^\"]*", "isolation: ~", line) for line in lines]


def stale(page: Path) -> list[str]:
    """Each line of ``page`` that its generator no longer gives, as ``page:line: shown | now``."""
    text = page.read_text()
    cogs.RERUN = {name for name, generator in cogs.GENERATORS.items() if generator.checked_by == HERE}
    try:
        new = Cog().process_string(text, fname=str(page))
    finally:
        cogs.RERUN = None
    problems = []
    for (name, first, shown), (_, _, now) in zip(blocks(text), blocks(new), strict=True):
        if cogs.GENERATORS[name].timings:
            shown, now = timeless(shown), timeless(now)
        shown, now = isolated(shown), isolated(now)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, shown, now, autojunk=False).get_opcodes():
            if tag != "equal":
                problems += [f"{page}:{first + i}: shows {shown[i]!r}" for i in range(i1, i2)]
                problems += [f"{page}:{first + i1}: {name}() gives {line!r}" for line in now[j1:j2]]
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_shown_output_is_what_its_generator_gives(page):
    problems = stale(page)
    assert not problems, "stale output; `make docs` writes what the generators give now:\n" + "\n".join(problems)


def test_a_stale_line_is_found_and_named(tmp_path):
    """A harness that never fails proves nothing: one line of docs/proof.md's table changed, the check names it."""
    text = (ROOT / "docs" / "proof.md").read_text()
    right = next(line for line in text.split("\n") if line.startswith("  | shallow network, 10000 iterations |"))
    wrong = re.sub(r"\d+ of", lambda count: f"{int(count.group(0).split()[0]) + 1} of", right, count=1)
    page = tmp_path / "proof.md"
    page.write_text(text.replace(right, wrong))
    line = text[:text.index(right)].count("\n") + 1
    assert stale(page) == [f"{page}:{line}: shows {wrong!r}", f"{page}:{line}: ensemble_fpr_table() gives {right!r}"]


def test_the_masks_leave_out_the_timings_only():
    """The class table of docs/check.md with other seconds is the same table; with another count it is not."""
    [shown] = [lines for name, _, lines in blocks((ROOT / "docs" / "check.md").read_text()) if name == "check_class"]
    row = next(line for line in shown if line.startswith("/tmp/class/hana_week4.py "))
    slower = [line.replace(row, row[:-3] + "9.9").replace("30 files; ", "30 files; 1") for line in shown]
    assert slower != shown and timeless(slower) == timeless(shown)
    wrong = [line.replace(row, row.replace("1/2 ", "2/2 ")) for line in shown]
    assert wrong != shown and timeless(wrong) != timeless(shown)


def output_blocks(text: str) -> list[int]:
    """The line numbers of the ``` lines that open a block without a language (```bash, ```python: commands, code)."""
    opening, inside = [], False
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip().startswith("```"):
            if not inside and line.strip() == "```":
                opening.append(number)
            inside = not inside
    return opening


def test_every_output_block_has_a_generator_and_every_generator_a_test():
    used = set()
    for page in PAGES:
        text = page.read_text()
        inside = {first + k for _, first, lines in blocks(text) for k in range(len(lines))}
        used |= {name for name, _, _ in blocks(text)}
        assert {name for name, _, _ in blocks(text)} <= set(cogs.GENERATORS), page
        assert not [i for i in output_blocks(text) if i not in inside], f"{page}: an output block no generator writes"
    assert used == set(cogs.GENERATORS), f"generators no page calls: {set(cogs.GENERATORS) - used}"
    for name, generator in cogs.GENERATORS.items():
        path, test = generator.checked_by.split("::")
        assert f"\ndef {test}(" in (ROOT / path).read_text(), f"{name} is checked by {generator.checked_by}: no such test"


def python_blocks() -> list:
    return [pytest.param(part.split("\n```", 1)[0], id=f"{page.name}-{i}")
            for page in PAGES for i, part in enumerate(page.read_text().split("```python\n")[1:])]


@pytest.mark.parametrize("code", python_blocks())
def test_every_python_block_runs(code):
    if code.startswith("# not run"):
        pytest.skip(code.split("\n", 1)[0])
    exec(compile(code, "<docs>", "exec"), {"__name__": "__docs__"})


# ---------------------------------------------------------------------------- blocks no other test compares

COLUMNS = ("model", "backend", "final cost", "train acc", "test acc", "max |dparams|", "max |dcost|", "envelope",
           "seconds", "agrees")


def compared_rows(lines: list[str]) -> dict[tuple[str, str], dict[str, str]]:
    rows = {}
    for line in lines:
        cells = line.split(None, len(COLUMNS) - 1)
        if len(cells) == len(COLUMNS) and cells[0] in ("logistic_regression", "shallow_nn", "deep_nn"):
            rows[cells[0], cells[1]] = dict(zip(COLUMNS, cells, strict=True))
    return rows


def test_the_readme_table_is_what_make_demo_prints(tmp_path):
    """``rosetta compare`` (``--no-plots``, so its last line is not compared) against the README's table, every
    column but the seconds. Across processors the frameworks' kernels round differently and training amplifies it
    (the README says so of the shallow rows), so there the final costs are held to 1e-3, and the differences from
    NumPy (max |dparams|, max |dcost|, envelope) to their kind: at rounding level (below 1e-12) or not, inside the
    envelope (at most 1) or not."""
    [shown] = [lines[1:-1] for name, _, lines in blocks((ROOT / "README.md").read_text()) if name == "make_demo"]
    now = cogs.compare_output("--no-plots", "--out", str(tmp_path)).split("\n")
    assert len(now) == len(shown) and now[-1].startswith("Plots and results.json in ")
    text = [(a, b) for a, b in zip(shown[:-1], now[:-1], strict=True) if not compared_rows([a])]
    assert [a for a, b in text if a != b] == [], "the README's compare table: its text is stale"
    shown_rows, now_rows = compared_rows(shown), compared_rows(now)
    assert list(shown_rows) == list(now_rows)
    wrong = []
    for key, row in now_rows.items():
        was = shown_rows[key]
        for column in ("train acc", "test acc", "agrees"):
            if was[column] != row[column]:
                wrong.append(f"{key} {column}: shown {was[column]}, now {row[column]}")
        if not math.isclose(float(was["final cost"]), float(row["final cost"]), abs_tol=1e-3):
            wrong.append(f"{key} final cost: shown {was['final cost']}, now {row['final cost']}")
        for column, bound in (("max |dparams|", 1e-12), ("max |dcost|", 1e-12), ("envelope", 1.0)):
            if (float(was[column]) <= bound) != (float(row[column]) <= bound):
                wrong.append(f"{key} {column}: shown {was[column]}, now {row[column]}")
    assert not wrong, "the README's compare table is stale (make docs):\n" + "\n".join(wrong)

    # The same run, the README's shallow default, judged whole where training amplifies rounding: past iteration 7000
    # NumPy's own perturbed runs spread to 1e-4 and more, the ensemble's envelope widens with them, and NumPy agrees
    # with itself. Expected: the ensemble (reference/proof/ensemble.py), NumPy runs that differ only by rounding.
    document = json.loads((tmp_path / "results.json").read_text())
    [shallow] = [m for m in document["models"] if m["model"] == "shallow_nn"]
    assert shallow["judged_iterations"] == shallow["num_iterations"] == 10000
    envelope = np.asarray(document["envelopes"]["shallow_nn"])
    assert envelope[:6000].max() < 1e-13  # rounding level while training is calm
    assert envelope[7500:].max() > 1e-6   # wide where it amplifies rounding
    assert [r["agrees"] for r in document["results"] if r["model"] == "shallow_nn" and r["backend"] == "numpy"] == [True]


def test_the_predict_table_is_what_the_trained_model_predicts():
    """docs/application.md's predictions, from the page's commands: the stand-in cats, 2500 iterations of
    ``rosetta train L_layer_model`` (about 25 s), ``rosetta predict``."""
    [shown] = [lines for name, _, lines in blocks((ROOT / "docs" / "application.md").read_text())
               if name == "predict_table"]
    assert "\n".join(shown) + "\n" == cogs.predict_table(), "docs/application.md's predictions are stale (make docs)"

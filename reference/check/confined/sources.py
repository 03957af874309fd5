"""What learners hand in, read as code: a .py file, a notebook (nbformat 4 or 3), or a folder of them.

A notebook's code cells are kept in order, each as its own piece, so that a cell that does not parse hides only
itself. IPython's magics and shell lines (``%matplotlib inline``, ``!pip install``, ``%%time`` cells,
``x = !ls``) are blanked, keeping the line numbers, except ``%run path/helper.py``, which runs a module in the
notebook's namespace: it becomes ``from helper import *`` on the same line (also as nbconvert writes it,
``get_ipython().run_line_magic('run', 'helper.py')``). A .py file exported from a notebook
(``jupyter nbconvert --to script``) is split at its ``# In[ ]:`` markers for the same reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .modules import course_helper

SUFFIXES = (".py", ".ipynb")
_MAGIC = re.compile(r"^\s*(%|!|\?)|^\s*\w[\w\s,]*=\s*(%|!)\S|\?\s*$")
_RUN = re.compile(r"^(\s*)%run\s+(.+?)\s*$")
_RUN_NBCONVERT = re.compile(r"""^(\s*)get_ipython\(\)\.(?:run_line_magic\(\s*['"]run['"]\s*,\s*|magic\(\s*['"]run\s+)"""
                            r"""(.+?)['"]?\s*\)\s*$""")
_IN_MARKER = re.compile(r"^# (In\[[ \d]*\]|In\[end\]):\s*$")


@dataclass(frozen=True)
class Cell:
    label: str       # where it is, for the notes: "cell 3" in a notebook, "In[3]" in an exported script, or ""
    source: str
    first: int = 1   # the line of the file the cell starts on (a script's; a notebook's cells count their own)

    def place(self, lineno: int) -> str:
        """Where line ``lineno`` of the cell is, as the learner finds it: in a notebook by cell, in a script by the
        file's own line (and the cell's In[n] when it has a number)."""
        if self.label.startswith("cell "):
            return f"{self.label}, line {lineno}"
        numbered = f" ({self.label})" if any(c.isdigit() for c in self.label) else ""
        return f"line {self.first + lineno - 1}{numbered}"


@dataclass(frozen=True)
class Submission:
    path: Path
    kind: str        # "py", "ipynb v4", "ipynb v3"
    cells: tuple[Cell, ...]


def _run_magic(line: str) -> str | None:
    """``from helper import *`` for a ``%run [-i] path/helper.py`` line, in either spelling; None for other lines."""
    match = _RUN.match(line) or _RUN_NBCONVERT.match(line)
    if not match:
        return None
    words = [w.strip("'\"") for w in match.group(2).split() if not w.startswith("-")]
    stem = Path(words[0]).stem if words and words[0].endswith(".py") else ""
    return f"{match.group(1)}from {stem} import *" if stem.isidentifier() else ""


def strip_magics(source: str) -> str:
    """The cell with IPython-only lines blanked (``%run`` of a module imported instead); a %%cell magic blanks
    the whole cell."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = []
    for line in source.split("\n"):
        run = _run_magic(line)
        lines.append(run if run is not None else "" if _MAGIC.search(line) else line)
    return "\n".join(lines)


def _joined(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def read_notebook(path: Path) -> Submission:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: expected a Jupyter notebook (JSON), got unreadable content ({exc})") from None
    if not isinstance(document, dict) or "nbformat" not in document:
        raise ValueError(f"{path}: expected a Jupyter notebook with an 'nbformat' key, got none")
    version = document["nbformat"]
    if version == 3:
        raw = [c for sheet in document.get("worksheets", []) for c in sheet.get("cells", [])]
        codes = [_joined(c.get("input")) for c in raw if c.get("cell_type") == "code"]
    elif version == 4:
        codes = [_joined(c.get("source")) for c in document.get("cells", []) if c.get("cell_type") == "code"]
    else:
        raise ValueError(f"{path}: expected nbformat 3 or 4, got nbformat {version!r}")
    cells = tuple(Cell(f"cell {i}", strip_magics(code)) for i, code in enumerate(codes, start=1))
    return Submission(path, f"ipynb v{version}", cells)


def read_script(path: Path) -> Submission:
    try:
        text = path.read_text(encoding="utf-8-sig")  # an editor's byte-order mark is not code
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    lines = text.split("\n")
    cells, label, start = [], "", 0
    for i, line in enumerate([*lines, "# In[end]:"]):  # a last marker closes the last cell
        marker = _IN_MARKER.match(line)
        if marker:
            code = "\n".join(lines[start:i])
            if code.strip():
                cells.append(Cell(label, strip_magics(code), first=start + 1))
            label, start = marker.group(1), i + 1
    return Submission(path, "py", tuple(cells))


def read(path: str | Path) -> Submission:
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"path: expected a .py file, a notebook or a folder, got {str(path)!r}, which does not exist")
    if path.suffix == ".ipynb":
        return read_notebook(path)
    if path.suffix == ".py":
        return read_script(path)
    raise ValueError(f"path: expected a .py file or a .ipynb notebook, got {str(path)!r}")


def collect(paths) -> list[Path]:
    """Every submission under ``paths``: files as given, folders searched for .py and .ipynb files, in name order.

    Checkpoint copies (.ipynb_checkpoints), hidden folders and the course's own helper files that sit beside the
    notebooks (dnn_utils_v2.py, testCases_v4a.py, public_tests.py, ...) are left out of a folder.
    """
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            inside = sorted(p for p in given.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(given).parts)
                            and not (p.suffix == ".py" and course_helper(p.stem)))
            if not inside:
                raise ValueError(f"path: expected a folder with .py or .ipynb files, got {str(given)!r} with none")
            found += inside
        elif given.is_file():
            if given.suffix not in SUFFIXES:
                raise ValueError(f"path: expected a .py file or a .ipynb notebook, got {str(given)!r}")
            found.append(given)
        else:
            raise ValueError(f"path: expected a .py file, a notebook or a folder, got {str(given)!r}, "
                             "which does not exist")
    return list(dict.fromkeys(found))

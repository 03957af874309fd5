"""Hostile submissions: week-2 files whose code attacks the checker, each a case of the sandbox's test suite.

The cases follow what online judges test their sandboxes with (DMOJ keeps such a suite: killing the judge, reading
forbidden files, symlink escapes, floods) and what the issue that asked for the sandbox listed. Each is a learner's
file as the checker gets it; its code does one hostile thing and makes the result visible in what the checker
reports: where the act succeeds it raises ``RuntimeError("ESCAPED: ...")`` (or, for a forgery, returns wrong
values that a forged judge would pass), and where it is stopped the error the learner's code met shows instead.

``CASES`` says, for each case, what it tries and what the report must say with bubblewrap (``confined``) and with
process limits only (``limits_only``): a regular expression that the case's ``STATUS detail`` lines (or the file's
error) must match. ``write_batch`` writes them into a teacher's folder, with correct files beside them, filling in
the places the cases aim at (a sibling submission, a file of the teacher's, the project's oracle, a port that
listens on loopback, a marker in another process's environment). ``tests/test_check_hostile.py`` runs the batch;
``python -m benchmarks.hostile`` prints the table of both modes that the README shows.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reference.check import Limits, check_files
from tests import corpus

ROOT = Path(__file__).resolve().parents[1]
MARKER = "ROSETTA_TEACHER_TOKEN_6f1d"  # in the environment of a process of the teacher's (read_environ looks for it)
TIMEOUT = 3.0                          # seconds for one function's check in the batch (the endless loop's cost)


@dataclass(frozen=True)
class Case:
    name: str
    tries: str            # what the case tries, as the README's table says it
    source: str           # the file, with <<PLACES>> filled in by write_batch
    function: str         # the graded function whose outcomes show the case ("" for the file as a whole)
    confined: str         # regular expression its lines must match with bubblewrap
    limits_only: str      # ... and with process limits only
    helper: str = ""      # a module of the learner's own beside the file (lr_utils.py), or ""


SIGMOID = '''
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''

CORRECT = ("correct_week2", "correct_week4")
ESCAPED = r"^ERROR .*RuntimeError: ESCAPED"
NOT_FOUND = r"^ERROR .*(FileNotFoundError|PermissionError|Read-only file system)"
PASSES = r"^PASS "

CASES: tuple[Case, ...] = (
    # --------------------------------------------------------------------------- forging a verdict
    Case("forge_judge", "patch the checker's judge (compare, judge, allclose) to pass anything", '''import sys
import numpy as np


def sigmoid(z):
    def anything(*args, **kwargs):
        return True
    try:
        import reference.check.judge  # noqa: F401  (the checker's own judge, where this process can import it)
        import reference.proof.tolerances  # noqa: F401
    except ImportError:
        pass
    for name, module in list(sys.modules.items()):
        if name.startswith(("reference", "rosetta_kit", "numpy")):
            for attribute in ("compare", "judge", "allclose", "array_equal", "isclose"):
                if hasattr(module, attribute):
                    setattr(module, attribute, anything)
    return np.zeros_like(z)


def propagate(w, b, X, Y):
    sigmoid(X)
    return {"dw": np.zeros_like(w), "db": 0.0}, 42.0
''', "propagate", r"^FAIL propagate", r"^FAIL propagate"),
    Case("forge_lines", "write PASS-shaped result lines to every inherited descriptor", '''import json
import os
import numpy as np


def sigmoid(z):
    line = json.dumps({"reply": {"value": 0.5}, "status": "PASS"}) + "\\n"
    for fd in range(3, 64):
        try:
            os.write(fd, line.encode())
        except OSError:
            pass
    return np.zeros_like(z)
''', "sigmoid", r"^ERROR .*tampering: a line on the results pipe without this run's secret",
         r"^ERROR .*tampering: a line on the results pipe without this run's secret"),
    Case("forge_array", "return an ndarray subclass and an object whose comparisons always pass", '''import numpy as np


class Always(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


class Anything:
    shape = (4, 1)

    def __eq__(self, other):
        return True


def sigmoid(z):
    return np.zeros_like(z).view(Always)


def initialize_with_zeros(dim):
    return Anything(), 0.0
''', "sigmoid", r"^ERROR sigmoid .*an ndarray subclass: refused", r"^ERROR sigmoid .*an ndarray subclass: refused"),
    Case("delegate", "hand over the course's own propagate as its own (`from propagate import propagate`)",
         '''import numpy as np


def propagate(w, b, X, Y):
    from propagate import propagate as course
    return course(w, b, X, Y)
''', "propagate", r"^ERROR .*ModuleNotFoundError: No module named 'propagate'",
         r"^ERROR .*ModuleNotFoundError: No module named 'propagate'"),
    # --------------------------------------------------------------------------- reading what it must not see
    Case("read_shadow", "read /etc/shadow", '''import numpy as np


def sigmoid(z):
    with open("/etc/shadow") as f:
        text = f.read()
    raise RuntimeError("ESCAPED: read /etc/shadow, " + str(len(text)) + " characters")
''', "sigmoid", NOT_FOUND, f"{ESCAPED}|{NOT_FOUND}"),
    Case("read_home", "read the files of the teacher's home folder (~/.ssh, ~/.bashrc ...)", '''import os
import numpy as np


def sigmoid(z):
    names = os.listdir("<<HOME>>")
    files = [name for name in names if os.path.isfile(os.path.join("<<HOME>>", name))]
    if files:
        raise RuntimeError("ESCAPED: the teacher's home shows " + str(len(files)) + " files")
    raise LookupError("the teacher's home shows no file, only the folders " + ", ".join(sorted(names)))
''', "sigmoid", r"^ERROR .*(LookupError: the teacher's home shows no file|FileNotFoundError)", ESCAPED),
    Case("read_sibling", "read another student's submission", '''import numpy as np


def sigmoid(z):
    with open("<<SIBLING>>") as f:
        text = f.read()
    raise RuntimeError("ESCAPED: read a classmate's file, " + str(len(text)) + " characters")
''', "sigmoid", NOT_FOUND, ESCAPED),
    Case("read_oracle", "read the project's oracle and import its solutions", '''import numpy as np


def sigmoid(z):
    with open("<<PROJECT>>/reference/proof/oracle.py") as f:
        f.read()
    import impl_numpy  # noqa: F401
    raise RuntimeError("ESCAPED: read the oracle and imported the solutions")
''', "sigmoid", NOT_FOUND, ESCAPED),
    Case("read_environ", "read the checker's environment (/proc/<parent>/environ, every process's)", '''import os
import numpy as np


def sigmoid(z):
    found = [key for key in os.environ if "ROSETTA_TEACHER" in key]
    for pid in [str(os.getppid())] + [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            with open("/proc/" + pid + "/environ", "rb") as f:
                if b"<<MARKER>>" in f.read():
                    found.append(pid)
        except OSError:
            pass
    if found:
        raise RuntimeError("ESCAPED: a process's environment holds the teacher's token")
    raise LookupError("no process it can see holds the teacher's token")
''', "sigmoid", r"^ERROR .*LookupError: no process", ESCAPED),
    # --------------------------------------------------------------------------- writing outside its folder
    Case("write_outside", "overwrite a file of the teacher's", '''import numpy as np


def sigmoid(z):
    with open("<<TARGET>>", "w") as f:
        f.write("overwritten by a submission")
    raise RuntimeError("ESCAPED: overwrote the teacher's file")
''', "sigmoid", NOT_FOUND, ESCAPED),
    Case("write_symlink", "overwrite it through a symbolic link made in its own folder", '''import os
import numpy as np


def sigmoid(z):
    os.symlink("<<TARGET>>", "grades.txt")
    with open("grades.txt", "w") as f:
        f.write("overwritten through a link")
    raise RuntimeError("ESCAPED: overwrote the teacher's file through a link")
''', "sigmoid", NOT_FOUND, ESCAPED),
    # --------------------------------------------------------------------------- the network, the checker, the machine
    Case("network", "connect to a server on the machine (loopback)", '''import socket
import numpy as np


def sigmoid(z):
    socket.create_connection(("127.0.0.1", <<PORT>>), timeout=2).close()
    raise RuntimeError("ESCAPED: connected to 127.0.0.1:<<PORT>>")
''', "sigmoid", r"^ERROR .*(ConnectionRefusedError|Network is unreachable|OSError)", ESCAPED),
    Case("kill_parent", "os.kill(os.getppid(), 9), then return the right values", '''import os
import signal
import numpy as np


def sigmoid(z):
    os.kill(os.getppid(), signal.SIGKILL)
    return 1 / (1 + np.exp(-z))
''', "sigmoid", PASSES, PASSES),
    Case("fork_bomb", "start processes in a loop (500 at most; each would exit after 5 s)", '''import os
import time
import numpy as np


def sigmoid(z):
    started = 0
    for _ in range(500):
        if os.fork() == 0:
            time.sleep(5)
            os._exit(0)
        started += 1
    raise RuntimeError("ESCAPED: started " + str(started) + " processes")
''', "sigmoid", r"^ERROR .*PermissionError: \[Errno 1\] Operation not permitted",
         r"^ERROR .*PermissionError: \[Errno 1\] Operation not permitted"),
    Case("thread_flood", "start threads in a loop (20000 at most)", '''import threading
import time
import numpy as np


def sigmoid(z):
    for i in range(20000):
        threading.Thread(target=time.sleep, args=(3,), daemon=True).start()
    raise RuntimeError("ESCAPED: started 20000 threads")
''', "sigmoid", r"^ERROR .*(can't start new thread|MemoryError)", r"^ERROR .*(can't start new thread|MemoryError)"),
    Case("file_too_large", "write one file of 20 MB", '''import numpy as np


def sigmoid(z):
    with open("scratch.bin", "wb") as f:
        for _ in range(20):
            f.write(b"x" * 2**20)
    raise RuntimeError("ESCAPED: wrote 20 MB")
''', "sigmoid", r"^ERROR .*File too large", r"^ERROR .*File too large"),
    Case("disk_fill", "fill its folder with 15 MB files (8 of them: 120 MB)", '''import numpy as np


def sigmoid(z):
    for i in range(8):
        with open("scratch" + str(i) + ".bin", "wb") as f:
            for _ in range(15):
                f.write(b"x" * 2**20)
    raise RuntimeError("ESCAPED: wrote 120 MB")
''', "sigmoid", r"^ERROR .*No space left on device", ESCAPED),
    # --------------------------------------------------------------------------- code that runs at definition time
    Case("at_decorator", "a decorator that writes result lines to every descriptor as the file loads", '''import json
import os
import numpy as np


def graded(fn):
    for fd in range(3, 64):
        try:
            os.write(fd, (json.dumps({"event": "loaded", "facts": {}}) + "\\n").encode())
        except OSError:
            pass
    return fn


@graded
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
''', "", r"^ERROR .*tampering", r"^ERROR .*tampering"),
    Case("at_default", "a default argument that overwrites the teacher's file as the file loads", '''import numpy as np


def sigmoid(z, written=open("<<TARGET>>", "w").write("overwritten at definition time")):
    raise RuntimeError("ESCAPED: overwrote the teacher's file at definition time")
''', "sigmoid", r"^NOTE .*def sigmoid failed: FileNotFoundError", ESCAPED),
    Case("at_class_body", "a class body that reads a classmate's file as the file loads", '''import numpy as np


class Notes:
    try:
        text = open("<<SIBLING>>").read()
    except OSError as exc:
        text = ""
        error = repr(exc)


def sigmoid(z):
    if Notes.text:
        raise RuntimeError("ESCAPED: read a classmate's file at definition time")
    raise LookupError("at definition time: " + Notes.error)
''', "sigmoid", r"^ERROR .*LookupError: at definition time: FileNotFoundError", ESCAPED),
    Case("at_import", "its own lr_utils.py that, imported, patches NumPy's comparisons to pass anything", '''import numpy as np
from lr_utils import load_dataset  # noqa: F401  (its own, beside the file)


def sigmoid(z):
    if np.allclose(0, 1):
        return np.zeros_like(z)
    return 1 / (1 + np.exp(-z))
''', "sigmoid", r"^FAIL sigmoid", r"^FAIL sigmoid", helper='''import numpy as np

np.allclose = np.array_equal = np.isclose = lambda *args, **kwargs: True


def load_dataset():
    raise FileNotFoundError("datasets/train_catvnoncat.h5")
'''),
)

# corpus.HOSTILE's week-4 files (floods, exits, a file that deletes its folder, a failing import), with what their
# lines must say in both modes
FLOODS: dict[str, tuple[str, str, str]] = {  # name -> (what it tries, graded function, regular expression)
    "infinite_loop": ("an endless loop", "initialize_parameters_deep", r"^ERROR .*(timed out after|killed after)"),
    "os_exit": ("os._exit(0)", "initialize_parameters_deep", r"^ERROR .*exit code 0\) before returning: os\._exit"),
    "sys_exit": ("sys.exit(0)", "initialize_parameters_deep", r"^ERROR .*called sys\.exit\(0\)"),
    "huge_allocation": ("allocate 10 GB", "initialize_parameters_deep", r"^ERROR .*ran out of memory"),
    "flood": ("print 100 MB", "compute_cost", r"^ERROR .*printed 100\.0 MB: flooded the output"),
    "files": ("delete every file in its working folder", "initialize_parameters_deep",
              r"^PASS initialize_parameters_deep"),
    "import_error": ("an import that fails and a raise at the top level", "",
                     r"^NOTE .*from course_data_that_is_not_here import load failed: ModuleNotFoundError"),
}


@contextlib.contextmanager
def aimed_at() -> Iterator[int]:
    """What the cases aim at besides files: a server listening on loopback (its port) and a process of the
    teacher's with ``MARKER`` in its environment, for as long as the batch runs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    teacher = subprocess.Popen(["sleep", "600"], env={"PATH": "/usr/bin:/bin", "ROSETTA_TEACHER_TOKEN": MARKER})
    try:
        yield listener.getsockname()[1]
    finally:
        teacher.kill()
        teacher.wait()
        listener.close()


@dataclass
class Batch:
    reports: dict      # case name -> FileReport
    paths: dict        # case name -> the submission's path
    grades: str        # the teacher's file after the batch
    notes: str         # the teacher's notes in the class folder after the batch
    cwd_kept: bool     # the checker's working folder is where it was


def run_batch(folder: Path, port: int, sandbox: bool) -> Batch:
    """Every case, flood and correct file in ``folder`` (made here, with the teacher's files beside it), checked in
    one batch with bubblewrap (``sandbox``) or with process limits only."""
    teacher = folder / "teacher"
    teacher.mkdir(parents=True)
    (teacher / "grades.txt").write_text("the teacher's grades")
    (folder / "class").mkdir()
    (folder / "class" / "keep.txt").write_text("the teacher's notes")
    places = {"HOME": str(Path.home()), "SIBLING": str(folder / "class" / "correct_week2" / "submission.py"),
              "TARGET": str(teacher / "grades.txt"), "PROJECT": str(ROOT), "PORT": str(port), "MARKER": MARKER}
    paths = write_batch(folder / "class", places)
    here = os.getcwd()
    reports = check_files(list(paths.values()), limits=Limits(timeout=TIMEOUT), sandbox=sandbox)
    return Batch(dict(zip(paths, reports, strict=True)), paths, (teacher / "grades.txt").read_text(),
                 (folder / "class" / "keep.txt").read_text(), os.getcwd() == here)


def expected(sandbox: bool) -> dict[str, tuple[str, str]]:
    """Each case's graded function ("" for all) and the expression its lines must match in that mode."""
    cases = {c.name: (c.function, c.confined if sandbox else c.limits_only) for c in CASES}
    return {**cases, **{name: (function, pattern) for name, (_, function, pattern) in FLOODS.items()}}


def write_batch(folder: Path, places: dict[str, str]) -> dict[str, Path]:
    """The cases, the floods and two correct files (``correct_week2.py``, ``correct_week4.ipynb``) in ``folder``,
    each case in a folder of its own (so that its own module, and only its, sits beside it); the path of each."""
    paths: dict[str, Path] = {}
    for case in CASES:
        own = folder / case.name
        own.mkdir(parents=True)
        paths[case.name] = own / "submission.py"
        paths[case.name].write_text(fill(case.source, places))
        if case.helper:
            (own / "lr_utils.py").write_text(fill(case.helper, places))
    for name in FLOODS:
        paths[name] = folder / name / "submission.py"
        paths[name].parent.mkdir(parents=True)
        paths[name].write_text(corpus.HOSTILE[name])
    for name in CORRECT:
        (folder / name).mkdir()
    paths["correct_week2"] = corpus.write_py(corpus.SUBMISSIONS["week2"], folder / "correct_week2" / "submission.py")
    paths["correct_week4"] = corpus.write_ipynb(corpus.SUBMISSIONS["week4"], folder / "correct_week4" / "nb.ipynb")
    return paths


def shown(report, function: str) -> list[str]:
    """The lines that show a case: the file's error and notes, then ``STATUS function quantity detail`` for each
    outcome of its graded function (of every function where ``function`` is "")."""
    return ([f"ERROR {report.error}"] if report.error else []) + [f"NOTE {note}" for note in report.notes] + [
        f"{o.status} {o.function} {o.quantity} {o.detail}" for o in report.outcomes
        if not function or o.function == function]


def summary(found: list[str]) -> str:
    """A table cell: what the case met, in a few words (no paths, ports or sizes, which differ from run to run)."""
    text = "\n".join(found)
    if "ESCAPED" in text:
        return "**escaped**"
    for words, said in (("tampering", "ERROR: tampering caught"),
                        ("Connection refused", "ERROR: connection refused (no network)"),
                        ("refused", "ERROR: not plain data, refused"),
                        ("timed out", "ERROR: timed out"), ("os._exit", "ERROR: the process ended"),
                        ("sys.exit", "ERROR: called sys.exit"), ("ran out of memory", "ERROR: out of memory"),
                        ("flooded", "ERROR: output flood"), ("File too large", "ERROR: file too large"),
                        ("No space left", "ERROR: no space left (64 MB)"),
                        ("Operation not permitted", "ERROR: fork refused"),
                        ("can't start new thread", "ERROR: no more threads (memory limit)"),
                        ("LookupError: no process", "ERROR: no process holds it"),
                        ("shows no file", "ERROR: no file of it visible"),
                        ("def sigmoid failed: FileNotFoundError", "the definition failed: not found"),
                        ("FileNotFoundError", "ERROR: not found"), ("import load failed", "the import failed"),
                        ("No module named 'propagate'", "ERROR: no such module")):
        if words in text:
            return said
    statuses = {line.split(" ", 1)[0] for line in found if line.split(" ", 1)[0] in ("PASS", "FAIL", "ERROR")}
    return "FAIL (no forged PASS)" if "FAIL" in statuses else "PASS (no harm done)" if statuses == {"PASS"} else text


def table(confined: Batch, limits_only: Batch) -> str:
    """The README's table: each case, what it tries, what it met with bubblewrap and with process limits only."""
    tries = {**{case.name: case.tries for case in CASES}, **{name: t for name, (t, _, _) in FLOODS.items()}}

    def cell(batch: Batch, name: str) -> str:
        return summary(shown(batch.reports[name], expected(True)[name][0]))

    rows = ["| case | tries | confined (bubblewrap) | NOT confined: process limits only |", "|---|---|---|---|"]
    rows += [f"| `{name}` | {tries[name]} | {cell(confined, name)} | {cell(limits_only, name)} |" for name in tries]
    return "\n".join(rows) + "\n"


def fill(source: str, places: dict[str, str]) -> str:
    for key, value in places.items():
        source = source.replace(f"<<{key}>>", value)
    return source

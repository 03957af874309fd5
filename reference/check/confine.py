"""How the child that holds a learner's file is confined: bubblewrap where it runs, process limits everywhere.

With bubblewrap (Debian's ``bubblewrap``, the sandbox Flatpak uses) the child sees a read-only Python and its
libraries, the course's helper stand-ins (confined/, as ``rosetta_kit``), its own submission and the modules of
the learner's own it imports; a private writable /tmp (64 MB); no network; its own PID namespace; a clean
environment. It does not see the teacher's home, the other submissions, or the project's oracle and checks.
Without it (missing, or refused: some containers forbid user namespaces), the child runs with the same limits
(confined/limits.py: memory, file size, no new processes) and nothing else, and every report says so.
"""

from __future__ import annotations

import ast
import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path

from .confined import modules, sources

KIT = Path(__file__).resolve().parent / "confined"
PROJECT = KIT.parents[2]
PROTECTED = [PROJECT / "reference", *PROJECT.glob("impl_*")]  # never shown to a learner's file
KIT_NAME = "rosetta_kit"      # the package name the child imports the kit under
INSIDE = Path("/rosetta")     # where the kit lies inside the sandbox
TMP_SIZE = 64 * 2**20
CONFINED = "confined (bubblewrap)"
UNCONFINED = "NOT confined: process limits only; install bubblewrap"
NO_SANDBOX = "NOT confined: --no-sandbox; process limits only"


KEPT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")  # the BLAS's processor settings (some processors need them to
#                                                 compute right): the child's arithmetic is then the checker's own


def environment(home: str) -> dict[str, str]:
    """The whole environment of the child (and of bubblewrap itself, whose /proc/1/environ the child can read):
    nothing of the checker's but ``KEPT``."""
    kept = {key: os.environ[key] for key in KEPT if key in os.environ}
    return {**kept, "PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
            "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1", "JAX_PLATFORMS": "cpu", "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1", "PYTHONNOUSERSITE": "1",
            "MPLCONFIGDIR": f"{home}/.matplotlib"}


@functools.cache
def bubblewrap() -> str:
    """The bwrap program, when it is there and can make a sandbox here, else ""."""
    program = shutil.which("bwrap")
    if program is None:
        return ""
    try:
        done = subprocess.run([program, *_system(), "--unshare-all", "--die-with-parent", "true"],
                              capture_output=True, timeout=20, env=environment("/tmp"))
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return program if done.returncode == 0 else ""


def isolation(sandbox: bool = True) -> str:
    """The words every report starts with: which isolation its children had."""
    if not sandbox:
        return NO_SANDBOX
    return CONFINED if bubblewrap() else UNCONFINED


def _python_folders() -> list[str]:
    """Python's own folders (the interpreter, the standard library, the virtual environment's packages)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             *(sysconfig.get_paths().get(k, "") for k in ("stdlib", "platstdlib", "purelib", "platlib"))}
    return sorted(p for p in paths if p and not p.startswith("/usr/") and os.path.isdir(p))


def _system() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            args += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            args += ["--ro-bind", str(target), str(target)]
    for name in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime"):
        if os.path.exists(name):
            args += ["--ro-bind", name, name]
    for folder in _python_folders():
        args += ["--ro-bind", folder, folder]
    return args


# ast.parse from several threads at once (the Dask workers' threads check files side by side) can raise a spurious
# "SystemError: AST constructor recursion depth mismatch" in CPython 3.11 (python/cpython#106905, a fresh-clone CI run
# met it): the parses of this process take turns.
_PARSING = threading.Lock()


def _imports(path: Path) -> set[str]:
    """The modules a submission's code imports, anywhere in it (``%run`` included, as sources.py reads it)."""
    found: set[str] = set()
    try:
        cells = sources.read(path).cells
    except (OSError, ValueError):
        return found
    for cell in cells:
        try:
            with _PARSING:
                tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
    return found


def _refused(path: Path, others: set[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == p or p in resolved.parents or resolved in p.parents for p in [*PROTECTED, *others])


def learners_modules(path: Path, others: set[Path]) -> list[Path]:
    """The files and folders of the learner's own modules that ``path`` imports (found as modules.py finds them),
    except the project's own code and the other submissions of the batch (``others``)."""
    finder = modules.SubmissionModules(path.parent)
    shown: list[Path] = []
    for name in sorted(_imports(path)):
        for prefix in [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)]:
            spec = finder._local(prefix)
            origin = Path(spec.origin) if spec is not None and spec.origin else finder.found
            if spec is None or origin is None:
                continue
            place = origin.parent if origin.name == "__init__.py" else origin
            if place.exists() and not _refused(place, others) and place not in shown:
                shown.append(place)
    return shown


def command(path: Path, home: str, others: set[Path]) -> list[str]:
    """The bwrap command line that runs the kit on ``path`` (its working folder: ``home``, private)."""
    # the private /tmp first: what is bound after it stays seen (a virtual environment or a project under /tmp)
    args = [bubblewrap(), "--size", str(TMP_SIZE), "--tmpfs", "/tmp", *_system(),
            "--ro-bind", str(KIT), str(INSIDE / KIT_NAME), "--proc", "/proc", "--dev", "/dev", "--dir", home,
            "--chdir", home, "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent",
            "--new-session", "--cap-drop", "ALL", "--clearenv"]
    for shown in [path.resolve(), *learners_modules(path.resolve(), others)]:
        args += ["--ro-bind", str(shown), str(shown)]
    for key, value in {**environment(home), "PYTHONPATH": str(INSIDE)}.items():
        args += ["--setenv", key, value]
    return [*args, sys.executable, "-m", KIT_NAME]


@functools.cache
def kit_folder() -> str:
    """A folder holding ``rosetta_kit`` (a link to confined/), for a child without bubblewrap."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"rosetta-kit-{os.getuid()}-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    link = folder / KIT_NAME
    if not link.is_symlink():
        try:
            link.symlink_to(KIT)
        except FileExistsError:  # another thread's first call made it (functools.cache does not lock); a fresh-clone
            pass                 # CI run met the race, checking files side by side
    return str(folder)

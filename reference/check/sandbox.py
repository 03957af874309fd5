"""Running a learner's file safely: a child process per file, in a fresh temporary folder, with limits.

The child (child.py) reports each function's outcomes as JSON lines on a pipe of its own; its exit code is never
read as a result. The parent watches the clock: a function that runs past its time limit (and past the child's
own timer, which a bare ``except:`` can swallow) gets its process group killed. A function during which the
child died (``os._exit``, a crash, the kill) is reported as an ERROR for that function, and a new child checks
the functions after it. The learner's printing is read and counted, never kept beyond a few kilobytes.
Files are checked in parallel, one child per core.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .judge import ERROR, Outcome

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0         # seconds for one function's check
    load_timeout: float = 60.0    # seconds to start the child and load the file (a framework's import included)
    memory_mb: int = 2048         # address space beyond what the child has after importing NumPy and the framework
    output_limit: int = 1_000_000  # bytes one function may print before it counts as flooding


@dataclass
class FileReport:
    path: str
    kind: str = ""
    week: str = ""
    functions: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    supplied: list[str] = field(default_factory=list)  # names the file uses that the course's earlier cells define
    imports: dict[str, str] = field(default_factory=dict)  # each module the file imported that Python alone would not
    #                                                        find, and what answered it (modules.py)
    skipped: int = 0
    seconds: float = 0.0
    error: str = ""               # the file as a whole could not be checked

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(MPLBACKEND="Agg", TF_CPP_MIN_LOG_LEVEL="3", PYTHONDONTWRITEBYTECODE="1", JAX_PLATFORMS="cpu",
               OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")])))
    return env


class _Drain(threading.Thread):
    """Reads the child's stdout and stderr to the end, counting the bytes, so a flood never blocks the child."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream, self.bytes = stream, 0

    def run(self):
        while chunk := self.stream.read1(1 << 16):
            self.bytes += len(chunk)


def _describe_end(returncode: int | None, killed: str) -> str:
    if killed:
        return killed
    if returncode is not None and returncode < 0:
        name = signal.Signals(-returncode).name
        hint = " (the machine's memory killer?)" if name == "SIGKILL" else ""
        return f"the process was killed by {name}{hint}"
    return f"the process ended (exit code {returncode}) before returning: os._exit() or a crash"


def _run_child(path: Path, orders: dict, limits: Limits) -> tuple[list[dict], str, int]:
    """One child over ``path``: its events, why it stopped early ("" if it finished), and how much it printed."""
    folder = tempfile.mkdtemp(prefix="rosetta-check-")
    read_end, write_end = os.pipe()
    try:
        child = subprocess.Popen([sys.executable, "-m", "reference.check.child"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=folder, env=_environment(),
                                 pass_fds=(write_end,), start_new_session=True)
    except OSError:
        os.close(read_end)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        os.close(write_end)
    drain = _Drain(child.stdout)
    drain.start()
    events: list[dict] = []
    killed = ""
    try:
        assert child.stdin is not None
        child.stdin.write(json.dumps({**orders, "path": str(path.resolve()), "results_fd": write_end}).encode())
        child.stdin.close()
        events, killed = _read_events(read_end, child, limits)
    finally:
        os.close(read_end)
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        drain.join(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)
    finished = any(e["event"] in ("done", "failed") for e in events)
    return events, "" if finished else _describe_end(child.returncode, killed), drain.bytes


def _read_events(fd: int, child: subprocess.Popen, limits: Limits) -> tuple[list[dict], str]:
    """The child's JSON lines until it closes the pipe, killing it when the current step runs out of time."""
    events: list[dict] = []
    buffer = b""
    allowed, step = limits.load_timeout, "loading the file"
    deadline = time.monotonic() + allowed
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.killpg(child.pid, signal.SIGKILL)
                return events, f"killed after {allowed:g} s {step} (an endless loop?)"
            if not selector.select(timeout=min(left, 0.5)):
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return events, ""
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                event = json.loads(line)
                events.append(event)
                if event["event"] in ("loaded", "start", "end"):  # the child's own timer goes off 2 s earlier
                    allowed = limits.timeout + 2.0
                    step = f"in {event['function']}" if event["event"] == "start" else "between functions"
                    deadline = time.monotonic() + allowed


def check_file(path: str | Path, week: str | None = None, framework: str = "numpy", model: str = "shallow_nn",
               activation: str = "tanh", limits: Limits = Limits()) -> FileReport:
    """Every course function in one learner's file, each checked in a child process (a new one after a crash)."""
    path = Path(path)
    start = time.perf_counter()
    report = FileReport(str(path))
    orders: dict[str, Any] = {
        "week": week, "framework": framework, "model": model, "activation": activation, "skip": [],
        "timeout": limits.timeout, "load_timeout": limits.load_timeout, "memory_mb": limits.memory_mb,
        "output_limit": limits.output_limit}
    printed = 0
    for _ in range(64):  # a new child after each function that killed one; a file has fewer course functions
        events, stopped, printed_now = _run_child(path, orders, limits)
        printed += printed_now
        running = None
        for event in events:
            if event["event"] == "loaded":
                report.kind, report.week, report.functions = event["kind"], event["week"], event["functions"]
                report.unchecked, report.notes, report.skipped = event["unchecked"], event["notes"], event["skipped"]
                report.supplied = event["supplied"]
            elif event["event"] == "done":
                report.imports.update(event["imports"])
            elif event["event"] == "failed":
                report.error = event["reason"]
            elif event["event"] == "start":
                running = event["function"]
            elif event["event"] == "end":
                report.outcomes += [Outcome(**o) for o in event["outcomes"]]
                orders["skip"].append(event["function"])
                running = None
        if not stopped:
            break
        if running is None:  # died while loading, or between functions
            report.error = report.error or f"{stopped} while loading the file"
            break
        report.outcomes.append(Outcome(running, "process", ERROR, stopped))
        orders["skip"].append(running)
    if printed > 2 * limits.output_limit:
        report.notes.append(f"printed {printed / 1e6:.1f} MB in all (read and dropped)")
    report.seconds = time.perf_counter() - start
    return report


def check_files(paths: list[Path], jobs: int | None = None, progress=None, **options) -> list[FileReport]:
    """``check_file`` over many files, ``jobs`` at a time (default: the machine's cores); reports in input order."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))

    def one(path: Path) -> FileReport:
        report = check_file(path, **options)
        if progress:
            progress(report)
        return report

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, paths))

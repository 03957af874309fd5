"""A learner's file checked from outside its process: the checks run here, its functions in a confined child.

``Child`` is the runner's transport (runner.py) to one child process (confined/__main__.py), started inside
bubblewrap where it can be (confine.py). Requests go on the child's stdin; answers come back on a pipe of their
own, each line carrying the run's secret, so that a line the learner's code writes to a descriptor it finds is
reported as tampering; the learner's printing (stdout and stderr) is read and counted, never kept. Each request
has the time left of its function's check: the child's timer says "timed out", and a child that does not answer
2 s later (a loop that swallows the timer) is killed. A function during which the child died (``os._exit``, a
crash, the kill, tampering) is an ERROR for that function, and a new child serves the functions after it.
Files are checked in parallel, one child per core (or on a Dask cluster: cluster.py).
"""

from __future__ import annotations

import json
import os
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import confine
from .checks import Checker, Loaded, prepare
from .confined import wire
from .context import Context
from .judge import ERROR, Outcome
from .runner import Runner, Stopped, stopped

GRACE = 2.0  # seconds past a request's own timer before its child is killed


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
    isolation: str = ""           # confine.CONFINED, UNCONFINED or NO_SANDBOX

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def _describe_end(returncode: int | None) -> str:
    if returncode is not None and returncode > 128:  # bubblewrap passes on a signal's death as 128 + its number
        returncode = -(returncode - 128)
    if returncode is not None and returncode < 0:
        name = signal.Signals(-returncode).name
        hint = " (the machine's memory killer?)" if name == "SIGKILL" else ""
        return f"the process was killed by {name}{hint}"
    return f"the process ended (exit code {returncode}) before returning: os._exit() or a crash"


class Child:
    """One child process over one file: started, loaded, asked, and killed when it overstays."""

    def __init__(self, path: Path, framework: str, limits: Limits, sandbox: bool, others: set[Path]):
        self.limits, self.alive, self.printed = limits, False, 0
        self.secret = secrets.token_hex(16)
        self.folder = tempfile.mkdtemp(prefix="rosetta-check-")
        home = "/tmp/work"
        confined = sandbox and bool(confine.bubblewrap())
        if confined:
            argv, env, cwd = confine.command(path, home, others), confine.environment(home), self.folder
        else:
            argv = [sys.executable, "-m", confine.KIT_NAME]
            env = {**confine.environment(self.folder), "PYTHONPATH": confine.kit_folder()}
            cwd = self.folder
        read_end, write_end = os.pipe()
        try:
            self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT, cwd=cwd, env=env, pass_fds=(write_end,),
                                            start_new_session=True)
        except OSError:
            os.close(read_end)
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        finally:
            os.close(write_end)
        self.results, self.buffer = read_end, b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(read_end, selectors.EVENT_READ, "results")
        assert self.process.stdout is not None and self.process.stdin is not None
        self.selector.register(self.process.stdout, selectors.EVENT_READ, "printed")
        self.alive = True
        self._write({"secret": self.secret, "path": str(path.resolve()), "framework": framework,
                     "memory_mb": limits.memory_mb, "load_timeout": limits.load_timeout, "results_fd": write_end,
                     "guard": not confined})
        try:
            self.loaded = self._next(limits.load_timeout + GRACE, "loading the file")
        except Stopped as stop:
            self.loaded = {"event": "failed", "reason": f"{stop.detail} while loading the file"}

    def _write(self, message: dict) -> None:
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            pass  # it died: the read that follows says how

    def _next(self, allowed: float, step: str) -> dict:
        """The child's next message, within ``allowed`` seconds."""
        deadline = time.monotonic() + allowed
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise Stopped(f"killed after {allowed:g} s {step} (an endless loop?)", "process")
            events = self.selector.select(timeout=min(left, 0.25))
            if not events and self.process.poll() is not None and not self._ready():
                raise self.ended()
            for key, _ in events:
                chunk = os.read(key.fd, 1 << 16)
                if key.data == "printed":
                    self.printed += len(chunk)
                    if not chunk:
                        self.selector.unregister(key.fileobj)
                elif chunk:
                    self.buffer += chunk
                    if len(self.buffer) > wire.MAX_LINE:
                        raise self.tampered("a message over 64 MB")
                else:
                    raise self.ended()
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            return wire.opened(self.secret, line)
        except wire.Tampered as exc:
            raise self.tampered(str(exc)) from None

    def ended(self) -> Stopped:
        """The child closed its results pipe: how it ended (its exit code once it is reaped, 2 s at most)."""
        try:
            self.process.wait(timeout=GRACE)
        except subprocess.TimeoutExpired:
            pass
        code = self.process.returncode
        self.kill()
        return Stopped(_describe_end(code), "process")

    def _ready(self) -> bool:
        return bool(self.selector.select(timeout=0))

    def settle(self) -> None:
        """Reads what the child printed before its last answer (it flushes before answering)."""
        while any(key.data == "printed" for key, _ in self.selector.select(timeout=0.01)):
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)  # type: ignore[union-attr]
            self.printed += len(chunk)
            if not chunk:
                self.selector.unregister(self.process.stdout)  # type: ignore[arg-type]
                break

    def request(self, message: dict, runner: Runner, budget: float) -> dict:
        if not self.alive:
            raise Stopped("the process had ended", "process")
        budget = max(budget, 0.05)
        start = time.monotonic()
        self._write({**message, "budget": budget})
        while True:
            answer = self._next(budget + GRACE - (time.monotonic() - start), "in the function")
            if "callback" in answer:
                self._write({"answer": runner.answer(answer)})
                continue
            if "reply" not in answer or type(answer["reply"]) is not dict:
                raise self.tampered(f"a message the checker's side would never send: {wire.brief(answer)}")
            runner.budget -= time.monotonic() - start
            stop = stopped(answer["reply"], self.limits.timeout)
            if stop is not None:
                raise stop
            return answer["reply"]

    def tampered(self, why: str) -> Stopped:
        self.kill()
        return Stopped(f"tampering: {why} (the child was stopped)", "process")

    def kill(self) -> None:
        if self.alive:
            self.alive = False
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)

    def close(self) -> None:
        self.kill()
        self.process.wait()
        self.settle()
        self.selector.close()
        os.close(self.results)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()  # type: ignore[union-attr]
            except OSError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)


def check_file(path: str | Path, week: str | None = None, framework: str = "numpy", model: str = "shallow_nn",
               activation: str = "tanh", limits: Limits = Limits(), sandbox: bool = True,
               others: frozenset[Path] = frozenset()) -> FileReport:
    """Every course function in one learner's file, each checked here against a child that holds the file (a new
    child after one died). ``others``: the batch's other submissions, never shown to this one's child."""
    path = Path(path)
    start = time.perf_counter()
    report = FileReport(str(path), isolation=confine.isolation(sandbox))
    hidden = {p.resolve() for p in others if p.resolve() != path.resolve()}
    children: list[Child] = []

    def started() -> Child:
        child = Child(path, framework, limits, sandbox, hidden)
        children.append(child)
        return child

    try:
        child = started()
        if child.loaded.get("event") != "loaded":
            report.error = str(child.loaded.get("reason", "the child said nothing"))
            return report
        loaded = child.loaded
        runner = Runner(child)
        try:
            found = Loaded(runner.learners(dict(loaded["facts"])), list(loaded["defined"]), dict(loaded["broken"]),
                           str(loaded["name"]))
            report.kind, report.skipped = str(loaded["kind"]), int(loaded["skipped"])
            report.notes += [str(n) for n in loaded["notes"]]
            chosen, functions = prepare(found, runner, week)
        except Stopped as stop:
            report.error = f"could not load the file: {stop.detail}"
            return report
        except (KeyError, TypeError, ValueError, wire.Tampered) as exc:
            report.error = f"tampering: the child's account of the file is not the checker's ({exc})"
            return report
        if loaded.get("processes"):
            report.notes.append(str(loaded["processes"]))
        report.week, report.functions, report.unchecked = chosen.week, chosen.names, chosen.unchecked
        report.notes += chosen.notes
        report.supplied = chosen.supplied
        checker = Checker(Context(framework=framework, model=model, activation=activation), chosen, functions)
        for item in chosen.functions:
            if not child.alive:  # the last function's child died: a new one for the rest
                child = started()
                runner.transport = child
                if child.loaded.get("event") != "loaded":
                    report.outcomes.append(Outcome(item.name, "process", ERROR, "a new child could not load the file"))
                    continue
                runner.resupply()
            runner.budget = limits.timeout
            printed = child.printed
            outcomes = checker.checked(item)
            child.settle()
            if child.printed - printed > limits.output_limit:
                megabytes = (child.printed - printed) / 1e6
                outcomes.append(Outcome(item.name, "output", ERROR, f"printed {megabytes:.1f} MB: flooded the output "
                                        f"(the limit is {limits.output_limit / 1e6:g} MB)"))
            report.outcomes += outcomes
        if child.alive:
            try:
                imports = runner.request({"op": "imports"}, 2.0).get("imports", {})
                report.imports.update({str(k): str(v) for k, v in dict(imports).items()})
            except Stopped:
                pass
        printed = sum(c.printed for c in children)
        if printed > 2 * limits.output_limit:
            report.notes.append(f"printed {printed / 1e6:.1f} MB in all (read and dropped)")
    finally:
        for child in children:
            child.close()
        report.seconds = time.perf_counter() - start
    return report


def check_files(paths: list[Path], jobs: int | None = None, progress=None, executor: Executor | None = None,
                **options) -> list[FileReport]:
    """``check_file`` over many files, ``jobs`` at a time (default: the machine's cores) or on ``executor`` (a Dask
    cluster's, cluster.py); reports in input order. No file's child is shown another file of the batch."""
    batch = frozenset(Path(p).resolve() for p in paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    if executor is not None:
        futures = [executor.submit(check_file, path, others=batch, **options) for path in paths]
        reports = []
        for future in futures:
            reports.append(future.result())
            if progress:
                progress(reports[-1])
        return reports

    def one(path: Path) -> FileReport:
        report = check_file(path, others=batch, **options)
        if progress:
            progress(report)
        return report

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, paths))

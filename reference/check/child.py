"""The child process that runs one learner's file: ``python -m reference.check.child`` (started by sandbox.py).

It reads its orders as JSON on stdin, loads the learner's functions (namespace.py), and checks them one at a
time, sending each event as a JSON line on the results pipe (a file descriptor the parent passed; the learner's
printing goes to stdout and stderr, which the parent only counts). Inside, each function runs under a timer
(SIGALRM), with stdout capped, after an address-space limit (RLIMIT_AS) has been set; ``sys.exit`` is caught.
What the child cannot survive (``os._exit``, a crash, a loop that swallows the timer) the parent sees as a
missing "end" event and reports for the function that was running.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import resource
import signal
import sys

OUTPUT_KEPT = 64 * 1024  # bytes of a function's printing passed on; the rest is only counted


class Timeout(BaseException):
    """Raised by the timer inside the learner's code (a BaseException, so ``except Exception`` can't swallow it)."""


class CountingStream(io.TextIOBase):
    """A stand-in for sys.stdout / sys.stderr that counts what is written and passes on the first bytes only."""

    def __init__(self, stream):
        self.stream, self.written = stream, 0

    def write(self, text):
        if self.written < OUTPUT_KEPT:
            self.stream.write(text[:OUTPUT_KEPT - self.written])
        self.written += len(text)
        return len(text)

    def flush(self):
        self.stream.flush()


def _on_alarm(signum, frame):
    raise Timeout


def limit_memory(megabytes: int) -> None:
    """At most ``megabytes`` of address space more than the process has now (Python, NumPy, the framework)."""
    with open("/proc/self/status") as status:
        size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _converter(framework: str):
    import numpy as np

    if framework == "numpy":
        return np.array, contextlib.nullcontext()
    from ..backends import get_backend

    backend = get_backend(framework)
    return (lambda array: backend.asarray(array, "float64")), backend.precision("float64")


def main() -> None:
    orders = json.loads(sys.stdin.read())
    results = os.fdopen(orders["results_fd"], "w", buffering=1)

    def send(**event) -> None:
        results.write(json.dumps(event) + "\n")
        results.flush()

    import numpy as np  # noqa: F401  (before the memory limit: it is part of every check)

    from . import modules, namespace, sources
    from .checks import Checker, prepare
    from .context import Context
    from .judge import ERROR, Outcome

    convert, precision = _converter(orders["framework"])
    limit_memory(orders["memory_mb"])
    signal.signal(signal.SIGALRM, _on_alarm)
    out, err = CountingStream(sys.stdout), CountingStream(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        signal.setitimer(signal.ITIMER_REAL, orders["load_timeout"])
        submission = sources.read(orders["path"])
        old = modules.restore_old_numpy([cell.source for cell in submission.cells])
        learner, notes, skipped = namespace.load(submission)
        if old:
            notes.append(f"uses {', '.join(old)}, which today's NumPy dropped: answered as the course's NumPy had them")
        signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        send(event="failed", reason=f"loading took more than {orders['load_timeout']} s (an endless loop at import?)")
        return
    except BaseException as exc:  # a file that cannot be read at all, or an exit during the imports
        signal.setitimer(signal.ITIMER_REAL, 0)
        send(event="failed", reason=f"could not load the file: {type(exc).__name__}: {exc}")
        return
    chosen, functions = prepare(learner, orders["week"])
    send(event="loaded", kind=submission.kind, week=chosen.week, functions=chosen.names, unchecked=chosen.unchecked,
         notes=notes + chosen.notes, skipped=skipped, supplied=chosen.supplied)
    ctx = Context(convert, learner, orders["framework"], orders["model"], orders["activation"])
    checker = Checker(ctx, chosen, functions)
    with precision:
        for item in chosen.functions:
            name = item.name
            if name in orders["skip"]:
                continue
            send(event="start", function=name)
            out.written = err.written = 0
            signal.setitimer(signal.ITIMER_REAL, orders["timeout"])
            try:
                outcomes = checker.check(item)
            except Timeout:
                outcomes = [Outcome(name, "call", ERROR, f"timed out after {orders['timeout']:g} s (an endless loop?)")]
            except SystemExit as exc:
                outcomes = [Outcome(name, "call", ERROR, f"called sys.exit({exc.code!r}): a function must return, "
                                                         "not end the program")]
            except BaseException as exc:  # KeyboardInterrupt, GeneratorExit raised by the learner's code
                outcomes = [Outcome(name, "call", ERROR, f"raised {type(exc).__name__}: {exc}")]
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            printed = out.written + err.written
            if printed > orders["output_limit"]:
                outcomes.append(Outcome(name, "output", ERROR, f"printed {printed / 1e6:.1f} MB: flooded the output "
                                                               f"(the limit is {orders['output_limit'] / 1e6:g} MB)"))
            sys.stdout.flush()
            send(event="end", function=name, outcomes=[dataclasses.asdict(o) for o in outcomes])
    finder = modules.current()
    send(event="done", imports=dict(finder.used) if finder else {})


if __name__ == "__main__":
    main()

"""The child process that holds one learner's file: ``python -m rosetta_kit`` (started by sandbox.py).

Its orders come as the first JSON line on stdin: the file, the framework, the memory limit, the run's secret.
It imports NumPy (and the framework), sets its limits (limits.py), loads the learner's functions (namespace.py)
and says what it found; then it answers requests (serve.py), one JSON line each on stdin, each answer a sealed
line on the results pipe (a descriptor of its own; the learner's printing goes to stdout and stderr, which the
parent only counts). Each request runs under a timer (SIGALRM) for the time the parent allows it; ``sys.exit``
and the other BaseExceptions are answered as what they are. What it cannot survive (``os._exit``, a crash, a
loop that swallows the timer) the parent sees as a missing answer.

Started without bubblewrap, it first forks: the process the parent started only waits, so that a learner's
``os.kill(os.getppid(), ...)`` reaches that guard, never the checker.
"""

from __future__ import annotations

import json
import os
import signal
import sys


class Timeout(BaseException):
    """Raised by the timer inside the learner's code (a BaseException, so ``except Exception`` can't swallow it)."""


def _on_alarm(signum, frame):
    raise Timeout


def _guard() -> None:
    """Fork; the parent half waits for the child half and ends as it ended."""
    pid = os.fork()
    if pid == 0:
        return
    os.closerange(0, 4096)
    _, status = os.waitpid(pid, 0)
    os._exit(os.waitstatus_to_exitcode(status) % 256)


def main() -> None:
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    orders = json.loads(requests.readline())
    if orders.get("guard"):
        _guard()
    secret, results = orders["secret"], orders["results_fd"]
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # the learner's code reads nothing of the parent's requests
    sys.stdin = open(os.devnull)  # noqa: SIM115

    def send(**message) -> None:
        data = wire.seal(secret, message)
        while data:
            data = data[os.write(results, data):]

    def ask(message: dict) -> dict:
        """A call back to the parent (serve.py's stubs): its answer is the next line on stdin."""
        send(**message)
        line = requests.readline()
        if not line:
            raise SystemExit(0)
        return json.loads(line)["answer"]

    import numpy as np  # noqa: F401  (before the limits: every check needs it)

    from . import limits, modules, namespace, serve, sources, wire

    server_framework = orders["framework"]
    if server_framework != "numpy":
        serve._converter(server_framework)  # the framework's import, before the memory limit
    limits.memory(orders["memory_mb"])
    limits.files()
    processes = limits.no_new_processes()
    signal.signal(signal.SIGALRM, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, orders["load_timeout"])
        submission = sources.read(orders["path"])
        old = modules.restore_old_numpy([cell.source for cell in submission.cells])
        learner, notes, skipped = namespace.load(submission)
        if old:
            notes.append(f"uses {', '.join(old)}, which today's NumPy dropped: answered as the course's NumPy had them")
        server = serve.Server(learner, server_framework, ask)
        loaded = {"kind": submission.kind, "notes": notes, "skipped": skipped, "defined": sorted(learner),
                  "broken": learner.get(namespace.BROKEN, {}), "name": learner.get("__name__"),
                  "facts": server.facts(), "processes": processes}
        signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        send(event="failed", reason=f"loading took more than {orders['load_timeout']} s (an endless loop at import?)")
        return
    except BaseException as exc:  # a file that cannot be read at all, or an exit during the imports
        signal.setitimer(signal.ITIMER_REAL, 0)
        send(event="failed", reason=f"could not load the file: {type(exc).__name__}: {exc}")
        return
    send(event="loaded", **loaded)
    while line := requests.readline():
        request = json.loads(line)
        if "answer" in request:  # the answer to a call back that its request's timer cut short
            continue
        if request["op"] == "imports":
            finder = modules.current()
            send(reply={"imports": dict(finder.used) if finder else {}})
            continue
        signal.setitimer(signal.ITIMER_REAL, max(float(request.get("budget", 10.0)), 0.01))
        try:
            answer = server.handle(request)
        except Timeout:
            answer = {"timeout": True}
        except SystemExit as exc:
            answer = {"exit": repr(exc.code)}
        except BaseException as exc:  # KeyboardInterrupt, GeneratorExit raised by the learner's code
            answer = {"aborted": f"raised {type(exc).__name__}: {wire.brief(str(exc))}"}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout.flush()
        send(reply=answer)


if __name__ == "__main__":
    main()

"""The frameworks' C++ log lines kept out of a notebook's output and out of the commands'.

TensorFlow and XLA log from C++ straight to file descriptor 2, through absl (``I0000 00:00:17... port.cc:153]
oneDNN custom operations are on ...``, ``W0000 ... Not handling type DT_DOUBLE``), which ``TF_CPP_MIN_LOG_LEVEL``
no longer silences; a Jupyter kernel shows whatever reaches descriptor 2 under the cell that runs. ``framework_logs``
puts a pipe on descriptor 2 and a thread that passes every line on except those in the frameworks' log formats.
Python's own warnings and tracebacks, written to ``sys.stderr``, are untouched.

The commands instead silence descriptor 2 outright while a framework loads or traces (``quiet_stderr``,
``load_backends``), and pass on what it held only when the block fails.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading

from .backends import get_backend

LOG_LINE = re.compile(
    rb"^(?:[IWEF]\d{4} \d\d:\d\d:[\d.]+\s+\d+ [\w./-]+:\d+\]"               # absl: I0000 00:00:17.8 4570 port.cc:153]
    rb"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] "                         # TensorFlow's older format
    rb"|WARNING: All log messages before absl::InitializeLog\(\) is called"  # absl's first line
    rb"|To enable the following instructions: .* rebuild TensorFlow)")       # cpu_feature_guard's second line

_installed = False


def framework_logs() -> None:
    """Drop the frameworks' C++ log lines from descriptor 2 from now on (once per process)."""
    global _installed
    if _installed:
        return
    read, write = os.pipe()
    passed = os.dup(2)
    os.dup2(write, 2)
    os.close(write)

    def pump():
        with os.fdopen(read, "rb") as lines:
            for line in lines:
                if not LOG_LINE.match(line):
                    os.write(passed, line)

    threading.Thread(target=pump, name="framework-log-filter", daemon=True).start()
    _installed = True


@contextlib.contextmanager
def quiet_stderr():
    """Send file descriptor 2 to a temporary file (TensorFlow and XLA log to it from C++ on import).

    What was written is passed on if the block fails, so that nothing that explains a failure is lost.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        except BaseException:
            os.dup2(saved, 2)
            sink.seek(0)
            sys.stderr.write(sink.read().decode(errors="replace"))
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def load_backends(names) -> None:
    """Import each backend's framework with its import-time log lines kept off stderr.

    Raises with the extra to install when a framework is missing (reference/backends.py).
    """
    for name in names:
        with quiet_stderr():
            get_backend(name)

"""The frameworks' C++ log lines kept out of a notebook's output; everything else on stderr passes.

TensorFlow and XLA log from C++ straight to file descriptor 2, through absl (``I0000 00:00:17... port.cc:153]
oneDNN custom operations are on ...``, ``W0000 ... Not handling type DT_DOUBLE``), which ``TF_CPP_MIN_LOG_LEVEL``
no longer silences; a Jupyter kernel shows whatever reaches descriptor 2 under the cell that runs. ``framework_logs``
puts a pipe on descriptor 2 and a thread that passes every line on except those in the frameworks' log formats.
Python's own warnings and tracebacks, written to ``sys.stderr``, are untouched.
"""

from __future__ import annotations

import os
import re
import threading

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

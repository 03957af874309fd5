"""The training runs' progress on stderr: rich's bar on a terminal, one plain line per run elsewhere.

The bar is weighted by iterations, so that a 10000-iteration run moves it further than a 100-iteration one; it
shows the run in progress and the time since the first. Piped (a log, a CI job, tests), each run writes one line
as it starts: ``  training shallow_nn on torch (10000 iterations) ...``. rich is imported only for the bar.
"""

from __future__ import annotations

import sys


class Progress:
    """Progress over ``total`` iterations of training runs; ``step`` as each run starts, ``close`` at the end."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.total, self.current = max(total, 1), 0
        self.enabled = enabled
        self.bar = None
        if enabled and self.stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar
            from rich.table import Column

            label = TextColumn("{task.description}", table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis"))
            # the bar first and never squeezed, the label cut to the terminal's width; stdout and stderr stay where
            # they were (a piped table must not land on the terminal's bar)
            self.bar = Bar(BarColumn(bar_width=24), TaskProgressColumn(), TimeElapsedColumn(), label, expand=True,
                           console=Console(file=self.stream, force_terminal=True), redirect_stdout=False,
                           redirect_stderr=False, refresh_per_second=4)
            self.task = self.bar.add_task("", total=self.total)
            self.bar.start()

    def step(self, label: str, iterations: int) -> None:
        """A run of ``iterations`` starts (the one before it has finished)."""
        if self.bar is not None:
            self.bar.update(self.task, advance=self.current, description=f"{label} ({iterations} it.)", refresh=True)
        elif self.enabled:
            print(f"  training {label} ({iterations} iterations) ...", file=self.stream, flush=True)
        self.current = iterations

    def close(self) -> None:
        """Every run has finished (or one failed): the bar full, with the total time, and the terminal's line ended."""
        if self.bar is not None:
            self.bar.update(self.task, completed=self.total, description="done")
            self.bar.stop()
            self.bar = None

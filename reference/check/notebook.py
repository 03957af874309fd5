"""``rosetta check`` inside the learner's own notebook: ``%load_ext reference.check``, then ``%rosetta_check``.

``%rosetta_check`` checks every course function the kernel defines, ``%rosetta_check L_model_backward`` the
ones named (``--week app`` to say which assignment), in place: the same plan, checks and oracle as the command,
on the kernel's own functions, with the kernel's own helpers. It is the learner's own code in the learner's own
kernel, so it runs there, with no sandbox; NumPy's global generator is put back as it was. The result shows as
an HTML table in Jupyter and as text elsewhere; ``check_here(globals())`` does the same from code.
"""

from __future__ import annotations

import html
import shlex
from dataclasses import dataclass, field
from types import FunctionType

import numpy as np

from .checks import Checker, plan
from .context import Context
from .course_api import WEEKS
from .judge import ERROR, FAIL, FOLLOWS, PASS, WARN, Outcome
from .report import outcome_lines
from .runner import local

_COLOURS = {PASS: "#1a7f37", WARN: "#9a6700", FAIL: "#cf222e", ERROR: "#cf222e", FOLLOWS: "#57606a"}


@dataclass
class KernelReport:
    week: str
    functions: list[str]
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def summary(self) -> str:
        words = {PASS: ("passed", "passed"), WARN: ("warning", "warnings"), FAIL: ("failed", "failed"),
                 ERROR: ("error", "errors"),
                 FOLLOWS: ("follows from another's mistake", "follow from another's mistake")}
        return ", ".join(f"{self.count(s)} {one if self.count(s) == 1 else many}" for s, (one, many) in words.items()
                         if self.count(s) or s in (PASS, FAIL))

    def __str__(self) -> str:
        head = [f"rosetta check: {self.week}, {WEEKS[self.week]}: {', '.join(self.functions) or 'no course functions'}",
                *(f"  note: {note}" for note in self.notes)]
        return "\n".join([*head, "", *outcome_lines(self.outcomes), "", self.summary()])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<tr><td style="color:{_COLOURS[o.status]};font-weight:bold">{o.status}</td><td><code>'
            f"{html.escape(o.function)}</code></td><td>{html.escape(o.quantity)}</td>"
            f'<td style="text-align:left">{html.escape(o.detail)}</td></tr>' for o in self.outcomes)
        notes = "".join(f"<li>{html.escape(note)}</li>" for note in self.notes)
        return (f"<div><b>rosetta check</b>: {html.escape(WEEKS[self.week])}"
                + (f"<ul>{notes}</ul>" if notes else "")
                + "<table><tr><th>status</th><th>function</th><th>quantity</th><th>detail</th></tr>"
                + f"{rows}</table><p>{html.escape(self.summary())}</p></div>")


def kernel_functions(namespace: dict) -> dict[str, FunctionType]:
    """The functions defined in the kernel itself (not imported from a module)."""
    module = namespace.get("__name__", "__main__")
    return {name: value for name, value in namespace.items()
            if isinstance(value, FunctionType) and value.__module__ == module and not name.startswith("_")}


def check_here(namespace: dict, names: list[str] | tuple[str, ...] = (), week: str | None = None) -> KernelReport:
    """Check the course functions ``namespace`` (a notebook's ``globals()``) defines, or those in ``names``."""
    functions = kernel_functions(namespace)
    unknown = [name for name in names if name not in functions]
    if unknown:
        raise ValueError(f"names: expected functions this kernel defines ({', '.join(functions) or 'none'}), "
                         f"got {', '.join(unknown)}")
    if week is not None and week not in WEEKS:
        raise ValueError(f"week: expected one of {', '.join(WEEKS)}, got {week!r}")
    _, learners = local(namespace, functions=functions)
    chosen = plan(learners, week)
    chosen.functions = [item for item in chosen.functions if not names or item.name in names]
    checker = Checker(Context(), chosen, learners)
    state = np.random.get_state()  # noqa: NPY002  (the checks seed the learner's global generator)
    try:
        outcomes = [o for item in chosen.functions for o in checker.checked(item)]
    finally:
        np.random.set_state(state)  # noqa: NPY002
    return KernelReport(chosen.week, chosen.names, outcomes, chosen.notes)


def rosetta_check(line: str, namespace: dict) -> KernelReport:
    """The ``%rosetta_check [NAME ...] [--week WEEK]`` line magic."""
    words = shlex.split(line)
    week = None
    if "--week" in words:
        at = words.index("--week")
        if at + 1 >= len(words):
            raise ValueError(f"--week: expected one of {', '.join(WEEKS)}, got nothing")
        week = words[at + 1]
        del words[at:at + 2]
    return check_here(namespace, words, week)


def load_ipython_extension(ipython) -> None:
    """Registers ``%rosetta_check`` (``%load_ext reference.check``)."""

    def magic(line: str = ""):
        try:
            return rosetta_check(line, ipython.user_ns)
        except ValueError as exc:
            print(f"rosetta_check: {exc}")
            return None

    ipython.register_magic_function(magic, magic_kind="line", magic_name="rosetta_check")

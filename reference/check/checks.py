"""Which of a learner's functions get checked, and how: the week, then each function with that week's check.

``plan`` decides (the week is detected from the names a file defines, or given); ``check_function`` runs one
check and turns whatever the learner's code does (raises, returns something else) into outcomes. Both run in
the child process (child.py); tests call them directly on trusted code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import course_api, project, week2, week3, week4
from .context import Context
from .judge import Outcome, collect

CHECKS: dict[str, dict[str, Callable]] = {"week2": week2.CHECKS, "week3": week3.CHECKS, "week4": week4.CHECKS,
                                          "app": week4.APP_CHECKS, "project": project.CHECKS}


@dataclass
class Plan:
    week: str
    functions: list[tuple[str, str]] = field(default_factory=list)  # (name, week whose check it gets)
    unchecked: list[str] = field(default_factory=list)              # the learner's other functions


def plan(functions: Mapping[str, Callable], week: str | None = None) -> Plan:
    week = week or course_api.detect_week(functions)
    result = Plan(week)
    for name, fn in functions.items():
        entry = course_api.entry_for(week, name, fn)
        if entry is not None and name in CHECKS[entry.week]:
            result.functions.append((name, entry.week))
        else:
            result.unchecked.append(name)
    order = {name: i for i, name in enumerate(course_api.names(week))}
    result.functions.sort(key=lambda item: order.get(item[0], len(order)))
    return result


def check_function(ctx: Context, name: str, week: str, fn: Callable) -> list[Outcome]:
    """One function's outcomes; a raise or an unreadable result ends its check as an ERROR, never the run."""
    return collect(name, CHECKS[week][name](ctx, fn))


def check_functions(functions: dict[str, Callable], week: str | None = None, ctx: Context | None = None
                    ) -> tuple[Plan, list[Outcome]]:
    """Every course function in ``functions``, in this process: for trusted code (the project's own modules)."""
    chosen = plan(functions, week)
    ctx = ctx or Context(namespace=dict(functions))
    outcomes = [o for name, owner in chosen.functions for o in check_function(ctx, name, owner, functions[name])]
    return chosen, outcomes

"""Stand-in for every test-case module of the course (testCases, testCases_v2 ... v4a, public_tests, test_utils).

A learner's notebook imports them (``from testCases_v4a import *``, ``from public_tests import sigmoid_test``) and
calls them only in top-level cells, which the checker does not run. So any name is answered with a function that
does nothing, and ``import *`` brings nothing.
"""

__all__: list[str] = []


def _does_nothing(*args, **kwargs):
    return None


def __getattr__(name: str):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _does_nothing
